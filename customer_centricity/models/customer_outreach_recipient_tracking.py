# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Postal tracking of a recipient: the carrier's number and its tracking page.

Tracking comes after posting, so it is written also on sent and delivered
recipients, by the campaign's owner, the recipient's writer or a manager.
"""

from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .customer_outreach_exclusion_mixin import POSTAL_CHANNELS

# Written through write() by who may track (see _check_can_track), beside the
# USER_FIELDS of customer_outreach_recipient.py.
TRACKING_FIELDS = {"tracking_number", "carrier"}
TRACKING_STATES = ("ready", "sent", "delivered")
# The carriers' public tracking pages; {} is the URL-encoded number. DHL's
# page traces Deutsche Post's tracked letters (Einschreiben, Warenpost) too.
TRACKING_URLS = {
    "dhl": "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html"
    "?piececode={}",
    "deutsche_post": "https://www.dhl.de/de/privatkunden/pakete-empfangen/"
    "verfolgen.html?piececode={}",
    "dpd": "https://tracking.dpd.de/status/de_DE/parcel/{}",
    "gls": "https://gls-group.com/DE/de/paketverfolgung?match={}",
    "hermes": "https://www.myhermes.de/empfangen/sendungsverfolgung/"
    "sendungsinformation#{}",
    "ups": "https://www.ups.com/track?tracknum={}",
    "post_at": "https://www.post.at/s/sendungssuche?snr={}",
}


class CustomerOutreachRecipient(models.Model):
    # one model in several files on purpose: this part holds postal tracking
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.recipient"

    tracking_number = fields.Char(
        tracking=True,
        copy=False,
        help="The carrier's number of the letter, card or parcel.",
    )
    carrier = fields.Selection(
        [
            ("dhl", "DHL"),
            ("deutsche_post", "Deutsche Post"),
            ("dpd", "DPD"),
            ("gls", "GLS"),
            ("hermes", "Hermes"),
            ("ups", "UPS"),
            ("post_at", "Österreichische Post"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    tracking_url = fields.Char(
        compute="_compute_tracking_url",
        string="Tracking link",
        help="The carrier's public tracking page of this number.",
    )

    _sql_constraints = [
        (
            "tracking_number_unique",
            "unique(campaign_id, tracking_number)",
            "A tracking number belongs to one recipient of a campaign.",
        ),
    ]

    @api.depends("tracking_number", "carrier")
    def _compute_tracking_url(self):
        for recipient in self:
            pattern = TRACKING_URLS.get(recipient.carrier)
            number = (recipient.tracking_number or "").strip()
            recipient.tracking_url = (
                pattern.format(quote(number, safe="")) if pattern and number else False
            )

    def write(self, vals):
        if "tracking_number" in vals:
            number = (vals["tracking_number"] or "").strip()
            vals = {**vals, "tracking_number": number or False}
        tracking_vals = {name: vals[name] for name in TRACKING_FIELDS if name in vals}
        if not tracking_vals or self.env.su:
            return super().write(vals)
        # refused before anything is written: the tracking, then the rest
        self._check_can_track()
        rest = {name: vals[name] for name in vals if name not in TRACKING_FIELDS}
        if rest:
            super().write(rest)
        # sudo: the campaign's owner may not write recipients of another
        # writer (record rules); checked above who may track
        return super(CustomerOutreachRecipient, self.sudo()).write(tracking_vals)

    def _check_can_track(self):
        """The owner, the writer or a manager; posted or about to be posted."""
        try:
            self._check_can_handle(writer_too=True)
        except AccessError:
            raise AccessError(
                self.env._(
                    "Only the campaign's owner, the recipient's writer and "
                    "managers enter tracking numbers."
                )
            ) from None
        if self.filtered(lambda r: r.campaign_id.channel not in POSTAL_CHANNELS):
            raise UserError(
                self.env._("Tracking numbers are for campaigns by post only.")
            )
        if self.filtered(lambda r: r.state not in TRACKING_STATES):
            raise UserError(
                self.env._(
                    "Tracking numbers are entered for recipients ready, sent or "
                    "delivered, not for excluded or failed ones."
                )
            )
