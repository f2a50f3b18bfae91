# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.onchange("discount")
    def _onchange_discount_goodwill(self):
        """Say it at once when a discount exceeds the goodwill allowance.

        A warning, never a block: the salesperson decides, knowing the value.
        """
        order = self.order_id
        if not order or not self.env.user.has_group(
            "customer_centricity.group_customer_centricity_user"
        ):
            return None
        allowance = order.goodwill_percent
        if self.discount > allowance:
            discount, allowance = f"{self.discount:g}", f"{allowance:g}"
            return {
                "warning": {
                    "title": self.env._("Above the goodwill allowance"),
                    "message": self.env._(
                        "A %(discount)s %% discount is above the %(allowance)s %% "
                        "goodwill allowance for this customer.",
                        discount=discount,
                        allowance=allowance,
                    ),
                    "type": "notification",
                }
            }
        return None
