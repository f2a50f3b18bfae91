# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestDashboard(CustomerCentricityCase):
    """The owner's figures for April 2026, built by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company of its own, so that demo data cannot change the figures
        cls.shop = cls.env["res.company"].create({"name": "Juwelier Test"})
        for user in cls.user_anna | cls.user_ben | cls.manager:
            user.company_ids = [(4, cls.shop.id)]
        cls.customer.user_id = cls.user_anna
        cls.other_customer.user_id = cls.user_ben
        shop = {"company_id": cls.shop.id}
        cls._contact(kind="customer_day", date_start="2026-04-14 08:00:00", **shop)
        cls._contact(user=cls.user_ben, date_start="2026-04-15 08:00:00", **shop)
        cls._contact(user=cls.user_ben, date_start="2026-05-15 08:00:00", **shop)
        Feedback = cls.env["customer.feedback"]
        for partner, nps, csat in (
            (cls.customer, "10", "5"),
            (cls.customer, "9", "4"),
            (cls.other_customer, "3", "2"),
        ):
            Feedback.create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.shop.id,
                    "date": "2026-04-20",
                    "nps_score": nps,
                    "csat_score": csat,
                }
            )
        # the detractor's follow-up was due long ago
        detractor = Feedback.search(
            [("nps_score", "=", "3"), ("company_id", "=", cls.shop.id)]
        )
        detractor.activity_ids.date_deadline = "2026-04-25"
        Snapshot = cls.env["customer.value.snapshot"]
        for partner, march, april in (
            (cls.customer, "loyal", "champions"),
            (cls.other_customer, "loyal", "at_risk"),
        ):
            for month, segment, clv in (
                ("2026-03-01", march, 100.0),
                ("2026-04-01", april, 150.0),
            ):
                Snapshot.create(
                    {
                        "partner_id": partner.id,
                        "company_id": cls.shop.id,
                        "month": month,
                        "segment": segment,
                        "predicted_clv": clv,
                        "active_customer": segment != "at_risk",
                    }
                )
        cls.env["customer.kpi.goal"].create(
            [
                {
                    "user_id": cls.user_anna.id,
                    "kpi": "nps",
                    "target": 40,
                    "date_start": "2026-04-01",
                    "period": "month",
                    **shop,
                },
                {
                    "user_id": cls.user_ben.id,
                    "kpi": "nps",
                    "target": 40,
                    "date_start": "2026-04-01",
                    "period": "month",
                    **shop,
                },
            ]
        )

    def _board(self, user=None, period="month"):
        Board = self.env["customer.centricity.dashboard"]
        if user:
            Board = Board.with_user(user)
        Board = Board.with_context(allowed_company_ids=[self.shop.id])
        return Board.create(
            {"company_id": self.shop.id, "period": period, "day": "2026-04-10"}
        )

    def test_the_period(self):
        board = self._board(period="quarter")
        self.assertEqual(
            (board.date_from, board.date_to), (date(2026, 4, 1), date(2026, 6, 30))
        )
        self.assertEqual(board.contact_count, 3)

    def test_owner_figures_of_the_month(self):
        board = self._board(user=self.manager)
        self.assertEqual(board.contact_count, 2)
        # Anna had her customer day, Ben did not (one customer day by default)
        self.assertEqual(
            (board.target_reached_count, board.target_person_count), (1, 2)
        )
        self.assertEqual(board.contact_compliance, 50)
        by_team = self.env["customer.contact.report"]._read_group(
            board._target_domain(), ["team_id"], ["__count", "target_reached:bool_or"]
        )
        self.assertEqual(by_team, [(self.user_anna.sale_team_id, 2, True)])
        self.assertEqual((board.moved_up_count, board.moved_down_count), (1, 1))
        self.assertEqual(board.clv_change, 100)
        self.assertEqual(board.feedback_count, 3)
        self.assertAlmostEqual(board.nps, 100 / 3)  # two promoters, one detractor
        self.assertAlmostEqual(board.csat_satisfied, 200 / 3)
        self.assertEqual(board.churn_rate, 50)
        self.assertEqual((board.goal_reached_count, board.goal_count), (1, 2))
        self.assertEqual(board.overdue_follow_up_count, 1)  # Ben's detractor

    def test_an_employee_sees_only_their_own_customer_figures(self):
        board = self._board(user=self.user_ben)
        self.assertEqual(board.feedback_count, 1)
        self.assertEqual(board.nps, -100)
        self.assertEqual(board.goal_count, 1)
        self.assertEqual(board.churn_rate, 100)  # his one customer is at risk
        self.assertEqual((board.moved_up_count, board.moved_down_count), (0, 1))

    def test_each_figure_opens_its_report(self):
        board = self._board(user=self.manager)
        for method, model, expected in (
            ("action_open_contacts", "customer.contact.report", 2),
            ("action_open_movement", "customer.value.movement.report", 2),
            ("action_open_kpis", "customer.feedback.report", 3),
            ("action_open_goals", "customer.kpi.goal", 2),
            ("action_open_mail_test", "customer.mail.test.report", None),
            ("action_open_initiatives", "customer.initiative", 0),
            ("action_open_campaigns", "customer.outreach.campaign", 0),
            ("action_open_follow_ups", "customer.feedback", None),
            ("action_open_churn", "customer.churn.report", None),
            ("action_open_surveys", "customer.employee.survey.result", None),
        ):
            action = getattr(board, method)()
            self.assertEqual(action["res_model"], model, method)
            if expected is not None:
                records = (
                    self.env[model]
                    .with_user(self.manager)
                    .with_context(allowed_company_ids=[self.shop.id])
                    .search(action["domain"])
                )
                self.assertEqual(len(records), expected, method)

    def test_the_figures_take_a_fixed_number_of_queries(self):
        board = self._board(user=self.manager)
        board.read(["nps"])  # warm the access-rule caches
        board.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        board.read(["nps", "moved_up_count", "mail_customer_share", "goal_count"])
        first = self.env.cr.sql_log_count - before
        # more of everything: the query count stays the same
        for _index in range(5):
            self._contact(
                kind="customer_day",
                date_start="2026-04-16 08:00:00",
                company_id=self.shop.id,
            )
        board.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        board.read(["nps", "moved_up_count", "mail_customer_share", "goal_count"])
        self.assertEqual(self.env.cr.sql_log_count - before, first)
        self.assertLess(first, 25)
