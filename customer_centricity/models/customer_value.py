# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
import logging
import time
from contextlib import contextmanager

import numpy as np
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import clv, rfm

_logger = logging.getLogger(__name__)

TIERS = [("top10", "Top 10 %"), ("top20", "Top 20 %"), ("other", "Other")]
# Moves of a top customer that give the account manager a call to make
ALERT_TIERS = ("top10", "top20")
ALERT_SEGMENTS = ("about_to_sleep", "at_risk", "cant_lose")
MANAGER_GROUP = "customer_centricity.group_customer_centricity_manager"
PURCHASE_PENALIZER = 0.001  # BG/NBD: time is rescaled inside the fit
SPEND_PENALIZER = 0.001  # Gamma-Gamma, on spend in units of its mean

# The columns of _summary_query, by name.
SUMMARY_COLUMNS = (
    "partner_id",
    "total_revenue",
    "order_count",
    "first_date",
    "last_date",
    "frequency",
    "recency",
    "age",
    "monetary_value",
    "days_since_last",
)
# What a batch reads of the summary, with its binary COPY type: what the
# models need. The other figures, the RFM scores included, are computed in
# SQL (see _store_figures).
BATCH_COLUMNS = {
    "partner_id": ">i8",
    "total_revenue": ">f8",
    "frequency": ">i8",
    "recency": ">i8",
    "age": ">i8",
    "monetary_value": ">f8",
}
# What a batch loads into customer_value_load (see _compute_figures), with
# the binary COPY type of each: fixed-width records written by numpy
LOADED_COLUMNS = {
    "partner_id": ">i4",
    "probability_alive": ">f8",
    "expected_purchases": ">f8",
    "ranking_value": ">f8",
    # as read: what the monetary score ranks (see _store_figures)
    "total_revenue": ">f8",
}
# PostgreSQL's type of each binary COPY type
COPY_TYPES = {">i4": "int4", ">i8": "int8", ">f8": "float8"}
# PostgreSQL's binary COPY: a header, per row its field count and each
# field's size before its value, a trailer
COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
COPY_TRAILER = b"\xff\xff"


def _copy_record(columns):
    """The numpy type of a binary COPY row of ``columns`` ({name: numpy
    code}), all fixed-width and never NULL."""
    return np.dtype(
        [
            ("fields", ">i2"),
            *(
                field
                for name, code in columns.items()
                for field in ((f"{name}_size", ">i4"), (name, code))
            ),
        ]
    )


COPY_RECORD = _copy_record(LOADED_COLUMNS)
# What the models are fitted on (see _fetch_fit_data), as read by COPY
FIT_COLUMNS = {
    "frequency": ">i8",
    "recency": ">i8",
    "age": ">i8",
    "customers": ">i8",
}
SPEND_COLUMNS = {"partner_id": ">i8", "frequency": ">i8", "monetary_value": ">f8"}


def _numeric_sql(value):
    """A loaded float as the numeric of its shortest decimal, as Python's
    repr writes it (PostgreSQL's float8 to numeric cast keeps 15 digits);
    NaN (no prediction) as NULL."""
    return SQL("NULLIF(%s, 'NaN')::text::numeric", value)


# What the customers of customer_value_load (l) rank by, as the loaded float:
# in the same order as the stored value (the shortest decimal of each float)
RANKING_SQL = SQL("NULLIF(l.ranking_value, 'NaN')")
# The customer_value columns computed from customer_value_load (l).
LOADED_FIGURES = {
    "probability_alive": _numeric_sql(SQL("l.probability_alive")),
    "expected_purchases": _numeric_sql(SQL("l.expected_purchases")),
    "ranking_value": _numeric_sql(SQL("l.ranking_value")),
}
# The RFM scores, from the company-wide scores of the customer's days since
# the last purchase (r), orders (f) and revenue (l): see _store_figures
SCORE_FIGURES = {
    "recency_score": SQL("r.score"),
    "frequency_score": SQL("f.score"),
    "monetary_score": SQL("l.monetary_score"),
    "rfm_score": SQL("concat(r.score, f.score, l.monetary_score)"),
    # as rfm.rfm_segments: SEGMENT_GRID[recency score - 1][frequency score - 1]
    "segment": SQL("(%s::varchar[])[r.score][f.score]", rfm.SEGMENT_GRID),
}
# The figures copied from the summary (s), as exact as it sums them
COPIED_COLUMNS = {
    "total_revenue": SQL("s.total_revenue"),
    "order_count": SQL("s.order_count"),
    "first_purchase_date": SQL("s.first_date"),
    "last_purchase_date": SQL("s.last_date"),
    "average_order_value": SQL(
        "CASE WHEN s.order_count > 0 THEN s.total_revenue / s.order_count ELSE 0 END"
    ),
    "historic_clv": SQL("s.total_revenue"),
    "frequency": SQL("s.frequency"),
    "recency": SQL("s.recency"),
    "age": SQL("s.age"),
    "monetary_value": SQL("s.monetary_value"),
}
FIGURE_COLUMNS = (
    "partner_id",
    *LOADED_FIGURES,
    *SCORE_FIGURES,
    *COPIED_COLUMNS,
    "predicted_clv",
    "is_predicted",
)
# Customers predicted and written at once: memory follows the batch, not
# the customer base; larger batches save little time (measured by make bench)
BATCH_SIZE = 10_000
# PostgreSQL's memory for the sorts and joins of the upsert and its ranks
# (see _store_figures), taken only as needed: a million customers are
# sorted in memory instead of on disk (upsert 19 -> 14 s)
STORE_WORK_MEM = "256MB"
# Pages of the tables every recompute rewrites are filled to half on insert:
# the other half takes each row's next version, so that PostgreSQL updates
# it on its page without touching the indexes (a HOT update; 100,000
# customers: write 3.4 -> 1.7 s, snapshot 2.9 -> 0.9 s)
REWRITTEN_TABLE_FILLFACTOR = 50


# pg_try_advisory_xact_lock(key, company id) while a company is recomputed
RECOMPUTE_LOCK_KEY = 1_129_138_520  # "CCLV" in ASCII


class RecomputeRunning(UserError):
    """Another transaction recomputes the company's values right now."""


class CustomerValue(models.Model):
    """Lifetime value figures of one customer in one company.

    Rows are written in bulk by :meth:`_recompute_company`; they are read-only
    for everyone (partners are shared across companies, figures are not).
    """

    _name = "customer.value"
    _description = "Customer Lifetime Value"
    _order = "ranking_value desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True
    # the recompute writes every row: no user and date columns, whose two
    # foreign keys PostgreSQL checks row by row (1,000,000 customers: 7 s of
    # the first write, 7 s of the first snapshot)
    _log_access = False

    # searched through the unique (partner_id, company_id) index
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    total_revenue = fields.Monetary(readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    first_purchase_date = fields.Date(readonly=True)
    last_purchase_date = fields.Date(readonly=True)
    average_order_value = fields.Monetary(readonly=True)
    historic_clv = fields.Monetary(
        string="Historic CLV",
        readonly=True,
        help="Net revenue the customer has brought so far (invoices minus refunds "
        "and imported history).",
    )
    frequency = fields.Integer(
        readonly=True, help="Repeat purchases: purchase periods after the first one."
    )
    recency = fields.Integer(
        readonly=True, help="Periods between the first and the last purchase."
    )
    age = fields.Integer(
        readonly=True, help="Periods between the first purchase and today (T)."
    )
    monetary_value = fields.Monetary(
        string="Average repeat purchase", readonly=True, aggregator="avg"
    )
    probability_alive = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(4, 3),
        help="Probability that the customer still buys from us (BG/NBD model).",
    )
    expected_purchases = fields.Float(
        readonly=True,
        digits=(12, 2),
        help="Purchases expected within the prediction horizon.",
    )
    predicted_clv = fields.Monetary(
        string="Predicted CLV",
        readonly=True,
        help="Discounted value expected within the prediction horizon "
        "(BG/NBD + Gamma-Gamma). Empty when the company has too little history "
        "to fit the model.",
    )
    is_predicted = fields.Boolean(
        readonly=True,
        help="False while the company has too little history for a prediction.",
    )
    ranking_value = fields.Monetary(
        string="Value",
        readonly=True,
        help="Predicted CLV, or the historic CLV while no model could be fitted.",
    )
    recency_score = fields.Integer(string="R", readonly=True, aggregator="avg")
    frequency_score = fields.Integer(string="F", readonly=True, aggregator="avg")
    monetary_score = fields.Integer(string="M", readonly=True, aggregator="avg")
    rfm_score = fields.Char(string="RFM", readonly=True)
    # segment and tier without an index: a handful of values, each shared by
    # many customers, are read faster from the table; an index on them costs
    # every inserted row (1,000,000 customers: 1.4 s of the first write) and
    # turns the update of every customer who moves into one that touches
    # every index
    segment = fields.Selection(rfm.SEGMENTS, readonly=True)
    tier = fields.Selection(TIERS, readonly=True)
    value_band = fields.Selection(
        readonly=True,
        selection=[
            ("0", "Below 100"),
            ("1", "100 – 1,000"),
            ("2", "1,000 – 10,000"),
            ("3", "10,000 – 100,000"),
            ("4", "100,000 and more"),
        ],
        help="Order of magnitude of the value, for the distribution graph.",
    )
    # What the last alert check saw (see _signal_value_moves): an alert needs
    # a change against it, so the same state never alerts twice.
    watched_segment = fields.Selection(
        rfm.SEGMENTS, string="Segment at the last alert check", readonly=True
    )
    watched_tier = fields.Selection(
        TIERS, string="Tier at the last alert check", readonly=True
    )
    watched_alive_low = fields.Boolean(
        string="Below the alert probability at the last check", readonly=True
    )

    _sql_constraints = [
        (
            "partner_company_unique",
            "unique(partner_id, company_id)",
            "A customer has one set of value figures per company.",
        ),
    ]

    def init(self):
        leave_room_for_updates(self.env.cr, self._table)

    # ------------------------------------------------------------------
    # Recompute
    # ------------------------------------------------------------------
    def action_recompute(self):
        """Recompute the figures of the current companies (managers only)."""
        self._check_manager()
        for company in self.env.companies:
            self._recompute_company(company)
            self._signal_value_moves(company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Customer values recomputed."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _check_manager(self):
        self.env.user._check_customer_centricity_manager(
            self.env._("Only Customer Centricity managers recompute values.")
        )

    @api.model
    def _cron_recompute(self):
        for company in self.env["res.company"].search([]):
            try:
                self._recompute_company(company)
            except RecomputeRunning:
                _logger.info(
                    "Customer values of %s: a recompute is running", company.name
                )
                continue
            self._signal_value_moves(company)

    @api.model
    def _recompute_company(
        self, company, today=None, batch_size=BATCH_SIZE, step_seconds=None
    ):
        """Summarise, fit, predict and store the values of ``company``.

        The per-customer summary stays in PostgreSQL (a temporary table);
        the models are fitted on grouped rows (see :meth:`_fetch_fit_data`),
        then the customers are predicted and written ``batch_size`` at a
        time, so the batches take the same memory whatever the number of
        customers. A fixed number of SQL queries, and two COPYs per batch
        (which Odoo's query count leaves out).
        ``step_seconds``, a dict, receives the seconds of each step.
        """
        self._lock_recompute(company)
        today = today or fields.Date.context_today(self)
        settings = company._customer_value_settings()
        with _timed(step_seconds, "summary"):
            totals = self._store_summary(company, today, settings["period_days"])
        with _timed(step_seconds, "fit"):
            fit = self._fit_models(self._fetch_fit_data(), totals, settings)
        self._load_figures(fit, settings, totals, batch_size, step_seconds)
        with (
            _timed(step_seconds, "write"),
            _work_mem(self.env.cr, STORE_WORK_MEM),
        ):
            self._store_figures(company, totals["customer_count"], fit["method"])
        with _timed(step_seconds, "snapshot"):
            self.env["customer.value.snapshot"]._take(company, today)
        # sudo: the fit log is written by the recompute; nobody creates it by hand
        return (
            self.env["customer.value.model"]
            .sudo()
            .create(self._prepare_model_vals(company, totals, fit, settings, today))
        )

    def _lock_recompute(self, company):
        """One recompute of ``company`` at a time, until the transaction
        ends: the button while the cron runs is refused at once rather than
        waiting to redo the same work, and a run may insert its rows without
        checking for conflicts (see :meth:`_store_figures`)."""
        self.env.cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                RECOMPUTE_LOCK_KEY,
                company.id,
            )
        )
        if not self.env.cr.fetchone()[0]:
            raise RecomputeRunning(
                self.env._(
                    "The customer values of %(company)s are being recomputed right "
                    "now. Try again when that run has finished.",
                    company=company.name,
                )
            )

    # ------------------------------------------------------------------
    # Alerts: top customers slipping away
    # ------------------------------------------------------------------
    @api.model
    def _signal_value_moves(self, company):
        """One "call this customer" activity per top customer that slipped.

        Runs after a recompute. One query when nothing moved, whatever the
        number of customers; the activities of the moves are created in one
        batch. Returns the moves (dicts, see :meth:`_record_value_moves`).
        """
        moves = self._record_value_moves(company)
        if moves:
            self._schedule_value_alerts(company, moves)
        return moves

    def _record_value_moves(self, company):
        """Store what this check sees and return the moves worth a call.

        A move is a top customer (top 10 % or top 20 %, now or at the last
        check) whose segment changed into an alert segment, or whose
        probability alive fell below the company's alert probability, since
        the last check. The first check of a customer only records its state,
        so an import or the first recompute gives no flood of calls.
        """
        alive_low = SQL(
            "(v.probability_alive < %s)", company.clv_alert_probability or 0.0
        )
        moves = self.env.execute_query_dict(
            SQL(
                """
                WITH seen AS (
                    UPDATE customer_value v
                       SET watched_segment = v.segment,
                           watched_tier = v.tier,
                           watched_alive_low = %(alive_low)s
                      FROM customer_value prior
                     WHERE prior.id = v.id
                       AND v.company_id = %(company)s
                       AND (v.watched_segment IS DISTINCT FROM v.segment
                            OR v.watched_tier IS DISTINCT FROM v.tier
                            OR v.watched_alive_low IS DISTINCT FROM %(alive_low)s)
                 RETURNING v.partner_id, v.segment, v.probability_alive,
                           prior.watched_segment AS previous_segment,
                           (v.tier IN %(tiers)s OR prior.watched_tier IN %(tiers)s)
                               AS top,
                           (v.segment IN %(segments)s
                            AND prior.watched_segment <> v.segment) AS segment_move,
                           (prior.watched_alive_low IS FALSE AND %(alive_low)s)
                               AS alive_move
                )
                SELECT s.partner_id, s.previous_segment, s.segment,
                       s.probability_alive, s.segment_move IS TRUE AS segment_move,
                       s.alive_move IS TRUE AS alive_move, u.id AS user_id
                  FROM seen s
                  JOIN res_partner p ON p.id = s.partner_id
             LEFT JOIN res_users u ON u.id = p.user_id AND u.active AND NOT u.share
                       AND EXISTS (SELECT 1 FROM res_company_users_rel r
                                    WHERE r.user_id = u.id AND r.cid = %(company)s)
                 WHERE s.top AND (s.segment_move OR s.alive_move)
              ORDER BY s.partner_id
                """,
                alive_low=alive_low,
                company=company.id,
                tiers=ALERT_TIERS,
                segments=ALERT_SEGMENTS,
            )
        )
        self.invalidate_model(["watched_segment", "watched_tier", "watched_alive_low"])
        return moves

    def _schedule_value_alerts(self, company, moves):
        """The activities of ``moves``, for the salesperson, else a manager.

        An open alert of the same person on the same customer is replaced, so
        each account manager has at most one open call per customer, with the
        latest reason.
        """
        alert_type = self.env.ref("customer_centricity.mail_activity_value_alert")
        fallback = self.env["res.users"]
        if not all(move["user_id"] for move in moves):
            fallback = self._value_alert_fallback_user(company)
        users = self.env["res.users"].browse(
            list({move["user_id"] for move in moves if move["user_id"]})
        )
        assignees = {
            move["partner_id"]: move["user_id"] or fallback.id for move in moves
        }
        if not fallback and not all(assignees.values()):
            _logger.warning(
                "Customer value alerts of %s: no salesperson and no manager to call "
                "some customers.",
                company.name,
            )
        # sudo: the recompute (cron or manager) assigns calls to other people
        # on customers; nothing else is written on the customers
        Activity = self.env["mail.activity"].sudo()
        open_alerts = Activity.search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", list(assignees)),
                ("activity_type_id", "=", alert_type.id),
            ]
        )
        open_alerts.filtered(
            lambda activity: assignees.get(activity.res_id) == activity.user_id.id
        ).unlink()
        deadline = alert_type._get_date_deadline()
        partner_model = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for lang, lang_users in (users | fallback).grouped("lang").items():
            translated = self.with_context(lang=lang)
            for move in moves:
                user_id = assignees[move["partner_id"]]
                if user_id not in lang_users.ids:
                    continue
                vals_list.append(
                    {
                        "res_model_id": partner_model,
                        "res_id": move["partner_id"],
                        "activity_type_id": alert_type.id,
                        "user_id": user_id,
                        "date_deadline": deadline,
                        "summary": translated.env._("Call this customer"),
                        "note": translated._value_alert_note(company, move),
                    }
                )
        # quick update: no notification e-mail per activity from a nightly
        # batch; the calls show in each person's activities
        Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    def _value_alert_fallback_user(self, company):
        """Who calls a top customer without salesperson: a manager of the company
        (the longest-standing one), who can also give the customer a salesperson.
        """
        managers = self.env.ref(MANAGER_GROUP).users.filtered(
            lambda user: user.active and not user.share and company in user.company_ids
        )
        return (managers - self.env.ref("base.user_root")).sorted("id")[:1]

    def _value_alert_note(self, company, move):
        """Why to call, in the language of the environment (the assignee's)."""
        labels = dict(self._fields["segment"]._description_selection(self.env))
        lines = []
        if move["segment_move"]:
            lines.append(
                self.env._(
                    "Segment: %(old)s → %(new)s",
                    old=labels.get(move["previous_segment"], ""),
                    new=labels.get(move["segment"], ""),
                )
            )
        probability = move["probability_alive"]
        if probability is not None and move["alive_move"]:
            lines.append(
                self.env._(
                    "Probability alive: %(probability)s, below the alert "
                    "threshold of %(threshold)s",
                    probability=_percent(probability),
                    threshold=_percent(company.clv_alert_probability),
                )
            )
        elif probability is not None:
            lines.append(
                self.env._(
                    "Probability alive: %(probability)s",
                    probability=_percent(probability),
                )
            )
        if not move["user_id"]:
            lines.append(self.env._("No salesperson: please give the customer one."))
        return Markup("<p>%s</p>") % Markup("<br/>").join(lines)

    def _transaction_queries(self, company, until):
        """SELECTs of (partner_id, date, amount) in company currency.

        Bridge addons add their own sources (sales orders, point of sale...).
        Each sale counts exactly once: where a bridge counts a sale through
        its own document, it extends :meth:`_invoices_counted_elsewhere` so
        that the invoice of that sale is left out here.
        """
        return [
            SQL(
                """
                SELECT m.commercial_partner_id AS partner_id,
                       m.invoice_date AS date, m.amount_untaxed_signed AS amount
                  FROM account_move m
                 WHERE m.company_id = %(company)s
                   AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.invoice_date <= %(until)s
                   AND NOT (%(elsewhere)s)
                """,
                company=company.id,
                until=until,
                elsewhere=self._invoices_counted_elsewhere(company),
            ),
            SQL(
                """
                SELECT partner_id, date, amount
                  FROM customer_value_history
                 WHERE company_id = %(company)s AND date <= %(until)s
                """,
                company=company.id,
                until=until,
            ),
        ]

    def _purchase_line_queries(self, company, partner_ids):
        """SELECTs of (partner_id, product_id, amount): what the commercial
        partners ``partner_ids`` bought, untaxed in company currency.

        Favourite products come from here (campaign picks, the counter).
        Bridges add the lines of their documents that no invoice carries
        (a ticket not invoiced, the part of an order still to invoice).
        """
        return [
            SQL(
                """
                SELECT m.commercial_partner_id AS partner_id, l.product_id,
                       -l.balance AS amount
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                 WHERE m.company_id = %(company)s
                   AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.commercial_partner_id = ANY(%(partners)s)
                   AND l.product_id IS NOT NULL
                   AND l.display_type = 'product'
                """,
                company=company.id,
                partners=list(partner_ids),
            )
        ]

    def _favourite_products(self, company, partner_ids, count):
        """``{partner id: [product ids]}``: the ``count`` products each
        customer spent most on (one query, whatever the number of customers)."""
        if count <= 0 or not partner_ids:
            return {}
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT partner_id, product_id FROM (
                    SELECT partner_id, product_id,
                           row_number() OVER (
                               PARTITION BY partner_id
                               ORDER BY sum(amount) DESC, product_id
                           ) AS rank
                      FROM (%(lines)s) line
                  GROUP BY partner_id, product_id
                    HAVING sum(amount) > 0
                ) ranked
                WHERE rank <= %(count)s
                ORDER BY partner_id, rank
                """,
                lines=SQL(" UNION ALL ").join(
                    self._purchase_line_queries(company, partner_ids)
                ),
                count=count,
            )
        )
        favourites = {}
        for partner_id, product_id in rows:
            favourites.setdefault(partner_id, []).append(product_id)
        return favourites

    def _invoices_counted_elsewhere(self, company):
        """Condition on the invoice ``m`` (account_move) of the transactions:
        true for invoices whose sale a bridge counts through its own document.

        Bridges return ``SQL("(%s OR ...)", super()..., own condition)``.
        """
        return SQL("FALSE")

    def _summary_query(self, company, until, period_days):
        """Per-customer summary in one aggregate (see lib.clv.rfm_summary).

        Purchases of one period are summed; periods whose net amount is not
        positive (fully refunded) do not count as purchases.
        """
        return SQL(
            """
            WITH tx AS (%(transactions)s),
            totals AS (
                SELECT partner_id, sum(amount) AS total_revenue,
                       count(*) FILTER (WHERE amount > 0) AS order_count
                  FROM tx GROUP BY partner_id
            ),
            purchase AS (
                SELECT partner_id,
                       floor((date - DATE '1970-01-01')::numeric / %(period)s)::int
                           AS period,
                       min(date) AS date, sum(amount) AS amount
                  FROM tx GROUP BY 1, 2 HAVING sum(amount) > 0
            ),
            customer AS (
                SELECT partner_id, count(*) AS periods,
                       min(period) AS first_period, max(period) AS last_period,
                       min(date) AS first_date, max(date) AS last_date,
                       sum(amount) AS purchase_total,
                       (array_agg(amount ORDER BY period))[1] AS first_amount
                  FROM purchase GROUP BY partner_id
            )
            SELECT c.partner_id, t.total_revenue, t.order_count,
                   c.first_date, c.last_date,
                   c.periods - 1 AS frequency,
                   c.last_period - c.first_period AS recency,
                   floor((%(until)s::date - DATE '1970-01-01')::numeric
                         / %(period)s)::int - c.first_period AS age,
                   CASE WHEN c.periods > 1
                        THEN (c.purchase_total - c.first_amount) / (c.periods - 1)
                        ELSE 0 END AS monetary_value,
                   %(until)s::date - c.last_date AS days_since_last
              FROM customer c JOIN totals t ON t.partner_id = c.partner_id
          ORDER BY c.partner_id
            """,
            transactions=SQL(" UNION ALL ").join(
                self._transaction_queries(company, until)
            ),
            period=period_days,
            until=until,
        )

    def _store_summary(self, company, until, period_days):
        """Write :meth:`_summary_query` into the temporary table
        customer_value_summary; return the company's customer count, repeat
        customers and first date."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS customer_value_summary")
        cr.execute(
            SQL(
                "CREATE TEMP TABLE customer_value_summary ON COMMIT DROP AS %s",
                self._summary_query(company, until, period_days),
            )
        )
        # row counts for the plans of the batches and the upsert
        cr.execute("ANALYZE customer_value_summary")
        return self.env.execute_query_dict(
            SQL(
                """
                SELECT count(*) AS customer_count,
                       count(*) FILTER (WHERE frequency > 0) AS repeat_customers,
                       min(first_date) AS data_start
                  FROM customer_value_summary
                """
            )
        )[0]

    def _fetch_fit_data(self):
        """What the models are fitted on: the distinct (frequency, recency,
        age) rows with their number of customers, and the frequency and
        spend of the repeat customers who spent, in customer order (the
        spend scale is their mean: summed in that order, it stays the same
        to the last bit). The part of the recompute that grows with the
        customer base: with daily periods most rows are distinct (about 170
        bytes per customer while fitting, 1,000,000 customers: 166 MB).
        """
        grouped = self._copy_out(
            """
            SELECT frequency::int8, recency::int8, age::int8, count(*)
              FROM customer_value_summary
          GROUP BY frequency, recency, age
            """,
            FIT_COLUMNS,
        )
        spend = self._copy_out(
            """
            SELECT partner_id::int8, frequency::int8, monetary_value::float8
              FROM customer_value_summary
             WHERE monetary_value > 0
            """,
            SPEND_COLUMNS,
        )
        # in customer order, as the summary gave them: numpy sorts faster
        # than PostgreSQL in its default work_mem
        spend = spend[np.argsort(spend["partner_id"], kind="stable")]
        return {
            **{name: grouped[name].astype(np.int64) for name in FIT_COLUMNS},
            "spend_frequency": spend["frequency"].astype(np.int64),
            "spend_monetary_value": spend["monetary_value"].astype(float),
        }

    def _copy_out(self, query, columns):
        """The rows of ``query`` as a numpy record array of ``columns``
        ({name: numpy code} of its int8 and float8 columns, never NULL),
        through binary COPY: fixed-width records numpy reads at once,
        instead of a Python tuple per row. numeric columns cast to float8
        give the nearest float, as Python would parse their decimal."""
        buffer = io.BytesIO()
        # copy_expert takes plain text: the queries are constants and the
        # integers _read_batch formats
        self.env.cr._obj.copy_expert(
            f"COPY ({query}) TO STDOUT (FORMAT binary)", buffer
        )
        data = buffer.getbuffer()
        if data[: len(COPY_HEADER)] != COPY_HEADER:
            raise ValueError("Unexpected binary COPY header from PostgreSQL")
        return np.frombuffer(
            data[len(COPY_HEADER) : -len(COPY_TRAILER)], _copy_record(columns)
        )

    def _fit_models(self, data, totals, settings):
        """BG/NBD and Gamma-Gamma parameters, or the reason why not."""
        repeat = totals["repeat_customers"]
        if repeat < settings["min_repeat_customers"]:
            return {
                "method": "historic",
                "repeat_customers": repeat,
                "message": self.env._(
                    "Only %(repeat)s repeat customers (at least %(minimum)s needed): "
                    "values are historic, no prediction.",
                    repeat=repeat,
                    minimum=settings["min_repeat_customers"],
                ),
            }
        try:
            bgnbd = clv.fit_bgnbd(
                data["frequency"],
                data["recency"],
                data["age"],
                penalizer=PURCHASE_PENALIZER,
                weights=data["customers"],
            )
            gamma_gamma = self._fit_spend_model(
                data["spend_frequency"], data["spend_monetary_value"]
            )
            if gamma_gamma["q"] <= 1:
                raise ValueError("the Gamma-Gamma spend model has no finite mean")
        except ValueError as error:
            _logger.warning("Customer value model could not be fitted: %s", error)
            return {
                "method": "historic",
                "repeat_customers": repeat,
                "message": self.env._(
                    "The purchase model could not be fitted (%s): values are "
                    "historic, no prediction.",
                    error,
                ),
            }
        return {
            "method": "bgnbd",
            "repeat_customers": repeat,
            "bgnbd": bgnbd,
            "gamma_gamma": gamma_gamma,
            "message": False,
        }

    @api.model
    def _fit_spend_model(self, frequency, monetary_value):
        """Gamma-Gamma fit on spend in units of the mean repeat purchase.

        The small penalty keeps small or uniform customer bases from running
        p to infinity; measuring spend in units of its mean makes the penalty
        the same whatever the currency and price level (v scales back).
        """
        spenders = monetary_value > 0
        scale = float(np.mean(monetary_value[spenders])) if spenders.any() else 1.0
        params = clv.fit_gamma_gamma(
            frequency[spenders],
            monetary_value[spenders] / scale,
            penalizer=SPEND_PENALIZER,
        )
        return {**params, "v": params["v"] * scale}

    def _load_figures(self, fit, settings, totals, batch_size, step_seconds=None):
        """Predict the customers ``batch_size`` at a time, in customer order,
        into the temporary table customer_value_load (see
        :meth:`_store_figures`): per batch one COPY out of the summary and
        one COPY into customer_value_load."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size!r}")
        self._prepare_load_table()
        with _timed(step_seconds, "read"):
            # each batch starts after the last customer of the one before
            self.env.cr.execute(
                "CREATE INDEX customer_value_summary_partner "
                "ON customer_value_summary (partner_id)"
            )
        last_partner_id = 0
        for _batch in range(-(-totals["customer_count"] // batch_size)):
            with _timed(step_seconds, "read"):
                summary = self._read_batch(last_partner_id, batch_size)
            with _timed(step_seconds, "predict"):
                figures = self._compute_figures(summary, fit, settings)
            with _timed(step_seconds, "load"):
                self._copy_figures(figures)
            last_partner_id = int(summary["partner_id"][-1])

    def _read_batch(self, after_partner_id, size):
        """``{column: values}`` of the :data:`BATCH_COLUMNS` of the next
        ``size`` customers of the summary after ``after_partner_id``."""
        columns = ", ".join(
            f"s.{name}::{COPY_TYPES[code]}" for name, code in BATCH_COLUMNS.items()
        )
        # ordered by the column itself (its int8 cast is sorted, not indexed)
        records = self._copy_out(
            f"SELECT {columns} FROM customer_value_summary s "
            f"WHERE s.partner_id > {int(after_partner_id)} "
            f"ORDER BY s.partner_id LIMIT {int(size)}",
            BATCH_COLUMNS,
        )
        # in the machine's byte order, as numpy computes fastest
        return {
            name: records[name].astype(np.dtype(code).newbyteorder("="))
            for name, code in BATCH_COLUMNS.items()
        }

    def _compute_figures(self, summary, fit, settings):
        """``{customer_value_load column: one value per customer}`` of a
        batch: the :data:`LOADED_COLUMNS`, loaded by :meth:`_copy_figures`."""
        frequency, recency, age = (
            summary["frequency"],
            summary["recency"],
            summary["age"],
        )
        if fit["method"] == "bgnbd":
            horizon = settings["horizon_months"] * 30 / settings["period_days"]
            alive = clv.probability_alive(fit["bgnbd"], frequency, recency, age)
            expected = clv.expected_purchases(
                fit["bgnbd"], horizon, frequency, recency, age
            )
            predicted = clv.predicted_clv(
                fit["bgnbd"],
                fit["gamma_gamma"],
                frequency,
                recency,
                age,
                summary["monetary_value"],
                months=settings["horizon_months"],
                yearly_discount_rate=settings["discount_rate"],
                period_days=settings["period_days"],
            )
            # a customer whose purchases were all refunded has no value yet
            ranking = np.where(summary["total_revenue"] > 0, predicted, 0.0)
        else:
            alive = expected = np.full(len(frequency), np.nan)
            ranking = summary["total_revenue"]
        return {
            "partner_id": summary["partner_id"],
            "probability_alive": alive,
            "expected_purchases": expected,
            # what the customer is ranked by: the predicted value, or the
            # historic one without a model
            "ranking_value": ranking,
            "total_revenue": summary["total_revenue"],
        }

    def _prepare_load_table(self):
        """An empty customer_value_load with the :data:`LOADED_COLUMNS`."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "CREATE TEMP TABLE IF NOT EXISTS customer_value_load (%s) "
                "ON COMMIT DROP",
                SQL(", ").join(
                    SQL("%s %s", SQL.identifier(name), SQL(COPY_TYPES[code]))
                    for name, code in LOADED_COLUMNS.items()
                ),
            )
        )
        cr.execute("TRUNCATE customer_value_load")

    def _copy_figures(self, figures):
        """COPY one batch of figures (``{column: values}``, the
        :data:`LOADED_COLUMNS`) into customer_value_load, in binary: numpy
        writes the records of the whole batch at once."""
        records = np.empty(len(figures["partner_id"]), COPY_RECORD)
        records["fields"] = len(LOADED_COLUMNS)
        for name, code in LOADED_COLUMNS.items():
            records[f"{name}_size"] = np.dtype(code).itemsize
            records[name] = figures[name]
        buffer = io.BytesIO(COPY_HEADER + records.tobytes() + COPY_TRAILER)
        # copy_expert takes plain text: the identifiers are quoted, no parameter
        copy = SQL(
            "COPY customer_value_load (%s) FROM STDIN (FORMAT binary)",
            SQL(", ").join(map(SQL.identifier, LOADED_COLUMNS)),
        )
        self.env.cr._obj.copy_expert(copy.code, buffer)

    def _store_figures(self, company, customer_count, fit_method):
        """Replace the company's rows by the summary and customer_value_load:
        upsert, with the RFM scores and the value tier of each customer, and
        delete the rows of customers without purchases any more. New rows
        are inserted in customer order, so that their ids (which break ties
        of value) keep that order."""
        cr = self.env.cr
        computed = {**LOADED_FIGURES, **SCORE_FIGURES, **COPIED_COLUMNS}
        figures = SQL(", ").join(
            [
                SQL("s.partner_id"),
                *(
                    SQL("%s AS %s", value, SQL.identifier(name))
                    for name, value in computed.items()
                ),
                SQL("%s AS ranking", RANKING_SQL),
            ]
        )
        columns = SQL(", ").join(map(SQL.identifier, ["partner_id", *computed]))
        predicted = fit_method == "bgnbd"
        updated = [
            *(name for name in FIGURE_COLUMNS if name != "partner_id"),
            *("tier", "value_band"),
        ]
        conflicts = SQL(
            "ON CONFLICT (partner_id, company_id) DO UPDATE SET %s",
            SQL(", ").join(
                SQL("%s = EXCLUDED.%s", SQL.identifier(name), SQL.identifier(name))
                for name in updated
            ),
        )
        first_run = not self._has_rows(company)
        if first_run:
            # no conflict to look for (the recompute lock keeps other runs
            # out), a quarter faster per inserted row
            conflicts = SQL()
        # the figures are computed once per customer in the subquery, sorted
        # (and so kept from being merged into the outer query, which would
        # compute a figure again wherever it names it)
        cr.execute(
            SQL(
                """
                INSERT INTO customer_value
                       (%(columns)s, predicted_clv, is_predicted, tier,
                        company_id, value_band)
                SELECT %(columns)s, %(predicted_clv)s, %(predicted)s, %(tier)s,
                       %(company)s, %(band)s
                  FROM (SELECT %(figures)s
                          FROM customer_value_summary s
                          JOIN (%(monetary)s) l ON l.partner_id = s.partner_id
                          JOIN (%(recency)s) r ON r.value = s.days_since_last
                          JOIN (%(frequency)s) f ON f.value = s.order_count
                      ORDER BY s.partner_id) customer
              ORDER BY partner_id
                %(conflicts)s
                """,
                columns=columns,
                predicted_clv=SQL("ranking_value" if predicted else "NULL::numeric"),
                predicted=predicted,
                tier=self._tier_sql(customer_count),
                company=company.id,
                band=VALUE_BAND_SQL,
                figures=figures,
                recency=_scores_by_value(
                    SQL("days_since_last"), customer_count, descending=True
                ),
                frequency=_scores_by_value(SQL("order_count"), customer_count),
                monetary=_scores_by_revenue(customer_count),
                conflicts=conflicts,
            )
        )
        if not first_run:  # a first run has no earlier customers
            cr.execute(
                SQL(
                    """
                    DELETE FROM customer_value v
                     WHERE v.company_id = %s
                       AND NOT EXISTS (SELECT 1 FROM customer_value_load l
                                        WHERE l.partner_id = v.partner_id)
                    """,
                    company.id,
                )
            )
        self.invalidate_model()
        self.env["res.partner"].invalidate_model()

    def _tier_sql(self, customer_count):
        """The tier of a row of :meth:`_store_figures`: rfm.value_tiers, in
        SQL. Customers rank by value, best first, ties by customer; a tier
        ends before the customer whose rank is its cutoff, found in one sort
        of customer_value_load, so that the upsert needs no rank of its own.
        """
        cutoffs = rfm.tier_cutoffs(customer_count)
        first_below = {
            position: (value, partner_id)
            for position, value, partner_id in self.env.execute_query(
                SQL(
                    """
                    SELECT position, ranking, partner_id
                      FROM (SELECT %(ranking)s AS ranking, l.partner_id,
                                   row_number() OVER (ORDER BY %(ranking)s DESC
                                                      NULLS LAST, l.partner_id)
                                       - 1 AS position
                              FROM customer_value_load l) ranked
                     WHERE position IN %(positions)s
                    """,
                    ranking=RANKING_SQL,
                    positions=(cutoffs["top10"], cutoffs["top20"]),
                )
            )
        }
        top10, top20 = (
            _ranks_before(first_below.get(cutoffs[tier])) for tier in ("top10", "top20")
        )
        return SQL(
            """
            CASE WHEN ranking <= 0 THEN 'other'
                 WHEN %s THEN 'top10'
                 WHEN %s THEN 'top20'
                 ELSE 'other' END
            """,
            top10,
            top20,
        )

    def _has_rows(self, company):
        return bool(
            self.env.execute_query(
                SQL(
                    "SELECT 1 FROM customer_value WHERE company_id = %s LIMIT 1",
                    company.id,
                )
            )
        )

    def _prepare_model_vals(self, company, totals, fit, settings, today):
        vals = {
            "company_id": company.id,
            "date": fields.Datetime.now(),
            "observation_end": today,
            "data_start": totals["data_start"] or False,
            "customer_count": totals["customer_count"],
            "repeat_customer_count": fit["repeat_customers"],
            "method": fit["method"],
            "message": fit["message"],
            "horizon_months": settings["horizon_months"],
            "discount_rate": settings["discount_rate"],
            "period_days": settings["period_days"],
        }
        for name, value in {
            **fit.get("bgnbd", {}),
            **fit.get("gamma_gamma", {}),
        }.items():
            vals[f"param_{name}"] = value
        return vals


# The value band of a row of _store_figures, by its ranking float: the
# same band as its stored value (the shortest decimal of the float), read
# without converting it again
VALUE_BAND_SQL = SQL(
    "CASE WHEN ranking >= 100000 THEN '4' WHEN ranking >= 10000 THEN '3' "
    "WHEN ranking >= 1000 THEN '2' WHEN ranking >= 100 THEN '1' ELSE '0' END"
)


def _score_sql(below, upto, count):
    """rfm.scores_from_ranks in SQL, by the same float operations: the score
    of a value that ``below`` of the ``count`` customers' values rank worse
    than, and ``upto`` worse or tied."""
    return SQL(
        "least(greatest(ceil((%s + %s)::float8 / 2::float8 / %s::float8 "
        "* 5::float8), 1), 5)::int",
        below,
        upto,
        count,
    )


def _scores_by_value(column, count, descending=False):
    """The score of each distinct value of the summary's ``column``, as
    rfm.quintile_scores gives it: counted on the few distinct values (days
    since the last purchase, orders), not sorting every customer."""
    return SQL(
        """
        SELECT %(column)s AS value,
               %(score)s AS score
          FROM customer_value_summary
      GROUP BY %(column)s
        WINDOW w AS (ORDER BY %(column)s %(direction)s)
        """,
        column=column,
        score=_score_sql(
            SQL("sum(count(*)) OVER w - count(*)"), SQL("sum(count(*)) OVER w"), count
        ),
        direction=SQL("DESC" if descending else "ASC"),
    )


def _scores_by_revenue(count):
    """customer_value_load with each customer's monetary score, as
    rfm.quintile_scores gives it on the revenue as float (nearly every
    customer's revenue is their own: ranked one by one, on the narrow
    loaded rows)."""
    return SQL(
        """
        SELECT l.*, %(score)s AS monetary_score
          FROM customer_value_load l
        WINDOW w AS (ORDER BY l.total_revenue)
        """,
        score=_score_sql(SQL("rank() OVER w - 1"), SQL("count(*) OVER w"), count),
    )


def _ranks_before(cutoff):
    """Whether a row of :meth:`_tier_sql` ranks before ``cutoff``, the
    (ranking, partner_id) of a customer, or None: every row does."""
    if cutoff is None:
        return SQL("TRUE")
    value, partner_id = cutoff
    if value is None:  # the customers without a value rank last
        return SQL("(ranking IS NOT NULL OR partner_id < %s)", partner_id)
    return SQL(
        "(ranking > %s::float8 OR (ranking = %s::float8 AND partner_id < %s))",
        value,
        value,
        partner_id,
    )


def leave_room_for_updates(cr, table):
    """Set the fillfactor of ``table`` to :data:`REWRITTEN_TABLE_FILLFACTOR`
    (new pages only: existing rows move as they are next updated)."""
    option = f"fillfactor={REWRITTEN_TABLE_FILLFACTOR}"
    cr.execute(
        SQL(
            "SELECT %s = ANY(coalesce(reloptions, '{}')) FROM pg_class "
            "WHERE oid = %s::regclass",
            option,
            table,
        )
    )
    if not cr.fetchone()[0]:
        cr.execute(
            SQL(
                "ALTER TABLE %s SET (fillfactor = %s)",
                SQL.identifier(table),
                REWRITTEN_TABLE_FILLFACTOR,
            )
        )


@contextmanager
def _work_mem(cr, size):
    """PostgreSQL's work_mem at ``size`` for the block, in this transaction
    only (SET LOCAL: a rollback, also to a savepoint, restores it)."""
    cr.execute(
        SQL(
            "SELECT current_setting('work_mem'), set_config('work_mem', %s, true)",
            size,
        )
    )
    previous = cr.fetchone()[0]
    yield
    cr.execute(SQL("SELECT set_config('work_mem', %s, true)", previous))


@contextmanager
def _timed(step_seconds, step):
    """Add the seconds the block takes to ``step_seconds[step]`` (a dict or None)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if step_seconds is not None:
            step_seconds[step] = (
                step_seconds.get(step, 0.0) + time.perf_counter() - start
            )


def _percent(probability):
    """0.423 -> '42 %' (the same in English and German)."""
    return f"{round(probability * 100)} %"
