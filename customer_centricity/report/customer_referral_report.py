# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


def new_customer_rows():
    """The one definition of new and referred customers, for report and goals.

    One row per customer and company with purchases (``id`` of its customer
    value figures, ``partner_id``, ``company_id``, salesperson ``user_id``):
    the customer is new on its ``first_purchase_date`` in the company and came
    through a referral when ``referred_by_id`` is set.
    """
    return SQL(
        """
        SELECT v.id, v.partner_id, v.company_id, p.user_id,
               v.first_purchase_date, p.referred_by_id
          FROM customer_value v
          JOIN res_partner p ON p.id = v.partner_id
         WHERE v.first_purchase_date IS NOT NULL
        """
    )


class CustomerReferralReport(models.Model):
    """Referral rate: new customers of a month who came through a referral.

    A customer is new in the month of its first purchase in the company
    (customer value figures); it came through a referral when its
    "Referred by" is set (``new_customer_rows``).
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
        return SQL("%s %s %s", self._with(), self._select(), self._from())

    def _with(self):
        return SQL("WITH new_customer AS (%s)", new_customer_rows())

    def _select(self):
        # the id is the one of the customer value figures: stable
        return SQL(
            """
            SELECT n.id, n.partner_id, n.company_id, n.user_id,
                   u.sale_team_id AS team_id,
                   date_trunc('month', n.first_purchase_date)::date AS month,
                   n.referred_by_id, 1 AS new_customer_count,
                   CASE WHEN n.referred_by_id IS NULL THEN 0 ELSE 100 END
                       AS referral_rate
            """
        )

    def _from(self):
        return SQL(
            """
              FROM new_customer n
         LEFT JOIN res_users u ON u.id = n.user_id
            """
        )
