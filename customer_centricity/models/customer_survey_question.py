# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerSurveyQuestion(models.Model):
    """A statement rated from 1 (not at all) to 5 (completely).

    Aspects are rated by customers and, in the self-image survey, by the
    employees; pillars are the five pillars of the employee pulse survey.
    """

    _name = "customer.survey.question"
    _description = "Survey Statement"
    _order = "kind, sequence, id"

    name = fields.Char(string="Statement", required=True, translate=True)
    kind = fields.Selection(
        [("aspect", "Customer aspect"), ("pillar", "Pillar")],
        required=True,
        default="aspect",
        help="Customer aspects are rated by customers and employees (the "
        "self-image gap); pillars only by employees (the pulse survey).",
    )
    customer_wording = fields.Char(
        translate=True,
        help="How the statement reads for customers on the feedback page, "
        "e.g. 'They understand what I need'.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
