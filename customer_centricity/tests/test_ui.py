# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerCentricityUi(HttpCase):
    def test_log_a_visit_through_the_ui(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Juwelier", "is_company": True}
        )
        self.start_tour("/odoo", "customer_centricity_log_visit", login="admin")
        contact = self.env["customer.contact"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.kind, "visit")
        self.assertEqual(contact.customer_need, "Watches serviced before Christmas")
        self.assertEqual(contact.user_id, self.env.ref("base.user_admin"))

    def test_move_an_initiative_across_the_board(self):
        initiative = self.env["customer.initiative"].create(
            {
                "name": "Tour initiative",
                "customer_benefit": "Customers are called back the same day.",
            }
        )
        self.assertEqual(initiative.stage_id.name, "Idea")
        self.start_tour("/odoo", "customer_centricity_initiative_board", login="admin")
        self.assertEqual(initiative.stage_id.name, "Planned")

    def test_prepare_a_note_and_send_through_the_ui(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Kundin", "email": "tour.kundin@example.com"}
        )
        campaign = self.env["customer.outreach.campaign"].create(
            {"name": "Tour campaign", "selection_mode": "manual"}
        )
        campaign.action_prepare()
        campaign._add_recipients(customer)
        campaign.recipient_ids.user_id = self.env.ref("base.user_admin")
        self.start_tour("/odoo", "customer_centricity_outreach_send", login="admin")
        recipient = campaign.recipient_ids
        self.assertEqual(campaign.state, "done")
        self.assertEqual(recipient.state, "sent")
        self.assertIn("Danke für Ihre Treue", recipient.note)
        mail = self.env["mail.mail"].search([("id", "=", recipient.mail_id.id)])
        self.assertEqual(len(mail), 1)
        self.assertIn("Danke für Ihre Treue", mail.body_html)

    def test_answer_an_employee_survey_through_the_ui(self):
        statements = self.env["customer.survey.question"].search(
            [("kind", "=", "pillar")], limit=2
        )
        survey = self.env["customer.employee.survey"].create(
            {"name": "Tour pulse", "kind": "pillars", "question_ids": statements.ids}
        )
        survey.action_open()
        admin = self.env.ref("base.user_admin")
        self.start_tour("/odoo", "customer_centricity_answer_survey", login="admin")
        self.assertTrue(survey.with_user(admin).has_answered)
        # the scores exist only as counters: statement, team, score, count
        counters = (
            self.env["customer.employee.survey.tally"]
            .sudo()
            .search([("survey_id", "=", survey.id), ("count", ">", 0)])
        )
        self.assertEqual(
            sorted((c.question_id.id, c.score, c.count) for c in counters),
            sorted([(statements[0].id, 4, 1), (statements[1].id, 2, 1)]),
        )

    def test_open_the_dashboard_and_drill_down(self):
        self.start_tour("/odoo", "customer_centricity_dashboard", login="admin")
