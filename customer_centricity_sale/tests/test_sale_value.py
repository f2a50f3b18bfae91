# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every sale counts once: sales orders, their invoices, parts, refunds."""

from datetime import date

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import SQL

TODAY = date(2026, 6, 30)


@tagged("post_install", "-at_install")
class TestSaleValue(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company of its own: no demo orders or invoices
        cls.company = cls.env["res.company"].create(
            {"name": "Werkstatt Linz", "clv_min_repeat_customers": 10}
        )
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
                tracking_disable=True,
            )
        )
        cls.env.user.company_ids |= cls.company
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Uhrenservice",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.Value = cls.env["customer.value"]

    # helpers -------------------------------------------------------------
    def _customer(self, name):
        return self.env["res.partner"].create({"name": name, "is_company": True})

    def _order(
        self, customer, day, quantity=10, price=100.0, confirm=True, product=None
    ):
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "company_id": self.company.id,
                "date_order": f"{day} 10:00:00",
                "order_line": [
                    Command.create(
                        {
                            "product_id": (product or self.product).id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
            order.date_order = f"{day} 10:00:00"  # confirming stamps today
        return order

    def _invoice(self, order, day, quantity=None, extra_line=None):
        invoice = order._create_invoices()
        if quantity is not None:
            invoice.invoice_line_ids.filtered("sale_line_ids").quantity = quantity
        if extra_line:
            invoice.write({"invoice_line_ids": [Command.create(extra_line)]})
        invoice.invoice_date = day
        invoice.action_post()
        return invoice

    def _refund(self, invoice, day, price):
        refund = invoice._reverse_moves(
            [{"invoice_date": day, "date": day, "ref": "Rückgabe"}]
        )
        refund.invoice_line_ids.filtered("sale_line_ids").write(
            {"quantity": 1, "price_unit": price}
        )
        refund.action_post()
        return refund

    def _recompute(self, today=TODAY):
        return self.Value._recompute_company(self.company, today=today)

    def _value(self, customer):
        return self.Value.search(
            [("partner_id", "=", customer.id), ("company_id", "=", self.company.id)]
        )

    def assertValue(self, customer, **expected):
        value = self._value(customer)
        for name, figure in expected.items():
            actual = value[name]
            if isinstance(figure, str):
                actual = str(actual)
            self.assertEqual(actual, figure, f"{customer.name}: {name}")

    # the cases -------------------------------------------------------------
    def test_order_invoiced_at_once_counts_once_on_the_order_date(self):
        customer = self._customer("Sofort GmbH")
        order = self._order(customer, "2026-03-01")
        self._invoice(order, "2026-03-10")
        self._recompute()
        # 10 x 100: the order, not order and invoice; age 121 days (1 March - 30 June)
        self.assertValue(
            customer,
            total_revenue=1000.0,
            order_count=1,
            first_purchase_date="2026-03-01",
            last_purchase_date="2026-03-01",
            frequency=0,
            recency=0,
            age=121,
        )

    def test_order_not_yet_invoiced_counts_with_its_amount(self):
        customer = self._customer("Offen GmbH")
        self._order(customer, "2026-05-02", quantity=3)
        quotation = self._order(customer, "2026-05-03", confirm=False)
        self._recompute()
        self.assertValue(customer, total_revenue=300.0, order_count=1)
        self.assertEqual(quotation.state, "draft", "a quotation is no purchase")

    def test_order_invoiced_in_parts_counts_once(self):
        customer = self._customer("Teilweise GmbH")
        order = self._order(customer, "2026-02-01")
        self._invoice(order, "2026-02-10", quantity=4)
        # between the two invoices: 400 invoiced + 600 still to invoice
        self._recompute(today=date(2026, 3, 1))
        self.assertValue(customer, total_revenue=1000.0, order_count=1)
        self._invoice(order, "2026-04-01")
        self.assertEqual(order.invoice_status, "invoiced")
        self._recompute()
        self.assertValue(
            customer,
            total_revenue=1000.0,
            order_count=1,
            first_purchase_date="2026-02-01",
            last_purchase_date="2026-02-01",
            frequency=0,
        )

    def test_partly_refunded_order_counts_net(self):
        customer = self._customer("Retoure GmbH")
        order = self._order(customer, "2026-01-15")
        invoice = self._invoice(order, "2026-01-20")
        self._refund(invoice, "2026-02-01", price=200.0)
        self._recompute()
        # 1000 invoiced - 200 refunded, still one purchase on 15 January
        self.assertValue(
            customer,
            total_revenue=800.0,
            order_count=1,
            first_purchase_date="2026-01-15",
            last_purchase_date="2026-01-15",
        )

    def test_cancelled_order_counts_for_nothing(self):
        customer = self._customer("Storno GmbH")
        order = self._order(customer, "2026-04-04")
        order._action_cancel()
        self.assertEqual(order.state, "cancel")
        self._recompute()
        self.assertFalse(self._value(customer))

    def test_down_payment_then_final_invoice_counts_the_order_once(self):
        customer = self._customer("Anzahlung GmbH")
        order = self._order(customer, "2026-03-05")
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "percentage", "amount": 30})
        )
        wizard.create_invoices()
        down_payment = order.invoice_ids
        down_payment.invoice_date = "2026-03-06"
        down_payment.action_post()
        self._recompute(today=date(2026, 4, 1))
        # 300 paid in advance + 700 still to invoice
        self.assertValue(customer, total_revenue=1000.0, order_count=1)
        final = order._create_invoices(final=True)
        final.invoice_date = "2026-05-01"
        final.action_post()
        self.assertEqual(final.amount_untaxed, 700.0)
        self._recompute()
        self.assertValue(
            customer,
            total_revenue=1000.0,
            order_count=1,
            first_purchase_date="2026-03-05",
            last_purchase_date="2026-03-05",
        )

    def test_a_line_added_to_the_invoice_counts_on_the_invoice_date(self):
        customer = self._customer("Extra GmbH")
        order = self._order(customer, "2026-02-02", quantity=4)
        self._invoice(
            order,
            "2026-02-20",
            extra_line={"name": "Expressversand", "quantity": 1, "price_unit": 50.0},
        )
        self._recompute()
        self.assertValue(
            customer,
            total_revenue=450.0,
            order_count=2,
            first_purchase_date="2026-02-02",
            last_purchase_date="2026-02-20",
            frequency=1,
            recency=18,
        )

    def test_orders_and_plain_invoices_make_one_purchase_history(self):
        customer = self._customer("Stamm GmbH")
        self._order(customer, "2026-01-10", quantity=5)  # 500, not invoiced
        self._invoice(self._order(customer, "2026-04-10", quantity=3), "2026-04-12")
        plain = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "company_id": self.company.id,
                "invoice_date": "2026-05-20",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "quantity": 2,
                            "price_unit": 100.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        plain.action_post()
        self._recompute()
        # purchases: 10 Jan 500, 10 Apr 300, 20 May 200
        self.assertValue(
            customer,
            total_revenue=1000.0,
            order_count=3,
            first_purchase_date="2026-01-10",
            last_purchase_date="2026-05-20",
            frequency=2,
            recency=130,
            age=171,
            monetary_value=250.0,
        )

    def test_an_order_of_a_contact_person_counts_for_the_company(self):
        customer = self._customer("Firma mit Leuten")
        person = self.env["res.partner"].create(
            {"name": "Frau Einkauf", "parent_id": customer.id}
        )
        self._invoice(self._order(person, "2026-06-01", quantity=2), "2026-06-02")
        self._recompute()
        self.assertValue(customer, total_revenue=200.0, order_count=1)
        self.assertFalse(self._value(person))

    def test_the_recompute_costs_the_same_queries_for_few_or_many_orders(self):
        customer = self._customer("Eine GmbH")
        self._invoice(self._order(customer, "2026-01-05"), "2026-01-06")
        self._recompute()  # warm caches
        with self.assertQueryCount(__system__=17):
            self._recompute()
        for index in range(15):
            other = self._customer(f"Viele {index}")
            order = self._order(other, f"2026-03-{index + 1:02d}", quantity=index + 1)
            if index % 2:
                self._invoice(order, f"2026-04-{index + 1:02d}")
        with self.assertQueryCount(__system__=17):
            self._recompute()

    def test_campaign_results_count_orders_once(self):
        customer = self._customer("Kampagnen GmbH")
        customer.email = "kampagne@example.com"
        campaign = (
            self.env["customer.outreach.campaign"]
            .with_company(self.company)
            .create(
                {
                    "name": "Herbstgruß",
                    "selection_mode": "manual",
                    "company_id": self.company.id,
                    "revenue_days": 30,
                }
            )
        )
        campaign._add_recipients(customer).write({"state": "sent"})
        campaign.write({"state": "done", "date_sent": "2026-03-01 09:00:00"})
        self._order(customer, "2026-02-20", quantity=9)  # before: not counted
        self._invoice(self._order(customer, "2026-03-05", quantity=2), "2026-03-06")
        self._order(customer, "2026-03-20", quantity=1)  # not invoiced yet
        self._order(customer, "2026-04-10", quantity=7)  # after the window
        campaign.action_update_results()
        self.assertEqual(campaign.recipient_ids.revenue_after, 300.0)
        self.assertEqual(campaign.revenue_after, 300.0)

    def test_favourites_count_ordered_products_once(self):
        customer = self._customer("Lieblings GmbH")
        strap = self.env["product.product"].create(
            {"name": "Armband", "invoice_policy": "order"}
        )
        order = self._order(customer, "2026-03-01", quantity=3)  # 300 service
        self._order(customer, "2026-03-02", quantity=1, price=250.0, product=strap)
        favourites = self.Value._favourite_products(self.company, customer.ids, 3)
        self.assertEqual(favourites[customer.id], [self.product.id, strap.id])
        # invoiced in part: 100 on the invoice, 200 still to invoice, still 300
        self._invoice(order, "2026-03-05", quantity=1)
        self.env.flush_all()
        amounts = dict(
            self.env.execute_query(
                SQL(
                    "SELECT product_id, sum(amount) FROM (%s) line GROUP BY 1",
                    SQL(" UNION ALL ").join(
                        self.Value._purchase_line_queries(self.company, customer.ids)
                    ),
                )
            )
        )
        self.assertEqual(amounts[self.product.id], 300.0)
        self.assertEqual(amounts[strap.id], 250.0)
