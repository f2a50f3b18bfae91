# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestContactCompliance(CustomerCentricityCase):
    def _row(self, user, month):
        rows = self.env["customer.contact.report"].search(
            [("user_id", "=", user.id), ("month", "=", month)]
        )
        self.assertLessEqual(len(rows), 1)
        return rows

    def test_month_figures_and_default_target(self):
        self._contact(kind="customer_day", date_start="2025-03-03 08:00:00", duration=8)
        self._contact(date_start="2025-03-20 09:00:00")
        self._contact(
            partner_id=self.other_customer.id, date_start="2025-03-21 09:00:00"
        )
        self._contact(date_start="2025-03-22 09:00:00", state="cancelled")
        row = self._row(self.user_anna, date(2025, 3, 1))
        self.assertEqual(row.customer_days, 1)
        self.assertEqual(row.customer_day_target, 1)
        self.assertEqual(row.contact_count, 3)
        self.assertEqual(row.customer_count, 2)
        self.assertTrue(row.target_reached)

    def test_target_record_raises_the_bar(self):
        self.env["customer.contact.target"].create(
            {"user_id": self.user_anna.id, "customer_days": 2, "contact_count": 5}
        )
        self._contact(kind="customer_day", date_start="2025-03-03 08:00:00", duration=8)
        row = self._row(self.user_anna, date(2025, 3, 1))
        self.assertEqual(row.customer_day_target, 2)
        self.assertEqual(row.contact_target, 5)
        self.assertEqual(row.missing_customer_days, 1)
        self.assertFalse(row.target_reached)

    def test_month_boundary_follows_the_time_zone(self):
        # Anna is in Berlin: 31 Oct 23:30 UTC is her 1 November.
        self._contact(kind="customer_day", date_start="2025-10-31 23:30:00", duration=8)
        self.assertFalse(self._row(self.user_anna, date(2025, 10, 1)))
        self.assertEqual(self._row(self.user_anna, date(2025, 11, 1)).customer_days, 1)
        # the last second of a month in UTC stays in that month for a UTC user
        self.user_ben.tz = "UTC"
        self._contact(
            user=self.user_ben, kind="customer_day", date_start="2025-11-30 23:59:59"
        )
        self.assertEqual(self._row(self.user_ben, date(2025, 11, 1)).customer_days, 1)
        self.assertFalse(self._row(self.user_ben, date(2025, 12, 1)))

    def test_manager_without_contacts_is_flagged_every_month(self):
        rows = self.env["customer.contact.report"].search(
            [("user_id", "=", self.manager.id)]
        )
        self.assertEqual(len(rows), 12)
        self.assertTrue(all(not row.target_reached for row in rows))
        self.assertEqual(set(rows.mapped("customer_days")), {0})

    def test_compliance_pivot_groups_by_manager_and_month(self):
        self._contact(
            user=self.manager, kind="customer_day", date_start="2025-05-05 08:00:00"
        )
        self._contact(user=self.manager, date_start="2025-05-06 08:00:00")
        groups = self.env["customer.contact.report"]._read_group(
            [("user_id", "=", self.manager.id), ("month", "=", "2025-05-01")],
            ["user_id", "month:month"],
            ["customer_days:sum", "contact_count:sum", "target_reached:bool_and"],
        )
        self.assertEqual(len(groups), 1)
        _user, _month, days, contacts, reached = groups[0]
        self.assertEqual((days, contacts, reached), (1, 2, True))
