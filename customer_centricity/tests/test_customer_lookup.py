# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One customer lookup for the CSV imports and ``ccx``: res.partner.find_customers."""

import base64

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import CustomerCentricityCase


@tagged("post_install", "-at_install")
class TestCustomerLookup(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"ref": "K-100", "email": "einkauf@huber.example"})
        cls.customer_person.write({"email": "eva@huber.example"})
        cls.other_customer.write({"ref": "K-200"})
        cls.foreign_customer = cls.env["res.partner"].create(
            {
                "name": "Juwelier Graz",
                "ref": "G-1",
                "company_id": cls.other_company.id,
            }
        )
        # a plain employee, without any customer-centricity group
        cls.employee = new_test_user(cls.env, "cc_emil", groups="base.group_user")

    def _find(self, keys, user=None, **kwargs):
        Partner = self.env["res.partner"]
        if user:
            Partner = Partner.with_user(user)
        return Partner.find_customers(keys, **kwargs)

    def test_reference_then_email_then_whole_name(self):
        found = self._find(
            ["K-100", " EINKAUF@huber.example ", "uhren maier", "Huber", "K-999", ""]
        )
        self.assertEqual(
            sorted(found),
            ["EINKAUF@huber.example", "Huber", "K-100", "K-999", "uhren maier"],
        )
        self.assertEqual([c["id"] for c in found["K-100"]], self.customer.ids)
        self.assertEqual(
            [c["id"] for c in found["EINKAUF@huber.example"]], self.customer.ids
        )
        self.assertEqual(
            [c["id"] for c in found["uhren maier"]], self.other_customer.ids
        )
        self.assertEqual(found["Huber"], [])  # part of a name only when asked
        self.assertEqual(found["K-999"], [])

    def test_a_reference_wins_over_an_email_and_a_name(self):
        self.env["res.partner"].create(
            [
                {"name": "K-200", "is_company": True},
                {"name": "Maier Zwei", "email": "K-100@example.com"},
            ]
        )
        self.other_customer.email = "k-100@example.com"
        found = self._find(["K-200", "k-100@example.com"])
        self.assertEqual([c["id"] for c in found["K-200"]], self.other_customer.ids)
        # two partners share the e-mail: the key names two customers
        self.assertEqual(len(found["k-100@example.com"]), 2)

    def test_a_person_stands_for_its_customer(self):
        (match,) = self._find(["eva@huber.example"])["eva@huber.example"]
        self.assertEqual(
            match,
            {
                "id": self.customer.id,
                "name": self.customer.display_name,
                "picked_id": self.customer_person.id,
            },
        )
        # the company and its person both named Huber: the company is picked
        self.customer_person.name = "Juwelier Huber"
        (match,) = self._find(["juwelier huber"])["juwelier huber"]
        self.assertEqual(
            (match["id"], match["picked_id"]), (self.customer.id, self.customer.id)
        )

    def test_part_of_a_name_when_asked(self):
        found = self._find(["Juwelier", "K-100"], partial_names=True)
        self.assertEqual([c["id"] for c in found["K-100"]], self.customer.ids)
        self.assertEqual([c["name"] for c in found["Juwelier"]], ["Juwelier Huber"])

    def test_wildcards_are_plain_text(self):
        self.assertEqual(self._find(["Juwelier%"])["Juwelier%"], [])
        self.assertEqual(self._find(["_hren Maier"])["_hren Maier"], [])

    def test_only_partners_of_the_current_company(self):
        self.assertEqual(self._find(["G-1"])["G-1"], [])
        found = (
            self.env["res.partner"]
            .with_company(self.other_company)
            .find_customers(["G-1"])
        )
        self.assertEqual([c["id"] for c in found["G-1"]], self.foreign_customer.ids)

    def test_an_employee_finds_only_what_they_may_read(self):
        found = self._find(
            ["K-100", "Juwelier Graz"], user=self.employee, partial_names=True
        )
        self.assertEqual([c["id"] for c in found["K-100"]], self.customer.ids)
        # a customer of a company the employee does not work for stays hidden
        self.assertEqual(found["Juwelier Graz"], [])

    def test_a_portal_user_finds_only_their_own_company(self):
        portal = new_test_user(self.env, "cc_portal", groups="base.group_portal")
        portal.partner_id.write({"parent_id": self.other_customer.id})
        found = self._find(
            ["K-100", "K-200", "Juwelier"], user=portal, partial_names=True
        )
        self.assertEqual(found["K-100"], [])
        self.assertEqual(found["Juwelier"], [])
        self.assertEqual([c["id"] for c in found["K-200"]], self.other_customer.ids)

    def test_the_history_import_reads_what_ccx_reads(self):
        """Names, non-breaking spaces and times of day: the merged rules."""
        wizard = self.env["customer.value.history.import"].create(
            {
                "file": base64.b64encode(
                    "customer;date;amount\n"
                    "uhren maier;2024-03-31 14:30;1\u00a0234,50\n"
                    "Eva@Huber.example;31 March 2024;1\u202f000\n"
                    "Juwelier;2024-03-31;5\n".encode()
                ),
                "filename": "kasse.csv",
            }
        )
        wizard.action_check()
        self.assertEqual((wizard.valid_count, wizard.rejected_count), (2, 1))
        self.assertIn("Line 4: customer Juwelier not found", wizard.report)
        wizard.import_valid_rows = True
        wizard.action_import()
        rows = self.env["customer.value.history"].search(
            [("import_batch", "like", "kasse.csv")], order="amount"
        )
        self.assertEqual(
            [(row.partner_id, row.original_amount) for row in rows],
            [(self.customer, 1000.0), (self.other_customer, 1234.5)],
        )

    def test_keys_must_be_texts(self):
        with self.assertRaises(UserError):
            self._find("K-100")
        with self.assertRaises(UserError):
            self._find([1, 2])
