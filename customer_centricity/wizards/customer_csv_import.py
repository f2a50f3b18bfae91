# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io
from datetime import datetime

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


class CustomerCsvImport(models.AbstractModel):
    """Check a CSV file row by row, then import all of it or the good rows.

    Subclasses name their columns and turn one row into values to create.
    """

    _name = "customer.csv.import"
    _description = "CSV Import"

    file = fields.Binary(string="CSV file", required=True)
    filename = fields.Char()
    import_valid_rows = fields.Boolean(
        string="Import the good rows",
        help="Import the rows without errors and leave out the others. "
        "By default nothing is imported while any row is wrong.",
    )
    state = fields.Selection(
        [("draft", "Upload"), ("checked", "Checked"), ("done", "Imported")],
        default="draft",
    )
    valid_count = fields.Integer(readonly=True)
    rejected_count = fields.Integer(readonly=True)
    imported_count = fields.Integer(readonly=True)
    report = fields.Html(readonly=True, sanitize=True)
    rejected_file = fields.Binary(readonly=True)
    rejected_filename = fields.Char(readonly=True)

    _required_columns = ()

    def action_check(self):
        self.ensure_one()
        rows, errors = self._parse()
        self._write_report(rows, errors)
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        rows, errors = self._parse()
        self._write_report(rows, errors)
        if errors and not self.import_valid_rows:
            return self._reopen()
        created = self._create_rows([row["vals"] for row in rows])
        self.write({"state": "done", "imported_count": len(created)})
        return self._reopen()

    def _create_rows(self, vals_list):
        raise NotImplementedError

    def _missing_columns_message(self, missing):
        raise NotImplementedError

    def _prepare_lookup(self, records):
        """Whatever ``_parse_record`` needs for all rows, read at once."""
        return {}

    def _parse_record(self, record, lookup):
        """``(vals, [])`` for a good row, ``(None, problems)`` otherwise."""
        raise NotImplementedError

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    def _read_csv(self):
        raw = base64.b64decode(self.file or b"")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        sample = text[:2048]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        header = [(name or "").strip().lower() for name in reader.fieldnames or []]
        missing = [c for c in self._required_columns if c not in header]
        if missing:
            raise UserError(self._missing_columns_message(", ".join(missing)))
        reader.fieldnames = header
        return list(reader)

    def _parse(self):
        """Rows ready to create, and the rejected rows with their reasons."""
        records = self._read_csv()
        lookup = self._prepare_lookup(records)
        rows, errors = [], []
        for line, record in enumerate(records, start=2):  # line 1 is the header
            vals, problems = self._parse_record(record, lookup)
            if problems:
                errors.append({"line": line, "record": record, "problems": problems})
            else:
                rows.append({"line": line, "vals": vals})
        return rows, errors

    def _find_partners(self, keys):
        """Map each reference or e-mail to one customer, or to a reason."""
        Partner = self.env["res.partner"]
        keys = {key for key in keys if key}
        company = [("company_id", "in", [False, self.env.company.id])]
        found = {}
        for partner in Partner.search([*company, ("ref", "in", list(keys))]):
            found.setdefault(partner.ref, set()).add(partner.commercial_partner_id)
        emails = {key.lower(): key for key in keys if "@" in key}
        if emails:
            for partner in Partner.search(
                [*company, ("email_normalized", "in", list(emails))]
            ):
                key = emails[partner.email_normalized]
                found.setdefault(key, set()).add(partner.commercial_partner_id)
        return found

    def _check_customer(self, record, partners, problems):
        """The one customer a row names by reference or e-mail, or None."""
        key = (record.get("customer") or "").strip()
        matches = partners.get(key, set())
        if not key:
            problems.append(self.env._("no customer"))
        elif not matches:
            problems.append(self.env._("customer %s not found", key))
        elif len(matches) > 1:
            problems.append(self.env._("%s matches several customers", key))
        return next(iter(matches)) if len(matches) == 1 else None

    def _check_date(self, record, problems):
        day = parse_date(record.get("date"))
        if not day:
            problems.append(
                self.env._("date %s is not a date", record.get("date") or "∅")
            )
        elif day > fields.Date.context_today(self):
            problems.append(self.env._("date %s lies in the future", day))
            return None
        return day

    def _write_report(self, rows, errors):
        parts = [
            Markup("<p>%s</p>")
            % self.env._(
                "%(valid)s rows are fine, %(rejected)s rows have errors.",
                valid=len(rows),
                rejected=len(errors),
            )
        ]
        if errors:
            items = Markup("").join(
                Markup("<li>%s</li>")
                % self.env._(
                    "Line %(line)s: %(problems)s",
                    line=error["line"],
                    problems="; ".join(error["problems"]),
                )
                for error in errors
            )
            parts.append(Markup("<ul>%s</ul>") % items)
        self.write(
            {
                "state": "checked",
                "valid_count": len(rows),
                "rejected_count": len(errors),
                "report": Markup("").join(parts),
                "rejected_file": self._rejected_csv(errors),
                "rejected_filename": "rejected_rows.csv" if errors else False,
            }
        )

    def _rejected_csv(self, errors):
        if not errors:
            return False
        out = io.StringIO()
        header = [name for name in errors[0]["record"] if name is not None]
        writer = csv.DictWriter(
            out, fieldnames=[*header, "error"], extrasaction="ignore"
        )
        writer.writeheader()
        for error in errors:
            writer.writerow({**error["record"], "error": "; ".join(error["problems"])})
        return base64.b64encode(out.getvalue().encode())


def parse_date(text):
    text = (text or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_amount(text):
    """1234.56, 1,234.56, 1.234,56 and 1234,56 are all accepted."""
    text = (text or "").strip().replace(" ", "").replace("'", "")
    if "," in text and "." in text:
        thousands, decimal = (
            (".", ",") if text.rfind(",") > text.rfind(".") else (",", ".")
        )
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
