# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..models.customer_employee_survey import SCORES


class CustomerEmployeeSurveyResponseLine(models.TransientModel):
    _name = "customer.employee.survey.response.line"
    _description = "Answer to one Statement"

    response_id = fields.Many2one(
        "customer.employee.survey.response", required=True, ondelete="cascade"
    )
    question_id = fields.Many2one("customer.survey.question", readonly=True)
    score = fields.Selection(SCORES, help="1 = not at all, 5 = completely")
