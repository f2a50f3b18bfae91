# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import Query

from ..lib.salutation import ENGLISH, GERMAN, MADAM, MISTER, salutation, split_name

RECENT_CONTACT_DAYS = 90
# Lifetime values are internal: portal and public users (customers) see none,
# whatever the route (read, search, read_group, export, related paths).
CLV_GROUPS = "customer_centricity.group_customer_centricity_user"
# A customer typed as part of a name: enough to list the candidates.
PARTIAL_NAME_LIMIT = 50


def _like_escape(text):
    """The text as an (=)ilike pattern matching only itself."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def looked_after_domain(env):
    """Customers the user of ``env`` looks after: theirs, or of a sales team
    they are in (as member or leader).

    A customer belongs to a team through its salesperson, or through its own
    sales team where an app (CRM, Sales) adds one to the customer. Outreach
    and contact planning both apply this rule to staff.
    """
    user = env.user
    teams = user.crm_team_ids | env["crm.team"].search([("user_id", "=", user.id)])
    domain = [
        "|",
        ("commercial_partner_id.user_id", "=", user.id),
        ("commercial_partner_id.user_id.crm_team_ids", "in", teams.ids),
    ]
    if "team_id" in env["res.partner"]._fields:
        domain = ["|", *domain, ("commercial_partner_id.team_id", "in", teams.ids)]
    return domain


def not_looked_after(partners):
    """The ones of ``partners`` that the user of their environment does not
    look after (see looked_after_domain)."""
    return partners - partners.filtered_domain(looked_after_domain(partners.env))


# Odoo's partner titles (base data) and how a greeting uses them
TITLE_GENDERS = {
    "base.res_partner_title_madam": MADAM,
    "base.res_partner_title_miss": MADAM,
    "base.res_partner_title_mister": MISTER,
}
TITLE_DEGREES = {
    "base.res_partner_title_doctor": "Dr.",
    "base.res_partner_title_prof": "Prof.",
}


def partner_greeting(partner, company, lang_code):
    """The greeting line for ``partner`` ("Liebe Frau Fuchs,") in the language
    ``lang_code``, by title and name and the company's form of address."""
    title_id = partner.title.id
    first_name, last_name = split_name(partner.name)
    return salutation(
        title=_by_title(partner.env, TITLE_GENDERS).get(title_id),
        first_name=first_name,
        last_name=last_name,
        is_company=partner.is_company,
        language=GERMAN if (lang_code or "").startswith("de") else ENGLISH,
        informal=company.outreach_address_form == "informal",
        academic=_by_title(partner.env, TITLE_DEGREES).get(title_id, ""),
    )


def _by_title(env, by_xmlid):
    """``by_xmlid`` keyed by title id, through Odoo's cached XML id lookup
    (no query per greeting when a campaign sends thousands)."""
    lookup = env["ir.model.data"]._xmlid_to_res_id
    ids = {xmlid: lookup(xmlid) for xmlid in by_xmlid}
    # a title deleted from the database must not stand for "no title"
    return {ids[xmlid]: value for xmlid, value in by_xmlid.items() if ids[xmlid]}


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

    # ------------------------------------------------------------------
    # Finding customers by what people write: reference, e-mail or name
    # ------------------------------------------------------------------
    @api.model
    def find_customers(self, keys, partial_names=False):
        """Public, for ``ccx``: the customers each key names, as the server's
        CSV imports find them (see ``_find_customers``).

        Returns {key: [{"id", "name", "picked_id"}]}, customers sorted by name.
        Reads with the caller's access rights and record rules: only partners
        they may read are found.
        """
        self.check_access("read")
        if not isinstance(keys, list | tuple) or not all(
            isinstance(key, str) for key in keys
        ):
            raise UserError(self.env._("Name the customers as a list of texts."))
        found = self._find_customers(keys, partial_names=bool(partial_names))
        return {
            key: [
                {
                    "id": customer.id,
                    "name": customer.display_name,
                    "picked_id": picked.id,
                }
                for customer, picked in sorted(
                    customers.items(),
                    key=lambda item: (item[0].display_name, item[0].id),
                )
            ]
            for key, customers in found.items()
        }

    @api.model
    def _find_customers(self, keys, partial_names=False):
        """Map each key to {customer: partner picked} of the customers it names.

        A key matches a partner's internal reference exactly, else its e-mail
        (case-insensitive), else its whole name (case-insensitive); with
        ``partial_names`` a key that matched nothing may be part of a name.
        A person stands for its customer (the commercial partner); the person
        stays the one picked when it is its customer's only match. Partners of
        another company do not count: the rows are filed in this one.
        """
        keys = sorted({key.strip() for key in keys if key and key.strip()})
        if not keys:
            return {}
        partners = self.search(
            expression.AND(
                [
                    self._find_customers_company_domain(),
                    self._find_customers_domain(keys),
                ]
            )
        )
        found = {
            key: self._customers_of(self._best_matches(key, partners)) for key in keys
        }
        if partial_names:
            for key in [key for key, customers in found.items() if not customers]:
                namesakes = self.search(
                    [*self._find_customers_company_domain(), ("name", "ilike", key)],
                    limit=PARTIAL_NAME_LIMIT,
                )
                found[key] = self._customers_of(namesakes)
        return found

    def _find_customers_company_domain(self):
        return [("company_id", "in", [False, self.env.company.id])]

    def _find_customers_domain(self, keys):
        """Every partner one of the keys may name, for one search."""
        emails = sorted({key.lower() for key in keys if "@" in key})
        names = [key for key in keys if "@" not in key]
        domains = [[("ref", "in", keys)]]
        if emails:
            domains.append([("email_normalized", "in", emails)])
        domains += [[("name", "=ilike", _like_escape(name))] for name in names]
        return expression.OR(domains)

    def _best_matches(self, key, partners):
        """The partners ``key`` names: by reference, else e-mail, else name."""
        folded, lowered = key.casefold(), key.lower()
        tiers = (
            partners.filtered(lambda p: p.ref and p.ref == key),
            partners.filtered(lambda p: "@" in key and p.email_normalized == lowered),
            partners.filtered(lambda p: (p.name or "").casefold() == folded),
        )
        return next((tier for tier in tiers if tier), self.browse())

    def _customers_of(self, partners):
        """{customer: picked}: the partner itself when it is the only match of
        its customer (a person of a company), else the customer."""
        customers = {}
        for partner in partners:
            customer = partner.commercial_partner_id
            customers[customer] = partner if customer not in customers else customer
        return customers
