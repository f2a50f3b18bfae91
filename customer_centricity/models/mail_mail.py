# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import smtplib
import sys

from odoo import models

from ..lib.plain_text import html_to_plain_text
from .customer_outreach_recipient_sending import TRANSIENT_FAILURE_TYPE

RECIPIENT_MODEL = "customer.outreach.recipient"


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
            failure_type = self._outreach_failure_type(failure_type)
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

    def _outreach_failure_type(self, failure_type):
        """'mail_smtp' for an outreach e-mail the server refused for now.

        Odoo files an SMTP reply like "421 try again later" under 'unknown';
        the send cron retries only temporary failures, so they are told
        apart here. Odoo passes only the text of the error; the error itself
        is the one being handled (this runs in _send's except clause).
        """
        if failure_type == TRANSIENT_FAILURE_TYPE or not all(
            mail.model == RECIPIENT_MODEL for mail in self
        ):
            return failure_type
        if not _is_temporary_smtp_error(sys.exc_info()[1]):
            return failure_type
        self.write({"failure_type": TRANSIENT_FAILURE_TYPE})
        return TRANSIENT_FAILURE_TYPE


def _is_temporary_smtp_error(error):
    """A 4xx SMTP reply (RFC 5321: transient) or a dropped session, anywhere in
    the chain: Odoo wraps smtplib's errors in a MailDeliveryException."""
    while error is not None:
        if isinstance(error, smtplib.SMTPServerDisconnected):
            return True
        if isinstance(error, smtplib.SMTPRecipientsRefused):
            codes = [code for code, _message in error.recipients.values()]
            return bool(codes) and all(400 <= code < 500 for code in codes)
        if isinstance(error, smtplib.SMTPResponseException):
            return 400 <= error.smtp_code < 500
        error = error.__cause__ or error.__context__
    return False
