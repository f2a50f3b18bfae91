# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending a campaign's e-mails exactly once: committed batches under a row
lock, the cron that resumes them, and retrying what the mail server refused."""

import logging
import threading

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .customer_outreach_exclusion_mixin import EMAIL_CHANNELS

_logger = logging.getLogger(__name__)

SEND_BATCH_SIZE = 50


class CustomerOutreachCampaign(models.Model):
    # one model in several files on purpose: each holds one part of a campaign
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.campaign"

    def action_send(self):
        """Queue the e-mails of every ready recipient, in committed batches."""
        self._check_can_run()
        for campaign in self:
            if campaign.state not in ("ready", "sending"):
                raise UserError(self.env._("Only ready campaigns are sent."))
            if campaign.channel not in EMAIL_CHANNELS:
                raise UserError(
                    self.env._("Print the letters, post them, then mark them posted.")
                )
            campaign._check_budget()
            campaign._send()
        return True

    def action_retry_failed(self):
        """Queue again the e-mails the mail server refused, if still allowed.

        Returns the number of e-mails queued again.
        """
        self._check_can_run()
        # sudo: e-mails in the queue are readable by system administrators
        # only; these are the campaign's own, checked by _check_can_run
        failed = self.sudo().recipient_ids.filtered(lambda r: r.state == "failed")
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
        return len(retried)

    @api.model
    def _cron_send(self):
        for campaign in self.search([("state", "=", "sending")]):
            try:
                campaign._send()
            except UserError as error:  # another send holds the lock
                _logger.info("Campaign %s skipped: %s", campaign.id, error)

    def _send(self):
        self.ensure_one()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        self._lock_for_sending()
        self._set_state("sending", date_sent=self.date_sent or fields.Datetime.now())
        if auto_commit:
            # The lock ends with the transaction: take it again after commit.
            self.env.cr.commit()  # pylint: disable=invalid-commit
            self._lock_for_sending()
        while True:
            batch = self.env["customer.outreach.recipient"].search(
                [("campaign_id", "=", self.id), ("state", "=", "ready")],
                limit=SEND_BATCH_SIZE,
                order="id",
            )
            if not batch:
                break
            # Each batch is all-or-nothing: a crash leaves the recipients of the
            # batch 'ready' and their e-mails unwritten, so a rerun sends them once.
            with self.env.cr.savepoint():
                batch._deliver()
            if auto_commit:
                # Commit so that sent recipients survive a later crash; needed
                # for exactly-once delivery across reruns.
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self._lock_for_sending()
        self._set_state("done")

    def _lock_for_sending(self):
        """Row lock on the campaign: a cron and a manual send never overlap."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.execute_query(
                    SQL(
                        "SELECT id FROM customer_outreach_campaign WHERE id = %s "
                        "FOR UPDATE NOWAIT",
                        self.id,
                    )
                )
        except errors.LockNotAvailable:
            raise UserError(
                self.env._("The campaign %s is being sent right now.", self.name)
            ) from None
