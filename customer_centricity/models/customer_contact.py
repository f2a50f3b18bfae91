# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MAX_DURATION_HOURS = 24.0

CONTACT_KINDS = [
    ("visit", "Customer visit"),
    ("customer_day", "Customer day"),
    ("call", "Phone call"),
    ("video_call", "Video call"),
    ("feedback_meeting", "Customer-feedback meeting"),
    ("online_response", "Online response"),
    ("event", "Event"),
    ("campaign_reaction", "Reaction to a campaign"),
]


class CustomerContact(models.Model):
    _name = "customer.contact"
    _description = "Customer Contact"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.name"]

    name = fields.Char(string="Subject", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="Always the company of the person you talked to (commercial partner).",
    )
    contact_person_id = fields.Many2one(
        "res.partner",
        string="Contact person",
        check_company=True,
        help="The person you talked to, when it is not the customer itself.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Contact by",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(
        CONTACT_KINDS, required=True, default="visit", tracking=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="done",
        tracking=True,
    )
    date_start = fields.Datetime(
        string="Start", required=True, default=fields.Datetime.now, tracking=True
    )
    date_end = fields.Datetime(string="End")
    duration = fields.Float(
        string="Duration (hours)",
        compute="_compute_duration",
        inverse="_inverse_duration",
        store=True,
        readonly=False,
    )
    local_date = fields.Date(
        string="Day",
        compute="_compute_local_date",
        store=True,
        index=True,
        help="The day the contact starts, in the time zone of the person who had "
        "it (or of the company when the person has none); monthly targets and "
        "customer days count by this day.",
    )
    customer_need = fields.Text(
        string="What exactly do you want?",
        help="The customer's own answer, in their words.",
    )
    note = fields.Html(string="Notes", sanitize=True)
    attendee_ids = fields.Many2many(
        "res.users",
        string="Attendees",
        domain="[('share', '=', False)]",
        help="Colleagues from other departments who took part in a "
        "customer-feedback meeting.",
    )
    online_url = fields.Char(
        string="Link to the comment",
        help="The review or social post that was answered.",
    )
    calendar_event_id = fields.Many2one("calendar.event", string="Meeting")
    follow_up_date = fields.Date(
        help="When set, a follow-up activity is scheduled for the contact's owner."
    )
    follow_up_summary = fields.Char()

    @api.depends("date_start", "date_end")
    def _compute_duration(self):
        for contact in self:
            if contact.date_start and contact.date_end:
                delta = contact.date_end - contact.date_start
                contact.duration = delta.total_seconds() / 3600.0
            elif not contact.duration:
                contact.duration = 0.0

    def _inverse_duration(self):
        for contact in self:
            if contact.date_start and contact.duration:
                contact.date_end = contact.date_start + timedelta(
                    hours=contact.duration
                )

    @api.depends("date_start", "user_id.tz", "company_id.partner_id.tz")
    def _compute_local_date(self):
        for contact in self:
            if not contact.date_start:
                contact.local_date = False
                continue
            tz = pytz.timezone(
                contact.user_id.tz or contact.company_id.partner_id.tz or "UTC"
            )
            utc_start = pytz.utc.localize(contact.date_start)
            contact.local_date = utc_start.astimezone(tz).date()

    @api.depends("name", "kind", "partner_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for contact in self:
            label = contact.name or kinds.get(contact.kind, "")
            if contact.partner_id:
                label = f"{label} · {contact.partner_id.name}"
            contact.display_name = label

    @api.constrains("date_start", "date_end", "duration")
    def _check_dates(self):
        for contact in self:
            if contact.date_end and contact.date_end < contact.date_start:
                raise ValidationError(
                    self.env._("A contact cannot end before it starts.")
                )
            if contact.duration < 0 or contact.duration > MAX_DURATION_HOURS:
                raise ValidationError(
                    self.env._(
                        "A contact lasts between 0 and %(max)s hours, not %(hours).1f.",
                        max=int(MAX_DURATION_HOURS),
                        hours=contact.duration,
                    )
                )

    @api.constrains("state", "date_start")
    def _check_done_not_in_future(self):
        now = fields.Datetime.now()
        for contact in self:
            if contact.state == "done" and contact.date_start > now:
                raise ValidationError(
                    self.env._(
                        "The contact with %s lies in the future: plan it instead of "
                        "marking it done.",
                        contact.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("partner_id"):
                raise ValidationError(
                    self.env._("Pick the customer you had the contact with.")
                )
            self._normalise_partner(vals)
            self._default_customer_day_duration(vals)
        contacts = super().create(vals_list)
        contacts._schedule_follow_up()
        return contacts

    def write(self, vals):
        if "partner_id" in vals:
            if not vals["partner_id"]:
                raise ValidationError(
                    self.env._("Pick the customer you had the contact with.")
                )
            self._normalise_partner(vals)
        result = super().write(vals)
        if vals.get("follow_up_date"):
            self._schedule_follow_up()
        return result

    def _normalise_partner(self, vals):
        """Store the commercial partner; keep the picked person separately."""
        picked = self.env["res.partner"].browse(vals["partner_id"])
        commercial = picked.commercial_partner_id
        vals["partner_id"] = commercial.id
        if picked != commercial and not vals.get("contact_person_id"):
            vals["contact_person_id"] = picked.id

    def _default_customer_day_duration(self, vals):
        """A customer day logged without its hours lasts the company's minimum.

        Whoever logs a customer day without times claims a whole customer day;
        entries with hours count their hours.
        """
        if vals.get("kind") != "customer_day" or vals.get("duration"):
            return
        if vals.get("date_end"):
            return
        company = self.env["res.company"].browse(
            vals.get("company_id") or self.env.company.id
        )
        vals["duration"] = company.customer_day_min_hours

    def _schedule_follow_up(self):
        for contact in self.filtered("follow_up_date"):
            contact.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=contact.follow_up_date,
                summary=contact.follow_up_summary
                or self.env._("Follow up with %s", contact.partner_id.name),
                user_id=contact.user_id.id,
            )

    def action_mark_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})
