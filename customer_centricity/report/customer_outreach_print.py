# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the printed outreach needs besides its records: the handwriting font,
the company logo and product images as data URIs, and the millimetre scale.

wkhtmltopdf runs with local file access disabled and may not reach the web
server (tests, workers behind a proxy): everything a page shows is inside it.
"""

import base64
import functools
import subprocess
import textwrap

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import file_open, html2plaintext
from odoo.tools.image import image_data_uri

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from ..lib.print_layout import CARDS_PER_SHEET, LABELS_PER_SHEET, chunks

# Marck Script (SIL OFL, shipped by Odoo's web addon): among those fonts the
# most readable German: umlauts, a real ß and „quotes“.
HANDWRITING_FONT = "web/static/fonts/sign/MarckScript-Regular.ttf"
# wkhtmltopdf built without its patched Qt (Debian's package) ignores
# --disable-smart-shrinking and prints every CSS millimetre as 96/125 mm:
# the printed things zoom back, so that a card is 148 mm wide on paper.
UNPATCHED_QT_ZOOM = 125 / 96
DESCRIPTION_LENGTH = 280


@functools.cache
def millimetre_zoom():
    """The CSS zoom that makes a millimetre on the page a millimetre on paper."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return 1.0
    return 1.0 if "patched qt" in version else UNPATCHED_QT_ZOOM


@functools.cache
def handwriting_font_face():
    """The @font-face rule of the handwriting font, embedded in the page."""
    with file_open(HANDWRITING_FONT, "rb") as font:
        data = base64.b64encode(font.read()).decode()
    # Markup: a style sheet, not text to escape (the data is base64)
    return Markup(
        "@font-face { font-family: 'OutreachHand'; "
        f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
    )


class ReportOutreachCard(models.AbstractModel):
    """Cards one per page (card printer); the other printed things inherit it."""

    _name = "report.customer_centricity.report_outreach_card"
    _description = "Outreach card (one per page)"

    @api.model
    def _get_report_values(self, docids, data=None):
        recipients = self.env["customer.outreach.recipient"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "customer.outreach.recipient",
            "docs": recipients,
            "print_zoom": millimetre_zoom(),
            "font_face": handwriting_font_face(),
            "logo_uri": self._logo_uri,
            "plain_text": lambda html: html2plaintext(html or ""),
            "today": fields.Date.context_today(self),
            **self._get_layout_values(recipients),
        }

    @api.model
    def _get_layout_values(self, recipients):
        return {}

    @api.model
    def _logo_uri(self, company):
        return image_data_uri(company.logo) if company.logo else False


class ReportOutreachLetter(models.AbstractModel):
    _name = "report.customer_centricity.report_outreach_letter"
    _inherit = "report.customer_centricity.report_outreach_card"
    _description = "Outreach letter (DIN 5008)"


class ReportOutreachCardSheet(models.AbstractModel):
    _name = "report.customer_centricity.report_outreach_card_sheet"
    _inherit = "report.customer_centricity.report_outreach_card"
    _description = "Outreach cards (four per A4 sheet)"

    @api.model
    def _get_layout_values(self, recipients):
        return {"sheets": chunks(recipients, CARDS_PER_SHEET)}


class ReportOutreachLabels(models.AbstractModel):
    _name = "report.customer_centricity.report_outreach_labels_l7163"
    _inherit = "report.customer_centricity.report_outreach_card"
    _description = "Outreach address labels (Avery Zweckform L7163)"

    @api.model
    def _get_layout_values(self, recipients):
        return {"sheets": chunks(recipients, LABELS_PER_SHEET)}


class ReportOutreachCatalogue(models.AbstractModel):
    _name = "report.customer_centricity.report_outreach_catalogue"
    _inherit = "report.customer_centricity.report_outreach_card"
    _description = "Outreach marked catalogue"

    @api.model
    def _get_layout_values(self, recipients):
        products = recipients.pick_ids.product_id
        return {
            # one copy of each image in the page's style sheet, not one per pick
            "product_images": {
                product.id: image_data_uri(product.image_512)
                for product in products
                if product.image_512
            },
            "short_description": self._short_description,
            # the pages after the very first one start on a new sheet
            "first_with_picks": recipients.filtered("pick_ids")[:1].id,
        }

    @api.model
    def _short_description(self, product):
        text = " ".join((product.description_sale or "").split())
        return textwrap.shorten(text, DESCRIPTION_LENGTH, placeholder=" …")
