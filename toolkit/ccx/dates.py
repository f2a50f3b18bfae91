"""Dates as people type them: ISO, German, relative words, months, quarters.

``parse_moment`` reads one day (optionally with a time of day);
``parse_period`` reads a span ("last month", "2026-11", "2026-Q3", "2026",
a day) and ``quarter_label`` names the calendar quarter of such a span.
"""

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from ccx.errors import CcxError
from ccx.shared import typed_values
from ccx.shared.quarter import period_bounds, quarter_of

QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$|^Q([1-4])\s*[-/ ]?\s*(\d{4})$", re.I)
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(\d{1,2})[./](\d{4})$")
YEAR = re.compile(r"^(\d{4})$")
DAYS_AGO = re.compile(r"^(\d+)\s+days?\s+ago$")

RELATIVE_DAYS = {
    "today": 0,
    "heute": 0,
    "yesterday": -1,
    "gestern": -1,
    "tomorrow": 1,
}

# Two defaults that differ in every field: what dateutil fills in from them
# was not in the text.
_DEFAULT_A = datetime(2001, 1, 1, 0, 0)
_DEFAULT_B = datetime(2002, 2, 2, 1, 1)


def _hint(text):
    return f"{text!r} is not a date (try 2026-11-20, 20.11.2026, yesterday)"


def parse_moment(text, today):
    """(day, time of day or None) of a typed date such as '2026-11-20 14:30'.

    Words relative to today ('yesterday', '3 days ago'), else a written date
    as the server's CSV imports read it (ccx.shared.typed_values).
    """
    raw = (text or "").strip()
    words = raw.lower()
    if not raw:
        raise CcxError("a date is needed (for example 2026-11-20)")
    if words in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[words]), None
    match = DAYS_AGO.match(words)
    if match:
        return today - timedelta(days=int(match.group(1))), None
    try:
        return typed_values.parse_moment(raw)
    except typed_values.NotADateError:
        raise CcxError(_hint(raw)) from None
    except ValueError as error:
        raise CcxError(str(error)) from None


def parse_day(text, today):
    """The day of a typed date (a time of day, if any, is ignored)."""
    return parse_moment(text, today)[0]


def _quarter_span(year, quarter):
    return period_bounds(date(year, 3 * quarter - 2, 1), "quarter")


def _month_span(year, month):
    return period_bounds(date(year, month, 1), "month")


def parse_period(text, today):
    """(first day, last day) of a typed period.

    'this month', 'last month', 'next month', the same with quarter and year,
    '2026-11', '11/2026', 'November 2026', '2026-Q3', 'Q3 2026', '2026', or a
    single day.
    """
    raw = (text or "").strip()
    words = " ".join(raw.lower().split())
    relative = re.match(
        r"^(this|current|last|previous|next)\s+(month|quarter|year)$", words
    )
    if relative:
        step = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}[
            relative.group(1)
        ]
        unit = relative.group(2)
        if unit == "month":
            first = today.replace(day=1) + relativedelta(months=step)
            return _month_span(first.year, first.month)
        if unit == "quarter":
            first = period_bounds(today, "quarter")[0]
            return period_bounds(first + relativedelta(months=3 * step), "quarter")
        year = today.year + step
        return date(year, 1, 1), date(year, 12, 31)
    match = QUARTER.match(raw)
    if match:
        year = int(match.group(1) or match.group(4))
        quarter = int(match.group(2) or match.group(3))
        return _quarter_span(year, quarter)
    match = MONTH.match(raw)
    if match:
        year = int(match.group(1) or match.group(4))
        month = int(match.group(2) or match.group(3))
        if not 1 <= month <= 12:
            raise CcxError(f"{raw!r} names no month")
        return _month_span(year, month)
    match = YEAR.match(raw)
    if match:
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    try:
        day, _clock_time = parse_moment(raw, today)
    except CcxError:
        day = None
    if day is not None:
        return day, day
    try:
        first = dateutil_parser.parse(raw, default=_DEFAULT_A)
        second = dateutil_parser.parse(raw, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        first = second = None
    if first and first.year == second.year and first.month == second.month:
        return _month_span(first.year, first.month)
    raise CcxError(
        f"{raw!r} is not a period (try 2026-Q4, 'this quarter', 'last month', "
        "2026-11)"
    )


def quarter_label(text, today):
    """'YYYY-Qn' of the quarter a typed period lies in."""
    first, last = parse_period(text, today)
    if quarter_of(first) != quarter_of(last):
        raise CcxError(f"{text!r} spans several quarters: name one, like 2026-Q4")
    return quarter_of(first)
