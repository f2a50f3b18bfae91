# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestCustomerContact(CustomerCentricityCase):
    def test_contact_person_is_stored_as_commercial_partner(self):
        contact = self._contact(partner_id=self.customer_person.id)
        self.assertEqual(contact.partner_id, self.customer)
        self.assertEqual(contact.contact_person_id, self.customer_person)
        contact.write({"partner_id": self.customer_person.id})
        self.assertEqual(contact.partner_id, self.customer)

    def test_duration_and_end_follow_each_other(self):
        contact = self._contact(duration=1.5)
        self.assertEqual(contact.date_end, datetime(2026, 3, 10, 10, 30))
        contact.date_end = "2026-03-10 17:00:00"
        self.assertAlmostEqual(contact.duration, 8.0)

    def test_bad_input_is_refused_and_writes_nothing(self):
        Contact = self.env["customer.contact"]
        before = Contact.search_count([])
        future = fields.Datetime.now() + timedelta(days=2)
        bad_values = {
            "end before start": {"date_end": "2026-03-10 08:00:00", "duration": 0},
            "negative duration": {"duration": -1.0},
            "absurd duration": {"duration": 30.0},
            "done in the future": {"date_start": future, "state": "done"},
            "without customer": {"partner_id": False},
        }
        for case, vals in bad_values.items():
            with self.subTest(case), self.assertRaises(ValidationError):
                self._contact(**vals)
        self.assertEqual(Contact.search_count([]), before)

    def test_future_contact_can_be_planned(self):
        future = fields.Datetime.now() + timedelta(days=2)
        contact = self._contact(date_start=future, state="planned")
        self.assertEqual(contact.state, "planned")
        with self.assertRaises(ValidationError):
            contact.action_mark_done()
        self.assertEqual(contact.state, "planned")

    def test_removing_the_customer_is_refused(self):
        contact = self._contact()
        with self.assertRaises(ValidationError):
            contact.write({"partner_id": False})
        self.assertEqual(contact.partner_id, self.customer)

    def test_local_date_uses_the_time_zone_of_the_person(self):
        # 23:30 UTC on 31 October is already 1 November in Berlin (UTC+1).
        berlin = self._contact(user=self.user_anna, date_start="2025-10-31 23:30:00")
        utc_user = self.user_ben
        utc_user.tz = "UTC"
        utc = self._contact(user=utc_user, date_start="2025-10-31 23:30:00")
        self.assertEqual(berlin.local_date, date(2025, 11, 1))
        self.assertEqual(utc.local_date, date(2025, 10, 31))

    def test_follow_up_schedules_an_activity_for_the_owner(self):
        contact = self._contact(
            follow_up_date="2026-04-01", follow_up_summary="Send the catalogue"
        )
        activity = contact.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_anna)
        self.assertEqual(activity.summary, "Send the catalogue")
        self.assertEqual(activity.date_deadline, date(2026, 4, 1))

    def test_notes_are_sanitised(self):
        contact = self._contact(note="<p>Liked it</p><script>alert(1)</script>")
        self.assertIn("Liked it", contact.note)
        self.assertNotIn("script", contact.note)

    def test_form_logs_a_visit_for_a_contact_person(self):
        form = Form(self.env["customer.contact"].with_user(self.user_anna))
        form.partner_id = self.customer_person
        form.kind = "customer_day"
        form.date_start = datetime(2026, 3, 2, 8, 0)
        form.date_end = datetime(2026, 3, 2, 16, 0)
        form.customer_need = "Repairs within a week"
        contact = form.save()
        self.assertEqual(contact.partner_id, self.customer)
        self.assertEqual(contact.user_id, self.user_anna)
        self.assertEqual(contact.duration, 8.0)
        self.assertEqual(contact.display_name, "Customer day · Juwelier Huber")
