# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..lib.quarter import period_bounds
from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestKpiGoal(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.user_id = cls.user_anna
        cls.other_customer.user_id = cls.user_anna
        cls.Goal = cls.env["customer.kpi.goal"]

    def _goal(self, kpi, target, user=None, start="2026-04-01", period="quarter"):
        return self.Goal.create(
            {
                "user_id": (user or self.user_anna).id,
                "kpi": kpi,
                "target": target,
                "period": period,
                "date_start": start,
            }
        )

    def _feedback(self, nps, day="2026-05-10", **vals):
        return self.env["customer.feedback"].create(
            {"partner_id": self.customer.id, "date": day, "nps_score": nps, **vals}
        )

    def test_the_period_starts_on_the_first_of_its_month_or_quarter(self):
        goal = self._goal("nps", 40, start="2026-05-17")
        self.assertEqual(
            (goal.date_start, goal.date_end), (date(2026, 4, 1), date(2026, 6, 30))
        )
        goal.write({"period": "month", "date_start": "2026-02-20"})
        self.assertEqual(
            (goal.date_start, goal.date_end), (date(2026, 2, 1), date(2026, 2, 28))
        )

    def test_period_bounds_across_the_year_end(self):
        self.assertEqual(
            period_bounds(date(2026, 12, 15), "month"),
            (date(2026, 12, 1), date(2026, 12, 31)),
        )
        self.assertEqual(
            period_bounds(date(2026, 11, 30), "quarter"),
            (date(2026, 10, 1), date(2026, 12, 31)),
        )
        self.assertEqual(
            period_bounds(date(2028, 2, 10), "month"),
            (date(2028, 2, 1), date(2028, 2, 29)),
        )

    def test_nps_of_my_customers_promoters_detractors_none(self):
        goal = self._goal("nps", 40)
        self.assertEqual(goal.status, "no_data")
        self._feedback("10")
        self._feedback("9")
        self._feedback("2", day="2026-07-01")  # after the quarter
        goal.invalidate_recordset()
        self.assertEqual(
            (goal.achieved, goal.basis_count, goal.status), (100, 2, "reached")
        )
        self._feedback("0", day="2026-04-01")
        self._feedback("6", day="2026-06-30")
        goal.invalidate_recordset()
        self.assertEqual(
            (goal.achieved, goal.basis_count, goal.status), (0, 4, "missed")
        )
        only_detractors = self._goal("nps", 40, start="2026-07-01")
        self.assertEqual(
            (only_detractors.achieved, only_detractors.status), (-100, "missed")
        )
        today = fields.Date.today()
        self._feedback("1", day=today)
        current = self._goal("nps", 40, start=today)
        self.assertEqual((current.achieved, current.status), (-100, "running"))

    def test_customers_of_someone_else_do_not_count(self):
        self._feedback("10", user_id=self.user_ben.id)
        goal = self._goal("nps", 40)
        self.assertEqual(goal.basis_count, 0)

    def test_satisfaction_and_effort(self):
        self._feedback(False, csat_score="5", ces_score="6")
        self._feedback(False, csat_score="2", ces_score="3")
        satisfied = self._goal("csat", 80)
        effort = self._goal("ces", 4)
        self.assertEqual((satisfied.achieved, satisfied.status), (50, "missed"))
        self.assertEqual((effort.achieved, effort.status), (4.5, "reached"))

    def test_contacts_and_customer_days(self):
        self._contact(date_start="2026-04-01 08:00:00")
        self._contact(kind="customer_day", date_start="2026-04-20 08:00:00")
        self._contact(state="planned", date_start="2026-04-21 08:00:00")
        self._contact(user=self.user_ben, date_start="2026-04-21 08:00:00")
        contacts = self._goal("contacts", 2, period="month")
        days = self._goal("customer_days", 1, period="month")
        self.assertEqual((contacts.achieved, contacts.status), (2, "reached"))
        self.assertEqual((days.achieved, days.status), (1, "reached"))
        may = self._goal("customer_days", 1, period="month", start="2026-05-01")
        self.assertEqual((may.achieved, may.status), (0, "missed"))

    def test_churn_at_the_edges_of_the_period(self):
        Snapshot = self.env["customer.value.snapshot"]
        third = self.env["res.partner"].create(
            {"name": "Kundin Drei", "user_id": self.user_anna.id}
        )
        for partner, before, after in (
            (self.customer, True, True),
            (self.other_customer, True, False),
            (third, False, True),  # not active before: not in the base
        ):
            for month, active in (("2026-03-01", before), ("2026-06-01", after)):
                Snapshot.create(
                    {
                        "partner_id": partner.id,
                        "company_id": self.company.id,
                        "month": month,
                        "active_customer": active,
                    }
                )
        goal = self._goal("churn_rate", 10)
        self.assertEqual(
            (goal.achieved, goal.basis_count, goal.status), (50, 2, "missed")
        )
        # the quarter before has no snapshot at its end: no figure, not 100 %
        earlier = self._goal("churn_rate", 10, start="2026-01-01")
        self.assertEqual(earlier.status, "no_data")

    def test_referral_rate_of_new_customers(self):
        self.customer.referred_by_id = self.other_customer
        Value = self.env["customer.value"]
        for partner, first in (
            (self.customer, "2026-04-03"),
            (self.other_customer, "2026-05-03"),
        ):
            Value.create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "first_purchase_date": first,
                }
            )
        goal = self._goal("referral_rate", 25)
        self.assertEqual(
            (goal.achieved, goal.basis_count, goal.status), (50, 2, "reached")
        )

    def test_targets_out_of_range_are_refused(self):
        for kpi, target in (("nps", 150), ("ces", 9), ("csat", -1), ("contacts", -2)):
            with self.assertRaises(ValidationError):
                self._goal(kpi, target)
        self.assertFalse(self.Goal.search([("user_id", "=", self.user_anna.id)]))

    def test_employees_see_their_own_team_leaders_their_teams(self):
        goal = self._goal("nps", 40)
        ben_goal = self._goal("nps", 30, user=self.user_ben)
        Goal = self.Goal.with_user(self.user_anna)
        self.assertEqual(Goal.search([]), goal)
        with self.assertRaises(AccessError):
            ben_goal.with_user(self.user_anna).read(["target"])
        with self.assertRaises(AccessError):
            Goal.create({"user_id": self.user_ben.id, "kpi": "nps", "target": 90})
        # Carl leads the team of Anna and Ben
        self.user_anna.sale_team_id.user_id = self.user_carl
        self.assertEqual(
            self.Goal.with_user(self.user_carl).search([]), goal | ben_goal
        )
        ours = [("user_id", "in", (self.user_anna | self.user_ben).ids)]
        self.assertEqual(
            self.Goal.with_user(self.manager).search(ours), goal | ben_goal
        )
        self.assertFalse(self.Goal.with_user(self.other_manager).search([]))

    def test_team_leaders_see_the_feedback_of_their_teams_only(self):
        feedback = self._feedback("3")
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_ben).read(["nps_score"])
        Report = self.env["customer.feedback.report"]
        self.assertFalse(Report.with_user(self.user_ben).search([]))
        self.user_anna.sale_team_id.user_id = self.user_ben
        self.assertEqual(feedback.with_user(self.user_ben).nps_score, "3")
        self.assertEqual(len(Report.with_user(self.user_ben).search([])), 1)

    def test_achieved_values_take_a_fixed_number_of_queries(self):
        users = self.user_anna | self.user_ben | self.user_carl | self.manager
        goals = self.Goal.create(
            [
                {
                    "user_id": user.id,
                    "kpi": kpi,
                    "target": 1,
                    "date_start": "2026-04-01",
                }
                for user in users
                for kpi in ("nps", "contacts")
            ]
        )
        goals.invalidate_recordset()
        self.env.flush_all()
        with self.assertQueryCount(4):
            goals.mapped("achieved")
