# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

USER_GROUP = "customer_centricity.group_customer_centricity_user"
MENU_ROOT = "customer_centricity.customer_centricity_menu_root"
AT_RISK = "at_risk"
# what each KPI opens in the digest's "Open Report" link
KPI_ACTIONS = {
    "kpi_customer_contact_days": "customer_contact_report_action",
    "kpi_customer_feedback_answers": "customer_feedback_report_action",
    "kpi_customer_feedback_nps": "customer_feedback_report_action",
    "kpi_customer_feedback_late": "customer_feedback_action_late_follow_up",
    "kpi_customer_contact_gap": "customer_contact_gap_report_action",
    "kpi_customer_value_at_risk": "customer_value_movement_report_action_at_risk",
}
# the figures change with the reader (record rules) and the digest's period
KPI_CONTEXT = ("uid", "allowed_company_ids", "start_datetime", "end_datetime")


class DigestDigest(models.Model):
    """Customer-centricity KPIs in Odoo's periodic digest e-mails.

    Every figure is read with the recipient's rights (the digest computes its
    KPIs ``with_user`` for each recipient): team leaders get their teams'
    figures, managers the whole company's, as the record rules allow. Each
    figure comes from the report that shows it in the app.
    """

    _inherit = "digest.digest"

    kpi_customer_contact_days = fields.Boolean(
        string="Customer days vs. target (%)",
        help="Customer days logged in the months of the period, in percent of the "
        "monthly customer-day targets of the people whose contact compliance "
        "you may see (as in the Contact Compliance report).",
    )
    kpi_customer_contact_days_value = fields.Float(
        compute="_compute_kpi_customer_contact_days_value",
        export_string_translation=False,
    )
    kpi_customer_feedback_answers = fields.Boolean(
        string="New customer answers",
        help="Customer answers (NPS, satisfaction, effort) dated in the period.",
    )
    kpi_customer_feedback_answers_value = fields.Integer(
        compute="_compute_kpi_customer_feedback_answers_value",
        export_string_translation=False,
    )
    kpi_customer_feedback_nps = fields.Boolean(
        string="NPS of new answers",
        help="Net Promoter Score of the answers dated in the period: promoters "
        "(9-10) count +100, detractors (0-6) -100, passives 0; the average.",
    )
    kpi_customer_feedback_nps_value = fields.Float(
        compute="_compute_kpi_customer_feedback_nps_value",
        export_string_translation=False,
    )
    kpi_customer_feedback_late = fields.Boolean(
        string="Late follow-ups",
        help="Customer answers whose follow-up is overdue today.",
    )
    kpi_customer_feedback_late_value = fields.Integer(
        compute="_compute_kpi_customer_feedback_late_value",
        export_string_translation=False,
    )
    kpi_customer_contact_gap = fields.Boolean(
        string="Top customers not contacted lately",
        help="Important customers without a contact for longer than the "
        "company's limit today (the 'Not Contacted Lately' list).",
    )
    kpi_customer_contact_gap_value = fields.Integer(
        compute="_compute_kpi_customer_contact_gap_value",
        export_string_translation=False,
    )
    kpi_customer_value_at_risk = fields.Boolean(
        string="Customers moved to at risk",
        help="Customers whose segment became 'At risk' in the months of the "
        "period, coming from another segment (CLV movement).",
    )
    kpi_customer_value_at_risk_value = fields.Integer(
        compute="_compute_kpi_customer_value_at_risk_value",
        export_string_translation=False,
    )

    # ------------------------------------------------------------------
    # KPIs
    # ------------------------------------------------------------------
    @api.depends_context(*KPI_CONTEXT)
    def _compute_kpi_customer_contact_days_value(self):
        first_day, last_day, companies = self._get_kpi_period_days()
        rows = self._read_kpi_group(
            "customer.contact.report",
            [
                ("company_id", "in", companies.ids),
                ("month", ">=", first_day.replace(day=1)),
                ("month", "<=", last_day),
            ],
            ["customer_days:sum", "customer_day_target:sum"],
        )
        self._set_kpi_per_company(
            "kpi_customer_contact_days_value",
            {
                company: 100.0 * days / target if target else 0.0
                for company, days, target in rows
            },
        )

    @api.depends_context(*KPI_CONTEXT)
    def _compute_kpi_customer_feedback_answers_value(self):
        rows = self._read_kpi_group(
            "customer.feedback.report",
            self._get_kpi_day_domain("date"),
            ["answer_count:sum"],
        )
        self._set_kpi_per_company(
            "kpi_customer_feedback_answers_value",
            {company: count or 0 for company, count in rows},
        )

    @api.depends_context(*KPI_CONTEXT)
    def _compute_kpi_customer_feedback_nps_value(self):
        rows = self._read_kpi_group(
            "customer.feedback.report",
            self._get_kpi_day_domain("date"),
            ["nps:avg"],
        )
        self._set_kpi_per_company(
            "kpi_customer_feedback_nps_value",
            {company: nps or 0.0 for company, nps in rows},
        )

    @api.depends_context(*KPI_CONTEXT)
    def _compute_kpi_customer_feedback_late_value(self):
        __, __, companies = self._get_kpi_period_days()
        rows = self._read_kpi_group(
            "customer.feedback",
            [
                ("company_id", "in", companies.ids),
                *self.env["customer.feedback"]._late_follow_up_domain(),
            ],
            ["__count"],
        )
        self._set_kpi_per_company("kpi_customer_feedback_late_value", dict(rows))

    @api.depends_context(*KPI_CONTEXT)
    def _compute_kpi_customer_contact_gap_value(self):
        __, __, companies = self._get_kpi_period_days()
        rows = self._read_kpi_group(
            "customer.contact.gap.report",
            [("company_id", "in", companies.ids), ("lapsed", "=", True)],
            ["__count"],
        )
        self._set_kpi_per_company("kpi_customer_contact_gap_value", dict(rows))

    @api.depends_context(*KPI_CONTEXT)
    def _compute_kpi_customer_value_at_risk_value(self):
        first_day, last_day, companies = self._get_kpi_period_days()
        rows = self._read_kpi_group(
            "customer.value.movement.report",
            [
                ("company_id", "in", companies.ids),
                ("month", ">=", first_day.replace(day=1)),
                ("month", "<=", last_day),
                *self._get_moved_to_at_risk_domain(),
            ],
            ["__count"],
        )
        self._set_kpi_per_company("kpi_customer_value_at_risk_value", dict(rows))

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        menu_id = self.env.ref(MENU_ROOT).id
        for kpi, action in KPI_ACTIONS.items():
            res[kpi] = f"customer_centricity.{action}?menu_id={menu_id}"
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def _action_open_moved_to_at_risk(self):
        """The CLV movements the "moved to at risk" KPI counts, latest first."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_centricity.customer_value_movement_report_action"
        )
        action.update(
            name=self.env._("Customers moved to at risk"),
            domain=self._get_moved_to_at_risk_domain(),
            view_mode="list,pivot,graph",
            views=[(False, "list"), (False, "pivot"), (False, "graph")],
        )
        return action

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------
    @api.model
    def _get_moved_to_at_risk_domain(self):
        """CLV movements into *at risk* from another segment.

        Customers without figures the month before (movement "new") did not
        move; those already at risk stayed.
        """
        return [
            ("segment", "=", AT_RISK),
            ("movement", "!=", "new"),
            ("previous_segment", "!=", AT_RISK),
        ]

    def _get_kpi_period_days(self):
        """First and last day of the digest's period, and its companies.

        The digest's periods run from a moment to another (the last 24 hours,
        7 or 30 days up to now); figures kept by day count the days after the
        start's day up to the end's day, as Odoo's own KPIs on date fields
        do. Outside a digest run (no period in the context): the last 7 days.
        """
        start, end, companies = self._get_kpi_compute_parameters()
        last_day = fields.Date.to_date(end) or fields.Date.context_today(self)
        start_day = fields.Date.to_date(start) or last_day - timedelta(days=7)
        return start_day + timedelta(days=1), last_day, companies

    def _get_kpi_day_domain(self, date_field):
        first_day, last_day, companies = self._get_kpi_period_days()
        return [
            ("company_id", "in", companies.ids),
            (date_field, ">=", first_day),
            (date_field, "<=", last_day),
        ]

    def _read_kpi_group(self, model, domain, aggregates):
        """Figures per company with the reader's rights (never sudo)."""
        if not self.env.user.has_group(USER_GROUP):
            raise AccessError(
                self.env._(
                    "No access to customer-centricity figures: skipped in this "
                    "user's digest."
                )
            )
        return self.env[model]._read_group(domain, ["company_id"], aggregates)

    def _set_kpi_per_company(self, field_name, values_per_company):
        for digest in self:
            company = digest.company_id or self.env.company
            digest[field_name] = values_per_company.get(company, 0)
