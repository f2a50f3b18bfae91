# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestCustomerFeedback(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.user_id = cls.user_ben
        cls.Feedback = cls.env["customer.feedback"]

    def _answer(self, **vals):
        return self.Feedback.create(
            {"partner_id": self.customer.id, "date": "2026-05-10", **vals}
        )

    def _kpis(self, domain=()):
        Report = self.env["customer.feedback.report"]
        Report.invalidate_model()
        [[count, nps, satisfied, effort]] = Report._read_group(
            [("partner_id", "=", self.customer.id), *domain],
            [],
            ["answer_count:sum", "nps:avg", "csat_satisfied:avg", "ces:avg"],
        )
        return count, nps, satisfied, effort

    def test_nps_with_only_promoters_only_detractors_or_none(self):
        self.assertEqual(self._kpis()[:2], (False, False))  # no answer: no NPS at all
        for score in ("9", "10"):
            self._answer(nps_score=score)
        self.assertEqual(self._kpis()[1], 100)
        self.Feedback.search([("partner_id", "=", self.customer.id)]).unlink()
        for score in ("0", "6"):
            self._answer(nps_score=score)
        self.assertEqual(self._kpis()[1], -100)

    def test_mixed_answers_give_the_textbook_figures(self):
        for nps, csat, ces in (
            ("10", "5", "7"),
            ("8", "4", "5"),
            ("3", "2", "3"),
            ("9", False, False),
        ):
            self._answer(nps_score=nps, csat_score=csat, ces_score=ces)
        count, nps, satisfied, effort = self._kpis()
        self.assertEqual(count, 4)
        self.assertEqual(nps, 25)  # 2 promoters, 1 detractor of 4
        self.assertAlmostEqual(satisfied, 200 / 3)  # 2 of 3 CSAT answers
        self.assertEqual(effort, 5)

    def test_contact_person_answers_for_the_company(self):
        feedback = self._answer(partner_id=self.customer_person.id, nps_score="9")
        self.assertEqual(feedback.partner_id, self.customer)
        self.assertEqual(feedback.user_id, self.user_ben)

    def test_unhappy_answers_get_one_follow_up(self):
        self.company.feedback_follow_up_days = 2
        happy = self._answer(nps_score="9", csat_score="5")
        self.assertFalse(happy.activity_ids)
        detractor = self._answer(nps_score="4")
        activity = detractor.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_ben)
        self.assertEqual(
            activity.date_deadline,
            fields.Date.context_today(detractor) + timedelta(days=2),
        )
        detractor.write({"nps_score": "3", "comment": "Still waiting for the repair"})
        self.assertEqual(len(detractor.activity_ids), 1)
        unhappy = self._answer(csat_score="1")
        self.assertEqual(len(unhappy.activity_ids), 1)

    def test_an_answer_needs_a_score(self):
        with self.assertRaises(ValidationError):
            self._answer(comment="no score")
        with self.assertRaises(ValueError):
            self._answer(nps_score="11")

    def test_links_are_single_use_and_expire(self):
        request = self.Feedback._request(self.customer)
        self.assertEqual(request.state, "requested")
        self.assertTrue(
            request.token_expiry > fields.Datetime.now() + timedelta(days=13)
        )
        found = self.Feedback._find_by_token(request.access_token)
        self.assertEqual(found, request)
        with self.assertRaises(UserError):
            found._submit_answer(nps="12")
        self.assertEqual(request.state, "requested")
        found._submit_answer(nps="10", comment="Great service")
        self.assertEqual((request.state, request.nps_score), ("answered", "10"))
        with self.assertRaises(UserError):
            self.Feedback._find_by_token(request.access_token)  # reused
        with self.assertRaises(UserError):
            self.Feedback._find_by_token("not-a-token")
        expired = self.Feedback._request(self.customer, valid_days=-1)
        with self.assertRaises(UserError):
            self.Feedback._find_by_token(expired.access_token)

    def test_request_mail_holds_the_personal_link(self):
        request = self.Feedback._request(self.customer_person.commercial_partner_id)
        mail = self.env["mail.mail"].search(
            [("res_id", "=", request.id), ("model", "=", "customer.feedback")]
        )
        self.assertIn(f"/customer-feedback/{request.access_token}", mail.body_html)

    def test_request_mail_greets_by_title_language_and_form_of_address(self):
        self.env["res.lang"]._activate_lang("de_DE")
        frau = self.env["res.partner"].create(
            {
                "name": "Helene Huber",
                "email": "huber@example.com",
                "lang": "de_DE",
                "title": self.env.ref("base.res_partner_title_madam").id,
            }
        )
        alex = self.env["res.partner"].create(
            {"name": "Alex Muster", "email": "alex@example.com", "lang": "en_US"}
        )

        def body(partner):
            request = self.Feedback._request(partner)
            return (
                self.env["mail.mail"]
                .search(
                    [("res_id", "=", request.id), ("model", "=", "customer.feedback")]
                )
                .body_html
            )

        german = body(frau)
        self.assertIn("Liebe Frau Huber,", german)
        self.assertIn("Wie war es bei uns?", german)
        self.assertNotIn("Liebe/r", german)
        self.assertIn("Dear Alex Muster,", body(alex))
        self.company.outreach_address_form = "informal"
        self.assertIn("Liebe Helene,", body(frau))


@tagged("post_install", "-at_install")
class TestFeedbackPage(HttpCase):
    def setUp(self):
        super().setUp()
        customer = self.env["res.partner"].create(
            {"name": "Seitenkundin", "email": "s@example.com"}
        )
        self.request = self.env["customer.feedback"]._request(customer)
        self.url = f"/customer-feedback/{self.request.access_token}"

    def test_valid_link_shows_the_form_and_takes_one_answer(self):
        page = self.url_open(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Seitenkundin", page.text)
        bad = self.url_open(self.url, data={"nps": "42"})
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(self.request.state, "requested")
        done = self.url_open(
            self.url, data={"nps": "3", "csat": "2", "comment": "<b>slow</b>"}
        )
        self.assertEqual(done.status_code, 200)
        self.assertEqual(self.request.nps_score, "3")
        self.assertEqual(
            self.request.comment, "<b>slow</b>"
        )  # plain text, shown escaped
        self.assertEqual(len(self.request.activity_ids), 1)
        again = self.url_open(self.url, data={"nps": "10"})
        self.assertEqual(again.status_code, 404)
        self.assertEqual(self.request.nps_score, "3")

    def test_customers_rate_the_aspects_on_the_page(self):
        fast = self.env.ref("customer_centricity.question_aspect_fast")
        page = self.url_open(self.url)
        self.assertIn("They solve my problems fast", page.text)
        self.assertIn(f'name="aspect_{fast.id}"', page.text)
        bad = self.url_open(self.url, data={"nps": "9", f"aspect_{fast.id}": "7"})
        self.assertEqual(bad.status_code, 400)
        self.assertFalse(self.request.rating_ids)
        done = self.url_open(self.url, data={"nps": "9", f"aspect_{fast.id}": "2"})
        self.assertEqual(done.status_code, 200)
        self.assertEqual(
            [(r.question_id, r.score) for r in self.request.rating_ids], [(fast, 2)]
        )

    def test_expired_and_unknown_links(self):
        self.request.sudo().token_expiry = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.url_open(self.url).status_code, 404)
        self.assertEqual(self.url_open("/customer-feedback/nope").status_code, 404)
