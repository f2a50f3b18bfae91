# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fewer indexes on the tables every recompute writes (issue 18).

Customer values lost their segment and tier indexes, snapshots their
company and month indexes (one (company_id, month) index replaces them,
created by the model): Odoo keeps indexes a field no longer asks for, and
every inserted row would still update them.
"""

from odoo.tools import SQL

DROPPED_INDEXES = (
    "customer_value__segment_index",
    "customer_value__tier_index",
    "customer_value_snapshot__company_id_index",
    "customer_value_snapshot__month_index",
)


def migrate(cr, version):
    if not version:
        return
    for index in DROPPED_INDEXES:
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))
