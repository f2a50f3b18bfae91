# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CustomerChurnReport(models.Model):
    """Churn per company and month.

    The share of the customers active at the end of the previous month who
    are no longer active (or no longer have figures) at the end of this one.
    """

    _name = "customer.churn.report"
    _description = "Churn Rate"
    _auto = False
    _order = "month desc, company_id"
    _rec_name = "month"
    _depends = {
        "customer.value.snapshot": [
            "partner_id",
            "company_id",
            "month",
            "active_customer",
        ],
    }

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
            ), counted AS (
                SELECT m.company_id, m.month,
                       count(*) AS active_before_count,
                       count(*) FILTER (WHERE NOT coalesce(now_.active_customer,
                                                           FALSE)) AS churned_count
                  FROM month m
                  JOIN customer_value_snapshot before
                       ON before.company_id = m.company_id
                      AND before.month = (m.month - interval '1 month')::date
                      AND before.active_customer
             LEFT JOIN customer_value_snapshot now_
                       ON now_.company_id = m.company_id
                      AND now_.month = m.month
                      AND now_.partner_id = before.partner_id
              GROUP BY m.company_id, m.month
            )
            SELECT row_number() OVER (ORDER BY month, company_id) AS id,
                   company_id, month, active_before_count, churned_count,
                   100.0 * churned_count / active_before_count AS churn_rate
              FROM counted
            """
        )
