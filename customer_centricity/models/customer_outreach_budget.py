# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CustomerOutreachBudget(models.Model):
    """A person's own budget per outreach campaign, instead of the company's."""

    _name = "customer.outreach.budget"
    _description = "Outreach Budget per Person"
    _order = "user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users",
        string="Person",
        required=True,
        ondelete="cascade",
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        string="Budget per campaign",
        required=True,
        help="Total cost (gift and postage for all recipients) up to which this "
        "person sends a campaign of their own without approval.",
    )

    _sql_constraints = [
        (
            "user_company_unique",
            "unique(user_id, company_id)",
            "A person has one outreach budget per company.",
        ),
    ]

    @api.constrains("amount")
    def _check_amount(self):
        if any(budget.amount < 0 for budget in self):
            raise ValidationError(self.env._("The outreach budget cannot be negative."))
