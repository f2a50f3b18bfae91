# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    _inherit = "res.users"

    def _check_customer_centricity_manager(self, message):
        """Refuse with ``message`` unless the user is a Customer Centricity manager."""
        if not self.has_group("customer_centricity.group_customer_centricity_manager"):
            raise AccessError(message)
