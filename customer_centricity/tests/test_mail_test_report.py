# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestMailTestReport(CustomerCentricityCase):
    def _post(self, user, partners, message_type="comment"):
        # on a contact of the author's own: users may post there
        record = self._contact(user=user).with_user(user)
        return record.message_post(
            body="Hallo",
            partner_ids=partners.ids,
            message_type=message_type,
            subtype_xmlid="mail.mt_comment",
        )

    def _row(self, user):
        Report = self.env["customer.mail.test.report"]
        Report.invalidate_model()
        month = fields.Date.today().replace(day=1)
        return Report.search([("user_id", "=", user.id), ("month", "=", month)])

    def test_customers_colleagues_and_mixed_recipients(self):
        colleague = self.user_ben.partner_id
        self._post(self.user_anna, self.customer)
        self._post(self.user_anna, colleague)
        self._post(self.user_anna, self.customer | colleague)  # mixed: a customer mail
        self._post(self.user_anna, self.env["res.partner"])  # no recipient: not counted
        self._post(self.user_ben, self.user_anna.partner_id)
        anna = self._row(self.user_anna)
        self.assertEqual(
            (
                anna.message_count,
                anna.customer_message_count,
                anna.internal_message_count,
            ),
            (3, 2, 1),
        )
        self.assertAlmostEqual(anna.customer_share, 200 / 3, places=3)
        self.assertEqual(anna.rating, "exemplary")
        ben = self._row(self.user_ben)
        self.assertEqual((ben.customer_share, ben.rating), (0, "warning"))

    def test_the_install_time_sql_classifies_like_the_orm(self):
        colleague = self.user_ben.partner_id
        messages = (
            self._post(self.user_anna, self.customer)
            | self._post(self.user_anna, colleague)
            | self._post(self.user_anna, self.customer | colleague)
            | self._post(self.user_anna, self.env["res.partner"])
        )
        by_orm = messages.mapped("customer_centricity_audience")
        self.assertEqual(by_orm, ["customer", "internal", "customer", False])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mail_message SET customer_centricity_audience = NULL"
            " WHERE id = ANY(%s)",
            [messages.ids],
        )
        self.env["mail.message"]._classify_audience_in_sql()
        self.assertEqual(messages.mapped("customer_centricity_audience"), by_orm)

    def test_thresholds_are_configurable(self):
        self._post(self.user_anna, self.customer)
        self._post(self.user_anna, self.user_ben.partner_id)
        self.assertEqual(self._row(self.user_anna).rating, "exemplary")  # 50 %
        self.company.mail_test_exemplary_percent = 60
        self.assertEqual(self._row(self.user_anna).rating, "normal")
        self.company.mail_test_warning_percent = 55
        self.assertEqual(self._row(self.user_anna).rating, "warning")

    def test_people_see_their_own_figures_managers_all(self):
        self._post(self.user_anna, self.customer)
        self._post(self.user_ben, self.customer)
        Report = self.env["customer.mail.test.report"]
        self.assertEqual(
            Report.with_user(self.user_anna).search([]).user_id, self.user_anna
        )
        seen = Report.with_user(self.manager).search([]).user_id
        self.assertGreaterEqual(seen, self.user_anna | self.user_ben)
