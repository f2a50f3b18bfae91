# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerInitiativeStage(models.Model):
    _name = "customer.initiative.stage"
    _description = "Customer Initiative Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded on the board")
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("dropped", "Dropped")],
        required=True,
        default="open",
        help="Done and dropped initiatives are closed: no quarterly review, no "
        "carry-over.",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to use the stage in every company."
    )
