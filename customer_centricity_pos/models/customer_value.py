# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import SQL


class CustomerValue(models.Model):
    _inherit = "customer.value"

    def _transaction_queries(self, company, until):
        """Paid POS orders are purchases of the order's customer.

        Which document counts:

        - a ticket: the POS order (order date, untaxed amount);
        - an invoiced POS order: its invoice, already counted by the base
          addon, so the order is left out here (``account_move IS NULL``);
        - a refund at the counter: the refund order, with negative amounts
          (or its credit note when the refund was invoiced);
        - a ticket without customer: nobody.
        """
        return [
            *super()._transaction_queries(company, until),
            self._pos_order_transaction_query(company, until),
        ]

    def _purchase_line_queries(self, company, partner_ids):
        """Lines of tickets that were not invoiced (the others are invoiced)."""
        return [
            *super()._purchase_line_queries(company, partner_ids),
            SQL(
                """
                SELECT p.commercial_partner_id AS partner_id, l.product_id,
                       l.price_subtotal / COALESCE(NULLIF(o.currency_rate, 0), 1)
                           AS amount
                  FROM pos_order o
                  JOIN pos_order_line l ON l.order_id = o.id
                  JOIN res_partner p ON p.id = o.partner_id
                 WHERE o.company_id = %(company)s
                   AND o.state IN ('paid', 'done')
                   AND o.account_move IS NULL
                   AND p.commercial_partner_id = ANY(%(partners)s)
                """,
                company=company.id,
                partners=list(partner_ids),
            ),
        ]

    def _pos_order_transaction_query(self, company, until):
        # currency_rate converts company currency into the order currency
        # (pos.order._compute_currency_rate); a rate of 0 never happens with a
        # configured currency, but must not divide by zero.
        return SQL(
            """
            SELECT p.commercial_partner_id AS partner_id,
                   o.date_order::date AS date,
                   round(((o.amount_total - o.amount_tax)
                          / COALESCE(NULLIF(o.currency_rate, 0), 1))::numeric,
                         %(digits)s) AS amount
              FROM pos_order o
              JOIN res_partner p ON p.id = o.partner_id
             WHERE o.company_id = %(company)s
               AND o.state IN ('paid', 'done')
               AND o.account_move IS NULL
               AND o.date_order < %(until)s::date + 1
            """,
            company=company.id,
            until=until,
            digits=company.currency_id.decimal_places,
        )
