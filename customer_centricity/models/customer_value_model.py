# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerValueModel(models.Model):
    """One fit of the purchase (BG/NBD) and spend (Gamma-Gamma) models.

    Every recompute leaves one record, so managers see which parameters,
    data window and customers the current figures come from.
    """

    _name = "customer.value.model"
    _description = "Customer Lifetime Value Model"
    _order = "date desc, id desc"
    _rec_name = "date"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    date = fields.Datetime(string="Computed on", required=True, readonly=True)
    observation_end = fields.Date(string="Data until", readonly=True)
    data_start = fields.Date(string="Data from", readonly=True)
    customer_count = fields.Integer(string="Customers", readonly=True)
    repeat_customer_count = fields.Integer(string="Repeat customers", readonly=True)
    method = fields.Selection(
        [
            ("bgnbd", "Predicted (BG/NBD + Gamma-Gamma)"),
            ("historic", "Historic only (too little history)"),
        ],
        readonly=True,
    )
    message = fields.Char(readonly=True)
    horizon_months = fields.Integer(readonly=True)
    discount_rate = fields.Float(string="Yearly discount rate", readonly=True)
    period_days = fields.Integer(string="Period (days)", readonly=True)
    param_r = fields.Float(string="r", digits=(16, 6), readonly=True)
    param_alpha = fields.Float(string="alpha", digits=(16, 6), readonly=True)
    param_a = fields.Float(string="a", digits=(16, 6), readonly=True)
    param_b = fields.Float(string="b", digits=(16, 6), readonly=True)
    param_p = fields.Float(string="p", digits=(16, 6), readonly=True)
    param_q = fields.Float(string="q", digits=(16, 6), readonly=True)
    param_v = fields.Float(string="v", digits=(16, 6), readonly=True)
