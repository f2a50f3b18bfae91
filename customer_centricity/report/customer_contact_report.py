# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

from ..models.customer_contact_target import (
    DEFAULT_CUSTOMER_DAY_HOURS,
    DEFAULT_CUSTOMER_DAYS,
)

TRACKED_MONTHS = 12
# Report rows without an underlying row take ids from here on: below are the
# ids of real rows (a billion of them), up to 2^31 - 1 is what fits XML-RPC.
KEYED_IDS_START = 2**30


class CustomerContactReport(models.Model):
    """Customer-contact compliance per person, company and month.

    Every manager of the app gets a row for each of the last twelve months,
    even without a single contact: an empty month is exactly what owners need
    to see.  Anyone else appears in the months in which they had contacts.

    Customer days are days, not records: see ``_customer_day_query``. The
    goals, the dashboard and the digest read their customer days from here.
    """

    _name = "customer.contact.report"
    _description = "Customer Contact Compliance"
    _auto = False
    _order = "month desc, user_id"
    _rec_name = "user_id"
    _depends = {
        "customer.contact": [
            "user_id",
            "company_id",
            "partner_id",
            "local_date",
            "kind",
            "state",
            "duration",
        ],
        "customer.contact.target": [
            "user_id",
            "company_id",
            "customer_days",
            "contact_count",
            "feedback_meeting_count",
            "online_response_count",
        ],
        "res.company": ["customer_day_min_hours"],
        "res.users": ["sale_team_id"],
    }

    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    customer_days = fields.Integer(
        readonly=True,
        help="Days with customer-day contacts of at least the company's minimum "
        "hours in total; a day with several customers counts once.",
    )
    customer_day_target = fields.Integer(readonly=True)
    contact_count = fields.Integer(string="Contacts", readonly=True)
    contact_target = fields.Integer(string="Contact target", readonly=True)
    feedback_meeting_count = fields.Integer(string="Feedback meetings", readonly=True)
    feedback_meeting_target = fields.Integer(
        string="Feedback meeting target", readonly=True
    )
    online_response_count = fields.Integer(string="Online responses", readonly=True)
    online_response_target = fields.Integer(
        string="Online response target", readonly=True
    )
    customer_count = fields.Integer(string="Customers reached", readonly=True)
    target_reached = fields.Boolean(readonly=True, aggregator="bool_and")
    missing_customer_days = fields.Integer(readonly=True)

    def _customer_day_query(self):
        """The one definition of a customer day: one row per person, company, day.

        A customer day is a day (``local_date``: the day a contact starts, in
        the person's time zone) on which the person's done contacts of kind
        customer day last at least the company's minimum in total, counted to
        the minute. A contact past midnight counts entirely for the day it
        starts. Several customers on one day make one customer day.
        """
        return SQL(
            """
            SELECT c.user_id, c.company_id, c.local_date AS day,
                   sum(c.duration) AS hours
              FROM customer_contact c
              JOIN res_company co ON co.id = c.company_id
             WHERE c.state = 'done' AND c.kind = 'customer_day'
          GROUP BY c.user_id, c.company_id, c.local_date, co.customer_day_min_hours
            HAVING round(sum(coalesce(c.duration, 0)) * 60)
                   >= round(coalesce(co.customer_day_min_hours, %(min_hours)s) * 60)
            """,
            min_hours=DEFAULT_CUSTOMER_DAY_HOURS,
        )

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._with(), self._select(), self._from())

    def _with(self):
        return SQL(
            """
            WITH contact_month AS (
                -- contacts of every state: the first one's id is the row's id
                -- (see _select), the figures count the done ones
                SELECT c.user_id, c.company_id,
                       date_trunc('month', c.local_date)::date AS month,
                       min(c.id) AS first_contact_id,
                       count(*) FILTER (WHERE c.state = 'done') AS contact_count,
                       count(DISTINCT c.partner_id) FILTER (WHERE c.state = 'done')
                           AS customer_count,
                       count(*) FILTER (
                           WHERE c.state = 'done' AND c.kind = 'feedback_meeting'
                       ) AS feedback_meeting_count,
                       count(*) FILTER (
                           WHERE c.state = 'done' AND c.kind = 'online_response'
                       ) AS online_response_count
                  FROM customer_contact c
              GROUP BY 1, 2, 3
            ), customer_day AS (
                %(customer_days)s
            ), customer_day_month AS (
                SELECT user_id, company_id,
                       date_trunc('month', day)::date AS month,
                       count(*) AS customer_days
                  FROM customer_day
              GROUP BY 1, 2, 3
            ), tracked AS (
                %(tracked)s
            ), keys AS (
                SELECT user_id, company_id, month FROM contact_month
                 WHERE contact_count > 0
                 UNION
                SELECT user_id, company_id, month FROM tracked
            ), figures AS (
                SELECT k.user_id, k.company_id, k.month, cm.first_contact_id,
                       coalesce(dm.customer_days, 0) AS customer_days,
                       coalesce(t.customer_days, %(default_days)s)
                           AS customer_day_target,
                       coalesce(cm.contact_count, 0) AS contact_count,
                       coalesce(t.contact_count, 0) AS contact_target,
                       coalesce(cm.feedback_meeting_count, 0)
                           AS feedback_meeting_count,
                       coalesce(t.feedback_meeting_count, 0)
                           AS feedback_meeting_target,
                       coalesce(cm.online_response_count, 0)
                           AS online_response_count,
                       coalesce(t.online_response_count, 0)
                           AS online_response_target,
                       coalesce(cm.customer_count, 0) AS customer_count
                  FROM keys k
             LEFT JOIN customer_contact_target t ON t.user_id = k.user_id
                       AND t.company_id = k.company_id
             LEFT JOIN contact_month cm ON cm.user_id = k.user_id
                       AND cm.company_id = k.company_id AND cm.month = k.month
             LEFT JOIN customer_day_month dm ON dm.user_id = k.user_id
                       AND dm.company_id = k.company_id AND dm.month = k.month
            )
            """,
            customer_days=self._customer_day_query(),
            tracked=self._tracked_query(),
            default_days=DEFAULT_CUSTOMER_DAYS,
        )

    def _tracked_query(self):
        """Rows (user_id, company_id, month): managers' last twelve months."""
        # the cached XML id lookup: env.ref would also query that the group exists
        manager_group_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "customer_centricity.group_customer_centricity_manager",
            raise_if_not_found=True,
        )
        return SQL(
            """
            SELECT u.id AS user_id, u.company_id, m.month::date AS month
              FROM res_users u
              JOIN res_groups_users_rel g ON g.uid = u.id AND g.gid = %(group)s
        CROSS JOIN generate_series(
                       date_trunc('month', now()) - %(span)s * interval '1 month',
                       date_trunc('month', now()),
                       interval '1 month') AS m(month)
             WHERE u.active AND NOT u.share
            """,
            group=manager_group_id,
            span=TRACKED_MONTHS - 1,
        )

    def _select(self):
        # The id is the smallest id of the row's contacts (of any state, so
        # that marking a planned contact done keeps it), as Odoo's reports
        # take min(l.id): it fits XML-RPC's 32 bits and unrelated contacts
        # leave it alone. A manager's month without any contact takes an id
        # from its key above 2^30, out of reach of contact ids:
        # 2^30 + user * 1200 + months since 2000-01, below 2^31 for user ids
        # under 894 000 up to the year 2099 (such rows are one per user and
        # month: the company is the user's). That id changes once a first
        # contact, even a planned one, is entered for the month.
        return SQL(
            """
            SELECT coalesce(
                       f.first_contact_id,
                       %(keyed_ids)s + f.user_id * 1200
                       + (extract(year FROM f.month)::int - 2000) * 12
                       + extract(month FROM f.month)::int - 1
                   ) AS id,
                   f.user_id, u.sale_team_id AS team_id, f.company_id, f.month,
                   f.customer_days, f.customer_day_target,
                   f.contact_count, f.contact_target,
                   f.feedback_meeting_count, f.feedback_meeting_target,
                   f.online_response_count, f.online_response_target,
                   f.customer_count,
                   -- a target of 0 asks for nothing: count >= 0 always holds
                   f.customer_days >= f.customer_day_target
                   AND f.contact_count >= f.contact_target
                   AND f.feedback_meeting_count >= f.feedback_meeting_target
                   AND f.online_response_count >= f.online_response_target
                       AS target_reached,
                   greatest(f.customer_day_target - f.customer_days, 0)
                       AS missing_customer_days
            """,
            keyed_ids=KEYED_IDS_START,
        )

    def _from(self):
        return SQL(
            """
              FROM figures f
              JOIN res_users u ON u.id = f.user_id
            """
        )
