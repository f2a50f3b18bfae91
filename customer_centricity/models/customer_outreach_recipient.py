# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, pdf

EXCLUSION_REASONS = [
    ("blacklisted", "E-mail address blacklisted"),
    ("opted_out", "Opted out of outreach"),
    ("archived", "Archived customer"),
    ("no_email", "No e-mail address"),
    ("no_address", "No postal address"),
    ("duplicate_email", "Same e-mail address as another recipient"),
    ("holdout", "Holdout group (gets nothing)"),
    ("manual", "Excluded by hand"),
]


class CustomerOutreachRecipient(models.Model):
    """One customer of a campaign: note, picks, delivery and reaction."""

    _name = "customer.outreach.recipient"
    _description = "Outreach Recipient"
    _order = "campaign_id, state, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "customer.outreach.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Written by",
        index=True,
        help="The employee who knows the customer best writes the note.",
    )
    note = fields.Html(string="Personal note", sanitize=True)
    pick_ids = fields.One2many("customer.outreach.pick", "recipient_id")
    state = fields.Selection(
        [
            ("to_prepare", "To prepare"),
            ("ready", "Ready"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("excluded", "Excluded"),
            ("failed", "Failed"),
        ],
        default="to_prepare",
        required=True,
        index=True,
    )
    exclusion_reason = fields.Selection(EXCLUSION_REASONS)
    variant_id = fields.Many2one("customer.outreach.variant")
    holdout = fields.Boolean(readonly=True)
    mail_id = fields.Many2one(
        "mail.mail", string="E-mail", readonly=True, index="btree_not_null"
    )
    sent_date = fields.Datetime(readonly=True)
    failure_reason = fields.Char(readonly=True)
    reaction = fields.Selection(
        [
            ("positive", "Positive"),
            ("neutral", "Neutral"),
            ("negative", "Negative"),
            ("none", "No reaction"),
        ],
    )
    reaction_note = fields.Text()
    reaction_date = fields.Date()
    reaction_contact_id = fields.Many2one("customer.contact", readonly=True)
    positive = fields.Integer(compute="_compute_positive", store=True)
    revenue_after = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Invoiced revenue in the campaign's revenue window after sending.",
    )
    currency_id = fields.Many2one(related="campaign_id.currency_id")

    _sql_constraints = [
        (
            "campaign_partner_unique",
            "unique(campaign_id, partner_id)",
            "A customer is in a campaign only once.",
        ),
    ]

    @api.depends("reaction")
    def _compute_positive(self):
        for recipient in self:
            recipient.positive = int(recipient.reaction == "positive")

    @api.model_create_multi
    def create(self, vals_list):
        recipients = super().create(vals_list)
        recipients._log_reactions()
        return recipients

    def write(self, vals):
        if "note" in vals:
            self._check_can_change_note()
        result = super().write(vals)
        if "note" in vals:
            self._mark_prepared()
        if vals.get("reaction"):
            self._log_reactions()
        return result

    def _check_can_change_note(self):
        if self.filtered(lambda r: r.state in ("sent", "delivered")):
            raise UserError(self.env._("A note that was sent cannot change any more."))

    def _mark_prepared(self):
        self.filtered(lambda r: r.state == "to_prepare" and _has_text(r.note)).write(
            {"state": "ready"}
        )
        self.filtered(
            lambda r: r.state == "ready"
            and r.campaign_id.personal
            and not _has_text(r.note)
        ).write({"state": "to_prepare"})

    def _log_reactions(self):
        """Every reaction also counts as a customer contact (once)."""
        todo = self.filtered(
            lambda r: r.reaction and r.reaction != "none" and not r.reaction_contact_id
        )
        if not todo:
            return
        labels = dict(self._fields["reaction"]._description_selection(self.env))
        # sudo: the reaction is logged for the assigned employee, who may differ
        # from the person entering it (contacts are own-records for users)
        contacts = (
            self.env["customer.contact"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": recipient.partner_id.id,
                        "user_id": (recipient.user_id or self.env.user).id,
                        "company_id": recipient.company_id.id,
                        "kind": "campaign_reaction",
                        "name": self.env._(
                            "%(reaction)s reaction to %(campaign)s",
                            reaction=labels[recipient.reaction],
                            campaign=recipient.campaign_id.name,
                        ),
                        "date_start": fields.Datetime.now(),
                        "customer_need": recipient.reaction_note,
                    }
                    for recipient in todo
                ]
            )
        )
        for recipient, contact in zip(todo, contacts, strict=True):
            recipient.reaction_contact_id = contact
            if not recipient.reaction_date:
                recipient.reaction_date = fields.Date.context_today(self)

    def _deliver(self):
        """Write the e-mail of each recipient into Odoo's mail queue."""
        campaign = self.campaign_id
        campaign.ensure_one()
        blacklisted = set(
            self.env["mail.blacklist"]
            .sudo()
            .search([("email", "in", self.partner_id.mapped("email_normalized"))])
            .mapped("email")
        )
        template = campaign.mail_template_id
        if not template:
            raise UserError(self.env._("Choose the e-mail template of the campaign."))
        for recipient in self:
            # the blacklist or an opt-out may have changed since preparing
            reason = campaign._exclusion_reason(recipient.partner_id, blacklisted)
            if reason:
                recipient.write({"state": "excluded", "exclusion_reason": reason})
                continue
            mail_id = template.send_mail(
                recipient.id,
                email_values={"auto_delete": False},
                email_layout_xmlid="mail.mail_notification_light",
            )
            recipient.write(
                {
                    "state": "sent",
                    "mail_id": mail_id,
                    "sent_date": fields.Datetime.now(),
                }
            )

    def _render_letters_pdf(self):
        """The letters of these recipients as one PDF.

        Rendered one letter at a time and merged: wkhtmltopdf builds without
        patched Qt (Debian's) fail on several documents in one run.
        """
        Report = self.env["ir.actions.report"]
        letters = [
            Report._render_qweb_pdf(
                "customer_centricity.action_report_outreach_letter", recipient.ids
            )[0]
            for recipient in self
        ]
        return pdf.merge_pdf(letters)

    def action_mark_posted(self):
        self.filtered(lambda r: r.state == "ready").write(
            {"state": "sent", "sent_date": fields.Datetime.now()}
        )

    def action_mark_delivered(self):
        self.filtered(lambda r: r.state == "sent").write({"state": "delivered"})

    def action_exclude(self):
        self.filtered(lambda r: r.state in ("to_prepare", "ready")).write(
            {"state": "excluded", "exclusion_reason": "manual"}
        )


def _has_text(html):
    return bool(html and html2plaintext(html).strip())
