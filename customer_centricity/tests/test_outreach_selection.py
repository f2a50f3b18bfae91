# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who a campaign reaches: selection, assignment, picks and exclusions."""

from odoo import fields
from odoo.tests import tagged

from .common_outreach import OutreachCase


@tagged("post_install", "-at_install")
class TestOutreachSelection(OutreachCase):
    # selection -----------------------------------------------------------
    def test_top_customers_by_value_are_chosen_and_assigned(self):
        values = self.env["customer.value"].search(
            [("company_id", "=", self.company.id)], limit=5
        )
        self.assertEqual(len(values), 5, "the demo data has customer values")
        values[0].partner_id.user_id = self.user_ben
        values[1].partner_id.user_id = False  # no salesperson: the last contact writes
        # the demo's top customers have a year of contacts: start afresh
        self.env["customer.contact"].search(
            [("partner_id", "=", values[1].partner_id.id)]
        ).unlink()
        self._contact(user=self.user_anna, partner_id=values[1].partner_id.id)
        campaign = self.Campaign.create(
            {"name": "Top 5", "selection_mode": "top_count", "selection_count": 5}
        )
        campaign.action_prepare()
        self.assertEqual(campaign.state, "preparing")
        self.assertEqual(campaign.recipient_ids.partner_id, values.partner_id)
        by_partner = {r.partner_id: r for r in campaign.recipient_ids}
        self.assertEqual(by_partner[values[0].partner_id].user_id, self.user_ben)
        self.assertEqual(by_partner[values[1].partner_id].user_id, self.user_anna)
        # the people who write notes get an activity
        self.assertIn(self.user_anna, campaign.activity_ids.user_id)
        # preparing again adds nobody twice
        campaign.action_prepare()
        self.assertEqual(len(campaign.recipient_ids), 5)

    def test_preparing_costs_the_same_queries_for_few_or_many(self):
        product = self.env["product.product"].create({"name": "Uhrband"})
        many = self.env["res.partner"].create(
            [{"name": f"K{i}", "email": f"k{i}@example.com"} for i in range(40)]
        )
        for partner in many[:3]:
            self._invoice_product(partner, product, 100)
        counts = []
        for partners in (many[:2], many[:4], many):  # the first run warms caches
            campaign = self.Campaign.create(
                {"name": "Scale", "selection_mode": "manual"}
            )
            campaign.action_prepare()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            campaign._add_recipients(partners)
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[1], counts[2])

    def test_favourites_come_from_purchase_history_and_new_products_join(self):
        watch, strap, ring = self.env["product.product"].create(
            [{"name": "Uhr"}, {"name": "Uhrband"}, {"name": "Ring"}]
        )
        novelty = self.env["product.product"].create({"name": "Neue Kollektion"})
        customer = self.customers[0]
        self._invoice_product(customer, strap, 50)
        self._invoice_product(customer, watch, 900)
        self._invoice_product(customer, ring, 300)
        campaign = self._campaign(
            customer,
            favourite_count=2,
            new_product_ids=[fields.Command.set(novelty.ids)],
        )
        picks = campaign.recipient_ids.pick_ids
        self.assertEqual(
            picks.filtered(lambda p: p.kind == "favourite").product_id.ids,
            [watch.id, ring.id],
        )
        self.assertEqual(picks.filtered(lambda p: p.kind == "new").product_id, novelty)

    # exclusions ------------------------------------------------------------
    def test_people_we_must_not_reach_are_excluded_with_a_reason(self):
        Partner = self.env["res.partner"]
        blacklisted = Partner.create({"name": "Gesperrt", "email": "nein@example.com"})
        self.env["mail.blacklist"].create({"email": "nein@example.com"})
        opted_out = Partner.create(
            {"name": "Abgemeldet", "email": "ab@example.com", "outreach_opt_out": True}
        )
        archived = Partner.create(
            {"name": "Alt", "email": "alt@example.com", "active": False}
        )
        no_email = Partner.create({"name": "Ohne Mail"})
        twin = Partner.create({"name": "Zwilling", "email": self.customers[0].email})
        foreign = Partner.create(
            {
                "name": "Fremd",
                "email": "f@example.com",
                "company_id": self.other_company.id,
            }
        )
        campaign = self._campaign(
            self.customers[:1]
            | blacklisted
            | opted_out
            | archived
            | no_email
            | twin
            | foreign
        )
        reasons = {r.partner_id: r.exclusion_reason for r in campaign.recipient_ids}
        self.assertEqual(
            reasons,
            {
                self.customers[0]: False,
                blacklisted: "blacklisted",
                opted_out: "opted_out",
                archived: "archived",
                no_email: "no_email",
                twin: "duplicate_email",
            },
        )
        self._write_notes(campaign)
        campaign.action_ready()
        with self.mock_mail_gateway():
            campaign.action_send()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(
            [mail["email_to"] for mail in self._mails],
            [[self.customers[0].email_formatted]],
        )

    def test_blacklisted_after_preparing_is_still_never_sent(self):
        campaign = self._ready(self.customers[:2])
        self.env["mail.blacklist"].create({"email": self.customers[1].email})
        with self.mock_mail_gateway():
            campaign.action_send()
        late = campaign.recipient_ids.filtered(
            lambda r: r.partner_id == self.customers[1]
        )
        self.assertEqual(
            (late.state, late.exclusion_reason), ("excluded", "blacklisted")
        )
        self.assertFalse(self._mails_to(self.customers[1]))

    def test_postal_channel_needs_an_address(self):
        homeless = self.env["res.partner"].create({"name": "Ohne Adresse"})
        campaign = self._campaign(self.customers[:1] | homeless, channel="card")
        reason = campaign.recipient_ids.filtered(lambda r: r.partner_id == homeless)
        self.assertEqual(reason.exclusion_reason, "no_address")
