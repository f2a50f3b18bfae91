# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from unittest import SkipTest

import pytz
from dateutil.relativedelta import relativedelta
from PyPDF2 import PdfReader

from odoo import fields
from odoo.tests import TransactionCase, tagged

STORY = "customer_centricity."
SHOP_TZ = pytz.timezone("Europe/Vienna")
NAMED = {f"K{index:04d}" for index in range(1, 41)}
# top customers nobody talked to for months: two who still buy, four slipping
FORGOTTEN = {"K0009", "K0010", "K0011", "K0012", "K0013", "K0014"}


@tagged("post_install", "-at_install")
class TestDemoStory(TransactionCase):
    """The demo tells one story: the same customers everywhere."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna = cls.env.ref(STORY + "user_manager_anna_demo", False)
        if not cls.anna:
            raise SkipTest("demo data not loaded")
        cls.jonas = cls.env.ref(STORY + "user_manager_jonas_demo")
        cls.melanie = cls.env.ref(STORY + "user_staff_melanie_demo")
        cls.company = cls.env.ref("base.main_company")
        cls.people = (
            cls.env.ref(STORY + "crm_team_wien_demo").member_ids
            | cls.env.ref(STORY + "crm_team_graz_demo").member_ids
        )
        cls.Value = cls.env["customer.value"]
        cls.Gap = cls.env["customer.contact.gap.report"]

    def _values(self, partners):
        return self.Value.search(
            [("partner_id", "in", partners.ids), ("company_id", "=", self.company.id)]
        )

    def _lapsed(self, limit=None):
        return self.Gap.search(
            [("lapsed", "=", True), ("company_id", "=", self.company.id)], limit=limit
        ).partner_id

    def test_the_seed_cards_went_to_top_customers(self):
        campaign = self.env.ref(STORY + "customer_outreach_campaign_seeds_demo")
        customers = campaign.recipient_ids.partner_id
        self.assertEqual(len(customers), 6)
        values = self._values(customers)
        self.assertEqual(values.partner_id, customers, "every recipient has a value")
        self.assertEqual(set(values.mapped("tier")), {"top10"})

    def test_the_marked_catalogue_carries_the_sticky_notes(self):
        huber = self.env.ref(STORY + "customer_outreach_recipient_1_demo")
        self.assertEqual(
            huber.partner_id.title, self.env.ref("base.res_partner_title_madam")
        )
        document = huber.with_context(
            force_report_rendering=True, lang="de_DE"
        )._render_catalogues_pdf()
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(document)).pages
        )
        for expected in (
            "Damenuhr Grazia",
            "Die haben Sie im Frühjahr so bewundert!",
            "Anhänger Vergissmeinnicht",
        ):
            self.assertIn(expected, text)

    def test_top_customers_at_risk_are_not_contacted_lately(self):
        at_risk = self.Value.search(
            [
                ("company_id", "=", self.company.id),
                ("segment", "in", ("at_risk", "cant_lose")),
                ("tier", "in", ("top10", "top20")),
            ]
        ).partner_id
        slipping = at_risk.filtered(lambda partner: partner.ref in NAMED)
        self.assertEqual(
            set(slipping.mapped("ref")), {"K0011", "K0012", "K0013", "K0014"}
        )
        self.assertLessEqual(at_risk, self._lapsed())
        # the list starts with the story's forgotten top customers, not the crowd
        self.assertEqual(set(self._lapsed(limit=6).mapped("ref")), FORGOTTEN)
        # every other top customer of the story was contacted lately
        top = self.Value.search(
            [("company_id", "=", self.company.id), ("tier", "=", "top10")]
        ).partner_id.filtered(lambda partner: partner.ref in NAMED)
        self.assertLessEqual(set((top & self._lapsed()).mapped("ref")), FORGOTTEN)

    def test_the_contact_log_is_about_customers_with_values(self):
        contacts = self.env["customer.contact"].search(
            [("user_id", "in", self.people.ids)]
        )
        self.assertGreater(len(contacts), 100)
        self.assertEqual(
            self._values(contacts.partner_id).partner_id, contacts.partner_id
        )
        # the story's customers, never the crowd (K0041 onwards)
        self.assertLessEqual(set(contacts.partner_id.mapped("ref")) - {False}, NAMED)

    def test_contacts_start_on_the_quarter_hour_in_shop_hours(self):
        contacts = self.env["customer.contact"].search(
            [("user_id", "in", self.people.ids)]
        )
        for contact in contacts:
            start = pytz.utc.localize(contact.date_start).astimezone(SHOP_TZ)
            self.assertEqual((start.minute % 15, start.second), (0, 0), contact)
            self.assertTrue(9 <= start.hour < 17, contact)
            if contact.kind == "customer_day":  # a whole day
                self.assertEqual((start.hour, contact.duration), (9, 8.0), contact)

    def test_the_mail_test_of_last_month(self):
        month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        rows = self.env["customer.mail.test.report"].search(
            [("month", "=", month), ("user_id", "in", self.people.ids)]
        )
        ratings = {row.user_id: row.rating for row in rows}
        self.assertEqual(set(ratings), set(self.people))
        self.assertEqual(ratings[self.jonas], "warning")
        self.assertEqual(ratings[self.melanie], "exemplary")
        self.assertEqual(ratings[self.anna], "exemplary")

    def test_the_demo_users_read_german(self):
        self.assertEqual(set(self.people.mapped("lang")), {"de_DE"})
        self.assertEqual(self.env.ref("base.user_admin").lang, "en_US")
        lang = self.env["res.users"].with_user(self.anna).context_get()["lang"]
        menu = self.env.ref(STORY + "customer_contact_gap_report_menu")
        self.assertEqual(
            menu.with_user(self.anna).with_context(lang=lang).name,
            "Länger nicht kontaktiert",
        )
        Contact = self.env["customer.contact"].with_user(self.anna)
        self.assertEqual(
            Contact.with_context(lang=lang).fields_get(["customer_need"])[
                "customer_need"
            ]["string"],
            "Was genau wünschen Sie sich?",
        )
