# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CustomerReferralReport(models.Model):
    """Referral rate: new customers of a month who came through a referral.

    A customer is new in the month of its first purchase in the company
    (customer value figures); it came through a referral when its
    "Referred by" is set.
    """

    _name = "customer.referral.report"
    _description = "Referral Rate"
    _auto = False
    _order = "month desc"
    _rec_name = "partner_id"
    _depends = {
        "customer.value": ["partner_id", "company_id", "first_purchase_date"],
        "res.partner": ["referred_by_id", "user_id"],
        "res.users": ["sale_team_id"],
    }

    partner_id = fields.Many2one("res.partner", string="New customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    month = fields.Date(readonly=True)
    referred_by_id = fields.Many2one("res.partner", readonly=True)
    new_customer_count = fields.Integer(string="New customers", readonly=True)
    referral_rate = fields.Float(
        string="Referred (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT v.id, v.partner_id, v.company_id, p.user_id,
                   u.sale_team_id AS team_id,
                   date_trunc('month', v.first_purchase_date)::date AS month,
                   p.referred_by_id, 1 AS new_customer_count,
                   CASE WHEN p.referred_by_id IS NULL THEN 0 ELSE 100 END
                       AS referral_rate
              FROM customer_value v
              JOIN res_partner p ON p.id = v.partner_id
         LEFT JOIN res_users u ON u.id = p.user_id
             WHERE v.first_purchase_date IS NOT NULL
            """
        )
