# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import random
from datetime import date, datetime, time, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CustomerCentricityCase

USER_GROUP = "customer_centricity.group_customer_centricity_user"
MANAGER_GROUP = "customer_centricity.group_customer_centricity_manager"
# Recompute days of the scenario (see _shop): X is a champion on T1, at risk
# on T2, a champion again on T3 (it bought on July 15) and can't lose on T4.
T1, T2, T3, T4 = (
    date(2026, 3, 2),
    date(2026, 6, 30),
    date(2026, 7, 16),
    date(2026, 11, 30),
)


@tagged("post_install", "-at_install")
class TestValueTriggers(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_company = cls.company
        # without prediction (too little history): segments and tiers only
        cls.shop = cls.env["res.company"].create(
            {"name": "Juwelier Linz", "clv_min_repeat_customers": 1000}
        )
        companies = [cls.shop.id, cls.main_company.id]
        cls.seller = new_test_user(
            cls.env,
            "cc_trigger_seller",
            groups=USER_GROUP,
            name="Sandra",
            lang="de_DE" if cls._german_installed() else "en_US",
            company_id=cls.shop.id,
            company_ids=companies,
        )
        cls.shop_manager = new_test_user(
            cls.env,
            "cc_trigger_manager",
            groups=MANAGER_GROUP,
            name="Maria",
            company_id=cls.shop.id,
            company_ids=companies,
        )
        cls.Value = cls.env["customer.value"]
        cls.alert_type = cls.env.ref("customer_centricity.mail_activity_value_alert")

    @classmethod
    def _german_installed(cls):
        return bool(cls.env["res.lang"]._lang_get("de_DE"))

    # ------------------------------------------------------------------
    # Scenario: ten customers of the shop
    # ------------------------------------------------------------------
    def _shop(self):
        """X: the best customer, buys every 3 days until March 1 and once on
        July 15; Y: the same rhythm for 1 € (never a top customer); Z: weekly
        all year (second by value, always recent); seven others buy on
        January 20, April 15 and October 15."""
        Partner = self.env["res.partner"]
        self.x = Partner.create({"name": "Kundin X", "user_id": self.seller.id})
        self.y = Partner.create({"name": "Kunde Y", "user_id": self.seller.id})
        self.z = Partner.create({"name": "Kunde Z", "user_id": self.seller.id})
        others = Partner.create([{"name": f"Kunde {i}"} for i in range(7)])
        rows = []
        for k in range(20):
            day = date(2026, 3, 1) - timedelta(days=3 * k)
            rows += [(self.x, day, 500), (self.y, day, 1)]
        rows.append((self.x, date(2026, 7, 15), 500))
        day = date(2026, 1, 3)
        while day <= date(2026, 12, 31):
            rows.append((self.z, day, 200))
            day += timedelta(days=7)
        for partner in others:
            rows += [
                (partner, date(2026, 1, 20), 50),
                (partner, date(2026, 4, 15), 50),
                (partner, date(2026, 10, 15), 50),
            ]
        self.env["customer.value.history"].create(
            [
                {
                    "partner_id": partner.id,
                    "date": day,
                    "amount": amount,
                    "company_id": self.shop.id,
                }
                for partner, day, amount in rows
            ]
        )

    def _recompute(self, day, company=None):
        company = company or self.shop
        self.Value._recompute_company(company, today=day)
        return self.Value._signal_value_moves(company)

    def _value(self, partner):
        return self.Value.search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.shop.id)]
        )

    def _alerts(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.alert_type.id),
            ]
        )

    # ------------------------------------------------------------------
    def test_scenario_segments(self):
        self._shop()
        self._recompute(T1)
        self.assertEqual(
            [self._value(p).segment for p in (self.x, self.y, self.z)],
            ["champions", "champions", "loyal"],
        )
        self.assertEqual(self._value(self.x).tier, "top10")
        self.assertEqual(self._value(self.z).tier, "top20")
        self.assertEqual(self._value(self.y).tier, "other")
        self._recompute(T2)
        self.assertEqual(self._value(self.x).segment, "at_risk")
        self.assertEqual(self._value(self.y).segment, "at_risk")
        self._recompute(T3)
        self.assertEqual(self._value(self.x).segment, "champions")
        self._recompute(T4)
        self.assertEqual(self._value(self.x).segment, "cant_lose")
        self.assertEqual(self._value(self.z).segment, "champions")

    def test_first_check_only_records_the_state(self):
        self._shop()
        self._recompute(T2)  # X is at risk already: no move seen
        self.assertFalse(self._alerts(self.x | self.y | self.z))
        self.assertEqual(self._value(self.x).watched_segment, "at_risk")

    def test_a_move_alerts_once_and_never_twice(self):
        self._shop()
        self.assertFalse(self._recompute(T1))
        moves = self._recompute(T2)
        self.assertEqual([move["partner_id"] for move in moves], [self.x.id])
        alert = self._alerts(self.x)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.seller)
        # three days from the user's today (in the user's time zone)
        self.assertEqual(
            alert.date_deadline,
            fields.Date.context_today(self.Value) + timedelta(days=3),
        )
        at_risk = "Gefährdet" if self.seller.lang == "de_DE" else "At risk"
        self.assertIn(at_risk, alert.note)
        self.assertIn("→", alert.note)
        # the same state again: nothing new
        self.assertFalse(self._recompute(T2))
        self.assertEqual(self._alerts(self.x), alert)
        # Y moved the same way but is no top customer
        self.assertFalse(self._alerts(self.y | self.z))

    def test_a_new_move_after_moving_back_alerts_again(self):
        self._shop()
        self._recompute(T1)
        self._recompute(T2)
        first = self._alerts(self.x)
        first.action_feedback(feedback="Called, all fine")
        self.assertFalse(self._recompute(T3))  # back to champions
        self.assertFalse(self._alerts(self.x))
        moves = self._recompute(T4)
        self.assertEqual([move["partner_id"] for move in moves], [self.x.id])
        second = self._alerts(self.x)
        self.assertEqual(len(second), 1)
        self.assertEqual(moves[0]["segment"], "cant_lose")
        self.assertEqual(moves[0]["previous_segment"], "champions")

    def test_an_open_alert_is_replaced_not_doubled(self):
        self._shop()
        self._recompute(T1)
        self._recompute(T2)
        first = self._alerts(self.x)
        self._recompute(T3)
        self._recompute(T4)
        second = self._alerts(self.x)
        self.assertEqual(len(second), 1)
        self.assertFalse(first.exists())
        self.assertEqual(second.user_id, self.seller)

    def test_customer_without_salesperson_goes_to_a_manager(self):
        self._shop()
        self.x.user_id = False
        self._recompute(T1)
        self._recompute(T2)
        alert = self._alerts(self.x)
        self.assertEqual(len(alert), 1)
        self.assertTrue(alert.user_id.has_group(MANAGER_GROUP))
        self.assertIn(self.shop, alert.user_id.company_ids)

    def test_salesperson_of_another_company_is_not_asked(self):
        self._shop()
        self.x.user_id = self.user_anna  # works for the main company only
        self._recompute(T1)
        self._recompute(T2)
        alert = self._alerts(self.x)
        self.assertEqual(len(alert), 1)
        self.assertNotEqual(alert.user_id, self.user_anna)

    def test_only_customers_with_a_value_in_the_company(self):
        self._shop()
        self._recompute(T1)
        self._recompute(T1, company=self.other_company)  # nobody there
        self._recompute(T2, company=self.other_company)
        self.assertFalse(self._alerts(self.x))

    # ------------------------------------------------------------------
    # Probability alive (a fitted model)
    # ------------------------------------------------------------------
    def _predicted_shop(self, count, seed=1):
        company = self.env["res.company"].create(
            {
                "name": f"Juwelier Steyr {seed}",
                "clv_min_repeat_customers": 10,
                "clv_alert_probability": 0.0,
            }
        )
        self.seller.company_ids |= company
        rng = random.Random(seed)
        partners = self.env["res.partner"].create(
            [
                {"name": f"Synthetic {seed}-{i}", "user_id": self.seller.id}
                for i in range(count)
            ]
        )
        rows = []
        end = date(2026, 6, 30)
        for partner in partners:
            rate = rng.choice([2, 4, 8, 16]) / 365
            day = end - timedelta(days=rng.randint(200, 700))
            lifetime_end = day + timedelta(days=rng.randint(30, 700))
            while day <= min(end, lifetime_end):
                rows.append(
                    {
                        "partner_id": partner.id,
                        "date": day,
                        "amount": round(rng.gammavariate(6.0, 40), 2),
                        "company_id": company.id,
                    }
                )
                day += timedelta(days=max(1, int(rng.expovariate(rate))))
        self.env["customer.value.history"].create(rows)
        return company, partners

    def test_probability_threshold(self):
        company, partners = self._predicted_shop(60)
        day = date(2026, 6, 30)
        model = self.Value._recompute_company(company, today=day)
        self.assertEqual(model.method, "bgnbd", model.message)
        self.Value._signal_value_moves(company)
        # 0 switches the probability alert off
        self.assertFalse(self._recompute(day, company))
        self.assertFalse(self._alerts(partners))
        company.clv_alert_probability = 0.9
        moves = self._recompute(day, company)
        values = self.Value.search([("company_id", "=", company.id)])
        expected = values.filtered(
            lambda v: v.tier in ("top10", "top20") and v.probability_alive < 0.9
        )
        self.assertTrue(expected, "the synthetic shop has top customers below 90 %")
        self.assertEqual(
            sorted(move["partner_id"] for move in moves),
            sorted(expected.partner_id.ids),
        )
        self.assertTrue(all(move["alive_move"] for move in moves))
        alerts = self._alerts(partners)
        self.assertEqual(alerts.mapped("res_id"), sorted(expected.partner_id.ids))
        threshold = "90 %"
        self.assertTrue(all(threshold in alert.note for alert in alerts))
        # below the threshold again: no second alert
        self.assertFalse(self._recompute(day, company))
        self.assertEqual(self._alerts(partners), alerts)

    def test_threshold_lies_between_0_and_1(self):
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                self.shop.clv_alert_probability = 1.5
        self.assertEqual(
            self.env["res.company"].create({"name": "Neu"}).clv_alert_probability, 0.5
        )

    # ------------------------------------------------------------------
    # Query counts
    # ------------------------------------------------------------------
    def _count(self, function, *args):
        before = self.env.cr.sql_log_count
        result = function(*args)
        return self.env.cr.sql_log_count - before, result

    def test_nothing_moved_costs_one_query_whatever_the_size(self):
        company, _partners = self._predicted_shop(10, seed=11)
        day = date(2026, 6, 30)
        self._recompute(day, company)  # warm caches, first check
        counts = []
        for more in (0, 60):
            self._synthetic_rows(company, more, seed=12)
            self._recompute(day, company)  # the moves the newcomers cause
            self.env.flush_all()
            recompute, _model = self._count(self.Value._recompute_company, company, day)
            hook, moves = self._count(self.Value._signal_value_moves, company)
            self.assertEqual(moves, [])
            counts.append((recompute, hook))
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(counts[0][1], 1)

    def _synthetic_rows(self, company, count, seed):
        rng = random.Random(seed)
        partners = self.env["res.partner"].create(
            [{"name": f"Mehr {seed}-{i}"} for i in range(count)]
        )
        end = date(2026, 6, 30)
        self.env["customer.value.history"].create(
            [
                {
                    "partner_id": partner.id,
                    "date": end - timedelta(days=rng.randint(1, 600)),
                    "amount": 100,
                    "company_id": company.id,
                }
                for partner in partners
                for _purchase in range(rng.randint(1, 4))
            ]
        )

    def test_alerts_are_created_in_one_batch(self):
        counts, sizes = [], []
        for seed, size in ((21, 40), (22, 120)):
            company, _partners = self._predicted_shop(size, seed=seed)
            day = date(2026, 6, 30)
            self._recompute(day, company)
            self.Value._recompute_company(company, today=day)
            company.clv_alert_probability = 0.95
            queries, moves = self._count(self.Value._signal_value_moves, company)
            self.assertGreater(len(moves), 1)
            counts.append(queries)
            sizes.append(len(moves))
        self.assertLess(sizes[0], sizes[1])
        self.assertEqual(counts[0], counts[1])

    # ------------------------------------------------------------------
    # Plan a contact from "Not contacted lately"
    # ------------------------------------------------------------------
    def _gap_rows(self, partners, user):
        # a value in the main company puts the customer on the list
        for partner in partners:
            self.env["customer.value"].create(
                {
                    "partner_id": partner.id,
                    "company_id": self.main_company.id,
                    "ranking_value": 5000,
                }
            )
        return (
            self.env["customer.contact.gap.report"]
            .with_user(user)
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", self.main_company.id),
                ]
            )
        )

    def _plan(self, user, rows, **vals):
        wizard = (
            self.env["customer.contact.plan"]
            .with_user(user)
            .with_context(
                active_model="customer.contact.gap.report", active_ids=rows.ids
            )
            .create(
                {
                    "kind": "visit",
                    "date_start": datetime.combine(
                        fields.Date.today() + timedelta(days=5), time(8)
                    ),
                    **vals,
                }
            )
        )
        return wizard, wizard.action_plan()

    def _planned(self, partners):
        return self.env["customer.contact"].search(
            [("partner_id", "in", partners.ids), ("state", "=", "planned")]
        )

    def test_plan_a_contact_for_own_and_team_customers(self):
        own = self.customer
        own.user_id = self.user_anna
        teammates = self.other_customer
        teammates.user_id = self.user_ben  # Ben is in Anna's sales team
        rows = self._gap_rows(own | teammates, self.user_anna)
        self.assertEqual(len(rows), 2)
        wizard, action = self._plan(self.user_anna, rows, kind="call")
        self.assertEqual(wizard.partner_ids, own | teammates)
        self.assertEqual(action["tag"], "display_notification")
        contacts = self._planned(own | teammates)
        self.assertEqual(len(contacts), 2)
        self.assertEqual(set(contacts.mapped("kind")), {"call"})
        by_customer = {contact.partner_id: contact for contact in contacts}
        self.assertEqual(by_customer[own].user_id, self.user_anna)
        self.assertEqual(by_customer[teammates].user_id, self.user_ben)
        planned_type = self.env.ref("customer_centricity.mail_activity_planned_contact")
        for contact in contacts:
            activity = contact.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.activity_type_id, planned_type)
            self.assertEqual(activity.user_id, contact.user_id)
            self.assertEqual(activity.date_deadline, contact.local_date)

    def test_a_planned_customer_day_lasts_the_minimum(self):
        self.customer.user_id = self.user_anna
        rows = self._gap_rows(self.customer, self.user_anna)
        self.main_company.customer_day_min_hours = 5
        with Form(
            self.env["customer.contact.plan"]
            .with_user(self.user_anna)
            .with_context(
                active_model="customer.contact.gap.report", active_ids=rows.ids
            )
        ) as wizard:
            self.assertEqual(wizard.duration, 1)
            wizard.kind = "customer_day"
            self.assertEqual(wizard.duration, 5)

    def test_plan_a_contact_for_another_team_is_refused(self):
        self.customer.user_id = self.user_anna
        rows = self._gap_rows(self.customer, self.user_carl)
        self.assertEqual(len(rows), 1)  # Carl sees the list ...
        with self.assertRaises(AccessError):
            self._plan(self.user_carl, rows)  # ... but plans only for his own
        self.assertFalse(self._planned(self.customer))
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "customer.contact"),
                    ("user_id", "=", self.user_anna.id),
                ]
            )
        )

    def test_plan_a_contact_bad_input(self):
        self.customer.user_id = self.user_anna
        rows = self._gap_rows(self.customer, self.user_anna)
        with self.assertRaises(UserError):
            self._plan(
                self.user_anna,
                rows,
                date_start=datetime.combine(
                    fields.Date.today() - timedelta(days=2), time(9)
                ),
            )
        with self.assertRaises(AccessError):
            self._plan(self.user_anna, rows, user_id=self.user_ben.id)
        self.assertFalse(self._planned(self.customer))

    def test_managers_plan_for_anyone(self):
        self.other_customer.user_id = self.user_carl
        rows = self._gap_rows(self.other_customer, self.manager)
        self._plan(self.manager, rows, user_id=self.user_ben.id, kind="customer_day")
        contact = self._planned(self.other_customer)
        self.assertEqual(contact.user_id, self.user_ben)
        self.assertEqual(contact.kind, "customer_day")
        self.assertEqual(contact.activity_ids.user_id, self.user_ben)

    def test_the_list_offers_plan_a_contact(self):
        views = (
            self.env["customer.contact.gap.report"]
            .with_user(self.user_anna)
            .get_views([(False, "list")])
        )
        arch = views["views"]["list"]["arch"]
        action = self.env.ref("customer_centricity.customer_contact_plan_action")
        self.assertIn(f'name="{action.id}"', arch)
        self.assertIn("Plan a contact", arch)
