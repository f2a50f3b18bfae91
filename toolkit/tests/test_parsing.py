"""Local helpers: typed dates and periods, CSV reading, tables, the parser."""

import io
from datetime import date, datetime, time, timezone

import pytest
from ccx import csvutil, dates
from ccx.cli import main
from ccx.commands.common import html_lines, match_choice
from ccx.commands.contacts import contact_start
from ccx.errors import EXIT_USAGE, CcxError
from ccx.output import Column, render_table
from ccx.shared import typed_values
from dateutil import tz

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", (date(2026, 11, 20), None)),
        ("2026-11-20 14:30", (date(2026, 11, 20), time(14, 30))),
        ("2026-11-20T14:30:15", (date(2026, 11, 20), time(14, 30, 15))),
        ("20.11.2026", (date(2026, 11, 20), None)),
        ("20.11.2026 9:05", (date(2026, 11, 20), time(9, 5))),
        ("today", (TODAY, None)),
        ("Yesterday", (date(2026, 11, 22), None)),
        ("gestern", (date(2026, 11, 22), None)),
        ("3 days ago", (date(2026, 11, 20), None)),
        ("Nov 20 2026", (date(2026, 11, 20), None)),
        ("20 November 2026 16:00", (date(2026, 11, 20), time(16, 0))),
    ],
)
def test_parse_moment(text, expected):
    assert dates.parse_moment(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "is not a date"),
        ("2026-11", "not a whole date"),
        ("soon", "is not a date"),
        ("2026-11-20 25:00", "no valid time"),
        ("", "a date is needed"),
    ],
)
def test_parse_moment_refuses(text, message):
    with pytest.raises(CcxError, match=message):
        dates.parse_moment(text, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this month", (date(2026, 11, 1), date(2026, 11, 30))),
        ("last month", (date(2026, 10, 1), date(2026, 10, 31))),
        ("next month", (date(2026, 12, 1), date(2026, 12, 31))),
        ("this quarter", (date(2026, 10, 1), date(2026, 12, 31))),
        ("last quarter", (date(2026, 7, 1), date(2026, 9, 30))),
        ("next quarter", (date(2027, 1, 1), date(2027, 3, 31))),
        ("last year", (date(2025, 1, 1), date(2025, 12, 31))),
        ("2026-Q3", (date(2026, 7, 1), date(2026, 9, 30))),
        ("q1 2027", (date(2027, 1, 1), date(2027, 3, 31))),
        ("2026-11", (date(2026, 11, 1), date(2026, 11, 30))),
        ("02/2028", (date(2028, 2, 1), date(2028, 2, 29))),
        ("November 2026", (date(2026, 11, 1), date(2026, 11, 30))),
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("yesterday", (date(2026, 11, 22), date(2026, 11, 22))),
    ],
)
def test_parse_period(text, expected):
    assert dates.parse_period(text, TODAY) == expected


def test_quarter_label():
    assert dates.quarter_label("this quarter", TODAY) == "2026-Q4"
    assert dates.quarter_label("last quarter", date(2026, 2, 1)) == "2025-Q4"
    assert dates.quarter_label("2026-11", TODAY) == "2026-Q4"
    assert dates.quarter_label("last month", date(2026, 10, 5)) == "2026-Q3"
    with pytest.raises(CcxError, match="spans several quarters"):
        dates.quarter_label("2026", TODAY)
    with pytest.raises(CcxError, match="is not a period"):
        dates.quarter_label("whenever", TODAY)


def test_contact_start_in_the_users_time_zone():
    vienna = tz.gettz("Europe/Vienna")
    now = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # 11:00 in Vienna
    start, state = contact_start(date(2026, 11, 20), None, vienna, now)
    assert (start, state) == (datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc), "done")
    start, state = contact_start(date(2026, 11, 23), time(15, 0), vienna, now)
    assert (start.hour, state) == (14, "planned")
    early = datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc)  # 7:00 in Vienna
    start, state = contact_start(date(2026, 11, 23), None, vienna, early)
    assert state == "done" and start <= early  # today without time: not later than now


def test_read_table_handles_excel_exports(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(
        "\ufeffCustomer;Date;Amount\r\nMüller;01.02.2026;1.234,50\r\n\r\n"
        '"Maier; Söhne";2026-02-03;"7,5"\r\n'.encode()
    )
    rows = csvutil.read_table(path, ("customer", "date", "amount"))
    assert [(row.line, row.values["customer"]) for row in rows] == [
        (2, "Müller"),
        (4, "Maier; Söhne"),
    ]
    assert typed_values.parse_number(rows[0].values["amount"]) == 1234.5
    assert typed_values.parse_number(rows[1].values["amount"]) == 7.5

    latin = tmp_path / "latin.csv"
    latin.write_bytes("customer,date,amount\nGrüner,2026-01-01,5\n".encode("cp1252"))
    (row,) = csvutil.read_table(latin, ("customer",))
    assert row.values["customer"] == "Grüner"

    (row,) = csvutil.read_table(
        latin, ("client", "day"), aliases={"date": "day", "customer": "client"}
    )
    assert row.values == {"client": "Grüner", "day": "2026-01-01", "amount": "5"}
    with pytest.raises(
        CcxError, match="needs the columns customer, quantity; missing: quantity"
    ):
        csvutil.read_table(latin, ("customer", "quantity"))


@pytest.mark.parametrize(
    ("text", "value"),
    [("1234.56", 1234.56), ("1,234.56", 1234.56), ("1.234,56", 1234.56),
     ("-12,5", -12.5), ("1'000", 1000.0), ("abc", None), ("", None), ("nan", None)],
)  # fmt: skip
def test_parse_number(text, value):
    assert typed_values.parse_number(text) == value


def test_match_choice_and_html_lines():
    kinds = [("customer_day", "Customer day"), ("video_call", "Video call")]
    assert match_choice("Customer-Day", kinds) == "customer_day"
    assert match_choice("video call", kinds) == "video_call"
    assert match_choice("visit", kinds) is None
    assert html_lines("<p>2 rows are fine.</p><ul><li>Line 3: x &amp; y</li></ul>") == [
        "2 rows are fine.",
        "Line 3: x & y",
    ]


def test_render_table_aligns_and_truncates():
    text = render_table(
        [{"n": 1, "name": "Ä very long customer name"}, {"n": 120, "name": "B"}],
        [Column("n", "#", align="right"), Column("name", "customer", width=10)],
    )
    assert text.splitlines() == ["  #  customer", "  1  Ä very lo…", "120  B"]


def test_usage_errors_exit_2():
    err = io.StringIO()
    assert main([], env={}, stdout=io.StringIO(), stderr=err) == EXIT_USAGE
    assert "required" in err.getvalue()
    err = io.StringIO()
    code = main(
        ["clv", "top", "--limit", "-1"], env={}, stdout=io.StringIO(), stderr=err
    )
    assert code == EXIT_USAGE
    assert "is negative" in err.getvalue()
    out = io.StringIO()
    assert main(["--help"], env={}, stdout=out, stderr=io.StringIO()) == 0
    assert "CCX_PASSWORD" in out.getvalue()
    # the secret is no command-line option
    err = io.StringIO()
    assert main(["--password", "x", "whoami"], env={}, stderr=err) == EXIT_USAGE
