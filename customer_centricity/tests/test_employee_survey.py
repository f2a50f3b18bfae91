# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import xmlrpc.client

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TransactionCase

from ..lib.anonymity import OTHER, company_total, pool_small_groups
from .common import CustomerCentricityCase

USER_GROUP = "customer_centricity.group_customer_centricity_user"


class TestAnonymityRule(TransactionCase):
    def test_small_groups_are_pooled_and_cannot_be_subtracted(self):
        self.assertEqual(
            pool_small_groups({"a": (5, 20), "b": (7, 21)}),
            {"a": (5, 20), "b": (7, 21)},
        )
        # one person alone in team c: it would follow from total minus a minus b
        self.assertEqual(
            pool_small_groups({"a": (5, 20), "b": (7, 21), "c": (1, 5)}),
            {"b": (7, 21), OTHER: (6, 25)},
        )
        # two small teams that together reach five form "other teams"
        self.assertEqual(
            pool_small_groups({"a": (6, 20), "b": (3, 9), "c": (2, 2)}),
            {"a": (6, 20), OTHER: (5, 11)},
        )
        # a single team above the minimum and one person: only the total
        self.assertEqual(pool_small_groups({"a": (5, 20), "b": (1, 1)}), {})
        self.assertEqual(company_total({"a": (5, 20), "b": (1, 1)}), (6, 21))
        self.assertIsNone(company_total({"a": (4, 20)}))


class SurveyCase(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company of its own, so that demo answers and ratings stay out
        cls.shop = cls.env["res.company"].create({"name": "Juwelier Test"})
        cls.team_wien = cls.user_anna.sale_team_id
        cls.team_graz = cls.env["crm.team"].create({"name": "Shop Graz"})
        cls.wien = cls.user_anna | cls.user_ben | cls._staff(cls.team_wien, 4, "wien")
        cls.graz = cls._staff(cls.team_graz, 6, "graz")
        cls.understand = cls.env.ref("customer_centricity.question_aspect_understand")
        cls.fast = cls.env.ref("customer_centricity.question_aspect_fast")
        for user in cls.wien | cls.graz | cls.user_carl | cls.manager:
            user.company_ids = [(4, cls.shop.id)]
        cls.survey = cls.env["customer.employee.survey"].create(
            {
                "company_id": cls.shop.id,
                "name": "Self-image autumn",
                "kind": "self_image",
                "date_start": "2026-10-01",
                "date_end": "2026-10-15",
                "question_ids": [(6, 0, (cls.understand | cls.fast).ids)],
            }
        )

    @classmethod
    def _staff(cls, team, count, prefix):
        users = cls.env["res.users"]
        for index in range(count):
            users |= new_test_user(
                cls.env,
                f"cc_{prefix}_{index}",
                groups=USER_GROUP,
                name=f"{prefix} {index}",
            )
        cls.env["crm.team.member"].create(
            [{"crm_team_id": team.id, "user_id": user.id} for user in users]
        )
        return users

    def _answer(self, users, understand=4, fast=4, survey=None):
        survey = survey or self.survey
        for user in users:
            survey.with_user(user).action_submit_answers(
                {self.understand.id: understand, self.fast.id: fast}
            )

    def _results(self, question=None):
        return self.survey.result_ids.filtered(
            lambda r: r.question_id == (question or self.understand)
        )


@tagged("post_install", "-at_install")
class TestEmployeeSurvey(SurveyCase):
    def test_answers_are_only_counters_and_anonymous_by_every_route(self):
        self.survey.action_open()
        Tally = self.env["customer.employee.survey.tally"]
        counters = Tally.sudo().search([("survey_id", "=", self.survey.id)])
        # every statement x (no team + each team of the company) x score 1-5,
        # all at zero before anybody answers
        teams = self.env["crm.team"].search(
            [("company_id", "in", [False, self.shop.id])]
        )
        self.assertEqual(len(counters), 2 * (len(teams) + 1) * 5)
        self.assertEqual(set(counters.mapped("count")), {0})
        ids_before = counters.ids
        self._answer(self.wien, understand=5)
        counters = Tally.sudo().search([("survey_id", "=", self.survey.id)])
        self.assertEqual(counters.ids, ids_before, "answering adds no row")
        self.assertEqual(sum(counters.mapped("count")), 12)
        wien_5 = counters.filtered(
            lambda c: c.team_id == self.team_wien
            and c.question_id == self.understand
            and c.score == 5
        )
        # Anna and Ben are in the Wien team; the four new ones too
        self.assertEqual(wien_5.count, 6)
        for name in ("create_uid", "create_date", "write_uid", "write_date"):
            self.assertNotIn(name, Tally._fields)
        admin = self.env.ref("base.user_admin")
        export = self.env.ref("base.group_allow_export")
        (self.manager | self.user_anna).groups_id = [(4, export.id)]
        for user in (self.manager, admin, self.user_anna):
            tallies = Tally.with_user(user)
            for route in (
                lambda t: t.search([]),
                lambda t: t.search_read([], ["score", "count", "team_id"]),
                lambda t: t.read_group([], ["count:sum"], ["team_id"]),
                lambda t: t.browse(ids_before[0]).read(["count"]),
                lambda t: t.search_count([]),
                lambda t: t.browse(ids_before).export_data(["count"]),
            ):
                with self.assertRaises(AccessError, msg=f"{user.name} got through"):
                    route(tallies)

    def test_answer_now_opens_the_page_that_sends_everything_at_once(self):
        self.survey.action_open()
        action = self.survey.with_user(self.user_ben).action_answer()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/customer-centricity/survey/{self.survey.id}")
        # no half-filled answer form exists any more
        self.assertNotIn("customer.employee.survey.response", self.env)
        self.assertNotIn("customer.employee.survey.response.line", self.env)
        self.survey.with_user(self.user_ben).action_submit_answers(
            {str(self.understand.id): "3", str(self.fast.id): 3}
        )
        self.assertTrue(self.survey.with_user(self.user_ben).has_answered)
        self.assertFalse(self.survey.with_user(self.user_anna).has_answered)
        self.assertEqual(self.survey.participation_count, 1)
        with self.assertRaisesRegex(UserError, "already answered"):
            self.survey.with_user(self.user_ben).action_answer()

    def test_one_answer_per_person_and_only_while_open(self):
        with self.assertRaisesRegex(UserError, "not open"):
            self._answer(self.user_anna)
        self.survey.action_open()
        self._answer(self.user_anna)
        with self.assertRaisesRegex(UserError, "already answered"):
            self._answer(self.user_anna)
        self.survey.action_close()
        with self.assertRaisesRegex(UserError, "not open"):
            self._answer(self.user_ben)
        self.assertEqual(self.survey.participation_count, 1)

    def test_employees_are_invited_and_the_reminder_goes_silently(self):
        self.survey.action_open()
        ours = self.wien | self.graz
        Participation = self.env["customer.employee.survey.participation"]
        invitations = Participation.search(
            [("survey_id", "=", self.survey.id), ("user_id", "in", ours.ids)]
        )
        self.assertEqual(invitations.user_id, ours)
        self.assertFalse(any(invitations.mapped("answered")))
        # the to-do lives on each person's own invitation, not on the survey
        self.assertFalse(self.survey.activity_ids)
        for invitation in invitations:
            self.assertEqual(invitation.activity_ids.user_id, invitation.user_id)
            self.assertEqual(
                invitation.activity_ids.date_deadline, self.survey.date_end
            )
        self.assertEqual(
            invitations.activity_ids.create_uid, self.env.ref("base.user_root")
        )
        anna = invitations.filtered(lambda p: p.user_id == self.user_anna)
        messages_before = self.survey.message_ids | anna.message_ids
        self._answer(self.user_anna)
        self.assertTrue(anna.answered)
        self.assertFalse(anna.activity_ids)
        self.assertEqual(self.survey.message_ids | anna.message_ids, messages_before)
        self.assertTrue((invitations - anna).activity_ids)
        self.survey.action_close()
        self.assertFalse(invitations.activity_ids)

    def test_bad_scores_write_nothing(self):
        self.survey.action_open()
        survey = self.survey.with_user(self.user_anna)
        understand, fast = self.understand.id, self.fast.id
        for scores in (
            {understand: 6, fast: 3},
            {understand: 3},
            {understand: 0, fast: 3},
            {
                understand: 3,
                fast: 3,
                self.env.ref("customer_centricity.question_aspect_easy").id: 3,
            },
            {str(understand): "x", str(fast): "3"},
            {understand: None, fast: 3},
            {},
            None,
        ):
            with self.assertRaisesRegex(UserError, "every statement"):
                survey.action_submit_answers(scores)
        self.assertEqual(self.survey.participation_count, 0)
        self.assertFalse(self.survey.with_user(self.user_anna).has_answered)
        self.assertEqual(
            set(
                self.env["customer.employee.survey.tally"]
                .sudo()
                .search([("survey_id", "=", self.survey.id)])
                .mapped("count")
            ),
            {0},
        )

    def test_users_see_only_their_own_participation_managers_too(self):
        self.survey.action_open()
        self._answer(self.user_anna | self.user_ben)
        Participation = self.env["customer.employee.survey.participation"].with_context(
            allowed_company_ids=[self.shop.id]
        )
        self.assertEqual(
            Participation.with_user(self.user_anna).search([]).user_id, self.user_anna
        )
        self.assertEqual(
            Participation.with_user(self.manager).search([]).user_id, self.manager
        )
        self.assertEqual(
            Participation.with_user(self.manager).search_count(
                [("answered", "=", True)]
            ),
            0,
        )
        self.assertEqual(self.survey.with_user(self.manager).participation_count, 2)
        with self.assertRaises(AccessError):
            self.survey.with_user(self.user_anna).read(["participation_count"])

    def test_a_late_joiner_without_team_counters_counts_under_no_team(self):
        self.survey.action_open()
        late_team = self.env["crm.team"].create({"name": "Shop Linz (new)"})
        late = self._staff(late_team, 1, "linz")
        late.company_ids = [(4, self.shop.id)]
        self._answer(late, understand=2)
        Tally = self.env["customer.employee.survey.tally"].sudo()
        self.assertFalse(Tally.search([("team_id", "=", late_team.id)]))
        counted = Tally.search([("survey_id", "=", self.survey.id), ("count", ">", 0)])
        self.assertEqual(
            sorted((c.team_id.id, c.question_id.id, c.score) for c in counted),
            sorted([(False, self.understand.id, 2), (False, self.fast.id, 4)]),
        )
        self.assertTrue(self.survey.with_user(late).has_answered)

    def test_no_results_while_open_nor_for_fewer_than_five(self):
        self.survey.action_open()
        self._answer(self.wien[:4])
        self.assertFalse(self.survey.result_ids)
        self.survey.action_close()
        self.assertFalse(self.survey.result_ids)
        self.assertIn("Fewer than 5 answers", self.survey.message_ids[0].body)

    def test_teams_of_five_are_reported_side_by_side_with_customers(self):
        self.survey.action_open()
        self._answer(self.wien, understand=5, fast=4)  # 6 answers
        self._answer(self.graz, understand=3, fast=2)  # 6 answers
        with self.assertRaises(AccessError):
            self.survey.with_user(self.user_anna).action_close()
        # customers of Wien's account managers rate "understand" lower
        Feedback = self.env["customer.feedback"]
        for score, user in ((2, self.user_anna), (3, self.user_ben), (4, self.graz[0])):
            Feedback.create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.shop.id,
                    "user_id": user.id,
                    "date": "2026-09-20",
                    "csat_score": "4",
                    "rating_ids": [
                        (0, 0, {"question_id": self.understand.id, "score": score})
                    ],
                }
            )
        self.survey.with_user(self.manager).action_close()
        rows = {(r.scope, r.team_id): r for r in self._results()}
        self.assertEqual(
            set(rows),
            {
                ("company", self.env["crm.team"]),
                ("team", self.team_wien),
                ("team", self.team_graz),
            },
        )
        wien = rows[("team", self.team_wien)]
        self.assertEqual((wien.employee_count, wien.employee_score), (6, 5.0))
        self.assertEqual((wien.customer_count, wien.customer_score), (2, 2.5))
        self.assertEqual(wien.gap, 2.5)
        company = rows[("company", self.env["crm.team"])]
        self.assertEqual((company.employee_count, company.employee_score), (12, 4.0))
        self.assertEqual((company.customer_count, company.customer_score), (3, 3.0))
        self.assertEqual(company.gap, 1.0)
        graz = rows[("team", self.team_graz)]
        self.assertEqual((graz.customer_count, graz.gap), (1, -1.0))

    def test_a_small_team_cannot_be_computed_from_the_others(self):
        self.survey.action_open()
        self._answer(self.wien[:5], understand=4)
        self._answer(self.graz, understand=2)
        self._answer(self.user_carl, understand=1)  # no team, alone
        self.survey.action_close()
        results = self._results()
        self.assertTrue(all(r.employee_count >= 5 for r in results))
        company = results.filtered(lambda r: r.scope == "company")
        self.assertEqual(company.employee_count, 12)
        reported = results - company
        # the groups shown add up to the company: nothing is left to subtract
        self.assertEqual(sum(reported.mapped("employee_count")), 12)
        self.assertEqual(set(reported.mapped("scope")), {"team", "other_teams"})

    def test_customers_rate_aspects_on_the_answer_page(self):
        self.customer.user_id = self.user_anna
        request = self.env["customer.feedback"]._request(self.customer)
        with self.assertRaisesRegex(UserError, "not a valid score"):
            request._submit_answer(nps="9", aspects={str(self.understand.id): "9"})
        with self.assertRaisesRegex(UserError, "not a valid score"):
            request._submit_answer(nps="9", aspects={"999999": "3"})
        self.assertEqual(request.state, "requested")
        request._submit_answer(
            nps="9", aspects={str(self.understand.id): "2", str(self.fast.id): ""}
        )
        self.assertEqual(request.rating_ids.question_id, self.understand)
        self.assertEqual(request.rating_ids.score, 2)
        self.assertEqual(request.rating_ids.team_id, self.team_wien)


@tagged("post_install", "-at_install")
class TestEmployeeSurveyOverXmlRpc(HttpCase):
    def test_a_manager_cannot_read_the_counters_over_xmlrpc(self):
        survey = self.env["customer.employee.survey"].create(
            {
                "name": "Pulse",
                "kind": "pillars",
                "question_ids": [
                    (
                        6,
                        0,
                        self.env["customer.survey.question"]
                        .search([("kind", "=", "pillar")])
                        .ids,
                    )
                ],
            }
        )
        survey.action_open()
        survey.action_submit_answers({q.id: 4 for q in survey.question_ids})
        new_test_user(
            self.env,
            "cc_rpc_owner",
            password="cc_rpc_owner_pw",
            groups="customer_centricity.group_customer_centricity_manager",
        )
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, "cc_rpc_owner", "cc_rpc_owner_pw", {}
        )
        self.assertTrue(uid)
        for method, args, kwargs in (
            ("search_read", [[]], {"fields": ["score", "count"]}),
            ("read_group", [[], ["count:sum"], ["team_id"]], {}),
            ("search_count", [[]], {}),
        ):
            with self.assertRaisesRegex(xmlrpc.client.Fault, "not allowed to access"):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname,
                    uid,
                    "cc_rpc_owner_pw",
                    "customer.employee.survey.tally",
                    method,
                    args,
                    kwargs,
                )
        # the manager sees how many answered, as a number
        [[count]] = [
            [s["participation_count"]]
            for s in self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                uid,
                "cc_rpc_owner_pw",
                "customer.employee.survey",
                "read",
                [[survey.id]],
                {"fields": ["participation_count"]},
            )
        ]
        self.assertEqual(count, 1)
