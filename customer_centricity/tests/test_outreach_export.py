# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The CSV file for a handwriting service: columns, rows, escaping, rights."""

import csv
import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.customer_outreach_campaign_export import HANDWRITING_COLUMNS
from .common_outreach import OutreachCase


@tagged("post_install", "-at_install")
class TestOutreachExport(OutreachCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "street": "Kohlmarkt 7",
                "zip": "1010",
                "city": "Wien",
                "country_id": cls.env.ref("base.at").id,
            }
        )
        cls.customers[0].write(
            {
                "name": "Jürgen Größe",
                "title": cls.env.ref("base.res_partner_title_mister").id,
                "street2": "Stiege 2, Tür 4",
                "country_id": cls.env.ref("base.at").id,
            }
        )
        cls.customers[1].write(
            {"name": "Eva Maria Huber", "parent_id": cls.customer.id}
        )

    def _card_campaign(self):
        campaign = self._campaign(channel="card", user_id=self.user_anna.id)
        notes = (
            "<p>Lieber Herr Größe,</p><p>schön, dass Sie da waren.<br>"
            "Ihre Uhr ist fertig.</p>",
            '<p>=HYPERLINK("http://evil"), mit Komma, "Zitat" und</p>'
            "<p>zweitem Absatz</p>",
        )
        for customer, note in zip(self.customers, notes, strict=False):
            self._recipient(campaign, customer).note = note
        self._recipient(campaign, self.customers[5]).action_exclude()
        return campaign

    def _recipient(self, campaign, customer):
        return campaign.recipient_ids.filtered(lambda r: r.partner_id == customer)

    def _export(self, campaign, user=None):
        action = campaign.with_user(user or self.user_anna).action_export_handwriting()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
        )
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        self.assertEqual(attachment.mimetype, "text/csv")
        return attachment.raw

    def _rows(self, raw):
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "a BOM for Excel")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    def test_one_row_per_recipient_not_excluded_with_the_documented_columns(self):
        campaign = self._card_campaign()
        header, rows = self._rows(self._export(campaign))
        self.assertEqual(tuple(header), HANDWRITING_COLUMNS)
        self.assertEqual(
            [row["Recipient ID"] for row in rows],
            [str(r.id) for r in campaign.recipient_ids if r.state != "excluded"],
        )
        self.assertEqual(len(rows), 5)
        first = rows[0]
        self.assertEqual(
            {name: first[name] for name in ("Title", "First name", "Last name")},
            {"Title": "Mister", "First name": "Jürgen", "Last name": "Größe"},
        )
        self.assertEqual(
            (first["Address line 1"], first["Address line 2"], first["Postal code"]),
            ("Graben 0", "Stiege 2, Tür 4", "1010"),
        )
        self.assertEqual((first["City"], first["Country code"]), ("Wien", "AT"))
        self.assertEqual(
            first["Message"],
            "Lieber Herr Größe,\n\nschön, dass Sie da waren.\nIhre Uhr ist fertig.",
        )
        # the writer signs; the company is the return address
        self.assertEqual(first["Sender name"], "Anna")
        self.assertEqual(
            (first["Sender company"], first["Sender address line 1"]),
            (self.company.name, "Kohlmarkt 7"),
        )
        second = rows[1]
        self.assertEqual(
            (second["First name"], second["Last name"], second["Company"]),
            ("Eva Maria", "Huber", "Juwelier Huber"),
        )

    def test_cells_are_quoted_and_never_run_as_formulas(self):
        campaign = self._card_campaign()
        raw = self._export(campaign)
        _header, rows = self._rows(raw)
        self.assertEqual(
            rows[1]["Message"],
            '\'=HYPERLINK("http://evil"), mit Komma, "Zitat" und\n\nzweitem Absatz',
        )
        # quoted as RFC 4180 says: commas, doubled quotes, line breaks inside
        self.assertIn(
            '"\'=HYPERLINK(""http://evil""), mit Komma, ""Zitat"" und\n\nzweitem',
            raw.decode("utf-8-sig"),
        )
        self.assertIn("Größe".encode(), raw)

    def test_only_the_owner_and_managers_export_postal_campaigns(self):
        campaign = self._card_campaign()
        Attachment = self.env["ir.attachment"]
        before = Attachment.search_count([("res_model", "=", campaign._name)])
        with self.assertRaises(AccessError):
            campaign.with_user(self.user_ben).action_export_handwriting()
        self.assertEqual(
            Attachment.search_count([("res_model", "=", campaign._name)]), before
        )
        self._export(campaign, user=self.manager)
        mailed = self._campaign(channel="email", user_id=self.user_anna.id)
        with self.assertRaises(UserError):
            mailed.with_user(self.user_anna).action_export_handwriting()
