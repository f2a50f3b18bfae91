# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_contact_lapse_days = fields.Integer(
        string="Not contacted lately after (days)",
        default=90,
        help="Important customers without any contact for this many days appear "
        "in the 'Not contacted lately' list.",
    )
