# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import math
import random
import threading
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib.rfm import SEGMENTS
from .customer_value import TIERS

_logger = logging.getLogger(__name__)

SEND_BATCH_SIZE = 50
PARTNER_FIELDS = [
    "active",
    "city",
    "company_id",
    "email_normalized",
    "outreach_opt_out",
    "street",
    "user_id",
    "zip",
]
POSTAL_CHANNELS = ("letter", "card", "parcel", "email_post")
EMAIL_CHANNELS = ("email", "email_post")
# Only the server's own methods set these (with sudo, see _set_state).
SERVER_FIELDS = {"state", "date_sent", "approved_cost", "approved_by_id"}
# What the cost depends on: fixed once the campaign is ready or approved.
COST_FIELDS = {
    "channel",
    "gift_unit_cost",
    "postage_unit_cost",
    "company_id",
}
EDITABLE_STATES = ("draft", "preparing")


class CustomerOutreachCampaign(models.Model):
    """A personal outreach to chosen customers (the flower-seed story)."""

    _name = "customer.outreach.campaign"
    _description = "Outreach Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    purpose = fields.Text(help="Why we reach out, in one or two sentences.")
    channel = fields.Selection(
        [
            ("email", "E-mail"),
            ("letter", "Printed letter by post"),
            ("card", "Printed card by post"),
            ("parcel", "Gift parcel by post"),
            ("email_post", "E-mail and post"),
        ],
        required=True,
        default="email",
        tracking=True,
    )
    personal = fields.Boolean(
        string="Personal notes required",
        default=True,
        help="Every recipient gets a note written by the person who knows them.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="Start", default=fields.Date.context_today)
    date_sent = fields.Datetime(string="Sent on", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("preparing", "Preparing"),
            ("to_approve", "To approve"),
            ("ready", "Ready"),
            ("sending", "Sending"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    gift_product_id = fields.Many2one(
        "product.product", string="Gift", check_company=True
    )
    gift_description = fields.Char(string="Gift (free text)")
    gift_unit_cost = fields.Monetary()
    postage_unit_cost = fields.Monetary()
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail template",
        domain="[('model', '=', 'customer.outreach.recipient')]",
        default=lambda self: self.env.ref(
            "customer_centricity.mail_template_outreach", raise_if_not_found=False
        ),
    )
    # who gets it
    selection_mode = fields.Selection(
        [
            ("top_count", "Top customers by value (number)"),
            ("top_percent", "Top customers by value (percent)"),
            ("segment", "Customer segment"),
            ("tier", "Customer tier"),
            ("filter", "Saved filter"),
            ("manual", "Chosen by hand"),
        ],
        default="top_count",
        required=True,
    )
    selection_count = fields.Integer(string="Number of customers", default=50)
    selection_percent = fields.Float(string="Percent of customers", default=10)
    selection_segment = fields.Selection(SEGMENTS, string="Segment")
    selection_tier = fields.Selection(TIERS, string="Tier")
    selection_filter_id = fields.Many2one(
        "ir.filters", string="Saved filter", domain="[('model_id', '=', 'res.partner')]"
    )
    # what they get
    favourite_count = fields.Integer(
        string="Favourites per customer",
        default=3,
        help="Products from the customer's purchase history (Standbein).",
    )
    new_product_ids = fields.Many2many(
        "product.product",
        string="New products",
        help="Offered next to the favourites (Spielbein).",
    )
    variant_ids = fields.One2many("customer.outreach.variant", "campaign_id", copy=True)
    holdout_percent = fields.Float(
        help="Share of recipients drawn at random who get nothing: the comparison "
        "group for the effect of the campaign."
    )
    revenue_days = fields.Integer(
        string="Revenue window (days)",
        default=60,
        help="Revenue counted after sending, to compare with the holdout group.",
    )
    # budget: within it the owner launches alone, above it a manager approves
    budget = fields.Monetary(
        string="Budget without approval",
        compute="_compute_budget",
        help="Total cost up to which the owner sends the campaign without "
        "approval: their own budget (Configuration ‣ Outreach Budgets), else the "
        "company's (Settings); managers need no approval.",
    )
    planned_cost = fields.Monetary(
        compute="_compute_figures",
        help="Gift and postage for every recipient who is not excluded.",
    )
    recipients_value = fields.Monetary(
        string="Recipients' value",
        compute="_compute_recipients_value",
        help="Predicted lifetime value of the recipients who are not excluded "
        "(historic while no model could be fitted): what the gift is weighed "
        "against.",
    )
    cost_value_percent = fields.Float(
        string="Cost in % of their value",
        compute="_compute_recipients_value",
        digits=(16, 2),
        help="Planned cost as a share of the recipients' value.",
    )
    approved_cost = fields.Monetary(readonly=True, copy=False, tracking=True)
    approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False
    )
    recipient_ids = fields.One2many("customer.outreach.recipient", "campaign_id")
    lesson_ids = fields.One2many("customer.outreach.lesson", "campaign_id")
    copied_from_id = fields.Many2one(
        "customer.outreach.campaign", readonly=True, copy=False
    )
    # figures
    recipient_count = fields.Integer(compute="_compute_figures")
    excluded_count = fields.Integer(compute="_compute_figures")
    to_prepare_count = fields.Integer(compute="_compute_figures")
    sent_count = fields.Integer(compute="_compute_figures")
    failed_count = fields.Integer(compute="_compute_figures")
    positive_count = fields.Integer(compute="_compute_figures")
    replied_count = fields.Integer(
        string="Replies",
        compute="_compute_replied_count",
        help="Recipients who answered the e-mail.",
    )
    opened_count = fields.Integer(
        string="Opened",
        compute="_compute_opened_count",
        help="E-mails opened by their customer (counted only when the company "
        "tracks opens).",
    )
    reaction_rate = fields.Float(
        string="Positive reactions (%)", compute="_compute_figures"
    )
    total_cost = fields.Monetary(compute="_compute_figures")
    revenue_after = fields.Monetary(
        string="Revenue after sending", compute="_compute_figures"
    )
    cost_per_positive = fields.Monetary(
        string="Cost per positive reaction", compute="_compute_figures"
    )
    variant_summary = fields.Html(compute="_compute_variant_summary", sanitize=False)

    @api.depends("recipient_ids.state", "recipient_ids.reaction")
    def _compute_figures(self):
        # sudo: counts of a campaign the user may read; its recipients
        # themselves stay visible only to their owner and writer
        Recipient = self.env["customer.outreach.recipient"].sudo()
        groups = Recipient._read_group(
            [("campaign_id", "in", self.ids)],
            ["campaign_id", "state", "reaction"],
            ["__count"],
        )
        revenue = dict(
            Recipient._read_group(
                [
                    ("campaign_id", "in", self.ids),
                    ("state", "in", ("sent", "delivered")),
                ],
                ["campaign_id"],
                ["revenue_after:sum"],
            )
        )
        revenue = {campaign.id: amount for campaign, amount in revenue.items()}
        counts = {}
        for campaign, state, reaction, count in groups:
            figures = counts.setdefault(campaign.id, {"states": {}, "positive": 0})
            figures["states"][state] = figures["states"].get(state, 0) + count
            if reaction == "positive":
                figures["positive"] += count
        for campaign in self:
            figures = counts.get(campaign.id, {"states": {}, "positive": 0})
            states = figures["states"]
            sent = states.get("sent", 0) + states.get("delivered", 0)
            campaign.recipient_count = sum(states.values())
            campaign.excluded_count = states.get("excluded", 0)
            campaign.to_prepare_count = states.get("to_prepare", 0)
            campaign.failed_count = states.get("failed", 0)
            campaign.sent_count = sent
            campaign.positive_count = figures["positive"]
            campaign.reaction_rate = 100.0 * figures["positive"] / sent if sent else 0.0
            unit_cost = campaign._unit_cost()
            campaign.total_cost = unit_cost * sent
            campaign.planned_cost = unit_cost * (
                campaign.recipient_count - campaign.excluded_count
            )
            campaign.revenue_after = revenue.get(campaign.id, 0.0)
            campaign.cost_per_positive = (
                campaign.total_cost / figures["positive"]
                if figures["positive"]
                else 0.0
            )

    @api.depends("recipient_ids.reply_count")
    def _compute_replied_count(self):
        # sudo: a count of a campaign the user may read (see _compute_figures)
        groups = (
            self.env["customer.outreach.recipient"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids), ("reply_count", ">", 0)],
                ["campaign_id"],
                ["__count"],
            )
        )
        counts = {campaign.id: count for campaign, count in groups}
        for campaign in self:
            campaign.replied_count = counts.get(campaign.id, 0)

    @api.depends("recipient_ids.opened_date")
    def _compute_opened_count(self):
        # sudo: a count of a campaign the user may read (see _compute_figures)
        groups = (
            self.env["customer.outreach.recipient"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids), ("opened_date", "!=", False)],
                ["campaign_id"],
                ["__count"],
            )
        )
        counts = {campaign.id: count for campaign, count in groups}
        for campaign in self:
            campaign.opened_count = counts.get(campaign.id, 0)

    @api.depends("recipient_ids.state", "gift_unit_cost", "postage_unit_cost")
    def _compute_recipients_value(self):
        """One query for all campaigns: the value of whom each one reaches."""
        self.env["customer.outreach.recipient"].flush_model(["state"])
        query = SQL(
            """
            SELECT r.campaign_id, sum(v.ranking_value)
              FROM customer_outreach_recipient r
              JOIN customer_value v ON v.partner_id = r.partner_id
                                   AND v.company_id = r.company_id
             WHERE r.campaign_id = ANY(%s) AND r.state != 'excluded'
             GROUP BY r.campaign_id
            """,
            self.ids,
        )
        rows = dict(self.env.execute_query(query)) if self.ids else {}
        for campaign in self:
            value = rows.get(campaign.id) or 0.0
            campaign.recipients_value = value
            campaign.cost_value_percent = (
                100.0 * campaign.planned_cost / value if value else 0.0
            )

    @api.depends("company_id.outreach_budget", "user_id")
    def _compute_budget(self):
        """The owner's own budget (Configuration) if set, else the company's."""
        # sudo: one's budget is no secret to who reads the campaign
        own = {
            (budget.user_id.id, budget.company_id.id): budget.amount
            for budget in self.env["customer.outreach.budget"]
            .sudo()
            .search(
                [
                    ("user_id", "in", self.user_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        }
        for campaign in self:
            campaign.budget = own.get(
                (campaign.user_id.id, campaign.company_id.id),
                campaign.company_id.outreach_budget,
            )

    def _unit_cost(self):
        self.ensure_one()
        postage = self.postage_unit_cost if self.channel in POSTAL_CHANNELS else 0
        return self.gift_unit_cost + postage

    @api.constrains("mail_template_id")
    def _check_mail_template(self):
        for campaign in self:
            template = campaign.mail_template_id
            if template and template.model != "customer.outreach.recipient":
                raise ValidationError(
                    self.env._(
                        "The e-mail template must be one for outreach recipients."
                    )
                )

    def _compute_variant_summary(self):
        for campaign in self:
            rows = campaign._variant_results()
            if not rows:
                campaign.variant_summary = False
                continue
            header = Markup(
                "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>"
            ) % (
                self.env._("Group"),
                self.env._("Recipients"),
                self.env._("Positive reactions (%)"),
                self.env._("Revenue per recipient"),
                self.env._("Uplift vs. holdout"),
            )
            body = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td>%s</td><td>%.1f</td><td>%.2f</td><td>%s</td></tr>"
                )
                % (
                    row["name"],
                    row["count"],
                    row["reaction_rate"],
                    row["revenue_per_recipient"],
                    "" if row["uplift"] is None else f"{row['uplift']:+.2f}",
                )
                for row in rows
            )
            campaign.variant_summary = header + body + Markup("</tbody></table>")

    def _variant_results(self):
        """Reaction rate and revenue per variant and for the holdout group."""
        self.ensure_one()
        # sudo: aggregates of a campaign the user may read (see _compute_figures)
        groups = (
            self.env["customer.outreach.recipient"]
            .sudo()
            ._read_group(
                [
                    ("campaign_id", "=", self.id),
                    ("exclusion_reason", "in", (False, "holdout")),
                ],
                ["variant_id", "holdout"],
                ["__count", "revenue_after:sum", "positive:sum"],
            )
        )
        rows = []
        for variant, holdout, count, revenue, positive in groups:
            name = (
                self.env._("Holdout")
                if holdout
                else (variant.name or self.env._("All"))
            )
            rows.append(
                {
                    "name": name,
                    "holdout": holdout,
                    "count": count,
                    "reaction_rate": 100.0 * positive / count if count else 0.0,
                    "revenue_per_recipient": revenue / count if count else 0.0,
                }
            )
        baseline = next((row for row in rows if row["holdout"]), None)
        for row in rows:
            row["uplift"] = (
                None
                if row["holdout"] or not baseline
                else row["revenue_per_recipient"] - baseline["revenue_per_recipient"]
            )
        return rows

    # ------------------------------------------------------------------
    # Preparing
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_server_fields(vals)
            self._check_owner(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_server_fields(vals)
        self._check_owner(vals)
        if not self.env.su and COST_FIELDS & set(vals):
            fixed = self.filtered(lambda c: c.state not in EDITABLE_STATES)
            if fixed:
                raise UserError(
                    self.env._(
                        "Channel and costs of %s are fixed once it is ready or "
                        "waiting for approval.",
                        fixed[0].name,
                    )
                )
        return super().write(vals)

    def _check_server_fields(self, vals):
        if not self.env.su and SERVER_FIELDS & set(vals):
            raise AccessError(
                self.env._(
                    "The status, the approval and the sending date of a campaign "
                    "change only through its buttons."
                )
            )

    def _check_owner(self, vals):
        """Staff run campaigns of their own: they never make another the owner."""
        if (
            not self.env.su
            and vals.get("user_id", self.env.uid) != self.env.uid
            and not self._is_manager()
        ):
            raise AccessError(self.env._("You can only start campaigns of your own."))

    def _set_state(self, state, **vals):
        # sudo: the status is a server-only field (see _check_server_fields);
        # the callers checked who may take this step
        self.sudo().write({"state": state, **vals})

    @api.model
    def _is_manager(self):
        return self.env.user.has_group(
            "customer_centricity.group_customer_centricity_manager"
        )

    def _check_can_run(self):
        """The owner runs their campaign, managers run every campaign."""
        if self._is_manager():
            return
        if self.filtered(lambda c: c.user_id != self.env.user):
            raise AccessError(
                self.env._("Only the campaign's owner and managers can do this.")
            )
        self.check_access("write")

    @api.model
    def _my_customers_domain(self):
        """Customers a user looks after: theirs, or of a sales team they are in.

        A customer belongs to a team through its salesperson, or through its
        own sales team where an app (CRM, Sales) adds one to the customer.
        """
        user = self.env.user
        teams = user.crm_team_ids | self.env["crm.team"].search(
            [("user_id", "=", user.id)]
        )
        domain = [
            "|",
            ("commercial_partner_id.user_id", "=", user.id),
            ("commercial_partner_id.user_id.crm_team_ids", "in", teams.ids),
        ]
        if "team_id" in self.env["res.partner"]._fields:
            domain = ["|", *domain, ("commercial_partner_id.team_id", "in", teams.ids)]
        return domain

    def action_prepare(self):
        """Choose the recipients, assign them, exclude whom we must not reach."""
        self._check_can_run()
        for campaign in self:
            if campaign.state not in EDITABLE_STATES:
                raise UserError(self.env._("Only draft campaigns can be prepared."))
            partners = campaign._select_partners()
            campaign._add_recipients(partners)
            campaign._set_state("preparing")
            campaign._notify_assigned_people()
        return True

    def action_add_partners(self, partner_ids):
        """Add customers chosen by hand; returns how many were added and excluded.

        Staff add only customers they look after; the usual exclusions apply.
        """
        self.ensure_one()
        self._check_can_run()
        if self.state not in EDITABLE_STATES:
            raise UserError(
                self.env._("Customers are added to draft or preparing campaigns only.")
            )
        partners = self.env["res.partner"].browse(partner_ids).exists()
        partners = partners.commercial_partner_id
        if not self._is_manager():
            foreign = partners - partners.filtered_domain(self._my_customers_domain())
            if foreign:
                raise AccessError(
                    self.env._(
                        "You can only add customers you look after (as salesperson "
                        "or through your sales team): %s",
                        ", ".join(foreign.mapped("display_name")),
                    )
                )
        added = self._add_recipients(partners)
        self._set_state("preparing")
        self._notify_assigned_people()
        return {
            "added": len(added),
            "excluded": len(added.filtered(lambda r: r.state == "excluded")),
        }

    def action_open_add_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add customers"),
            "res_model": "customer.outreach.add",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
        }

    def _select_partners(self):
        """Commercial partners chosen by the selection mode (one or two queries)."""
        self.ensure_one()
        Value = self.env["customer.value"]
        mine = [] if self._is_manager() else self._my_customers_domain()
        company = [("company_id", "=", self.company_id.id)]
        if mine:
            company.append(("partner_id", "any", mine))
        mode = self.selection_mode
        if mode == "manual":
            return self.env["res.partner"]
        if mode == "filter":
            if not self.selection_filter_id:
                raise UserError(self.env._("Choose the saved filter."))
            domain = self.selection_filter_id._get_eval_domain()
            partners = self.env["res.partner"].search(
                [*domain, *mine, ("company_id", "in", (False, self.company_id.id))]
            )
            return partners.commercial_partner_id
        if mode == "top_count":
            if self.selection_count <= 0:
                raise UserError(self.env._("Choose how many customers."))
            values = Value.search_fetch(
                company, ["partner_id"], limit=self.selection_count
            )
        elif mode == "top_percent":
            if not 0 < self.selection_percent <= 100:
                raise UserError(self.env._("The percentage lies between 0 and 100."))
            total = Value.search_count(company)
            values = Value.search_fetch(
                company,
                ["partner_id"],
                limit=math.ceil(total * self.selection_percent / 100),
            )
        elif mode == "segment":
            values = Value.search_fetch(
                [*company, ("segment", "=", self.selection_segment)], ["partner_id"]
            )
        else:
            values = Value.search_fetch(
                [*company, ("tier", "=", self.selection_tier)], ["partner_id"]
            )
        return values.partner_id

    def _add_recipients(self, partners):
        """Create recipients in bulk, with assignment, exclusions and picks."""
        self.ensure_one()
        partners = (
            partners.with_context(active_test=False) - self.recipient_ids.partner_id
        )
        # one query for every partner field used below, whatever their number
        partners.fetch(PARTNER_FIELDS)
        # never another company's customers
        partners = partners.filtered(
            lambda p: not p.company_id or p.company_id == self.company_id
        )
        if not partners:
            return self.env["customer.outreach.recipient"]
        owners = self._assign_people(partners)
        reasons = self._exclusion_reasons(partners)
        groups = self._draw_groups(partners)
        rows = []
        for partner in partners:
            group = groups[partner.id]
            holdout = group == "holdout"
            reason = reasons.get(partner.id) or ("holdout" if holdout else None)
            if reason:
                state = "excluded"
            else:
                state = "to_prepare" if self.personal else "ready"
            rows.append(
                (
                    partner.id,
                    owners.get(partner.id, self.user_id.id),
                    reason,
                    holdout,
                    None if holdout else group or None,
                    state,
                )
            )
        inserted = self._insert_recipients(rows)
        self._create_picks(
            [
                (recipient_id, partner_id)
                for recipient_id, partner_id, state in inserted
                if state != "excluded"
            ]
        )
        return self.env["customer.outreach.recipient"].browse(
            row[0] for row in inserted
        )

    def _insert_recipients(self, rows):
        """One INSERT for any number of recipients (the ORM inserts by 100).

        ``rows``: (partner, user, exclusion reason, holdout, variant, state).
        """
        columns = list(zip(*rows, strict=True))
        inserted = self.env.execute_query(
            SQL(
                """
                INSERT INTO customer_outreach_recipient
                       (campaign_id, company_id, partner_id, user_id,
                        exclusion_reason, holdout, variant_id, state, positive,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(campaign)s, %(company)s, partner, usr, reason, holdout,
                       variant, state, 0, %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM unnest(%(partners)s::int[], %(users)s::int[],
                              %(reasons)s::varchar[], %(holdouts)s::bool[],
                              %(variants)s::int[], %(states)s::varchar[])
                       AS row(partner, usr, reason, holdout, variant, state)
                RETURNING id, partner_id, state
                """,
                campaign=self.id,
                company=self.company_id.id,
                uid=self.env.uid,
                partners=list(columns[0]),
                users=list(columns[1]),
                reasons=list(columns[2]),
                holdouts=list(columns[3]),
                variants=list(columns[4]),
                states=list(columns[5]),
            )
        )
        self.invalidate_recordset(["recipient_ids"])
        return inserted

    def _assign_people(self, partners):
        """The salesperson, else whoever logged the most contacts (one query)."""
        # sudo: who talked to a customer decides the assignment, whatever the
        # preparing manager may read of the contacts themselves
        counts = (
            self.env["customer.contact"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "done"),
                ],
                ["partner_id", "user_id"],
                ["__count"],
            )
        )
        best = {}
        for partner, user, count in counts:
            if count > best.get(partner.id, (None, 0))[1]:
                best[partner.id] = (user.id, count)
        owners = {partner_id: user_id for partner_id, (user_id, _c) in best.items()}
        for partner in partners.filtered("user_id"):
            owners[partner.id] = partner.user_id.id
        return owners

    def _exclusion_reasons(self, partners):
        """Why a partner must not be reached, in the order a user checks it."""
        blacklisted = self._blacklisted_emails(partners)
        seen_emails = set(
            self.recipient_ids.filtered(
                lambda r: r.state != "excluded"
            ).partner_id.mapped("email_normalized")
        )
        reasons = {}
        for partner in partners:
            reason = self._exclusion_reason(partner, blacklisted)
            email = partner.email_normalized
            if not reason and self.channel in EMAIL_CHANNELS and email in seen_emails:
                reason = "duplicate_email"
            if not reason and email:
                seen_emails.add(email)
            if reason:
                reasons[partner.id] = reason
        return reasons

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

    def _exclusion_reason(self, partner, blacklisted):
        if not partner.active:
            return "archived"
        if partner.outreach_opt_out:
            return "opted_out"
        if self.channel in EMAIL_CHANNELS:
            if not partner.email_normalized:
                return "no_email"
            if partner.email_normalized in blacklisted:
                return "blacklisted"
        if self.channel in POSTAL_CHANNELS and not (
            partner.street and partner.city and partner.zip
        ):
            return "no_address"
        return False

    def _draw_groups(self, partners):
        """Random, reproducible split into variants and the holdout group."""
        rng = random.Random(self.id)
        variants = self.variant_ids or [False]
        groups = {}
        for partner in partners.sorted("id"):
            if rng.random() * 100 < self.holdout_percent:
                groups[partner.id] = "holdout"
            else:
                variant = rng.choice(variants)
                groups[partner.id] = variant.id if variant else False
        return groups

    def _create_picks(self, recipient_partners):
        """Favourites from purchase history and the new products: two queries.

        ``recipient_partners``: (recipient id, partner id) pairs.
        """
        if not recipient_partners:
            return
        favourites = self._favourite_products([p for _r, p in recipient_partners])
        rows = []
        for recipient_id, partner_id in recipient_partners:
            rows += [
                (recipient_id, product_id, "favourite", sequence)
                for sequence, product_id in enumerate(favourites.get(partner_id, []))
            ]
            rows += [
                (recipient_id, product.id, "new", 100)
                for product in self.new_product_ids
            ]
        if not rows:
            return
        columns = list(zip(*rows, strict=True))
        self.env.execute_query(
            SQL(
                """
                INSERT INTO customer_outreach_pick
                       (recipient_id, company_id, product_id, kind, sequence,
                        create_uid, create_date, write_uid, write_date)
                SELECT recipient, %(company)s, product, kind, sequence,
                       %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM unnest(%(recipients)s::int[], %(products)s::int[],
                              %(kinds)s::varchar[], %(sequences)s::int[])
                       AS row(recipient, product, kind, sequence)
                """,
                company=self.company_id.id,
                uid=self.env.uid,
                recipients=list(columns[0]),
                products=list(columns[1]),
                kinds=list(columns[2]),
                sequences=list(columns[3]),
            )
        )
        self.env["customer.outreach.recipient"].invalidate_model(["pick_ids"])

    def _favourite_products(self, partner_ids):
        """Each customer's most bought products, from every kind of sale."""
        return self.env["customer.value"]._favourite_products(
            self.company_id, partner_ids, self.favourite_count
        )

    def _notify_assigned_people(self):
        """One activity per person with notes to write, kept up to date."""
        self.ensure_one()
        if not self.personal:
            return
        pending = self.env["customer.outreach.recipient"]._read_group(
            [("campaign_id", "=", self.id), ("state", "=", "to_prepare")],
            ["user_id"],
            ["__count"],
        )
        notes_type = self.env.ref("customer_centricity.mail_activity_outreach_notes")
        existing = {
            activity.user_id: activity
            for activity in self.activity_ids
            if activity.activity_type_id == notes_type
        }
        for user, count in pending:
            summary = self.env._("Write %(count)s personal notes", count=count)
            if user in existing:
                existing[user].summary = summary
                continue
            self.activity_schedule(
                "customer_centricity.mail_activity_outreach_notes",
                summary=summary,
                note=self.env._(
                    "Open the campaign's recipients, filter on 'Mine' and write a "
                    "note for each customer you know."
                ),
                user_id=user.id,
            )

    def action_ready(self):
        """Every note written: ready, or to approve when over the owner's budget."""
        self._check_can_run()
        for campaign in self:
            if campaign.state != "preparing":
                raise UserError(
                    self.env._("Only campaigns in preparation become ready.")
                )
            missing = campaign.recipient_ids.filtered(lambda r: r.state == "to_prepare")
            if missing:
                raise UserError(
                    self.env._(
                        "%(count)s recipients need a personal note, e.g. %(name)s.",
                        count=len(missing),
                        name=missing[0].partner_id.display_name,
                    )
                )
            if campaign._over_budget():
                campaign._request_approval()
            else:
                campaign._set_state("ready")
        return True

    def _over_budget(self):
        """Above what the owner may spend alone (the budget or an approval)."""
        self.ensure_one()
        if self._is_manager():
            return False
        allowed = max(self.budget, self.approved_cost)
        return self.currency_id.compare_amounts(self.planned_cost, allowed) > 0

    def _check_budget(self):
        for campaign in self:
            if campaign._over_budget():
                raise UserError(
                    self.env._(
                        "%(name)s costs %(cost)s, above the budget of %(budget)s: "
                        "a manager approves it first.",
                        name=campaign.name,
                        cost=campaign.planned_cost,
                        budget=max(campaign.budget, campaign.approved_cost),
                    )
                )

    def _request_approval(self):
        self.ensure_one()
        self._set_state("to_approve")
        for approver in self._approvers():
            self.activity_schedule(
                "customer_centricity.mail_activity_outreach_approval",
                summary=self.env._("Approve the campaign %s", self.name),
                note=self.env._(
                    "%(cost)s planned against a budget of %(budget)s.",
                    cost=self.planned_cost,
                    budget=self.budget,
                ),
                user_id=approver.id,
            )

    def _approvers(self):
        """The owner's team leader if a manager, else the company's managers."""
        self.ensure_one()
        managers = self.env.ref(
            "customer_centricity.group_customer_centricity_manager"
        ).users.filtered(
            lambda u: not u.share and u.active and self.company_id in u.company_ids
        )
        leaders = self.user_id.crm_team_ids.user_id & managers
        return leaders or managers - self.env.ref("base.user_root")

    def action_approve(self):
        """Managers approve the planned cost: the owner may send it."""
        self._check_manager()
        for campaign in self:
            if campaign.state != "to_approve":
                raise UserError(self.env._("Only campaigns to approve are approved."))
            campaign._set_state(
                "ready",
                approved_cost=campaign.planned_cost,
                approved_by_id=self.env.uid,
            )
            campaign.activity_feedback(
                ["customer_centricity.mail_activity_outreach_approval"],
                feedback=self.env._("Approved"),
            )
            campaign.message_post(
                body=self.env._(
                    "Approved with a cost of %s. You can send it now.",
                    campaign.planned_cost,
                ),
                partner_ids=campaign.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_refuse(self, reason):
        """Managers refuse with a reason: back to preparing, the owner is told."""
        self._check_manager()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the campaign is refused."))
        for campaign in self:
            if campaign.state != "to_approve":
                raise UserError(self.env._("Only campaigns to approve are refused."))
            campaign._set_state("preparing")
            campaign.activity_unlink(
                ["customer_centricity.mail_activity_outreach_approval"]
            )
            campaign.message_post(
                body=self.env._("Refused: %s", reason),
                partner_ids=campaign.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            campaign.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Campaign refused: rework it"),
                note=reason,
                user_id=campaign.user_id.id,
            )
        return True

    def _check_manager(self):
        self.env.user._check_customer_centricity_manager(
            self.env._("Only Customer Centricity managers can do this.")
        )

    def action_cancel(self):
        self._check_can_run()
        if self.filtered(lambda c: c.state == "done"):
            raise UserError(self.env._("A sent campaign cannot be cancelled."))
        self.activity_unlink(["customer_centricity.mail_activity_outreach_approval"])
        self._set_state("cancel")
        return True

    def action_draft(self):
        self._check_can_run()
        self.filtered(lambda c: c.state == "cancel")._set_state("draft")
        return True

    # ------------------------------------------------------------------
    # Sending: exactly once
    # ------------------------------------------------------------------
    def action_send(self):
        """Queue the e-mails of every ready recipient, in committed batches."""
        self._check_can_run()
        for campaign in self:
            if campaign.state not in ("ready", "sending"):
                raise UserError(self.env._("Only ready campaigns are sent."))
            if campaign.channel not in EMAIL_CHANNELS:
                raise UserError(
                    self.env._("Print the letters, post them, then mark them posted.")
                )
            campaign._check_budget()
            campaign._send()
        return True

    @api.model
    def _cron_send(self):
        for campaign in self.search([("state", "=", "sending")]):
            try:
                campaign._send()
            except UserError as error:  # another send holds the lock
                _logger.info("Campaign %s skipped: %s", campaign.id, error)

    def _send(self):
        self.ensure_one()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        self._lock_for_sending()
        self._set_state("sending", date_sent=self.date_sent or fields.Datetime.now())
        if auto_commit:
            # The lock ends with the transaction: take it again after commit.
            self.env.cr.commit()  # pylint: disable=invalid-commit
            self._lock_for_sending()
        while True:
            batch = self.env["customer.outreach.recipient"].search(
                [("campaign_id", "=", self.id), ("state", "=", "ready")],
                limit=SEND_BATCH_SIZE,
                order="id",
            )
            if not batch:
                break
            # Each batch is all-or-nothing: a crash leaves the recipients of the
            # batch 'ready' and their e-mails unwritten, so a rerun sends them once.
            with self.env.cr.savepoint():
                batch._deliver()
            if auto_commit:
                # Commit so that sent recipients survive a later crash; needed
                # for exactly-once delivery across reruns.
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self._lock_for_sending()
        self._set_state("done")

    def _lock_for_sending(self):
        """Row lock on the campaign: a cron and a manual send never overlap."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.execute_query(
                    SQL(
                        "SELECT id FROM customer_outreach_campaign WHERE id = %s "
                        "FOR UPDATE NOWAIT",
                        self.id,
                    )
                )
        except errors.LockNotAvailable:
            raise UserError(
                self.env._("The campaign %s is being sent right now.", self.name)
            ) from None

    def action_retry_failed(self):
        """Queue again the e-mails the mail server refused, if still allowed.

        Returns the number of e-mails queued again.
        """
        self._check_can_run()
        # sudo: e-mails in the queue are readable by system administrators
        # only; these are the campaign's own, checked by _check_can_run
        failed = self.sudo().recipient_ids.filtered(lambda r: r.state == "failed")
        blacklisted = self._blacklisted_emails(failed.partner_id)
        retried = failed.browse()
        for recipient in failed:
            reason = recipient.campaign_id._exclusion_reason(
                recipient.partner_id, blacklisted
            )
            if reason:
                recipient.write({"state": "excluded", "exclusion_reason": reason})
            elif recipient.mail_id.state == "exception":
                retried |= recipient
        retried.mail_id.mark_outgoing()
        retried.write({"state": "sent", "failure_reason": False})
        return len(retried)

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

    def action_update_results(self):
        """Revenue of each recipient in the window after sending (one query).

        The same sales as the lifetime value: invoices and imported history,
        and what the bridges add (sales orders, point of sale), each once.
        """
        self._check_can_run()
        Value = self.env["customer.value"]
        self.env.flush_all()
        for campaign in self.filtered("date_sent"):
            start = campaign.date_sent.date()
            end = start + timedelta(days=campaign.revenue_days)
            transactions = SQL(" UNION ALL ").join(
                Value._transaction_queries(campaign.company_id, end - timedelta(days=1))
            )
            self.env.execute_query(
                SQL(
                    """
                    WITH tx AS (%(transactions)s),
                    revenue AS (
                        SELECT partner_id, sum(amount) AS amount
                          FROM tx
                         WHERE date >= %(start)s
                           AND partner_id IN (
                               SELECT partner_id FROM customer_outreach_recipient
                                WHERE campaign_id = %(campaign)s)
                         GROUP BY partner_id
                    )
                    UPDATE customer_outreach_recipient r
                       SET revenue_after = coalesce((
                           SELECT amount FROM revenue
                            WHERE revenue.partner_id = r.partner_id
                       ), 0)
                     WHERE r.campaign_id = %(campaign)s
                    """,
                    transactions=transactions,
                    start=start,
                    campaign=campaign.id,
                )
            )
        self.env["customer.outreach.recipient"].invalidate_model(["revenue_after"])
        return True

    @api.model
    def _cron_update_results(self):
        self.search([("state", "=", "done")]).action_update_results()

    def action_print_letters(self):
        """One PDF with a letter per recipient, attached to the campaign."""
        self.ensure_one()
        self._check_can_run()
        recipients = self.recipient_ids.filtered(
            lambda r: r.state in ("ready", "sent", "delivered")
        )
        if not recipients:
            raise UserError(self.env._("No recipient to print a letter for."))
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Letters - %s.pdf", self.name),
                "raw": recipients._render_letters_pdf(),
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

    # ------------------------------------------------------------------
    # Mach mich besser
    # ------------------------------------------------------------------
    def action_copy_campaign(self):
        """Start a new campaign as a copy of this one (settings and variants)."""
        self.ensure_one()
        new = self.copy(
            {
                "name": self.env._("%s (copy)", self.name),
                "copied_from_id": self.id,
                "user_id": self.env.uid,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_view_recipients(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_centricity.customer_outreach_recipient_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id, "search_default_mine": 0}
        return action

    def action_view_replies(self):
        """The recipients who answered the e-mail."""
        action = self.action_view_recipients()
        action["context"] = {**action["context"], "search_default_replied": 1}
        return action
