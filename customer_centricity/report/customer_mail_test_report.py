# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class CustomerMailTestReport(models.Model):
    """The mail test: how much of a person's outgoing messages go to customers.

    Per person and month: the messages they sent from Odoo to partners (e-mails
    and chatter messages with recipients). A message goes to customers when at
    least one recipient was not an internal user when it was sent (see
    ``mail.message.customer_centricity_audience``); otherwise it went to
    colleagues. The customer share below the company's warning threshold
    (default 1 %) is flagged, above the exemplary threshold (default 20 %) too.
    """

    _name = "customer.mail.test.report"
    _description = "Mail Test"
    _auto = False
    _order = "month desc, user_id"
    _rec_name = "user_id"
    _depends = {
        "mail.message": [
            "author_id",
            "date",
            "message_type",
            "customer_centricity_audience",
        ],
        "res.users": ["partner_id", "share", "active"],
        "res.company": ["mail_test_warning_percent", "mail_test_exemplary_percent"],
    }

    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    message_count = fields.Integer(string="Messages", readonly=True)
    customer_message_count = fields.Integer(string="To customers", readonly=True)
    internal_message_count = fields.Integer(string="To colleagues", readonly=True)
    customer_share = fields.Float(
        string="Customer share (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    rating = fields.Selection(
        [
            ("warning", "Below the warning threshold"),
            ("normal", "Normal"),
            ("exemplary", "Exemplary"),
        ],
        readonly=True,
    )

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._with(), self._select(), self._from())

    def _with(self):
        return SQL(
            """
            WITH per_author AS (
                -- aggregate first, join the few users after: one scan
                SELECT m.author_id, date_trunc('month', m.date)::date AS month,
                       min(m.id) AS first_message_id,
                       count(*) AS message_count,
                       count(*) FILTER (
                           WHERE m.customer_centricity_audience = 'customer'
                       ) AS customer_message_count
                  FROM mail_message m
                 WHERE m.message_type IN ('email', 'comment', 'email_outgoing')
                   AND m.customer_centricity_audience IN ('internal', 'customer')
              GROUP BY m.author_id, date_trunc('month', m.date)::date
            ), counted AS (
                SELECT pa.first_message_id, u.id AS user_id, u.company_id,
                       pa.month, pa.message_count, pa.customer_message_count
                  FROM per_author pa
                  JOIN res_users u ON u.partner_id = pa.author_id
                       AND u.active AND NOT u.share
            )
            """
        )

    def _select(self):
        # The id is the smallest id of the messages the row counts, as Odoo's
        # reports take min(l.id): it fits XML-RPC's 32 bits and later
        # messages leave it alone. Unique as each message has one author and
        # month, and an author one user.
        return SQL(
            """
            SELECT c.first_message_id AS id,
                   c.user_id, c.company_id, c.month, c.message_count,
                   c.customer_message_count,
                   c.message_count - c.customer_message_count AS internal_message_count,
                   100.0 * c.customer_message_count / c.message_count AS customer_share,
                   CASE
                       WHEN 100.0 * c.customer_message_count / c.message_count
                            < co.mail_test_warning_percent THEN 'warning'
                       WHEN 100.0 * c.customer_message_count / c.message_count
                            > co.mail_test_exemplary_percent THEN 'exemplary'
                       ELSE 'normal'
                   END AS rating
            """
        )

    def _from(self):
        return SQL(
            """
              FROM counted c
              JOIN res_company co ON co.id = c.company_id
            """
        )
