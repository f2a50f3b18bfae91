# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_contact_lapse_days = fields.Integer(
        string="Not contacted lately after (days)",
        default=90,
        help="Important customers without any contact for this many days appear "
        "in the 'Not contacted lately' list.",
    )
    clv_horizon_months = fields.Integer(
        string="CLV horizon (months)",
        default=12,
        help="How far ahead the predicted customer lifetime value looks.",
    )
    clv_discount_rate = fields.Float(
        string="CLV yearly discount rate",
        default=0.1,
        help="Future revenue is worth less: 0.1 discounts 10 % a year.",
    )
    clv_period_days = fields.Integer(
        string="CLV period (days)",
        default=1,
        help="Purchases within one period count as one (1: daily, 7: weekly).",
    )
    clv_min_repeat_customers = fields.Integer(
        string="Minimum repeat customers",
        default=100,
        help="Below this number of repeat customers no prediction is made: the "
        "figures stay historic.",
    )

    outreach_budget = fields.Monetary(
        string="Outreach budget per campaign",
        currency_field="currency_id",
        default=250.0,
        help="Staff send a campaign of their own without approval while its "
        "total cost (gift and postage for every recipient) stays within this "
        "amount; above it a manager approves. Managers need no approval.",
    )
    feedback_follow_up_days = fields.Integer(
        string="Follow up unhappy customers within (days)",
        default=3,
        help="A detractor (NPS 0-6) or an unhappy CSAT (1-2) gives the account "
        "manager a follow-up activity due within this many days.",
    )
    mail_test_warning_percent = fields.Float(
        string="Mail test warning below (%)",
        default=1.0,
        help="A person whose messages go to customers less often than this is "
        "flagged in the mail test.",
    )
    mail_test_exemplary_percent = fields.Float(
        string="Mail test exemplary above (%)",
        default=20.0,
        help="A customer share above this is exemplary.",
    )

    @api.constrains("mail_test_warning_percent", "mail_test_exemplary_percent")
    def _check_mail_test_thresholds(self):
        for company in self:
            low, high = (
                company.mail_test_warning_percent,
                company.mail_test_exemplary_percent,
            )
            if not 0 <= low <= high <= 100:
                raise ValidationError(
                    self.env._(
                        "Mail test thresholds: 0 ≤ warning ≤ exemplary ≤ 100 percent."
                    )
                )

    @api.constrains("outreach_budget")
    def _check_outreach_budget(self):
        if any(company.outreach_budget < 0 for company in self):
            raise ValidationError(self.env._("The outreach budget cannot be negative."))

    @api.constrains(
        "clv_horizon_months",
        "clv_discount_rate",
        "clv_period_days",
        "clv_min_repeat_customers",
    )
    def _check_clv_settings(self):
        for company in self:
            if not 1 <= company.clv_horizon_months <= 120:
                raise ValidationError(
                    self.env._("The CLV horizon lies between 1 and 120 months.")
                )
            if not 0 <= company.clv_discount_rate < 1:
                raise ValidationError(
                    self.env._("The yearly discount rate lies between 0 and 1.")
                )
            if not 1 <= company.clv_period_days <= 31:
                raise ValidationError(
                    self.env._("The CLV period lies between 1 and 31 days.")
                )
            if company.clv_min_repeat_customers < 10:
                raise ValidationError(
                    self.env._("The model needs at least 10 repeat customers.")
                )

    def _customer_value_settings(self):
        self.ensure_one()
        return {
            "horizon_months": self.clv_horizon_months,
            "discount_rate": self.clv_discount_rate,
            "period_days": self.clv_period_days,
            "min_repeat_customers": self.clv_min_repeat_customers,
        }
