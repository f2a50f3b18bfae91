# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Numbers and dates as people type them, in spreadsheets and shop exports.

One rule for the server's CSV imports and for ``ccx`` (which reads CSV files
offline too): the toolkit ships this very file (toolkit/ccx/shared/ links
to it). Standard library and python-dateutil only, no Odoo.
"""

import re
from datetime import date, datetime, time

from dateutil import parser as dateutil_parser

# Spaces and marks that group thousands: ordinary, non-breaking, thin and
# narrow non-breaking spaces (spreadsheets in German and French), apostrophes
# (Swiss).
THOUSANDS_MARKS = (" ", "\u00a0", "\u2009", "\u202f", "'", "\u2019")

ISO_DAY = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
DOTTED_DAY = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
SLASHED_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

# Two defaults that differ in every field: what dateutil fills in from them
# was not in the text.
_DEFAULT_A = datetime(2001, 1, 1, 0, 0)
_DEFAULT_B = datetime(2002, 2, 2, 1, 1)


class NotADateError(ValueError):
    """The text names no day at all (as opposed to half a date or a bad time)."""


def parse_number(text):
    """1234.56, 1,234.56, 1.234,56, 1 234,56 and 1'234 as float; None otherwise.

    With both a comma and a point, the later one is the decimal mark; a comma
    alone is one too.
    """
    text = (text or "").strip()
    for mark in THOUSANDS_MARKS:
        text = text.replace(mark, "")
    if not text:
        return None
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
    if value != value or abs(value) == float("inf"):  # nan, inf
        return None
    return value


def _day(year, month, day, text):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise NotADateError(f"{text!r} is not a date") from None


def _clock(hour, minute, second, text):
    if hour is None:
        return None
    try:
        return time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise ValueError(f"{text!r} has no valid time of day") from None


def _parse_free_text(text):
    """'Nov 20 2026' or '20 November 2026 16:00' through dateutil (day first)."""
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A, dayfirst=True)
        second = dateutil_parser.parse(text, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError):
        raise NotADateError(f"{text!r} is not a date") from None
    if first.date() != second.date():
        raise ValueError(f"{text!r} is not a whole date: give day, month and year")
    has_time = (first.hour, first.minute) == (second.hour, second.minute)
    return first.date(), (first.time() if has_time else None)


def parse_moment(text):
    """(day, time of day or None) of a written date such as '2026-11-20 14:30'.

    ISO (2026-11-20, 2026-11-20T14:30), German (20.11.2026 14:30), day first
    with slashes (20/11/2026) or in words (20 November 2026). Raises
    NotADateError when the text names no day, ValueError when it names only
    part of one or an impossible time.
    """
    raw = (text or "").strip()
    if not raw:
        raise NotADateError("no date")
    match = ISO_DAY.match(raw)
    if match:
        year, month, day, hour, minute, second = match.groups()
        return _day(year, month, day, raw), _clock(hour, minute, second, raw)
    match = DOTTED_DAY.match(raw)
    if match:
        day, month, year, hour, minute, second = match.groups()
        return _day(year, month, day, raw), _clock(hour, minute, second, raw)
    match = SLASHED_DAY.match(raw)
    if match:
        day, month, year = match.groups()
        return _day(year, month, day, raw), None
    return _parse_free_text(raw)


def parse_date(text):
    """The day of a date cell (a time of day is ignored), or None."""
    try:
        return parse_moment(text)[0]
    except ValueError:
        return None
