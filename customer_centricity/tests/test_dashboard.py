# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class DashboardCase(CustomerCentricityCase):
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


@tagged("post_install", "-at_install")
class TestDashboard(DashboardCase):
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
            ("action_open_campaigns", "customer.outreach.recipient", 0),
            ("action_open_follow_ups", "customer.feedback", None),
            ("action_open_churn", "customer.churn.report", 2),
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
        # under Odoo's own test runner creating the contacts empties the
        # record caches: warm them again, so that both reads start alike
        board.read(["nps"])
        board.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        board.read(["nps", "moved_up_count", "mail_customer_share", "goal_count"])
        self.assertEqual(self.env.cr.sql_log_count - before, first)
        self.assertLess(first, 25)


@tagged("post_install", "-at_install")
class TestGraphicalBoard(DashboardCase):
    """The owner dashboard's JSON: thirteen periods, each figure drillable."""

    def _get_board(self, user=None, period="month", day="2026-04-10"):
        Board = self.env["customer.centricity.dashboard"]
        if user:
            Board = Board.with_user(user)
        Board = Board.with_context(allowed_company_ids=[self.shop.id])
        return Board.get_board(period=period, day=day)

    def _trend(self, board, key):
        return next(trend for trend in board["trends"] if trend["key"] == key)

    def _open(self, key, user, period="month", day="2026-04-10"):
        Board = (
            self.env["customer.centricity.dashboard"]
            .with_user(user)
            .with_context(allowed_company_ids=[self.shop.id])
        )
        action = Board.action_open_figure(key, period=period, day=day)
        return (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(allowed_company_ids=[self.shop.id])
            .search(action["domain"])
        )

    def test_the_board_shows_the_month_and_the_twelve_before(self):
        board = self._get_board(user=self.manager)
        self.assertEqual(len(board["labels"]), 13)
        self.assertEqual(
            (board["days"][0], board["days"][-1]), ("2025-04-01", "2026-04-01")
        )
        nps = self._trend(board, "nps")
        self.assertAlmostEqual(nps["value"], 100 / 3)
        self.assertIsNone(nps["previous"])  # nobody answered in March
        self.assertIsNone(nps["change"])
        self.assertEqual(nps["values"][:12], [None] * 12)
        self.assertEqual(self._trend(board, "compliance")["value"], 50)
        self.assertEqual(self._trend(board, "churn")["value"], 50)
        self.assertEqual(self._trend(board, "clv")["value"], 300)
        self.assertEqual(board["movements"]["up"][-1], 1)
        self.assertEqual(board["movements"]["down"][-1], 1)
        self.assertEqual(
            [(p["name"], p["customer_days"]) for p in board["compliance_by_person"]],
            sorted([("Anna", 1), ("Ben", 0)]),
        )

    def test_quarters_sum_their_months_and_keep_the_latest_stock(self):
        board = self._get_board(user=self.manager, period="quarter")
        self.assertEqual(board["labels"][-1], "2026-Q2")
        self.assertEqual(board["days"][0], "2023-04-01")
        # flows add up over the quarter, stocks (CLV) read its latest month
        self.assertEqual(board["movements"]["up"][-1], 1)
        self.assertEqual(self._trend(board, "clv")["value"], 300)
        self.assertEqual(self._trend(board, "clv")["previous"], None)

    def test_each_figure_opens_the_records_it_counts(self):
        board = self._get_board(user=self.manager)
        expected = {
            "compliance": 2,  # person-months with a target
            "nps": 3,  # answers
            "clv": 2,  # the April snapshot rows summed
            "movement": 2,
            "churn": 2,
            "sent": 0,
            "initiatives": board["initiatives"]["count"],
            "at_risk": board["at_risk"]["count"],
            "self_image": len(board["self_image"]),
        }
        for key, count in expected.items():
            self.assertEqual(len(self._open(key, self.manager)), count, key)
        clv = self._open("clv", self.manager)
        self.assertEqual(sum(clv.mapped("predicted_clv")), 300)
        # a click on an earlier period opens that period
        self.assertFalse(self._open("nps", self.manager, day="2026-03-01"))

    def test_a_colleague_sees_the_figures_of_their_own_customers(self):
        board = self._get_board(user=self.user_ben)
        self.assertEqual(self._trend(board, "nps")["value"], -100)
        self.assertEqual(self._trend(board, "churn")["value"], 100)
        self.assertEqual(len(self._open("nps", self.user_ben)), 1)

    def test_a_team_leader_sees_the_team(self):
        team = self.env["crm.team"].create(
            {"name": "Filiale Test", "user_id": self.user_carl.id, "company_id": False}
        )
        self.env["crm.team.member"].create(
            {"crm_team_id": team.id, "user_id": self.user_ben.id}
        )
        self.user_carl.company_ids = [(4, self.shop.id)]
        board = self._get_board(user=self.user_carl)
        # Ben's detractor, not Anna's promoters
        self.assertEqual(self._trend(board, "nps")["value"], -100)
        self.assertEqual(len(self._open("nps", self.user_carl)), 1)

    def test_bad_input_is_refused(self):
        Board = self.env["customer.centricity.dashboard"].with_user(self.manager)
        for call in (
            lambda: Board.get_board(period="year"),
            lambda: Board.get_board(period="month", day="not a day"),
            lambda: Board.action_open_figure("unlink"),
            lambda: Board.action_open_figure("_open", period="month"),
        ):
            with self.assertRaises(UserError):
                call()

    def test_looking_writes_nothing(self):
        before = self.env["customer.centricity.dashboard"].search_count([])
        self._get_board(user=self.manager)
        self.assertEqual(
            self.env["customer.centricity.dashboard"].search_count([]), before
        )

    def test_the_board_takes_a_fixed_number_of_queries(self):
        self._get_board(user=self.manager)  # warm the caches
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self._get_board(user=self.manager)
        first = self.env.cr.sql_log_count - before
        for day in ("2025-06-16", "2025-09-16", "2026-01-16"):
            self._contact(
                kind="customer_day",
                date_start=f"{day} 08:00:00",
                company_id=self.shop.id,
            )
        self._get_board(user=self.manager)  # warm the caches again, as above
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self._get_board(user=self.manager)
        self.assertEqual(self.env.cr.sql_log_count - before, first)
