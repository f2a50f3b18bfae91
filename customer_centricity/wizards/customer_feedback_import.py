# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from ..lib.input_limits import MAX_COMMENT_CHARS
from ..models.customer_feedback import CES_SCORES, CSAT_SCORES, NPS_SCORES

SCORE_COLUMNS = (
    ("nps", "nps_score", NPS_SCORES),
    ("csat", "csat_score", CSAT_SCORES),
    ("ces", "ces_score", CES_SCORES),
)


class CustomerFeedbackImport(models.TransientModel):
    """Import customer answers collected elsewhere (paper, another tool).

    Columns: customer (reference, e-mail or name), date, and at least one of
    nps (0-10), csat (1-5), ces (1-7); optionally comment. Unhappy answers get
    their follow-up like any other.
    """

    _name = "customer.feedback.import"
    _inherit = "customer.csv.import"
    _description = "Import Customer Feedback"

    _required_columns = ("customer", "date")
    _long_columns = {"comment": MAX_COMMENT_CHARS}

    def _missing_columns_message(self, missing):
        return self.env._(
            "The file needs the columns customer and date, and at least one of "
            "nps, csat and ces (optional: comment). Missing: %s",
            missing,
        )

    def _create_rows(self, vals_list):
        # sudo: the channel "import" marks answers that their account managers
        # may not rewrite, so only the server sets it; only managers can open
        # this wizard (access rights), and every row was checked above.
        return self.env["customer.feedback"].sudo().create(vals_list)

    def _prepare_lookup(self, records):
        return {
            "partners": self._find_partners(
                {(r.get("customer") or "").strip() for r in records}
            )
        }

    def _parse_record(self, record, lookup):
        problems = []
        partner = self._check_customer(record, lookup["partners"], problems)
        day = self._check_date(record, problems)
        vals = {}
        for column, field, allowed in SCORE_COLUMNS:
            raw = (record.get(column) or "").strip()
            if not raw:
                continue
            if raw not in dict(allowed):
                problems.append(
                    self.env._(
                        "%(column)s %(value)s is not a valid score",
                        column=column,
                        value=raw,
                    )
                )
            vals[field] = raw
        if not vals:
            problems.append(self.env._("no score (nps, csat or ces)"))
        if problems:
            return None, problems
        return {
            **vals,
            "partner_id": partner.id,
            "company_id": self.env.company.id,
            "date": day,
            "channel": "import",
            "comment": (record.get("comment") or "").strip(),
        }, []
