"""The rules ccx shares with the server: one copy in customer_centricity/lib/.

ccx/shared/ links to the addon's files; these tests check that the toolkit
runs that very code, and the merged rules accept what the server and the
toolkit each accepted before.
"""

import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from ccx.shared import quarter, typed_values

TOOLKIT = Path(__file__).resolve().parents[1]
LIB = TOOLKIT.parent / "customer_centricity" / "lib"


@pytest.mark.parametrize("module", [quarter, typed_values])
def test_the_toolkit_runs_the_addons_file(module):
    shared = Path(module.__file__)
    assert shared.parent.name == "shared"
    assert shared.resolve() == (LIB / shared.name).resolve()


def test_the_shared_rules_need_neither_odoo_nor_numpy():
    code = (
        "import sys; import ccx.shared.quarter, ccx.shared.typed_values; "
        "print(sorted({'odoo', 'numpy', 'scipy', 'lxml'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=TOOLKIT,
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # both former copies
        ("1234.56", 1234.56), ("1,234.56", 1234.56), ("1.234,56", 1234.56),
        ("1234,56", 1234.56), ("-12,5", -12.5), ("1'000", 1000.0),
        ("1 234,50", 1234.5), (" 99.90 ", 99.9),
        # the toolkit's copy only: non-breaking space (German spreadsheets)
        ("1\u00a0234,50", 1234.5),
        # neither before: thin and narrow non-breaking spaces, typographic apostrophe
        ("1\u2009234,50", 1234.5), ("1\u202f234,50", 1234.5), ("1\u2019000", 1000.0),
        # no number
        ("abc", None), ("zehn", None), ("", None), (None, None), ("nan", None),
        ("inf", None), ("-Infinity", None), ("\u00a0", None),
    ],
)  # fmt: skip
def test_parse_number(text, value):
    assert typed_values.parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the server's former formats: %Y-%m-%d, %d.%m.%Y, %d/%m/%Y
        ("2024-03-31", date(2024, 3, 31)),
        ("2024-3-1", date(2024, 3, 1)),
        ("01.04.2024", date(2024, 4, 1)),
        ("1.4.2024", date(2024, 4, 1)),
        ("02/04/2024", date(2024, 4, 2)),
        # the toolkit's: with a time of day, in words
        ("2026-11-20 14:30", date(2026, 11, 20)),
        ("2026-11-20T14:30:15", date(2026, 11, 20)),
        ("20.11.2026 9:05", date(2026, 11, 20)),
        ("Nov 20 2026", date(2026, 11, 20)),
        ("20 November 2026 16:00", date(2026, 11, 20)),
        # no date
        ("31/02/2024", None),
        ("2026-02-30", None),
        ("2026-11", None),
        ("2026-11-20 25:00", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text, expected):
    assert typed_values.parse_date(text) == expected


def test_parse_moment_tells_what_is_wrong():
    assert typed_values.parse_moment("20.11.2026 9:05:30") == (
        date(2026, 11, 20),
        time(9, 5, 30),
    )
    with pytest.raises(typed_values.NotADateError):
        typed_values.parse_moment("2026-02-30")
    with pytest.raises(ValueError, match="not a whole date") as error:
        typed_values.parse_moment("November 2026")
    assert not isinstance(error.value, typed_values.NotADateError)
    with pytest.raises(ValueError, match="no valid time") as error:
        typed_values.parse_moment("2026-11-20 24:00")
    assert not isinstance(error.value, typed_values.NotADateError)


def test_quarters():
    assert quarter.quarter_of(date(2026, 11, 23)) == "2026-Q4"
    assert quarter.quarter_bounds("2028-Q1") == (date(2028, 1, 1), date(2028, 3, 31))
    assert quarter.period_bounds(date(2028, 2, 10), "month") == (
        date(2028, 2, 1),
        date(2028, 2, 29),
    )
    assert quarter.shift_quarter("2026-Q1", -1) == "2025-Q4"
