# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 11, Trust: anonymous employee surveys, figures that follow the viewer.

Each test plays the attacker over real XML-RPC (employee, colleague, team
leader, outsider, manager, administrator, portal), asserts the refusal and
that nothing changed, and asserts what the allowed routes return.
"""

from odoo import fields
from odoo.tests import tagged

from .common_rpc import RpcCase

REFUSED = r"access|not allowed|security restrictions"


@tagged("post_install", "-at_install")
class TestRightsSurveys(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statements = cls.env["customer.survey.question"].search(
            [("kind", "=", "pillar")], limit=2
        )
        cls.survey = cls.env["customer.employee.survey"].create(
            {
                "name": "Pulse (RPC)",
                "kind": "pillars",
                "question_ids": [(6, 0, cls.statements.ids)],
            }
        )
        cls.survey.action_open()
        cls.Participation = cls.env["customer.employee.survey.participation"]
        cls.Tally = cls.env["customer.employee.survey.tally"]

    def _scores(self, *values):
        return {
            str(question.id): value
            for question, value in zip(self.statements, values, strict=True)
        }

    def _invitation(self, user):
        return self.Participation.search(
            [("survey_id", "=", self.survey.id), ("user_id", "=", user.id)]
        )

    def _counts(self):
        return self.Tally.search([("survey_id", "=", self.survey.id)]).mapped("count")

    # ------------------------------------------------------------------
    # employee surveys
    # ------------------------------------------------------------------
    def test_scores_cannot_be_tied_to_a_person_by_any_route(self):
        invitation = self._invitation(self.employee)
        todo = invitation.activity_ids
        self.assertEqual(todo.user_id, self.employee)
        self.assertTrue(
            self.rpc(
                self.employee,
                "customer.employee.survey",
                "action_submit_answers",
                [self.survey.id],
                self._scores(5, 1),
            )
        )
        self.assertTrue(invitation.answered)
        self.assertFalse(todo.exists(), "the to-do goes once answered")
        # the scores exist only as counters: no person, no time, no order
        counted = self.Tally.search(
            [("survey_id", "=", self.survey.id), ("count", ">", 0)]
        )
        self.assertEqual(
            sorted((c.question_id.id, c.team_id.id, c.score, c.count) for c in counted),
            sorted(
                [
                    (self.statements[0].id, self.shop.id, 5, 1),
                    (self.statements[1].id, self.shop.id, 1, 1),
                ]
            ),
        )
        self.assertFalse(
            {"create_uid", "create_date", "write_date"} & set(self.Tally._fields)
        )
        tally_ids = self.Tally.search([("survey_id", "=", self.survey.id)]).ids
        attackers = (self.colleague, self.leader, self.manager, self.admin)
        # everyone may export, so that only the access rights stand in the way
        export = self.env.ref("base.group_allow_export")
        for user in (*attackers, self.portal):
            user.groups_id = [(4, export.id)]
        for user in (*attackers, self.portal):
            for method, args, kwargs in (
                ("search_read", [[]], {"fields": ["score", "count", "team_id"]}),
                (
                    "read_group",
                    [[], ["count:sum"], ["team_id", "score"]],
                    {"lazy": False},
                ),
                ("search_count", [[]], {}),
                ("read", [tally_ids[:3], ["count"]], {}),
                ("export_data", [tally_ids, ["count", "score"]], {}),
            ):
                with self.subTest(user=user.login, method=method):
                    self.assertRpcRefused(
                        user,
                        "customer.employee.survey.tally",
                        method,
                        *args,
                        message="not allowed",
                        **kwargs,
                    )
        # who answered: nobody else sees the employee's invitation
        for user in attackers:
            with self.subTest(user=user.login):
                found = self.rpc(
                    user,
                    "customer.employee.survey.participation",
                    "search_read",
                    [("survey_id", "=", self.survey.id)],
                    fields=["user_id", "answered"],
                )
                self.assertEqual({row["user_id"][0] for row in found}, {user.id})
                self.assertFalse(any(row["answered"] for row in found))
                self.assertEqual(
                    self.rpc(
                        user,
                        "customer.employee.survey.participation",
                        "search_count",
                        [("answered", "=", True)],
                    ),
                    0,
                )
                groups = self.rpc(
                    user,
                    "customer.employee.survey.participation",
                    "read_group",
                    [],
                    ["user_id"],
                    ["answered"],
                    lazy=False,
                )
                self.assertEqual(
                    [(g["answered"], g["__count"]) for g in groups], [(False, 1)]
                )
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey.participation",
                    "read",
                    [invitation.id],
                    ["answered"],
                    message=REFUSED,
                )
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey.participation",
                    "export_data",
                    [invitation.id],
                    ["user_id", "answered"],
                    message=REFUSED,
                )
                # nor the to-dos: only one's own is found, another's is refused
                activities = self.rpc(
                    user,
                    "mail.activity",
                    "search_read",
                    [("res_model", "=", "customer.employee.survey.participation")],
                    fields=["user_id", "res_id"],
                )
                self.assertEqual({a["user_id"][0] for a in activities}, {user.id})
                self.assertEqual(
                    self.rpc(
                        user,
                        "mail.activity",
                        "search_count",
                        [("user_id", "=", self.colleague.id)],
                    ),
                    1 if user == self.colleague else 0,
                )
        colleague_todo = self._invitation(self.colleague).activity_ids
        for user in (self.manager, self.admin, self.leader):
            self.assertRpcRefused(
                user,
                "mail.activity",
                "read",
                [colleague_todo.id],
                ["res_id"],
                message=REFUSED,
            )
            # a still existing and a deleted to-do answer alike
            for activity_id in (colleague_todo.id, todo.id):
                self.assertRpcRefused(
                    user, "mail.activity", "write", [activity_id], {"note": "x"}
                )
        self.assertUnchanged(colleague_todo, {"user_id": self.colleague})
        # managers see the number; employees not even that
        [row] = self.rpc(
            self.manager,
            "customer.employee.survey",
            "read",
            [self.survey.id],
            ["participation_count"],
        )
        self.assertEqual(row["participation_count"], 1)
        self.assertRpcRefused(
            self.colleague,
            "customer.employee.survey",
            "read",
            [self.survey.id],
            ["participation_count"],
        )
        # the survey itself carries no trace: no to-dos, no messages
        self.assertFalse(self.survey.activity_ids)
        self.assertFalse(
            self.survey.message_ids.filtered(
                lambda m: m.author_id == self.employee.partner_id
            )
        )

    def test_a_closed_survey_cannot_be_reopened(self):
        self.survey.action_close()
        for user in (self.manager, self.admin):
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey",
                    "write",
                    [self.survey.id],
                    {"state": "open"},
                    message="opening or closing",
                )
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey",
                    "write",
                    [self.survey.id],
                    {"state": "open"},
                    context={"install_mode": True, "force": True},
                )
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey",
                    "action_open",
                    [self.survey.id],
                    message="Only a draft",
                )
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey",
                    "create",
                    {"name": "Sneaky", "kind": "pillars", "state": "closed"},
                    message="starts as a draft",
                )
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey",
                    "write",
                    [self.survey.id],
                    {"date_end": fields.Date.to_string(self.survey.date_end)},
                    message="closed survey cannot change",
                )
        self.assertUnchanged(self.survey, {"state": "closed"})
        self.assertRpcRefused(
            self.employee,
            "customer.employee.survey",
            "action_submit_answers",
            [self.survey.id],
            self._scores(3, 3),
            message="not open",
        )
        self.assertEqual(set(self._counts()), {0})
        # a copy starts over as a draft, without answers or results
        [copy_id] = self.rpc(
            self.manager, "customer.employee.survey", "copy", [self.survey.id]
        )
        copied = self.survey.browse(copy_id)
        self.assertEqual(copied.state, "draft")
        self.assertFalse(self.Tally.search([("survey_id", "=", copy_id)]))

    def test_state_moves_only_through_the_actions(self):
        draft = self.survey.copy()
        for user in (self.manager, self.admin):
            for state in ("open", "closed"):
                self.assertRpcRefused(
                    user,
                    "customer.employee.survey",
                    "write",
                    [draft.id],
                    {"state": state},
                    message="opening or closing",
                )
        self.assertUnchanged(draft, {"state": "draft"})
        self.assertFalse(self.Participation.search([("survey_id", "=", draft.id)]))
        # manager-only actions are checked in the method, not by the button
        for user in (self.employee, self.leader):
            self.assertRpcRefused(
                user,
                "customer.employee.survey",
                "action_open",
                [draft.id],
                message="managers open",
            )
            self.assertRpcRefused(
                user,
                "customer.employee.survey",
                "action_close",
                [self.survey.id],
                message="managers close",
            )
        self.assertRpcRefused(
            self.portal, "customer.employee.survey", "action_close", [self.survey.id]
        )
        self.assertUnchanged(draft, {"state": "draft"})
        self.assertUnchanged(self.survey, {"state": "open"})
        self.assertFalse(self.survey.result_ids)
        self.rpc(self.manager, "customer.employee.survey", "action_open", [draft.id])
        self.assertUnchanged(draft, {"state": "open"})

    def test_statements_and_company_are_frozen_once_open(self):
        other = self.env["customer.survey.question"].search(
            [("kind", "=", "pillar"), ("id", "not in", self.statements.ids)], limit=1
        )
        other_company = self.env["res.company"].create({"name": "Filiale (RPC)"})
        self.manager.company_ids = [(4, other_company.id)]
        self.admin.company_ids = [(4, other_company.id)]
        for user in (self.manager, self.admin):
            for vals in (
                {"question_ids": [(4, other.id)]},
                {"question_ids": [(3, self.statements[0].id)]},
                {"question_ids": [(6, 0, other.ids)]},
                {"company_id": other_company.id},
                {"kind": "self_image"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.assertRpcRefused(
                        user,
                        "customer.employee.survey",
                        "write",
                        [self.survey.id],
                        vals,
                        message="cannot change once it is open",
                    )
        self.assertUnchanged(
            self.survey,
            {
                "question_ids": self.statements,
                "company_id": self.company,
                "kind": "pillars",
            },
        )

    def test_answers_are_sent_whole_or_not_at_all(self):
        invitation = self._invitation(self.employee)
        todo = invitation.activity_ids
        other = self.env["customer.survey.question"].search(
            [("kind", "=", "pillar"), ("id", "not in", self.statements.ids)], limit=1
        )
        first = str(self.statements[0].id)
        for scores in (
            {first: 4},  # half an answer
            self._scores(4, 6),
            self._scores(0, 3),
            self._scores("4", "x"),
            {**self._scores(4, 4), str(other.id): 4},
            {},
        ):
            with self.subTest(scores=scores):
                self.assertRpcRefused(
                    self.employee,
                    "customer.employee.survey",
                    "action_submit_answers",
                    [self.survey.id],
                    scores,
                    message="every statement",
                )
        # nothing was written: no counter, not even the participation
        self.assertUnchanged(invitation, {"answered": False})
        self.assertTrue(todo.exists())
        self.assertEqual(set(self._counts()), {0})
        # the bookkeeping is the server's: no direct way round the one call
        for model, method, args in (
            (
                "customer.employee.survey.participation",
                "write",
                [[invitation.id], {"answered": True}],
            ),
            (
                "customer.employee.survey.participation",
                "create",
                [{"survey_id": self.survey.id, "user_id": self.employee.id}],
            ),
            ("customer.employee.survey.participation", "unlink", [[invitation.id]]),
            (
                "customer.employee.survey.tally",
                "create",
                [
                    {
                        "survey_id": self.survey.id,
                        "question_id": self.statements[0].id,
                        "score": 5,
                        "count": 10,
                    }
                ],
            ),
            ("customer.employee.survey", "_mark_answered", [[self.survey.id]]),
            ("customer.employee.survey", "_count_answer", [[self.survey.id], {}, []]),
            ("customer.employee.survey.response", "create", [{}]),
        ):
            with self.subTest(model=model, method=method):
                self.assertRpcRefused(self.employee, model, method, *args)
        self.assertUnchanged(invitation, {"answered": False})
        self.assertEqual(set(self._counts()), {0})
        # a whole answer counts once
        self.rpc(
            self.employee,
            "customer.employee.survey",
            "action_submit_answers",
            [self.survey.id],
            self._scores(4, 4),
        )
        self.assertRpcRefused(
            self.employee,
            "customer.employee.survey",
            "action_submit_answers",
            [self.survey.id],
            self._scores(1, 1),
            message="already answered",
        )
        self.assertEqual(sum(self._counts()), 2)
        self.assertRpcRefused(
            self.portal,
            "customer.employee.survey",
            "action_submit_answers",
            [self.survey.id],
            self._scores(1, 1),
        )
        self.assertEqual(sum(self._counts()), 2)

    def test_the_answer_page_posts_everything_at_once(self):
        self.authenticate(self.colleague.login, f"{self.colleague.login}-pw")
        url = f"/customer-centricity/survey/{self.survey.id}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        for question in self.statements:
            self.assertIn(f'name="question_{question.id}"', page.text)
        # without the CSRF token the post is refused and nothing counted
        first = f"question_{self.statements[0].id}"
        second = f"question_{self.statements[1].id}"
        refused = self.url_open(url, data={first: "3", second: "3"})
        self.assertNotEqual(refused.status_code, 200)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        half = self.url_open(url, data={first: "3", "csrf_token": token})
        self.assertEqual(half.status_code, 400)
        self.assertFalse(self._invitation(self.colleague).answered)
        self.assertEqual(set(self._counts()), {0})
        done = self.url_open(url, data={first: "3", second: "2", "csrf_token": token})
        self.assertEqual(done.status_code, 200)
        self.assertIn("counted anonymously", done.text)
        self.assertTrue(self._invitation(self.colleague).answered)
        self.assertEqual(sum(self._counts()), 2)

    # ------------------------------------------------------------------
    # customer goals
    # ------------------------------------------------------------------
    def _onchange_goal(self, viewer, person):
        spec = {
            name: {}
            for name in (
                "user_id",
                "company_id",
                "kpi",
                "target",
                "period",
                "date_start",
                "date_end",
                "achieved",
                "basis_count",
                "status",
            )
        }
        values = {
            "user_id": person.id,
            "company_id": self.company.id,
            "kpi": "nps",
            "target": 10,
            "period": "quarter",
            "date_start": fields.Date.to_string(fields.Date.today()),
        }
        result = self.rpc(
            viewer, "customer.kpi.goal", "onchange", [], values, ["kpi"], spec
        )
        # onchange returns what differs from the record before the KPI was
        # chosen, which has no data: what is left out stayed "no data"
        value = result["value"]
        return (
            value.get("achieved", 0),
            value.get("basis_count", 0),
            value.get("status", "no_data"),
        )

    def test_goal_figures_follow_the_viewer(self):
        Feedback = self.env["customer.feedback"]
        for person, score in (
            (self.employee, "10"),
            (self.colleague, "0"),
            (self.manager, "9"),
        ):
            customer = self.env["res.partner"].create(
                {"name": f"Kunde von {person.name}", "user_id": person.id}
            )
            Feedback.create({"partner_id": customer.id, "nps_score": score})
        shown = (100.0, 1)
        self.assertEqual(self._onchange_goal(self.employee, self.employee)[:2], shown)
        self.assertEqual(
            self._onchange_goal(self.leader, self.colleague)[:2], (-100.0, 1)
        )
        self.assertEqual(
            self._onchange_goal(self.manager, self.colleague)[:2], (-100.0, 1)
        )
        for viewer, person in (
            (self.employee, self.colleague),
            (self.employee, self.manager),
            (self.employee, self.leader),
            (self.outsider, self.employee),
            (self.leader, self.manager),
        ):
            with self.subTest(viewer=viewer.login, person=person.login):
                self.assertEqual(self._onchange_goal(viewer, person), (0, 0, "no_data"))
        # stored goals: a colleague's cannot be read, created or taken over
        Goal = self.env["customer.kpi.goal"]
        colleague_goal = Goal.create(
            {"user_id": self.colleague.id, "kpi": "nps", "target": 10}
        )
        own_goal = Goal.create(
            {"user_id": self.employee.id, "kpi": "nps", "target": 10}
        )
        self.assertRpcRefused(
            self.employee,
            "customer.kpi.goal",
            "read",
            [colleague_goal.id],
            ["achieved", "status"],
        )
        self.assertEqual(
            self.rpc(
                self.employee,
                "customer.kpi.goal",
                "search_read",
                [("id", "in", (own_goal | colleague_goal).ids)],
                fields=["achieved"],
            ),
            [{"id": own_goal.id, "achieved": 100.0}],
        )
        before = Goal.search_count([])
        for person in (self.colleague, self.manager):
            self.assertRpcRefused(
                self.employee,
                "customer.kpi.goal",
                "create",
                {"user_id": person.id, "kpi": "nps", "target": 10},
            )
        self.assertRpcRefused(
            self.outsider,
            "customer.kpi.goal",
            "create",
            {"user_id": self.employee.id, "kpi": "nps", "target": 10},
        )
        self.assertEqual(Goal.search_count([]), before)
        self.assertRpcRefused(
            self.employee,
            "customer.kpi.goal",
            "write",
            [own_goal.id],
            {"user_id": self.colleague.id},
        )
        self.assertRpcRefused(
            self.leader,
            "customer.kpi.goal",
            "write",
            [colleague_goal.id],
            {"user_id": self.manager.id},
        )
        self.assertUnchanged(own_goal, {"user_id": self.employee})
        self.assertUnchanged(colleague_goal, {"user_id": self.colleague})
        # the leader may set goals for the team, the manager for anyone
        self.rpc(
            self.leader,
            "customer.kpi.goal",
            "create",
            {"user_id": self.colleague.id, "kpi": "nps", "target": 20},
        )
        self.rpc(
            self.manager,
            "customer.kpi.goal",
            "create",
            {"user_id": self.outsider.id, "kpi": "nps", "target": 20},
        )
        self.assertEqual(Goal.search_count([]), before + 2)

    # ------------------------------------------------------------------
    # customers' aspect ratings
    # ------------------------------------------------------------------
    def _feedback_with_rating(self, person, score, channel="link"):
        customer = self.env["res.partner"].create(
            {"name": f"Kundin von {person.name}", "user_id": person.id}
        )
        aspect = self.env.ref("customer_centricity.question_aspect_fast")
        feedback = self.env["customer.feedback"].create(
            {
                "partner_id": customer.id,
                "channel": channel,
                "csat_score": "4",
                "rating_ids": [(0, 0, {"question_id": aspect.id, "score": score})],
            }
        )
        return feedback.rating_ids

    def test_ratings_follow_the_feedback_and_only_managers_correct_them(self):
        own = self._feedback_with_rating(self.employee, 2)
        colleague = self._feedback_with_rating(self.colleague, 3)
        outsider = self._feedback_with_rating(self.outsider, 4)
        ours = (own | colleague | outsider).ids
        expected = {
            self.employee: own,
            self.colleague: colleague,
            self.leader: own | colleague,
            self.outsider: outsider,
            self.manager: own | colleague | outsider,
        }
        for user, ratings in expected.items():
            with self.subTest(user=user.login):
                found = self.rpc(
                    user,
                    "customer.feedback.rating",
                    "search",
                    [("id", "in", ours)],
                )
                self.assertEqual(sorted(found), sorted(ratings.ids), user.login)
                # the same as the feedback the user may read: the rules agree
                feedback = self.rpc(
                    user,
                    "customer.feedback",
                    "search",
                    [("rating_ids", "in", ours)],
                )
                self.assertEqual(sorted(feedback), sorted(ratings.feedback_id.ids))
        self.assertRpcRefused(
            self.employee, "customer.feedback.rating", "read", [colleague.id], ["score"]
        )
        self.assertRpcRefused(self.portal, "customer.feedback.rating", "search", [])
        for user in (self.employee, self.leader):
            self.assertRpcRefused(
                user, "customer.feedback.rating", "write", [own.id], {"score": 5}
            )
            self.assertRpcRefused(user, "customer.feedback.rating", "unlink", [own.id])
            self.assertRpcRefused(
                user,
                "customer.feedback.rating",
                "create",
                {
                    "feedback_id": own.feedback_id.id,
                    "question_id": self.env.ref(
                        "customer_centricity.question_aspect_easy"
                    ).id,
                    "score": 1,
                },
            )
        self.assertUnchanged(own, {"score": 2})
        self.assertEqual(len(own.feedback_id.rating_ids), 1)
        self.rpc(
            self.manager, "customer.feedback.rating", "write", [own.id], {"score": 5}
        )
        self.assertUnchanged(own, {"score": 5})
        # ratings entered by hand on the feedback form: changed like the feedback
        by_hand = self._feedback_with_rating(self.employee, 2, channel="in_person")
        self.rpc(
            self.employee,
            "customer.feedback",
            "write",
            [by_hand.feedback_id.id],
            {"rating_ids": [(1, by_hand.id, {"score": 3})]},
        )
        self.assertUnchanged(by_hand, {"score": 3})
        self.assertRpcRefused(
            self.outsider,
            "customer.feedback.rating",
            "write",
            [by_hand.id],
            {"score": 1},
        )
        self.assertUnchanged(by_hand, {"score": 3})

    # ------------------------------------------------------------------
    # monthly customer snapshots (and the churn report built from them)
    # ------------------------------------------------------------------
    def test_snapshots_follow_the_viewer(self):
        Snapshot = self.env["customer.value.snapshot"]
        snapshots = {}
        for person in (self.employee, self.colleague, self.outsider):
            customer = self.env["res.partner"].create(
                {"name": f"Stammkunde von {person.name}", "user_id": person.id}
            )
            snapshots[person] = Snapshot.create(
                [
                    {
                        "partner_id": customer.id,
                        "company_id": self.company.id,
                        "month": month,
                        "active_customer": active,
                        "predicted_clv": 100.0,
                    }
                    for month, active in (("2026-03-01", True), ("2026-04-01", False))
                ]
            )
        ours = Snapshot.concat(*snapshots.values())
        expected = {
            self.employee: snapshots[self.employee],
            self.leader: snapshots[self.employee] | snapshots[self.colleague],
            self.outsider: snapshots[self.outsider],
            self.manager: ours,
            self.admin: ours,
        }
        for user, visible in expected.items():
            with self.subTest(user=user.login):
                found = self.rpc(
                    user, "customer.value.snapshot", "search", [("id", "in", ours.ids)]
                )
                self.assertEqual(sorted(found), sorted(visible.ids))
                churn = self.rpc(
                    user,
                    "customer.churn.report",
                    "search_read",
                    [("partner_id", "in", ours.partner_id.ids)],
                    fields=["partner_id"],
                )
                self.assertEqual(
                    sorted(row["partner_id"][0] for row in churn),
                    sorted(set(visible.partner_id.ids)),
                )
        colleague_row = snapshots[self.colleague][0]
        self.assertRpcRefused(
            self.employee,
            "customer.value.snapshot",
            "read",
            [colleague_row.id],
            ["predicted_clv"],
        )
        self.assertRpcRefused(self.portal, "customer.value.snapshot", "search", [])
        for user in (self.employee, self.manager):
            self.assertRpcRefused(
                user,
                "customer.value.snapshot",
                "write",
                [snapshots[self.employee][0].id],
                {"active_customer": False},
            )
            self.assertRpcRefused(
                user,
                "customer.value.snapshot",
                "create",
                {
                    "partner_id": colleague_row.partner_id.id,
                    "company_id": self.company.id,
                    "month": "2026-05-01",
                },
            )
        self.assertUnchanged(snapshots[self.employee][0], {"active_customer": True})
        self.assertEqual(Snapshot.search_count([("id", "in", ours.ids)]), 6)
