# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerOutreachPick(models.Model):
    """A product picked for a customer, with its sticky note."""

    _name = "customer.outreach.pick"
    _description = "Outreach Personal Pick"
    _order = "recipient_id, sequence, id"

    recipient_id = fields.Many2one(
        "customer.outreach.recipient", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="recipient_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", required=True)
    kind = fields.Selection(
        [("favourite", "Favourite (Standbein)"), ("new", "New (Spielbein)")],
        required=True,
        default="favourite",
    )
    comment = fields.Char(help="The sticky note on the catalogue page.")
