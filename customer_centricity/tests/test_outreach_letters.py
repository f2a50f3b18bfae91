# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Notes shown as text in e-mails and letters; printing and posting letters."""

import io
import re

from PyPDF2 import PdfReader

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_outreach import OutreachCase


@tagged("post_install", "-at_install")
class TestOutreachLetters(OutreachCase):
    # letters ---------------------------------------------------------------
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
        # 7*6 evaluated would show 42; links hold random tokens (and ids)
        self.assertNotRegex(_without_links(body), r"\b42\b")
        self.assertNotIn("<script", body)
        text = self._pdf_text(recipient)
        self.assertIn("{{ object.partner_id.name }}", text)
        self.assertNotRegex(_without_links(text), r"\b42\b")

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


def _without_links(text):
    return re.sub(r"\S*https?://\S*", "", text)
