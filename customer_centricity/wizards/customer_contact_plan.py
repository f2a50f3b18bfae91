# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.customer_contact import CONTACT_KINDS
from ..models.res_partner import not_looked_after

MANAGER_GROUP = "customer_centricity.group_customer_centricity_manager"
# A reaction to a campaign is logged by the campaign, never planned
PLANNABLE_KINDS = [kind for kind in CONTACT_KINDS if kind[0] != "campaign_reaction"]


class CustomerContactPlan(models.TransientModel):
    """Plan a contact with customers of the 'Not contacted lately' list.

    One step: a planned contact per customer and an activity for whoever
    makes it (the account manager, or the person chosen).
    """

    _name = "customer.contact.plan"
    _description = "Plan a Customer Contact"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_ids = fields.Many2many(
        "res.partner", string="Customers", required=True, check_company=True
    )
    kind = fields.Selection(PLANNABLE_KINDS, required=True, default="visit")
    date_start = fields.Datetime(
        string="When", required=True, default=lambda self: self._default_date_start()
    )
    duration = fields.Float(string="Duration (hours)", default=1.0)
    user_id = fields.Many2one(
        "res.users",
        string="Contact by",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Empty: each customer's account manager (the salesperson, else you).",
    )
    name = fields.Char(string="Subject")

    @api.onchange("kind")
    def _onchange_kind(self):
        # a planned customer day lasts what makes it count once done
        if self.kind == "customer_day":
            self.duration = self.company_id.customer_day_min_hours

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "customer.contact.gap.report":
            # read with the user's rights (the company rule of the list)
            rows = (
                self.env["customer.contact.gap.report"]
                .browse(context.get("active_ids") or [])
                .exists()
            )
            if len(rows.company_id) > 1:
                raise UserError(
                    self.env._(
                        "Plan contacts for the customers of one company at a time."
                    )
                )
            values["partner_ids"] = [fields.Command.set(rows.partner_id.ids)]
            if rows.company_id:
                values["company_id"] = rows.company_id.id
        return values

    def _default_date_start(self):
        """Next week's same day at 9:00 in the user's time zone."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        day = fields.Date.context_today(self) + timedelta(days=7)
        local = tz.localize(datetime.combine(day, time(9)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def action_plan(self):
        self.ensure_one()
        self._check_can_plan()
        assignees = self._assignees()
        vals_list = [
            self._prepare_contact_vals(partner, assignees[partner])
            for partner in self.partner_ids
        ]
        # sudo: the contact belongs to the person who will make it, and the
        # contact rules let users create only their own; who may plan for whom
        # was checked above (own and the team's customers, managers all)
        contacts = self.env["customer.contact"].sudo().create(vals_list)
        self._schedule_activities(contacts)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%s contacts planned.", len(contacts)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _check_can_plan(self):
        """Users plan for the customers they look after, managers for all."""
        if not self.partner_ids:
            raise UserError(self.env._("Pick at least one customer."))
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._("You do not work for %s.", self.company_id.name)
            )
        if self.date_start.date() < fields.Date.context_today(self):
            raise UserError(
                self.env._("A planned contact lies in the future: pick a later day.")
            )
        if self.user_id and (
            self.user_id.share or self.company_id not in self.user_id.company_ids
        ):
            raise UserError(
                self.env._(
                    "%(user)s cannot make contacts for %(company)s.",
                    user=self.user_id.name,
                    company=self.company_id.name,
                )
            )
        if self.env.user.has_group(MANAGER_GROUP):
            return
        if self.user_id and self.user_id != self.env.user:
            raise AccessError(
                self.env._(
                    "Only managers plan contacts for colleagues; leave 'Contact by' "
                    "empty to plan for each customer's account manager."
                )
            )
        # the rule of the outreach campaigns: own customers and the team's
        foreign = not_looked_after(self.partner_ids)
        if foreign:
            raise AccessError(
                self.env._(
                    "You can only plan contacts with customers you look after (as "
                    "salesperson or through your sales team): %s",
                    ", ".join(foreign.mapped("display_name")),
                )
            )

    def _assignees(self):
        """Who makes each contact: the chosen person, else the salesperson if
        they work for the company, else the planner."""
        assignees = {}
        for partner in self.partner_ids:
            salesperson = partner.commercial_partner_id.user_id
            if not (
                salesperson.active
                and not salesperson.share
                and self.company_id in salesperson.company_ids
            ):
                salesperson = self.env.user
            assignees[partner] = self.user_id or salesperson
        return assignees

    def _prepare_contact_vals(self, partner, user):
        return {
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "user_id": user.id,
            "kind": self.kind,
            "state": "planned",
            "date_start": self.date_start,
            "duration": self.duration,
            "name": self.name,
        }

    def _schedule_activities(self, contacts):
        """One activity per planned contact, due on its day, in one batch."""
        activity_type = self.env.ref(
            "customer_centricity.mail_activity_planned_contact"
        )
        contact_model = self.env["ir.model"]._get_id("customer.contact")
        # sudo: activities for the colleagues who make the contacts (see above)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": contact_model,
                    "res_id": contact.id,
                    "activity_type_id": activity_type.id,
                    "user_id": contact.user_id.id,
                    "date_deadline": contact.local_date,
                    "summary": self.with_context(
                        lang=contact.user_id.lang
                    )._activity_summary(contact),
                }
                for contact in contacts
            ]
        )

    def _activity_summary(self, contact):
        """'Customer visit: Juwelier Huber', in the language of the context."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return f"{kinds[contact.kind]}: {contact.partner_id.name}"
