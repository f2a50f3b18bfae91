# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestPosUi(TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.gold_ring, cls.watch, cls.pearls, cls.strap = Product.create(
            [
                {"name": name, "list_price": price, "taxes_id": False}
                for name, price in (
                    ("Goldring", 900),
                    ("Armbanduhr", 2400),
                    ("Perlenkette", 600),
                    ("Uhrenarmband", 40),
                )
            ]
        )
        cls.regular, cls.passer_by = cls.env["res.partner"].create(
            [{"name": "Stammkundin Huber"}, {"name": "Laufkunde Berger"}]
        )

    def _paid_order(self, session, partner, lines):
        order = self.env["pos.order"].create(
            {
                "company_id": session.config_id.company_id.id,
                "session_id": session.id,
                "partner_id": partner.id,
                "lines": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "qty": qty,
                            "price_unit": product.list_price,
                            "price_subtotal": product.list_price * qty,
                            "price_subtotal_incl": product.list_price * qty,
                            "tax_ids": [],
                        }
                    )
                    for product, qty in lines
                ],
                "amount_total": sum(p.list_price * qty for p, qty in lines),
                "amount_tax": 0,
                "amount_paid": 0,
                "amount_return": 0,
                "last_order_preparation_change": "{}",
            }
        )
        order.add_payment(
            {
                "pos_order_id": order.id,
                "amount": order.amount_total,
                "payment_method_id": self.main_pos_config.payment_method_ids.filtered(
                    "is_cash_count"
                )[:1].id,
            }
        )
        order.action_pos_order_paid()
        return order

    def test_top_customer_badge_and_favourites_at_the_counter(self):
        with self.with_new_session(user=self.pos_user) as session:
            self._paid_order(
                session, self.regular, [(self.watch, 1), (self.gold_ring, 1)]
            )
            self._paid_order(session, self.regular, [(self.pearls, 1)])
            self._paid_order(session, self.regular, [(self.strap, 1)])
            self._paid_order(session, self.passer_by, [(self.strap, 1)])
        company = self.main_pos_config.company_id
        self.env["customer.value"]._recompute_company(company)
        payload = self.regular.with_company(company).pos_customer_value
        self.assertEqual(payload["tier"], "top10")
        self.assertEqual(
            [product["name"] for product in payload["favourites"]],
            ["Armbanduhr", "Goldring", "Perlenkette"],
        )
        self.assertNotEqual(
            self.passer_by.with_company(company).pos_customer_value["tier"], "top10"
        )
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("customer_centricity_pos_top_customer")
