# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CustomerEmployeeSurveyResult(models.Model):
    """Published result of a closed survey: one statement, one group.

    Employees' average beside the customers' average of the same aspect, and
    the gap. Only groups of at least five employee answers exist here.
    """

    _name = "customer.employee.survey.result"
    _description = "Employee Survey Result"
    _order = "date desc, survey_id, question_id, scope, team_id"
    _rec_name = "question_id"

    survey_id = fields.Many2one(
        "customer.employee.survey", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(related="survey_id.kind", store=True)
    date = fields.Date(related="survey_id.date_end", store=True)
    company_id = fields.Many2one(related="survey_id.company_id", store=True)
    question_id = fields.Many2one("customer.survey.question", required=True)
    scope = fields.Selection(
        [
            ("company", "Whole company"),
            ("team", "Team"),
            ("other_teams", "Other teams"),
        ],
        required=True,
        help="Teams with fewer than five answers are pooled as 'Other teams'.",
    )
    team_id = fields.Many2one("crm.team")
    employee_count = fields.Integer(string="Employee answers", aggregator="sum")
    employee_score = fields.Float(
        string="Employees (1-5)", digits=(3, 2), aggregator="avg"
    )
    customer_count = fields.Integer(string="Customer answers", aggregator="sum")
    customer_score = fields.Float(
        string="Customers (1-5)", digits=(3, 2), aggregator="avg"
    )
    gap = fields.Float(
        compute="_compute_gap",
        store=True,
        digits=(3, 2),
        aggregator="avg",
        help="Employees' average minus customers' average: above zero we "
        "think better of ourselves than our customers do.",
    )

    @api.depends("employee_score", "customer_score", "customer_count")
    def _compute_gap(self):
        for result in self:
            result.gap = (
                result.employee_score - result.customer_score
                if result.customer_count
                else 0.0
            )
