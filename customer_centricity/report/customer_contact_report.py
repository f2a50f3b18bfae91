# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

from ..models.customer_contact_target import DEFAULT_CUSTOMER_DAYS

TRACKED_MONTHS = 12


class CustomerContactReport(models.Model):
    """Customer-contact compliance per person, company and month.

    Every manager of the app gets a row for each of the last twelve months,
    even without a single contact: an empty month is exactly what owners need
    to see.  Anyone else appears in the months in which they had contacts.
    """

    _name = "customer.contact.report"
    _description = "Customer Contact Compliance"
    _auto = False
    _order = "month desc, user_id"
    _rec_name = "user_id"
    _depends = {
        "customer.contact": ["user_id", "company_id", "local_date", "kind", "state"],
        "customer.contact.target": [
            "user_id",
            "company_id",
            "customer_days",
            "contact_count",
        ],
        "res.users": ["sale_team_id"],
    }

    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    customer_days = fields.Integer(readonly=True)
    customer_day_target = fields.Integer(readonly=True)
    contact_count = fields.Integer(string="Contacts", readonly=True)
    contact_target = fields.Integer(string="Contact target", readonly=True)
    customer_count = fields.Integer(string="Customers reached", readonly=True)
    target_reached = fields.Boolean(readonly=True, aggregator="bool_and")
    missing_customer_days = fields.Integer(readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            WITH contact_month AS (
                SELECT c.user_id, c.company_id,
                       date_trunc('month', c.local_date)::date AS month,
                       count(*) FILTER (WHERE c.kind = 'customer_day') AS customer_days,
                       count(*) AS contact_count,
                       count(DISTINCT c.partner_id) AS customer_count
                  FROM customer_contact c
                 WHERE c.state = 'done'
              GROUP BY 1, 2, 3
            ), tracked AS (
                SELECT u.id AS user_id, u.company_id, m.month::date AS month
                  FROM res_users u
                  JOIN res_groups_users_rel g ON g.uid = u.id
                  JOIN ir_model_data d ON d.res_id = g.gid
                       AND d.model = 'res.groups'
                       AND d.module = 'customer_centricity'
                       AND d.name = 'group_customer_centricity_manager'
            CROSS JOIN generate_series(
                           date_trunc('month', now()) - %(span)s * interval '1 month',
                           date_trunc('month', now()),
                           interval '1 month') AS m(month)
                 WHERE u.active AND NOT u.share
            ), keys AS (
                SELECT user_id, company_id, month FROM contact_month
                 UNION
                SELECT user_id, company_id, month FROM tracked
            )
            SELECT row_number() OVER (ORDER BY k.month, k.user_id, k.company_id) AS id,
                   k.user_id, u.sale_team_id AS team_id, k.company_id, k.month,
                   coalesce(cm.customer_days, 0) AS customer_days,
                   coalesce(t.customer_days, %(default_days)s) AS customer_day_target,
                   coalesce(cm.contact_count, 0) AS contact_count,
                   coalesce(t.contact_count, 0) AS contact_target,
                   coalesce(cm.customer_count, 0) AS customer_count,
                   coalesce(cm.customer_days, 0)
                       >= coalesce(t.customer_days, %(default_days)s)
                   AND coalesce(cm.contact_count, 0)
                       >= coalesce(t.contact_count, 0) AS target_reached,
                   greatest(coalesce(t.customer_days, %(default_days)s)
                            - coalesce(cm.customer_days, 0), 0) AS missing_customer_days
              FROM keys k
              JOIN res_users u ON u.id = k.user_id
         LEFT JOIN customer_contact_target t ON t.user_id = k.user_id
                   AND t.company_id = k.company_id
         LEFT JOIN contact_month cm ON cm.user_id = k.user_id
                   AND cm.company_id = k.company_id AND cm.month = k.month
            """,
            span=TRACKED_MONTHS - 1,
            default_days=DEFAULT_CUSTOMER_DAYS,
        )
