# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerEmployeeSurveyResponse(models.TransientModel):
    """The answer form of an employee survey; deleted once submitted."""

    _name = "customer.employee.survey.response"
    _description = "Answer an Employee Survey"

    survey_id = fields.Many2one("customer.employee.survey", required=True)
    survey_kind = fields.Selection(related="survey_id.kind")
    line_ids = fields.One2many("customer.employee.survey.response.line", "response_id")

    def action_submit(self):
        self.ensure_one()
        scores = {line.question_id: line.score for line in self.line_ids}
        self.survey_id._record_answer(scores)
        # nothing of the answer stays beside the user's name
        self.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Thank you. Your answer is stored anonymously."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
