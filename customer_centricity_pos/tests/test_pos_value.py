# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import PosValueCase

# Days, with one-day periods: 10 March -> 15 April = 36, -> 20 May = 71,
# -> 30 June (TODAY) = 112; 15 April -> 30 June = 76.


@tagged("post_install", "-at_install")
class TestPosValue(PosValueCase):
    def test_ticket_counts_for_the_commercial_partner(self):
        # 2 rings at 110 incl. 10 % tax = 200 untaxed; a watch = 500 untaxed
        self._ticket(self.customer_person, [(self.ring, 2)], "2026-03-10")
        self._ticket(self.customer_company, [(self.watch, 1)], "2026-05-20")
        self._recompute()
        self.assertValue(
            self.customer_company,
            total_revenue=700,
            order_count=2,
            first_purchase_date=date(2026, 3, 10),
            last_purchase_date=date(2026, 5, 20),
            frequency=1,
            recency=71,
            age=112,
            monetary_value=500,
            average_order_value=350,
        )
        self.assertFalse(self._value(self.customer_person), "counted on the company")
        self.assertEqual(self.customer_person.clv_historic, 700)

    def test_draft_and_later_tickets_do_not_count(self):
        self._ticket(self.customer, [(self.ring, 1)], "2026-03-10")
        draft = self._ticket(self.customer, [(self.watch, 1)], "2026-03-11", draft=True)
        self.assertEqual(draft.state, "draft")
        self._ticket(self.customer, [(self.watch, 1)], "2026-07-01")  # after TODAY
        self._recompute()
        self.assertValue(
            self.customer,
            total_revenue=100,
            order_count=1,
            first_purchase_date=date(2026, 3, 10),
            last_purchase_date=date(2026, 3, 10),
            frequency=0,
            recency=0,
            age=112,
        )

    def test_invoiced_order_counts_once_as_its_invoice(self):
        self._ticket(self.customer, [(self.ring, 2)], "2026-03-10")
        invoiced = self._ticket(
            self.customer, [(self.ring, 3)], "2026-04-15", invoiced=True
        )
        invoice = invoiced.account_move
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.invoice_date, date(2026, 4, 15))
        self.assertEqual(invoice.amount_untaxed_signed, 300)
        self._recompute()
        # 200 (ticket) + 300 (invoice), not + 300 again for the POS order
        self.assertValue(
            self.customer,
            total_revenue=500,
            order_count=2,
            first_purchase_date=date(2026, 3, 10),
            last_purchase_date=date(2026, 4, 15),
            frequency=1,
            recency=36,
            age=112,
            monetary_value=300,
        )

    def test_ticket_invoiced_after_closing_counts_as_its_invoice(self):
        ticket = self._ticket(self.customer, [(self.ring, 2)], "2026-03-10")
        with freeze_time("2026-03-10 20:00:00"):
            cash = sum(self.pos_session.order_ids.payment_ids.mapped("amount"))
            self.pos_session.post_closing_cash_details(cash)
            self.pos_session.close_session_from_ui()
        self.assertEqual(self.pos_session.state, "closed")
        with freeze_time("2026-04-15 09:00:00"):
            ticket.action_pos_order_invoice()
        self.assertEqual(ticket.account_move.invoice_date, date(2026, 4, 15))
        self._recompute()
        # the purchase moves from the ticket to the invoice: once, on 15 April
        self.assertValue(
            self.customer,
            total_revenue=200,
            order_count=1,
            first_purchase_date=date(2026, 4, 15),
            last_purchase_date=date(2026, 4, 15),
            frequency=0,
            recency=0,
            age=76,
        )

    def test_refund_at_the_counter_is_a_negative_purchase(self):
        ticket = self._ticket(self.customer, [(self.ring, 2)], "2026-03-10")
        refund = self._refund(ticket, "2026-03-20")
        self.assertEqual(refund.state, "paid")
        self.assertFalse(refund.account_move)
        self.assertEqual(refund.amount_total - refund.amount_tax, -200)
        self._ticket(self.customer, [(self.watch, 1)], "2026-05-20")
        # a customer who returned everything on the same day bought nothing
        undecided = self.other_customer
        ticket = self._ticket(undecided, [(self.watch, 1)], "2026-04-01")
        self._refund(ticket, "2026-04-01")
        self._recompute()
        # +200 -200 +500; the refund is no order; 20 March is no purchase
        # period (net -200), 10 March still is one (net +200)
        self.assertValue(
            self.customer,
            total_revenue=500,
            order_count=2,
            first_purchase_date=date(2026, 3, 10),
            last_purchase_date=date(2026, 5, 20),
            frequency=1,
            recency=71,
            age=112,
            monetary_value=500,
        )
        self.assertFalse(self._value(undecided), "no purchase, no figures")

    def test_invoiced_refund_counts_as_its_credit_note(self):
        ticket = self._ticket(
            self.customer, [(self.ring, 3)], "2026-03-10", invoiced=True
        )
        refund = self._refund(ticket, "2026-03-20", invoiced=True)
        credit_note = refund.account_move
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.amount_untaxed_signed, -300)
        self._ticket(self.customer, [(self.watch, 1)], "2026-05-20")
        self._recompute()
        # invoice +300, credit note -300, ticket +500: the two POS orders of
        # the invoice and the credit note do not count on their own
        self.assertValue(
            self.customer,
            total_revenue=500,
            order_count=2,
            first_purchase_date=date(2026, 3, 10),
            last_purchase_date=date(2026, 5, 20),
            frequency=1,
            recency=71,
            age=112,
            monetary_value=500,
        )

    def test_anonymous_ticket_counts_for_nobody(self):
        self._ticket(self.customer, [(self.ring, 1)], "2026-03-10")
        model_before = self._recompute()
        anonymous = self._ticket(False, [(self.watch, 4)], "2026-03-10")
        self.assertEqual(anonymous.state, "paid")
        self.assertFalse(anonymous.partner_id)
        model = self._recompute()
        self.assertEqual(model.customer_count, model_before.customer_count)
        self.assertValue(
            self.customer,
            total_revenue=100,
            order_count=1,
            first_purchase_date=date(2026, 3, 10),
            last_purchase_date=date(2026, 3, 10),
            frequency=0,
            recency=0,
            age=112,
        )
        self.assertFalse(
            self.Value.search(
                [("company_id", "=", self.company.id), ("total_revenue", ">=", 2000)]
            ),
            "the anonymous 2,000 are nobody's",
        )

    def test_ticket_in_another_currency(self):
        # other_currency_config sells in a currency worth 2 company units
        # (rate 0.5): a ring costs 55 incl. tax there, 50 untaxed = 100.
        self.config = self.other_currency_config
        self.open_new_session()
        self.assertNotEqual(self.currency, self.company.currency_id)
        order = self._ticket(self.customer, [(self.ring, 1)], "2026-03-10")
        self.assertEqual(order.currency_rate, 0.5)
        self.assertEqual(order.amount_total - order.amount_tax, 50)
        self._recompute()
        self.assertValue(
            self.customer,
            total_revenue=100,
            order_count=1,
            first_purchase_date=date(2026, 3, 10),
            last_purchase_date=date(2026, 3, 10),
        )

    def test_other_company_tickets_do_not_count(self):
        self._ticket(self.customer, [(self.ring, 1)], "2026-03-10")
        self._recompute()
        other = self.env["res.company"].create({"name": "Filiale Graz"})
        self.Value._recompute_company(other, today=date(2026, 6, 30))
        self.assertFalse(
            self.Value.search(
                [("partner_id", "=", self.customer.id), ("company_id", "=", other.id)]
            )
        )
        self.assertEqual(self._value(self.customer).total_revenue, 100)

    def test_recompute_query_count_does_not_grow_with_orders(self):
        self._ticket(self.customer, [(self.ring, 1)], "2026-03-10")
        self._recompute()  # warm caches
        few = self._count_recompute_queries()
        customers = self.env["res.partner"].create(
            [{"name": f"Stammkunde {i}"} for i in range(8)]
        )
        for index, customer in enumerate(customers):
            for day in ("2026-02-01", "2026-04-01", "2026-06-01")[: index % 3 + 1]:
                self._ticket(customer, [(self.ring, 1), (self.chain, 1)], day)
        self._recompute()
        many = self._count_recompute_queries()
        self.assertEqual(self._value(customers[2]).order_count, 3)
        self.assertEqual(few, many)

    def _count_recompute_queries(self):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self._recompute()
        return self.env.cr.sql_log_count - before
