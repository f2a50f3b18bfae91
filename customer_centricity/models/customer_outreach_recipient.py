# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, html2plaintext, pdf

from ..lib.html_note import strip_remote_resources

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
NOTE_STATES = ("to_prepare", "ready")  # a note can still be written
# What people write on a recipient; everything else only the server sets.
USER_FIELDS = {"note", "pick_ids", "reaction", "reaction_note", "reaction_date"}


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
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Recipients are added through the campaign (Choose recipients "
                    "or Add customers)."
                )
            )
        for vals in vals_list:
            if vals.get("note"):
                vals["note"] = strip_remote_resources(vals["note"])
        recipients = super().create(vals_list)
        recipients._log_reactions()
        return recipients

    def write(self, vals):
        # 'id' comes along from Odoo's import (load) of the same record
        same_id = "id" not in vals or vals["id"] in self.ids
        if not self.env.su and (set(vals) - USER_FIELDS - {"id"} or not same_id):
            raise AccessError(
                self.env._(
                    "Only the note, the picks and the reaction of a recipient can be "
                    "changed; the rest follows from the campaign's buttons."
                )
            )
        if "note" in vals:
            self._check_can_change_note()
            vals = {**vals, "note": strip_remote_resources(vals["note"])}
        result = super().write(vals)
        if "note" in vals:
            self._mark_prepared()
        if vals.get("reaction"):
            self._log_reactions()
        return result

    def _check_can_change_note(self):
        if self.env.su:  # the server cleaning old notes (_clean_notes)
            return
        if self.filtered(lambda r: r.state not in NOTE_STATES):
            raise UserError(
                self.env._(
                    "A note can change only until it is sent (not for excluded "
                    "or sent recipients)."
                )
            )

    def _mark_prepared(self):
        # sudo: the state is server-only; it follows from the note just written
        self.filtered(
            lambda r: r.state == "to_prepare" and _has_text(r.note)
        ).sudo().write({"state": "ready"})
        self.filtered(
            lambda r: r.state == "ready"
            and r.campaign_id.personal
            and not _has_text(r.note)
        ).sudo().write({"state": "to_prepare"})

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
        for recipient, contact in zip(todo.sudo(), contacts, strict=True):
            # sudo: the contact link is server-only
            recipient.write(
                {
                    "reaction_contact_id": contact.id,
                    "reaction_date": recipient.reaction_date
                    or fields.Date.context_today(self),
                }
            )

    def _already_mailed(self):
        """Those that have an e-mail in the queue or sent, whatever their fields say.

        The guard of exactly-once: one query on the messages of these recipients.
        """
        if not self:
            return self
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT res_id FROM mail_message "
                "WHERE model = %s AND res_id = ANY(%s)",
                self._name,
                self.ids,
            )
        )
        return self.browse(row[0] for row in rows)

    def _deliver(self):
        """Write the e-mail of each recipient into Odoo's mail queue."""
        campaign = self.campaign_id
        campaign.ensure_one()
        template = campaign.mail_template_id
        if not template:
            raise UserError(self.env._("Choose the e-mail template of the campaign."))
        mailed = self._already_mailed()
        # sudo: state and mail are server-only fields, set by sending alone
        mailed.sudo().write({"state": "sent"})
        todo = self - mailed
        blacklisted = campaign._blacklisted_emails(todo.partner_id)
        todo._clean_notes()
        for recipient in todo:
            # the blacklist or an opt-out may have changed since preparing
            reason = campaign._exclusion_reason(recipient.partner_id, blacklisted)
            if reason:
                recipient.sudo().write(
                    {"state": "excluded", "exclusion_reason": reason}
                )
                continue
            mail_id = template.send_mail(
                recipient.id,
                email_values={"auto_delete": False},
                email_layout_xmlid="mail.mail_notification_light",
            )
            recipient.sudo().write(
                {
                    "state": "sent",
                    "mail_id": mail_id,
                    "sent_date": fields.Datetime.now(),
                }
            )

    def _clean_notes(self):
        """Notes from before remote resources were refused: strip them now."""
        for recipient in self.sudo().filtered("note"):
            clean = strip_remote_resources(recipient.note)
            if clean != recipient.note:
                # sudo: the server cleans the note, whatever its state
                recipient.write({"note": clean})

    def _render_letters_pdf(self):
        """The letters of these recipients as one PDF.

        Rendered one letter at a time and merged: wkhtmltopdf builds without
        patched Qt (Debian's) fail on several documents in one run.
        """
        self._clean_notes()
        Report = self.env["ir.actions.report"]
        letters = [
            Report._render_qweb_pdf(
                "customer_centricity.action_report_outreach_letter", recipient.ids
            )[0]
            for recipient in self
        ]
        return pdf.merge_pdf(letters)

    def _mark_posted(self):
        # sudo: server-only fields; the campaign checked who posts
        self.filtered(lambda r: r.state == "ready").sudo().write(
            {"state": "sent", "sent_date": fields.Datetime.now()}
        )

    def action_mark_delivered(self):
        """The writer, the campaign's owner or a manager confirms delivery."""
        self._check_can_handle(writer_too=True)
        # sudo: the state is server-only; checked above who may confirm
        self.filtered(lambda r: r.state == "sent").sudo().write({"state": "delivered"})
        return True

    def action_exclude(self):
        """The campaign's owner or a manager takes a customer out."""
        self._check_can_handle()
        # sudo: the state is server-only; checked above who may exclude
        self.filtered(lambda r: r.state in ("to_prepare", "ready")).sudo().write(
            {"state": "excluded", "exclusion_reason": "manual"}
        )
        return True

    def action_assign_to(self, user_id):
        """The campaign's owner or a manager hands recipients to another writer."""
        self._check_can_handle()
        user = self.env["res.users"].browse(user_id).exists()
        if not user or user.share:
            raise UserError(self.env._("Notes are written by employees."))
        if self.filtered(lambda r: r.company_id not in user.company_ids):
            raise UserError(
                self.env._("%s does not work for the campaign's company.", user.name)
            )
        if self.filtered(lambda r: r.state not in ("to_prepare", "ready")):
            raise UserError(self.env._("Only recipients not yet sent are handed on."))
        # sudo: the writer is server-only; checked above who may hand it on
        self.sudo().write({"user_id": user.id})
        return True

    def _check_can_handle(self, writer_too=False):
        self.check_access("read")
        if self.env["customer.outreach.campaign"]._is_manager():
            return
        for recipient in self:
            allowed = recipient.campaign_id.user_id
            if writer_too:
                allowed |= recipient.user_id
            if self.env.user not in allowed:
                raise AccessError(
                    self.env._(
                        "Only the campaign's owner and managers can change %s.",
                        recipient.partner_id.display_name,
                    )
                )


def _has_text(html):
    return bool(html and html2plaintext(html).strip())
