# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What happens to a recipient's e-mail after the mail server refused it: the
one rule of retrying, by a person or automatically."""

from odoo import fields, models

# A temporary problem of the mail server (no connection, a 4xx reply, a
# dropped session): Odoo's label is "Connection failed (outgoing mail server
# problem)". Invalid or missing addresses and bounces are never retried.
TRANSIENT_FAILURE_TYPE = "mail_smtp"
# After this many automatic retries a failed e-mail waits for a person.
MAX_AUTOMATIC_RETRIES = 3


class CustomerOutreachRecipient(models.Model):
    # one model in several files on purpose: each holds one part of a recipient
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.recipient"

    automatic_retries = fields.Integer(
        readonly=True,
        copy=False,
        help="How often the e-mail was sent again automatically after a "
        "temporary problem of the mail server.",
    )

    def _reconcile_lost_mails(self):
        """Recipients 'sent' whose e-mail Odoo left in 'exception' become 'failed'.

        When the mail server drops the session (e.g. after a 421), Odoo's mail
        queue has already marked the next e-mail 'exception' (its guard against
        sending twice) and stops without telling us: the customer got nothing
        while the recipient says 'sent'. Such an e-mail counts as a temporary
        failure and is retried. Accepted risk: if the server dropped the
        connection after accepting the message, the retry duplicates it; that
        is rare, the alternative loses e-mails silently.
        """
        # sudo: the queue is readable by system administrators only; state and
        # failure are server-only fields
        lost = self.sudo().filtered(
            lambda r: r.state == "sent" and r.mail_id.state == "exception"
        )
        if not lost:
            return lost
        reason = self.env._(
            "Sending was interrupted before the mail server confirmed this "
            "e-mail (e.g. the connection dropped)."
        )
        lost.mail_id.write(
            {"failure_type": TRANSIENT_FAILURE_TYPE, "failure_reason": reason}
        )
        lost.write({"state": "failed", "failure_reason": reason})
        return lost

    def _retry_failed_mails(self):
        """Queue again the failed e-mails of these recipients, if still allowed.

        The one rule of "Retry failed e-mails" and of the automatic retries:
        customers who objected or were blacklisted meanwhile are excluded.
        Returns the recipients queued again.
        """
        # sudo: the queue is readable by system administrators only; state and
        # failure are server-only fields
        failed = self.sudo().filtered(lambda r: r.state == "failed")
        blacklisted = self._blacklisted_emails(failed.partner_id)
        retried = failed.browse()
        for recipient in failed:
            reason = self._exclusion_reason(
                recipient.partner_id, blacklisted, recipient.campaign_id.channel
            )
            if reason:
                recipient.write({"state": "excluded", "exclusion_reason": reason})
            elif recipient.mail_id.state == "exception":
                retried |= recipient
        retried.mail_id.mark_outgoing()
        retried.write({"state": "sent", "failure_reason": False})
        return retried

    def _retry_transient_failures(self):
        """Retry automatically what a temporary server problem refused, capped.

        Called by the send cron: at most one retry per cron run, since a
        retried recipient is 'sent' again until the queue reports back.
        """
        # sudo: the queue is readable by system administrators only
        transient = self.sudo().filtered(
            lambda r: r.state == "failed"
            and r.mail_id.state == "exception"
            and r.mail_id.failure_type == TRANSIENT_FAILURE_TYPE
            and r.automatic_retries < MAX_AUTOMATIC_RETRIES
        )
        retried = transient._retry_failed_mails()
        for recipient in retried:
            recipient.automatic_retries += 1
        return retried
