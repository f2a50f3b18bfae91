# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestCustomerInitiative(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Initiative = cls.env["customer.initiative"]
        cls.stage_idea = cls.env.ref(
            "customer_centricity.customer_initiative_stage_idea"
        )
        cls.stage_done = cls.env.ref(
            "customer_centricity.customer_initiative_stage_done"
        )

    def _initiative(self, user=None, **vals):
        values = {
            "name": "Call every new customer",
            "customer_benefit": "Someone asks how the first purchase went.",
            "quarter": "2026-Q4",
            "user_id": self.manager.id,
        }
        values.update(vals)
        return self.Initiative.with_user(user or self.env.user).create(values)

    # quarters ------------------------------------------------------------
    def test_quarter_follows_the_start_date_across_the_year_boundary(self):
        self.assertEqual(
            self._initiative(date_start="2026-12-31", quarter=False).quarter, "2026-Q4"
        )
        self.assertEqual(
            self._initiative(date_start="2027-01-01", quarter=False).quarter, "2027-Q1"
        )
        self.assertEqual(self._initiative(quarter=" 2026-q2 ").quarter, "2026-Q2")
        form = Form(self.Initiative)
        form.name = "x"
        form.customer_benefit = "y"
        form.date_start = date(2027, 4, 1)
        self.assertEqual(form.quarter, "2027-Q2")

    @freeze_time("2026-12-31 23:30:00")
    def test_default_quarter_is_the_users_local_quarter(self):
        self.user_anna.tz = "Europe/Berlin"  # already 2027 there
        self.user_ben.tz = "America/New_York"
        berlin = self.Initiative.with_user(self.user_anna).create(
            {"name": "a", "customer_benefit": "b"}
        )
        new_york = self.Initiative.with_user(self.user_ben).create(
            {"name": "a", "customer_benefit": "b"}
        )
        self.assertEqual(berlin.quarter, "2027-Q1")
        self.assertEqual(new_york.quarter, "2026-Q4")
        self.assertTrue(berlin.with_user(self.user_anna).is_current_quarter)
        current = self.Initiative.with_user(self.user_ben).search(
            [("is_current_quarter", "=", True), ("id", "in", (berlin | new_york).ids)]
        )
        self.assertEqual(current, new_york)

    # bad input -----------------------------------------------------------
    def test_bad_input_is_refused_and_writes_nothing(self):
        before = self.Initiative.search_count([])
        for case, vals in {
            "no benefit": {"customer_benefit": "  "},
            "no quarter": {"quarter": "2026-Q5"},
            "not a quarter": {"quarter": "Q4/2026"},
            "result without KPI": {"kpi_result_set": True, "kpi_result": 5},
            "KPI without a span": {
                "kpi_name": "NPS",
                "kpi_baseline": 3,
                "kpi_target": 3,
            },
            "deadline before start": {
                "date_start": "2026-11-01",
                "date_deadline": "2026-10-01",
            },
        }.items():
            with self.subTest(case), self.assertRaises(ValidationError):
                self._initiative(**vals)
        self.assertEqual(self.Initiative.search_count([]), before)

    def test_kpi_progress_and_share_reaching_the_target(self):
        reached = self._initiative(
            kpi_name="Complaints",
            kpi_baseline=12,
            kpi_target=4,
            kpi_result=3,
            kpi_result_set=True,
        )
        missed = self._initiative(
            kpi_name="NPS",
            kpi_baseline=20,
            kpi_target=40,
            kpi_result=30,
            kpi_result_set=True,
        )
        self.assertTrue(reached.kpi_reached)
        self.assertAlmostEqual(missed.kpi_progress, 50)
        self.assertFalse(missed.kpi_reached)
        [[share]] = self.Initiative._read_group(
            [("id", "in", (reached | missed).ids)], [], ["kpi_reached_share:avg"]
        )
        self.assertEqual(share, 50)

    # quarterly rhythm ----------------------------------------------------
    def test_review_cron_once_per_initiative_and_quarter(self):
        open_one = self._initiative()
        closed = self._initiative(stage_id=self.stage_done.id)
        later = self._initiative(quarter="2027-Q2")
        with freeze_time("2026-11-15"):  # too early in the quarter
            self.Initiative._cron_schedule_reviews()
        self.assertFalse(open_one.activity_ids)
        with freeze_time("2026-12-28"):
            self.Initiative._cron_schedule_reviews()
            self.Initiative._cron_schedule_reviews()
        self.assertEqual(len(open_one.activity_ids), 1)
        self.assertEqual(open_one.activity_ids.user_id, self.manager)
        self.assertEqual(open_one.activity_ids.date_deadline, date(2026, 12, 31))
        self.assertFalse(closed.activity_ids | later.activity_ids)
        with freeze_time("2027-01-03"):  # a cron run after the turn of the year
            self.Initiative._cron_schedule_reviews()
        self.assertEqual(len(open_one.activity_ids), 1)

    def test_cron_that_missed_the_quarter_end_still_reviews(self):
        initiative = self._initiative(quarter="2026-Q3")
        with freeze_time("2026-10-02"):
            self.Initiative._cron_schedule_reviews()
        self.assertEqual(len(initiative.activity_ids), 1)

    def test_carry_over_keeps_history_and_gets_a_new_review(self):
        initiative = self._initiative()
        with freeze_time("2026-12-28"):
            self.Initiative._cron_schedule_reviews()
        initiative.with_user(self.manager).action_carry_over()
        self.assertEqual(initiative.quarter, "2027-Q1")
        self.assertEqual(initiative.carry_over_count, 1)
        # the same record moves on: its chatter and activities stay with it
        self.assertIn("Carried over into 2027-Q1", initiative.message_ids[0].body)
        self.assertEqual(len(initiative.activity_ids), 1)
        with freeze_time("2027-03-29"):
            self.Initiative._cron_schedule_reviews()
        self.assertEqual(len(initiative.activity_ids), 2)
        initiative.stage_id = self.stage_done
        with self.assertRaises(UserError):
            initiative.action_carry_over()
        self.assertEqual(initiative.quarter, "2027-Q1")

    # Mach mich besser ----------------------------------------------------
    def test_one_vote_per_person_and_best_supported_first(self):
        quiet = self._initiative(name="quiet")
        popular = self._initiative(name="popular")
        for user in (self.user_anna, self.user_ben):
            popular.with_user(user).action_toggle_vote()
        quiet.with_user(self.user_carl).action_toggle_vote()
        self.assertEqual((popular.vote_count, quiet.vote_count), (2, 1))
        self.assertTrue(popular.with_user(self.user_anna).voted)
        self.assertFalse(popular.with_user(self.user_carl).voted)
        ranked = self.Initiative.search([("id", "in", (quiet | popular).ids)])
        self.assertEqual(ranked[0], popular)
        # toggling again takes the support back
        popular.with_user(self.user_anna).action_toggle_vote()
        self.assertEqual(popular.vote_count, 1)
        Vote = self.env["customer.initiative.vote"]
        Vote.create({"initiative_id": quiet.id, "user_id": self.user_anna.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            Vote.create({"initiative_id": quiet.id, "user_id": self.user_anna.id})

    def test_users_propose_support_comment_and_suggest(self):
        initiative = self._initiative()
        as_anna = initiative.with_user(self.user_anna)
        as_anna.message_post(body="Let us start with the Graz shop.")
        self.env["customer.initiative.suggestion"].with_user(self.user_anna).create(
            {
                "initiative_id": initiative.id,
                "body": "Ask for a review at the same time",
            }
        )
        self.assertEqual(initiative.suggestion_count, 1)
        mine = self._initiative(user=self.user_anna, user_id=self.user_anna.id)
        mine.with_user(self.user_anna).write({"name": "Call every new customer twice"})
        with self.assertRaises(AccessError):
            as_anna.write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.stage_idea.with_user(self.user_anna).write({"name": "x"})
        ben_vote = (
            self.env["customer.initiative.vote"]
            .with_user(self.user_ben)
            .create({"initiative_id": initiative.id})
        )
        with self.assertRaises(AccessError):
            ben_vote.with_user(self.user_anna).unlink()

    def test_managers_edit_all_within_their_companies(self):
        initiative = self._initiative(user=self.user_anna, user_id=self.user_anna.id)
        initiative.with_user(self.manager).write({"priority": "2"})
        with self.assertRaises(AccessError):
            initiative.with_user(self.other_manager).read(["name"])

    # process faults --------------------------------------------------------
    def test_process_fault_from_a_contact_becomes_an_initiative(self):
        contact = self._contact()
        Fault = self.env["customer.process.fault"].with_user(self.user_anna)
        form = Form(Fault.with_context(default_contact_id=contact.id))
        form.name = "Repairs come back without a call"
        fault = form.save()
        self.assertEqual(fault.partner_id, self.customer)
        self.assertEqual(fault.reported_by_id, self.user_anna)
        with self.assertRaises(AccessError):
            fault.action_create_initiative()
        self.assertEqual(fault.state, "new")
        fault.with_user(self.manager).action_create_initiative()
        self.assertEqual(fault.state, "initiative")
        initiative = fault.initiative_id
        self.assertEqual(initiative.origin, "process_fault")
        self.assertIn("Repairs come back without a call", initiative.customer_benefit)
        self.assertEqual(initiative.partner_ids, self.customer)
        with self.assertRaises(UserError):
            fault.with_user(self.manager).action_create_initiative()

    # flags ---------------------------------------------------------------
    def test_quarter_without_initiative_is_flagged(self):
        company = self.other_company
        Report = self.env["customer.initiative.coverage.report"]
        current = self.Initiative.with_company(company)._default_quarter()
        domain = [
            ("company_id", "=", company.id),
            ("team_id", "=", False),
            ("quarter", "=", current),
        ]
        self.assertTrue(Report.search(domain).without_initiative)
        self._initiative(
            quarter=current, company_id=company.id, user_id=self.other_manager.id
        )
        Report.invalidate_model()  # SQL view rows keep their ids: drop the cache
        self.assertFalse(Report.search(domain).without_initiative)
        self.assertEqual(Report.search(domain).initiative_count, 1)
