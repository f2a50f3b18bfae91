# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


def churn_rows(periods):
    """The one definition of churn, for the report and the goals.

    ``periods`` is SQL giving rows ``(company_id, before_month, month)``.
    The result has one row per customer active in ``before_month``
    (``id`` of that snapshot, ``partner_id``, ``company_id``, ``month``);
    ``churned`` is true when the customer is no longer active, or has no
    figures any more, in ``month``.
    """
    return SQL(
        """
        SELECT before.id, before.partner_id, period.company_id, period.month,
               NOT coalesce(now_.active_customer, FALSE) AS churned
          FROM (%(periods)s) period
          JOIN customer_value_snapshot before
               ON before.company_id = period.company_id
              AND before.month = period.before_month
              AND before.active_customer
     LEFT JOIN customer_value_snapshot now_
               ON now_.company_id = period.company_id
              AND now_.month = period.month
              AND now_.partner_id = before.partner_id
        """,
        periods=periods,
    )


class CustomerChurnReport(models.Model):
    """Churn per month: one row per customer active the month before.

    A row is churned when the customer is no longer active (or no longer
    has figures) at the end of the month (``churn_rows``). The average of
    ``churn_rate`` over any group (company, salesperson, team, quarter) is
    its churn rate.
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
        return SQL("%s %s %s", self._with(), self._select(), self._from())

    def _with(self):
        return SQL("WITH churn AS (%s)", churn_rows(self._months()))

    def _months(self):
        """Every month with figures, compared with the month before."""
        return SQL(
            """
            SELECT DISTINCT company_id, (month - interval '1 month')::date
                       AS before_month,
                   month
              FROM customer_value_snapshot
            """
        )

    def _select(self):
        # the id is the one of the snapshot of the month before: stable
        return SQL(
            """
            SELECT c.id, c.partner_id, p.user_id, u.sale_team_id AS team_id,
                   c.company_id, c.month, 1 AS active_before_count,
                   c.churned::int AS churned_count,
                   CASE WHEN c.churned THEN 100 ELSE 0 END AS churn_rate
            """
        )

    def _from(self):
        return SQL(
            """
              FROM churn c
              JOIN res_partner p ON p.id = c.partner_id
         LEFT JOIN res_users u ON u.id = p.user_id
            """
        )
