# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import CustomerCentricityCase

OBJECT_TEXT = "You can object to such e-mails at any time"
POSTAL_TEXT = "You can object to letters and e-mails like this one at any time"


class OutreachObjectionMixin:
    """A campaign of three customers, ready to send."""

    @classmethod
    def _setup_campaign(cls, channel="email"):
        cls.env.company.write(
            {
                "street": "Kohlmarkt 7",
                "zip": "1010",
                "city": "Wien",
                "email": "office@juwelier.example",
            }
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Kundin {i}",
                    "email": f"kundin{i}@example.com",
                    "street": f"Graben {i}",
                    "zip": "1010",
                    "city": "Wien",
                }
                for i in range(3)
            ]
        )
        cls.campaign = cls.env["customer.outreach.campaign"].create(
            {"name": "Vergissmeinnicht", "selection_mode": "manual", "channel": channel}
        )
        cls.campaign.action_prepare()
        cls.campaign._add_recipients(cls.customers)
        for recipient in cls.campaign.recipient_ids:
            recipient.note = "<p>Wir denken an Sie.</p>"
        cls.campaign.action_ready()

    def _recipient(self, partner):
        return self.campaign.recipient_ids.filtered(lambda r: r.partner_id == partner)

    def _path(self, recipient):
        url = recipient._objection_url()
        return url[len(recipient.get_base_url()) :]


@tagged("post_install", "-at_install")
class TestOutreachObjection(OutreachObjectionMixin, CustomerCentricityCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_campaign()

    def test_every_email_carries_the_objection_link(self):
        with self.mock_mail_gateway():
            self.campaign.action_send()
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(len(self._mails), 3)
        for recipient in self.campaign.recipient_ids:
            url = recipient._objection_url()
            sent = next(
                m for m in self._mails if recipient.partner_id.email in m["email_to"][0]
            )
            self.assertIn(url, sent["body"])
            self.assertIn(OBJECT_TEXT, sent["body"])
            self.assertEqual(sent["headers"]["List-Unsubscribe"], f"<{url}>")
            self.assertEqual(
                sent["headers"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click"
            )
        tokens = self.campaign.recipient_ids.sudo().mapped("objection_token")
        self.assertEqual(len(set(tokens)), 3, "one secret per recipient")

    def test_a_template_without_the_link_gets_it_all_the_same(self):
        plain = self.env["mail.template"].create(
            {
                "name": "Nur Text",
                "model_id": self.env.ref(
                    "customer_centricity.model_customer_outreach_recipient"
                ).id,
                "subject": "Grüße",
                "body_html": "<p>Liebe Grüße</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self.campaign.mail_template_id = plain
        with self.mock_mail_gateway():
            self.campaign.action_send()
            self.env["mail.mail"].process_email_queue()
        for recipient in self.campaign.recipient_ids:
            body = recipient.sudo().mail_id.body_html
            self.assertEqual(body.count(recipient._objection_url()), 1)
            self.assertIn("Liebe Grüße", body)

    def test_mail_queued_before_the_objection_is_not_sent_after_it(self):
        objecting, blacklisting, keen = self.customers
        with self.mock_mail_gateway():
            self.campaign.action_send()
        queued = self.campaign.recipient_ids.sudo().mail_id
        self.assertEqual(set(queued.mapped("state")), {"outgoing"})

        self._recipient(objecting).sudo()._record_objection()
        self._recipient(blacklisting).sudo()._record_objection(blacklist=True)
        with self.mock_mail_gateway():
            self.env["mail.mail"].process_email_queue()

        self.assertEqual(len(self._mails), 1)
        self.assertIn(keen.email, self._mails[0]["email_to"][0])
        for partner, reason, failure in (
            (objecting, "opted_out", "mail_optout"),
            (blacklisting, "opted_out", "mail_optout"),  # opt-out is checked first
        ):
            recipient = self._recipient(partner)
            self.assertEqual(
                (recipient.state, recipient.exclusion_reason), ("excluded", reason)
            )
            mail = recipient.sudo().mail_id
            self.assertEqual((mail.state, mail.failure_type), ("cancel", failure))
        self.assertEqual(self._recipient(keen).state, "sent")
        self.assertEqual(self.campaign.sent_count, 1)
        # the next run neither sends nor queues them again
        with self.mock_mail_gateway():
            self.env["mail.mail"].process_email_queue()
        self.assertFalse(self._mails)

    def test_blacklisted_after_queuing_is_not_sent(self):
        late = self.customers[0]
        with self.mock_mail_gateway():
            self.campaign.action_send()
        self.env["mail.blacklist"]._add(late.email)
        with self.mock_mail_gateway():
            self.env["mail.mail"].process_email_queue()
        self.assertEqual(len(self._mails), 2)
        recipient = self._recipient(late)
        self.assertEqual(recipient.exclusion_reason, "blacklisted")
        self.assertEqual(recipient.sudo().mail_id.failure_type, "mail_bl")

    def test_objection_is_recorded_once_and_logged(self):
        partner = self.customers[0]
        recipient = self._recipient(partner).sudo()
        self.assertTrue(recipient._record_objection())
        self.assertTrue(partner.outreach_opt_out)
        self.assertTrue(recipient.objection_date)
        logged = partner.message_ids.filtered(lambda m: "UWG" in (m.body or ""))
        self.assertEqual(len(logged), 1)
        self.assertEqual(logged.author_id, partner)
        self.assertFalse(recipient._record_objection(), "already recorded")
        self.assertEqual(
            len(partner.message_ids.filtered(lambda m: "UWG" in (m.body or ""))), 1
        )
        self.assertFalse(
            self.env["mail.blacklist"].search([("email", "=", partner.email)])
        )
        # the next campaign leaves the customer out
        follow_up = self.env["customer.outreach.campaign"].create(
            {"name": "Nachfassen", "selection_mode": "manual"}
        )
        follow_up.action_prepare()
        follow_up._add_recipients(partner)
        self.assertEqual(follow_up.recipient_ids.exclusion_reason, "opted_out")

    def test_letter_carries_the_postal_note_in_the_customers_language(self):
        recipient = self._recipient(self.customers[0])
        html = self._letter_html(recipient)
        self.assertIn(POSTAL_TEXT, html)
        self.assertIn("Kohlmarkt 7, 1010 Wien", html)
        self.assertIn("office@juwelier.example", html)

        german = "Sie können Briefen und E-Mails wie diesem jederzeit kostenlos"
        self.env.ref(
            "customer_centricity.report_outreach_letter_document"
        ).update_field_translations(
            "arch_db",
            {
                "de_DE": {
                    f"{POSTAL_TEXT}, free of charge: by post to": (
                        f"{german} widersprechen: per Post an"
                    )
                }
            },
        )
        self.customers[0].lang = "de_DE"
        html = self._letter_html(recipient)
        self.assertIn(german, html)
        self.assertNotIn(POSTAL_TEXT, html)

    def _letter_html(self, recipient):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "customer_centricity.action_report_outreach_letter", recipient.ids
        )
        return " ".join(html.decode().split())


@tagged("post_install", "-at_install")
class TestOutreachObjectionPage(OutreachObjectionMixin, HttpCase):
    """The public page behind the link, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_campaign()
        cls.recipient = cls.campaign.recipient_ids.filtered(
            lambda r: r.partner_id == cls.customers[0]
        )
        cls.partner = cls.customers[0]

    def _open(self, path, data=None, files=None):
        """The page over HTTP; the test reads what the request wrote."""
        self.env.flush_all()
        response = self.url_open(path, data=data, files=files)
        self.env.invalidate_all()
        return response

    def _blacklisted(self, partner):
        return self.env["mail.blacklist"].search([("email", "=", partner.email)])

    def _nothing_written(self, recipient):
        self.assertFalse(recipient.partner_id.outreach_opt_out)
        self.assertFalse(recipient.objection_date)
        self.assertFalse(self._blacklisted(recipient.partner_id))

    def test_get_shows_the_page_and_writes_nothing(self):
        page = self._open(self._path(self.recipient))
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="confirm"', page.text)
        self.assertIn('name="blacklist"', page.text)
        self._nothing_written(self.recipient)

    def test_confirm_records_the_objection_then_the_link_says_so(self):
        path = self._path(self.recipient)
        done = self._open(path, data={"confirm": "1"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("o_outreach_done", done.text)
        self.assertNotIn("o_outreach_blacklisted", done.text)
        self.assertTrue(self.partner.outreach_opt_out)
        self.assertTrue(self.recipient.objection_date)
        self.assertFalse(self._blacklisted(self.partner), "only when ticked")
        logged = self.partner.message_ids.filtered(lambda m: "UWG" in (m.body or ""))
        self.assertEqual(len(logged), 1)

        for again in (
            self._open(path),
            self._open(path, data={"confirm": "1", "blacklist": "1"}),
        ):
            self.assertEqual(again.status_code, 200)
            self.assertIn("o_outreach_recorded", again.text)
        self.assertFalse(self._blacklisted(self.partner))
        self.assertEqual(
            len(self.partner.message_ids.filtered(lambda m: "UWG" in (m.body or ""))),
            1,
        )

    def test_ticked_box_blacklists_the_address(self):
        done = self._open(
            self._path(self.recipient), data={"confirm": "1", "blacklist": "1"}
        )
        self.assertEqual(done.status_code, 200)
        self.assertIn("o_outreach_blacklisted", done.text)
        self.assertTrue(self.partner.outreach_opt_out)
        self.assertTrue(self._blacklisted(self.partner).active)

    def test_mail_clients_one_click_unsubscribe(self):
        done = self._open(
            self._path(self.recipient), data={"List-Unsubscribe": "One-Click"}
        )
        self.assertEqual(done.status_code, 200)
        self.assertTrue(self.partner.outreach_opt_out)
        self.assertFalse(self._blacklisted(self.partner))

    def test_bad_values_are_refused_and_write_nothing(self):
        path = self._path(self.recipient)
        for data in (
            {"confirm": "1", "blacklist": "yes"},
            {"confirm": "0"},
            {"blacklist": "1"},
            {"other": "1"},
            [("confirm", "1"), ("confirm", "1")],
            {"List-Unsubscribe": "Later"},
        ):
            bad = self._open(path, data=data)
            self.assertEqual(bad.status_code, 400, data)
            self.assertIn("o_outreach_message", bad.text)
            self._nothing_written(self.recipient)
        with_file = self._open(
            path, data={"confirm": "1"}, files={"blacklist": ("x.txt", b"1")}
        )
        self.assertEqual(with_file.status_code, 400)
        self._nothing_written(self.recipient)

    def test_forged_links_are_not_found(self):
        other = self.campaign.recipient_ids - self.recipient
        token = self._path(self.recipient).rsplit("/", 1)[1]
        for path in (
            f"/outreach/objection/{self.recipient.id}/{token[:-1]}x",
            f"/outreach/objection/{self.recipient.id}/{token}{token}",
            f"/outreach/objection/{other[0].id}/{token}",
            f"/outreach/objection/{self.recipient.id}/%C3%A4{token[2:]}",
            f"/outreach/objection/99999999999/{token}",
            f"/outreach/objection/{self.recipient.id}/",
        ):
            page = self._open(path, data={"confirm": "1"})
            self.assertEqual(page.status_code, 404, path)
        self._nothing_written(self.recipient)
        # a recipient never e-mailed has no secret: nothing opens it
        fresh = other[1].sudo()
        self.assertFalse(fresh.objection_token)
        self.assertEqual(
            self._open(f"/outreach/objection/{fresh.id}/False").status_code, 404
        )

    def test_page_speaks_the_customers_language(self):
        self.partner.lang = "de_DE"
        self.env.ref(
            "customer_centricity.outreach_objection_page"
        ).update_field_translations("arch_db", {"de_DE": {"Object": "Widersprechen"}})
        page = self._open(self._path(self.recipient))
        self.assertEqual(page.status_code, 200)
        self.assertIn('lang="de-DE"', page.text)
        self.assertIn("Widersprechen", page.text)
