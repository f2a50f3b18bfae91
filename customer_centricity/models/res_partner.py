# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

RECENT_CONTACT_DAYS = 90


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_contact_ids = fields.One2many("customer.contact", "partner_id")
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

    def action_view_customer_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_centricity.customer_contact_action"
        )
        commercial = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", commercial.id)]
        action["context"] = {"default_partner_id": commercial.id}
        return action
