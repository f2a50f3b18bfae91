# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The outreach e-mail as the customer receives it: the MIME message Odoo
builds for the mail server, its greeting, note, picks and signature, and the
preview before sending."""

import base64
import re

from odoo.exceptions import AccessError
from odoo.tests import BaseCase, HttpCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from ..lib.plain_text import html_to_plain_text
from ..lib.salutation import salutation, split_name, starts_with_greeting
from .common import CustomerCentricityCase, post_migration

# a red 1x1 PNG: enough for a product image
PNG = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
    )
)
INVISIBLE = re.compile("[\u034f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
MODEL_NAMES = ("Outreach Recipient", "customer.outreach.recipient", "Your ")
NOTE = "die Vergissmeinnicht-Samen sind für Ihren Garten"


@tagged("post_install", "-at_install")
class TestSalutation(BaseCase):
    """The greeting line (pure function), in every form the shop uses."""

    def test_german_formal_and_informal(self):
        self.assertEqual(salutation("madam", "Melanie", "Fuchs"), "Liebe Frau Fuchs,")
        self.assertEqual(salutation("mister", "Jonas", "Keller"), "Lieber Herr Keller,")
        self.assertEqual(salutation(None, "Alex", "Muster"), "Guten Tag Alex Muster,")
        self.assertEqual(
            salutation("madam", "Melanie", "Fuchs", academic="Dr."),
            "Liebe Frau Dr. Fuchs,",
        )
        informal = {"informal": True}
        self.assertEqual(
            salutation("madam", "Melanie", "Fuchs", **informal), "Liebe Melanie,"
        )
        self.assertEqual(
            salutation("mister", "Jonas", "Keller", **informal), "Lieber Jonas,"
        )
        self.assertEqual(salutation(None, "Alex", "Muster", **informal), "Hallo Alex,")
        self.assertEqual(
            salutation(None, "", "Huber", is_company=True),
            "Sehr geehrte Damen und Herren,",
        )

    def test_english_formal_and_informal(self):
        en = {"language": "en"}
        self.assertEqual(
            salutation("madam", "Melanie", "Fuchs", **en), "Dear Ms Fuchs,"
        )
        self.assertEqual(
            salutation("mister", "Jonas", "Keller", **en), "Dear Mr Keller,"
        )
        self.assertEqual(salutation(None, "Alex", "Muster", **en), "Dear Alex Muster,")
        self.assertEqual(
            salutation("madam", "Melanie", "Fuchs", academic="Dr.", **en),
            "Dear Dr Fuchs,",
        )
        self.assertEqual(
            salutation("madam", "Melanie", "Fuchs", informal=True, **en),
            "Dear Melanie,",
        )
        self.assertEqual(
            salutation(None, "Alex", "Muster", informal=True, **en), "Hi Alex,"
        )
        self.assertEqual(salutation(is_company=True, **en), "Dear Sir or Madam,")

    def test_names_and_notes_that_already_greet(self):
        self.assertEqual(split_name("Anna Maria  Berger"), ("Anna Maria", "Berger"))
        self.assertEqual(split_name("Cher"), ("", "Cher"))
        self.assertTrue(starts_with_greeting("Liebe Frau Huber, wir denken an Sie."))
        self.assertTrue(starts_with_greeting("  Hallo Alex!"))
        self.assertFalse(starts_with_greeting("Die Samen sind für Sie."))
        self.assertFalse(starts_with_greeting("Lieblingsuhr: der Chronograph"))

    def test_plain_text_is_readable(self):
        text = html_to_plain_text(
            "<div>\u200b\u034f<p>Erster Absatz.</p><p>Zweiter <a href="
            '"https://x.example/o">Link</a></p><table><tr><td><img src='
            '"https://x.example/i.png"/></td><td><strong>Uhr</strong></td>'
            "<td>249,00 €</td></tr></table></div>"
        )
        self.assertEqual(
            text,
            "Erster Absatz.\n\nZweiter Link (https://x.example/o)\n\nUhr – 249,00 €\n",
        )


@tagged("post_install", "-at_install")
class TestOutreachEmail(CustomerCentricityCase, MockEmail):
    """Four customers as the shop writes to them; the messages Odoo sends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.company.write(
            {"name": "Uhren & Schmuck Lindner", "email": "shop@lindner.example"}
        )
        cls.user_anna.write(
            {
                "email": "anna@lindner.example",
                "signature": "<p>Anna Lindner<br/>Uhren &amp; Schmuck Lindner</p>",
            }
        )
        Product = cls.env["product.product"]
        cls.watch = Product.create(
            {"name": "Chronograph Kohlmarkt", "list_price": 1249.0, "image_1920": PNG}
        )
        cls.ring = Product.create({"name": "Silberring Graben", "list_price": 89.5})
        Partner = cls.env["res.partner"]
        base = {"street": "Graben 1", "zip": "1010", "city": "Wien"}
        cls.frau = Partner.create(
            {
                **base,
                "name": "Melanie Fuchs",
                "email": "melanie@kunde.example",
                "lang": "de_DE",
                "title": cls.env.ref("base.res_partner_title_madam").id,
            }
        )
        cls.herr = Partner.create(
            {
                **base,
                "name": "Jonas Keller",
                "email": "jonas@kunde.example",
                "lang": "de_DE",
                "title": cls.env.ref("base.res_partner_title_mister").id,
            }
        )
        cls.english = Partner.create(
            {
                **base,
                "name": "Alex Muster",
                "email": "alex@kunde.example",
                "lang": "en_US",
            }
        )
        cls.firm = Partner.create(
            {
                **base,
                "name": "Juwelier Berger",
                "is_company": True,
                "email": "office@berger.example",
                "lang": "de_DE",
            }
        )
        cls.campaign = cls.env["customer.outreach.campaign"].create(
            {"name": "Vergissmeinnicht", "selection_mode": "manual"}
        )
        cls.campaign.action_prepare()
        cls.campaign._add_recipients(cls.frau | cls.herr | cls.english | cls.firm)
        for recipient in cls.campaign.recipient_ids:
            # sudo: the writer is server-only (the owner hands it on)
            recipient.sudo().user_id = cls.user_anna
            recipient.write(
                {
                    "note": f"<p>{NOTE}.</p>",
                    "pick_ids": [
                        (0, 0, {"product_id": cls.watch.id, "comment": "Ihr Favorit"}),
                        (0, 0, {"product_id": cls.ring.id, "kind": "new"}),
                    ],
                }
            )
        cls.campaign.action_ready()

    def _recipient(self, partner):
        return self.campaign.recipient_ids.filtered(lambda r: r.partner_id == partner)

    def _send(self):
        """The MIME messages handed to the mail server, by addressee."""
        with self.mock_mail_gateway():
            self.campaign.action_send()
            self.env["mail.mail"].process_email_queue()
        messages = [call.args[1] for call in self.send_email_mocked.call_args_list]
        return {message["To"]: message for message in messages}

    def _parts(self, message):
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        return text, html

    def _message_to(self, messages, partner):
        [message] = [m for to, m in messages.items() if partner.email in (to or "")]
        return message

    def test_customers_receive_a_personal_email(self):
        greetings = {
            self.frau: "Liebe Frau Fuchs,",
            self.english: "Dear Alex Muster,",
            self.firm: "Sehr geehrte Damen und Herren,",
        }
        messages = self._send()
        for partner, greeting in greetings.items():
            with self.subTest(customer=partner.name):
                message = self._message_to(messages, partner)
                self.assertEqual(message["Subject"], "Vergissmeinnicht")
                self.assertIn("Anna", message["From"])
                text, html = self._parts(message)
                self._assert_personal(text, html, greeting)

    def _assert_personal(self, text, html, greeting):
        for part in (text, html):
            for name in MODEL_NAMES:
                self.assertNotIn(name, part)
        self.assertFalse(INVISIBLE.search(text), "no filler in the text part")
        self.assertTrue(text.startswith(greeting + "\n\n"), text)
        self.assertIn(greeting, html)
        # the note first, then the picks with price and sticky note, then the
        # signature and the objection line
        positions = [
            text.index(NOTE),
            text.index("Chronograph Kohlmarkt"),
            text.index("Ihr Favorit"),
            text.index("Silberring Graben"),
            text.index("Anna Lindner"),
            text.index("/outreach/objection/"),
        ]
        self.assertEqual(positions, sorted(positions), text)
        self.assertNotIn("/outreach/product/", text, "no image references in text")
        price_and_note = r"Chronograph Kohlmarkt \D*1[.,]249[.,]00 – Ihr Favorit\n"
        self.assertRegex(text, price_and_note)
        self.assertIn("Ihr Favorit", html)
        self.assertEqual(
            html.count("/outreach/product/"), 1, "only products with an image"
        )
        self.assertRegex(html, r'src="https?://[^"]+/outreach/product/')

    def test_german_prices_and_the_informal_setting(self):
        self.company.outreach_address_form = "informal"
        messages = self._send()
        text, _html = self._parts(self._message_to(messages, self.herr))
        self.assertTrue(text.startswith("Lieber Jonas,\n\n"), text)
        self.assertIn("1.249,00", text)
        self.assertIn("89,50", text)
        text, _html = self._parts(self._message_to(messages, self.english))
        self.assertTrue(text.startswith("Hi Alex,\n\n"), text)
        self.assertIn("1,249.00", text)

    def test_a_note_that_greets_gets_no_second_greeting(self):
        recipient = self._recipient(self.frau)
        recipient.note = "<p>Liebe Frau Fuchs, wir denken an Sie.</p>"
        text, _html = self._parts(self._message_to(self._send(), self.frau))
        self.assertEqual(text.count("Liebe Frau Fuchs"), 1)
        self.assertTrue(text.startswith("Liebe Frau Fuchs, wir denken an Sie."))

    def test_preview_is_what_is_sent(self):
        recipient = self._recipient(self.frau)
        preview = recipient.with_user(self.user_anna)._email_preview_values()
        self.assertFalse(recipient.sudo().mail_id, "the preview sends nothing")
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("res_id", "=", recipient.id), ("model", "=", recipient._name)])
        )
        messages = self._send()
        mail = recipient.sudo().mail_id
        self.assertEqual(preview["body_html"], mail.body_html)
        self.assertEqual(preview["email_from"], mail.email_from)
        self.assertEqual(preview["reply_to"], mail.reply_to)
        message = self._message_to(messages, self.frau)
        self.assertEqual(preview["subject"], message["Subject"])
        self.assertIn(self.frau.email, preview["email_to"])
        # the form shows the same
        wizard = (
            self.env["customer.outreach.email.preview"]
            .with_user(self.user_anna)
            .create({"recipient_id": recipient.id})
        )
        self.assertEqual(wizard.body_html, preview["body_html"])
        action = recipient.with_user(self.user_anna).action_preview_email()
        self.assertEqual(action["res_model"], "customer.outreach.email.preview")

    def test_the_upgrade_resets_the_shipped_templates_only(self):
        outreach = self.env.ref("customer_centricity.mail_template_outreach")
        feedback = self.env.ref("customer_centricity.mail_template_feedback_request")
        former = "<p>Dear <t t-out=\"object.partner_id.name or ''\"/>,</p>"
        outreach.body_html = former
        feedback.body_html = former
        post_migration("18.0.1.4.0")(self.env.cr, "18.0.1.3.0")
        for template in (outreach, feedback):
            self.assertIn("object._email_greeting()", template.body_html)
            self.assertNotIn("object.partner_id.name", template.body_html)
        # a body the shop wrote itself stays
        outreach.body_html = '<p>Servus, <t t-out="object.note"/></p>'
        post_migration("18.0.1.4.0")(self.env.cr, "18.0.1.3.0")
        self.assertIn("Servus", outreach.body_html)

    def test_who_may_not_read_the_recipient_sees_no_preview(self):
        recipient = self._recipient(self.frau).with_user(self.user_ben)
        with self.assertRaises(AccessError):
            recipient.action_preview_email()
        with self.assertRaises(AccessError):
            recipient._email_preview_values()
        with self.assertRaises(AccessError):
            preview = self.env["customer.outreach.email.preview"].with_user(
                self.user_ben
            )
            preview.create({"recipient_id": recipient.id}).read(["body_html"])


@tagged("post_install", "-at_install")
class TestOutreachEmailImages(HttpCase):
    """The product images of the picks, loaded by a mail client without login."""

    def test_image_by_the_products_signature_only(self):
        Recipient = self.env["customer.outreach.recipient"]
        product = self.env["product.product"].create(
            {"name": "Chronograph Kohlmarkt", "image_1920": PNG}
        )
        other = self.env["product.product"].create(
            {"name": "Silberring Graben", "image_1920": PNG}
        )
        url = Recipient._product_image_url(product)
        path = url[len(Recipient.get_base_url()) :]
        self.assertTrue(url.startswith("http"), "mail clients need absolute links")
        self.env.flush_all()
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "image/png")
        token = Recipient._product_image_token(product)
        forged = [
            path.replace(token, "x" * len(token)),
            path.replace(f"/{product.id}/", f"/{other.id}/"),
            f"/outreach/product/{2**31}/{token}.png",
        ]
        for forged_path in forged:
            with self.subTest(path=forged_path):
                self.assertEqual(self.url_open(forged_path).status_code, 404)
