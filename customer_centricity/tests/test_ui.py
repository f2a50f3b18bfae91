# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


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

    def test_staff_add_a_customer_write_and_send_through_the_ui(self):
        """A shop employee (no manager) runs a campaign of her own in the UI."""
        staff = new_test_user(
            self.env,
            "cc_tour_staff",
            groups="customer_centricity.group_customer_centricity_user",
            name="Melanie Tour",
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Kundin",
                "email": "tour.kundin@example.com",
                "user_id": staff.id,
            }
        )
        campaign = (
            self.env["customer.outreach.campaign"]
            .with_user(staff)
            .create({"name": "Tour campaign", "selection_mode": "manual"})
        )
        # the customer list: select her, Action > Add to outreach campaign
        self.start_tour(
            "/odoo/action-base.action_partner_form",
            "customer_centricity_outreach_add_from_list",
            login="cc_tour_staff",
        )
        recipient = campaign.recipient_ids
        self.assertEqual(recipient.partner_id, customer)
        self.assertEqual(recipient.user_id, staff)
        # the note, ready and send: all her own, within the budget
        self.start_tour(
            "/odoo", "customer_centricity_outreach_send", login="cc_tour_staff"
        )
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
        # the demo shop: every main chart has data, the customers at risk open
        self.start_tour("/odoo", "customer_centricity_dashboard_owner", login="admin")

    def test_a_team_leader_opens_the_dashboard_of_the_team(self):
        group = "customer_centricity.group_customer_centricity_user"
        leader = new_test_user(self.env, "cc_tour_leader", groups=group)
        member = new_test_user(self.env, "cc_tour_member", groups=group)
        team = self.env["crm.team"].create(
            {"name": "Tour Filiale", "user_id": leader.id}
        )
        self.env["crm.team.member"].create(
            {"crm_team_id": team.id, "user_id": member.id}
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Stammkundin", "user_id": member.id}
        )
        self.env["customer.feedback"].create(
            {"partner_id": customer.id, "user_id": member.id, "nps_score": "10"}
        )
        self.start_tour("/odoo", "customer_centricity_dashboard", login=leader.login)
        # the figures the leader saw: the team's one promoter, no one else's
        board = self.env["customer.centricity.dashboard"].with_user(leader).get_board()
        nps = next(t for t in board["trends"] if t["key"] == "nps")
        self.assertEqual(nps["value"], 100)
