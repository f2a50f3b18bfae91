# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer's value and goodwill allowance where the price is decided."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TransactionCase


def _quotation(env, customer, discount):
    product = env["product.product"].create({"name": "Armband", "list_price": 200.0})
    return env["sale.order"].create(
        {
            "partner_id": customer.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": 1,
                        "price_unit": 200.0,
                        "discount": discount,
                    }
                )
            ],
        }
    )


def _customer_of_tier(env, name, tier):
    customer = env["res.partner"].create({"name": name, "is_company": True})
    env["customer.value"].create(
        {
            "partner_id": customer.id,
            "company_id": env.company.id,
            "tier": tier,
            "segment": "champions" if tier == "top10" else "hibernating",
            "predicted_clv": 5400.0 if tier == "top10" else 80.0,
            "probability_alive": 0.93,
        }
    )
    return customer


@tagged("post_install", "-at_install")
class TestGoodwill(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "goodwill_top10_percent": 10.0,
                "goodwill_top20_percent": 5.0,
                "goodwill_other_percent": 2.0,
            }
        )
        cls.top = _customer_of_tier(cls.env, "Top Kundin", "top10")
        cls.occasional = _customer_of_tier(cls.env, "Gelegenheitskunde", "other")

    def test_the_quotation_shows_the_customers_value(self):
        person = self.env["res.partner"].create(
            {"name": "Frau Top", "parent_id": self.top.id}
        )
        order = _quotation(self.env, person, 0)
        self.assertEqual(
            (order.clv_tier, order.clv_segment, order.clv_predicted),
            ("top10", "champions", 5400.0),
        )
        self.assertAlmostEqual(order.clv_probability_alive, 0.93)
        self.assertEqual(order.goodwill_percent, 10.0)

    def test_a_discount_above_the_tiers_allowance_warns_without_blocking(self):
        within = _quotation(self.env, self.top, 8)
        self.assertFalse(within.goodwill_warning)
        above = _quotation(self.env, self.occasional, 8)
        self.assertIn("above the 2 % goodwill allowance", above.goodwill_warning)
        self.assertIn("(8 %)", above.goodwill_warning)
        above.action_confirm()  # a warning, never a block
        self.assertEqual(above.state, "sale")
        too_much = _quotation(self.env, self.top, 15)
        self.assertIn("above the 10 % goodwill allowance", too_much.goodwill_warning)

    def test_the_allowance_follows_the_settings(self):
        order = _quotation(self.env, self.occasional, 8)
        self.assertTrue(order.goodwill_warning)
        self.company.goodwill_other_percent = 10.0
        order.invalidate_recordset(["goodwill_warning", "goodwill_percent"])
        self.assertFalse(order.goodwill_warning)

    def test_customers_with_a_portal_login_see_no_value(self):
        portal = new_test_user(self.env, "cc_sale_portal", groups="base.group_portal")
        order = _quotation(self.env, self.top, 15)
        fields = self.env["sale.order"].with_user(portal).fields_get()
        for name in ("clv_tier", "clv_predicted", "goodwill_warning"):
            self.assertNotIn(name, fields)
        self.assertIn("clv_tier", self.env["sale.order"].fields_get())
        self.assertTrue(order)


@tagged("post_install", "-at_install")
class TestGoodwillUi(HttpCase):
    def test_an_excessive_discount_shows_the_warning(self):
        self.env.ref("base.user_admin").groups_id |= self.env.ref(
            "sale.group_discount_per_so_line"
        )
        customer = _customer_of_tier(self.env, "Tour Topkundin", "top10")
        # the admin's own quotation: the list opens on "My Quotations"
        _quotation(self.env, customer, 0).user_id = self.env.ref("base.user_admin")
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "customer_centricity_sale_goodwill",
            login="admin",
        )
