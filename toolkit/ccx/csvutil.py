"""Reading the CSV files people export from spreadsheets and shop systems.

UTF-8 (with or without BOM) or Windows-1252; comma, semicolon or tab as
delimiter; header names are case-insensitive. The cells' numbers and dates
are read by ccx.shared.typed_values, the server's own rules.
"""

import csv
import io
from dataclasses import dataclass

from ccx.errors import CcxError


@dataclass
class CsvRow:
    line: int  # physical line in the file (the header is line 1)
    values: dict


def _header_names(line, delimiter, aliases):
    try:
        header = next(csv.reader([line], delimiter=delimiter))
    except (StopIteration, csv.Error):
        return []
    names = [name.strip().lower().replace(" ", "_") for name in header]
    return [aliases.get(name, name) for name in names]


def _dialect(text, required, aliases):
    """The CSV dialect: the delimiter that splits the header into the
    required columns, else what ``csv.Sniffer`` guesses from the data.

    The header decides first: the sniffer gives up on data with cells that
    span lines (notes written in a spreadsheet).
    """
    first_line = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    found = {
        delimiter: sum(
            column in _header_names(first_line, delimiter, aliases)
            for column in required
        )
        for delimiter in ",;\t"
    }
    best = max(found, key=lambda delimiter: found[delimiter])
    if required and found[best] == len(required):

        class Dialect(csv.excel):
            delimiter = best

        return Dialect
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_table(path, required, optional=(), aliases=None):
    """Rows of a CSV file as CsvRow(line, {column: text}).

    ``aliases`` maps other header names to the canonical ones (for example
    ``{"customer_id": "customer"}``).
    """
    aliases = aliases or {}
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise CcxError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if not text.strip():
        raise CcxError(f"{path} is empty")
    dialect = _dialect(text, required, aliases)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise CcxError(f"{path} has no header line ({error})") from None
    names = []
    for name in header:
        key = name.strip().lower().replace(" ", "_")
        names.append(aliases.get(key, key))
    missing = [column for column in required if column not in names]
    if missing:
        expected = ", ".join(required)
        if optional:
            expected += f" (optional: {', '.join(optional)})"
        raise CcxError(
            f"{path} needs the columns {expected}; missing: {', '.join(missing)}"
        )
    rows = []
    line = reader.line_num
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            values = {
                name: (record[index].strip() if index < len(record) else "")
                for index, name in enumerate(names)
            }
            if len(record) > len(names):
                values["__extra__"] = record[len(names) :]
            rows.append(CsvRow(start, values))
    except csv.Error as error:
        raise CcxError(f"{path}, line {reader.line_num}: {error}") from None
    return rows
