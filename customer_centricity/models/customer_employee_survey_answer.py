# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerEmployeeSurveyAnswer(models.Model):
    """One anonymous rating of one statement.

    No user, no timestamps (``_log_access = False``) and no access rights for
    any group: only the system reads these rows, to publish aggregates of at
    least five answers when a survey closes.
    """

    _name = "customer.employee.survey.answer"
    _description = "Anonymous Employee Answer"
    _log_access = False

    survey_id = fields.Many2one(
        "customer.employee.survey", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True)
    question_id = fields.Many2one(
        "customer.survey.question", required=True, ondelete="cascade"
    )
    team_id = fields.Many2one("crm.team", ondelete="set null")
    score = fields.Integer(required=True)

    _sql_constraints = [
        ("score_range", "CHECK(score BETWEEN 1 AND 5)", "Scores go from 1 to 5."),
    ]
