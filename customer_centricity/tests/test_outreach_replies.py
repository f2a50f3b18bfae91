# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestOutreachReplies(CustomerCentricityCase, MockEmail):
    """A customer's answer to an outreach e-mail comes back through the gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Stammkunde {i}",
                    "email": f"stammkunde{i}@example.com",
                    "user_id": cls.user_anna.id,  # Anna writes their notes
                }
                for i in range(2)
            ]
        )
        # Carl owns the campaign: he reads the recipients, Anna writes them
        cls.campaign = cls.env["customer.outreach.campaign"].create(
            {
                "name": "Vergissmeinnicht",
                "selection_mode": "manual",
                "user_id": cls.user_carl.id,
            }
        )
        cls.campaign.action_prepare()
        cls.campaign._add_recipients(cls.customers)
        for recipient in cls.campaign.recipient_ids:
            recipient.note = "<p>Wir denken an Sie.</p>"
        cls.campaign.action_ready()

    def _send(self):
        with self.mock_mail_gateway():
            self.campaign.action_send()
            self.env["mail.mail"].process_email_queue()

    def _recipient(self, partner):
        return self.campaign.recipient_ids.filtered(lambda r: r.partner_id == partner)

    def _reply(self, recipient, sender, body, message_id="<antwort-1@kunde.example>"):
        """A real RFC 822 answer to the e-mail sent to ``recipient``."""
        sent = recipient.sudo().mail_id
        raw = (
            f"From: {sender.name} <{sender.email}>\r\n"
            f"To: {sent.reply_to}\r\n"
            "Subject: Re: Vergissmeinnicht\r\n"
            f"Message-ID: {message_id}\r\n"
            f"In-Reply-To: {sent.message_id}\r\n"
            f"References: {sent.message_id}\r\n"
            "Date: Tue, 10 Mar 2026 10:00:00 +0100\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
            f"{body}\r\n"
        ).encode()
        return self.env["mail.thread"].message_process(None, raw)

    def test_reply_lands_on_the_recipient_and_proposes_a_positive_reaction(self):
        self._send()
        customer = self.customers[0]
        recipient = self._recipient(customer)
        self.assertIn(self.user_anna.partner_id, recipient.message_partner_ids)

        thread_id = self._reply(recipient, customer, "Vielen Dank, die Samen blühen!")

        self.assertEqual(thread_id, recipient.id)
        reply = recipient.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(reply), 1)
        self.assertIn("die Samen blühen", reply.body)
        self.assertEqual(reply.author_id, customer)
        self.assertEqual(recipient.reply_count, 1)
        self.assertTrue(recipient.last_reply_date)
        self.assertEqual(recipient.proposed_reaction, "positive")
        self.assertFalse(recipient.reaction, "proposed, not decided")
        self.assertEqual(self.campaign.replied_count, 1)
        self.assertEqual(self._recipient(self.customers[1]).reply_count, 0)
        # the writer hears of it
        self.assertTrue(
            self.env["mail.notification"].search(
                [
                    ("mail_message_id", "=", reply.id),
                    ("res_partner_id", "=", self.user_anna.partner_id.id),
                ]
            )
        )
        # the customer's chatter links to the reply, without its text
        note = customer.message_ids.filtered(
            lambda m: "Vergissmeinnicht" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn(f'data-oe-id="{recipient.id}"', note.body)
        self.assertNotIn("blühen", note.body)
        # the reply in the chatter is no second outreach e-mail
        self.assertEqual(recipient._already_mailed(), recipient)
        self.assertEqual(recipient.state, "sent")

    def test_with_an_alias_domain_replies_go_to_the_catchall_and_come_back(self):
        domain = self.env["mail.alias.domain"].create(
            {"name": "juwelier.example", "catchall_alias": "antwort"}
        )
        self.env.company.alias_domain_id = domain
        self._send()
        customer = self.customers[1]
        recipient = self._recipient(customer)
        self.assertIn("antwort@juwelier.example", recipient.sudo().mail_id.reply_to)
        self._reply(recipient, customer, "Sehr aufmerksam, danke.")
        self.assertEqual(recipient.reply_count, 1)
        self.assertEqual(recipient.proposed_reaction, "positive")

    def test_second_reply_counts_and_a_decided_reaction_stays(self):
        self._send()
        customer = self.customers[0]
        recipient = self._recipient(customer)
        recipient.with_user(self.user_anna).write({"reaction": "negative"})
        self._reply(recipient, customer, "Bitte nicht mehr.")
        self._reply(
            recipient, customer, "Wirklich.", message_id="<antwort-2@kunde.example>"
        )
        self.assertEqual(recipient.reply_count, 2)
        self.assertFalse(recipient.proposed_reaction)
        self.assertEqual(recipient.reaction, "negative")
        self.assertEqual(self.campaign.replied_count, 1, "recipients, not e-mails")

    def test_a_colleague_answering_by_mail_is_no_customer_reply(self):
        self._send()
        recipient = self._recipient(self.customers[0])
        self._reply(recipient, self.user_anna, "Ich rufe sie morgen an.")
        self.assertEqual(recipient.reply_count, 0)
        self.assertFalse(recipient.proposed_reaction)

    def test_only_the_mail_gateway_counts_replies(self):
        self._send()
        recipient = self._recipient(self.customers[0])
        # message_update is public: called by a user over RPC it counts nothing
        recipient.with_user(self.user_anna).message_update(
            {"author_id": self.customers[0].id}
        )
        self.assertEqual(recipient.reply_count, 0)
        self.assertFalse(recipient.proposed_reaction)

    def test_writer_confirms_with_one_click_others_may_not(self):
        self._send()
        customer = self.customers[0]
        recipient = self._recipient(customer)
        self._reply(recipient, customer, "Eine Frechheit, diese Werbung!")
        for intruder in (self.user_ben, self.user_carl):  # Carl owns the campaign
            with self.assertRaises(AccessError, msg=intruder.name):
                recipient.with_user(intruder).action_confirm_negative()
        self.assertEqual(recipient.proposed_reaction, "positive")
        self.assertFalse(recipient.reaction)
        self.assertFalse(recipient.reaction_contact_id)
        with self.assertRaises(UserError):
            recipient.with_user(self.user_anna)._confirm_reaction("none")

        recipient.with_user(self.user_anna).action_confirm_negative()

        self.assertEqual(recipient.reaction, "negative")
        self.assertFalse(recipient.proposed_reaction)
        self.assertEqual(recipient.reaction_date, recipient.last_reply_date.date())
        contact = recipient.reaction_contact_id
        self.assertEqual(
            (contact.kind, contact.partner_id, contact.user_id),
            ("campaign_reaction", customer, self.user_anna),
        )
        self.env.cr.precommit.run()  # the chatter tracks at commit
        tracked = recipient.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "reaction"
        )
        self.assertEqual(tracked.new_value_char, "Negative")

    def test_manager_confirms_too(self):
        self._send()
        customer = self.customers[1]
        recipient = self._recipient(customer)
        self._reply(recipient, customer, "Danke!")
        recipient.with_user(self.manager).action_confirm_positive()
        self.assertEqual(recipient.reaction, "positive")
        self.assertEqual(self.campaign.positive_count, 1)

    def test_a_note_in_the_chatter_before_sending_does_not_stop_the_mail(self):
        recipient = self._recipient(self.customers[0])
        recipient.with_user(self.user_anna).message_post(
            body="Sie mag Vergissmeinnicht.", message_type="comment"
        )
        self._send()
        self.assertEqual(recipient.state, "sent")
        self.assertTrue(recipient.mail_id)
        self.assertEqual(
            len(
                [m for m in self._mails if self.customers[0].email in m["email_to"][0]]
            ),
            1,
        )
