# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerInitiativeVote(models.Model):
    """One person's support for an initiative ("Mach mich besser")."""

    _name = "customer.initiative.vote"
    _description = "Customer Initiative Support"
    _rec_name = "initiative_id"

    initiative_id = fields.Many2one(
        "customer.initiative", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="initiative_id.company_id", store=True)

    _sql_constraints = [
        (
            "one_vote_per_person",
            "unique(initiative_id, user_id)",
            "You already support this initiative.",
        ),
    ]
