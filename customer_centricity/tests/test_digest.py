# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CustomerCentricityCase

KPIS = (
    "kpi_customer_contact_days",
    "kpi_customer_feedback_answers",
    "kpi_customer_feedback_nps",
    "kpi_customer_feedback_late",
    "kpi_customer_contact_gap",
    "kpi_customer_value_at_risk",
)


def month_start(day):
    return day.replace(day=1)


def month_end(day):
    return month_start(month_start(day) + timedelta(days=32)) - timedelta(days=1)


@tagged("post_install", "-at_install")
class TestDigest(CustomerCentricityCase):
    """The digest's customer-centricity KPIs on figures built by hand.

    A company of its own, so that demo data cannot change the figures. Lena
    leads the team of Anna and Ben; Carl is in another team; Olga is a
    Customer Centricity manager (the owner). The period is last month
    (``month``), the month before it (``month_before``) holds what must not
    count. Dates follow today's date, because the reports compare with the
    database's clock (tracked months, "not contacted lately").
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = cls.env["res.company"].create(
            {"name": "Juwelier Digest", "customer_contact_lapse_days": 90}
        )
        user_group = "customer_centricity.group_customer_centricity_user"
        manager_group = "customer_centricity.group_customer_centricity_manager"

        def person(login, name, groups=user_group):
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                name=name,
                tz="UTC",
                email=f"{login}@example.com",
                company_id=cls.shop.id,
                company_ids=[cls.shop.id],
            )

        cls.leader = person("dg_lena", "Lena")
        cls.anna = person("dg_anna", "Anna Digest")
        cls.ben = person("dg_ben", "Ben Digest")
        cls.carl = person("dg_carl", "Carl Digest")
        cls.owner = person("dg_olga", "Olga", manager_group)
        north, south = cls.env["crm.team"].create(
            [
                {
                    "name": "Team Nord",
                    "user_id": cls.leader.id,
                    "company_id": cls.shop.id,
                },
                {"name": "Team Süd", "company_id": cls.shop.id},
            ]
        )
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": north.id, "user_id": cls.anna.id},
                {"crm_team_id": north.id, "user_id": cls.ben.id},
                {"crm_team_id": south.id, "user_id": cls.carl.id},
            ]
        )
        # customers and their salespeople
        (
            cls.c_anna,
            cls.c_ben,
            cls.c_carl,
            cls.c_dora,
            cls.c_emil,
        ) = cls.env["res.partner"].create(
            [
                {"name": name, "is_company": True, "user_id": user.id}
                for name, user in (
                    ("Goldschmiede Aigner", cls.anna),
                    ("Uhren Brandl", cls.ben),
                    ("Perlen Czerny", cls.carl),
                    ("Schmuck Doppler", cls.carl),
                    ("Ringe Eder", cls.ben),
                )
            ]
        )

        today = fields.Date.today()
        cls.month = month_start(month_start(today) - timedelta(days=1))
        cls.month_before = month_start(cls.month - timedelta(days=1))
        month_2 = month_start(cls.month_before - timedelta(days=1))

        def day(month, number):
            return month + timedelta(days=number - 1)

        # contacts: Anna 2 customer days (target 2), Ben a visit (0 of 1),
        # Carl 1 customer day (1 of 1); the owner is tracked without any (0 of 1)
        shop = {"company_id": cls.shop.id}
        cls.env["customer.contact.target"].create(
            {"user_id": cls.anna.id, "customer_days": 2, **shop}
        )
        for user, partner, kind, date_start in (
            (cls.anna, cls.c_anna, "customer_day", day(cls.month, 10)),
            (cls.anna, cls.c_anna, "customer_day", day(cls.month, 11)),
            (cls.anna, cls.c_anna, "visit", day(cls.month, 12)),
            (cls.ben, cls.c_anna, "visit", day(cls.month, 13)),
            (cls.carl, cls.c_carl, "customer_day", day(cls.month, 14)),
            (cls.anna, cls.c_anna, "customer_day", day(cls.month_before, 10)),
            (cls.carl, cls.c_dora, "visit", today - timedelta(days=200)),
        ):
            cls._contact(
                user=user,
                partner_id=partner.id,
                kind=kind,
                date_start=f"{date_start} 09:00:00",
                **shop,
            )

        # customer answers: the account manager is the customer's salesperson
        Feedback = cls.env["customer.feedback"]
        cls.answers = Feedback.create(
            [
                {
                    "partner_id": partner.id,
                    "date": date,
                    "nps_score": nps,
                    "csat_score": csat,
                    **shop,
                }
                for partner, date, nps, csat in (
                    (cls.c_anna, day(cls.month, 15), "10", False),
                    (cls.c_ben, day(cls.month, 16), "3", False),  # detractor
                    (cls.c_carl, day(cls.month, 17), "9", False),
                    (cls.c_ben, day(cls.month, 18), False, "5"),  # no NPS
                    (cls.c_anna, day(cls.month, 19), "10", False),
                    (cls.c_anna, day(cls.month_before, 15), "9", False),
                )
            ]
        )
        # late follow-ups: Ben's detractor and one on Carl's customer
        detractor, carls = cls.answers[1], cls.answers[2]
        detractor.activity_ids.date_deadline = today - timedelta(days=3)
        carls.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today - timedelta(days=2),
            user_id=cls.carl.id,
        )

        # importance: Ben's customer was never contacted, Doppler 200 days ago;
        # Eder has no value, so it is not important
        cls.env["customer.value"].create(
            [
                {"partner_id": partner.id, "ranking_value": value, **shop}
                for partner, value in (
                    (cls.c_anna, 5000),
                    (cls.c_ben, 3000),
                    (cls.c_carl, 1000),
                    (cls.c_dora, 2000),
                    (cls.c_emil, 0),
                )
            ]
        )

        # segments: into "at risk" last month Aigner (Anna), Czerny (Carl)
        # and Eder (Ben); Brandl stayed (moved the month before), Doppler is new
        cls.env["customer.value.snapshot"].create(
            [
                {
                    "partner_id": partner.id,
                    "month": month,
                    "segment": segment,
                    "predicted_clv": 100.0,
                    **shop,
                }
                for partner, month, segment in (
                    (cls.c_ben, month_2, "loyal"),
                    (cls.c_anna, cls.month_before, "loyal"),
                    (cls.c_ben, cls.month_before, "at_risk"),
                    (cls.c_carl, cls.month_before, "hibernating"),
                    (cls.c_emil, cls.month_before, "champions"),
                    (cls.c_anna, cls.month, "at_risk"),
                    (cls.c_ben, cls.month, "at_risk"),
                    (cls.c_carl, cls.month, "at_risk"),
                    (cls.c_dora, cls.month, "at_risk"),
                    (cls.c_emil, cls.month, "at_risk"),
                )
            ]
        )

        cls.digest = cls.env["digest.digest"].create(
            {
                "name": "Wochenbericht Juwelier Digest",
                "company_id": cls.shop.id,
                "periodicity": "weekly",
                **dict.fromkeys(KPIS, True),
            }
        )

    def _kpis(self, user, month=None):
        """The KPI values as ``user`` reads them, for a whole month.

        The period runs from noon of the day before the month to noon of its
        last day, the way the digest passes "the last 30 days".
        """
        month = month or self.month
        digest = (
            self.digest.with_user(user)
            .with_company(self.shop)
            .with_context(
                start_datetime=datetime.combine(month - timedelta(days=1), time(12)),
                end_datetime=datetime.combine(month_end(month), time(12)),
            )
        )
        return {kpi: round(digest[f"{kpi}_value"], 2) for kpi in KPIS}

    def _figures(self, days, answers, nps, late, gap, at_risk):
        return dict(zip(KPIS, (days, answers, nps, late, gap, at_risk), strict=True))

    # ------------------------------------------------------------------
    def test_the_weekly_template(self):
        template = self.env.ref("customer_centricity.digest_digest_weekly")
        self.assertEqual(template.name, "Customer centricity: weekly digest")
        self.assertEqual(template.periodicity, "weekly")
        self.assertEqual(sorted(template._get_kpi_fields()), sorted(KPIS))
        arch = self.env["digest.digest"].get_view(view_type="form")["arch"]
        for kpi in KPIS:
            self.assertIn(f'name="{kpi}"', arch)

    def test_the_owner_figures_of_the_month(self):
        self.assertEqual(
            self._kpis(self.owner),
            self._figures(
                # Anna 2 + Ben 0 + Carl 1 + Olga 0 of 2 + 1 + 1 + 1
                days=60.0,
                answers=5,
                # +100 +100 -100 +100 (the fifth answer has no NPS)
                nps=50.0,
                late=2,
                gap=2,  # Brandl (never), Doppler (200 days ago)
                at_risk=3,  # Aigner, Czerny, Eder
            ),
        )

    def test_only_the_period_counts(self):
        self.assertEqual(
            self._kpis(self.owner, self.month_before),
            self._figures(
                days=33.33,  # Anna 1 of 2, Olga 0 of 1
                answers=1,
                nps=100.0,
                late=2,  # overdue today, whatever the period
                gap=2,  # today's list, whatever the period
                at_risk=1,  # Brandl
            ),
        )

    def test_a_team_leader_sees_the_team_the_owner_everything(self):
        self.assertEqual(
            self._kpis(self.leader),
            self._figures(
                days=66.67,  # Anna 2 of 2, Ben 0 of 1; not Carl, not Olga
                answers=4,  # not Carl's customer
                nps=33.33,  # +100 -100 +100
                late=1,  # Ben's detractor
                gap=2,  # the list is the company's for everyone
                at_risk=2,  # Aigner (Anna), Eder (Ben)
            ),
        )
        self.assertEqual(self._kpis(self.owner)["kpi_customer_feedback_answers"], 5)

    def test_an_employee_sees_their_own_figures(self):
        self.assertEqual(
            self._kpis(self.ben),
            self._figures(days=0.0, answers=2, nps=-100.0, late=1, gap=2, at_risk=1),
        )

    def test_each_kpi_opens_what_it_counts(self):
        menu = self.env.ref("customer_centricity.customer_centricity_menu_root")
        actions = self.digest._compute_kpis_actions(self.shop, self.owner)
        for kpi in KPIS:
            xmlid, __, query = actions[kpi].partition("?")
            self.assertTrue(self.env.ref(xmlid)._name.startswith("ir.actions."))
            self.assertEqual(query, f"menu_id={menu.id}")
        late = self.env.ref(
            "customer_centricity.customer_feedback_action_late_follow_up"
        )
        self.assertIn("'search_default_overdue': 1", late.context)
        # the at-risk link lists the moves the KPI counts, in every month
        at_risk = self.env.ref(
            "customer_centricity.customer_value_movement_report_action_at_risk"
        )
        for user, customers in (
            (self.owner, self.c_anna | self.c_ben | self.c_carl | self.c_emil),
            (self.leader, self.c_anna | self.c_ben | self.c_emil),
        ):
            as_user = {"allowed_company_ids": [self.shop.id]}
            action = at_risk.with_user(user).with_context(**as_user).run()
            moves = (
                self.env[action["res_model"]]
                .with_user(user)
                .with_context(**as_user)
                .search(action["domain"])
            )
            self.assertEqual(moves.partner_id, customers, user.name)
            self.assertEqual(action["views"][0], (False, "list"))

    def test_the_digest_is_rendered_and_queued_per_recipient(self):
        # an answer of today, so that "Last 24 hours" has one
        self.env["customer.feedback"].create(
            {
                "partner_id": self.c_anna.id,
                "company_id": self.shop.id,
                "date": fields.Date.today(),
                "nps_score": "10",
            }
        )
        self.digest.user_ids = [Command.set((self.owner | self.leader).ids)]
        self.digest.action_send()
        subject = f"{self.shop.name}: {self.digest.name}"
        labels = {kpi: self.digest._fields[kpi].string for kpi in KPIS}
        for user, late in ((self.owner, "2"), (self.leader, "1")):
            mail = self.env["mail.mail"].search(
                [("subject", "=", subject), ("email_to", "ilike", user.email)]
            )
            self.assertEqual(len(mail), 1, user.name)
            self.assertEqual(mail.state, "outgoing")
            body = html.fromstring(mail.body_html)
            for kpi in KPIS:
                (table,) = body.xpath(f"//table[@data-field='{kpi}']")
                self.assertIn(labels[kpi], table.text_content())
            self.assertEqual(
                self._cells(body, "kpi_customer_feedback_late"), [late] * 3
            )
            self.assertEqual(self._cells(body, "kpi_customer_contact_gap"), ["2"] * 3)
            self.assertEqual(self._cells(body, "kpi_customer_feedback_answers")[0], "1")
            self.assertEqual(
                self._cells(body, "kpi_customer_feedback_nps")[0], "100.00"
            )

    def _cells(self, body, kpi):
        """The values of a KPI's three columns (24 hours, 7 days, 30 days)."""
        return [
            span.text_content().strip()
            for span in body.xpath(
                f"//table[@data-field='{kpi}']"
                "//span[contains(concat(' ', @class, ' '), ' kpi_value ')]"
            )
        ]

    def test_an_employee_cannot_change_the_digest(self):
        for user in self.ben | self.leader:
            digest = self.digest.with_user(user)
            self.assertTrue(digest.kpi_customer_feedback_nps)  # may read it
            with self.assertRaises(AccessError):
                digest.write({"kpi_customer_feedback_nps": False})
            with self.assertRaises(AccessError):
                digest.unlink()
            with self.assertRaises(AccessError):
                self.env["digest.digest"].with_user(user).create({"name": "Meiner"})
        self.assertTrue(self.digest.kpi_customer_feedback_nps)
