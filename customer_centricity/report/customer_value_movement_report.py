# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

from ..lib import rfm


class CustomerValueMovementReport(models.Model):
    """How customers moved between segments from one recompute month to the next.

    Segments are ranked as listed (champions best, lost worst): a customer
    moved up when the new segment ranks better than the one of the previous
    month with figures. The predicted CLV change comes with it.
    """

    _name = "customer.value.movement.report"
    _description = "CLV Movement"
    _auto = False
    _order = "month desc, clv_change"
    _rec_name = "partner_id"
    _depends = {
        "customer.value.snapshot": [
            "partner_id",
            "company_id",
            "month",
            "segment",
            "predicted_clv",
        ],
        "res.partner": ["user_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    previous_month = fields.Date(readonly=True)
    previous_segment = fields.Selection(rfm.SEGMENTS, readonly=True)
    segment = fields.Selection(rfm.SEGMENTS, readonly=True)
    movement = fields.Selection(
        [
            ("up", "Moved up"),
            ("same", "Same segment"),
            ("down", "Moved down"),
            ("new", "New"),
        ],
        readonly=True,
    )
    customer_count = fields.Integer(string="Customers", readonly=True)
    predicted_clv = fields.Float(string="Predicted CLV", readonly=True)
    clv_change = fields.Float(string="Predicted CLV change", readonly=True)

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._with(), self._select(), self._from())

    def _with(self):
        return SQL(
            """
            WITH months AS (
                SELECT company_id, month,
                       lag(month) OVER (PARTITION BY company_id ORDER BY month)
                           AS previous_month
                  FROM (SELECT DISTINCT company_id, month
                          FROM customer_value_snapshot) m
            )
            """
        )

    def _select(self):
        rank = SQL(" ").join(
            SQL("WHEN %s THEN %s", segment, index)
            for index, (segment, _label) in enumerate(rfm.SEGMENTS)
        )
        # the id is the one of the month's snapshot: stable
        return SQL(
            """
            SELECT now_.id, now_.partner_id, p.user_id, now_.company_id,
                   now_.month, m.previous_month, before.segment AS previous_segment,
                   now_.segment, 1 AS customer_count, now_.predicted_clv,
                   now_.predicted_clv - coalesce(before.predicted_clv, 0)
                       AS clv_change,
                   CASE WHEN before.id IS NULL THEN 'new'
                        WHEN (CASE now_.segment %(rank)s END)
                             < (CASE before.segment %(rank)s END) THEN 'up'
                        WHEN (CASE now_.segment %(rank)s END)
                             > (CASE before.segment %(rank)s END) THEN 'down'
                        ELSE 'same' END AS movement
            """,
            rank=rank,
        )

    def _from(self):
        return SQL(
            """
              FROM customer_value_snapshot now_
              JOIN months m ON m.company_id = now_.company_id
                           AND m.month = now_.month
                           AND m.previous_month IS NOT NULL
              JOIN res_partner p ON p.id = now_.partner_id
         LEFT JOIN customer_value_snapshot before
                   ON before.partner_id = now_.partner_id
                  AND before.company_id = now_.company_id
                  AND before.month = m.previous_month
            """
        )
