# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import SQL

# An invoice belongs to a confirmed sales order when one of its lines does.
ORDER_INVOICE = """
    EXISTS (
        SELECT 1
          FROM account_move_line ol
          JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = ol.id
          JOIN sale_order_line sol ON sol.id = rel.order_line_id
          JOIN sale_order so ON so.id = sol.order_id
         WHERE ol.move_id = m.id AND so.state = 'sale'
    )
"""


class CustomerValue(models.Model):
    """Confirmed sales orders are purchases; their invoices count through them.

    One purchase per confirmed order, on its order date, worth what was
    invoiced for it (net of credit notes) plus what is still to invoice. So
    an order invoiced at once, in parts or with a down payment counts once,
    with its full amount, on the day the customer ordered; a credit note
    lowers it; a cancelled order counts for nothing. Invoice lines that
    belong to no order (added by hand to an order's invoice) count on the
    invoice date.
    """

    _inherit = "customer.value"

    def _invoices_counted_elsewhere(self, company):
        return SQL(
            "(%s OR %s)",
            super()._invoices_counted_elsewhere(company),
            SQL(ORDER_INVOICE),
        )

    def _transaction_queries(self, company, until):
        return [
            *super()._transaction_queries(company, until),
            self._sale_order_query(company, until),
            self._unordered_invoice_lines_query(company, until),
        ]

    def _purchase_line_queries(self, company, partner_ids):
        """Order lines still to invoice (what is invoiced is on the invoices)."""
        return [
            *super()._purchase_line_queries(company, partner_ids),
            SQL(
                """
                SELECT p.commercial_partner_id AS partner_id, sol.product_id,
                       (sol.product_uom_qty - sol.qty_invoiced)
                           * sol.price_reduce_taxexcl
                           / coalesce(nullif(so.currency_rate, 0), 1) AS amount
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s
                   AND so.state = 'sale'
                   AND p.commercial_partner_id = ANY(%(partners)s)
                   AND sol.product_id IS NOT NULL
                   AND sol.display_type IS NULL
                   AND sol.product_uom_qty > sol.qty_invoiced
                """,
                company=company.id,
                partners=list(partner_ids),
            ),
        ]

    def _sale_order_query(self, company, until):
        """One row per confirmed order: invoiced net + still to invoice."""
        return SQL(
            """
            SELECT p.commercial_partner_id AS partner_id,
                   so.date_order::date AS date,
                   coalesce(inv.net, 0) + greatest(
                       so.amount_untaxed - coalesce(inv.gross_currency, 0), 0
                   ) / coalesce(nullif(so.currency_rate, 0), 1) AS amount
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              LEFT JOIN (
                  SELECT order_id,
                         sum(net) AS net,
                         sum(gross_currency) AS gross_currency
                    FROM (
                        SELECT DISTINCT sol.order_id, l.id,
                               -l.balance AS net,
                               CASE WHEN m.move_type = 'out_invoice'
                                    THEN -l.amount_currency ELSE 0 END
                                   AS gross_currency
                          FROM sale_order_line_invoice_rel rel
                          JOIN account_move_line l ON l.id = rel.invoice_line_id
                          JOIN account_move m ON m.id = l.move_id
                          JOIN sale_order_line sol ON sol.id = rel.order_line_id
                         WHERE m.state = 'posted'
                           AND m.move_type IN ('out_invoice', 'out_refund')
                           AND m.company_id = %(company)s
                           AND m.invoice_date <= %(until)s
                    ) lines
                   GROUP BY order_id
              ) inv ON inv.order_id = so.id
             WHERE so.company_id = %(company)s
               AND so.state = 'sale'
               AND so.date_order::date <= %(until)s
            """,
            company=company.id,
            until=until,
        )

    def _unordered_invoice_lines_query(self, company, until):
        """Lines added by hand to an order's invoice: on the invoice date."""
        return SQL(
            """
            SELECT m.commercial_partner_id AS partner_id, m.invoice_date AS date,
                   sum(-l.balance) AS amount
              FROM account_move m
              JOIN account_move_line l ON l.move_id = m.id
             WHERE m.company_id = %(company)s
               AND m.state = 'posted'
               AND m.move_type IN ('out_invoice', 'out_refund')
               AND m.invoice_date <= %(until)s
               AND l.display_type = 'product'
               AND NOT EXISTS (
                   SELECT 1 FROM sale_order_line_invoice_rel r
                    WHERE r.invoice_line_id = l.id
               )
               AND %(order_invoice)s
             GROUP BY m.id, m.commercial_partner_id, m.invoice_date
            """,
            company=company.id,
            until=until,
            order_invoice=SQL(ORDER_INVOICE),
        )
