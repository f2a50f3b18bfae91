# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestCustomerFeedbackImport(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write(
            {
                "ref": "K-100",
                "email": "einkauf@huber.example",
                "user_id": cls.user_anna.id,
            }
        )
        cls.other_customer.write({"ref": "K-200"})

    def _wizard(self, text, user=None, **vals):
        Wizard = self.env["customer.feedback.import"].with_user(user or self.manager)
        return Wizard.create(
            {"file": base64.b64encode(text.encode()), "filename": "umfrage.csv", **vals}
        )

    def _imported(self):
        return self.env["customer.feedback"].search(
            [("partner_id", "in", (self.customer | self.other_customer).ids)]
        )

    def test_answers_are_imported_and_unhappy_ones_followed_up(self):
        wizard = self._wizard(
            "customer;date;nps;csat;ces;comment\n"
            "K-100;2026-03-31;10;5;;Sehr gut beraten\n"
            "einkauf@huber.example;01.04.2026;;2;;Lieferung zu spät\n"
            "K-200;2026-04-02;;;6;\n"
        )
        wizard.action_import()
        self.assertEqual((wizard.state, wizard.imported_count), ("done", 3))
        answers = self._imported().sorted("date")
        self.assertEqual(answers.mapped("channel"), ["import"] * 3)
        self.assertEqual(answers[0].comment, "Sehr gut beraten")
        self.assertEqual(answers[1].user_id, self.user_anna)
        self.assertEqual(answers.mapped("ces_score"), [False, False, "6"])
        # the unhappy customer gets exactly one follow-up for the account manager
        self.assertEqual(answers[1].activity_ids.user_id, self.user_anna)
        self.assertFalse(answers[0].activity_ids)

    def test_bad_rows_import_nothing_and_are_reported_by_line(self):
        wizard = self._wizard(
            "customer,date,nps,csat\n"
            "K-100,2026-03-31,9,\n"
            "K-999,2026-03-31,9,\n"
            "K-100,2026-03-31,11,\n"
            "K-100,2026-03-31,,\n"
            "K-100,3026-03-31,8,\n"
            "K-200,kein datum,,6\n"
        )
        wizard.action_import()
        self.assertFalse(self._imported())
        self.assertEqual((wizard.valid_count, wizard.rejected_count), (1, 5))
        for text in (
            "Line 3: customer K-999 not found",
            "Line 4: nps 11 is not a valid score",
            "Line 5: no score",
            "Line 6: date 3026-03-31 lies in the future",
            "Line 7: date kein datum is not a date; csat 6 is not a valid score",
        ):
            self.assertIn(text, wizard.report)
        rejected = base64.b64decode(wizard.rejected_file).decode()
        self.assertIn("K-999", rejected)
        wizard.import_valid_rows = True
        wizard.action_import()
        self.assertEqual(len(self._imported()), 1)

    def test_missing_columns_and_rights(self):
        with self.assertRaisesRegex(UserError, "Missing: date"):
            self._wizard("customer;nps\nK-100;9\n").action_check()
        with self.assertRaises(AccessError):
            self._wizard("customer;date;nps\nK-100;2026-01-01;9\n", user=self.user_anna)
