"""Aligned text tables and JSON output."""

import json
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime


@dataclass
class Column:
    key: str
    header: str
    fmt: object = None  # callable(value, row) -> str
    align: str = "left"  # or "right"
    width: int = 0  # maximum width; longer text is cut with "…"


def display_width(text):
    """Columns a string takes in a terminal (wide East Asian characters: 2)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def truncate(text, width):
    text = " ".join(str(text or "").split())
    if width <= 0 or display_width(text) <= width:
        return text
    cut = ""
    for char in text:
        if display_width(cut + char) > width - 1:
            break
        cut += char
    return cut.rstrip() + "…"


def _pad(text, width, align):
    gap = " " * max(0, width - display_width(text))
    return gap + text if align == "right" else text + gap


def _cells(rows, columns):
    cells = []
    for row in rows:
        line = []
        for column in columns:
            value = row.get(column.key)
            text = column.fmt(value, row) if column.fmt else plain(value)
            line.append(truncate(text, column.width))
        cells.append(line)
    return cells


def _widths(columns, cells):
    return [
        max([display_width(column.header)] + [display_width(c[i]) for c in cells])
        for i, column in enumerate(columns)
    ]


def _line(texts, widths, columns, indent):
    parts = [_pad(text, widths[i], columns[i].align) for i, text in enumerate(texts)]
    return indent + "  ".join(parts).rstrip()


def render_table(rows, columns, indent=""):
    """Rows (dicts) as an aligned table with a header line."""
    cells = _cells(rows, columns)
    widths = _widths(columns, cells)
    header = [column.header for column in columns]
    return "\n".join(_line(line, widths, columns, indent) for line in [header, *cells])


def render_groups(groups, columns, empty="—"):
    """One table split by headings; ``groups`` is [(heading, rows)].

    The columns align across all groups.
    """
    cells = [_cells(rows, columns) for _heading, rows in groups]
    widths = _widths(columns, [line for group in cells for line in group])
    out = [_line([column.header for column in columns], widths, columns, "  ")]
    for (heading, _rows), group in zip(groups, cells, strict=True):
        out.append(heading)
        out.extend(_line(line, widths, columns, "  ") for line in group)
        if not group:
            out.append(f"  {empty}")
    return "\n".join(out)


def render_pairs(pairs, indent=""):
    """(label, value) pairs as two aligned columns."""
    width = max((display_width(label) for label, _value in pairs), default=0)
    return "\n".join(
        f"{indent}{_pad(label, width, 'left')}  {value}".rstrip()
        for label, value in pairs
    )


# ----------------------------------------------------------------------
# Value formatting
# ----------------------------------------------------------------------
def plain(value):
    if value is None or value is False:
        return ""
    if isinstance(value, list | tuple) and len(value) == 2:  # many2one [id, name]
        return str(value[1])
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def money(value, _row=None):
    if value is None or value is False:
        return "—"
    return f"{value:,.2f}"


def number(digits):
    def fmt(value, _row=None):
        if value is None or value is False:
            return "—"
        return f"{value:,.{digits}f}"

    return fmt


def percent(value, _row=None):
    if value is None or value is False:
        return "—"
    return f"{value * 100:.0f} %"


def name_of(value, _row=None):
    """The name of a many2one value [id, name]."""
    if isinstance(value, list | tuple) and len(value) == 2:
        return str(value[1])
    return "" if value in (None, False) else str(value)


def _json_default(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(data):
    return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)
