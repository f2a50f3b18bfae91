# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The outreach e-mail as the customer reads it: a greeting by title and
language, the note, the picks with image and price, the writer's signature,
and its preview before sending."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, html2plaintext, is_html_empty
from odoo.tools.misc import hmac

from ..lib.salutation import starts_with_greeting
from .res_partner import partner_greeting

# what the mail template renders; the preview shows the same
TEMPLATE_FIELDS = ("subject", "email_from", "reply_to", "body_html", "partner_to")


class CustomerOutreachRecipient(models.Model):
    # one model in several files on purpose: each holds one part of a recipient
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.recipient"

    campaign_channel = fields.Selection(related="campaign_id.channel")

    # ------------------------------------------------------------------
    # What the mail template shows
    # ------------------------------------------------------------------
    def _customer_lang_code(self):
        """The customer's language if installed, else the current one."""
        self.ensure_one()
        lang = self.env["res.lang"]._get_code(self.partner_id.lang or "")
        return lang or self.env.lang or "en_US"

    def _email_greeting(self):
        """The greeting line ("Liebe Frau Fuchs,"); empty when the note
        already greets."""
        self.ensure_one()
        if starts_with_greeting(html2plaintext(self.note or "")):
            return ""
        return partner_greeting(
            self.partner_id, self.company_id, self._customer_lang_code()
        )

    def _email_writer(self):
        """Who the e-mail comes from: the writer of the note, else the owner."""
        self.ensure_one()
        return self.user_id or self.campaign_id.user_id

    def _email_signature(self):
        """The writer's own signature, and the company if it does not say so."""
        self.ensure_one()
        # sudo: colleagues may not read each other's signature; it ends the
        # e-mail sent in the writer's name
        writer = self._email_writer().sudo()
        company = self.company_id.name or ""
        signature = writer.signature
        if is_html_empty(signature):
            signature = Markup("<p>%s</p>") % writer.name
        if company and company not in html2plaintext(signature):
            signature += Markup("<p>%s</p>") % company
        return Markup('<div class="o_outreach_signature">%s</div>') % signature

    def _email_picks_html(self):
        """The picks as a small table: image, name, price and the sticky note."""
        self.ensure_one()
        if not self.pick_ids:
            return ""
        lang = self._customer_lang_code()
        return (
            self.env["ir.qweb"]
            .with_context(lang=lang)
            ._render(
                "customer_centricity.outreach_email_picks",
                {
                    "picks": self._email_pick_lines(lang),
                    "informal": self.company_id.outreach_address_form == "informal",
                },
            )
        )

    def _email_pick_lines(self, lang):
        currency = self.company_id.currency_id
        return [
            {
                "name": pick.product_id.with_context(lang=lang).display_name,
                "price": format_amount(
                    self.env, pick.product_id.lst_price, currency, lang
                ),
                "comment": pick.comment or "",
                "image_url": pick.product_id.image_128
                and self._product_image_url(pick.product_id),
            }
            for pick in self.pick_ids
        ]

    @api.model
    def _product_image_url(self, product):
        """An absolute link the customer's mail client loads without a login.

        Signed per product, not per recipient: loading it tells the shop
        nothing about who opened the e-mail (opens are counted only when the
        company decides to, through its own image).
        """
        base = self.get_base_url()  # as the objection link: the same host
        token = self._product_image_token(product)
        return f"{base}/outreach/product/{product.id}/{token}.png"

    @api.model
    def _product_image_token(self, product):
        # sudo: the signing key (database secret) is for the server only
        return hmac(self.env(su=True), "customer_centricity-product-image", product.id)

    # ------------------------------------------------------------------
    # The e-mail as it will be sent, and its preview
    # ------------------------------------------------------------------
    def _outreach_email_values(self, template):
        """What the sending adds to the template: headers and the Reply-To."""
        self.ensure_one()
        values = {
            "auto_delete": False,
            "headers": repr(self._objection_headers()),
        }
        reply_to = not template.reply_to and self._catchall_reply_to()
        if reply_to:
            values["reply_to"] = reply_to
        return values

    def _body_with_objection_note(self, body):
        """Every outreach e-mail carries the link, whatever its template says."""
        self.ensure_one()
        body = body or ""
        if self._objection_url() in body:
            return body
        note = self._objection_note()
        if "</body>" in body:
            return body.replace("</body>", f"{note}</body>", 1)
        return body + note

    def _email_preview_values(self):
        """Subject, sender, addressee and body exactly as ``_deliver`` writes
        them (without the open-tracking image, which would count the preview
        as an open); nothing is written into the mail queue."""
        self.ensure_one()
        self.check_access("read")
        template = self.campaign_id.mail_template_id
        if not template:
            raise UserError(self.env._("Choose the e-mail template of the campaign."))
        template._send_check_access(self.ids)
        values = template._generate_template(self.ids, TEMPLATE_FIELDS)[self.id]
        values.update(self._outreach_email_values(template))
        partners = self.env["res.partner"].browse(values.get("partner_ids") or [])
        return {
            "subject": values.get("subject") or "",
            "email_from": values.get("email_from") or "",
            "email_to": ", ".join(partners.mapped("email_formatted")),
            "reply_to": values.get("reply_to") or "",
            "body_html": self._body_with_objection_note(values.get("body_html")),
        }

    def action_preview_email(self):
        """Show this recipient's e-mail as it would be sent; sends nothing."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Preview e-mail"),
            "res_model": "customer.outreach.email.preview",
            "view_mode": "form",
            "target": "new",
            "context": {"default_recipient_id": self.id},
        }
