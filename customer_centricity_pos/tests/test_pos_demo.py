# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest import SkipTest

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPosDemo(TransactionCase):
    def test_demo_shops_tell_the_regular_customer_story(self):
        helene = self.env.ref(
            "customer_centricity.partner_helene_huber_demo",
            raise_if_not_found=False,
        )
        tickets = self.env["pos.order"].search([("partner_id", "=", helene.id)])
        if not helene or not tickets:
            raise SkipTest("demo data not loaded")
        company = self.env.ref("base.main_company")
        self.env["customer.value"]._recompute_company(company)
        helene = helene.with_company(company)
        # six tickets in Wien and Graz: 2,400 + 4,900 + 650 + 1,010 + 4,900 + 1,780
        self.assertEqual(len(tickets), 6)
        self.assertEqual(sum(tickets.mapped("amount_total")), 15640)
        # ... on top of her purchases from the old till, imported as history
        history = self.env["customer.value.history"].search(
            [("partner_id", "=", helene.id), ("company_id", "=", company.id)]
        )
        self.assertTrue(history, "a regular for years")
        self.assertAlmostEqual(
            helene.clv_historic, 15640 + sum(history.mapped("amount")), places=2
        )
        self.assertEqual(helene.clv_order_count, 6 + len(history))
        self.assertEqual(helene.clv_tier, "top10")
        # the counter knows her favourites from the tickets
        self.assertEqual(
            [product["name"] for product in helene.pos_customer_value["favourites"]],
            ["Brillantring", "Goldring", "Armbanduhr"],
        )
        self.assertEqual(sorted(tickets.config_id.mapped("name")), ["Graz", "Wien"])
