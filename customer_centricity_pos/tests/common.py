# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

TODAY = date(2026, 6, 30)


class PosValueCase(TestPoSCommon):
    """An open POS session of a fresh company, jewellery products and
    helpers to ring up tickets and refunds on a given day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tax10 = cls.taxes["tax10"].ids  # 10 %, included in the price
        cls.ring = cls.create_product("Ring", cls.categ_basic, 110, tax_ids=tax10)
        cls.watch = cls.create_product("Watch", cls.categ_basic, 550, tax_ids=tax10)
        cls.chain = cls.create_product("Chain", cls.categ_basic, 80)
        cls.customer_company = cls.env["res.partner"].create(
            {"name": "Juwelier Kundin GmbH", "is_company": True}
        )
        cls.customer_person = cls.env["res.partner"].create(
            {"name": "Clara Kundin", "parent_id": cls.customer_company.id}
        )
        cls.Value = cls.env["customer.value"]

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.open_new_session()

    def _ticket(self, customer, lines, day, invoiced=False, draft=False):
        """A paid POS order of ``lines`` [(product, qty)] at noon of ``day``
        (``draft``: an order saved at the counter, not paid yet)."""
        with freeze_time(f"{day} 12:00:00"):
            data = self.create_ui_order_data(
                lines, customer=customer, is_invoiced=invoiced
            )
            if draft:
                data["state"] = "draft"
            result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _refund(self, order, day, invoiced=False):
        """The whole ``order`` returned and paid back in cash on ``day``."""
        with freeze_time(f"{day} 12:00:00"):
            refund = order._refund()
            refund.to_invoice = invoiced
            self.make_payment(refund, self.cash_pm1, refund.amount_total)
        return refund

    def _recompute(self, today=TODAY):
        return self.Value._recompute_company(self.company, today=today)

    def _value(self, partner):
        return self.Value.search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )

    def assertValue(self, partner, **expected):
        value = self._value(partner)
        self.assertEqual(len(value), 1, f"one value row for {partner.name}")
        got = {name: value[name] for name in expected}
        self.assertEqual(got, expected)
