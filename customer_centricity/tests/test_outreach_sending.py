# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending e-mails exactly once: reruns, crashes, the row lock, retries."""

from unittest.mock import patch

from odoo import sql_db
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMailServer, MailDeliveryException

from ..models import customer_outreach_campaign_sending as sending_module
from ..models.customer_outreach_recipient import CustomerOutreachRecipient
from .common_outreach import OutreachCase


@tagged("post_install", "-at_install")
class TestOutreachSending(OutreachCase):
    # sending ---------------------------------------------------------------
    def test_send_once_then_rerun_sends_nothing_more(self):
        campaign = self._ready()
        with self.mock_mail_gateway():
            campaign.action_send()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(campaign.state, "done")
        self.assertEqual(len(self._mails), 6)
        for partner in self.customers:
            self.assertEqual(len(self._mails_to(partner)), 1)
        self.assertIn("wir denken an Sie", self._mails[0]["body"])
        with self.assertRaises(UserError):
            campaign.action_send()

    def test_crash_midway_and_rerun_sends_each_exactly_once(self):
        campaign = self._ready()
        deliver = CustomerOutreachRecipient._deliver
        crash_on = self.customers[3]

        def crashing_deliver(recipients):
            if crash_on in recipients.partner_id:
                raise RuntimeError("power cut")
            return deliver(recipients)

        # not assertRaises: it would roll back the batches sent before the crash
        crashed = False
        with (
            patch.object(sending_module, "SEND_BATCH_SIZE", 2),
            patch.object(CustomerOutreachRecipient, "_deliver", crashing_deliver),
        ):
            try:
                campaign.action_send()
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        sent = campaign.recipient_ids.filtered(lambda r: r.state == "sent")
        self.assertEqual(len(sent), 2, "the first batch was kept")
        self.assertEqual(campaign.state, "sending")
        with patch.object(sending_module, "SEND_BATCH_SIZE", 2):
            campaign.action_send()
        self.assertEqual(campaign.state, "done")
        for partner in self.customers:
            self.assertEqual(len(self._mails_to(partner)), 1, partner.name)

    def test_concurrent_send_is_refused_by_the_row_lock(self):
        campaign = self.env.ref(
            "customer_centricity.customer_outreach_campaign_seeds_demo"
        )
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute(
                "SELECT id FROM customer_outreach_campaign WHERE id = %s FOR UPDATE",
                [campaign.id],
            )
            with self.assertRaises(UserError), mute_logger("odoo.sql_db"):
                campaign._lock_for_sending()
        finally:
            other.rollback()
            other.close()
        campaign._lock_for_sending()  # free again

    def test_smtp_failure_then_retry_sends_only_what_failed(self):
        campaign = self._ready(self.customers[:3])
        failing = self.customers[1].email_formatted
        original = IrMailServer.send_email

        def flaky_send(server, message, *args, **kwargs):
            if failing in message["To"]:
                raise MailDeliveryException("SMTP server said no")
            return original(server, message, *args, **kwargs)

        with self.mock_mail_gateway():
            campaign.action_send()
            with patch.object(IrMailServer, "send_email", flaky_send):
                self.env["mail.mail"].process_email_queue()
        failed = campaign.recipient_ids.filtered(lambda r: r.state == "failed")
        self.assertEqual(failed.partner_id, self.customers[1])
        self.assertEqual(campaign.failed_count, 1)
        with self.mock_mail_gateway():
            campaign.action_retry_failed()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(len(self._mails), 1)
        self.assertIn(failing, self._mails[0]["email_to"][0])
        self.assertEqual(len(self._mails_to(self.customers[0])), 1)
