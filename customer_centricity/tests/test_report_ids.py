# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import CustomerCentricityCase
from .common_rpc import RpcCase

# PostgreSQL's integer and XML-RPC's <int> both end here
ID_LIMIT = 2**31
REPORTS = (
    "customer.contact.report",
    "customer.contact.gap.report",
    "customer.mail.test.report",
    "customer.initiative.coverage.report",
)


@tagged("post_install", "-at_install")
class TestReportIds(CustomerCentricityCase):
    """Report rows keep their id: a row's id follows from its key.

    Each test reads a report twice, adds a row that sorts before the others
    (which shifted every later id while ids were row numbers) and reads again.
    Every id is a positive 32-bit integer, as XML-RPC clients need.
    """

    def _ids_by_key(self, model, key, domain=()):
        """``{key values: id}`` of the report's rows, read afresh."""
        Report = self.env[model]
        Report.invalidate_model()
        rows = Report.search(list(domain)).read(key, load=None)
        by_key = {tuple(row[name] for name in key): row["id"] for row in rows}
        self.assertEqual(len(by_key), len(rows), "one row per key")
        self.assertEqual(len(set(by_key.values())), len(rows), "unique ids")
        self.assertTrue(all(0 < id_ < ID_LIMIT for id_ in by_key.values()))
        return by_key

    def _assert_ids_kept(self, before, after):
        self.assertTrue(before)
        self.assertEqual({key: after.get(key) for key in before}, before)

    def test_compliance_ids_follow_person_company_and_month(self):
        report = "customer.contact.report"
        key = ["user_id", "company_id", "month"]
        self._contact(date_start="2025-05-06 08:00:00")
        before = self._ids_by_key(report, key)
        self.assertEqual(self._ids_by_key(report, key), before)
        self._contact(user=self.user_ben, date_start="2020-01-10 08:00:00")
        after = self._ids_by_key(report, key)
        self._assert_ids_kept(before, after)
        self.assertIn((self.user_ben.id, self.company.id, date(2020, 1, 1)), after)

    def test_compliance_id_kept_when_a_planned_contact_is_done(self):
        report = "customer.contact.report"
        key = ["user_id", "company_id", "month"]
        planned = self._contact(date_start="2025-05-20 08:00:00", state="planned")
        self._contact(date_start="2025-05-06 08:00:00")
        month = (self.user_anna.id, self.company.id, date(2025, 5, 1))
        before = self._ids_by_key(report, key)
        planned.state = "done"
        self.assertEqual(self._ids_by_key(report, key)[month], before[month])

    def test_contact_gap_ids_follow_customer_and_company(self):
        report = "customer.contact.gap.report"
        key = ["partner_id", "company_id"]
        company = self.other_company
        newcomers = self.env["res.partner"].create(
            [{"name": "Neukunde A"}, {"name": "Neukunde B"}]
        )
        for partner in newcomers:
            self._history(partner, company, 500)
        self._recompute(company)
        before = self._ids_by_key(report, key)
        self.assertEqual(self._ids_by_key(report, key), before)
        self._history(self.customer, company, 300)  # an older, lower partner id
        self._recompute(company)
        after = self._ids_by_key(report, key)
        self._assert_ids_kept(before, after)
        self.assertIn((self.customer.id, company.id), after)

    def _history(self, partner, company, amount):
        return self.env["customer.value.history"].create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "date": "2026-01-10",
                "amount": amount,
            }
        )

    def _recompute(self, company):
        self.env["customer.value"]._recompute_company(company, today=date(2026, 6, 30))

    def test_mail_test_ids_follow_person_and_month(self):
        report = "customer.mail.test.report"
        key = ["user_id", "month"]
        self._post(self.user_anna)
        before = self._ids_by_key(report, key)
        self.assertEqual(self._ids_by_key(report, key), before)
        self._post(self.user_ben).date = "2020-01-10 10:00:00"
        after = self._ids_by_key(report, key)
        self._assert_ids_kept(before, after)
        self.assertIn((self.user_ben.id, date(2020, 1, 1)), after)

    def _post(self, user):
        # on a contact of the author's own: users may post there
        return (
            self._contact(user=user)
            .with_user(user)
            .message_post(
                body="Hallo",
                partner_ids=self.customer.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )

    def test_initiative_coverage_ids_follow_team_company_and_quarter(self):
        report = "customer.initiative.coverage.report"
        key = ["company_id", "team_id", "quarter"]
        before = self._ids_by_key(report, key)
        self.assertEqual(self._ids_by_key(report, key), before)
        team = self.env["crm.team"].create(
            {"name": "Shop Graz", "company_id": self.company.id}
        )
        after = self._ids_by_key(report, key)
        self._assert_ids_kept(before, after)
        new_keys = {
            (company_id, team_id)
            for company_id, team_id, _quarter in set(after) - set(before)
        }
        self.assertEqual(new_keys, {(self.company.id, team.id)})


@tagged("post_install", "-at_install")
class TestReportIdsOverRpc(RpcCase):
    """XML-RPC clients (the ccx toolkit, integrations) read every report."""

    def test_manager_reads_every_report_over_xmlrpc(self):
        self._fill_reports()
        for report in REPORTS:
            with self.subTest(report=report):
                rows = self.rpc(self.manager, report, "search_read", [], ["id"])
                self.assertTrue(rows)
                self.assertTrue(all(0 < row["id"] < ID_LIMIT for row in rows))

    def _fill_reports(self):
        """A contact, a message to a customer and a customer value."""
        customer = self.env["res.partner"].create(
            {"name": "Juwelier Huber", "is_company": True}
        )
        contact = self.env["customer.contact"].create(
            {"partner_id": customer.id, "user_id": self.employee.id}
        )
        contact.with_user(self.employee).message_post(
            body="Hallo",
            partner_ids=customer.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.env["customer.value.history"].create(
            {
                "partner_id": customer.id,
                "company_id": self.company.id,
                "date": "2026-01-10",
                "amount": 500,
            }
        )
        self.env["customer.value"]._recompute_company(
            self.company, today=date(2026, 6, 30)
        )
