# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import PosValueCase


@tagged("post_install", "-at_install")
class TestPosPartnerData(PosValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.brooch = cls.create_product("Brooch", cls.categ_basic, 1000)
        cls.cashier = new_test_user(
            cls.env,
            "cc_kassa",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def _invoice(self, partner, product, price, day):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": day,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "price_unit": price, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _shop_customer(self):
        """Ring 300, chain 160 (invoiced POS order), watch bought and
        returned, brooch 1,000 on a backend invoice."""
        person = self.customer_person
        self._ticket(person, [(self.ring, 3)], "2026-03-10")
        self._ticket(person, [(self.chain, 2)], "2026-03-12", invoiced=True)
        watch = self._ticket(person, [(self.watch, 1)], "2026-04-01")
        self._refund(watch, "2026-04-02")
        self._invoice(self.customer_company, self.brooch, 1000, "2026-05-01")
        self._recompute()

    def test_favourites_count_every_sale_once(self):
        self._shop_customer()
        payload = self.customer_person.pos_customer_value
        # counted twice, the invoiced chains (2 x 160) would pass the rings
        self.assertEqual(
            [product["name"] for product in payload["favourites"]],
            ["Brooch", "Ring", "Chain"],
        )
        self.assertEqual(payload["favourites"][0]["product_id"], self.brooch.id)
        value = self._value(self.customer_company)
        self.assertEqual(value.total_revenue, 1460)
        self.assertEqual(payload["tier"], value.tier)
        self.assertEqual(payload["segment"], value.segment)
        self.assertTrue(payload["tier_label"])
        self.assertTrue(payload["segment_label"])

    def test_labels_in_the_cashier_language(self):
        self._shop_customer()
        self.env["res.lang"]._activate_lang("de_DE")
        self.ring.product_tmpl_id.with_context(lang="de_DE").name = "Ring (DE)"
        payload = self.customer_person.with_context(lang="de_DE").pos_customer_value
        self.assertEqual(payload["favourites"][1]["name"], "Ring (DE)")

    def test_customer_without_purchases_has_no_payload(self):
        self._shop_customer()
        self.assertFalse(self.other_customer.pos_customer_value)
        self.assertFalse(self.env["res.partner"].new({"name": "x"}).pos_customer_value)

    def test_loaded_with_the_pos_partners_for_a_cashier(self):
        self._shop_customer()
        self.env.invalidate_all()
        session = self.pos_session.with_user(self.cashier)
        data = session.load_data(["pos.config", "pos.order", "res.partner"])
        partners = data["res.partner"]
        self.assertNotIn("error", partners)
        self.assertIn("pos_customer_value", partners["fields"])
        by_id = {row["id"]: row for row in partners["data"]}
        payload = by_id[self.customer_person.id]["pos_customer_value"]
        self.assertEqual(payload["tier"], self._value(self.customer_company).tier)
        self.assertEqual(len(payload["favourites"]), 3)

    def test_figures_of_the_shop_company_whatever_the_user_company(self):
        self._shop_customer()
        other = self.env["res.company"].create({"name": "Filiale Graz"})
        self.cashier.company_ids += other
        self.cashier.company_id = other
        self.env.invalidate_all()
        session = self.pos_session.with_user(self.cashier).with_context(
            allowed_company_ids=[other.id, self.company.id]
        )
        self.assertEqual(session.env.company, other)
        self.assertFalse(
            self.customer_person.with_env(session.env).pos_customer_value,
            "no figures in the other company",
        )
        data = session.load_data(["pos.config", "pos.order", "res.partner"])
        by_id = {row["id"]: row for row in data["res.partner"]["data"]}
        payload = by_id[self.customer_person.id]["pos_customer_value"]
        self.assertEqual(payload["tier"], self._value(self.customer_company).tier)

    def test_one_query_for_all_loaded_partners(self):
        self._shop_customer()
        few = self.customer_person | self.other_customer
        many = few | self.env["res.partner"].create(
            [{"name": f"Laufkunde {i}"} for i in range(10)]
        )
        for index, partner in enumerate(many[2:]):
            self._ticket(partner, [(self.ring, index + 1)], "2026-06-01")
        self.env.flush_all()
        counts = []
        for partners in (few, many):
            partners.invalidate_recordset(["pos_customer_value"])
            partners.fetch(["commercial_partner_id"])  # loaded with the partners
            before = self.env.cr.sql_log_count
            partners.mapped("pos_customer_value")
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(counts[0], 1)
