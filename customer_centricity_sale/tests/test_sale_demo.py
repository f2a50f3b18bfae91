# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestSaleDemo(TransactionCase):
    def test_demo_orders_count_from_the_start(self):
        """The demo's values already include the demo orders of Sales."""
        company = self.env.company
        orders = self.env["sale.order"].search(
            [("state", "=", "sale"), ("company_id", "=", company.id)]
        )
        self.assertTrue(orders, "the demo has confirmed orders")
        customers = orders.partner_id.commercial_partner_id
        Value = self.env["customer.value"]
        domain = [("partner_id", "in", customers.ids), ("company_id", "=", company.id)]
        installed = {v.partner_id: v.total_revenue for v in Value.search(domain)}
        self.assertEqual(set(installed), set(customers))
        Value._recompute_company(company)
        self.assertEqual(
            {v.partner_id: v.total_revenue for v in Value.search(domain)}, installed
        )
