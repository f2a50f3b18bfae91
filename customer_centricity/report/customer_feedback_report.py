# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CustomerFeedbackReport(models.Model):
    """Customer KPIs from answered feedback, by month, company and manager.

    Averages of the per-answer points are the KPIs: NPS (+100 promoter,
    0 passive, -100 detractor), share of satisfied customers (CSAT 4-5 = 100)
    and the average Customer Effort Score. Unanswered questions are NULL and
    do not count.
    """

    _name = "customer.feedback.report"
    _description = "Customer KPIs"
    _auto = False
    _order = "date desc"
    _rec_name = "partner_id"
    _depends = {
        "customer.feedback": [
            "partner_id",
            "company_id",
            "user_id",
            "date",
            "state",
            "nps_score",
            "csat_score",
            "ces_score",
        ],
        "res.users": ["sale_team_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Account manager", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    date = fields.Date(readonly=True)
    answer_count = fields.Integer(string="Answers", readonly=True)
    nps = fields.Float(string="NPS", readonly=True, aggregator="avg", digits=(5, 1))
    promoter_count = fields.Integer(string="Promoters", readonly=True)
    detractor_count = fields.Integer(string="Detractors", readonly=True)
    csat_satisfied = fields.Float(
        string="Satisfied (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    ces = fields.Float(
        string="Customer effort (1-7)", readonly=True, aggregator="avg", digits=(3, 2)
    )

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        # the id is the one of the answered feedback: stable
        return SQL(
            """
            SELECT f.id, f.partner_id, f.company_id, f.user_id,
                   u.sale_team_id AS team_id, f.date,
                   1 AS answer_count,
                   CASE WHEN f.nps_score IS NULL THEN NULL
                        WHEN f.nps_score::int >= 9 THEN 100
                        WHEN f.nps_score::int <= 6 THEN -100
                        ELSE 0 END AS nps,
                   (f.nps_score::int >= 9)::int AS promoter_count,
                   (f.nps_score::int <= 6)::int AS detractor_count,
                   CASE WHEN f.csat_score IS NULL THEN NULL
                        WHEN f.csat_score::int >= 4 THEN 100 ELSE 0 END
                       AS csat_satisfied,
                   f.ces_score::int AS ces
            """
        )

    def _from(self):
        return SQL(
            """
              FROM customer_feedback f
         LEFT JOIN res_users u ON u.id = f.user_id
            """
        )

    def _where(self):
        return SQL("WHERE f.state = 'answered'")
