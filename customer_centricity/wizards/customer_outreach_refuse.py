# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerOutreachRefuse(models.TransientModel):
    """Why a manager refuses a campaign above the budget."""

    _name = "customer.outreach.refuse"
    _description = "Refuse an Outreach Campaign"

    campaign_id = fields.Many2one("customer.outreach.campaign", required=True)
    reason = fields.Text(required=True)

    def action_refuse(self):
        self.ensure_one()
        self.campaign_id.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
