# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


from odoo import fields, models


class CustomerValueHistory(models.Model):
    """A sale that predates Odoo, imported for the lifetime value."""

    _name = "customer.value.history"
    _description = "Imported Sales History"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, index=True)
    amount = fields.Monetary(
        required=True, help="In company currency; negative for refunds."
    )
    original_currency_id = fields.Many2one("res.currency", string="Original currency")
    original_amount = fields.Float()
    import_batch = fields.Char(
        index=True, help="File and time of the import, to remove it again."
    )
