# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import CustomerCentricityCase
from .test_outreach_objection import OutreachObjectionMixin

GIF_START = b"GIF89a"


@tagged("post_install", "-at_install")
class TestOutreachOpens(OutreachObjectionMixin, CustomerCentricityCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_campaign()

    def _send(self):
        with self.mock_mail_gateway():
            self.campaign.action_send()
            self.env["mail.mail"].process_email_queue()

    def test_off_by_default_no_image_in_the_mail(self):
        self.assertFalse(self.env["res.company"].new({}).outreach_track_opens)
        self.assertFalse(self.company.outreach_track_opens)
        self._send()
        self.assertEqual(len(self._mails), 3)
        for sent in self._mails:
            self.assertNotIn("/outreach/open/", sent["body"])
        recipient = self.campaign.recipient_ids[0].sudo()
        self.assertFalse(recipient._register_open())
        self.assertFalse(recipient.opened_date)
        self.assertEqual(recipient.open_count, 0)

    def test_on_every_mail_carries_its_image(self):
        self.company.outreach_track_opens = True
        self._send()
        self.assertEqual(len(self._mails), 3)
        for recipient in self.campaign.recipient_ids:
            sent = next(
                m for m in self._mails if recipient.partner_id.email in m["email_to"][0]
            )
            url = recipient._open_pixel_url()
            token = recipient.sudo().objection_token
            self.assertTrue(url.endswith(f"/outreach/open/{recipient.id}/{token}.gif"))
            image = f'<img src="{url}" width="1" height="1" alt="">'
            self.assertIn(image, sent["body"])
            self.assertEqual(sent["body"].count("/outreach/open/"), 1)

    def test_users_cannot_write_the_open(self):
        self.company.outreach_track_opens = True
        self._send()
        recipient = self.campaign.recipient_ids[0]
        recipient.sudo().user_id = self.manager
        for vals in (
            {"opened_date": "2026-01-01 10:00:00"},
            {"open_count": 5},
            {"note": "<p>x</p>", "opened_date": "2026-01-01 10:00:00"},
        ):
            with self.assertRaises(AccessError):
                recipient.with_user(self.manager).write(vals)
        self.assertFalse(recipient.opened_date)
        self.assertEqual(recipient.open_count, 0)

    def test_campaign_counts_opened_emails(self):
        self.company.outreach_track_opens = True
        self._send()
        first, second, _third = self.campaign.recipient_ids.sudo()
        self.assertEqual(self.campaign.opened_count, 0)
        self.assertTrue(first._register_open())
        self.assertTrue(first._register_open())
        self.assertTrue(second._register_open())
        self.assertEqual(first.open_count, 2)
        self.assertEqual(self.campaign.opened_count, 2, "e-mails, not opens")
        self.assertEqual(self.campaign.sent_count, 3)
        self.assertEqual(
            self.campaign.with_user(self.manager).opened_count, 2, "read by a manager"
        )


@tagged("post_install", "-at_install")
class TestOutreachOpenImage(OutreachObjectionMixin, HttpCase, MockEmail):
    """The tracking image over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_campaign()

    def _send(self):
        with self.mock_mail_gateway():
            self.campaign.action_send()
            self.env["mail.mail"].process_email_queue()
        self.recipient = self._recipient(self.customers[0])

    def _open(self, path):
        self.env.flush_all()
        response = self.url_open(path)
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 200, path)
        self.assertEqual(response.headers["Content-Type"], "image/gif")
        self.assertTrue(response.content.startswith(GIF_START))
        return response

    def _pixel_path(self, recipient):
        url = recipient._open_pixel_url()
        return url[len(recipient.get_base_url()) :]

    def test_first_open_is_kept_and_opens_count(self):
        self.env.company.outreach_track_opens = True
        self._send()
        path = self._pixel_path(self.recipient)
        self._open(path)
        first = self.recipient.opened_date
        self.assertTrue(first)
        self.assertEqual(self.recipient.open_count, 1)
        self._open(path)
        self.assertEqual(self.recipient.opened_date, first)
        self.assertEqual(self.recipient.open_count, 2)
        self.assertEqual(self.campaign.opened_count, 1)

    def test_setting_off_records_nothing(self):
        self._send()
        self._open(self._pixel_path(self.recipient))
        self.assertFalse(self.recipient.opened_date)
        self.assertEqual(self.recipient.open_count, 0)

    def test_forged_links_get_the_image_and_write_nothing(self):
        self.env.company.outreach_track_opens = True
        self._send()
        other = self.campaign.recipient_ids - self.recipient
        token = self.recipient.sudo().objection_token
        for path in (
            f"/outreach/open/{self.recipient.id}/{token[:-1]}x.gif",
            f"/outreach/open/{self.recipient.id}/{token}{token}.gif",
            f"/outreach/open/{other[0].id}/{token}.gif",
            f"/outreach/open/99999999999/{token}.gif",
            f"/outreach/open/{self.recipient.id}/False.gif",
        ):
            self._open(path)
        self.assertFalse(self.campaign.recipient_ids.filtered("opened_date"))
        self.assertEqual(sum(self.campaign.recipient_ids.mapped("open_count")), 0)

    def test_not_emailed_recipient_records_nothing(self):
        self.env.company.outreach_track_opens = True
        recipient = self.campaign.recipient_ids[0]
        path = self._pixel_path(recipient)  # a secret, but no e-mail yet
        self._open(path)
        self.assertFalse(recipient.opened_date)
        self.assertEqual(recipient.open_count, 0)
