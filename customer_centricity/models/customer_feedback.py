# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib.input_limits import MAX_COMMENT_CHARS, MAX_FIELD_CHARS
from .res_partner import partner_greeting

NPS_SCORES = [(str(score), str(score)) for score in range(11)]
CSAT_SCORES = [(str(score), str(score)) for score in range(1, 6)]
CES_SCORES = [(str(score), str(score)) for score in range(1, 8)]
DETRACTOR_MAX = 6
PROMOTER_MIN = 9
UNHAPPY_CSAT_MAX = 2
MANAGER_GROUP = "customer_centricity.group_customer_centricity_manager"
# Automatic requests: an invoice or a visit older than the delay plus these
# days is no occasion any more (a cron that missed a few days still asks).
REQUEST_GRACE_DAYS = 7
REQUEST_BATCH_SIZE = 200
REQUEST_CONTACT_KINDS = ("visit", "customer_day")
# Answers the customer gave without us: their account managers may not rewrite
# them, only managers may correct them (tracked).
COLLECTED_CHANNELS = ("link", "import")
# What the customer answered; fixed once collected by link or import.
ANSWER_FIELDS = (
    "partner_id",
    "nps_score",
    "csat_score",
    "ces_score",
    "comment",
    "date",
    "rating_ids",
    "collected_by_id",
    "company_id",
)
# Set by the server only: requests, personal links and follow-ups.
SERVER_FIELDS = ("state", "access_token", "token_expiry", "follow_up_scheduled")


class CustomerFeedback(models.Model):
    """A customer's answer: NPS (0-10), CSAT (1-5), Customer Effort (1-7).

    Collected in person, through a personal link in an e-mail (no login, one
    answer per link, the link expires) or imported.
    """

    _name = "customer.feedback"
    _description = "Customer Feedback"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account manager",
        index=True,
        help="Follows up unhappy answers: the customer's salesperson by default.",
    )
    can_change_answer = fields.Boolean(
        compute="_compute_can_change_answer",
        help="Answers collected by link or import are corrected by managers only.",
    )
    collected_by_id = fields.Many2one(
        "res.users", string="Collected by", default=lambda self: self.env.user
    )
    contact_id = fields.Many2one("customer.contact", check_company=True)
    date = fields.Date(default=fields.Date.context_today, required=True, tracking=True)
    channel = fields.Selection(
        [
            ("in_person", "In person"),
            ("phone", "Phone"),
            ("link", "Personal link"),
            ("import", "Import"),
        ],
        default="in_person",
        required=True,
        help="Answers collected by personal link or import can only be "
        "corrected by managers.",
    )
    nps_score = fields.Selection(
        NPS_SCORES, string="Recommendation (NPS 0-10)", tracking=True
    )
    csat_score = fields.Selection(
        CSAT_SCORES, string="Satisfaction (CSAT 1-5)", tracking=True
    )
    ces_score = fields.Selection(CES_SCORES, string="Effort (CES 1-7)", tracking=True)
    comment = fields.Text(tracking=True)
    state = fields.Selection(
        [("requested", "Requested"), ("answered", "Answered")],
        default="answered",
        required=True,
        readonly=True,
        tracking=True,
    )
    access_token = fields.Char(copy=False, readonly=True, index="btree_not_null")
    token_expiry = fields.Datetime(copy=False, readonly=True)
    follow_up_scheduled = fields.Boolean(readonly=True, copy=False)
    rating_ids = fields.One2many(
        "customer.feedback.rating",
        "feedback_id",
        string="Aspects",
        help="The customer's ratings of the aspects employees rate in the "
        "self-image survey (1 = not at all, 5 = completely).",
    )

    _sql_constraints = [
        ("access_token_unique", "unique(access_token)", "Feedback links are unique."),
    ]

    @api.constrains("state", "nps_score", "csat_score", "ces_score")
    def _check_answered(self):
        for feedback in self:
            scores = (feedback.nps_score, feedback.csat_score, feedback.ces_score)
            if feedback.state == "answered" and not any(scores):
                raise ValidationError(
                    self.env._("An answer needs at least one score (NPS, CSAT or CES).")
                )

    @api.constrains("comment")
    def _check_comment_length(self):
        for feedback in self:
            if len(feedback.comment or "") > MAX_COMMENT_CHARS:
                raise ValidationError(
                    self.env._(
                        "A comment can hold at most %s characters.", MAX_COMMENT_CHARS
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_create_allowed(vals)
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            if partner:
                vals["partner_id"] = partner.commercial_partner_id.id
                vals.setdefault("user_id", partner.commercial_partner_id.user_id.id)
        feedbacks = super().create(vals_list)
        feedbacks._close_the_loop()
        return feedbacks

    def write(self, vals):
        self._check_write_allowed(vals)
        result = super().write(vals)
        if {"nps_score", "csat_score", "state"} & set(vals):
            self._close_the_loop()
        return result

    @api.depends("channel")
    @api.depends_context("uid")
    def _compute_can_change_answer(self):
        manager = self.env.user.has_group(MANAGER_GROUP)
        for feedback in self:
            feedback.can_change_answer = (
                manager or feedback.channel not in COLLECTED_CHANNELS
            )

    def _check_create_allowed(self, vals):
        """Requests, links and collected answers are created by the server."""
        if self.env.su:
            return
        server_set = [
            name
            for name in SERVER_FIELDS
            if vals.get(name) and not (name == "state" and vals[name] == "answered")
        ]
        if vals.get("channel") in COLLECTED_CHANNELS:
            server_set.append("channel")
        if server_set:
            raise AccessError(
                self.env._(
                    "Only the server sets these fields of a customer answer: %s",
                    ", ".join(server_set),
                )
            )

    def _check_write_allowed(self, vals):
        """Nobody rewrites server fields; only managers correct collected answers.

        Answers collected by personal link or import count for the account
        manager's figures: they may not rewrite them. Answers entered by hand
        stay editable as the record rules allow.
        """
        if self.env.su:
            return
        server_set = [name for name in SERVER_FIELDS if name in vals]
        if "channel" in vals and (
            vals["channel"] in COLLECTED_CHANNELS
            or any(channel in COLLECTED_CHANNELS for channel in self.mapped("channel"))
        ):
            server_set.append("channel")
        if server_set:
            raise AccessError(
                self.env._(
                    "Only the server sets these fields of a customer answer: %s",
                    ", ".join(server_set),
                )
            )
        answer_fields = [name for name in ANSWER_FIELDS if name in vals]
        collected = self.filtered(lambda f: f.channel in COLLECTED_CHANNELS)
        if answer_fields and collected and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Answers the customer gave by personal link or import cannot "
                    "be changed, only corrected by a manager (%s).",
                    ", ".join(answer_fields),
                )
            )

    def _is_unhappy(self):
        self.ensure_one()
        nps = self.nps_score and int(self.nps_score) <= DETRACTOR_MAX
        csat = self.csat_score and int(self.csat_score) <= UNHAPPY_CSAT_MAX
        return bool(nps or csat)

    def _is_promoter(self):
        self.ensure_one()
        return bool(self.nps_score) and int(self.nps_score) >= PROMOTER_MIN

    def _review_url(self):
        """The company's review page, offered to promoters only."""
        self.ensure_one()
        if not self._is_promoter():
            return False
        return self.company_id.feedback_review_url or False

    def _close_the_loop(self):
        """Detractors and unhappy customers get a follow-up, once per answer."""
        todo = self.filtered(
            lambda f: f.state == "answered"
            and not f.follow_up_scheduled
            and f._is_unhappy()
        )
        for feedback in todo:
            days = feedback.company_id.feedback_follow_up_days
            feedback.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self) + timedelta(days=days),
                summary=self.env._(
                    "Call back: %s is unhappy", feedback.partner_id.name
                ),
                note=feedback.comment or "",
                user_id=(
                    feedback.user_id or feedback.collected_by_id or self.env.user
                ).id,
            )
        # sudo: the marker is a server field that users may not write (see
        # _check_write_allowed); it only records that the activity exists.
        todo.sudo().follow_up_scheduled = True

    @api.model
    def _late_follow_up_domain(self):
        """Answers whose follow-up is overdue (dashboard and digest; the
        search filter *Late follow-ups* says the same)."""
        return [("activity_date_deadline", "<", fields.Date.context_today(self))]

    # ------------------------------------------------------------------
    # Personal links
    # ------------------------------------------------------------------
    @api.model
    def _request(self, partners, valid_days=14):
        """Feedback requests with a personal link, e-mailed to each customer.

        Customers who are blacklisted or opted out of outreach are skipped:
        asking for feedback is a solicitation too. Customers without an
        address still get their link, to be handed over in person.
        """
        self.check_access("create")
        partners = self._askable(partners)
        expiry = fields.Datetime.now() + timedelta(days=valid_days)
        # sudo: links, tokens and the "requested" state are server fields
        # (see _check_create_allowed); the caller's right to create feedback
        # was checked above.
        requests = self.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "channel": "link",
                    "state": "requested",
                    "access_token": secrets.token_urlsafe(24),
                    "token_expiry": expiry,
                }
                for partner in partners
            ]
        )
        template = self.env.ref("customer_centricity.mail_template_feedback_request")
        for request in requests:
            template.send_mail(request.id)
        return requests.sudo(self.env.su)

    @api.model
    def _askable(self, partners):
        partners = partners.filtered(lambda p: not p.outreach_opt_out)
        # sudo: the blacklist is readable by administrators only
        blacklisted = set(
            self.env["mail.blacklist"]
            .sudo()
            .search([("email", "in", partners.mapped("email_normalized"))])
            .mapped("email")
        )
        return partners.filtered(
            lambda p: not p.email_normalized or p.email_normalized not in blacklisted
        )

    @api.model
    def _cron_request_feedback(self, batch_size=REQUEST_BATCH_SIZE):
        """E-mail the feedback link some days after an invoice or a visit.

        Only for the companies that switched it on (Settings). One query finds
        a batch of customers to ask; the cron runs again while some remain
        (those asked meanwhile are no candidates any more).
        """
        today = fields.Date.context_today(self)
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            self._request_candidates_query(today, batch_size)
        )
        partners_by_company = defaultdict(list)
        for row in rows:
            partners_by_company[row["company_id"]].append(row["partner_id"])
        for company_id, partner_ids in partners_by_company.items():
            # sudo: the cron asks on behalf of the company, not of a user
            self.sudo().with_company(company_id)._request(
                self.env["res.partner"].browse(partner_ids)
            )
        total = rows[0]["total"] if rows else 0
        self.env["ir.cron"]._notify_progress(
            done=len(rows), remaining=total - len(rows)
        )
        return rows

    def _request_candidates_query(self, today, limit):
        """(company_id, partner_id, total) of the customers to ask today.

        A customer is asked when a posted invoice or a visit (customer visit,
        customer day) of the company lies the configured delay ago (up to
        REQUEST_GRACE_DAYS more), and not when it was asked or answered
        within the configured interval, has no e-mail, is blacklisted, opted
        out of outreach, archived, or an employee.
        """
        return SQL(
            """
            WITH asking AS (
                SELECT id AS company_id,
                       %(today)s::date - feedback_request_delay_days AS latest,
                       %(today)s::date - feedback_request_delay_days
                           - %(grace)s AS earliest,
                       %(today)s::date - feedback_request_interval_days
                           AS asked_after
                  FROM res_company
                 WHERE feedback_auto_request AND active
            ),
            occasion AS (
                SELECT m.company_id, m.commercial_partner_id AS partner_id
                  FROM account_move m
                  JOIN asking a ON a.company_id = m.company_id
                 WHERE m.state = 'posted' AND m.move_type = 'out_invoice'
                   AND m.invoice_date BETWEEN a.earliest AND a.latest
                 UNION
                SELECT c.company_id, c.partner_id
                  FROM customer_contact c
                  JOIN asking a ON a.company_id = c.company_id
                 WHERE c.state = 'done' AND c.kind IN %(kinds)s
                   AND c.local_date BETWEEN a.earliest AND a.latest
            )
            SELECT o.company_id, o.partner_id, count(*) OVER () AS total
              FROM occasion o
              JOIN asking a ON a.company_id = o.company_id
              JOIN res_partner p ON p.id = o.partner_id
             WHERE p.active
               AND p.outreach_opt_out IS NOT TRUE
               AND p.email_normalized IS NOT NULL
               AND (p.company_id IS NULL OR p.company_id = o.company_id)
               AND NOT EXISTS (SELECT 1 FROM mail_blacklist b
                                WHERE b.active AND b.email = p.email_normalized)
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = p.id AND NOT u.share)
               AND NOT EXISTS (SELECT 1 FROM customer_feedback f
                                WHERE f.partner_id = o.partner_id
                                  AND f.company_id = o.company_id
                                  AND f.date > a.asked_after)
          ORDER BY o.company_id, o.partner_id
             LIMIT %(limit)s
            """,
            today=today,
            grace=REQUEST_GRACE_DAYS,
            kinds=REQUEST_CONTACT_KINDS,
            limit=limit,
        )

    def _answer_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/customer-feedback/{self.access_token}"

    def _email_greeting(self):
        """The request's greeting line ("Liebe Frau Fuchs,"), as the outreach
        e-mails greet."""
        self.ensure_one()
        lang = self.env["res.lang"]._get_code(self.partner_id.lang or "")
        return partner_greeting(self.partner_id, self.company_id, lang or "en_US")

    @api.model
    def _find_by_token(self, token):
        """The open request of a link, or a UserError saying why not."""
        # sudo: the public answer page has no user; the token is the right
        feedback = self.sudo().search([("access_token", "=", token)], limit=1)
        if not token or not feedback:
            raise UserError(self.env._("This feedback link is not valid."))
        if feedback.state == "answered":
            raise UserError(self.env._("Thank you, this link was already answered."))
        if feedback.token_expiry and feedback.token_expiry < fields.Datetime.now():
            raise UserError(self.env._("This feedback link has expired."))
        return feedback

    def _aspects(self):
        """The aspects customers are asked to rate on the answer page."""
        # sudo: the public page has no user; statements are not confidential
        return (
            self.env["customer.survey.question"]
            .sudo()
            .search([("kind", "=", "aspect")])
        )

    def _submit_answer(self, nps=None, csat=None, ces=None, comment=None, aspects=None):
        """Validate and store a public answer; nothing is written on bad input.

        ``aspects`` maps aspect ids (as sent by the page) to scores 1-5.
        """
        self.ensure_one()
        aspects = aspects or {}
        values = [nps, csat, ces, comment, *aspects, *aspects.values()]
        if any(value is not None and not isinstance(value, str) for value in values):
            raise UserError(self.env._("Please send plain text answers only."))
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT_CHARS:
            raise UserError(
                self.env._(
                    "Your comment has %(length)s characters; please shorten it "
                    "to at most %(limit)s.",
                    length=len(comment),
                    limit=MAX_COMMENT_CHARS,
                )
            )
        if any(
            len(value) > MAX_FIELD_CHARS
            for value in [nps or "", csat or "", ces or "", *aspects, *aspects.values()]
        ):
            raise UserError(self.env._("Please send plain text answers only."))
        vals = {
            "state": "answered",
            "comment": comment,
            "date": fields.Date.context_today(self),
        }
        ratings = self._parse_aspect_ratings(aspects)
        if ratings:
            vals["rating_ids"] = [Command.clear()] + [
                Command.create(rating) for rating in ratings
            ]
        for name, raw, allowed in (
            ("nps_score", nps, NPS_SCORES),
            ("csat_score", csat, CSAT_SCORES),
            ("ces_score", ces, CES_SCORES),
        ):
            raw = (raw or "").strip()
            if not raw:
                continue
            if raw not in dict(allowed):
                raise UserError(self.env._("%s is not a valid score.", raw))
            vals[name] = raw
        if not any(key in vals for key in ("nps_score", "csat_score", "ces_score")):
            raise UserError(self.env._("Please choose at least one score."))
        self.write(vals)

    def _parse_aspect_ratings(self, aspects):
        known = self._aspects()
        ratings = []
        for raw_id, raw_score in aspects.items():
            raw_score = (raw_score or "").strip()
            if not raw_score:
                continue
            question = known.filtered(lambda q, raw_id=raw_id: str(q.id) == str(raw_id))
            if not question or raw_score not in {"1", "2", "3", "4", "5"}:
                raise UserError(self.env._("%s is not a valid score.", raw_score))
            ratings.append({"question_id": question.id, "score": int(raw_score)})
        return ratings
