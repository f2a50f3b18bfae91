# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerInitiativeSuggestion(models.Model):
    """An improvement suggestion on an initiative ("Mach mich besser")."""

    _name = "customer.initiative.suggestion"
    _description = "Customer Initiative Suggestion"
    _order = "create_date desc, id desc"
    _rec_name = "body"

    initiative_id = fields.Many2one(
        "customer.initiative", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    body = fields.Text(string="Suggestion", required=True)
    company_id = fields.Many2one(related="initiative_id.company_id", store=True)
