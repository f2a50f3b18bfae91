# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io
from datetime import datetime

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

REQUIRED_COLUMNS = ("customer", "date", "amount")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


class CustomerValueHistoryImport(models.TransientModel):
    """Import sales that predate Odoo from CSV, checked row by row.

    Columns: customer (reference or e-mail), date, amount, optional currency.
    """

    _name = "customer.value.history.import"
    _description = "Import Sales History"

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
        batch = f"{self.filename or 'import'} {fields.Datetime.now()}"
        history = self.env["customer.value.history"].create(
            [{**row["vals"], "import_batch": batch} for row in rows]
        )
        self.write({"state": "done", "imported_count": len(history)})
        return self._reopen()

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
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise UserError(
                self.env._(
                    "The file needs the columns customer, date and amount "
                    "(optional: currency). Missing: %s",
                    ", ".join(missing),
                )
            )
        reader.fieldnames = header
        return list(reader)

    def _parse(self):
        """Rows ready to create, and the rejected rows with their reasons."""
        records = self._read_csv()
        partners = self._find_partners(
            {(r.get("customer") or "").strip() for r in records}
        )
        currencies = {
            currency.name: currency
            for currency in self.env["res.currency"]
            .with_context(active_test=False)
            .search([])
        }
        rows, errors = [], []
        for line, record in enumerate(records, start=2):  # line 1 is the header
            vals, problems = self._parse_record(record, partners, currencies)
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

    def _parse_record(self, record, partners, currencies):
        problems = []
        key = (record.get("customer") or "").strip()
        matches = partners.get(key, set())
        if not key:
            problems.append(self.env._("no customer"))
        elif not matches:
            problems.append(self.env._("customer %s not found", key))
        elif len(matches) > 1:
            problems.append(self.env._("%s matches several customers", key))
        day = _parse_date(record.get("date"))
        if not day:
            problems.append(
                self.env._("date %s is not a date", record.get("date") or "∅")
            )
        elif day > fields.Date.context_today(self):
            problems.append(self.env._("date %s lies in the future", day))
        amount = _parse_amount(record.get("amount"))
        if amount is None:
            problems.append(
                self.env._("amount %s is not a number", record.get("amount") or "∅")
            )
        code = (record.get("currency") or "").strip().upper()
        company = self.env.company
        currency = currencies.get(code) if code else company.currency_id
        if not currency:
            problems.append(self.env._("currency %s is unknown", code))
        if problems:
            return None, problems
        partner = next(iter(matches))
        return {
            "partner_id": partner.id,
            "company_id": company.id,
            "date": day,
            "amount": currency._convert(amount, company.currency_id, company, day),
            "original_currency_id": currency.id,
            "original_amount": amount,
        }, []

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


def _parse_date(text):
    text = (text or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_amount(text):
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
