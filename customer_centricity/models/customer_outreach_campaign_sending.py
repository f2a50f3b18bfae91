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
# Batches sent within the manager's request (200 e-mails): the rest is left
# to the send cron, so the request ends well within limit_time_real.
SEND_BATCHES_PER_REQUEST = 4
# Campaigns sent this recently get their temporary failures retried.
AUTOMATIC_RETRY_DAYS = 7


class CustomerOutreachCampaign(models.Model):
    # one model in several files on purpose: each holds one part of a campaign
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.campaign"

    def action_send(self):
        """Queue the e-mails of every ready recipient, in committed batches.

        A large campaign is started here and finished by the send cron: the
        request sends at most SEND_BATCHES_PER_REQUEST batches, so it ends
        well within the HTTP worker's time limit.
        """
        self._check_can_run()
        in_background = self.browse()
        for campaign in self:
            if campaign.state not in ("ready", "sending"):
                raise UserError(self.env._("Only ready campaigns are sent."))
            if campaign.channel not in EMAIL_CHANNELS:
                raise UserError(
                    self.env._("Print the letters, post them, then mark them posted.")
                )
            campaign._check_budget()
            if not campaign._send(max_batches=SEND_BATCHES_PER_REQUEST):
                in_background |= campaign
        if not in_background:
            return True
        self.env.ref("customer_centricity.customer_outreach_cron_send")._trigger()
        return self._notify_sending_in_background(in_background)

    def _notify_sending_in_background(self, campaigns):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "sticky": False,
                "message": self.env._(
                    "The first e-mails of %s are sent; the rest is being sent "
                    "in the background.",
                    ", ".join(campaigns.mapped("name")),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_retry_failed(self):
        """Queue again the e-mails the mail server refused, if still allowed.

        Returns the number of e-mails queued again.
        """
        self._check_can_run()
        # sudo: e-mails in the queue are readable by system administrators
        # only; these are the campaign's own, checked by _check_can_run
        recipients = self.sudo().recipient_ids
        recipients._reconcile_lost_mails()
        return len(recipients._retry_failed_mails())

    @api.model
    def _cron_send(self):
        for campaign in self.search([("state", "=", "sending")]):
            try:
                campaign._send()
            except UserError as error:  # another send holds the lock
                _logger.info("Campaign %s skipped: %s", campaign.id, error)
        self._retry_recent_failures()

    @api.model
    def _retry_recent_failures(self):
        """Reconcile lost e-mails and retry temporary failures of recent campaigns.

        Runs at the pace of the cron: a retried e-mail is queued again once
        per run at most, MAX_AUTOMATIC_RETRIES times in all.
        """
        since = fields.Datetime.subtract(
            fields.Datetime.now(), days=AUTOMATIC_RETRY_DAYS
        )
        recipients = self.env["customer.outreach.recipient"].search(
            [
                ("campaign_id.state", "in", ("sending", "done")),
                ("campaign_id.date_sent", ">=", since),
                ("state", "in", ("sent", "failed")),
                ("mail_id.state", "=", "exception"),
            ]
        )
        recipients._reconcile_lost_mails()
        retried = recipients._retry_transient_failures()
        if retried:
            _logger.info("Outreach e-mails queued again: %s", len(retried))

    def _send(self, max_batches=None):
        """Send the ready recipients' e-mails, at most ``max_batches`` batches.

        Returns True when all are sent (the campaign is 'done'), False when
        recipients are left 'ready' (still 'sending', for the cron).
        """
        self.ensure_one()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        self._lock_for_sending()
        self._set_state("sending", date_sent=self.date_sent or fields.Datetime.now())
        if auto_commit:
            # The lock ends with the transaction: take it again after commit.
            self.env.cr.commit()  # pylint: disable=invalid-commit
            self._lock_for_sending()
        batches_sent = 0
        while batch := self._next_send_batch():
            if batches_sent == max_batches:
                return False
            # Each batch is all-or-nothing: a crash leaves the recipients of the
            # batch 'ready' and their e-mails unwritten, so a rerun sends them once.
            with self.env.cr.savepoint():
                batch._deliver()
            batches_sent += 1
            if auto_commit:
                # Commit so that sent recipients survive a later crash; needed
                # for exactly-once delivery across reruns.
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self._lock_for_sending()
        self._set_state("done")
        return True

    def _next_send_batch(self):
        return self.env["customer.outreach.recipient"].search(
            [("campaign_id", "=", self.id), ("state", "=", "ready")],
            limit=SEND_BATCH_SIZE,
            order="id",
        )

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
