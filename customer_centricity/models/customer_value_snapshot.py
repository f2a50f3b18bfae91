# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL, create_index

from ..lib import rfm
from .customer_value import leave_room_for_updates

ACTIVE_PROBABILITY = 0.5
ACTIVE_DAYS_WITHOUT_MODEL = 365
COMPANY_MONTH_INDEX = "customer_value_snapshot_company_month_index"


class CustomerValueSnapshot(models.Model):
    """Whether a customer counted as active at the end of a month.

    Written by every recompute for the month of its observation date (the
    last recompute of a month wins), so that churn can compare months.
    """

    _name = "customer.value.snapshot"
    _description = "Customer Activity per Month"
    _order = "month desc, id"
    _rec_name = "partner_id"
    _log_access = False  # as customer.value: written in bulk by the recompute

    # searched through the unique (partner_id, company_id, month) index
    partner_id = fields.Many2one(
        "res.partner", required=True, readonly=True, ondelete="cascade"
    )
    # both searched through the (company_id, month) index (see init)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    month = fields.Date(required=True, readonly=True)
    probability_alive = fields.Float(readonly=True)
    active_customer = fields.Boolean(
        readonly=True,
        help="Probably still buying: probability alive of at least 50 %, or, "
        "without a fitted model, a purchase within the last 365 days.",
    )

    segment = fields.Selection(rfm.SEGMENTS, readonly=True)
    predicted_clv = fields.Float(string="Predicted CLV", readonly=True)

    _sql_constraints = [
        (
            "partner_company_month_unique",
            "unique(partner_id, company_id, month)",
            "One snapshot per customer, company and month.",
        ),
    ]

    def init(self):
        # every recompute of a month updates that month's rows
        leave_room_for_updates(self.env.cr, self._table)
        # snapshots are read by company and month: one index for both
        # instead of one per column, one index less for every inserted row
        create_index(
            self.env.cr,
            COMPANY_MONTH_INDEX,
            self._table,
            ["company_id", "month"],
        )

    def _take(self, company, day):
        """Snapshot the company's current figures for the month of ``day``
        (called by the recompute, under its lock)."""
        month = day.replace(day=1)
        conflicts = SQL(
            """
            ON CONFLICT (partner_id, company_id, month) DO UPDATE
               SET probability_alive = EXCLUDED.probability_alive,
                   active_customer = EXCLUDED.active_customer,
                   segment = EXCLUDED.segment,
                   predicted_clv = EXCLUDED.predicted_clv
            """
        )
        if not self._has_rows(company, month):
            conflicts = SQL()  # the month's first run (see customer.value)
        self.env.execute_query(
            SQL(
                """
                INSERT INTO customer_value_snapshot
                       (partner_id, company_id, month, probability_alive,
                        active_customer, segment, predicted_clv)
                SELECT v.partner_id, v.company_id, %(month)s, v.probability_alive,
                       coalesce(v.probability_alive >= %(probability)s,
                                v.last_purchase_date >= %(since)s),
                       v.segment, v.predicted_clv
                  FROM customer_value v
                 WHERE v.company_id = %(company)s AND v.total_revenue > 0
                %(conflicts)s
                """,
                month=month,
                probability=ACTIVE_PROBABILITY,
                since=day - timedelta(days=ACTIVE_DAYS_WITHOUT_MODEL),
                company=company.id,
                conflicts=conflicts,
            )
        )
        self.invalidate_model()

    def _has_rows(self, company, month):
        return bool(
            self.env.execute_query(
                SQL(
                    "SELECT 1 FROM customer_value_snapshot "
                    "WHERE company_id = %s AND month = %s LIMIT 1",
                    company.id,
                    month,
                )
            )
        )
