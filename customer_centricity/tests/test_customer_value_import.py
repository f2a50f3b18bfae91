# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestCustomerValueImport(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"ref": "K-100", "email": "einkauf@huber.example"})
        cls.other_customer.write({"ref": "K-200"})
        cls.History = cls.env["customer.value.history"]

    def _wizard(self, text, user=None, **vals):
        Wizard = self.env["customer.value.history.import"]
        if user:
            Wizard = Wizard.with_user(user)
        return Wizard.create(
            {"file": base64.b64encode(text.encode()), "filename": "kasse.csv", **vals}
        )

    def _imported(self):
        return self.History.search(
            [("partner_id", "in", self.customer.ids + self.other_customer.ids)]
        )

    def test_good_file_is_imported_in_several_formats(self):
        wizard = self._wizard(
            "customer;date;amount;currency\n"
            "K-100;2024-03-31;1.234,50;\n"
            "EINKAUF@huber.example;01.04.2024;99.90;\n"
            "K-200;2024-04-02;-20;EUR\n"
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.imported_count, 3)
        rows = self._imported().sorted("date")
        self.assertEqual(rows.mapped("amount")[0], 1234.5)
        self.assertEqual(rows[1].partner_id, self.customer)
        eur = self.env.ref("base.EUR")
        self.assertEqual(
            (rows[2].original_amount, rows[2].original_currency_id), (-20, eur)
        )
        company = self.env.company
        converted = eur._convert(-20, company.currency_id, company, rows[2].date)
        self.assertAlmostEqual(rows[2].amount, converted, places=2)
        self.assertEqual(len(set(rows.mapped("import_batch"))), 1)

    def test_bad_rows_import_nothing_and_are_reported_by_line(self):
        wizard = self._wizard(
            "customer,date,amount\n"
            "K-100,2024-03-31,100\n"
            "K-999,2024-03-31,100\n"
            "K-100,31/02/2024,100\n"
            "K-100,2024-04-01,zehn\n"
            ",2024-04-01,5\n"
            "K-100,2099-01-01,5\n"
        )
        wizard.action_import()
        self.assertFalse(self._imported())
        self.assertEqual(wizard.state, "checked")
        self.assertEqual((wizard.valid_count, wizard.rejected_count), (1, 5))
        for expected in (
            "Line 3: customer K-999 not found",
            "Line 4: date 31/02/2024 is not a date",
            "Line 5: amount zehn is not a number",
            "Line 6: no customer",
            "Line 7: date 2099-01-01 lies in the future",
        ):
            self.assertIn(expected, wizard.report)
        self.assertNotIn("Line 2", wizard.report)
        rejected = list(
            csv.DictReader(io.StringIO(base64.b64decode(wizard.rejected_file).decode()))
        )
        self.assertEqual(
            [row["customer"] for row in rejected],
            ["K-999", "K-100", "K-100", "", "K-100"],
        )
        self.assertIn("not found", rejected[0]["error"])

    def test_good_rows_only_when_asked(self):
        wizard = self._wizard(
            "customer,date,amount\nK-100,2024-03-31,100\nK-999,2024-03-31,100\n",
            import_valid_rows=True,
        )
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 1)
        self.assertEqual(self._imported().amount, 100)
        self.assertEqual(wizard.rejected_count, 1)
        self.assertTrue(wizard.rejected_file)

    def test_missing_columns_and_unknown_currency(self):
        with self.assertRaises(UserError):
            self._wizard("kunde,datum,betrag\nK-100,2024-03-31,100\n").action_check()
        wizard = self._wizard(
            "customer,date,amount,currency\nK-100,2024-03-31,100,XYZ\n"
        )
        wizard.action_check()
        self.assertIn("currency XYZ is unknown", wizard.report)
        self.assertFalse(self._imported())

    def test_ambiguous_email_is_refused(self):
        self.env["res.partner"].create(
            {"name": "Huber Zwei", "email": "einkauf@huber.example"}
        )
        wizard = self._wizard(
            "customer,date,amount\neinkauf@huber.example,2024-03-31,100\n"
        )
        wizard.action_import()
        self.assertIn("matches several customers", wizard.report)
        self.assertFalse(self._imported())

    def test_only_managers_import(self):
        with self.assertRaises(AccessError):
            self._wizard("customer,date,amount\n", user=self.user_anna)
        with self.assertRaises(AccessError):
            self.History.with_user(self.user_anna).create(
                {"partner_id": self.customer.id, "date": "2024-01-01", "amount": 5}
            )
        wizard = self._wizard(
            "customer,date,amount\nK-100,2024-03-31,100\n", user=self.manager
        )
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 1)
