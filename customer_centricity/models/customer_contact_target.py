# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_CUSTOMER_DAYS = 1
# a customer day is a day with at least this many hours of customer-day
# contacts, unless the company sets another minimum
DEFAULT_CUSTOMER_DAY_HOURS = 4.0


class CustomerContactTarget(models.Model):
    """A person's monthly customer-contact target in one company.

    Without a target record a person aims at one customer day a month.
    Targets are per person; a team's figures are the sum of its people's.
    """

    _name = "customer.contact.target"
    _description = "Monthly Customer Contact Target"
    _order = "user_id"
    _rec_name = "user_id"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Person",
        required=True,
        ondelete="cascade",
        domain="[('share', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    customer_days = fields.Integer(
        string="Customer days per month",
        default=DEFAULT_CUSTOMER_DAYS,
        help="Days with customers each month: days with customer-day contacts "
        "of at least the company's minimum hours in total (Settings).",
    )
    contact_count = fields.Integer(
        string="Contacts per month",
        default=0,
        help="Customer contacts of any kind each month (0: no target).",
    )
    feedback_meeting_count = fields.Integer(
        string="Feedback meetings per month",
        default=0,
        help="Customer-feedback meetings with colleagues from other departments "
        "each month (0: no target).",
    )
    online_response_count = fields.Integer(
        string="Online responses per month",
        default=0,
        help="Answers to online reviews and comments each month (0: no target).",
    )

    _sql_constraints = [
        (
            "user_company_unique",
            "unique(user_id, company_id)",
            "A person has one monthly target per company.",
        ),
    ]

    @api.constrains(
        "customer_days",
        "contact_count",
        "feedback_meeting_count",
        "online_response_count",
    )
    def _check_positive(self):
        for target in self:
            counts = (
                target.customer_days,
                target.contact_count,
                target.feedback_meeting_count,
                target.online_response_count,
            )
            if min(counts) < 0:
                raise ValidationError(self.env._("Targets cannot be negative."))
            if target.customer_days > 31:
                raise ValidationError(
                    self.env._("A month has no more than 31 customer days.")
                )
