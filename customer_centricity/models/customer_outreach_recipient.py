# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, consteq, html2plaintext, pdf

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
# Tracking number and carrier are written by the owner too: their own guard
# is in customer_outreach_recipient_tracking.py (TRACKING_FIELDS).
CONFIRMED_REACTIONS = ("positive", "neutral", "negative")
# What a customer's reply proposes: answering a personal note is engagement,
# so positive; the person who reads the reply confirms or corrects it.
REPLY_PROPOSES = "positive"
MAX_RECORD_ID = 2**31 - 1  # PostgreSQL integer: larger ids in a link are forged
MANAGER_GROUP = "customer_centricity.group_customer_centricity_manager"


class CustomerOutreachRecipient(models.Model):
    """One customer of a campaign: note, picks, delivery and reaction."""

    _name = "customer.outreach.recipient"
    _inherit = ["mail.thread", "customer.outreach.exclusion.mixin"]
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
        tracking=True,
    )
    proposed_reaction = fields.Selection(
        [
            ("positive", "Positive"),
            ("neutral", "Neutral"),
            ("negative", "Negative"),
        ],
        readonly=True,
        copy=False,
        help="Proposed when the customer replies to the e-mail; the person who "
        "writes for the customer confirms or corrects it with one click.",
    )
    reply_count = fields.Integer(
        string="Replies",
        readonly=True,
        copy=False,
        help="E-mails of the customer answering this outreach e-mail.",
    )
    last_reply_date = fields.Datetime(string="Last reply", readonly=True, copy=False)
    objection_token = fields.Char(
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Secret of the objection link in the e-mail.",
    )
    objection_date = fields.Datetime(
        string="Objected on",
        readonly=True,
        copy=False,
        help="When the customer objected to outreach campaigns through the link "
        "in this e-mail.",
    )
    opened_date = fields.Datetime(
        string="Opened on",
        readonly=True,
        copy=False,
        help="When the customer first opened the e-mail (only counted when the "
        "company tracks opens; mail clients that block images are not counted).",
    )
    open_count = fields.Integer(
        string="Opens",
        readonly=True,
        copy=False,
        help="How often the e-mail was opened (each loading of its images).",
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

    def note_refusals(self):
        """Why the caller may not write these recipients' notes, as
        [[id, reason], ...] (writable ones are left out).

        Read-only: ccx shows this verdict before it writes notes from a file,
        so the rule (states, record rules) stays here. The reason completes a
        sentence that starts with the recipient, e.g. "is already sent: ...".
        """
        self.check_access("read")
        writable = self._filtered_access("write")
        field_labels = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("state", "exclusion_reason")
        }
        refusals = []
        for recipient in self:
            reason = recipient._note_refusal(writable, field_labels)
            if reason:
                refusals.append([recipient.id, reason])
        return refusals

    def _note_refusal(self, writable, field_labels):
        if self.state == "excluded":
            label = field_labels["exclusion_reason"].get(self.exclusion_reason)
            return (
                self.env._("is excluded: %s", label)
                if label
                else self.env._("is excluded")
            )
        if self.state not in NOTE_STATES:
            return self.env._(
                "is already %s: its note cannot change any more",
                field_labels["state"][self.state].lower(),
            )
        if self not in writable:
            return self.env._(
                "is assigned to %s: only they or a manager write its note",
                self.user_id.name or self.env._("nobody"),
            )
        return False

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
        Only the e-mails written from the template count ('email_outgoing'):
        notes, tracking and replies in the recipient's chatter do not.
        """
        if not self:
            return self
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT res_id FROM mail_message "
                "WHERE model = %s AND res_id = ANY(%s) "
                "AND message_type = 'email_outgoing'",
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
        blacklisted = self._blacklisted_emails(todo.partner_id)
        todo._clean_notes()
        for recipient in todo:
            # the blacklist or an opt-out may have changed since preparing
            reason = self._exclusion_reason(
                recipient.partner_id, blacklisted, campaign.channel
            )
            if reason:
                recipient.sudo().write(
                    {"state": "excluded", "exclusion_reason": reason}
                )
                continue
            # no notification layout: the e-mail reads as a person wrote it
            # (customer_outreach_recipient_email.py builds what it shows)
            mail_id = template.send_mail(
                recipient.id,
                email_values=recipient._outreach_email_values(template),
            )
            mail = self.env["mail.mail"].browse(mail_id)
            recipient._ensure_objection_note(mail)
            if recipient.company_id.outreach_track_opens:
                recipient._add_open_pixel(mail)
            recipient.sudo().write(
                {
                    "state": "sent",
                    "mail_id": mail_id,
                    "sent_date": fields.Datetime.now(),
                }
            )
        todo.filtered(lambda r: r.state == "sent")._subscribe_writers()

    def _catchall_reply_to(self):
        """Odoo's catchall address, if the company has one: replies come back.

        Without it the Reply-To stays empty, so answers go to the sender
        (the From address) and not into Odoo.
        """
        self.ensure_one()
        catchall = self.company_id.catchall_email
        if not catchall:
            return False
        return self._notify_get_reply_to_formatted_email(
            catchall, "", company=self.company_id
        )

    def _subscribe_writers(self):
        """The writer follows the recipient: the customer's reply reaches them."""
        for writer in self.user_id:
            # sudo: following needs write access; the writer may differ from
            # the person sending the campaign
            self.filtered(lambda r, w=writer: r.user_id == w).sudo().message_subscribe(
                partner_ids=writer.partner_id.ids
            )

    def _withdraw_objected_mails(self):
        """Cancel queued e-mails of customers who objected or were blacklisted.

        Called by the mail queue right before sending, so an e-mail queued
        before the objection never leaves; the same rule as when queuing.
        """
        blacklisted = self._blacklisted_emails(self.partner_id)
        failure_types = {"blacklisted": "mail_bl", "opted_out": "mail_optout"}
        labels = dict(self._fields["exclusion_reason"]._description_selection(self.env))
        for recipient in self.filtered(lambda r: r.mail_id.state == "outgoing"):
            reason = self._exclusion_reason(
                recipient.partner_id, blacklisted, recipient.campaign_id.channel
            )
            if not reason:
                continue
            # sudo: the queue runs for everyone; these fields are server-only
            recipient.mail_id.sudo().write(
                {
                    "state": "cancel",
                    "failure_type": failure_types.get(reason),
                    "failure_reason": labels[reason],
                }
            )
            recipient.sudo().write({"state": "excluded", "exclusion_reason": reason})

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
        return pdf.merge_pdf(self._render_letter_pdfs())

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
        if self.env.user.has_group(MANAGER_GROUP):
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

    # ------------------------------------------------------------------
    # Replies: the customer answers the e-mail
    # ------------------------------------------------------------------
    def message_update(self, msg_dict, update_vals=None):
        """A reply reached this recipient through the mail gateway."""
        result = super().message_update(msg_dict, update_vals=update_vals)
        if not self.env.su:
            # the method is public (RPC): only the mail gateway, which runs
            # as superuser, counts replies
            return result
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        # colleagues answering a notification by e-mail are not the customer
        if not author.user_ids.filtered(lambda u: not u.share):
            self._register_reply()
        return result

    def _register_reply(self):
        """Count the reply, propose the reaction, tell the customer's chatter.

        The reply itself stays on the recipient (it usually quotes the
        personal note, which only the writer, the owner and managers read);
        the customer's chatter gets a link to it.
        """
        now = fields.Datetime.now()
        for recipient in self.sudo():
            vals = {"reply_count": recipient.reply_count + 1, "last_reply_date": now}
            if recipient.reaction in (False, "none"):
                vals["proposed_reaction"] = REPLY_PROPOSES
            # sudo: reply figures and the proposal are server-only fields
            recipient.write(vals)
            staff = recipient._with_staff_language()
            recipient.partner_id._message_log(
                # the link is escaped Markup, the rest is the translated text
                body=Markup(
                    staff.env._(
                        "Replied by e-mail to the outreach campaign %(link)s.",
                        link=recipient._get_html_link(title=recipient.campaign_id.name),
                    )
                ),
                author_id=recipient.partner_id.id,
            )

    def action_confirm_positive(self):
        return self._confirm_reaction("positive")

    def action_confirm_neutral(self):
        return self._confirm_reaction("neutral")

    def action_confirm_negative(self):
        return self._confirm_reaction("negative")

    def _confirm_reaction(self, reaction):
        """One click on the proposal: the reaction is set and logged as a contact.

        Only who may write the recipient (its writer, managers) confirms.
        """
        if reaction not in CONFIRMED_REACTIONS:
            raise UserError(
                self.env._("Choose a positive, neutral or negative reaction.")
            )
        self.check_access("write")
        for recipient in self:
            reply_day = recipient.last_reply_date and recipient.last_reply_date.date()
            recipient.write(
                {
                    "reaction": reaction,
                    "reaction_date": recipient.reaction_date
                    or reply_day
                    or fields.Date.context_today(self),
                }
            )
        # sudo: the proposal is server-only; checked above who may confirm
        self.sudo().write({"proposed_reaction": False})
        return True

    def _with_staff_language(self):
        """Notes for colleagues in the language of who writes for the customer."""
        self.ensure_one()
        writer = self.user_id or self.campaign_id.user_id
        return self.with_context(lang=writer.lang or self.env.lang)

    # ------------------------------------------------------------------
    # Objection (UWG § 7 (3)): a link in every e-mail
    # ------------------------------------------------------------------
    def _objection_url(self):
        """The personal link to the objection page (creates its secret once)."""
        self.ensure_one()
        # sudo: the token is readable by system administrators only; the
        # sender of the e-mail puts it in the link for the customer
        recipient = self.sudo()
        if not recipient.objection_token:
            recipient.objection_token = secrets.token_urlsafe(24)
        return (
            f"{recipient.get_base_url()}/outreach/objection/"
            f"{recipient.id}/{recipient.objection_token}"
        )

    def _objection_headers(self):
        """Mail clients show their own unsubscribe button (RFC 8058 one-click)."""
        return {
            "List-Unsubscribe": f"<{self._objection_url()}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # fewer out-of-office answers posing as replies (MS Exchange)
            "X-Auto-Response-Suppress": "OOF",
        }

    def _objection_note(self):
        """The objection note with the link, in the customer's language."""
        self.ensure_one()
        lang = self.env["res.lang"]._get_code(self.partner_id.lang or "")
        return (
            self.env["ir.qweb"]
            .with_context(lang=lang or self.env.lang)
            ._render(
                "customer_centricity.outreach_objection_note",
                {"url": self._objection_url(), "company": self.company_id},
            )
        )

    def _ensure_objection_note(self, mail):
        """Every outreach e-mail carries the link, whatever its template says."""
        self.ensure_one()
        # sudo: the queue is readable by system administrators only; this is
        # the e-mail just written for this recipient
        mail = mail.sudo()
        body = self._body_with_objection_note(mail.body_html)
        if body != mail.body_html:
            mail.body_html = body

    # ------------------------------------------------------------------
    # Opens: a 1x1 image, only when the company tracks them (off by default)
    # ------------------------------------------------------------------
    def _open_pixel_url(self):
        """The image that tells the shop the e-mail was opened (same secret)."""
        url = self._objection_url()  # creates the recipient's secret once
        return url.replace("/outreach/objection/", "/outreach/open/", 1) + ".gif"

    def _add_open_pixel(self, mail):
        """Append the tracking image to the e-mail just written for this recipient."""
        self.ensure_one()
        # sudo: the queue is readable by system administrators only; this is
        # the e-mail just written for this recipient
        mail = mail.sudo()
        pixel = Markup('<img src="%s" width="1" height="1" alt="">') % (
            self._open_pixel_url()
        )
        self._append_to_body(mail, pixel)

    @staticmethod
    def _append_to_body(mail, html):
        """Add ``html`` at the end of an e-mail's body (inside <body> if any)."""
        body = mail.body_html or ""
        if "</body>" in body:
            body = body.replace("</body>", f"{html}</body>", 1)
        else:
            body += html
        mail.body_html = body

    def _register_open(self):
        """Count an open of an e-mailed recipient whose company tracks opens.

        Reached only through a valid token (sudo record); the first open is
        kept, later ones only count.
        """
        self.ensure_one()
        if not (
            self.company_id.outreach_track_opens
            and self.mail_id
            and self.state in ("sent", "delivered")
        ):
            return False
        self.write(
            {
                "open_count": self.open_count + 1,
                "opened_date": self.opened_date or fields.Datetime.now(),
            }
        )
        return True

    def _company_postal_address(self):
        """Where a customer objects by post: the company's address on one line."""
        self.ensure_one()
        company = self.company_id
        town = " ".join(filter(None, [company.zip, company.city]))
        parts = [company.name, company.street, company.street2, town]
        return ", ".join(filter(None, [*parts, company.country_id.name]))

    @api.model
    def _find_for_objection(self, recipient_id, token):
        """The recipient of an objection link, or an empty recordset if forged."""
        if not isinstance(recipient_id, int) or not 0 < recipient_id <= MAX_RECORD_ID:
            return self.browse()
        # sudo: the public page has no user; the token is the right
        recipient = self.sudo().browse(recipient_id).exists()
        secret = recipient.objection_token if recipient else None
        if not (secret and isinstance(token, str)):
            return self.browse()
        if not consteq(secret.encode(), token.encode()):
            return self.browse()
        return recipient

    def _record_objection(self, blacklist=False):
        """The customer objects to outreach campaigns; optionally blacklisted.

        Returns False when this link's objection was recorded before (the
        page says so). Reached only through a valid token (sudo record).
        """
        self.ensure_one()
        if not isinstance(blacklist, bool):
            raise UserError(self.env._("Invalid answer."))
        if self.objection_date:
            return False
        partner = self.partner_id
        partner.outreach_opt_out = True
        self.objection_date = fields.Datetime.now()
        staff_env = self._with_staff_language().env
        body = staff_env._(
            "Objected to outreach campaigns through the link in the e-mail of "
            "%(campaign)s (UWG § 7 (3)): No outreach campaigns is set.",
            campaign=self.campaign_id.name,
        )
        email = partner.email_normalized
        if blacklist and email:
            body += " " + staff_env._(
                "The e-mail address %s is blacklisted as asked.", email
            )
            # sudo: the customer has no user; the blacklist is for administrators
            self.env["mail.blacklist"].sudo()._add(
                email,
                message=staff_env._(
                    "Blacklisted by the customer on the objection page of the "
                    "outreach campaign %s.",
                    self.campaign_id.name,
                ),
            )
        partner._message_log(body=body, author_id=partner.id)
        self._message_log(body=body, author_id=partner.id)
        return True


def _has_text(html):
    return bool(html and html2plaintext(html).strip())
