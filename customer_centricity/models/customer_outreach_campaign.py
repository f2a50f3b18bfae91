# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The outreach campaign: its fields and figures, who may change what, and the
steps from draft to ready (preparing, budget and approval, cancel, copy)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib.rfm import SEGMENTS
from .customer_outreach_exclusion_mixin import POSTAL_CHANNELS
from .customer_value import TIERS

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
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "customer.outreach.exclusion.mixin",
    ]
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
    unit_cost = fields.Monetary(
        compute="_compute_unit_cost",
        string="Cost per recipient",
        help="Gift plus postage where the campaign goes by post.",
    )
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
            unit_cost = campaign.unit_cost
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

    @api.depends("gift_unit_cost", "postage_unit_cost", "channel")
    def _compute_unit_cost(self):
        for campaign in self:
            postal = campaign.channel in POSTAL_CHANNELS
            campaign.unit_cost = campaign.gift_unit_cost + (
                campaign.postage_unit_cost if postal else 0
            )

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

    # ------------------------------------------------------------------
    # Who may change what
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

    # ------------------------------------------------------------------
    # Workflow: draft, preparing, ready or to approve, cancelled
    # ------------------------------------------------------------------
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
