# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import quarter as quarters
from ..lib.rfm import SEGMENTS

REVIEW_DAYS_BEFORE_QUARTER_END = 7

ORIGINS = [
    ("customer_feedback", "Customer feedback"),
    ("contact", "Customer contact"),
    ("process_fault", "Process fault report"),
    ("kpi", "KPI"),
    ("campaign_lesson", "Campaign lesson"),
    ("other", "Other"),
]


class CustomerInitiative(models.Model):
    """A quarterly initiative to get closer to the customers."""

    _name = "customer.initiative"
    _description = "Customer Initiative"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "quarter desc, priority desc, vote_count desc, sequence, id desc"
    _check_company_auto = True
    _mail_post_access = "read"  # every employee may comment

    def _default_stage_id(self):
        return self.env["customer.initiative.stage"].search(
            self._stage_domain(), limit=1
        )

    def _default_quarter(self):
        return quarters.quarter_of(fields.Date.context_today(self))

    name = fields.Char(string="Title", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    customer_benefit = fields.Text(
        required=True,
        tracking=True,
        help="What does it bring to the customer? Every initiative answers it.",
    )
    description = fields.Text()
    quarter = fields.Char(
        required=True,
        index=True,
        tracking=True,
        default=_default_quarter,
        help="Quarter such as 2026-Q4; follows the start date unless chosen.",
    )
    date_start = fields.Date(string="Start")
    date_deadline = fields.Date(string="Deadline", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    proposed_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    team_id = fields.Many2one("crm.team", tracking=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    stage_id = fields.Many2one(
        "customer.initiative.stage",
        required=True,
        tracking=True,
        index=True,
        default=_default_stage_id,
        group_expand="_read_group_expand_stage_id",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    stage_state = fields.Selection(related="stage_id.state", store=True)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Very important")], default="0"
    )
    origin = fields.Selection(ORIGINS, string="Comes from", default="other")
    origin_contact_id = fields.Many2one(
        "customer.contact", string="From contact", check_company=True
    )
    process_fault_id = fields.Many2one(
        "customer.process.fault", string="From fault report", check_company=True
    )
    partner_ids = fields.Many2many("res.partner", string="Customers")
    segment = fields.Selection(SEGMENTS, string="Customer segment")
    kpi_name = fields.Char(string="KPI", tracking=True)
    kpi_baseline = fields.Float(string="Baseline")
    kpi_target = fields.Float(string="Target")
    kpi_result = fields.Float(string="Result at review", tracking=True)
    kpi_result_set = fields.Boolean(string="Result measured")
    kpi_progress = fields.Float(
        string="KPI progress (%)", compute="_compute_kpi", store=True, aggregator="avg"
    )
    kpi_reached = fields.Boolean(
        string="KPI target reached", compute="_compute_kpi", store=True
    )
    kpi_reached_share = fields.Float(
        string="KPI reached (%)",
        compute="_compute_kpi",
        store=True,
        aggregator="avg",
        help="100 when the measured result reaches the target: its average is the "
        "share of initiatives reaching their target.",
    )
    vote_ids = fields.One2many("customer.initiative.vote", "initiative_id")
    vote_count = fields.Integer(
        string="Supporters", compute="_compute_vote_count", store=True
    )
    voted = fields.Boolean(compute="_compute_voted", string="I support it")
    suggestion_ids = fields.One2many("customer.initiative.suggestion", "initiative_id")
    suggestion_count = fields.Integer(compute="_compute_suggestion_count")
    carry_over_count = fields.Integer(
        readonly=True, help="How often it moved on to the next quarter."
    )
    is_current_quarter = fields.Boolean(
        compute="_compute_is_current_quarter", search="_search_is_current_quarter"
    )
    review_quarter = fields.Char(
        readonly=True,
        copy=False,
        help="Quarter for which the owner already received the review activity.",
    )

    @api.depends(
        "kpi_name", "kpi_baseline", "kpi_target", "kpi_result", "kpi_result_set"
    )
    def _compute_kpi(self):
        for initiative in self:
            span = initiative.kpi_target - initiative.kpi_baseline
            measured = initiative.kpi_name and initiative.kpi_result_set and span
            if measured:
                progress = (
                    (initiative.kpi_result - initiative.kpi_baseline) / span * 100
                )
            else:
                progress = 0.0
            initiative.kpi_progress = progress
            initiative.kpi_reached = bool(measured) and progress >= 100
            initiative.kpi_reached_share = 100.0 if initiative.kpi_reached else 0.0

    @api.depends("vote_ids")
    def _compute_vote_count(self):
        counts = dict(
            self.env["customer.initiative.vote"]._read_group(
                [("initiative_id", "in", self.ids)], ["initiative_id"], ["__count"]
            )
        )
        for initiative in self:
            initiative.vote_count = counts.get(initiative, 0)

    @api.depends_context("uid")
    @api.depends("vote_ids")
    def _compute_voted(self):
        mine = self.env["customer.initiative.vote"].search(
            [("initiative_id", "in", self.ids), ("user_id", "=", self.env.uid)]
        )
        for initiative in self:
            initiative.voted = initiative in mine.initiative_id

    def _compute_suggestion_count(self):
        counts = dict(
            self.env["customer.initiative.suggestion"]._read_group(
                [("initiative_id", "in", self.ids)], ["initiative_id"], ["__count"]
            )
        )
        for initiative in self:
            initiative.suggestion_count = counts.get(initiative, 0)

    @api.depends("quarter")
    @api.depends_context("tz")
    def _compute_is_current_quarter(self):
        current = self._default_quarter()
        for initiative in self:
            initiative.is_current_quarter = initiative.quarter == current

    def _search_is_current_quarter(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        positive = (operator == "=") == bool(value)
        return [("quarter", "=" if positive else "!=", self._default_quarter())]

    @api.constrains("customer_benefit")
    def _check_customer_benefit(self):
        for initiative in self:
            if not (initiative.customer_benefit or "").strip():
                raise ValidationError(
                    self.env._("Say what the initiative brings to the customer.")
                )

    @api.constrains("quarter")
    def _check_quarter(self):
        for initiative in self:
            try:
                quarters.parse_quarter(initiative.quarter)
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "%s is not a quarter: write it like 2026-Q4.",
                        initiative.quarter,
                    )
                ) from None

    @api.constrains("kpi_name", "kpi_result_set", "kpi_baseline", "kpi_target")
    def _check_kpi(self):
        for initiative in self:
            if initiative.kpi_result_set and not initiative.kpi_name:
                raise ValidationError(
                    self.env._("A result needs a KPI: name what was measured.")
                )
            if initiative.kpi_name and initiative.kpi_baseline == initiative.kpi_target:
                raise ValidationError(
                    self.env._("The KPI target must differ from its baseline.")
                )

    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for initiative in self:
            if (
                initiative.date_start
                and initiative.date_deadline
                and initiative.date_deadline < initiative.date_start
            ):
                raise ValidationError(self.env._("The deadline lies before the start."))

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start:
            self.quarter = quarters.quarter_of(self.date_start)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_start") and not vals.get("quarter"):
                day = fields.Date.to_date(vals["date_start"])
                vals["quarter"] = quarters.quarter_of(day)
            if vals.get("quarter"):
                vals["quarter"] = vals["quarter"].strip().upper()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("quarter"):
            vals["quarter"] = vals["quarter"].strip().upper()
        return super().write(vals)

    def _stage_domain(self):
        company = self.env.company.id
        return ["|", ("company_id", "=", False), ("company_id", "=", company)]

    @api.model
    def _read_group_expand_stage_id(self, stages, domain):
        return stages.search(self._stage_domain())

    # ------------------------------------------------------------------
    # "Mach mich besser"
    # ------------------------------------------------------------------
    def action_toggle_vote(self):
        """Support the initiative, or take the support back."""
        self.ensure_one()
        Vote = self.env["customer.initiative.vote"]
        mine = Vote.search(
            [("initiative_id", "=", self.id), ("user_id", "=", self.env.uid)]
        )
        if mine:
            mine.unlink()
        else:
            Vote.create({"initiative_id": self.id})
        return True

    def action_suggest(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suggest an improvement"),
            "res_model": "customer.initiative.suggestion",
            "view_mode": "form",
            "target": "new",
            "context": {"default_initiative_id": self.id},
        }

    def action_view_suggestions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_centricity.customer_initiative_suggestion_action"
        )
        action["domain"] = [("initiative_id", "=", self.id)]
        action["context"] = {"default_initiative_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Quarterly rhythm
    # ------------------------------------------------------------------
    def action_carry_over(self):
        """Move unfinished initiatives into the next quarter, history kept."""
        closed = self.filtered(lambda initiative: initiative.stage_state != "open")
        if closed:
            raise UserError(
                self.env._(
                    "Only open initiatives move on: %s is closed.", closed[0].name
                )
            )
        for initiative in self:
            next_quarter = quarters.shift_quarter(initiative.quarter)
            initiative.write(
                {
                    "quarter": next_quarter,
                    "carry_over_count": initiative.carry_over_count + 1,
                }
            )
            initiative.message_post(
                body=self.env._("Carried over into %s.", next_quarter)
            )
        return True

    @api.model
    def _cron_schedule_reviews(self):
        """Give every owner one review activity per open initiative and quarter."""
        today = fields.Date.context_today(self)
        due_quarters = {
            quarters.quarter_of(today),
            quarters.shift_quarter(quarters.quarter_of(today), -1),
        }
        initiatives = self.search(
            [
                ("stage_state", "=", "open"),
                ("quarter", "in", sorted(due_quarters)),
            ]
        )
        for initiative in initiatives:
            _first, last = quarters.quarter_bounds(initiative.quarter)
            if initiative.review_quarter == initiative.quarter:
                continue
            if today < last - timedelta(days=REVIEW_DAYS_BEFORE_QUARTER_END):
                continue
            initiative.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=last,
                summary=self.env._("Quarterly review: %s", initiative.quarter),
                note=self.env._(
                    "Measure the KPI, then close the initiative or carry it over "
                    "into the next quarter."
                ),
                user_id=initiative.user_id.id,
            )
            initiative.review_quarter = initiative.quarter
