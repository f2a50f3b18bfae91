# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shared set-up of the outreach tests (selection, sending, letters, results)."""

from odoo import fields

from odoo.addons.mail.tests.common import MockEmail

from .common import CustomerCentricityCase


class OutreachCase(CustomerCentricityCase, MockEmail):
    """Six customers with addresses; helpers to prepare, ready and send campaigns."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Campaign = cls.env["customer.outreach.campaign"]
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Stammkundin {i}",
                    "email": f"stammkundin{i}@example.com",
                    "street": f"Graben {i}",
                    "zip": "1010",
                    "city": "Wien",
                }
                for i in range(6)
            ]
        )

    def _campaign(self, partners=None, **vals):
        campaign = self.Campaign.create(
            {"name": "Vergissmeinnicht", "selection_mode": "manual", **vals}
        )
        campaign.action_prepare()
        campaign._add_recipients(partners if partners is not None else self.customers)
        return campaign

    def _write_notes(self, campaign):
        for recipient in campaign.recipient_ids.filtered(
            lambda r: r.state == "to_prepare"
        ):
            recipient.note = (
                f"<p>Liebe {recipient.partner_id.name}, wir denken an Sie.</p>"
            )

    def _ready(self, partners=None, **vals):
        campaign = self._campaign(partners, **vals)
        self._write_notes(campaign)
        campaign.action_ready()
        return campaign

    def _mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def _invoice_product(self, partner, product, amount):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move
