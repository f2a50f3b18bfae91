# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerFeedbackRating(models.Model):
    """A customer's rating of one aspect, e.g. 'They solve problems fast'."""

    _name = "customer.feedback.rating"
    _description = "Customer Rating of an Aspect"
    _order = "feedback_id, question_id"

    feedback_id = fields.Many2one(
        "customer.feedback", required=True, ondelete="cascade", index=True
    )
    question_id = fields.Many2one(
        "customer.survey.question",
        string="Aspect",
        required=True,
        domain="[('kind', '=', 'aspect')]",
    )
    score = fields.Integer(required=True, help="1 (not at all) to 5 (completely).")
    team_id = fields.Many2one(
        related="feedback_id.user_id.sale_team_id",
        store=True,
        string="Team",
        help="The sales team of the customer's account manager.",
    )
    company_id = fields.Many2one(related="feedback_id.company_id", store=True)

    _sql_constraints = [
        ("score_range", "CHECK(score BETWEEN 1 AND 5)", "Scores go from 1 to 5."),
        (
            "feedback_question_unique",
            "unique(feedback_id, question_id)",
            "An answer rates each aspect once.",
        ),
    ]
