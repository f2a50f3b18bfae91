# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


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

    @api.model_create_multi
    def create(self, vals_list):
        picks = super().create(vals_list)
        picks._check_still_open()
        return picks

    def write(self, vals):
        self._check_still_open()
        result = super().write(vals)
        if "recipient_id" in vals:
            self._check_still_open()
        return result

    def unlink(self):
        self._check_still_open()
        return super().unlink()

    def _check_still_open(self):
        """What was sent stays as it was sent."""
        if self.env.su:
            return
        if self.recipient_id.filtered(lambda r: r.state not in ("to_prepare", "ready")):
            raise UserError(
                self.env._("The picks of a sent or excluded recipient cannot change.")
            )
