# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CustomerChurnReport(models.Model):
    """Churn per month: one row per customer active the month before.

    A row is churned when the customer is no longer active (or no longer
    has figures) at the end of the month. The average of ``churn_rate``
    over any group (company, salesperson, team, quarter) is its churn rate.
    """

    _name = "customer.churn.report"
    _description = "Churn Rate"
    _auto = False
    _order = "month desc, company_id"
    _rec_name = "partner_id"
    _depends = {
        "customer.value.snapshot": [
            "partner_id",
            "company_id",
            "month",
            "active_customer",
        ],
        "res.partner": ["user_id"],
        "res.users": ["sale_team_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    active_before_count = fields.Integer(
        string="Active the month before", readonly=True
    )
    churned_count = fields.Integer(string="Churned", readonly=True)
    churn_rate = fields.Float(
        string="Churn rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH month AS (
                SELECT DISTINCT company_id, month FROM customer_value_snapshot
            )
            SELECT before.id, before.partner_id, p.user_id, u.sale_team_id AS team_id,
                   m.company_id, m.month, 1 AS active_before_count,
                   (NOT coalesce(now_.active_customer, FALSE))::int AS churned_count,
                   CASE WHEN coalesce(now_.active_customer, FALSE) THEN 0 ELSE 100 END
                       AS churn_rate
              FROM month m
              JOIN customer_value_snapshot before
                   ON before.company_id = m.company_id
                  AND before.month = (m.month - interval '1 month')::date
                  AND before.active_customer
              JOIN res_partner p ON p.id = before.partner_id
         LEFT JOIN res_users u ON u.id = p.user_id
         LEFT JOIN customer_value_snapshot now_
                   ON now_.company_id = m.company_id
                  AND now_.month = m.month
                  AND now_.partner_id = before.partner_id
            """
        )
