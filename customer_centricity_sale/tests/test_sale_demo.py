# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestSaleDemo(TransactionCase):
    def test_demo_orders_count_from_the_start(self):
        """Every customer with a confirmed demo order has a value at once.

        (Modules installed later, such as pos_sale, may add sales of their
        own: only the presence of the values is asserted, not their amount.)
        """
        company = self.env.company
        orders = self.env["sale.order"].search(
            [("state", "=", "sale"), ("company_id", "=", company.id)]
        )
        self.assertTrue(orders, "the demo has confirmed orders")
        customers = orders.partner_id.commercial_partner_id
        values = self.env["customer.value"].search(
            [("partner_id", "in", customers.ids), ("company_id", "=", company.id)]
        )
        self.assertEqual(values.partner_id, customers)
        self.assertTrue(all(value.order_count >= 1 for value in values))
