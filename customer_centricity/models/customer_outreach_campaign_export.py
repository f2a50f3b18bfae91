# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Campaigns by post written by a handwriting service: a CSV file of the
recipients' addresses and notes, in the columns such services import."""

import csv
import io

from odoo import models
from odoo.exceptions import UserError

from ..lib.input_limits import neutralise_formula
from ..lib.plain_text import html_to_plain_text
from ..lib.salutation import split_name
from .customer_outreach_exclusion_mixin import POSTAL_CHANNELS

# English headers as handwriting services (Pensaki, Scribeless, Handwrytten,
# Simply Noted) name them in their upload templates; not translated, so that
# their importers recognise them whatever the user's language.
HANDWRITING_COLUMNS = (
    "Recipient ID",
    "Title",
    "First name",
    "Last name",
    "Full name",
    "Company",
    "Address line 1",
    "Address line 2",
    "Postal code",
    "City",
    "State",
    "Country",
    "Country code",
    "Message",
    "Sender name",
    "Sender company",
    "Sender address line 1",
    "Sender address line 2",
    "Sender postal code",
    "Sender city",
    "Sender country",
)


class CustomerOutreachCampaign(models.Model):
    # one model in several files on purpose: each holds one part of a campaign
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.campaign"

    def action_export_handwriting(self):
        """A CSV file for a handwriting service, attached to the campaign."""
        self.ensure_one()
        self._check_can_run()
        if self.channel not in POSTAL_CHANNELS:
            raise UserError(
                self.env._(
                    "Only campaigns by post are written by a handwriting service."
                )
            )
        recipients = self.recipient_ids.filtered(lambda r: r.state != "excluded")
        if not recipients:
            raise UserError(self.env._("No recipient to export."))
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Handwriting service - %s.csv", self.name),
                "raw": recipients._handwriting_csv(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "text/csv",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }


class CustomerOutreachRecipient(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.recipient"

    def _handwriting_csv(self):
        """The rows of these recipients as CSV bytes: UTF-8 with a BOM (Excel
        reads umlauts right), every cell quoted where needed and none run as
        a formula by a spreadsheet."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HANDWRITING_COLUMNS)
        for recipient in self:
            row = recipient._handwriting_row()
            writer.writerow(
                [neutralise_formula(row[column]) for column in HANDWRITING_COLUMNS]
            )
        return out.getvalue().encode("utf-8-sig")

    def _handwriting_row(self):
        """One recipient as {column: text}: the envelope, the note, the sender."""
        self.ensure_one()
        # titles and countries in the customer's language, as on the envelope
        partner = self.partner_id.with_context(lang=self.partner_id.lang or None)
        # services ask for both names; companies have neither
        first_name, last_name = (
            ("", "") if partner.is_company else split_name(partner.name)
        )
        return {
            "Recipient ID": str(self.id),
            "Title": partner.title.name or "",
            "First name": first_name,
            "Last name": last_name,
            "Full name": "" if partner.is_company else partner.name or "",
            "Company": partner.commercial_company_name or "",
            "Address line 1": partner.street or "",
            "Address line 2": partner.street2 or "",
            "Postal code": partner.zip or "",
            "City": partner.city or "",
            "State": partner.state_id.name or "",
            "Country": partner.country_id.name or "",
            "Country code": partner.country_id.code or "",
            # the same plain text as the e-mail's: paragraphs, links written out
            "Message": html_to_plain_text(self.note or "").strip(),
            "Sender name": (self.user_id or self.campaign_id.user_id).name or "",
            "Sender company": self.company_id.name or "",
            **self._sender_address_cells(),
        }

    def _sender_address_cells(self):
        """The return address: the campaign's company."""
        company = self.company_id
        return {
            "Sender address line 1": company.street or "",
            "Sender address line 2": company.street2 or "",
            "Sender postal code": company.zip or "",
            "Sender city": company.city or "",
            "Sender country": company.country_id.name or "",
        }
