# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    goodwill_top10_percent = fields.Float(
        string="Goodwill for top 10 % customers (%)",
        default=10.0,
        help="Discount a salesperson may give a top 10 % customer without a warning.",
    )
    goodwill_top20_percent = fields.Float(
        string="Goodwill for top 20 % customers (%)",
        default=5.0,
        help="Discount a salesperson may give a top 20 % customer without a warning.",
    )
    goodwill_other_percent = fields.Float(
        string="Goodwill for other customers (%)",
        default=2.0,
        help="Discount a salesperson may give any other customer without a warning.",
    )

    @api.constrains(
        "goodwill_top10_percent", "goodwill_top20_percent", "goodwill_other_percent"
    )
    def _check_goodwill(self):
        for company in self:
            for percent in (
                company.goodwill_top10_percent,
                company.goodwill_top20_percent,
                company.goodwill_other_percent,
            ):
                if not 0 <= percent <= 100:
                    raise ValidationError(
                        self.env._("A goodwill allowance lies between 0 and 100 %.")
                    )

    def _goodwill_percent(self, tier):
        """The discount allowed without a warning for a customer of ``tier``."""
        self.ensure_one()
        return {
            "top10": self.goodwill_top10_percent,
            "top20": self.goodwill_top20_percent,
        }.get(tier, self.goodwill_other_percent)
