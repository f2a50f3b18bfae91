# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..lib.quarter import period_bounds, quarter_of


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

    def _target_domain(self):
        return [
            *self._period_domain("month"),
            "|",
            ("contact_target", ">", 0),
            ("customer_day_target", ">", 0),
        ]

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
        # the moves into the period's latest recompute month
        rows = self.env["customer.value.movement.report"]._read_group(
            self._period_domain("month"),
            ["month:day", "movement"],
            ["__count", "clv_change:sum"],
        )
        latest = max((month for month, *_rest in rows), default=None)
        moves = {
            movement: (count, change)
            for month, movement, count, change in rows
            if month == latest
        }
        return {
            "predicted_clv_total": total or 0.0,
            "moved_up_count": moves.get("up", (0, 0))[0],
            "moved_down_count": moves.get("down", (0, 0))[0],
            "clv_change": sum(change for _count, change in moves.values()),
        }

    def _latest_movement_month(self):
        latest = self.env["customer.value.movement.report"].search(
            self._period_domain("month"), order="month desc", limit=1
        )
        return latest.month

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

    def _campaign_figures(self):
        [[sent, positive, revenue]] = self.env[
            "customer.outreach.recipient"
        ]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("sent_date", ">=", self.date_from),
                ("sent_date", "<", self.date_to + relativedelta(days=1)),
            ],
            [],
            ["__count", "positive:sum", "revenue_after:sum"],
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
        overdue = self.env["customer.feedback"].search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("activity_date_deadline", "<", fields.Date.context_today(self)),
            ]
        )
        churn_months = self.env["customer.churn.report"]._read_group(
            self._period_domain("month"), ["month:day"], ["churn_rate:avg"]
        )
        churn = max(churn_months, default=(None, 0.0))[1]
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

    def _survey_figures(self):
        figures = {}
        Result = self.env["customer.employee.survey.result"]
        for kind, field, name in (
            ("self_image", "gap", "self_image_gap"),
            ("pillars", "employee_score", "pillar_score"),
        ):
            latest = Result.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("kind", "=", kind),
                    ("scope", "=", "company"),
                ],
                order="date desc, id desc",
                limit=1,
            )
            rows = Result._read_group(
                [("survey_id", "=", latest.survey_id.id), ("scope", "=", "company")],
                [],
                [f"{field}:avg"],
            )
            figures[name] = (rows[0][0] or 0.0) if latest else 0.0
        return figures

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
        month = self._latest_movement_month()
        return self._open(
            "customer_centricity.customer_value_movement_report_action",
            [("company_id", "=", self.company_id.id), ("month", "=", month)],
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
            "customer_centricity.customer_outreach_campaign_action",
            [
                ("company_id", "=", self.company_id.id),
                ("date_sent", ">=", self.date_from),
                ("date_sent", "<", self.date_to + relativedelta(days=1)),
            ],
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
        return self._open("customer_centricity.customer_churn_report_action")

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
            "customer_centricity.customer_employee_survey_result_action_gap"
        )
