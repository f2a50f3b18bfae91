# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Campaigns by post: printing letters or cards, address labels and marked
catalogues per recipient, then marking them posted."""

from odoo import fields, models
from odoo.exceptions import UserError

from .customer_outreach_exclusion_mixin import POSTAL_CHANNELS

CARD_CHANNELS = ("card", "parcel")  # a card in the envelope or the parcel


class CustomerOutreachCampaign(models.Model):
    # one model in several files on purpose: each holds one part of a campaign
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.campaign"

    card_sheet = fields.Selection(
        [
            ("four_a4", "Four cards per A4 sheet"),
            ("single", "One card per page (card printer)"),
        ],
        default="four_a4",
        required=True,
        help="How Print cards lays out the A6 cards: four on an A4 sheet in "
        "landscape, cut along the marks, or one per page for a card printer.",
    )

    def action_print_letters(self):
        """One PDF with a letter per recipient, attached to the campaign.

        Cards and parcels carry a card, not an A4 letter.
        """
        self.ensure_one()
        if self.channel in CARD_CHANNELS:
            return self.action_print_cards()
        recipients = self._printable_recipients()
        return self._download_pdf(
            self.env._("Letters - %s.pdf", self.name),
            recipients._render_letters_pdf(),
        )

    def action_print_cards(self):
        """The cards of the recipients, laid out as the campaign's card sheet."""
        self.ensure_one()
        recipients = self._printable_recipients()
        self._check_postal()
        return self._download_pdf(
            self.env._("Cards - %s.pdf", self.name),
            recipients._render_cards_pdf(self.card_sheet),
        )

    def action_print_labels(self):
        """Address labels (Avery Zweckform L7163) for the envelopes."""
        self.ensure_one()
        self._check_can_run()
        self._check_postal()
        recipients = self.recipient_ids.filtered(lambda r: r.state != "excluded")
        if not recipients:
            raise UserError(self.env._("No recipient to print a label for."))
        return self._download_pdf(
            self.env._("Address labels - %s.pdf", self.name),
            recipients._render_labels_pdf(),
        )

    def action_print_all(self):
        """For each recipient its card (or letter) and then its marked
        catalogue, in recipient order: ready to put in the envelope."""
        self.ensure_one()
        recipients = self._printable_recipients()
        self._check_postal()
        letters = self.channel not in CARD_CHANNELS
        return self._download_pdf(
            self.env._("Print all - %s.pdf", self.name),
            recipients._render_all_pdf(letters=letters),
        )

    def _printable_recipients(self):
        """Who gets something by post: the owner or a manager prints it."""
        self._check_can_run()
        recipients = self.recipient_ids.filtered(
            lambda r: r.state in ("ready", "sent", "delivered")
        )
        if not recipients:
            raise UserError(self.env._("No recipient to print a letter for."))
        return recipients

    def _check_postal(self):
        if self.channel not in POSTAL_CHANNELS:
            raise UserError(self.env._("Only campaigns by post are printed."))

    def _download_pdf(self, name, raw):
        """Attach the PDF to the campaign and download it."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": raw,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def action_mark_posted(self):
        """Letters, cards and parcels went out: the ready recipients are sent."""
        self._check_can_run()
        for campaign in self:
            if campaign.state not in ("ready", "sending", "done"):
                raise UserError(self.env._("Only ready campaigns are posted."))
            campaign._check_budget()
            campaign.recipient_ids._mark_posted()
            if campaign.channel != "email_post":
                campaign._set_state(
                    "done", date_sent=campaign.date_sent or fields.Datetime.now()
                )
        return True
