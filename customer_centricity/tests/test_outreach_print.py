# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The printed outreach as rendered by wkhtmltopdf: cards, address labels, the
marked catalogue, the DIN 5008 letter and print-all in recipient order."""

import base64
import io
import re
import subprocess

from PIL import Image
from PyPDF2 import PdfReader

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_outreach import OutreachCase

A4 = (595.3, 841.9)  # points
A6_LANDSCAPE = (419.5, 297.6)
MM = 72 / 25.4  # points per millimetre
WORD = re.compile(
    r'<word xMin="(?P<left>[\d.]+)" yMin="(?P<top>[\d.]+)" '
    r'xMax="(?P<right>[\d.]+)" yMax="(?P<bottom>[\d.]+)">(?P<word>[^<]*)</word>'
)


@tagged("post_install", "-at_install")
class TestOutreachPrint(OutreachCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.company.write(
            {
                "country_id": cls.env.ref("base.at").id,
                "street": "Kohlmarkt 7",
                "zip": "1010",
                "city": "Wien",
            }
        )
        cls.customers.write({"lang": "de_DE", "country_id": cls.env.ref("base.at").id})
        cls.watch = cls._product("Armbanduhr", 2400, image=True)
        cls.ring = cls._product("Goldring", 1234.5)
        cls.necklace = cls._product("Perlenkette", 650)

    @classmethod
    def _product(cls, name, price, image=False):
        vals = {
            "name": name,
            "list_price": price,
            "description_sale": f"{name} aus unserer Werkstatt am Kohlmarkt.",
        }
        if image:
            buffer = io.BytesIO()
            Image.new("RGB", (64, 64), (180, 140, 60)).save(buffer, format="PNG")
            vals["image_1920"] = base64.b64encode(buffer.getvalue())
        return cls.env["product.product"].create(vals)

    def _notes(self, campaign):
        """A note of its own per recipient, to find it on its page."""
        for index, recipient in enumerate(campaign.recipient_ids):
            recipient.note = (
                f"<p>Liebe Kundin {index}, Grüße zum Frühlingsfest {index}.</p>"
            )
        campaign.action_ready()

    def _pick(self, recipient, product, kind="favourite", comment=False, sequence=10):
        return self.env["customer.outreach.pick"].create(
            {
                "recipient_id": recipient.id,
                "product_id": product.id,
                "kind": kind,
                "comment": comment,
                "sequence": sequence,
            }
        )

    def _render(self, recipients, method, *args):
        document = getattr(
            recipients.with_context(force_report_rendering=True), method
        )(*args)
        self.assertTrue(document.startswith(b"%PDF"))
        return PdfReader(io.BytesIO(document))

    def _text(self, page):
        return " ".join(page.extract_text().split())

    def _assert_size(self, page, size):
        box = page.mediabox
        self.assertAlmostEqual(float(box.width), size[0], delta=1.5)
        self.assertAlmostEqual(float(box.height), size[1], delta=1.5)

    # cards -----------------------------------------------------------------
    def test_four_cards_per_a4_sheet(self):
        campaign = self._campaign(self.customers[:5], channel="card")
        self._notes(campaign)
        reader = self._render(campaign.recipient_ids, "_render_cards_pdf", "four_a4")
        self.assertEqual(len(reader.pages), 2, "5 cards: 4 on the first sheet")
        self._assert_size(reader.pages[0], (A4[1], A4[0]))
        first, second = (self._text(page) for page in reader.pages)
        for index in range(4):
            self.assertIn(f"Grüße zum Frühlingsfest {index}", first)
        self.assertIn("Grüße zum Frühlingsfest 4", second)
        self.assertNotIn("Frühlingsfest 0", second)

    def test_one_card_per_page_is_a6_landscape_signed_by_the_writer(self):
        campaign = self._campaign(self.customers[:3], channel="parcel")
        campaign.recipient_ids.sudo().user_id = self.user_anna
        self._notes(campaign)
        reader = self._render(campaign.recipient_ids, "_render_cards_pdf", "single")
        self.assertEqual(len(reader.pages), 3)
        for index, page in enumerate(reader.pages):
            self._assert_size(page, A6_LANDSCAPE)
            text = self._text(page)
            self.assertIn(f"Liebe Kundin {index},", text)
            self.assertIn("Anna", text)

    def test_card_and_parcel_campaigns_print_cards_not_letters(self):
        campaign = self._campaign(self.customers[:2], channel="parcel")
        self._notes(campaign)
        action = campaign.with_context(
            force_report_rendering=True
        ).action_print_letters()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
        )
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        self.assertTrue(attachment.name.startswith("Cards"))
        reader = PdfReader(io.BytesIO(attachment.raw))
        self.assertEqual(len(reader.pages), 1, "two cards on one A4 sheet")
        self._assert_size(reader.pages[0], (A4[1], A4[0]))

    # address labels --------------------------------------------------------
    def test_labels_fourteen_per_sheet_with_foreign_country(self):
        extra = self.env["res.partner"].create(
            [
                {
                    "name": f"Nachbarin {i}",
                    "street": f"Gasse {i}",
                    "zip": "8010",
                    "city": "Graz",
                    "country_id": self.env.ref("base.at").id,
                }
                for i in range(9)
            ]
        )
        extra[0].write(
            {
                "zip": "80331",
                "city": "München",
                "country_id": self.env.ref("base.de").id,
            }
        )
        campaign = self._campaign(self.customers | extra, channel="card")
        excluded = campaign.recipient_ids.filtered(
            lambda r: r.partner_id == self.customers[5]
        )
        excluded.action_exclude()
        action = campaign.with_context(
            force_report_rendering=True
        ).action_print_labels()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
        )
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        reader = PdfReader(io.BytesIO(attachment.raw))
        self.assertEqual(len(reader.pages), 1, "14 labels fill one L7163 sheet")
        self._assert_size(reader.pages[0], A4)
        text = self._text(reader.pages[0])
        for partner in (self.customers[:5] | extra).sorted("id"):
            self.assertIn(partner.name, text)
        self.assertNotIn(self.customers[5].name, text)
        self.assertIn("80331 München", text)
        self.assertIn(self.env.ref("base.de").name.upper(), text)
        self.assertNotIn(self.env.ref("base.at").name.upper(), text)

        more = self.env["res.partner"].create(
            {"name": "Fünfzehnte", "street": "Ring 1", "zip": "1010", "city": "Wien"}
        )
        campaign._add_recipients(more)
        reader = self._render(
            campaign.recipient_ids.filtered(lambda r: r.state != "excluded"),
            "_render_labels_pdf",
        )
        self.assertEqual(len(reader.pages), 2, "the 15th label starts a sheet")
        self.assertIn("Fünfzehnte", self._text(reader.pages[1]))

    # the marked catalogue --------------------------------------------------
    def test_catalogue_favourites_first_with_sticky_notes_and_prices(self):
        campaign = self._campaign(self.customers[:1], channel="card")
        self._notes(campaign)
        recipient = campaign.recipient_ids
        self._pick(recipient, self.necklace, kind="new", sequence=1)
        self._pick(recipient, self.watch, comment="Ihr Frühjahrs-Liebling!")
        self._pick(recipient, self.ring, comment="Passt zu Ihrer Kette.")
        for name in ("Brosche", "Manschettenknöpfe"):
            self._pick(recipient, self._product(name, 99), kind="new")
        reader = self._render(recipient, "_render_catalogues_pdf")
        self.assertEqual(len(reader.pages), 2, "five products, four a page")
        self._assert_size(reader.pages[0], A4)
        first = self._text(reader.pages[0])
        self.assertIn(recipient.partner_id.name, first)
        for words in (
            "Ihr Frühjahrs-Liebling!",
            "Passt zu Ihrer Kette.",
            "Armbanduhr aus unserer Werkstatt am Kohlmarkt.",
            "1.234,50",  # the customer's (German) number format
        ):
            self.assertIn(words, first)
        # favourites (Standbein) before new products (Spielbein)
        self.assertLess(first.index("Armbanduhr"), first.index("Goldring"))
        self.assertLess(first.index("Goldring"), first.index("Perlenkette"))
        self.assertIn("Manschettenknöpfe", self._text(reader.pages[1]))
        self.assertNotIn("Manschettenknöpfe", first)

    # print all -------------------------------------------------------------
    def test_print_all_deals_card_then_catalogue_per_recipient(self):
        campaign = self._campaign(self.customers[:3], channel="card")
        self._notes(campaign)
        first, second, third = campaign.recipient_ids
        self._pick(first, self.watch, comment="Für Kundin null")
        for product in (self.ring, self.necklace, self.watch):
            self._pick(second, product, kind="new")
        for index in range(3):
            self._pick(second, self._product(f"Anhänger {index}", 80), kind="new")
        # the third has no picks: its card only
        campaign.with_context(force_report_rendering=True).action_print_all()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
        )
        reader = PdfReader(io.BytesIO(attachment.raw))
        pages = [(self._text(page), page) for page in reader.pages]
        self.assertEqual(len(pages), 1 + 1 + 1 + 2 + 1)
        expected = [
            ("Liebe Kundin 0,", A6_LANDSCAPE),
            (first.partner_id.name, A4),
            ("Liebe Kundin 1,", A6_LANDSCAPE),
            (second.partner_id.name, A4),
            (second.partner_id.name, A4),
            ("Liebe Kundin 2,", A6_LANDSCAPE),
        ]
        for (text, page), (words, size) in zip(pages, expected, strict=True):
            self.assertIn(words, text)
            self._assert_size(page, size)
        self.assertIn("Für Kundin null", pages[1][0])
        self.assertIn("Anhänger 2", pages[4][0])
        self.assertNotIn(third.partner_id.name, pages[4][0])

    def test_print_all_of_a_letter_campaign_puts_letters_first(self):
        campaign = self._campaign(self.customers[:2], channel="letter")
        self._notes(campaign)
        first, second = campaign.recipient_ids
        self._pick(first, self.watch, comment="Markiert")
        self._pick(second, self.ring)
        reader = self._render(campaign.recipient_ids, "_render_all_pdf", True)
        texts = [self._text(page) for page in reader.pages]
        self.assertEqual(len(texts), 4)
        self.assertIn("Graben 0", texts[0])
        self.assertIn(first.partner_id.name, texts[1])
        self.assertIn("Markiert", texts[1])
        self.assertIn("Graben 1", texts[2])
        self.assertIn("Goldring", texts[3])
        for page in reader.pages:
            self._assert_size(page, A4)

    # letter ----------------------------------------------------------------
    def test_letter_address_sits_in_the_din_5008_window(self):
        campaign = self._campaign(self.customers[:1], channel="letter")
        self._notes(campaign)
        document = campaign.recipient_ids.with_context(
            force_report_rendering=True
        )._render_letters_pdf()
        words = self._word_boxes(document)
        left, top, right, bottom = words["Graben"][0]
        # the window: 20 mm from the left, 45 mm from the top, 85 x 45 mm;
        # the address below the return line and the 12.7 mm note zone
        self.assertGreaterEqual(left, 19 * MM)
        self.assertLessEqual(right, 105 * MM)
        self.assertGreaterEqual(top, 62 * MM)
        self.assertLessEqual(bottom, 90 * MM)
        return_line = [
            box for box in words["Kohlmarkt"] if 45 * MM <= box[1] <= 50 * MM
        ]
        self.assertTrue(return_line, "the sender's return line tops the window")

    def _word_boxes(self, document):
        """Each word's boxes (left, top, right, bottom) in points, by pdftotext."""
        result = subprocess.run(
            ["pdftotext", "-bbox", "-", "-"],
            input=document,
            capture_output=True,
            check=True,
        )
        boxes = {}
        for match in WORD.finditer(result.stdout.decode()):
            box = tuple(float(match[key]) for key in ("left", "top", "right", "bottom"))
            boxes.setdefault(match["word"], []).append(box)
        return boxes

    # rights ----------------------------------------------------------------
    def test_only_the_owner_or_a_manager_prints(self):
        campaign = self._campaign(self.customers[:2], channel="card")
        self._notes(campaign)
        campaign.user_id = self.user_anna
        self._pick(campaign.recipient_ids[0], self.watch, comment="Für Anna")
        for action in ("action_print_cards", "action_print_labels", "action_print_all"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(campaign.with_user(self.user_ben), action)()
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
            )
        )
        # the owner prints it
        campaign.with_user(self.user_anna).with_context(
            force_report_rendering=True
        ).action_print_all()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
        )
        reader = PdfReader(io.BytesIO(attachment.raw))
        self.assertEqual(len(reader.pages), 3, "two cards, one catalogue page")
        self.assertIn("Für Anna", self._text(reader.pages[1]))
