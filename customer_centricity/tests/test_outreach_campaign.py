# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from unittest.mock import patch

from PyPDF2 import PdfReader

from odoo import fields, sql_db
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMailServer, MailDeliveryException
from odoo.addons.mail.tests.common import MockEmail

from ..models import customer_outreach_campaign as campaign_module
from ..models.customer_outreach_recipient import CustomerOutreachRecipient
from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestOutreachCampaign(CustomerCentricityCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Campaign = cls.env["customer.outreach.campaign"]
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Stammkundin {i}",
                    "email": f"stammkundin{i}@example.com",
                    "street": f"Graben {i}",
                    "zip": "1010",
                    "city": "Wien",
                }
                for i in range(6)
            ]
        )

    def _campaign(self, partners=None, **vals):
        campaign = self.Campaign.create(
            {"name": "Vergissmeinnicht", "selection_mode": "manual", **vals}
        )
        campaign.action_prepare()
        campaign._add_recipients(partners if partners is not None else self.customers)
        return campaign

    def _write_notes(self, campaign):
        for recipient in campaign.recipient_ids.filtered(
            lambda r: r.state == "to_prepare"
        ):
            recipient.note = (
                f"<p>Liebe {recipient.partner_id.name}, wir denken an Sie.</p>"
            )

    def _ready(self, partners=None, **vals):
        campaign = self._campaign(partners, **vals)
        self._write_notes(campaign)
        campaign.action_ready()
        return campaign

    def _mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

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

    # notes and sending ---------------------------------------------------------
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
            patch.object(campaign_module, "SEND_BATCH_SIZE", 2),
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
        with patch.object(campaign_module, "SEND_BATCH_SIZE", 2):
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

    def test_note_with_code_is_shown_as_text_in_mail_and_pdf(self):
        customer = self.customers[0]
        campaign = self._campaign(customer, channel="email_post")
        recipient = campaign.recipient_ids
        recipient.note = (
            "<p>Hallo {{ object.partner_id.name }} und t-out=1+1</p>"
            "<script>alert('x')</script><p t-out=\"7*6\">Sechs mal sieben</p>"
        )
        self.assertNotIn("<script", recipient.note)
        self.assertNotIn("t-out", recipient.note.split("</p>")[1])
        campaign.action_ready()
        with self.mock_mail_gateway():
            campaign.action_send()
            self.env["mail.mail"].process_email_queue()
        body = self._mails[0]["body"]
        self.assertIn("{{ object.partner_id.name }}", body)
        self.assertNotIn("42", body)
        self.assertNotIn("<script", body)
        text = self._pdf_text(recipient)
        self.assertIn("{{ object.partner_id.name }}", text)
        self.assertNotIn("42", text)

    def test_pdf_holds_each_recipients_note_and_address(self):
        campaign = self._campaign(self.customers[:2], channel="letter")
        for recipient, words in zip(
            campaign.recipient_ids, ("Vergissmeinnicht", "Sonnenblume"), strict=True
        ):
            recipient.note = f"<p>{words} für Sie</p>"
        campaign.action_ready()
        action = campaign.with_context(
            force_report_rendering=True
        ).action_print_letters()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
        )
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
        text = self._pdf_text(campaign.recipient_ids)
        for words in ("Vergissmeinnicht", "Sonnenblume", "Graben 0", "Graben 1"):
            self.assertIn(words, text)
        campaign.action_mark_posted()
        self.assertEqual(set(campaign.recipient_ids.mapped("state")), {"sent"})
        self.assertEqual(campaign.state, "done")
        campaign.recipient_ids.action_mark_delivered()
        self.assertEqual(set(campaign.recipient_ids.mapped("state")), {"delivered"})
        with self.assertRaises(UserError):
            campaign.action_send()

    def _pdf_text(self, recipients):
        pdf = recipients.with_context(force_report_rendering=True)._render_letters_pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfReader(io.BytesIO(pdf))
        text = " ".join(page.extract_text() for page in reader.pages)
        return " ".join(text.split())

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

    def _invoice_product(self, partner, product, amount):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move
