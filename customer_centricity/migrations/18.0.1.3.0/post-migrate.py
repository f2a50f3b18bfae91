# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer days are days, not records.

No customer-day figure is stored: the compliance report computes them from
the contacts, and the goals, the dashboard and the digest read the report.
So the upgrade only brings the contacts and the settings in line:

- every company gets the minimum length of a customer day (4 hours) where
  it has none;
- contacts of people without a time zone get their day again: it now
  follows the company's time zone before UTC;
- customer-day entries logged without any time (no duration, no end) get
  the company's minimum: the old rule counted them as whole customer days,
  and a customer day logged without hours still is one. Entries with hours
  keep them: below the minimum they count only when the day's customer-day
  entries reach it together (their number is logged).
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from odoo.addons.customer_centricity.models.customer_contact_target import (
    DEFAULT_CUSTOMER_DAY_HOURS,
)

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    _set_minimum_hours(env)
    _recompute_days_in_company_time_zone(env)
    _complete_customer_days_without_hours(env)
    env.flush_all()
    _log_short_customer_days(env)


def _set_minimum_hours(env):
    companies = (
        env["res.company"]
        .with_context(active_test=False)
        .search(
            [
                "|",
                ("customer_day_min_hours", "=", False),
                ("customer_day_min_hours", "<=", 0),
            ]
        )
    )
    companies.customer_day_min_hours = DEFAULT_CUSTOMER_DAY_HOURS


def _recompute_days_in_company_time_zone(env):
    Contact = env["customer.contact"].with_context(active_test=False)
    contacts = Contact.search(
        [("user_id.tz", "=", False), ("company_id.partner_id.tz", "!=", False)]
    )
    env.add_to_compute(Contact._fields["local_date"], contacts)


def _complete_customer_days_without_hours(env):
    contacts = env["customer.contact"].search(
        [
            ("kind", "=", "customer_day"),
            ("date_end", "=", False),
            "|",
            ("duration", "=", False),
            ("duration", "<=", 0),
        ]
    )
    for company, company_contacts in contacts.grouped("company_id").items():
        company_contacts.duration = company.customer_day_min_hours
    if contacts:
        _logger.info(
            "%s customer-day entries without hours now last their company's "
            "minimum customer day.",
            len(contacts),
        )


def _log_short_customer_days(env):
    rows = env.execute_query(
        SQL(
            """
        SELECT count(*)
          FROM customer_contact c
          JOIN res_company co ON co.id = c.company_id
         WHERE c.kind = 'customer_day'
           AND c.duration < co.customer_day_min_hours
            """
        )
    )
    if rows[0][0]:
        _logger.info(
            "%s customer-day entries are shorter than their company's minimum: "
            "they count when the day's customer-day entries reach it together.",
            rows[0][0],
        )
