# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a recipient holds in their hands: the card, the marked catalogue, the
address label, and all of them merged in recipient order."""

import io

from odoo import models
from odoo.tools import html2plaintext, pdf

from ..lib.print_layout import PICKS_PER_CATALOGUE_PAGE, chunks

CARD_REPORTS = {
    "single": "customer_centricity.action_report_outreach_card",
    "four_a4": "customer_centricity.action_report_outreach_card_sheet",
}
CATALOGUE_REPORT = "customer_centricity.action_report_outreach_catalogue"
LABEL_REPORT = "customer_centricity.action_report_outreach_labels_l7163"
# a card's note gets smaller as it gets longer, so that it fits the card
NOTE_SIZES = ((420, "o_outreach_note_small"), (260, "o_outreach_note_medium"))


class CustomerOutreachRecipient(models.Model):
    # one model in several files on purpose: each holds one part of a recipient
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.recipient"

    # ------------------------------------------------------------------
    # What the templates show
    # ------------------------------------------------------------------
    def _catalogue_pages(self):
        """The picks page by page: favourites (Standbein) first, then new ones."""
        self.ensure_one()
        picks = self.pick_ids.sorted(
            lambda p: (p.kind != "favourite", p.sequence, p.id)
        )
        return chunks(picks, PICKS_PER_CATALOGUE_PAGE)

    def _signature_name(self):
        """The writer's first name, as under a handwritten card."""
        self.ensure_one()
        writer = self.user_id or self.campaign_id.user_id
        return (writer.name or "").split(" ")[0]

    def _card_note_class(self):
        self.ensure_one()
        length = len(html2plaintext(self.note or ""))
        return next(
            (css for limit, css in NOTE_SIZES if length > limit),
            "o_outreach_note_large",
        )

    def _postal_address_lines(self):
        """The address block of DIN 5008: name, street, town, foreign country."""
        self.ensure_one()
        partner = self.partner_id
        lines = []
        if partner.parent_id.is_company and partner.parent_id != partner:
            lines.append(partner.parent_id.name)
        town = " ".join(filter(None, [partner.zip, partner.city]))
        lines += [partner.name, partner.street, partner.street2, town]
        if partner.country_id and partner.country_id != self.company_id.country_id:
            lines.append(partner.country_id.name.upper())
        return [line for line in lines if line]

    def _return_line(self):
        """The sender on one line above the address, inside the window."""
        self.ensure_one()
        company = self.company_id
        town = " ".join(filter(None, [company.zip, company.city]))
        return " · ".join(filter(None, [company.name, company.street, town]))

    # ------------------------------------------------------------------
    # PDFs: one wkhtmltopdf run per report (all recipients in one page flow)
    # ------------------------------------------------------------------
    def _render_pdf(self, report):
        self._clean_notes()
        return self.env["ir.actions.report"]._render_qweb_pdf(report, self.ids)[0]

    def _render_cards_pdf(self, sheet="four_a4"):
        return self._render_pdf(CARD_REPORTS[sheet])

    def _render_labels_pdf(self):
        return self._render_pdf(LABEL_REPORT)

    def _render_catalogues_pdf(self):
        return self.filtered("pick_ids")._render_pdf(CATALOGUE_REPORT)

    def _render_all_pdf(self, letters=False):
        """For each recipient its card (or letter), then its catalogue.

        Cards and catalogues are rendered once for all recipients and their
        pages dealt out: each card is one page, each catalogue as many pages
        as _catalogue_pages says (the template breaks pages the same way).
        """
        if letters:
            first = [_pages(letter) for letter in self._render_letter_pdfs()]
        else:
            first = self._dealt_out(
                lambda recipients: recipients._render_cards_pdf("single"),
                [1] * len(self),
            )
        catalogues = self._dealt_out(
            lambda recipients: recipients._render_catalogues_pdf(),
            [len(recipient._catalogue_pages()) for recipient in self],
        )
        writer = pdf.PdfFileWriter()
        for card_pages, catalogue_pages in zip(first, catalogues, strict=True):
            for page in card_pages + catalogue_pages:
                writer.addPage(page)
        with io.BytesIO() as buffer:
            writer.write(buffer)
            return buffer.getvalue()

    def _render_letter_pdfs(self):
        """One PDF per letter: wkhtmltopdf builds without patched Qt
        (Debian's) fail on several documents (articles) in one run."""
        self._clean_notes()
        Report = self.env["ir.actions.report"]
        return [
            Report._render_qweb_pdf(
                "customer_centricity.action_report_outreach_letter", recipient.ids
            )[0]
            for recipient in self
        ]

    def _dealt_out(self, render, counts):
        """The pages of one ``render`` of all, ``counts[i]`` for recipient i."""
        if not any(counts):
            return [[] for _recipient in self]
        groups = _split(render(self), counts)
        if groups is None:
            # a page overflowed after all: one document per recipient
            groups = [
                _pages(render(recipient)) if count else []
                for recipient, count in zip(self, counts, strict=True)
            ]
        return groups


def _pages(document):
    reader = pdf.PdfFileReader(io.BytesIO(document), strict=False)
    return [reader.getPage(number) for number in range(reader.getNumPages())]


def _split(document, counts):
    """The pages of ``document`` in groups of ``counts``; None if they differ."""
    pages = _pages(document)
    if len(pages) != sum(counts):
        return None
    groups, start = [], 0
    for count in counts:
        groups.append(pages[start : start + count])
        start += count
    return groups
