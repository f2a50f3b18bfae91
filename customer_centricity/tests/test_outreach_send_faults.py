# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending under faults: temporary refusals retried by the cron (capped), a
dropped SMTP session reconciled, large campaigns finished in the background."""

import smtplib
from collections import Counter
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMailServer

from ..models import customer_outreach_campaign_sending as sending_module
from ..models.customer_outreach_recipient_sending import MAX_AUTOMATIC_RETRIES
from .common_outreach import OutreachCase


def _try_again_later():
    return smtplib.SMTPResponseException(421, b"4.7.0 Try again later")


def _dropped_session():
    return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _no_such_user():
    return smtplib.SMTPRecipientsRefused(
        {"stammkundin1@example.com": (550, b"5.1.1 No such user")}
    )


@tagged("post_install", "-at_install")
class TestOutreachSendFaults(OutreachCase):
    def setUp(self):
        super().setUp()
        self.delivered = Counter()  # partner -> e-mails the server accepted

    def _process_queue(self, refusals=None):
        """Run Odoo's mail queue; the server raises ``refusals[partner]()``
        for e-mails to that partner and accepts the others."""
        refusals = refusals or {}
        original = IrMailServer.send_email

        def send_email(server, message, *args, **kwargs):
            partners = self.customers.filtered(lambda p: p.email in message["To"])
            for partner in partners:
                if partner in refusals:
                    raise refusals[partner]()
            result = original(server, message, *args, **kwargs)
            self.delivered.update(partners)
            return result

        with (
            self.mock_mail_gateway(),
            patch.object(IrMailServer, "send_email", send_email),
            mute_logger("odoo.addons.mail.models.mail_mail"),
        ):
            self.env["mail.mail"].process_email_queue()

    def _send_with_refusal(self, count, refusal):
        """Send a campaign to the first ``count`` customers while the mail
        server answers the second one with ``refusal``; return the campaign
        and that customer."""
        campaign = self._ready(self.customers[:count])
        campaign.action_send()
        refused = self.customers[1]
        self._process_queue({refused: refusal})
        return campaign, refused

    def _recipient(self, campaign, partner):
        return campaign.recipient_ids.filtered(lambda r: r.partner_id == partner)

    def _assert_each_delivered_once(self, partners):
        for partner in partners:
            self.assertEqual(self.delivered[partner], 1, partner.name)

    def test_refused_for_now_then_the_cron_retries_once(self):
        campaign = self._ready(self.customers[:3])
        self.assertIs(campaign.action_send(), True, "small: sent in the request")
        self.assertEqual(campaign.state, "done")
        refused = self.customers[1]
        self._process_queue({refused: _try_again_later})
        recipient = self._recipient(campaign, refused)
        self.assertEqual(recipient.state, "failed")
        self.assertEqual(recipient.mail_id.failure_type, "mail_smtp")
        self.Campaign._cron_send()
        self.assertEqual(recipient.state, "sent")
        self.assertEqual(recipient.mail_id.state, "outgoing")
        self.assertEqual(recipient.automatic_retries, 1)
        self._process_queue()
        self._assert_each_delivered_once(self.customers[:3])
        self.assertEqual(set(campaign.recipient_ids.mapped("state")), {"sent"})
        self.Campaign._cron_send()
        self.assertEqual(recipient.automatic_retries, 1, "nothing left to retry")

    def test_still_refused_after_the_cap_waits_for_a_person(self):
        campaign, refused = self._send_with_refusal(2, _try_again_later)
        recipient = self._recipient(campaign, refused)
        for _run in range(MAX_AUTOMATIC_RETRIES + 1):
            self.Campaign._cron_send()
            self._process_queue({refused: _try_again_later})
        self.assertEqual(recipient.state, "failed")
        self.assertEqual(recipient.automatic_retries, MAX_AUTOMATIC_RETRIES)
        self.assertEqual(recipient.mail_id.state, "exception")
        self.assertEqual(self.delivered[refused], 0)
        # a person may still retry by hand
        self.assertEqual(campaign.action_retry_failed(), 1)
        self._process_queue()
        self._assert_each_delivered_once(self.customers[:2])

    def test_dropped_session_is_reconciled_and_resent_once(self):
        campaign, dropped = self._send_with_refusal(3, _dropped_session)
        self._process_queue()  # the rest of the batch, on a new session
        recipient = self._recipient(campaign, dropped)
        # what Odoo leaves behind: the customer got nothing, the recipient says sent
        self.assertEqual(recipient.mail_id.state, "exception")
        self.assertEqual(recipient.state, "sent")
        self.assertEqual(self.delivered[dropped], 0)
        self.Campaign._cron_send()
        self.assertEqual(recipient.state, "sent")
        self.assertEqual(recipient.mail_id.state, "outgoing")
        self.assertEqual(recipient.automatic_retries, 1)
        self._process_queue()
        self._assert_each_delivered_once(self.customers[:3])

    def test_manual_retry_offers_a_dropped_e_mail_too(self):
        campaign, dropped = self._send_with_refusal(2, _dropped_session)
        self.assertEqual(campaign.action_retry_failed(), 1)
        self._process_queue()
        self._assert_each_delivered_once(self.customers[:2])

    def test_blacklisted_meanwhile_is_excluded_not_retried(self):
        campaign, refused = self._send_with_refusal(2, _try_again_later)
        self.env["mail.blacklist"]._add(refused.email)
        self.Campaign._cron_send()
        recipient = self._recipient(campaign, refused)
        self.assertEqual(
            (recipient.state, recipient.exclusion_reason), ("excluded", "blacklisted")
        )
        self.assertEqual(recipient.mail_id.state, "exception", "not queued again")
        self._process_queue()
        self.assertEqual(self.delivered[refused], 0)

    def test_permanent_refusal_is_not_retried(self):
        campaign, refused = self._send_with_refusal(2, _no_such_user)
        recipient = self._recipient(campaign, refused)
        self.assertEqual(recipient.state, "failed")
        self.assertNotEqual(recipient.mail_id.failure_type, "mail_smtp")
        self.Campaign._cron_send()
        self.assertEqual(recipient.state, "failed")
        self.assertEqual(recipient.automatic_retries, 0)
        self.assertEqual(recipient.mail_id.state, "exception")

    def test_large_campaign_is_finished_by_the_cron(self):
        campaign = self._ready()
        cron = self.env.ref("customer_centricity.customer_outreach_cron_send")
        with (
            patch.object(sending_module, "SEND_BATCH_SIZE", 2),
            patch.object(sending_module, "SEND_BATCHES_PER_REQUEST", 2),
        ):
            # a manager without system rights: starting the cron needs none
            action = campaign.with_user(self.manager).action_send()
            self.assertEqual(action["tag"], "display_notification")
            self.assertFalse(action["params"]["sticky"])
            self.assertIn("background", action["params"]["message"])
            self.assertEqual(campaign.state, "sending")
            self.assertEqual(
                Counter(campaign.recipient_ids.mapped("state")),
                Counter({"sent": 4, "ready": 2}),
            )
            self.assertTrue(
                self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
                "the cron is started at once",
            )
            self.Campaign._cron_send()
        self.assertEqual(campaign.state, "done")
        self._process_queue()
        self._assert_each_delivered_once(self.customers)
        for partner in self.customers:
            self.assertEqual(len(self._mails_to(partner)), 1, partner.name)
