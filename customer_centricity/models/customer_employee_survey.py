# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib import anonymity

SCORES = [(str(score), str(score)) for score in range(1, 6)]
COMPANY = "company"
FROZEN_WHEN_OPEN = {"question_ids", "company_id", "kind"}
FROZEN_WHEN_CLOSED = {"date_start", "date_end", "customer_window_days"}


class CustomerEmployeeSurvey(models.Model):
    """An anonymous employee survey: the self-image or the five-pillar pulse.

    Opening the survey invites every employee of the company: one
    participation record each (readable by that person only) carrying their
    to-do, and a counter of zero for every statement, team and score.
    Answering sends all scores in one call: the counters go up by one and
    the person's participation is marked answered; no answer is ever stored
    with or next to a person. Results are published only when the survey is
    closed (watching a live average move would reveal the last answer), and
    only for groups of at least five.
    """

    _name = "customer.employee.survey"
    _description = "Employee Survey"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [("self_image", "Self-image"), ("pillars", "Five pillars")],
        required=True,
        default="self_image",
        help="Self-image: employees rate the aspects customers rate, to show "
        "the gap. Five pillars: the periodic pulse on how customer-centric "
        "the company is.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(
        string="End",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=14),
    )
    customer_window_days = fields.Integer(
        string="Customer answers of the last (days)",
        default=90,
        help="The self-image gap compares with customer ratings given in "
        "this many days up to the end of the survey.",
    )
    question_ids = fields.Many2many(
        "customer.survey.question",
        string="Statements",
        domain="[('kind', '=', 'aspect' if kind == 'self_image' else 'pillar')]",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    participation_count = fields.Integer(
        string="Answers",
        compute="_compute_participation_count",
        groups="customer_centricity.group_customer_centricity_manager",
        help="How many people have answered so far; who answered is visible "
        "to nobody but each person.",
    )
    has_answered = fields.Boolean(compute="_compute_has_answered")
    result_ids = fields.One2many(
        "customer.employee.survey.result", "survey_id", readonly=True
    )

    @api.depends_context("uid")
    def _compute_participation_count(self):
        # sudo: a number per survey, never who; the participation records
        # themselves are readable by their person only, managers included
        counts = dict(
            self.env["customer.employee.survey.participation"]
            .sudo()
            ._read_group(
                [("survey_id", "in", self.ids), ("answered", "=", True)],
                ["survey_id"],
                ["__count"],
            )
        )
        for survey in self:
            survey.participation_count = counts.get(survey, 0)

    @api.depends_context("uid")
    def _compute_has_answered(self):
        # sudo: the caller's own participation only (the record rule would
        # give the same; sudo keeps it working in any company context)
        mine = (
            self.env["customer.employee.survey.participation"]
            .sudo()
            .search(
                [
                    ("survey_id", "in", self.ids),
                    ("user_id", "=", self.env.uid),
                    ("answered", "=", True),
                ]
            )
            .survey_id
        )
        for survey in self:
            survey.has_answered = survey in mine

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for survey in self:
            if survey.date_end < survey.date_start:
                raise ValidationError(
                    self.env._("A survey cannot end before it starts.")
                )

    @api.onchange("kind")
    def _onchange_kind(self):
        kind = "aspect" if self.kind == "self_image" else "pillar"
        self.question_ids = self.env["customer.survey.question"].search(
            [("kind", "=", kind)]
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state", "draft") != "draft" for vals in vals_list
        ):
            raise UserError(self.env._("A new survey starts as a draft."))
        return super().create(vals_list)

    def write(self, vals):
        # Every public write is reachable over RPC, and so is its context:
        # only the survey's own actions (in sudo) move the state.
        if "state" in vals and not self.env.su:
            raise UserError(
                self.env._("A survey's status changes only by opening or closing it.")
            )
        frozen = FROZEN_WHEN_OPEN & set(vals)
        if frozen and self.filtered(lambda s: s.state != "draft"):
            raise UserError(
                self.env._(
                    "The statements, kind and company of a survey cannot "
                    "change once it is open."
                )
            )
        if FROZEN_WHEN_CLOSED & set(vals) and self.filtered(
            lambda s: s.state == "closed"
        ):
            raise UserError(self.env._("A closed survey cannot change."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda s: s.state != "draft") and not self.env.su:
            raise UserError(
                self.env._("Only draft surveys can be deleted; results stay.")
            )

    # ------------------------------------------------------------------
    def action_open(self):
        self._check_manager(
            self.env._("Only Customer Centricity managers open surveys.")
        )
        for survey in self:
            if survey.state != "draft":
                raise UserError(self.env._("Only a draft survey can be opened."))
            if not survey.question_ids:
                raise UserError(self.env._("Add at least one statement first."))
        # sudo: the state moves only through this action (see write)
        self.sudo().write({"state": "open"})
        self._create_counters()
        self._invite()
        return True

    def action_close(self):
        self._check_manager(
            self.env._("Only Customer Centricity managers close surveys.")
        )
        for survey in self:
            if survey.state != "open":
                raise UserError(self.env._("Only an open survey can be closed."))
        # sudo: the state moves only through this action (see write)
        self.sudo().write({"state": "closed"})
        # sudo: the remaining to-dos live on participation records that only
        # their person can read; the system removes them
        participations = (
            self.env["customer.employee.survey.participation"]
            .sudo()
            .search([("survey_id", "in", self.ids)])
        )
        participations.activity_ids.unlink()
        self._publish_results()
        return True

    def action_answer(self):
        """Open the answer page: all statements are sent there in one post."""
        self.ensure_one()
        self._check_can_answer()
        return {
            "type": "ir.actions.act_url",
            "url": self._answer_url(),
            "target": "self",
        }

    def action_submit_answers(self, scores):
        """Store the caller's answer to all statements in one go.

        ``scores`` maps every statement id of the survey (int or str, as
        JSON and XML-RPC send them) to a score from 1 to 5. Everything is
        validated before anything is written: a partial or invalid answer
        leaves no trace, not even the participation. The scores only raise
        the counters of (statement, team, score); what the person answered
        is stored nowhere.
        """
        self.ensure_one()
        self.check_access("read")
        self._check_can_answer()
        parsed = self._parse_scores(scores)
        team = self._answer_team()
        self._mark_answered()
        self._count_answer(parsed, team)
        # sudo: the person's own to-do goes away without a "done" note,
        # which would tell when they answered
        self.env["customer.employee.survey.participation"].sudo().search(
            [("survey_id", "=", self.id), ("user_id", "=", self.env.uid)]
        ).activity_ids.unlink()
        self.invalidate_recordset(["participation_count", "has_answered"])
        return True

    # ------------------------------------------------------------------
    def _check_manager(self, message):
        if not self.env.su:
            self.env.user._check_customer_centricity_manager(message)

    def _answer_url(self):
        self.ensure_one()
        return f"/customer-centricity/survey/{self.id}"

    def _create_counters(self):
        """A zero counter per statement, team (and no team) and score.

        All rows exist before the first answer, in a fixed order, so that
        neither their ids nor their number tell anything about who answered
        when.
        """
        vals_list = []
        for survey in self:
            # sudo: teams of other users may be hidden from the manager;
            # the counters need every team of the company
            teams = (
                self.env["crm.team"]
                .sudo()
                .search(
                    [("company_id", "in", [False, survey.company_id.id])],
                    order="id",
                )
            )
            vals_list += [
                {
                    "survey_id": survey.id,
                    "question_id": question.id,
                    "team_id": team_id,
                    "score": score,
                }
                for question in survey.question_ids.sorted("id")
                for team_id in [False, *teams.ids]
                for score in range(1, 6)
            ]
        # sudo: nobody has access to the counters but the system
        self.env["customer.employee.survey.tally"].sudo().create(vals_list)

    def _invite(self):
        """A participation and a to-do for every employee of the company.

        The to-do lives on the person's own participation record, which
        nobody else can read, so nobody can watch the to-dos disappear.
        """
        group = self.env.ref("customer_centricity.group_customer_centricity_user")
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get_id("customer.employee.survey.participation")
        # sudo: participations are the system's, readable by their person only
        Participation = self.env["customer.employee.survey.participation"].sudo()
        for survey in self:
            employees = group.users.filtered(
                lambda user, survey=survey: not user.share
                and survey.company_id in user.company_ids
            )
            participations = Participation.create(
                [{"survey_id": survey.id, "user_id": user.id} for user in employees]
            )
            # created as the superuser: the manager who opened the survey
            # must not be the to-dos' creator (creators may write and
            # delete activities, which would tell which ones still exist)
            self.env["mail.activity"].with_user(SUPERUSER_ID).create(
                [
                    {
                        "res_model_id": model,
                        "res_id": participation.id,
                        "activity_type_id": todo.id,
                        "user_id": participation.user_id.id,
                        "date_deadline": survey.date_end,
                        "summary": self.env._("Answer the survey (anonymous)"),
                    }
                    for participation in participations
                ]
            )

    def _check_can_answer(self):
        self.ensure_one()
        if self.state != "open":
            raise UserError(self.env._("This survey is not open for answers."))
        if self.company_id not in self.env.user.company_ids:
            raise UserError(self.env._("This survey is for another company."))
        if self.has_answered:
            raise UserError(self.env._("You have already answered this survey."))

    def _parse_scores(self, scores):
        """``{question id: score}`` for all statements, or a UserError."""
        self.ensure_one()
        parsed = {}
        try:
            for key, value in dict(scores or {}).items():
                question_id, score = int(key), int(value)
                if question_id in parsed:
                    raise ValueError(key)
                parsed[question_id] = score
        except (TypeError, ValueError):
            parsed = None
        if (
            parsed is None
            or set(parsed) != set(self.question_ids.ids)
            or not all(1 <= score <= 5 for score in parsed.values())
        ):
            raise UserError(self.env._("Please rate every statement from 1 to 5."))
        return parsed

    def _answer_team(self):
        """The caller's team if it has counters in this survey, else none."""
        self.ensure_one()
        team = self.env.user.sale_team_id
        # sudo: nobody has access to the counters but the system
        has_counters = team and self.env[
            "customer.employee.survey.tally"
        ].sudo().search_count(
            [("survey_id", "=", self.id), ("team_id", "=", team.id)], limit=1
        )
        return team if has_counters else self.env["crm.team"]

    def _mark_answered(self):
        """Flag the caller's participation answered, exactly once."""
        self.ensure_one()
        participation = self.env["customer.employee.survey.participation"].sudo()
        participation.flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                UPDATE customer_employee_survey_participation
                   SET answered = TRUE
                 WHERE survey_id = %(survey)s AND user_id = %(user)s
                   AND answered IS NOT TRUE
             RETURNING id
                """,
                survey=self.id,
                user=self.env.uid,
            )
        )
        if rows:
            participation.invalidate_model(["answered"])
            return
        if participation.search_count(
            [("survey_id", "=", self.id), ("user_id", "=", self.env.uid)]
        ):
            raise UserError(self.env._("You have already answered this survey."))
        # joined the company after the survey opened: no invitation yet
        # sudo: participations are written by the system only
        participation.create(
            {"survey_id": self.id, "user_id": self.env.uid, "answered": True}
        )

    def _count_answer(self, scores, team):
        """Add one to the counter of each (statement, team, score).

        Every counter row of the survey is rewritten (most of them with
        ``+ 0``): the row versions then all carry the same transaction, so
        not even the database's own bookkeeping tells which scores the
        last person gave.
        """
        self.ensure_one()
        Tally = self.env["customer.employee.survey.tally"].sudo()
        # sudo: nobody has access to the counters but the system
        hits = Tally.search(
            [
                ("survey_id", "=", self.id),
                ("team_id", "=", team.id or False),
                ("question_id", "in", list(scores)),
            ]
        ).filtered(lambda row: row.score == scores[row.question_id.id])
        if len(hits) != len(scores):
            raise UserError(self.env._("This survey has no counters for your answer."))
        self.env.execute_query(
            SQL(
                """
                UPDATE customer_employee_survey_tally
                   SET count = count + CASE WHEN id = ANY(%(hits)s) THEN 1 ELSE 0 END
                 WHERE survey_id = %(survey)s
                """,
                hits=hits.ids,
                survey=self.id,
            )
        )
        Tally.invalidate_model(["count"])

    # ------------------------------------------------------------------
    def _publish_results(self):
        Result = self.env["customer.employee.survey.result"]
        for survey in self:
            rows = survey._tally_groups()
            customer = survey._customer_ratings()
            vals_list = []
            for question in survey.question_ids:
                groups = {
                    team: (count, total)
                    for q, team, count, total in rows
                    if q == question
                }
                vals_list += survey._result_vals(question, groups, customer)
            # sudo: results are written by closing only, never by hand
            Result.sudo().search([("survey_id", "=", survey.id)]).unlink()
            Result.sudo().create(vals_list)
            if not vals_list:
                survey.message_post(
                    body=Markup("<p>%s</p>")
                    % self.env._(
                        "Fewer than %s answers: no results are shown, to keep "
                        "everyone anonymous.",
                        anonymity.MINIMUM_GROUP,
                    )
                )

    def _tally_groups(self):
        """``[(question, team, count, score sum)]`` of the survey's counters."""
        self.ensure_one()
        self.env["customer.employee.survey.tally"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT question_id, team_id, sum(count), sum(count * score)
                  FROM customer_employee_survey_tally
                 WHERE survey_id = %(survey)s AND count > 0
              GROUP BY question_id, team_id
                """,
                survey=self.id,
            )
        )
        Question, Team = self.env["customer.survey.question"], self.env["crm.team"]
        return [
            (Question.browse(question_id), Team.browse(team_id), count, total)
            for question_id, team_id, count, total in rows
        ]

    def _result_vals(self, question, groups, customer):
        """Result rows of one statement: company total and reportable teams."""
        vals_list = []
        total = anonymity.company_total(groups)
        if not total:
            return vals_list
        scopes = [("company", None, total, customer.get((question, COMPANY)))]
        pooled = anonymity.pool_small_groups(groups)
        shown_teams = [key for key in pooled if key is not anonymity.OTHER]
        for team in shown_teams:
            scopes.append(("team", team, pooled[team], customer.get((question, team))))
        if anonymity.OTHER in pooled:
            other = [
                value
                for (q, team), value in customer.items()
                if q == question and team is not COMPANY and team not in shown_teams
            ]
            scopes.append(
                (
                    "other_teams",
                    None,
                    pooled[anonymity.OTHER],
                    _sum_pairs(other),
                )
            )
        for scope, team, (count, score_sum), customer_pair in scopes:
            vals_list.append(
                {
                    "survey_id": self.id,
                    "question_id": question.id,
                    "scope": scope,
                    "team_id": team.id if team else False,
                    "employee_count": count,
                    "employee_score": score_sum / count,
                    "customer_count": customer_pair[0] if customer_pair else 0,
                    "customer_score": (
                        customer_pair[1] / customer_pair[0] if customer_pair else 0
                    ),
                }
            )
        return vals_list

    def _customer_ratings(self):
        """``{(question, team): (count, sum)}`` of customer ratings.

        Customer ratings given in the survey's window, by the team of the
        customer; the team ``COMPANY`` is the whole company.
        """
        self.ensure_one()
        if self.kind != "self_image":
            return {}
        domain = [
            ("feedback_id.company_id", "=", self.company_id.id),
            ("feedback_id.state", "=", "answered"),
            ("feedback_id.date", "<=", self.date_end),
            (
                "feedback_id.date",
                ">",
                self.date_end - timedelta(days=self.customer_window_days),
            ),
            ("question_id", "in", self.question_ids.ids),
        ]
        rows = (
            self.env["customer.feedback.rating"]
            .sudo()
            ._read_group(
                domain,
                ["question_id", "team_id"],
                ["__count", "score:sum"],
            )
        )
        ratings = {}
        for question, team, count, total in rows:
            ratings[(question, team)] = (count, total)
            company = ratings.get((question, COMPANY), (0, 0))
            ratings[(question, COMPANY)] = (company[0] + count, company[1] + total)
        return ratings


def _sum_pairs(pairs):
    if not pairs:
        return None
    return (sum(count for count, _ in pairs), sum(total for _, total in pairs))
