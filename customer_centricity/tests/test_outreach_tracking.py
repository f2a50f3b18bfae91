# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Postal tracking: numbers, carriers' pages, who enters them, and delivery
imported from a carrier's CSV file."""

import base64
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_outreach import OutreachCase


@tagged("post_install", "-at_install")
class TestOutreachTracking(OutreachCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Ben writes for the first customer; Anna owns the campaigns
        cls.customers[0].user_id = cls.user_ben
        for index, customer in enumerate(cls.customers):
            customer.ref = f"K-{index:03d}"

    def _posted(self, channel="parcel", **vals):
        campaign = self._ready(channel=channel, user_id=self.user_anna.id, **vals)
        campaign.action_mark_posted()
        return campaign

    def _recipient(self, campaign, customer):
        return campaign.recipient_ids.filtered(lambda r: r.partner_id == customer)

    # tracking numbers ------------------------------------------------------
    def test_tracking_url_per_carrier_with_the_number_encoded(self):
        campaign = self._posted()
        recipient = self._recipient(campaign, self.customers[1])
        expected = {
            "dhl": "https://www.dhl.de/de/privatkunden/pakete-empfangen/"
            "verfolgen.html?piececode=AB%2012%2F3",
            "dpd": "https://tracking.dpd.de/status/de_DE/parcel/AB%2012%2F3",
            "gls": "https://gls-group.com/DE/de/paketverfolgung?match=AB%2012%2F3",
            "hermes": "https://www.myhermes.de/empfangen/sendungsverfolgung/"
            "sendungsinformation#AB%2012%2F3",
            "ups": "https://www.ups.com/track?tracknum=AB%2012%2F3",
            "post_at": "https://www.post.at/s/sendungssuche?snr=AB%2012%2F3",
            "other": False,
        }
        recipient.with_user(self.user_anna).tracking_number = "  AB 12/3 "
        self.assertEqual(recipient.tracking_number, "AB 12/3")
        for carrier, url in expected.items():
            with self.subTest(carrier=carrier):
                recipient.with_user(self.user_anna).carrier = carrier
                self.assertEqual(recipient.tracking_url, url)
        recipient.with_user(self.user_anna).tracking_number = ""
        self.assertFalse(recipient.tracking_number)
        self.assertFalse(recipient.tracking_url)

    def test_owner_writer_and_manager_track_after_sending(self):
        campaign = self._posted()
        bens = self._recipient(campaign, self.customers[0])
        annas = self._recipient(campaign, self.customers[1])
        self.assertEqual((bens.user_id, bens.state), (self.user_ben, "sent"))
        # the owner tracks a recipient Ben writes for (no write rule of hers)
        bens.with_user(self.user_anna).write(
            {"tracking_number": "00340434161094042557", "carrier": "dhl"}
        )
        self.assertEqual(bens.tracking_number, "00340434161094042557")
        bens.with_user(self.user_ben).tracking_number = "BEN-1"
        annas.with_user(self.manager).write({"carrier": "gls", "tracking_number": "G1"})
        bens.action_mark_delivered()
        bens.with_user(self.user_ben).tracking_number = "BEN-2"  # delivered too
        self.assertEqual(bens.tracking_number, "BEN-2")
        self.assertEqual((annas.carrier, annas.tracking_number), ("gls", "G1"))

    def test_others_are_refused_and_nothing_changes(self):
        campaign = self._posted()
        bens = self._recipient(campaign, self.customers[0])
        annas = self._recipient(campaign, self.customers[1])
        annas.with_user(self.user_anna).tracking_number = "A-1"
        # as over XML-RPC: Carl neither owns nor writes, Ben writes another
        for user, recipient in ((self.user_carl, bens), (self.user_ben, annas)):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                recipient.with_user(user).write({"tracking_number": "X-9"})
        # tracking opens no door to the server's fields
        with self.assertRaises(AccessError):
            bens.with_user(self.user_ben).write(
                {"tracking_number": "X-9", "state": "delivered"}
            )
        self.assertFalse(bens.tracking_number)
        self.assertEqual((bens.state, annas.tracking_number), ("sent", "A-1"))

    def test_only_postal_and_posted_or_ready_recipients_are_tracked(self):
        mailed = self._ready(channel="email", user_id=self.user_anna.id)
        with self.assertRaises(UserError):
            mailed.recipient_ids[0].with_user(self.user_anna).tracking_number = "E-1"
        campaign = self._campaign(channel="parcel", user_id=self.user_anna.id)
        excluded = self._recipient(campaign, self.customers[2])
        excluded.action_exclude()
        with self.assertRaises(UserError):
            excluded.with_user(self.user_anna).tracking_number = "P-1"
        self.assertFalse(excluded.tracking_number)

    # import of the carrier's file --------------------------------------------
    def _import(self, campaign, text, user=None):
        return (
            self.env["customer.outreach.tracking.import"]
            .with_user(user or self.user_anna)
            .with_context(active_model=campaign._name, active_id=campaign.id)
            .create({"file": base64.b64encode(text.encode()), "filename": "dhl.csv"})
        )

    def _numbered(self, campaign):
        """Numbers T0, T1, T2 on the first three recipients."""
        recipients = [self._recipient(campaign, c) for c in self.customers[:3]]
        for index, recipient in enumerate(recipients):
            recipient.with_user(self.user_anna).tracking_number = f"T{index}"
        return recipients

    def test_import_marks_delivered_and_assigns_numbers_by_reference(self):
        campaign = self._posted()
        first, second, third = self._numbered(campaign)
        fourth = self._recipient(campaign, self.customers[3])
        wizard = self._import(
            campaign,
            "Tracking_Number;Status;delivered_date;reference\n"
            "T0;Zugestellt;;\n"
            "T1;in transit;;\n"
            "T2;;31.01.2026;\n"
            "N4;delivered;;K-003\n",
        )
        self.assertEqual(wizard.campaign_id, campaign)
        wizard.action_check()
        self.assertEqual((wizard.valid_count, wizard.rejected_count), (4, 0))
        self.assertEqual(first.state, "sent")  # checking changes nothing
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(
            [r.state for r in (first, second, third, fourth)],
            ["delivered", "sent", "delivered", "delivered"],
        )
        self.assertEqual(fourth.tracking_number, "N4")
        self.assertEqual(wizard.imported_count, 3)

    def test_import_reports_bad_rows_and_imports_nothing(self):
        campaign = self._posted()
        first, *_ = self._numbered(campaign)
        other = self._posted()
        self._recipient(other, self.customers[4]).tracking_number = "ELSEWHERE"
        wizard = self._import(
            campaign,
            "tracking_number,status,delivered_date,recipient_id\n"
            "T0,zugestellt,,\n"
            "UNKNOWN,zugestellt,,\n"
            "ELSEWHERE,zugestellt,,\n"
            "T1,,someday,\n"
            "T2,,,\n"
            ",zugestellt,,\n"
            f"N9,zugestellt,,{self._recipient(other, self.customers[5]).id}\n"
            f"T1,zugestellt,,{first.id}\n",
        )
        # the option of the other imports to keep the good rows is ignored
        wizard.sudo().import_valid_rows = True
        wizard.action_import()
        self.assertEqual((wizard.valid_count, wizard.rejected_count), (1, 7))
        self.assertEqual(wizard.state, "checked")
        self.assertEqual(first.state, "sent")
        report = wizard.report
        for line, words in (
            (3, "unknown tracking number UNKNOWN"),
            (4, "belongs to another campaign"),
            (5, "delivery date someday is not a date"),
            (6, "no status and no delivery date"),
            (7, "no tracking number"),
            (8, "is not in this campaign"),
            (9, "belongs to Stammkundin 1, not to Stammkundin 0"),
        ):
            with self.subTest(line=line):
                self.assertRegex(report, f"Line {line}: [^<]*{re.escape(words)}")
        self.assertTrue(wizard.rejected_file)

    def test_delivered_needs_posting_first(self):
        campaign = self._ready(channel="card", user_id=self.user_anna.id)
        recipient = self._recipient(campaign, self.customers[1])
        recipient.with_user(self.user_anna).tracking_number = "C-1"
        wizard = self._import(campaign, "tracking_number,status\nC-1,delivered\n")
        wizard.action_import()
        self.assertIn("is not marked as posted yet", wizard.report)
        self.assertEqual(recipient.state, "ready")

    def test_only_owner_and_managers_import(self):
        campaign = self._posted()
        first, *_ = self._numbered(campaign)
        wizard = self._import(
            campaign, "tracking_number,status\nT0,zugestellt\n", user=self.user_ben
        )
        for action in (wizard.action_check, wizard.action_import):
            with self.assertRaises(AccessError):
                action()
        self.assertEqual((wizard.state, first.state), ("draft", "sent"))
        manager_wizard = self._import(
            campaign, "tracking_number,status\nT0,zugestellt\n", user=self.manager
        )
        manager_wizard.action_import()
        self.assertEqual(first.state, "delivered")

    def test_import_needs_a_status_column(self):
        campaign = self._posted()
        self._numbered(campaign)
        wizard = self._import(campaign, "tracking_number,weight\nT0,2kg\n")
        with self.assertRaises(UserError):
            wizard.action_check()
