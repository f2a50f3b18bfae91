# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io

import psycopg2.errors
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import input_limits
from ..lib.input_limits import neutralise_formula
from ..lib.typed_values import parse_date

ENCODINGS = ("utf-8-sig", "cp1252")  # UTF-8 (with or without BOM), else Excel's
# Set by the server only (see write): a user who could reset the state could
# import the same rows twice.
SERVER_FIELDS = (
    "state",
    "valid_count",
    "rejected_count",
    "imported_count",
    "report",
    "rejected_file",
    "rejected_filename",
)


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
        readonly=True,
    )
    valid_count = fields.Integer(readonly=True)
    rejected_count = fields.Integer(readonly=True)
    imported_count = fields.Integer(readonly=True)
    report = fields.Html(readonly=True, sanitize=True)
    rejected_file = fields.Binary(readonly=True)
    rejected_filename = fields.Char(readonly=True)

    _required_columns = ()
    # Columns allowed longer cells than MAX_CELL_CHARS: {column: characters}
    _long_columns = {}

    @api.constrains("file")
    def _check_file_size(self):
        for wizard in self:
            wizard._check_size(base64.b64decode(wizard.file or b""))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_server_fields(vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_server_fields(vals)
        return super().write(vals)

    def action_check(self):
        self.ensure_one()
        self._lock_for_import()
        rows, errors = self._parse()
        self._write_report(rows, errors)
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        self._lock_for_import()
        rows, errors = self._parse()
        self._write_report(rows, errors)
        if errors and not self.import_valid_rows:
            return self._reopen()
        created = self._create_rows([row["vals"] for row in rows])
        self._server_write({"state": "done", "imported_count": len(created)})
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

    def _check_server_fields(self, vals, creating=False):
        """Users may not set what only the check and the import write."""
        if self.env.su:
            return
        # a new wizard may name the defaults (the form sends them)
        names = [
            name
            for name in SERVER_FIELDS
            if name in vals and not (creating and vals[name] in (False, 0, "draft"))
        ]
        if names:
            raise AccessError(
                self.env._(
                    "Only the check and the import set these fields: %s",
                    ", ".join(names),
                )
            )

    def _server_write(self, vals):
        # sudo: the state and the results are server fields that users may not
        # write (see _check_server_fields); the wizard is the user's own
        # (transient records are only visible to their creator).
        self.sudo().write(vals)

    def _lock_for_import(self):
        """Lock the wizard's row for this transaction; refuse an import done.

        A second ``action_import`` waits for nothing: while the first runs, the
        row is locked (NOWAIT fails at once); once it committed, the state is
        ``done``. Either way the second call writes nothing.
        """
        self.flush_recordset(["state"])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT state FROM %s WHERE id = %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        self.id,
                    )
                )
                [state] = self.env.cr.fetchone()
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "This file is being imported right now. Wait for the import "
                    "to finish; nothing was imported twice."
                )
            ) from None
        if state == "done":
            raise UserError(
                self.env._(
                    "This file has already been imported (%s rows). Nothing was "
                    "imported again; start a new import for another file.",
                    self.imported_count,
                )
            )

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    def _check_size(self, raw):
        if len(raw) > input_limits.MAX_FILE_BYTES:
            raise UserError(
                self.env._(
                    "The file has %(size)s MB; at most %(limit)s MB can be "
                    "imported at once. Split it into smaller files.",
                    size=round(len(raw) / 1024 / 1024, 1),
                    limit=input_limits.MAX_FILE_BYTES // 1024 // 1024,
                )
            )

    def _decode(self, raw):
        """The file's text: UTF-8 (with or without BOM), else Windows-1252."""
        for encoding in ENCODINGS:
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                problem = error
                continue
            if "\x00" in text:
                raise UserError(
                    self.env._(
                        "The file is not a CSV text file (it holds NUL bytes). "
                        "Save it as CSV UTF-8 and upload it again."
                    )
                )
            return text
        byte = f"0x{problem.object[problem.start]:02X}"
        raise UserError(
            self.env._(
                "The file cannot be read: byte %(byte)s at position %(position)s "
                "is neither UTF-8 nor Windows-1252 text. Save the file as CSV "
                "UTF-8 and upload it again.",
                byte=byte,
                position=problem.start,
            )
        )

    def _check_cells(self, line, record, header=False):
        """Refuse the file if a cell is longer than its column allows."""
        for column, value in record.items():
            values = value if isinstance(value, list) else [value]  # extra cells
            limit = self._long_columns.get(column, input_limits.MAX_CELL_CHARS)
            for text in values:
                if text and len(text) > limit:
                    if header:
                        column = self.env._("header")
                    elif column is None:
                        column = self.env._("extra")
                    raise UserError(
                        self.env._(
                            "Line %(line)s: the %(column)s cell holds %(length)s "
                            "characters; at most %(limit)s are allowed. Nothing "
                            "was imported.",
                            line=line,
                            column=column,
                            length=len(text),
                            limit=limit,
                        )
                    )

    def _dialect(self, text):
        """The delimiter that splits the header into the required columns,
        else the sniffer's guess (it errs on rows longer than the header)."""
        first_line = text.lstrip("\r\n").partition("\n")[0]
        for delimiter in ",;\t":
            names = {name.strip().lower() for name in first_line.split(delimiter)}
            if self._required_columns and names.issuperset(self._required_columns):

                class Dialect(csv.excel):
                    pass

                Dialect.delimiter = delimiter
                return Dialect
        try:
            return csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            return csv.excel

    def _read_csv(self):
        raw = base64.b64decode(self.file or b"")
        self._check_size(raw)
        text = self._decode(raw)
        reader = csv.DictReader(io.StringIO(text), dialect=self._dialect(text))
        line = 0  # the last line read; the header is line 1
        try:
            header = [(name or "").strip().lower() for name in reader.fieldnames or []]
            line = 1
            self._check_cells(line, dict(enumerate(header)), header=True)
            missing = [c for c in self._required_columns if c not in header]
            if missing:
                raise UserError(self._missing_columns_message(", ".join(missing)))
            reader.fieldnames = header
            records = []
            for line, record in enumerate(reader, start=2):
                self._check_cells(line, record)
                records.append(record)
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise UserError(
                    self.env._(
                        "Line %(line)s: a cell holds more than %(limit)s "
                        "characters. Nothing was imported.",
                        line=line + 1,
                        limit=csv.field_size_limit(),
                    )
                ) from None
            raise UserError(
                self.env._(
                    "Line %(line)s cannot be read as CSV (%(error)s). Nothing was "
                    "imported.",
                    line=line + 1,
                    error=str(error),
                )
            ) from None
        return records

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
        """Map each key to the customers it names: the rule ``ccx`` uses too
        (res.partner._find_customers: reference, e-mail, else whole name)."""
        found = self.env["res.partner"]._find_customers(keys)
        return {key: set(customers) for key, customers in found.items()}

    def _check_customer(self, record, partners, problems):
        """The one customer a row names, or None."""
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
        self._server_write(
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
        writer = csv.writer(out)
        # cells that start like a formula are written as text (CSV injection)
        writer.writerow([neutralise_formula(name) for name in [*header, "error"]])
        for error in errors:
            record = error["record"]
            cells = [record.get(name) for name in header]
            cells.append("; ".join(error["problems"]))
            writer.writerow([neutralise_formula(cell) for cell in cells])
        return base64.b64encode(out.getvalue().encode())
