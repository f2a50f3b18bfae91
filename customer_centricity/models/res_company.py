# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .customer_contact_target import DEFAULT_CUSTOMER_DAY_HOURS


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_contact_lapse_days = fields.Integer(
        string="Not contacted lately after (days)",
        default=90,
        help="Important customers without any contact for this many days appear "
        "in the 'Not contacted lately' list.",
    )
    customer_day_min_hours = fields.Float(
        string="Minimum hours of a customer day",
        default=DEFAULT_CUSTOMER_DAY_HOURS,
        help="A day counts as a customer day when a person's customer-day "
        "contacts of that day last at least this long in total, whatever the "
        "number of customers.",
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
    outreach_track_opens = fields.Boolean(
        string="Count e-mail opens",
        help="Outreach e-mails carry a tracking image: it tells the shop when "
        "the customer opened the e-mail. Off by default for the customers' "
        "privacy; switch it on only when the company decides to.",
    )
    outreach_address_form = fields.Selection(
        [("formal", "Formal (Sie)"), ("informal", "Informal (du)")],
        string="Address customers as",
        default="formal",
        required=True,
        help="How outreach e-mails greet customers: by title and last name "
        "(formal) or by first name (informal).",
    )
    feedback_follow_up_days = fields.Integer(
        string="Follow up unhappy customers within (days)",
        default=3,
        help="A detractor (NPS 0-6) or an unhappy CSAT (1-2) gives the account "
        "manager a follow-up activity due within this many days.",
    )
    clv_alert_probability = fields.Float(
        string="Alert below probability alive",
        default=0.5,
        help="A top customer (top 10 % or top 20 %) whose probability of still "
        "buying falls below this value gives their account manager an activity "
        "to call. 0.5 is where the churn report stops counting a customer as "
        "active; 0 switches the alert off.",
    )
    feedback_auto_request = fields.Boolean(
        string="Ask for feedback automatically",
        help="Some days after a posted customer invoice or a visit, e-mail the "
        "customer the personal feedback link.",
    )
    feedback_request_delay_days = fields.Integer(
        string="Ask after (days)",
        default=7,
        help="Days between the invoice or visit and the feedback request.",
    )
    feedback_request_interval_days = fields.Integer(
        string="Ask at most every (days)",
        default=90,
        help="A customer who answered or was asked within this many days is "
        "not asked again.",
    )
    feedback_review_url = fields.Char(
        string="Review page",
        help="Where promoters (NPS 9-10) can review the company, for example the "
        "Google reviews page; shown on the thank-you page.",
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

    @api.constrains("customer_day_min_hours")
    def _check_customer_day_min_hours(self):
        if any(not 0 < company.customer_day_min_hours <= 24 for company in self):
            raise ValidationError(
                self.env._("A customer day lasts more than 0 and at most 24 hours.")
            )

    @api.constrains("clv_alert_probability")
    def _check_clv_alert_probability(self):
        if any(not 0 <= company.clv_alert_probability <= 1 for company in self):
            raise ValidationError(
                self.env._("The alert probability lies between 0 and 1.")
            )

    @api.constrains(
        "feedback_request_delay_days",
        "feedback_request_interval_days",
        "feedback_review_url",
    )
    def _check_feedback_requests(self):
        for company in self:
            if not 0 <= company.feedback_request_delay_days <= 365:
                raise ValidationError(
                    self.env._("Feedback is asked for 0 to 365 days after a sale.")
                )
            if not 1 <= company.feedback_request_interval_days <= 3650:
                raise ValidationError(
                    self.env._(
                        "Customers are asked for feedback at most every 1 to 3650 "
                        "days."
                    )
                )
            url = urlsplit(company.feedback_review_url or "")
            if company.feedback_review_url and not (
                url.scheme in ("http", "https") and url.netloc
            ):
                raise ValidationError(
                    self.env._("The review page is a web address (https://...).")
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
