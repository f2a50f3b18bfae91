# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CustomerOutreachAdd(models.TransientModel):
    """Add customers chosen by hand to a draft or preparing campaign."""

    _name = "customer.outreach.add"
    _description = "Add Customers to an Outreach Campaign"

    campaign_id = fields.Many2one(
        "customer.outreach.campaign",
        required=True,
        domain="[('state', 'in', ('draft', 'preparing'))]",
    )
    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_ids"):
            values["partner_ids"] = [fields.Command.set(context["active_ids"])]
        return values

    def action_add(self):
        self.ensure_one()
        result = self.campaign_id.action_add_partners(self.partner_ids.ids)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(added)s customers added to %(campaign)s, %(excluded)s of "
                    "them excluded (see the reason on each).",
                    added=result["added"],
                    campaign=self.campaign_id.name,
                    excluded=result["excluded"],
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
