# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_CUSTOMER_DAYS = 1


class CustomerContactTarget(models.Model):
    """A person's monthly customer-contact target in one company.

    Without a target record a person aims at one customer day a month.
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
        help="Whole days spent with customers each month.",
    )
    contact_count = fields.Integer(
        string="Contacts per month",
        default=0,
        help="Customer contacts of any kind each month (0: no target).",
    )

    _sql_constraints = [
        (
            "user_company_unique",
            "unique(user_id, company_id)",
            "A person has one monthly target per company.",
        ),
    ]

    @api.constrains("customer_days", "contact_count")
    def _check_positive(self):
        for target in self:
            if target.customer_days < 0 or target.contact_count < 0:
                raise ValidationError(self.env._("Targets cannot be negative."))
            if target.customer_days > 31:
                raise ValidationError(
                    self.env._("A month has no more than 31 customer days.")
                )
