# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_contact_lapse_days = fields.Integer(
        related="company_id.customer_contact_lapse_days", readonly=False
    )
    customer_day_min_hours = fields.Float(
        related="company_id.customer_day_min_hours", readonly=False
    )
    clv_horizon_months = fields.Integer(
        related="company_id.clv_horizon_months", readonly=False
    )
    clv_discount_rate = fields.Float(
        related="company_id.clv_discount_rate", readonly=False
    )
    clv_period_days = fields.Integer(
        related="company_id.clv_period_days", readonly=False
    )
    clv_min_repeat_customers = fields.Integer(
        related="company_id.clv_min_repeat_customers", readonly=False
    )
    clv_alert_probability = fields.Float(
        related="company_id.clv_alert_probability", readonly=False
    )
    feedback_auto_request = fields.Boolean(
        related="company_id.feedback_auto_request", readonly=False
    )
    feedback_request_delay_days = fields.Integer(
        related="company_id.feedback_request_delay_days", readonly=False
    )
    feedback_request_interval_days = fields.Integer(
        related="company_id.feedback_request_interval_days", readonly=False
    )
    feedback_review_url = fields.Char(
        related="company_id.feedback_review_url", readonly=False
    )
    mail_test_warning_percent = fields.Float(
        related="company_id.mail_test_warning_percent", readonly=False
    )
    mail_test_exemplary_percent = fields.Float(
        related="company_id.mail_test_exemplary_percent", readonly=False
    )
    feedback_follow_up_days = fields.Integer(
        related="company_id.feedback_follow_up_days", readonly=False
    )
    outreach_budget = fields.Monetary(
        related="company_id.outreach_budget",
        readonly=False,
    )
    outreach_track_opens = fields.Boolean(
        related="company_id.outreach_track_opens", readonly=False
    )
    outreach_address_form = fields.Selection(
        related="company_id.outreach_address_form", readonly=False
    )
