# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CustomerContactGapReport(models.Model):
    """Important customers nobody has talked to lately, per company.

    Importance is the customer's value in the company: predicted CLV, or the
    historic CLV while the company has too little history for a prediction.
    """

    _name = "customer.contact.gap.report"
    _description = "Customers Not Contacted Lately"
    _auto = False
    _order = "importance desc, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "customer.contact": ["partner_id", "company_id", "date_start", "state"],
        "customer.value": ["partner_id", "company_id", "ranking_value"],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    importance = fields.Monetary(
        string="Customer value", currency_field="currency_id", readonly=True
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
            "%s %s %s %s", self._with(), self._select(), self._from(), self._where()
        )

    def _with(self):
        return SQL(
            """
            WITH importance AS (%(importance)s),
            last_contact AS (
                SELECT partner_id, company_id, max(date_start) AS last_contact_date
                  FROM customer_contact
                 WHERE state = 'done'
              GROUP BY partner_id, company_id
            )
            """,
            importance=self._importance_query(),
        )

    def _select(self):
        # A row is a customer value (one per customer and company) and takes
        # its id, as Odoo's reports take a source row's: a 32-bit record id
        # that recomputing keeps (it updates the value in place).
        return SQL(
            """
            SELECT i.id,
                   i.partner_id, i.company_id, p.user_id, i.importance,
                   co.currency_id, lc.last_contact_date,
                   (current_date - lc.last_contact_date::date) AS days_since_contact,
                   (lc.last_contact_date IS NULL
                    OR lc.last_contact_date
                       < now() - co.customer_contact_lapse_days * interval '1 day'
                   ) AS lapsed
            """
        )

    def _from(self):
        return SQL(
            """
              FROM importance i
              JOIN res_partner p ON p.id = i.partner_id
              JOIN res_company co ON co.id = i.company_id
         LEFT JOIN last_contact lc ON lc.partner_id = i.partner_id
                   AND lc.company_id = i.company_id
            """
        )

    def _where(self):
        return SQL("WHERE p.active")

    def _importance_query(self):
        """Rows (id, partner_id, company_id, importance): overridable ranking.

        One row per customer and company: the pair is the report's key, ``id``
        (the customer value's) the report row's id.
        """
        return SQL(
            """
            SELECT id, partner_id, company_id, ranking_value AS importance
              FROM customer_value
             WHERE ranking_value > 0
            """
        )
