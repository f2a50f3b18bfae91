# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CustomerContactGapReport(models.Model):
    """Important customers nobody has talked to lately, per company.

    Importance is the customer's invoiced revenue (posted invoices minus
    refunds, company currency).
    """

    _name = "customer.contact.gap.report"
    _description = "Customers Not Contacted Lately"
    _auto = False
    _order = "importance desc, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "customer.contact": ["partner_id", "company_id", "date_start", "state"],
        "account.move": [
            "commercial_partner_id",
            "company_id",
            "amount_untaxed_signed",
            "move_type",
            "state",
        ],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    importance = fields.Monetary(
        string="Invoiced revenue", currency_field="currency_id", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    last_contact_date = fields.Datetime(readonly=True)
    days_since_contact = fields.Integer(readonly=True)
    lapsed = fields.Boolean(
        string="Not contacted lately",
        readonly=True,
        help="No contact for longer than the company's limit (Settings).",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH importance AS (%(importance)s),
            last_contact AS (
                SELECT partner_id, company_id, max(date_start) AS last_contact_date
                  FROM customer_contact
                 WHERE state = 'done'
              GROUP BY partner_id, company_id
            )
            SELECT row_number() OVER (ORDER BY i.partner_id, i.company_id) AS id,
                   i.partner_id, i.company_id, p.user_id, i.importance,
                   co.currency_id, lc.last_contact_date,
                   (current_date - lc.last_contact_date::date) AS days_since_contact,
                   (lc.last_contact_date IS NULL
                    OR lc.last_contact_date
                       < now() - co.customer_contact_lapse_days * interval '1 day'
                   ) AS lapsed
              FROM importance i
              JOIN res_partner p ON p.id = i.partner_id
              JOIN res_company co ON co.id = i.company_id
         LEFT JOIN last_contact lc ON lc.partner_id = i.partner_id
                   AND lc.company_id = i.company_id
             WHERE p.active
            """,
            importance=self._importance_query(),
        )

    def _importance_query(self):
        """Rows (partner_id, company_id, importance): overridable ranking."""
        return SQL(
            """
            SELECT m.commercial_partner_id AS partner_id, m.company_id,
                   sum(m.amount_untaxed_signed) AS importance
              FROM account_move m
             WHERE m.state = 'posted'
               AND m.move_type IN ('out_invoice', 'out_refund')
          GROUP BY m.commercial_partner_id, m.company_id
            HAVING sum(m.amount_untaxed_signed) > 0
            """
        )
