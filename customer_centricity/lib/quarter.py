"""Calendar quarters as 'YYYY-Qn' labels, without Odoo."""

import re
from datetime import date

QUARTER_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_of(day):
    """'2026-Q4' for any day of October to December 2026."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def parse_quarter(label):
    """(year, quarter) of a label, or ValueError if it names no quarter."""
    match = QUARTER_PATTERN.match((label or "").strip())
    if not match or not 1900 <= int(match.group(1)) <= 2999:
        raise ValueError(f"{label!r} is not a quarter like 2026-Q4")
    return int(match.group(1)), int(match.group(2))


def quarter_bounds(label):
    """First and last day of a quarter."""
    year, quarter = parse_quarter(label)
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + quarter // 4, 3 * (quarter % 4) + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def shift_quarter(label, quarters=1):
    """The quarter ``quarters`` later (or earlier when negative)."""
    year, quarter = parse_quarter(label)
    index = year * 4 + quarter - 1 + quarters
    return f"{index // 4}-Q{index % 4 + 1}"


def period_bounds(day, period):
    """First and last day of the month or quarter ('month'/'quarter') of a day."""
    months = 3 if period == "quarter" else 1
    first = date(day.year, day.month - (day.month - 1) % months, 1)
    index = first.year * 12 + first.month - 1 + months
    following = date(index // 12, index % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)
