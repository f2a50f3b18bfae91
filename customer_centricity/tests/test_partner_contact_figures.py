# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestPartnerContactFigures(CustomerCentricityCase):
    def test_last_contact_and_recent_count(self):
        now = fields.Datetime.now().replace(microsecond=0)
        self._contact(date_start=now - timedelta(days=200))
        self._contact(date_start=now - timedelta(days=10))
        self._contact(date_start=now - timedelta(days=5), user=self.user_ben)
        self._contact(date_start=now - timedelta(days=1), state="cancelled")
        self.env.invalidate_all()
        for partner in (self.customer, self.customer_person):
            self.assertEqual(
                partner.last_customer_contact_date, now - timedelta(days=5)
            )
            self.assertEqual(partner.customer_contact_count_90d, 2)
        # a colleague who cannot read the contacts still sees that they happened
        as_carl = self.customer.with_user(self.user_carl)
        self.assertEqual(as_carl.customer_contact_count_90d, 2)

    def test_search_by_last_contact(self):
        now = fields.Datetime.now()
        self._contact(date_start=now - timedelta(days=120))
        Partner = self.env["res.partner"]
        never = Partner.search([("last_customer_contact_date", "=", False)])
        self.assertIn(self.other_customer, never)
        self.assertNotIn(self.customer, never)
        self.assertNotIn(self.customer_person, never)
        stale = Partner.search(
            [("last_customer_contact_date", "<", now - timedelta(days=90))]
        )
        self.assertIn(self.customer, stale)
        self.assertIn(self.customer_person, stale)
        self.assertNotIn(self.other_customer, stale)

    def test_figures_cost_the_same_queries_for_few_or_many_partners(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Kunde {i}", "is_company": True} for i in range(40)]
        )
        for partner in partners[:20]:
            self._contact(partner_id=partner.id, date_start="2026-01-05 10:00:00")
        for batch in (partners[:2], partners):
            self.env.invalidate_all()
            batch.mapped("commercial_partner_id")  # prefetch outside the count
            with self.assertQueryCount(3):  # companies, two grouped reads
                batch.mapped("customer_contact_count_90d")

    def test_smart_button_opens_the_customers_contacts(self):
        self._contact()
        action = self.customer_person.action_view_customer_contacts()
        contacts = self.env["customer.contact"].search(action["domain"])
        self.assertEqual(contacts.partner_id, self.customer)
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)

    def test_not_contacted_lately_lists_valuable_customers(self):
        big = self.env["res.partner"].create({"name": "Großkunde", "is_company": True})
        small = self.env["res.partner"].create(
            {"name": "Kleinkunde", "is_company": True}
        )
        self._invoice(big, 5000)
        self._invoice(small, 800)
        self._invoice(self.customer, 2000)
        self.env["customer.value"]._recompute_company(self.company)
        self._contact()  # Huber was visited, but in March: longer ago than 90 days
        recent = fields.Datetime.now() - timedelta(days=3)
        self._contact(date_start=recent, partner_id=small.id)
        customers = big | small | self.customer
        report = self.env["customer.contact.gap.report"].search(
            [("partner_id", "in", customers.ids)]
        )
        self.assertEqual(report.partner_id, customers)
        lapsed = report.filtered("lapsed")
        self.assertEqual(lapsed.partner_id, big | self.customer)
        self.assertFalse(
            lapsed.filtered(lambda r: r.partner_id == big).last_contact_date
        )
        importance = report.mapped("importance")
        self.assertEqual(importance, sorted(importance, reverse=True))
        self.assertTrue(all(value > 0 for value in importance))

    def _invoice(self, partner, amount):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2026-02-01",
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "name": "Ware",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move
