# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerOutreachVariant(models.Model):
    """One variant of a campaign (another note idea or another gift)."""

    _name = "customer.outreach.variant"
    _description = "Outreach Variant"
    _order = "campaign_id, sequence, id"

    campaign_id = fields.Many2one(
        "customer.outreach.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    description = fields.Text(help="What differs: the note idea, the gift...")
