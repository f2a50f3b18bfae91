# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a campaign brought: reactions, variants, holdout and revenue after."""

from odoo import fields
from odoo.tests import tagged

from .common_outreach import OutreachCase


@tagged("post_install", "-at_install")
class TestOutreachResults(OutreachCase):
    # reactions, variants, results ------------------------------------------------
    def test_reaction_counts_as_a_customer_contact_once(self):
        campaign = self._ready(self.customers[:1])
        recipient = campaign.recipient_ids
        recipient.write({"reaction": "positive", "reaction_note": "Rief gleich an"})
        recipient.write({"reaction_note": "Rief gleich an, bestellt zwei Uhren"})
        contact = recipient.reaction_contact_id
        self.assertEqual(contact.kind, "campaign_reaction")
        self.assertEqual(contact.partner_id, self.customers[0])
        self.assertEqual(
            self.env["customer.contact"].search_count(
                [("partner_id", "=", self.customers[0].id)]
            ),
            1,
        )
        self.assertEqual(campaign.positive_count, 1)

    def test_holdout_never_gets_anything_and_uplift_is_measured(self):
        many = self.env["res.partner"].create(
            [{"name": f"H{i}", "email": f"h{i}@example.com"} for i in range(30)]
        )
        campaign = self.Campaign.create(
            {
                "name": "A/B",
                "selection_mode": "manual",
                "personal": False,
                "holdout_percent": 40,
                "variant_ids": [
                    fields.Command.create({"name": "Samen"}),
                    fields.Command.create({"name": "Gutschein"}),
                ],
                "gift_unit_cost": 5,
            }
        )
        campaign.action_prepare()
        campaign._add_recipients(many)
        holdout = campaign.recipient_ids.filtered("holdout")
        self.assertTrue(holdout)
        self.assertEqual(set(holdout.mapped("exclusion_reason")), {"holdout"})
        self.assertEqual(
            set(
                campaign.recipient_ids.filtered(
                    lambda r: not r.holdout
                ).variant_id.mapped("name")
            ),
            {"Samen", "Gutschein"},
        )
        campaign.action_ready()
        with self.mock_mail_gateway():
            campaign.action_send()
        for recipient in holdout:
            self.assertFalse(self._mails_to(recipient.partner_id))
        reached = campaign.recipient_ids.filtered(lambda r: r.state == "sent")
        self.assertEqual(len(reached) + len(holdout), 30)
        buyer = reached[0]
        self._invoice_product(
            buyer.partner_id, self.env["product.product"].create({"name": "Uhr"}), 500
        )
        buyer.reaction = "positive"
        campaign.action_update_results()
        self.assertEqual(buyer.revenue_after, 500)
        self.assertEqual(campaign.revenue_after, 500)
        self.assertEqual(campaign.total_cost, 5 * len(reached))
        self.assertEqual(campaign.cost_per_positive, 5 * len(reached))
        rows = {row["name"]: row for row in campaign._variant_results()}
        self.assertEqual(rows["Holdout"]["revenue_per_recipient"], 0)
        self.assertGreater(rows[buyer.variant_id.name]["uplift"], 0)
        self.assertIn("Holdout", campaign.variant_summary)
