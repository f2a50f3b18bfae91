# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerEmployeeSurveyParticipation(models.Model):
    """A person's invitation to a survey and whether they answered.

    Never what they answered. Created for every employee when the survey
    opens; it carries the person's to-do. Readable by that person only, by
    everyone's record rule, managers and administrators included: who has
    answered is nobody else's business.
    """

    _name = "customer.employee.survey.participation"
    _description = "Employee Survey Invitation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "survey_id, id"
    _rec_name = "survey_id"

    survey_id = fields.Many2one(
        "customer.employee.survey", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="survey_id.company_id", store=True)
    date_end = fields.Date(related="survey_id.date_end", string="Answer by")
    survey_state = fields.Selection(related="survey_id.state")
    answered = fields.Boolean(readonly=True, default=False)

    _sql_constraints = [
        (
            "survey_user_unique",
            "unique(survey_id, user_id)",
            "Everyone answers a survey once.",
        ),
    ]

    def action_answer(self):
        """Open the survey's answer page (from the person's to-do)."""
        self.ensure_one()
        return self.survey_id.action_answer()
