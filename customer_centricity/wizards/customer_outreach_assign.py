# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CustomerOutreachAssign(models.TransientModel):
    """Hand recipients to the colleague who knows the customers better."""

    _name = "customer.outreach.assign"
    _description = "Hand Outreach Recipients On"

    recipient_ids = fields.Many2many("customer.outreach.recipient", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Written by",
        required=True,
        domain="[('share', '=', False)]",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "customer.outreach.recipient":
            values["recipient_ids"] = [
                fields.Command.set(context.get("active_ids", []))
            ]
        return values

    def action_assign(self):
        self.ensure_one()
        self.recipient_ids.action_assign_to(self.user_id.id)
        return {"type": "ir.actions.act_window_close"}
