# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerCentricityUi(HttpCase):
    def test_log_a_visit_through_the_ui(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Juwelier", "is_company": True}
        )
        self.start_tour("/odoo", "customer_centricity_log_visit", login="admin")
        contact = self.env["customer.contact"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.kind, "visit")
        self.assertEqual(contact.customer_need, "Watches serviced before Christmas")
        self.assertEqual(contact.user_id, self.env.ref("base.user_admin"))
