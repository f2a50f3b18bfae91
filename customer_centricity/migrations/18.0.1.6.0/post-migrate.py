# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer values and snapshots without user and date columns (issue 18).

The models lost their create/write user and date fields and their own
partner index: Odoo keeps the columns (with their foreign keys, which every
inserted row still checks) and the index (which every row still updates).
"""

from odoo.tools import SQL

TABLES = ("customer_value", "customer_value_snapshot")
LOG_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")


def migrate(cr, version):
    if not version:
        return
    for table in TABLES:
        drop_log_access(cr, table)


def drop_log_access(cr, table):
    cr.execute(
        SQL(
            "ALTER TABLE %s %s",
            SQL.identifier(table),
            SQL(", ").join(
                SQL("DROP COLUMN IF EXISTS %s", SQL.identifier(column))
                for column in LOG_COLUMNS
            ),
        )
    )
    cr.execute(
        SQL("DROP INDEX IF EXISTS %s", SQL.identifier(f"{table}__partner_id_index"))
    )
