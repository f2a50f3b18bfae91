# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestFeedbackTriggers(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "feedback_auto_request": True,
                "feedback_request_delay_days": 7,
                "feedback_request_interval_days": 90,
            }
        )
        cls.Feedback = cls.env["customer.feedback"]
        cls.today = fields.Date.context_today(cls.Feedback)
        Partner = cls.env["res.partner"]
        cls.happy = Partner.create(
            {"name": "Uhren Gruber", "is_company": True, "email": "gruber@example.com"}
        )
        cls.blacklisted = Partner.create(
            {"name": "Uhren Blau", "is_company": True, "email": "blau@example.com"}
        )
        cls.env["mail.blacklist"]._add("blau@example.com")
        cls.opted_out = Partner.create(
            {
                "name": "Uhren Stumm",
                "is_company": True,
                "email": "stumm@example.com",
                "outreach_opt_out": True,
            }
        )
        cls.no_email = Partner.create({"name": "Uhren Ohnemail", "is_company": True})
        cls.everyone = cls.happy | cls.blacklisted | cls.opted_out | cls.no_email

    def _invoice(self, partner, days_ago, state="posted", move_type="out_invoice"):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": self.today - timedelta(days=days_ago),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Uhr", "quantity": 1, "price_unit": 300, "tax_ids": []}
                    )
                ],
            }
        )
        if state == "posted":
            move.action_post()
        return move

    def _visit(self, partner, days_ago, kind="visit", state="done"):
        day = self.today - timedelta(days=days_ago)
        return self._contact(
            partner_id=partner.id,
            kind=kind,
            state=state,
            date_start=datetime.combine(day, time(11)),
            duration=1.0,
        )

    def _requests(self, partners=None):
        return self.Feedback.search(
            [
                ("partner_id", "in", (partners or self.everyone).ids),
                ("channel", "=", "link"),
            ]
        )

    def _run(self, **kwargs):
        rows = self.Feedback._cron_request_feedback(**kwargs)
        return [row for row in rows if row["partner_id"] in self.everyone.ids]

    # ------------------------------------------------------------------
    def test_asks_once_the_delay_after_an_invoice(self):
        for partner in self.everyone:
            self._invoice(partner, days_ago=7)
        self._run()
        request = self._requests()
        self.assertEqual(request.partner_id, self.happy)
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.company_id, self.company)
        mail = self.env["mail.mail"].search(
            [("model", "=", "customer.feedback"), ("res_id", "=", request.id)]
        )
        self.assertIn(f"/customer-feedback/{request.access_token}", mail.body_html)
        self.assertIn(self.happy, mail.recipient_ids)
        # the next day, and the cron run twice: not again
        self._invoice(self.happy, days_ago=6)
        self._run()
        self._run()
        self.assertEqual(self._requests(), request)

    def test_the_delay_and_what_counts_as_an_occasion(self):
        self._invoice(self.happy, days_ago=6)  # too early
        self._invoice(self.happy, days_ago=30)  # too late to ask about
        self._invoice(self.happy, days_ago=7, state="draft")
        self._invoice(self.happy, days_ago=7, move_type="out_refund")
        self._visit(self.happy, days_ago=7, kind="call")
        self._run()
        self.assertFalse(self._requests())
        self._visit(self.happy, days_ago=8, kind="customer_day")
        self._run()
        self.assertEqual(self._requests().partner_id, self.happy)

    def test_a_missed_day_is_caught_up_within_a_week(self):
        self._visit(self.happy, days_ago=12)
        self._run()
        self.assertEqual(len(self._requests()), 1)

    def test_at_most_once_per_period(self):
        self.Feedback.create(
            {
                "partner_id": self.happy.id,
                "nps_score": "8",
                "date": self.today - timedelta(days=89),
            }
        )
        self._invoice(self.happy, days_ago=7)
        self._run()
        self.assertFalse(self._requests())
        self.company.feedback_request_interval_days = 89
        self._run()
        self.assertEqual(len(self._requests()), 1)

    def test_never_blacklisted_opted_out_or_without_email(self):
        for partner in self.everyone - self.happy:
            self._invoice(partner, days_ago=7)
            self._visit(partner, days_ago=7)
        self.assertFalse(self._run())
        self.assertFalse(self._requests())

    def test_asking_by_hand_skips_blacklisted_and_opted_out(self):
        asked = self.env["customer.feedback"]._request(self.everyone)
        # without an address the link is still made, to hand over in person
        self.assertEqual(asked.partner_id, self.happy | self.no_email)

    def test_setting_off_asks_nobody(self):
        self.company.feedback_auto_request = False
        self._invoice(self.happy, days_ago=7)
        before = self.Feedback.search_count([])
        self.assertFalse(self.Feedback._cron_request_feedback())
        self.assertEqual(self.Feedback.search_count([]), before)
        self.assertFalse(
            self.env["res.company"].create({"name": "Neu"}).feedback_auto_request
        )

    def test_batches_and_one_query_to_find_them(self):
        second = self.happy.copy({"name": "Uhren Zweite", "email": "z@example.com"})
        self.everyone |= second
        for _batch in range(20):  # what the demo data holds
            if not self.Feedback._cron_request_feedback():
                break
        self._invoice(self.happy, days_ago=7)
        self._invoice(second, days_ago=7)
        first = self._run(batch_size=1)
        self.assertEqual(len(first), 1)
        self.assertEqual(first[0]["total"], 2)
        self._run(batch_size=1)
        self.assertEqual(self._requests().partner_id, self.happy | second)
        self.env.flush_all()
        with self.assertQueryCount(__system__=1):  # nobody left: one query
            self.assertFalse(self.Feedback._cron_request_feedback())

    def test_the_cron_record_runs(self):
        self._invoice(self.happy, days_ago=7)
        self.env.ref(
            "customer_centricity.customer_feedback_request_cron"
        ).method_direct_trigger()
        self.assertEqual(self._requests().partner_id, self.happy)

    def test_review_page_must_be_a_web_address(self):
        for url in ("javascript:alert(1)", "www.example.com", "ftp://example.com"):
            with self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.company.feedback_review_url = url
        self.company.feedback_review_url = "https://g.page/r/juwelier/review"


@tagged("post_install", "-at_install")
class TestReviewLink(HttpCase):
    REVIEW = "https://g.page/r/juwelier-huber/review"

    def setUp(self):
        super().setUp()
        self.env.company.feedback_review_url = self.REVIEW
        self.customer = self.env["res.partner"].create(
            {"name": "Lobende Kundin", "email": "lob@example.com"}
        )

    def _answer(self, **post):
        request = self.env["customer.feedback"]._request(self.customer)
        return self.url_open(f"/customer-feedback/{request.access_token}", data=post)

    def test_promoters_see_the_review_link(self):
        for nps in ("9", "10"):
            page = self._answer(nps=nps)
            self.assertEqual(page.status_code, 200)
            self.assertIn(self.REVIEW, page.text)
            self.assertIn('rel="noopener noreferrer"', page.text)

    def test_others_do_not(self):
        for post in ({"nps": "8"}, {"nps": "3"}, {"csat": "5"}):
            page = self._answer(**post)
            self.assertEqual(page.status_code, 200)
            self.assertNotIn(self.REVIEW, page.text)
            self.assertNotIn("o_feedback_review", page.text)

    def test_no_review_page_no_link(self):
        self.env.company.feedback_review_url = False
        page = self._answer(nps="10")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_feedback_review", page.text)

    def test_the_page_speaks_the_customers_language(self):
        # the demo data installs German
        self.customer.lang = "de_DE"
        request = self.env["customer.feedback"]._request(self.customer)
        page = self.url_open(f"/customer-feedback/{request.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Antwort senden", page.text)
        # the statements are records: they speak German too
        self.assertIn("Sie verstehen, was ich brauche", page.text)
