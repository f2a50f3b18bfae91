# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..lib.quarter import period_bounds, quarter_of

PERIOD_COUNT = 13  # the chosen period and the twelve before it
AT_RISK_SEGMENTS = ("at_risk", "cant_lose", "about_to_sleep")
TOP_TIERS = ("top10", "top20")
# figure of the graphical board -> the method that opens its records
FIGURE_ACTIONS = {
    "compliance": "action_open_contacts",
    "nps": "action_open_kpis",
    "csat": "action_open_kpis",
    "ces": "action_open_kpis",
    "churn": "action_open_churn",
    "clv": "action_open_clv",
    "movement": "action_open_movement",
    "at_risk": "action_open_at_risk",
    "sent": "action_open_campaigns",
    "positive": "action_open_campaigns",
    "revenue_after": "action_open_campaigns",
    "cost_per_positive": "action_open_campaigns",
    "initiatives": "action_open_initiatives",
    "mail_share": "action_open_mail_test",
    "self_image": "action_open_surveys",
    "follow_ups": "action_open_follow_ups",
    "goals": "action_open_goals",
}


class CustomerCentricityDashboard(models.TransientModel):
    """The owner's page: every figure of the period, each opening its report.

    Figures are read with the viewer's rights, so a team leader sees the
    figures of the records rules let them see, an owner the whole company.
    """

    _name = "customer.centricity.dashboard"
    _description = "Customer Centricity Dashboard"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period = fields.Selection(
        [("month", "This month"), ("quarter", "This quarter")],
        required=True,
        default="quarter",
    )
    day = fields.Date(
        string="Period containing", required=True, default=fields.Date.context_today
    )
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")
    currency_id = fields.Many2one(related="company_id.currency_id")

    # contact compliance
    target_person_count = fields.Integer(
        string="Person-months with a target", compute="_compute_figures"
    )
    target_reached_count = fields.Integer(
        string="Targets reached", compute="_compute_figures"
    )
    contact_compliance = fields.Float(
        string="Contact compliance (%)", compute="_compute_figures"
    )
    contact_count = fields.Integer(
        string="Customer contacts", compute="_compute_figures"
    )
    # customer value
    predicted_clv_total = fields.Monetary(
        string="Predicted CLV of all customers", compute="_compute_figures"
    )
    moved_up_count = fields.Integer(
        string="Customers moved up", compute="_compute_figures"
    )
    moved_down_count = fields.Integer(
        string="Customers moved down", compute="_compute_figures"
    )
    clv_change = fields.Monetary(
        string="Predicted CLV change", compute="_compute_figures"
    )
    # initiatives
    initiative_count = fields.Integer(string="Initiatives", compute="_compute_figures")
    initiative_done_count = fields.Integer(
        string="Initiatives done", compute="_compute_figures"
    )
    # campaigns
    campaign_sent_count = fields.Integer(
        string="Outreach sent", compute="_compute_figures"
    )
    campaign_positive_count = fields.Integer(
        string="Positive reactions", compute="_compute_figures"
    )
    campaign_reaction_rate = fields.Float(
        string="Reaction rate (%)", compute="_compute_figures"
    )
    campaign_revenue_after = fields.Monetary(
        string="Revenue after outreach", compute="_compute_figures"
    )
    # customer KPIs
    feedback_count = fields.Integer(
        string="Customer answers", compute="_compute_figures"
    )
    nps = fields.Float(string="NPS", compute="_compute_figures")
    csat_satisfied = fields.Float(string="Satisfied (%)", compute="_compute_figures")
    ces = fields.Float(string="Customer effort (1-7)", compute="_compute_figures")
    overdue_follow_up_count = fields.Integer(
        string="Late follow-ups", compute="_compute_figures"
    )
    churn_rate = fields.Float(string="Churn rate (%)", compute="_compute_figures")
    referral_rate = fields.Float(
        string="Referred new customers (%)", compute="_compute_figures"
    )
    goal_count = fields.Integer(string="Customer goals", compute="_compute_figures")
    goal_reached_count = fields.Integer(
        string="Goals reached", compute="_compute_figures"
    )
    # mail test and surveys
    mail_customer_share = fields.Float(
        string="Mail to customers (%)", compute="_compute_figures"
    )
    mail_warning_count = fields.Integer(
        string="People below the warning threshold", compute="_compute_figures"
    )
    self_image_gap = fields.Float(
        string="Self-image gap (latest)", compute="_compute_figures"
    )
    pillar_score = fields.Float(
        string="Five pillars (latest, 1-5)", compute="_compute_figures"
    )

    @api.depends("period", "day")
    def _compute_dates(self):
        for board in self:
            day = board.day or fields.Date.context_today(board)
            board.date_from, board.date_to = period_bounds(day, board.period)

    @api.depends("company_id", "date_from", "date_to")
    def _compute_figures(self):
        for board in self:
            figures = {}
            for section in (
                board._contact_figures,
                board._value_figures,
                board._initiative_figures,
                board._campaign_figures,
                board._kpi_figures,
                board._mail_test_figures,
                board._survey_figures,
            ):
                figures.update(section())
            board.update(figures)

    # ------------------------------------------------------------------
    def _period_domain(self, field):
        return [
            ("company_id", "=", self.company_id.id),
            (field, ">=", self.date_from),
            (field, "<=", self.date_to),
        ]

    @staticmethod
    def _with_target():
        return ["|", ("contact_target", ">", 0), ("customer_day_target", ">", 0)]

    def _target_domain(self):
        return [*self._period_domain("month"), *self._with_target()]

    def _contact_figures(self):
        rows = self.env["customer.contact.report"]._read_group(
            self._target_domain(),
            ["target_reached"],
            ["__count"],
        )
        counts = dict(rows)
        with_target = sum(counts.values())
        contacts = self.env["customer.contact"].search_count(
            [*self._period_domain("local_date"), ("state", "=", "done")]
        )
        return {
            "target_person_count": with_target,
            "target_reached_count": counts.get(True, 0),
            "contact_compliance": 100.0 * counts.get(True, 0) / with_target
            if with_target
            else 0.0,
            "contact_count": contacts,
        }

    def _value_figures(self):
        [[total]] = self.env["customer.value"]._read_group(
            [("company_id", "=", self.company_id.id)], [], ["predicted_clv:sum"]
        )
        # the moves between the monthly snapshots within the period
        rows = self.env["customer.value.movement.report"]._read_group(
            self._period_domain("month"), ["movement"], ["__count", "clv_change:sum"]
        )
        moves = {movement: (count, change) for movement, count, change in rows}
        return {
            "predicted_clv_total": total or 0.0,
            "moved_up_count": moves.get("up", (0, 0))[0],
            "moved_down_count": moves.get("down", (0, 0))[0],
            "clv_change": sum(change for _count, change in moves.values()),
        }

    def _quarters(self):
        quarters, day = [], self.date_from
        while day <= self.date_to:
            quarters.append(quarter_of(day))
            day += relativedelta(months=3)
        return quarters

    def _initiative_figures(self):
        rows = self.env["customer.initiative"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("quarter", "in", self._quarters()),
            ],
            ["stage_state"],
            ["__count"],
        )
        counts = dict(rows)
        return {
            "initiative_count": sum(counts.values()),
            "initiative_done_count": counts.get("done", 0),
        }

    def _sent_domain(self):
        return [
            ("company_id", "=", self.company_id.id),
            ("sent_date", ">=", self.date_from),
            ("sent_date", "<", self.date_to + relativedelta(days=1)),
        ]

    def _campaign_figures(self):
        [[sent, positive, revenue]] = self.env[
            "customer.outreach.recipient"
        ]._read_group(
            self._sent_domain(), [], ["__count", "positive:sum", "revenue_after:sum"]
        )
        return {
            "campaign_sent_count": sent,
            "campaign_positive_count": positive or 0,
            "campaign_reaction_rate": 100.0 * (positive or 0) / sent if sent else 0.0,
            "campaign_revenue_after": revenue or 0.0,
        }

    def _kpi_figures(self):
        [[count, nps, csat, ces]] = self.env["customer.feedback.report"]._read_group(
            self._period_domain("date"),
            [],
            ["answer_count:sum", "nps:avg", "csat_satisfied:avg", "ces:avg"],
        )
        Feedback = self.env["customer.feedback"]
        overdue = Feedback.search_count(
            [
                ("company_id", "=", self.company_id.id),
                *Feedback._late_follow_up_domain(),
            ]
        )
        [[churn]] = self.env["customer.churn.report"]._read_group(
            self._churn_domain(), [], ["churn_rate:avg"]
        )
        [[referral]] = self.env["customer.referral.report"]._read_group(
            self._period_domain("month"), [], ["referral_rate:avg"]
        )
        goals = self.env["customer.kpi.goal"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_start", "<=", self.date_to),
                ("date_end", ">=", self.date_from),
            ]
        )
        return {
            "feedback_count": count or 0,
            "nps": nps or 0.0,
            "csat_satisfied": csat or 0.0,
            "ces": ces or 0.0,
            "overdue_follow_up_count": overdue,
            "churn_rate": churn or 0.0,
            "referral_rate": referral or 0.0,
            "goal_count": len(goals),
            "goal_reached_count": len(goals.filtered(lambda g: g.status == "reached")),
        }

    def _mail_test_figures(self):
        # one pass over the message tables: the report is the costly one
        rows = self.env["customer.mail.test.report"]._read_group(
            self._period_domain("month"),
            ["rating"],
            [
                "message_count:sum",
                "customer_message_count:sum",
                "user_id:count_distinct",
            ],
        )
        messages = sum(row[1] for row in rows)
        to_customers = sum(row[2] for row in rows)
        below = sum(row[3] for row in rows if row[0] == "warning")
        return {
            "mail_customer_share": 100.0 * to_customers / messages if messages else 0.0,
            "mail_warning_count": below,
        }

    def _latest_survey(self, kind):
        return (
            self.env["customer.employee.survey.result"]
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("kind", "=", kind),
                    ("scope", "=", "company"),
                ],
                order="date desc, id desc",
                limit=1,
            )
            .survey_id
        )

    def _self_image_domain(self):
        return [
            ("survey_id", "=", self._latest_survey("self_image").id),
            ("scope", "=", "company"),
        ]

    def _survey_figures(self):
        Result = self.env["customer.employee.survey.result"]
        [[gap]] = Result._read_group(self._self_image_domain(), [], ["gap:avg"])
        [[pillars]] = Result._read_group(
            [
                ("survey_id", "=", self._latest_survey("pillars").id),
                ("scope", "=", "company"),
            ],
            [],
            ["employee_score:avg"],
        )
        return {"self_image_gap": gap or 0.0, "pillar_score": pillars or 0.0}

    def _latest_month_domain(self, model):
        """The period's latest month that has rows: stock figures read it."""
        latest = self.env[model].search(
            self._period_domain("month"), order="month desc", limit=1
        )
        return [("company_id", "=", self.company_id.id), ("month", "=", latest.month)]

    def _churn_domain(self):
        return self._latest_month_domain("customer.churn.report")

    def _at_risk_domain(self):
        return [
            ("company_id", "=", self.company_id.id),
            ("tier", "in", TOP_TIERS),
            ("segment", "in", AT_RISK_SEGMENTS),
        ]

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------
    def _open(self, xmlid, domain=None, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain or []
        action["context"] = context or {}
        return action

    def action_open_contacts(self):
        return self._open(
            "customer_centricity.customer_contact_report_action",
            self._target_domain(),
        )

    def action_open_movement(self):
        return self._open(
            "customer_centricity.customer_value_movement_report_action",
            self._period_domain("month"),
        )

    def action_open_initiatives(self):
        return self._open(
            "customer_centricity.customer_initiative_action",
            [
                ("company_id", "=", self.company_id.id),
                ("quarter", "in", self._quarters()),
            ],
        )

    def action_open_campaigns(self):
        return self._open(
            "customer_centricity.customer_outreach_recipient_action",
            self._sent_domain(),
        )

    def action_open_kpis(self):
        return self._open(
            "customer_centricity.customer_feedback_report_action",
            self._period_domain("date"),
        )

    def action_open_follow_ups(self):
        return self._open(
            "customer_centricity.customer_feedback_action",
            [("company_id", "=", self.company_id.id)],
            {"search_default_overdue": 1},
        )

    def action_open_churn(self):
        return self._open(
            "customer_centricity.customer_churn_report_action", self._churn_domain()
        )

    def action_open_clv(self):
        return self._open(
            "customer_centricity.customer_value_movement_report_action",
            self._latest_month_domain("customer.value.movement.report"),
        )

    def action_open_at_risk(self):
        return self._open(
            "customer_centricity.customer_value_action", self._at_risk_domain()
        )

    def action_open_goals(self):
        return self._open(
            "customer_centricity.customer_kpi_goal_action",
            [
                ("company_id", "=", self.company_id.id),
                ("date_start", "<=", self.date_to),
                ("date_end", ">=", self.date_from),
            ],
            {"search_default_group_user": 1},
        )

    def action_open_mail_test(self):
        return self._open(
            "customer_centricity.customer_mail_test_report_action",
            self._period_domain("month"),
        )

    def action_open_surveys(self):
        return self._open(
            "customer_centricity.customer_employee_survey_result_action_gap",
            self._self_image_domain(),
        )

    # ------------------------------------------------------------------
    # The graphical board: the period and the twelve before it
    # ------------------------------------------------------------------
    @api.model
    def get_board(self, period="quarter", day=None):
        """Everything the owner dashboard draws, read with the caller's rights."""
        return self._board_for(period, day)._board_data()

    @api.model
    def action_open_figure(self, key, period="quarter", day=None):
        """The records behind one figure of the board, for one period."""
        if key not in FIGURE_ACTIONS:
            raise UserError(self.env._("The dashboard has no figure %s.", key))
        return getattr(self._board_for(period, day), FIGURE_ACTIONS[key])()

    @api.model
    def _board_for(self, period, day):
        if period not in ("month", "quarter"):
            raise UserError(self.env._("Choose a month or a quarter."))
        try:
            day = fields.Date.to_date(day) or fields.Date.context_today(self)
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("%s is not a date.", day)) from error
        # a record in memory only: nothing is written when somebody looks
        return self.new(
            {"company_id": self.env.company.id, "period": period, "day": day}
        )

    def _months_per_period(self):
        return 3 if self.period == "quarter" else 1

    def _bucket_starts(self):
        step = relativedelta(months=self._months_per_period())
        return [
            self.date_from - step * back for back in range(PERIOD_COUNT - 1, -1, -1)
        ]

    def _bucket_index(self, day, first):
        months = (day.year - first.year) * 12 + day.month - first.month
        return months // self._months_per_period()

    def _bucket_label(self, start):
        if self.period == "quarter":
            return quarter_of(start)
        return format_date(self.env, start, date_format="MMM yyyy")

    def _by_bucket(self, model, domain, date_field, groupby, aggregates):
        """{bucket index: {group: [aggregates summed]}} over the 13 periods.

        One query: grouped by month, the months summed into the periods.
        """
        starts = self._bucket_starts()
        rows = self.env[model]._read_group(
            [
                *domain,
                (date_field, ">=", starts[0]),
                (date_field, "<", self.date_to + relativedelta(days=1)),
            ],
            [f"{date_field}:month", *groupby],
            aggregates,
        )
        buckets = {}
        for month, *rest in rows:
            month = fields.Date.to_date(month)
            group = tuple(rest[: len(groupby)])
            values = [value or 0 for value in rest[len(groupby) :]]
            sums = buckets.setdefault(self._bucket_index(month, starts[0]), {})
            before = sums.get(group, [0] * len(values))
            sums[group] = [a + b for a, b in zip(before, values, strict=True)]
        return buckets

    def _latest_by_bucket(self, model, domain, groupby, aggregates):
        """Stock figures: per period the values of its latest month with rows."""
        starts = self._bucket_starts()
        rows = self.env[model]._read_group(
            [*domain, ("month", ">=", starts[0]), ("month", "<=", self.date_to)],
            ["month:month", *groupby],
            aggregates,
        )
        latest = {}
        for month, *rest in rows:
            month = fields.Date.to_date(month)
            index = self._bucket_index(month, starts[0])
            group = tuple(rest[: len(groupby)])
            values = [value or 0 for value in rest[len(groupby) :]]
            known, groups = latest.get(index, (None, {}))
            if known is None or month > known:
                latest[index] = (month, {group: values})
            elif month == known:
                groups[group] = values
        return {index: groups for index, (_month, groups) in latest.items()}

    @staticmethod
    def _ratio(numerator, denominator, scale=100.0):
        return scale * numerator / denominator if denominator else None

    def _trend(self, key, label, values, unit="", better="up"):
        current, previous = values[-1], values[-2]
        change = (
            current - previous if current is not None and previous is not None else None
        )
        return {
            "key": key,
            "label": label,
            "unit": unit,
            "better": better,
            "values": values,
            "value": current,
            "previous": previous,
            "change": change,
        }

    def _board_data(self):
        starts = self._bucket_starts()
        currency = self.company_id.currency_id
        return {
            "period": self.period,
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "title": self._bucket_label(self.date_from),
            "labels": [self._bucket_label(start) for start in starts],
            "days": [fields.Date.to_string(start) for start in starts],
            "currency": {"symbol": currency.symbol, "position": currency.position},
            "trends": self._board_trends(),
            "compliance_by_person": self._board_compliance_by_person(),
            "movements": self._board_movements(),
            "at_risk": self._board_at_risk(),
            "initiatives": self._board_initiatives(),
            "mail_test": self._board_mail_test(),
            "self_image": self._board_self_image(),
        }

    def _board_trends(self):
        company = [("company_id", "=", self.company_id.id)]
        trends = []
        contacts = self._by_bucket(
            "customer.contact.report",
            [*company, *self._with_target()],
            "month",
            ["target_reached"],
            ["__count"],
        )
        trends.append(
            self._trend(
                "compliance",
                self.env._("Contact compliance"),
                [
                    self._ratio(
                        sum(v[0] for g, v in contacts.get(i, {}).items() if g[0]),
                        sum(v[0] for v in contacts.get(i, {}).values()),
                    )
                    for i in range(PERIOD_COUNT)
                ],
                unit="%",
            )
        )
        feedback = self._by_bucket(
            "customer.feedback.report",
            company,
            "date",
            [],
            [
                "nps:sum",
                "nps:count",
                "csat_satisfied:sum",
                "csat_satisfied:count",
                "ces:sum",
                "ces:count",
            ],
        )
        sums = [feedback.get(i, {}).get((), [0] * 6) for i in range(PERIOD_COUNT)]
        for key, label, position, scale, unit, better in (
            ("nps", self.env._("NPS"), 0, 1.0, "", "up"),
            ("csat", self.env._("Satisfied"), 2, 1.0, "%", "up"),
            ("ces", self.env._("Customer effort"), 4, 1.0, "", "up"),
        ):
            trends.append(
                self._trend(
                    key,
                    label,
                    [self._ratio(s[position], s[position + 1], scale) for s in sums],
                    unit=unit,
                    better=better,
                )
            )
        churn = self._latest_by_bucket(
            "customer.churn.report", company, [], ["churn_rate:avg"]
        )
        trends.append(
            self._trend(
                "churn",
                self.env._("Churn"),
                [churn.get(i, {}).get((), [None])[0] for i in range(PERIOD_COUNT)],
                unit="%",
                better="down",
            )
        )
        clv = self._latest_by_bucket(
            "customer.value.movement.report", company, [], ["predicted_clv:sum"]
        )
        trends.append(
            self._trend(
                "clv",
                self.env._("Predicted CLV of all customers"),
                [clv.get(i, {}).get((), [None])[0] for i in range(PERIOD_COUNT)],
                unit="currency",
            )
        )
        trends += self._board_outreach_trends()
        mail = self._by_bucket(
            "customer.mail.test.report",
            company,
            "month",
            [],
            ["message_count:sum", "customer_message_count:sum"],
        )
        trends.append(
            self._trend(
                "mail_share",
                self.env._("Mail to customers"),
                [
                    self._ratio(to_customers, messages)
                    for messages, to_customers in (
                        mail.get(i, {}).get((), [0, 0]) for i in range(PERIOD_COUNT)
                    )
                ],
                unit="%",
            )
        )
        return trends

    def _board_outreach_trends(self):
        rows = self._by_bucket(
            "customer.outreach.recipient",
            [("company_id", "=", self.company_id.id)],
            "sent_date",
            ["campaign_id"],
            ["__count", "positive:sum", "revenue_after:sum"],
        )
        sent, positive, revenue, cost = ([] for _index in range(4))
        for index in range(PERIOD_COUNT):
            groups = rows.get(index, {})
            sent.append(sum(v[0] for v in groups.values()))
            positive.append(sum(v[1] for v in groups.values()))
            revenue.append(sum(v[2] for v in groups.values()))
            cost.append(sum(g[0].unit_cost * v[0] for g, v in groups.items()))
        return [
            self._trend("sent", self.env._("Outreach sent"), sent, unit="count"),
            self._trend(
                "positive", self.env._("Positive reactions"), positive, unit="count"
            ),
            self._trend(
                "revenue_after",
                self.env._("Revenue after outreach"),
                revenue,
                unit="currency",
            ),
            self._trend(
                "cost_per_positive",
                self.env._("Cost per positive reaction"),
                [self._ratio(c, p, 1.0) for c, p in zip(cost, positive, strict=True)],
                unit="currency",
                better="down",
            ),
        ]

    def _board_compliance_by_person(self):
        rows = self.env["customer.contact.report"]._read_group(
            self._target_domain(),
            ["user_id"],
            ["customer_days:sum", "customer_day_target:sum", "contact_count:sum"],
            order="user_id",
        )
        return [
            {
                "name": user.name,
                "customer_days": days,
                "customer_day_target": target,
                "contacts": contacts,
            }
            for user, days, target, contacts in rows
        ]

    def _board_movements(self):
        rows = self._by_bucket(
            "customer.value.movement.report",
            [("company_id", "=", self.company_id.id)],
            "month",
            ["movement"],
            ["__count"],
        )
        return {
            movement: [
                rows.get(index, {}).get((movement,), [0])[0]
                for index in range(PERIOD_COUNT)
            ]
            for movement in ("up", "down")
        }

    def _board_at_risk(self):
        Value = self.env["customer.value"]
        domain = self._at_risk_domain()
        segments = dict(Value._fields["segment"]._description_selection(self.env))
        return {
            "count": Value.search_count(domain),
            "customers": [
                {
                    "id": value.id,
                    "name": value.partner_id.display_name,
                    "segment": segments.get(value.segment),
                    "predicted_clv": value.predicted_clv,
                }
                for value in Value.search(domain, order="predicted_clv desc", limit=8)
            ],
        }

    def _board_initiatives(self):
        rows = self.env["customer.initiative"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("quarter", "in", self._quarters()),
            ],
            ["stage_id", "kpi_reached"],
            ["__count"],
            order="stage_id",
        )
        stages = {}
        for stage, _reached, count in rows:
            stages[stage] = stages.get(stage, 0) + count
        return {
            "stages": [
                {"name": stage.name, "count": count} for stage, count in stages.items()
            ],
            "count": sum(stages.values()),
            "kpi_reached": sum(count for _stage, reached, count in rows if reached),
        }

    def _board_mail_test(self):
        rows = self.env["customer.mail.test.report"]._read_group(
            self._period_domain("month"),
            ["user_id"],
            ["message_count:sum", "customer_message_count:sum"],
            order="user_id",
        )
        return {
            "people": [
                {"name": user.name, "share": self._ratio(to_customers, messages)}
                for user, messages, to_customers in rows
            ],
            "warning": self.company_id.mail_test_warning_percent,
            "exemplary": self.company_id.mail_test_exemplary_percent,
        }

    def _board_self_image(self):
        rows = self.env["customer.employee.survey.result"]._read_group(
            self._self_image_domain(),
            ["question_id"],
            ["employee_score:avg", "customer_score:avg"],
            order="question_id",
        )
        return [
            {"aspect": question.name, "employees": employees, "customers": customers}
            for question, employees, customers in rows
        ]
