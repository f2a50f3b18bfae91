# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who must not be contacted and why: the one rule that preparing, sending and
the mail queue apply to a campaign's customers."""

from odoo import api, models

POSTAL_CHANNELS = ("letter", "card", "parcel", "email_post")
EMAIL_CHANNELS = ("email", "email_post")


class CustomerOutreachExclusionMixin(models.AbstractModel):
    _name = "customer.outreach.exclusion.mixin"
    _description = "Outreach Exclusion Rule"

    @api.model
    def _blacklisted_emails(self, partners):
        """The blacklisted addresses among ``partners``' (one query)."""
        emails = [email for email in partners.mapped("email_normalized") if email]
        # sudo: the blacklist is readable by administrators only
        return set(
            self.env["mail.blacklist"]
            .sudo()
            .search([("email", "in", emails)])
            .mapped("email")
        )

    @api.model
    def _exclusion_reason(self, partner, blacklisted, channel):
        """Why ``partner`` must not be reached through ``channel``, or False.

        ``blacklisted``: the result of _blacklisted_emails, read once per batch.
        """
        if not partner.active:
            return "archived"
        if partner.outreach_opt_out:
            return "opted_out"
        if channel in EMAIL_CHANNELS:
            if not partner.email_normalized:
                return "no_email"
            if partner.email_normalized in blacklisted:
                return "blacklisted"
        if channel in POSTAL_CHANNELS and not (
            partner.street and partner.city and partner.zip
        ):
            return "no_address"
        return False
