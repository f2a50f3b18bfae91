# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common import CustomerCentricityCase, post_migration


@tagged("post_install", "-at_install")
class TestCustomerDays(CustomerCentricityCase):
    """A customer day is a person's day with customer-day contacts of at least
    the company's minimum hours (default 4), however many customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.customer_day_min_hours = 4.0
        cls.user_ben.tz = "Europe/Vienna"
        cls.Report = cls.env["customer.contact.report"]

    def _day(self, start, hours, user=None, **vals):
        return self._contact(
            user=user, kind="customer_day", date_start=start, duration=hours, **vals
        )

    def _row(self, user, month):
        # report rows keep their ids while the contacts change: read afresh
        self.Report.invalidate_model()
        rows = self.Report.search([("user_id", "=", user.id), ("month", "=", month)])
        self.assertLessEqual(len(rows), 1)
        return rows

    def _days(self, user, month):
        return self._row(user, month).customer_days

    # ------------------------------------------------------------------
    # the rule
    # ------------------------------------------------------------------
    def test_a_day_with_several_customers_counts_once(self):
        self._day("2025-03-03 07:00:00", 3)
        self._day("2025-03-03 11:00:00", 4, partner_id=self.other_customer.id)
        self._day("2025-03-04 07:00:00", 8)
        row = self._row(self.user_anna, date(2025, 3, 1))
        self.assertEqual(row.customer_days, 2)
        self.assertEqual((row.contact_count, row.customer_count), (3, 2))

    def test_short_entries_count_only_together(self):
        # the old loophole: half an hour of "customer day" is no day
        self._day("2025-03-05 08:00:00", 0.5)
        self.assertFalse(self._days(self.user_anna, date(2025, 3, 1)))
        # two short entries on one day make one customer day
        self._day("2025-03-06 07:00:00", 1.5)
        self._day("2025-03-06 12:00:00", 2.5, partner_id=self.other_customer.id)
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 1)
        # a minute short is short
        self._day("2025-03-07 07:00:00", 3 + 59 / 60)
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 1)
        # visits of a whole day are visits, not customer days
        self._contact(date_start="2025-03-10 07:00:00", duration=8)
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 1)
        # a company that asks for six hours has none of these days
        self.company.customer_day_min_hours = 6
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 0)
        self.company.customer_day_min_hours = 3.5
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 2)

    def test_a_contact_past_midnight_counts_for_the_day_it_starts(self):
        # 21:00 in Berlin (CET) until 03:00 on 8 March: six hours on 7 March
        contact = self._day("2025-03-07 20:00:00", 6)
        self.assertEqual(contact.local_date, date(2025, 3, 7))
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 1)
        # 22:00 on 31 March (CEST) until 04:00 on 1 April: a March day
        self._day("2025-03-31 20:00:00", 6)
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 2)
        self.assertFalse(self._row(self.user_anna, date(2025, 4, 1)))
        # two hours before midnight and two after are two short days
        self._day("2025-05-09 19:00:00", 2, user=self.user_ben)  # 21:00-23:00
        self._day("2025-05-09 22:00:00", 2, user=self.user_ben)  # 00:00-02:00
        self.assertEqual(self._days(self.user_ben, date(2025, 5, 1)), 0)

    def test_the_day_is_the_persons_day(self):
        # 23:30 UTC on 30 June is 1:30 on 1 July in Vienna
        contact = self._day("2025-06-30 23:30:00", 5, user=self.user_ben)
        self.assertEqual(contact.local_date, date(2025, 7, 1))
        self.assertEqual(self._days(self.user_ben, date(2025, 7, 1)), 1)
        self.assertFalse(self._row(self.user_ben, date(2025, 6, 1)))
        # without a time zone of the person: the company's, then UTC
        self.company.partner_id.tz = "Europe/Vienna"
        self.user_ben.tz = False
        self.assertEqual(contact.local_date, date(2025, 7, 1))
        self.company.partner_id.tz = False
        self.assertEqual(contact.local_date, date(2025, 6, 30))
        self.assertEqual(self._days(self.user_ben, date(2025, 6, 1)), 1)
        self.assertFalse(self._row(self.user_ben, date(2025, 7, 1)))

    def test_planned_and_cancelled_days_do_not_count(self):
        self._day("2025-03-03 07:00:00", 8, state="planned")
        cancelled = self._day("2025-03-04 07:00:00", 8)
        cancelled.action_cancel()
        # a cancelled half day does not complete a done half day either
        self._day("2025-03-05 07:00:00", 2)
        self._day("2025-03-05 10:00:00", 2, state="cancelled")
        row = self._row(self.user_anna, date(2025, 3, 1))
        self.assertEqual((row.customer_days, row.contact_count), (0, 1))
        self.assertFalse(row.target_reached)

    def test_a_customer_day_without_hours_is_a_whole_customer_day(self):
        self.company.customer_day_min_hours = 5
        contact = self.env["customer.contact"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.user_anna.id,
                "kind": "customer_day",
                "date_start": "2025-03-03 07:00:00",
            }
        )
        self.assertEqual(contact.duration, 5)
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 1)
        # with times, the times count
        form = Form(self.env["customer.contact"].with_user(self.user_anna))
        form.partner_id = self.customer
        form.kind = "customer_day"
        form.date_start = datetime(2025, 3, 4, 7, 0)
        form.date_end = datetime(2025, 3, 4, 8, 0)
        self.assertEqual(form.save().duration, 1)
        self.assertEqual(self._days(self.user_anna, date(2025, 3, 1)), 1)

    def test_the_minimum_is_a_company_setting(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.customer_day_min_hours, 4)
        settings.customer_day_min_hours = 6.5
        settings.execute()
        self.assertEqual(self.company.customer_day_min_hours, 6.5)
        self.assertEqual(
            self.env["res.company"].create({"name": "Neu"}).customer_day_min_hours, 4
        )
        for hours in (0, -1, 24.5):
            with self.assertRaises(ValidationError):
                self.company.customer_day_min_hours = hours
        with self.assertRaises(AccessError):
            self.company.with_user(self.manager).customer_day_min_hours = 1

    # ------------------------------------------------------------------
    # goals and access
    # ------------------------------------------------------------------
    def test_the_goal_reads_the_report(self):
        self._day("2025-04-01 07:00:00", 2)
        self._day("2025-04-01 10:00:00", 2, partner_id=self.other_customer.id)
        self._day("2025-04-02 07:00:00", 1)  # too short
        self._day("2025-05-20 07:00:00", 8)
        self._day("2025-06-30 21:00:00", 6)  # 23:00 in Berlin, a June day
        Goal = self.env["customer.kpi.goal"]
        april, quarter = Goal.create(
            [
                {
                    "user_id": self.user_anna.id,
                    "kpi": "customer_days",
                    "target": 3,
                    "period": period,
                    "date_start": "2025-04-01",
                }
                for period in ("month", "quarter")
            ]
        )
        by_month = dict(
            self.Report._read_group(
                [("user_id", "=", self.user_anna.id)],
                ["month:month"],
                ["customer_days:sum"],
            )
        )
        self.assertEqual((april.achieved, april.basis_count), (1, 1))
        self.assertEqual(april.achieved, by_month[date(2025, 4, 1)])
        self.assertEqual(quarter.achieved, 3)
        self.assertEqual(
            quarter.achieved,
            sum(by_month[date(2025, month, 1)] for month in (4, 5, 6)),
        )
        self.assertEqual((april.status, quarter.status), ("missed", "reached"))
        # Anna reads her goal with her own rights: the same figure
        self.assertEqual(quarter.with_user(self.user_anna).achieved, 3)

    def test_goal_figures_take_a_fixed_number_of_queries(self):
        Goal = self.env["customer.kpi.goal"]
        goals = Goal.create(
            [
                {
                    "user_id": user.id,
                    "kpi": "customer_days",
                    "target": 1,
                    "period": "quarter",
                    "date_start": "2025-04-01",
                }
                for user in (self.user_anna, self.user_ben, self.user_carl)
            ]
        )
        goals.mapped("achieved")  # warm the caches
        goals.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(goals.mapped("achieved"), [0, 0, 0])
        first = self.env.cr.sql_log_count - before
        for user in (self.user_anna, self.user_ben, self.user_carl):
            for day in ("2025-04-07", "2025-05-07", "2025-06-09"):
                self._day(f"{day} 07:00:00", 8, user=user)
        goals.invalidate_recordset()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(goals.mapped("achieved"), [3, 3, 3])
        self.assertEqual(self.env.cr.sql_log_count - before, first)

    def test_employees_see_only_their_own_compliance(self):
        self._day("2025-03-03 07:00:00", 8)
        self._day("2025-03-03 07:00:00", 8, user=self.user_ben)
        Report = self.Report.with_user(self.user_anna)
        self.assertEqual(Report.search([]).user_id, self.user_anna)
        self.assertEqual(
            Report._read_group(
                [("month", "=", "2025-03-01")], ["user_id"], ["customer_days:sum"]
            ),
            [(self.user_anna, 1)],
        )
        ben_row = self._row(self.user_ben, date(2025, 3, 1))
        with self.assertRaises(AccessError):
            ben_row.with_user(self.user_anna).read(["customer_days"])

    # ------------------------------------------------------------------
    # feedback meetings and online responses as monthly rhythms
    # ------------------------------------------------------------------
    def test_feedback_meetings_and_online_responses_against_targets(self):
        self.env["customer.contact.target"].create(
            {
                "user_id": self.user_anna.id,
                "feedback_meeting_count": 1,
                "online_response_count": 2,
            }
        )
        self._day("2025-03-03 07:00:00", 8)
        self._contact(kind="feedback_meeting", date_start="2025-03-04 08:00:00")
        self._contact(kind="online_response", date_start="2025-03-05 08:00:00")
        self._contact(
            kind="online_response", date_start="2025-03-06 08:00:00", state="planned"
        )
        row = self._row(self.user_anna, date(2025, 3, 1))
        self.assertEqual(
            (
                row.feedback_meeting_count,
                row.feedback_meeting_target,
                row.online_response_count,
                row.online_response_target,
            ),
            (1, 1, 1, 2),
        )
        self.assertEqual(row.customer_days, row.customer_day_target)
        self.assertFalse(row.target_reached)  # one online response missing
        self._contact(kind="online_response", date_start="2025-03-07 08:00:00")
        self.assertTrue(self._row(self.user_anna, date(2025, 3, 1)).target_reached)
        # no target for them: the customer day is enough
        self._day("2025-03-03 07:00:00", 8, user=self.user_ben)
        ben = self._row(self.user_ben, date(2025, 3, 1))
        self.assertEqual(
            (ben.feedback_meeting_target, ben.online_response_target), (0, 0)
        )
        self.assertTrue(ben.target_reached)
        # a month without feedback meeting misses the target
        self._day("2025-04-03 07:00:00", 8)
        self._contact(kind="online_response", date_start="2025-04-04 08:00:00")
        self._contact(kind="online_response", date_start="2025-04-05 08:00:00")
        self.assertFalse(self._row(self.user_anna, date(2025, 4, 1)).target_reached)

    def test_rhythm_targets_cannot_be_negative(self):
        Target = self.env["customer.contact.target"]
        for field in ("feedback_meeting_count", "online_response_count"):
            with self.assertRaises(ValidationError):
                Target.create({"user_id": self.user_anna.id, field: -1})
        self.assertFalse(Target.search([("user_id", "=", self.user_anna.id)]))

    def test_my_month_shows_the_rhythms(self):
        action = self.env.ref(
            "customer_centricity.customer_contact_report_action_my_month"
        )
        arch = self.Report.with_user(self.user_anna).get_views(
            [(False, "kanban"), (False, "list")], {"action_id": action.id}
        )["views"]
        for view in ("kanban", "list"):
            self.assertIn("feedback_meeting_count", arch[view]["arch"])
            self.assertIn("online_response_target", arch[view]["arch"])

    # ------------------------------------------------------------------
    # the upgrade of a database with old records
    # ------------------------------------------------------------------
    def test_migration_of_old_records(self):
        self.user_ben.tz = False
        self.company.partner_id.tz = "Europe/Vienna"
        half_hour = self._day("2025-01-07 08:00:00", 0.5)
        no_hours = self._day("2025-01-08 08:00:00", 1)
        short_a = self._day("2025-01-09 07:00:00", 2)
        short_b = self._day("2025-01-09 10:00:00", 2, partner_id=self.other_customer.id)
        late = self._day("2025-01-09 23:30:00", 1, user=self.user_ben)
        visit = self._contact(date_start="2025-01-10 08:00:00", duration=0.0)
        old = half_hour | no_hours | short_a | short_b | late | visit
        self.env.flush_all()
        # as 18.0.1.2.0 left them: a customer day without any time, the day
        # of a person without a time zone in UTC, no minimum in the company
        self.env.cr.execute(
            SQL(
                "UPDATE customer_contact SET duration = 0, date_end = NULL "
                "WHERE id = %s",
                no_hours.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE customer_contact SET local_date = '2025-01-09' WHERE id = %s",
                late.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE res_company SET customer_day_min_hours = NULL WHERE id = %s",
                self.company.id,
            )
        )
        self.env.invalidate_all()
        # the old rule counted three records; the report already counts days
        self.assertEqual(self._days(self.user_anna, date(2025, 1, 1)), 1)

        post_migration("18.0.1.3.0")(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()

        self.assertEqual(self.company.customer_day_min_hours, 4)
        self.assertEqual(
            (no_hours.duration, no_hours.date_end.isoformat(" ")),
            (4, "2025-01-08 12:00:00"),
        )
        self.assertEqual(late.local_date, date(2025, 1, 10))  # Vienna, not UTC
        # entries with hours keep them, the visit stays a visit
        self.assertEqual(
            (half_hour.duration, short_a.duration, short_b.duration, visit.duration),
            (0.5, 2, 2, 0),
        )
        # 7 Jan: half an hour, no day; 8 Jan: the day without hours; 9 Jan:
        # two customers, two hours each, one day
        self.assertEqual(self._days(self.user_anna, date(2025, 1, 1)), 2)
        self.assertEqual(self._days(self.user_ben, date(2025, 1, 1)), 0)
        self.assertEqual(len(old.exists()), 6)
        # a second run changes nothing
        post_migration("18.0.1.3.0")(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()
        self.assertEqual(self._days(self.user_anna, date(2025, 1, 1)), 2)
        self.assertEqual(no_hours.duration, 4)
