# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The campaign's workflow: notes before ready, access, copies and lessons."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_outreach import OutreachCase


@tagged("post_install", "-at_install")
class TestOutreachCampaign(OutreachCase):
    # notes ---------------------------------------------------------------
    def test_personal_campaign_needs_every_note(self):
        campaign = self._campaign(self.customers[:2])
        with self.assertRaises(UserError):
            campaign.action_ready()
        first = campaign.recipient_ids[0]
        first.note = "<p>   </p>"
        self.assertEqual(first.state, "to_prepare")
        self._write_notes(campaign)
        campaign.action_ready()
        self.assertEqual(set(campaign.recipient_ids.mapped("state")), {"ready"})

    def test_copy_of_a_successful_campaign_and_lessons(self):
        campaign = self._ready(
            self.customers[:1],
            holdout_percent=10,
            variant_ids=[fields.Command.create({"name": "Karte"})],
        )
        lesson = (
            self.env["customer.outreach.lesson"]
            .with_user(self.user_anna)
            .create(
                {
                    "campaign_id": campaign.id,
                    "name": "Katalog mit Klebezetteln",
                    "worked": "yes",
                }
            )
        )
        lesson.with_user(self.user_ben).message_post(body="Graz probiert es auch.")
        with self.assertRaises(AccessError):
            lesson.with_user(self.user_ben).write({"name": "x"})
        action = lesson.with_user(self.manager).action_reuse()
        copy = self.Campaign.browse(action["res_id"])
        self.assertEqual(copy.copied_from_id, campaign)
        self.assertEqual((copy.state, copy.holdout_percent), ("draft", 10))
        self.assertEqual(copy.variant_ids.mapped("name"), ["Karte"])
        self.assertFalse(copy.recipient_ids)

    # access ---------------------------------------------------------------
    def test_users_prepare_their_recipients_managers_launch(self):
        campaign = self._campaign(self.customers[:2])
        mine, theirs = campaign.recipient_ids
        mine.user_id = self.user_anna
        theirs.user_id = self.user_ben
        mine.with_user(self.user_anna).note = "<p>Für Sie</p>"
        self.assertEqual(mine.state, "ready")
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_anna).note = "<p>Nicht meins</p>"
        for action in ("action_prepare", "action_ready", "action_send"):
            with self.subTest(action), self.assertRaises(AccessError):
                getattr(campaign.with_user(self.user_anna), action)()
        with self.assertRaises(AccessError):
            campaign.with_user(self.other_manager).read(["name"])
        foreign = self.env["res.partner"].create(
            {"name": "Fremd", "company_id": self.other_company.id}
        )
        with self.assertRaises(UserError):  # check_company
            self.env["customer.outreach.recipient"].create(
                {"campaign_id": campaign.id, "partner_id": foreign.id}
            )
