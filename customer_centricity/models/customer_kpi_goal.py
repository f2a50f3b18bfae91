# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..lib.quarter import period_bounds
from ..report.customer_churn_report import churn_rows
from ..report.customer_referral_report import new_customer_rows

KPIS = [
    ("nps", "NPS of my customers"),
    ("csat", "Satisfied customers (%)"),
    ("ces", "Customer effort (1-7, 7 = easy)"),
    ("churn_rate", "Churn rate of my customers (%)"),
    ("referral_rate", "New customers through referrals (%)"),
    ("contacts", "Customer contacts"),
    ("customer_days", "Customer days"),
]
LOWER_IS_BETTER = {"churn_rate"}
COUNT_KPIS = {"contacts", "customer_days"}
FEEDBACK_KPIS = {"nps": "nps", "csat": "csat_satisfied", "ces": "ces"}


class CustomerKpiGoal(models.Model):
    """A customer goal in a person's review: a KPI target for a period.

    The achieved value is computed from the person's own customers (whose
    salesperson they are) or, for contacts, from their own contact log, and
    only for viewers who may see that person's figures: the person, the
    leader of one of their teams, Customer Centricity managers of the
    goal's company (``_filter_figures_visible``). Others get no data.
    """

    _name = "customer.kpi.goal"
    _description = "Customer Goal"
    _inherit = ["mail.thread"]
    _order = "date_start desc, user_id, kpi"

    user_id = fields.Many2one(
        "res.users",
        string="Person",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")], required=True, default="quarter"
    )
    date_start = fields.Date(
        string="From",
        required=True,
        default=fields.Date.context_today,
        help="Moved to the first day of its month or quarter.",
    )
    date_end = fields.Date(string="To", compute="_compute_date_end", store=True)
    kpi = fields.Selection(KPIS, string="KPI", required=True, tracking=True)
    target = fields.Float(required=True, tracking=True, digits=(6, 1))
    lower_is_better = fields.Boolean(compute="_compute_lower_is_better")
    achieved = fields.Float(compute="_compute_achieved", digits=(6, 1))
    basis_count = fields.Integer(
        string="Based on",
        compute="_compute_achieved",
        help="Answers, customers or contacts the achieved value is based on.",
    )
    status = fields.Selection(
        [
            ("no_data", "No data yet"),
            ("reached", "Reached"),
            ("running", "Running"),
            ("missed", "Missed"),
        ],
        compute="_compute_achieved",
    )
    note = fields.Text(string="Review note")

    @api.constrains("kpi", "target")
    def _check_target(self):
        for goal in self:
            if goal.kpi == "nps" and not -100 <= goal.target <= 100:
                raise ValidationError(
                    self.env._("An NPS goal lies between -100 and 100.")
                )
            if goal.kpi == "ces" and not 1 <= goal.target <= 7:
                raise ValidationError(
                    self.env._("A customer effort goal lies between 1 and 7.")
                )
            if goal.kpi in ("csat", "churn_rate", "referral_rate") and not (
                0 <= goal.target <= 100
            ):
                raise ValidationError(
                    self.env._("A percentage goal lies between 0 and 100.")
                )
            if goal.kpi in COUNT_KPIS and goal.target < 0:
                raise ValidationError(self.env._("A count cannot be negative."))

    @api.depends("period", "date_start")
    def _compute_date_end(self):
        for goal in self:
            goal.date_end = (
                goal.date_start and period_bounds(goal.date_start, goal.period)[1]
            )

    @api.depends("kpi")
    def _compute_lower_is_better(self):
        for goal in self:
            goal.lower_is_better = goal.kpi in LOWER_IS_BETTER

    @api.model
    def _period_start(self, day, period):
        return period_bounds(day, period)[0]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalise_start(vals)
        goals = super().create(vals_list)
        goals._check_figures_visible()
        return goals

    def write(self, vals):
        moves = {"user_id", "company_id"} & set(vals)
        if moves:
            self._check_figures_visible()
        if "date_start" in vals or "period" in vals:
            for goal in self:
                super(CustomerKpiGoal, goal).write(
                    self._normalise_start(
                        {"period": goal.period, "date_start": goal.date_start, **vals}
                    )
                )
            result = True
        else:
            result = super().write(vals)
        if moves:
            self._check_figures_visible()
        return result

    def _normalise_start(self, vals):
        if vals.get("date_start"):
            vals["date_start"] = self._period_start(
                fields.Date.to_date(vals["date_start"]), vals.get("period") or "quarter"
            )
        return vals

    def _check_figures_visible(self):
        """Refuse goals of people whose figures the current user may not see."""
        if self - self._filter_figures_visible():
            raise AccessError(
                self.env._(
                    "You may set goals only for yourself, the members of the "
                    "teams you lead or, as a manager, your companies' people."
                )
            )

    def _filter_figures_visible(self):
        """The goals whose person's figures the current user may see.

        The person themselves, the leader of one of their sales teams, and
        Customer Centricity managers; each only for goals of their own
        companies. Superuser mode sees everything. One query at most.
        """
        if self.env.su:
            return self
        user = self.env.user
        goals = self.filtered(
            lambda goal: goal.user_id and goal.company_id in user.company_ids
        )
        if user.has_group("customer_centricity.group_customer_centricity_manager"):
            return goals
        others = goals.user_id - user
        # sudo: team memberships of others; only "led by the viewer" is used
        led = others and (
            self.env["res.users"]
            .sudo()
            .search([("id", "in", others.ids), ("crm_team_ids.user_id", "=", user.id)])
        )
        return goals.filtered(lambda goal: goal.user_id == user or goal.user_id in led)

    @api.depends("user_id", "company_id", "kpi", "target", "date_start", "date_end")
    @api.depends_context("uid")
    def _compute_achieved(self):
        # figures of people the viewer may not see stay empty ("no data"),
        # also on new records (onchange) whatever user_id is sent
        figures = self._filter_figures_visible()._achieved_figures()
        today = fields.Date.context_today(self)
        for goal in self:
            value, count = figures.get(goal.id, (0.0, 0))
            goal.achieved = value
            goal.basis_count = count
            goal.status = goal._status(value, count, today)

    def _status(self, value, count, today):
        if not self.date_end or (not count and self.kpi not in COUNT_KPIS):
            return "no_data"
        if self.lower_is_better:
            reached = value <= self.target
        else:
            reached = value >= self.target
        # an average can still move; a count once reached stays reached
        if self.date_end >= today and not (reached and self.kpi in COUNT_KPIS):
            return "running"
        return "reached" if reached else "missed"

    # ------------------------------------------------------------------
    # Achieved values: one query per KPI and period, whatever the number
    # of goals.
    # ------------------------------------------------------------------
    def _achieved_figures(self):
        """``{goal id: (value, basis count)}`` for all goals in self."""
        # churn and referrals are read with SQL
        self.env["res.partner"].flush_model(["user_id", "referred_by_id"])
        self.env["customer.value"].flush_model(["first_purchase_date"])
        self.env["customer.value.snapshot"].flush_model()
        batches = defaultdict(lambda: self.browse())
        for goal in self.filtered(lambda g: g.kpi and g.date_start and g.user_id):
            batches[(goal.kpi, goal.company_id, goal.date_start, goal.date_end)] |= goal
        figures = {}
        for (kpi, company, start, end), goals in batches.items():
            by_user = getattr(self, f"_achieved_{kpi}", None) or self._achieved_feedback
            per_user = by_user(kpi, company, start, end, goals.user_id)
            for goal in goals:
                figures[goal.id] = per_user.get(goal.user_id.id, (0.0, 0))
        return figures

    def _achieved_feedback(self, kpi, company, start, end, users):
        # sudo: goals are visible exactly to those who may see the person's
        # customer figures (the same record rules); the KPI is an aggregate
        rows = (
            self.env["customer.feedback.report"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("user_id", "in", users.ids),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ],
                ["user_id"],
                # avg and count skip the answers without this score (NULL)
                [f"{FEEDBACK_KPIS[kpi]}:avg", f"{FEEDBACK_KPIS[kpi]}:count"],
            )
        )
        return {user.id: (value or 0.0, count) for user, value, count in rows}

    def _achieved_contacts(self, kpi, company, start, end, users):
        domain = [
            ("company_id", "=", company.id),
            ("user_id", "in", users.ids),
            ("state", "=", "done"),
            ("local_date", ">=", start),
            ("local_date", "<=", end),
        ]
        # sudo: see _achieved_feedback
        rows = (
            self.env["customer.contact"]
            .sudo()
            ._read_group(domain, ["user_id"], ["__count"])
        )
        return {user.id: (float(count), count) for user, count in rows}

    def _achieved_customer_days(self, kpi, company, start, end, users):
        """Customer days as in the compliance report, summed over its months.

        Periods start on the first of a month, so the report's months cover
        them exactly; the rule of a customer day lives in the report only.
        """
        # sudo: see _achieved_feedback
        rows = (
            self.env["customer.contact.report"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("user_id", "in", users.ids),
                    ("month", ">=", start),
                    ("month", "<=", end),
                ],
                ["user_id"],
                ["customer_days:sum"],
            )
        )
        return {user.id: (float(days or 0), days or 0) for user, days in rows}

    def _achieved_referral_rate(self, kpi, company, start, end, users):
        """Share of the new customers of the period who came through a referral.

        Who is new and who was referred is the referral report's rule.
        """
        rows = self.env.execute_query(
            SQL(
                """
                WITH new_customer AS (%(new_customers)s)
                SELECT user_id, count(*),
                       100.0 * count(referred_by_id) / count(*)
                  FROM new_customer
                 WHERE company_id = %(company)s
                   AND user_id = ANY(%(users)s)
                   AND first_purchase_date BETWEEN %(start)s AND %(end)s
              GROUP BY user_id
                """,
                new_customers=new_customer_rows(),
                company=company.id,
                users=users.ids,
                start=start,
                end=end,
            )
        )
        return {user_id: (rate, count) for user_id, count, rate in rows}

    def _achieved_churn_rate(self, kpi, company, start, end, users):
        """Share of the customers active before the period who are not at its end.

        The end is the period's last month with activity figures (a running
        period is measured up to the latest recompute); who churned is the
        churn report's rule.
        """
        last_month = SQL(
            """
            SELECT company_id, %(before)s::date AS before_month,
                   max(month) AS month
              FROM customer_value_snapshot
             WHERE company_id = %(company)s AND month <= %(end)s
               AND month >= %(start)s
          GROUP BY company_id
            """,
            company=company.id,
            start=start,
            end=end,
            before=start - relativedelta(months=1),
        )
        rows = self.env.execute_query(
            SQL(
                """
                WITH churn AS (%(churn)s)
                SELECT p.user_id, count(*),
                       100.0 * count(*) FILTER (WHERE c.churned) / count(*)
                  FROM churn c
                  JOIN res_partner p ON p.id = c.partner_id
                 WHERE p.user_id = ANY(%(users)s)
              GROUP BY p.user_id
                """,
                churn=churn_rows(last_month),
                users=users.ids,
            )
        )
        return {user_id: (rate, count) for user_id, count, rate in rows}
