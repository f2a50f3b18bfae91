# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CustomerOutreachEmailPreview(models.TransientModel):
    """A recipient's outreach e-mail as it would be sent; sends nothing."""

    _name = "customer.outreach.email.preview"
    _description = "Outreach E-mail Preview"

    recipient_id = fields.Many2one(
        "customer.outreach.recipient", required=True, ondelete="cascade"
    )
    subject = fields.Char(compute="_compute_email")
    email_from = fields.Char(string="From", compute="_compute_email")
    email_to = fields.Char(string="To", compute="_compute_email")
    reply_to = fields.Char(string="Reply to", compute="_compute_email")
    # rendered on every read from the recipient, never stored: nothing a
    # caller writes is shown unsanitised
    body_html = fields.Html(string="Body", compute="_compute_email", sanitize=False)

    @api.depends("recipient_id")
    def _compute_email(self):
        for preview in self:
            # checks that the caller may read the recipient
            values = preview.recipient_id._email_preview_values()
            preview.update(values)
