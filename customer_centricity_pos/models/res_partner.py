# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

FAVOURITE_PRODUCT_COUNT = 3
# read by _pos_customer_value_query
FLUSH_MODELS = [
    "res.partner",
    "pos.order",
    "pos.order.line",
    "account.move",
    "account.move.line",
    "product.product",
    "product.template",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    pos_customer_value = fields.Json(
        string="Customer value at the counter",
        compute="_compute_pos_customer_value",
        groups="point_of_sale.group_pos_user",
        help="Tier, segment and favourite products of the customer in the "
        "current company, as loaded by the Point of Sale.",
    )

    @api.depends_context("company", "lang")
    def _compute_pos_customer_value(self):
        """One query for the whole recordset (the POS loads its partners in
        one batch): tier and segment of the current company's figures, and
        the three products the customer spent most on.
        """
        partners = self.filtered("id")
        (self - partners).pos_customer_value = False
        if not partners:
            return
        for model in FLUSH_MODELS:
            self.env[model].flush_model()
        rows = self.env.execute_query_dict(self._pos_customer_value_query(partners))
        Value = self.env["customer.value"]
        tiers = dict(Value._fields["tier"]._description_selection(self.env))
        segments = dict(Value._fields["segment"]._description_selection(self.env))
        by_partner = {row["partner_id"]: row for row in rows}
        for partner in partners:
            row = by_partner.get(partner.id) or {}
            if not (row.get("tier") or row.get("favourites")):
                partner.pos_customer_value = False
                continue
            partner.pos_customer_value = {
                "tier": row["tier"] or False,
                "tier_label": tiers.get(row["tier"], ""),
                "segment": row["segment"] or False,
                "segment_label": segments.get(row["segment"], ""),
                "favourites": row["favourites"] or [],
            }

    def _pos_customer_value_query(self, partners):
        """Figures and favourite products of ``partners`` (their commercial
        partner's) in the current company.

        Favourites are ranked by untaxed amount in company currency over the
        purchase lines of the lifetime value's sources (customer.value.
        _purchase_line_queries): invoices and credit notes, tickets that were
        not invoiced, and what other bridges add.
        """
        return SQL(
            """
            WITH partner AS (
                SELECT id, commercial_partner_id
                  FROM res_partner WHERE id = ANY(%(partner_ids)s)
            ),
            purchase AS (%(lines)s),
            ranked AS (
                SELECT partner_id, product_id,
                       row_number() OVER (
                           PARTITION BY partner_id
                           ORDER BY sum(amount) DESC, product_id
                       ) AS rank
                  FROM purchase
              GROUP BY partner_id, product_id
                HAVING sum(amount) > 0
            ),
            favourite AS (
                SELECT r.partner_id,
                       json_agg(json_build_object(
                           'product_id', r.product_id,
                           'name', COALESCE(t.name ->> %(lang)s, t.name ->> 'en_US')
                       ) ORDER BY r.rank) AS favourites
                  FROM ranked r
                  JOIN product_product pp ON pp.id = r.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                 WHERE r.rank <= %(count)s
              GROUP BY r.partner_id
            )
            SELECT p.id AS partner_id, v.tier, v.segment, f.favourites
              FROM partner p
              LEFT JOIN customer_value v
                     ON v.partner_id = p.commercial_partner_id
                    AND v.company_id = %(company)s
              LEFT JOIN favourite f ON f.partner_id = p.commercial_partner_id
            """,
            partner_ids=partners.ids,
            lines=SQL(" UNION ALL ").join(
                self.env["customer.value"]._purchase_line_queries(
                    self.env.company, partners.commercial_partner_id.ids
                )
            ),
            company=self.env.company.id,
            lang=self.env.lang or "en_US",
            count=FAVOURITE_PRODUCT_COUNT,
        )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "pos_customer_value"]

    def _load_pos_data(self, data):
        # the figures of the shop's company, whatever company the user is in
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        return super(ResPartner, self.with_company(config.company_id))._load_pos_data(
            data
        )
