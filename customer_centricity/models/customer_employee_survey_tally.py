# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import create_unique_index


class CustomerEmployeeSurveyTally(models.Model):
    """How many people gave one score to one statement, per team.

    The only trace of the answers: a counter per survey, statement, team
    (or no team) and score, created at zero when the survey opens and raised
    by one per answer. No user, no timestamps (``_log_access = False``) and
    no access rights for any group: only the system reads these rows, to
    publish aggregates of at least five answers when a survey closes.
    """

    _name = "customer.employee.survey.tally"
    _description = "Anonymous Answer Count"
    _log_access = False
    _order = "survey_id, question_id, team_id, score"

    survey_id = fields.Many2one(
        "customer.employee.survey", required=True, ondelete="cascade", index=True
    )
    question_id = fields.Many2one(
        "customer.survey.question", required=True, ondelete="cascade"
    )
    team_id = fields.Many2one("crm.team", ondelete="set null")
    score = fields.Integer(required=True)
    count = fields.Integer(required=True, default=0)

    _sql_constraints = [
        ("score_range", "CHECK(score BETWEEN 1 AND 5)", "Scores go from 1 to 5."),
        ("count_positive", "CHECK(count >= 0)", "A count cannot be negative."),
    ]

    @api.model
    def init(self):
        # one counter per survey, statement, team (NULL: no team) and score
        create_unique_index(
            self.env.cr,
            "customer_employee_survey_tally_unique",
            self._table,
            ["survey_id", "question_id", "COALESCE(team_id, 0)", "score"],
        )
