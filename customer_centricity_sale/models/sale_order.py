# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

VALUE_GROUPS = "customer_centricity.group_customer_centricity_user"


def _customer_figure(name, string, field_type, **kwargs):
    """The customer's figure in the order's company, next to the customer."""
    return getattr(fields, field_type)(
        related=f"partner_id.commercial_partner_id.{name}",
        string=string,
        groups=VALUE_GROUPS,
        **kwargs,
    )


class SaleOrder(models.Model):
    """Quotations show what the customer is worth where the price is decided."""

    _inherit = "sale.order"

    clv_tier = _customer_figure("clv_tier", "Customer tier", "Selection")
    clv_segment = _customer_figure("clv_segment", "Customer segment", "Selection")
    clv_probability_alive = _customer_figure(
        "clv_probability_alive", "Probability active", "Float"
    )
    clv_currency_id = _customer_figure("clv_currency_id", "Value currency", "Many2one")
    clv_predicted = _customer_figure(
        "clv_predicted", "Predicted CLV", "Monetary", currency_field="clv_currency_id"
    )
    last_customer_contact_date = _customer_figure(
        "last_customer_contact_date", "Last customer contact", "Datetime"
    )
    goodwill_percent = fields.Float(
        string="Goodwill allowance (%)",
        compute="_compute_goodwill",
        groups=VALUE_GROUPS,
        help="Discount allowed without a warning for a customer of this tier "
        "(Settings).",
    )
    goodwill_warning = fields.Char(
        compute="_compute_goodwill",
        groups=VALUE_GROUPS,
        help="Lines whose discount exceeds the customer's goodwill allowance.",
    )

    @api.depends(
        "partner_id", "company_id", "order_line.discount", "order_line.product_id"
    )
    def _compute_goodwill(self):
        for order in self:
            # the figures of the order's company, not of the one shown
            tier = order.with_company(order.company_id).clv_tier
            allowance = order.company_id._goodwill_percent(tier)
            order.goodwill_percent = allowance
            over = order.order_line.filtered(
                lambda line, allowance=allowance: line.discount > allowance
            )
            order.goodwill_warning = (
                order._goodwill_text(over, allowance, tier) if over else False
            )

    def _goodwill_text(self, lines, allowance, tier):
        names = ", ".join(
            f"{line.product_id.display_name or line.name} ({line.discount:g} %)"
            for line in lines
        )
        tiers = (
            self.env["customer.value"]._fields["tier"]._description_selection(self.env)
        )
        tier_name = dict(tiers).get(tier) or self.env._("no value yet")
        allowance = f"{allowance:g}"
        return self.env._(
            "%(lines)s: discount above the %(allowance)s %% goodwill allowance for "
            "this customer (%(tier)s).",
            lines=names,
            allowance=allowance,
            tier=tier_name,
        )
