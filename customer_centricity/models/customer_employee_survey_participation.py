# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerEmployeeSurveyParticipation(models.Model):
    """That a person answered a survey: never what they answered."""

    _name = "customer.employee.survey.participation"
    _description = "Employee Survey Participation"
    _order = "survey_id, id"
    _rec_name = "user_id"

    survey_id = fields.Many2one(
        "customer.employee.survey", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="survey_id.company_id", store=True)

    _sql_constraints = [
        (
            "survey_user_unique",
            "unique(survey_id, user_id)",
            "Everyone answers a survey once.",
        ),
    ]
