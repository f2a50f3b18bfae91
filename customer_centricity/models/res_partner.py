# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import Query

RECENT_CONTACT_DAYS = 90
# Lifetime values are internal: portal and public users (customers) see none,
# whatever the route (read, search, read_group, export, related paths).
CLV_GROUPS = "customer_centricity.group_customer_centricity_user"


def _company_value(field_type, name, string, **kwargs):
    """A partner field showing (and searching) a figure of the current company."""
    return getattr(fields, field_type)(
        string=string,
        related=f"customer_value_id.{name}",
        depends_context=("company",),
        groups=CLV_GROUPS,
        **kwargs,
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_contact_ids = fields.One2many("customer.contact", "partner_id")
    referred_by_id = fields.Many2one(
        "res.partner",
        string="Referred by",
        index="btree_not_null",
        help="The customer or partner who recommended us to this customer.",
    )
    outreach_opt_out = fields.Boolean(
        string="No outreach campaigns",
        help="The customer asked not to receive outreach campaigns (mail or post).",
    )
    last_customer_contact_date = fields.Datetime(
        string="Last customer contact",
        compute="_compute_customer_contact_figures",
        search="_search_last_customer_contact_date",
        help="Last contact anyone of the current companies had with this customer.",
    )
    customer_contact_count_90d = fields.Integer(
        string="Contacts (90 days)",
        compute="_compute_customer_contact_figures",
    )

    customer_value_id = fields.Many2one(
        "customer.value",
        string="Customer value figures",
        compute="_compute_customer_value_id",
        search="_search_customer_value_id",
        groups=CLV_GROUPS,
        help="Lifetime value figures of the customer in the current company.",
    )
    clv_currency_id = _company_value("Many2one", "currency_id", "Value currency")
    clv_historic = _company_value(
        "Monetary", "historic_clv", "Historic CLV", currency_field="clv_currency_id"
    )
    clv_predicted = _company_value(
        "Monetary", "predicted_clv", "Predicted CLV", currency_field="clv_currency_id"
    )
    clv_value = _company_value(
        "Monetary", "ranking_value", "Customer value", currency_field="clv_currency_id"
    )
    clv_is_predicted = _company_value("Boolean", "is_predicted", "Value predicted")
    clv_probability_alive = _company_value(
        "Float", "probability_alive", "Probability alive"
    )
    clv_expected_purchases = _company_value(
        "Float", "expected_purchases", "Expected purchases"
    )
    clv_order_count = _company_value("Integer", "order_count", "Orders")
    clv_last_purchase_date = _company_value(
        "Date", "last_purchase_date", "Last purchase"
    )
    clv_frequency = _company_value("Integer", "frequency", "Repeat purchases")
    clv_recency = _company_value("Integer", "recency", "Recency (periods)")
    clv_age = _company_value("Integer", "age", "Age (periods)")
    clv_segment = _company_value("Selection", "segment", "Customer segment")
    clv_tier = _company_value("Selection", "tier", "Customer tier")

    def _customer_contact_domain(self):
        return [
            ("state", "=", "done"),
            ("company_id", "in", self.env.companies.ids),
        ]

    @api.depends_context("allowed_company_ids")
    def _compute_customer_contact_figures(self):
        partners = self.filtered("id")
        (self - partners).update(
            {"last_customer_contact_date": False, "customer_contact_count_90d": 0}
        )
        if not partners:
            return
        # sudo: that a customer was contacted (date, count) is shared knowledge
        # in the company even when the contact itself belongs to a colleague.
        contacts = self.env["customer.contact"].sudo()
        domain = [
            ("partner_id", "in", partners.commercial_partner_id.ids),
            *self._customer_contact_domain(),
        ]
        last_dates = dict(
            contacts._read_group(domain, ["partner_id"], ["date_start:max"])
        )
        since = fields.Datetime.now() - timedelta(days=RECENT_CONTACT_DAYS)
        recent_counts = dict(
            contacts._read_group(
                [*domain, ("date_start", ">=", since)], ["partner_id"], ["__count"]
            )
        )
        for partner in partners:
            commercial = partner.commercial_partner_id
            partner.last_customer_contact_date = last_dates.get(commercial, False)
            partner.customer_contact_count_90d = recent_counts.get(commercial, 0)

    def _search_last_customer_contact_date(self, operator, value):
        if operator not in ("<", "<=", ">", ">=", "=", "!="):
            return NotImplemented
        if value is False and operator in ("=", "!="):
            # "never contacted" / "contacted at least once"
            contacted = self._contacted_partner_query()
            op = "not in" if operator == "=" else "in"
            return [("commercial_partner_id", op, contacted)]
        # sudo: see _compute_customer_contact_figures
        rows = (
            self.env["customer.contact"]
            .sudo()
            ._read_group(
                self._customer_contact_domain(),
                ["partner_id"],
                having=[("date_start:max", operator, value)],
            )
        )
        return [("commercial_partner_id", "in", [partner.id for (partner,) in rows])]

    def _contacted_partner_query(self):
        # sudo: see _compute_customer_contact_figures
        return (
            self.env["customer.contact"]
            .sudo()
            ._search(self._customer_contact_domain())
            .subselect("partner_id")
        )

    @api.depends_context("company")
    def _compute_customer_value_id(self):
        values = self.env["customer.value"].search(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("company_id", "=", self.env.company.id),
            ]
        )
        by_partner = {value.partner_id: value for value in values}
        for partner in self:
            partner.customer_value_id = by_partner.get(partner.commercial_partner_id)

    def _search_customer_value_id(self, operator, value):
        """Partners (and their people) by their figures in the current company."""
        domain = [("company_id", "=", self.env.company.id)]
        if operator == "any":
            domain += list(value)
            match = "in"
        elif operator in ("in", "=", "not in", "!="):
            # "= False" (no figures) selects nothing; "in <query>" comes from
            # searches on the related clv_* fields.
            has_ids = isinstance(value, Query) or bool(value)
            if has_ids:
                ids = value if isinstance(value, Query | list | tuple) else [value]
                domain.append(("id", "in", ids))
            match = "in" if (operator in ("in", "=")) == has_ids else "not in"
        else:
            return NotImplemented
        values = self.env["customer.value"]._search(domain)
        return [("commercial_partner_id", match, values.subselect("partner_id"))]

    def action_view_customer_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_centricity.customer_contact_action"
        )
        commercial = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", commercial.id)]
        action["context"] = {"default_partner_id": commercial.id}
        return action
