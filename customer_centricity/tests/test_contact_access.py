# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestContactAccess(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna_contact = cls._contact(user=cls.user_anna)
        cls.ben_contact = cls._contact(user=cls.user_ben)
        cls.carl_contact = cls._contact(user=cls.user_carl)
        cls.graz_contact = cls._contact(
            user=cls.other_manager, company_id=cls.other_company.id
        )

    def _visible(self, user):
        return self.env["customer.contact"].with_user(user).search([])

    def test_user_logs_and_edits_own_contacts(self):
        Contact = self.env["customer.contact"].with_user(self.user_anna)
        contact = Contact.create({"partner_id": self.customer.id, "kind": "call"})
        self.assertEqual(contact.user_id, self.user_anna)
        contact.customer_need = "Call back before noon"
        self.anna_contact.with_user(self.user_anna).unlink()

    def test_user_reads_the_team_but_not_other_teams(self):
        visible = self._visible(self.user_anna)
        self.assertIn(self.ben_contact, visible)
        self.assertNotIn(self.carl_contact, visible)
        with self.assertRaises(AccessError):
            self.carl_contact.with_user(self.user_anna).read(["customer_need"])

    def test_user_cannot_change_a_teammates_contact(self):
        with self.assertRaises(AccessError):
            self.ben_contact.with_user(self.user_anna).write({"customer_need": "x"})
        with self.assertRaises(AccessError):
            self.ben_contact.with_user(self.user_anna).unlink()
        with self.assertRaises(AccessError):
            self.env["customer.contact"].with_user(self.user_anna).create(
                {"partner_id": self.customer.id, "user_id": self.user_ben.id}
            )

    def test_attendee_reads_the_meeting(self):
        self.carl_contact.write(
            {"kind": "feedback_meeting", "attendee_ids": [(4, self.user_anna.id)]}
        )
        self.assertIn(self.carl_contact, self._visible(self.user_anna))

    def test_manager_sees_and_changes_everything_in_the_company(self):
        visible = self._visible(self.manager)
        self.assertGreaterEqual(
            visible, self.anna_contact | self.ben_contact | self.carl_contact
        )
        self.assertNotIn(self.graz_contact, visible)
        self.carl_contact.with_user(self.manager).write({"customer_need": "Faster"})

    def test_company_rule_hides_other_companies(self):
        visible = self._visible(self.other_manager)
        self.assertEqual(visible, self.graz_contact)
        with self.assertRaises(AccessError):
            self.anna_contact.with_user(self.other_manager).read(["partner_id"])

    def test_only_managers_set_targets(self):
        Target = self.env["customer.contact.target"]
        with self.assertRaises(AccessError):
            Target.with_user(self.user_anna).create({"user_id": self.user_anna.id})
        target = Target.with_user(self.manager).create(
            {"user_id": self.user_anna.id, "customer_days": 2}
        )
        self.assertEqual(target.customer_days, 2)
        self.assertEqual(target.with_user(self.user_anna).customer_days, 2)

    def test_compliance_report_rows_follow_the_rules(self):
        Report = self.env["customer.contact.report"]
        # employees see their own figures, team leaders their team's
        anna_rows = Report.with_user(self.user_anna).search([])
        self.assertEqual(anna_rows.user_id, self.user_anna)
        self.user_anna.sale_team_id.user_id = self.user_carl
        carl_rows = Report.with_user(self.user_carl).search([])
        self.assertEqual(
            carl_rows.user_id - self.user_carl, self.user_anna | self.user_ben
        )
        manager_rows = Report.with_user(self.manager).search([])
        self.assertGreaterEqual(
            manager_rows.user_id, self.user_anna | self.user_ben | self.user_carl
        )
        self.assertNotIn(self.other_manager, manager_rows.user_id)
