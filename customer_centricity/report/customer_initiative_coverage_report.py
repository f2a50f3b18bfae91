# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

from .customer_contact_report import KEYED_IDS_START

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
                       q::date AS quarter_start,
                       (extract(year FROM q)::int - 2000) * 4
                       + extract(quarter FROM q)::int - 1 AS quarters_since_2000
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
                -- initiatives of every stage: the first one's id is a team
                -- row's id (see _select), the figures leave out dropped ones
                SELECT u.company_id, u.team_id, q.quarter, q.quarter_start,
                       q.quarters_since_2000, min(i.id) AS first_initiative_id,
                       count(i.id) FILTER (WHERE i.stage_state != 'dropped')
                           AS initiative_count,
                       count(i.id) FILTER (WHERE i.stage_state = 'done') AS done_count
                  FROM unit u CROSS JOIN quarter q
             LEFT JOIN customer_initiative i ON i.company_id = u.company_id
                       AND i.quarter = q.quarter
                       AND (u.team_id IS NULL OR i.team_id = u.team_id)
              GROUP BY u.company_id, u.team_id, q.quarter, q.quarter_start,
                       q.quarters_since_2000
            )
            """,
            back=COVERED_QUARTERS - 1,
        )

    def _select(self):
        # A team's quarter takes the smallest id of its initiatives, as
        # Odoo's reports take min(l.id): it fits XML-RPC's 32 bits and
        # unrelated initiatives leave it alone. The other rows take an id from
        # their key above 2^30, out of reach of initiative ids: a team's
        # quarter without initiative 2^30 + team * 400 + quarters since
        # 2000-Q1 (that id changes once the quarter's first initiative is
        # entered); a company's quarter, which counts its teams' initiatives
        # again, always 2^30 + 2^29 + company * 400 + quarters since 2000-Q1.
        # Below 2^31 for team and company ids under 1 342 000 up to 2099.
        return SQL(
            """
            SELECT CASE
                       WHEN team_id IS NULL THEN
                           %(company_ids)s + company_id * 400 + quarters_since_2000
                       ELSE coalesce(
                           first_initiative_id,
                           %(team_ids)s + team_id * 400 + quarters_since_2000
                       )
                   END AS id,
                   company_id, team_id, quarter, initiative_count, done_count,
                   initiative_count = 0 AS without_initiative
            """,
            team_ids=KEYED_IDS_START,
            company_ids=KEYED_IDS_START + 2**29,
        )

    def _from(self):
        return SQL("FROM counted")
