# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

COVERED_QUARTERS = 4


class CustomerInitiativeCoverageReport(models.Model):
    """Initiatives per company, team and quarter; empty quarters are flagged.

    One row per company (team empty) and per sales team of the company for
    the current and the three previous quarters.
    """

    _name = "customer.initiative.coverage.report"
    _description = "Quarters Without Customer Initiative"
    _auto = False
    _order = "quarter desc, company_id, team_id"
    _rec_name = "quarter"
    _depends = {
        "customer.initiative": ["company_id", "team_id", "quarter", "stage_state"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    quarter = fields.Char(readonly=True)
    initiative_count = fields.Integer(string="Initiatives", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    without_initiative = fields.Boolean(readonly=True, aggregator="bool_or")

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._with(), self._select(), self._from())

    def _with(self):
        return SQL(
            """
            WITH quarter AS (
                SELECT to_char(q, 'YYYY') || '-Q' || to_char(q, 'Q') AS quarter,
                       q::date AS quarter_start
                  FROM generate_series(
                           date_trunc('quarter', now())
                               - %(back)s * interval '3 months',
                           date_trunc('quarter', now()),
                           interval '3 months') AS q
            ), unit AS (
                SELECT c.id AS company_id, NULL::int AS team_id FROM res_company c
                 UNION ALL
                SELECT t.company_id, t.id FROM crm_team t
                 WHERE t.active AND t.company_id IS NOT NULL
            ), counted AS (
                SELECT u.company_id, u.team_id, q.quarter, q.quarter_start,
                       count(i.id) AS initiative_count,
                       count(i.id) FILTER (WHERE i.stage_state = 'done') AS done_count
                  FROM unit u CROSS JOIN quarter q
             LEFT JOIN customer_initiative i ON i.company_id = u.company_id
                       AND i.quarter = q.quarter
                       AND (u.team_id IS NULL OR i.team_id = u.team_id)
                       AND i.stage_state != 'dropped'
              GROUP BY u.company_id, u.team_id, q.quarter, q.quarter_start
            )
            """,
            back=COVERED_QUARTERS - 1,
        )

    def _select(self):
        # A row's key is (team or none, company, quarter), so is its id: the
        # team (0 for the company row), then the company in 4 digits, then
        # the quarter counted from year 0 in 5 digits (team * 10^9 + company
        # * 10^5 + year * 4 + quarter - 1). Unique below 10 000 companies;
        # below 2^53 (safe in the web client) up to 9 million teams.
        return SQL(
            """
            SELECT coalesce(team_id, 0)::bigint * 1000000000
                   + company_id::bigint * 100000
                   + extract(year FROM quarter_start)::int * 4
                   + extract(quarter FROM quarter_start)::int - 1 AS id,
                   company_id, team_id, quarter, initiative_count, done_count,
                   initiative_count = 0 AS without_initiative
            """
        )

    def _from(self):
        return SQL("FROM counted")
