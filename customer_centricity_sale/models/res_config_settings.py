# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    goodwill_top10_percent = fields.Float(
        related="company_id.goodwill_top10_percent", readonly=False
    )
    goodwill_top20_percent = fields.Float(
        related="company_id.goodwill_top20_percent", readonly=False
    )
    goodwill_other_percent = fields.Float(
        related="company_id.goodwill_other_percent", readonly=False
    )
