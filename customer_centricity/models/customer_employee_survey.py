# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import anonymity
from ..lib.quarter import quarter_of

SCORES = [(str(score), str(score)) for score in range(1, 6)]
COMPANY = "company"


class CustomerEmployeeSurvey(models.Model):
    """An anonymous employee survey: the self-image or the five-pillar pulse.

    Who took part is recorded (one answer per person); what they answered is
    stored without any link to them and can be read by nobody. Results are
    published only when the survey is closed (watching a live average move
    would reveal the last answer), and only for groups of at least five.
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
        tracking=True,
    )
    participation_ids = fields.One2many(
        "customer.employee.survey.participation", "survey_id", readonly=True
    )
    participation_count = fields.Integer(
        string="Answers", compute="_compute_participation"
    )
    has_answered = fields.Boolean(compute="_compute_participation")
    result_ids = fields.One2many(
        "customer.employee.survey.result", "survey_id", readonly=True
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for survey in self:
            if survey.date_end < survey.date_start:
                raise ValidationError(
                    self.env._("A survey cannot end before it starts.")
                )

    @api.depends("participation_ids")
    @api.depends_context("uid")
    def _compute_participation(self):
        # sudo: the count and the own participation are not personal data of
        # others; users only see their own participation records
        counts = dict(
            self.env["customer.employee.survey.participation"]
            .sudo()
            ._read_group([("survey_id", "in", self.ids)], ["survey_id"], ["__count"])
        )
        mine = (
            self.env["customer.employee.survey.participation"]
            .sudo()
            .search([("survey_id", "in", self.ids), ("user_id", "=", self.env.uid)])
            .survey_id
        )
        for survey in self:
            survey.participation_count = counts.get(survey, 0)
            survey.has_answered = survey in mine

    @api.onchange("kind")
    def _onchange_kind(self):
        kind = "aspect" if self.kind == "self_image" else "pillar"
        self.question_ids = self.env["customer.survey.question"].search(
            [("kind", "=", kind)]
        )

    # ------------------------------------------------------------------
    def action_open(self):
        for survey in self:
            if survey.state != "draft":
                raise UserError(self.env._("Only a draft survey can be opened."))
            if not survey.question_ids:
                raise UserError(self.env._("Add at least one statement first."))
        self.state = "open"
        self._invite()

    def action_close(self):
        for survey in self:
            if survey.state != "open":
                raise UserError(self.env._("Only an open survey can be closed."))
        self.state = "closed"
        # sudo: the remaining invitations are the system's, not the manager's
        self.sudo().activity_ids.unlink()
        self._publish_results()

    def _invite(self):
        """A to-do for every employee of the company, due at the survey's end."""
        group = self.env.ref("customer_centricity.group_customer_centricity_user")
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for survey in self:
            employees = group.users.filtered(
                lambda user, survey=survey: not user.share
                and survey.company_id in user.company_ids
            )
            vals_list += [
                {
                    "res_model_id": model,
                    "res_id": survey.id,
                    "activity_type_id": todo.id,
                    "user_id": user.id,
                    "date_deadline": survey.date_end,
                    "summary": self.env._("Answer the survey (anonymous)"),
                }
                for user in employees
            ]
        self.env["mail.activity"].create(vals_list)

    def action_answer(self):
        self.ensure_one()
        self._check_can_answer()
        response = self.env["customer.employee.survey.response"].create(
            {
                "survey_id": self.id,
                "line_ids": [
                    Command.create({"question_id": question.id})
                    for question in self.question_ids
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": response._name,
            "res_id": response.id,
            "view_mode": "form",
            "target": "new",
        }

    def _check_can_answer(self):
        self.ensure_one()
        if self.state != "open":
            raise UserError(self.env._("This survey is not open for answers."))
        if self.company_id not in self.env.user.company_ids:
            raise UserError(self.env._("This survey is for another company."))
        if self.has_answered:
            raise UserError(self.env._("You have already answered this survey."))

    def _record_answer(self, scores):
        """Store one person's answers without any link to the person.

        ``scores`` maps questions to 1-5. Records the participation (who) and
        the answers (what) separately; the answers carry the team only.
        """
        self.ensure_one()
        self._check_can_answer()
        if set(scores) != set(self.question_ids) or not all(
            str(score) in dict(SCORES) for score in scores.values()
        ):
            raise UserError(self.env._("Please rate every statement from 1 to 5."))
        team = self.env.user.sale_team_id
        # sudo: nobody has access to the answers; the participation is
        # written by the system so that one cannot fake another's
        self.env["customer.employee.survey.participation"].sudo().create(
            {"survey_id": self.id, "user_id": self.env.uid}
        )
        self.env["customer.employee.survey.answer"].sudo().create(
            [
                {
                    "survey_id": self.id,
                    "company_id": self.company_id.id,
                    "question_id": question.id,
                    "team_id": team.id,
                    "score": int(score),
                }
                for question, score in scores.items()
            ]
        )
        # sudo: the person's own invitation goes away without a "done" note
        # in the chatter, which would tell when they answered
        self.sudo().activity_ids.filtered(
            lambda activity: activity.user_id == self.env.user
        ).unlink()
        self.invalidate_recordset(["participation_count", "has_answered"])

    # ------------------------------------------------------------------
    def _publish_results(self):
        Result = self.env["customer.employee.survey.result"]
        for survey in self:
            # sudo: aggregates only, never single answers, leave this method
            rows = (
                self.env["customer.employee.survey.answer"]
                .sudo()
                ._read_group(
                    [("survey_id", "=", survey.id)],
                    ["question_id", "team_id"],
                    ["__count", "score:sum"],
                )
            )
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

    # ------------------------------------------------------------------
    @api.model
    def _create_demo_surveys(self):
        """Demo data: two shops, a year of quarterly pulses, two self-images."""
        rng = random.Random(5)
        staff = self._create_demo_staff()
        Question = self.env["customer.survey.question"]
        today = fields.Date.context_today(self)
        plans = [
            (
                "pillars",
                f"Five pillars {quarter_of(today - relativedelta(months=months))}",
                months,
            )
            for months in (12, 9, 6, 3)
        ] + [
            ("self_image", "Self-image spring", 7),
            ("self_image", "Self-image autumn", 1),
        ]
        for kind, name, months_ago in plans:
            end = today - relativedelta(months=months_ago)
            survey = self.create(
                {
                    "name": name,
                    "kind": kind,
                    "date_start": end - timedelta(days=14),
                    "date_end": end,
                    "question_ids": [
                        Command.set(
                            Question.search(
                                [
                                    (
                                        "kind",
                                        "=",
                                        "aspect" if kind == "self_image" else "pillar",
                                    )
                                ]
                            ).ids
                        )
                    ],
                }
            )
            survey.action_open()
            # employees rate themselves well; the pillars improve over the year
            lift = (12 - months_ago) / 12
            for user in staff.filtered(lambda u: rng.random() < 0.95):
                survey.with_user(user)._record_answer(
                    {
                        question: min(5, max(1, round(rng.gauss(3.4 + lift, 0.8))))
                        for question in survey.question_ids
                    }
                )
            survey.action_close()
        pulse = self.create(
            {"name": "Five pillars now", "kind": "pillars", "date_start": today}
        )
        pulse._onchange_kind()
        pulse.action_open()

    @api.model
    def _create_demo_staff(self):
        """Shop teams with their leaders and five more people each."""
        group = self.env.ref("customer_centricity.group_customer_centricity_user")
        staff = self.env["res.users"]
        for team_xmlid, leader_xmlid, members, city in (
            (
                "customer_initiative_team_wien_demo",
                "user_manager_anna_demo",
                ["user_staff_melanie_demo"],
                "Wien",
            ),
            (
                "customer_initiative_team_graz_demo",
                "user_manager_jonas_demo",
                [],
                "Graz",
            ),
        ):
            team = self.env.ref(f"customer_centricity.{team_xmlid}")
            leader = self.env.ref(f"customer_centricity.{leader_xmlid}")
            team.user_id = leader
            people = leader | self.env["res.users"].concat(
                *(self.env.ref(f"customer_centricity.{xmlid}") for xmlid in members)
            )
            people |= (
                self.env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {
                            "name": f"Team {city} {index}",
                            "login": f"team.{city.lower()}.{index}",
                            "groups_id": [Command.link(group.id)],
                        }
                        for index in range(1, 6)
                    ]
                )
            )
            self.env["crm.team.member"].create(
                [{"crm_team_id": team.id, "user_id": user.id} for user in people]
            )
            staff |= people
        return staff


def _sum_pairs(pairs):
    if not pairs:
        return None
    return (sum(count for count, _ in pairs), sum(total for _, total in pairs))
