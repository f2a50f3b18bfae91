# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Campaigns by post: printing a letter per recipient, then marking them posted."""

from odoo import fields, models
from odoo.exceptions import UserError


class CustomerOutreachCampaign(models.Model):
    # one model in several files on purpose: each holds one part of a campaign
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.campaign"

    def action_print_letters(self):
        """One PDF with a letter per recipient, attached to the campaign."""
        self.ensure_one()
        self._check_can_run()
        recipients = self.recipient_ids.filtered(
            lambda r: r.state in ("ready", "sent", "delivered")
        )
        if not recipients:
            raise UserError(self.env._("No recipient to print a letter for."))
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Letters - %s.pdf", self.name),
                "raw": recipients._render_letters_pdf(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def action_mark_posted(self):
        """Letters, cards and parcels went out: the ready recipients are sent."""
        self._check_can_run()
        for campaign in self:
            if campaign.state not in ("ready", "sending", "done"):
                raise UserError(self.env._("Only ready campaigns are posted."))
            campaign._check_budget()
            campaign.recipient_ids._mark_posted()
            if campaign.channel != "email_post":
                campaign._set_state(
                    "done", date_sent=campaign.date_sent or fields.Datetime.now()
                )
        return True
