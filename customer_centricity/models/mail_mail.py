# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from ..lib.plain_text import html_to_plain_text


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _send(self, *args, **kwargs):
        # An outreach e-mail queued before its customer objected (or was
        # blacklisted) is cancelled here, at sending, never sent after it.
        outreach = self.filtered(
            lambda m: m.model == "customer.outreach.recipient" and m.state == "outgoing"
        )
        if outreach:
            # sudo: the mail queue runs for everyone; recipients are the addon's
            self.env["customer.outreach.recipient"].sudo().search(
                [("mail_id", "in", outreach.ids)]
            )._withdraw_objected_mails()
        return super()._send(*args, **kwargs)

    def _prepare_outgoing_list(
        self, mail_server=False, recipients_follower_status=None
    ):
        # An outreach e-mail reads as a person wrote it in plain text too:
        # paragraphs and written-out links instead of Odoo's numbered image
        # references.
        emails = super()._prepare_outgoing_list(
            mail_server=mail_server,
            recipients_follower_status=recipients_follower_status,
        )
        if self.model == "customer.outreach.recipient":
            for email in emails:
                email["body_alternative"] = html_to_plain_text(email["body"])
        return emails

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        # Failed campaign e-mails make their recipient 'failed' for a retry.
        if failure_type:
            # sudo: the mail queue runs for everyone; recipients are the addon's
            recipients = (
                self.env["customer.outreach.recipient"]
                .sudo()
                .search([("mail_id", "in", self.ids), ("state", "=", "sent")])
            )
            recipients.write({"state": "failed", "failure_reason": failure_reason})
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
