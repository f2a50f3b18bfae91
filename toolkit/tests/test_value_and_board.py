"""ccx clv card/top/recompute, history import, initiatives, on the real server."""

import csv
import xmlrpc.client
from datetime import date, timedelta

import pytest
from ccx.dates import quarter_label
from ccx.errors import EXIT_ACCESS, EXIT_ERROR


def _company_id(rpc):
    (user,) = rpc("res.users", "read", [rpc.uid], fields=["company_id"])
    return user["company_id"][0]


def _history(admin, customer):
    return admin(
        "customer.value.history",
        "search_read",
        [("partner_id", "=", customer["id"])],
        fields=["date", "amount"],
        order="date",
    )


# ----------------------------------------------------------------------
# clv
# ----------------------------------------------------------------------
def test_clv_top(ccx, admin):
    company = _company_id(admin)
    result = ccx("clv", "top", "--limit", 5, "--json")
    assert result.code == 0, result.err
    expected = admin(
        "customer.value",
        "search_read",
        [("company_id", "=", company)],
        fields=["partner_id", "ranking_value", "historic_clv", "order_count"],
        order="ranking_value desc, id",
        limit=5,
    )
    assert [row["customer"]["id"] for row in result.data] == [
        row["partner_id"][0] for row in expected
    ]
    assert [row["value"] for row in result.data] == [
        row["ranking_value"] for row in expected
    ]
    assert [row["orders"] for row in result.data] == [
        row["order_count"] for row in expected
    ]

    result = ccx("clv", "top", "--segment", "Champions", "--limit", 0, "--json")
    assert result.code == 0, result.err
    champions = admin(
        "customer.value",
        "search_count",
        [("company_id", "=", company), ("segment", "=", "champions")],
    )
    assert len(result.data) == champions > 0
    assert {row["segment"] for row in result.data} == {"champions"}

    result = ccx("clv", "top", "--tier", "Top 10 %", "--limit", 3)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["#", "customer", "value"]
    assert len(lines) <= 4 and all(
        line.rstrip().endswith("Top 10 %") for line in lines[1:]
    )

    result = ccx("clv", "top", "--segment", "vip")
    assert result.code == EXIT_ERROR
    assert "unknown segment 'vip': one of champions, loyal," in result.err


def test_clv_card(ccx, admin):
    result = ccx("clv", "card", "helene.huber@example.com", "--json")
    assert result.code == 0, result.err
    (value,) = admin(
        "customer.value",
        "search_read",
        [
            ("partner_id.ref", "=", "K0001"),
            ("company_id", "=", _company_id(admin)),
        ],
        fields=["partner_id", "historic_clv", "order_count", "segment", "rfm_score"],
    )
    assert result.data["customer"]["id"] == value["partner_id"][0]
    figures = result.data["figures"]
    assert figures["historic_clv"] == value["historic_clv"]
    assert figures["order_count"] == value["order_count"]
    assert figures["segment"] == value["segment"]
    assert figures["rfm_score"] == value["rfm_score"]

    result = ccx("clv", "card", "K0001", login="demo")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].split() == ["Customer", "Helene", "Huber"]
    assert "Historic CLV" in result.out and "Last customer contact" in result.out

    result = ccx("clv", "card", "Huber")  # Helene and her son Josef
    assert result.code == EXIT_ERROR and "matches" in result.err


def test_clv_recompute_as_manager(ccx, admin):
    result = ccx("clv", "recompute", "--json")
    assert result.code == 0, result.err
    assert result.data["method"] in ("bgnbd", "historic")
    assert result.data["customers"] == admin(
        "customer.value", "search_count", [("company_id", "=", _company_id(admin))]
    )
    assert "recomputing the customer values of" in result.err


def test_clv_recompute_refused_for_a_user(ccx):
    result = ccx("clv", "recompute", login="demo")
    assert result.code == EXIT_ACCESS
    assert result.out == ""
    assert result.err.splitlines()[-1] == (
        "ccx: error: refused by the server: Only Customer Centricity managers "
        "recompute values."
    )


# ----------------------------------------------------------------------
# history import
# ----------------------------------------------------------------------
def test_history_import_with_bad_rows_imports_nothing(ccx, admin, customer, tmp_path):
    past = (date.today() - timedelta(days=30)).isoformat()
    future = (date.today() + timedelta(days=30)).isoformat()
    path = tmp_path / "sales.csv"
    path.write_text(
        "customer,date,amount\n"
        f"{customer['ref']},{past},120.50\n"
        f"CCX-NOBODY-{customer['ref']},{past},80\n"
        f"{customer['ref']},31.02.2026,12\n"
        f"{customer['ref']},{past},abc\n"
        f"{customer['ref']},{future},10\n"
    )
    rejected = tmp_path / "rejected.csv"
    result = ccx(
        "history", "import", path, "--apply", "--rejected-file", rejected, "--json"
    )
    assert result.code == EXIT_ERROR
    assert _history(admin, customer) == []
    assert result.data["imported_count"] == 0
    assert (result.data["valid_count"], result.data["rejected_count"]) == (1, 4)
    assert result.data["report"] == [
        "1 rows are fine, 4 rows have errors.",
        f"Line 3: customer CCX-NOBODY-{customer['ref']} not found",
        "Line 4: date 31.02.2026 is not a date",
        "Line 5: amount abc is not a number",
        f"Line 6: date {future} lies in the future",
    ]
    with open(rejected, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4
    assert rows[0]["error"].startswith("customer CCX-NOBODY")

    result = ccx("history", "import", path)
    assert result.code == EXIT_ERROR
    assert "Line 5: amount abc is not a number" in result.out.splitlines()
    assert "dry run: nothing imported" in result.out

    result = ccx("history", "import", path, "--apply", "--good-rows")
    assert result.code == 0, result.err
    assert "1 rows imported, 4 bad rows left out" in result.out
    assert [row["amount"] for row in _history(admin, customer)] == [120.5]


def test_history_import_good_file(ccx, admin, customer, tmp_path):
    d1, d2 = (date.today() - timedelta(days=n) for n in (400, 40))
    path = tmp_path / "sales.csv"
    path.write_text(
        "customer;date;amount\n"
        f"{customer['ref']};{d1.isoformat()};99.90\n"
        f"{customer['email']};{d2.strftime('%d.%m.%Y')};1.234,50\n"
    )
    result = ccx("history", "import", path)
    assert result.code == 0, result.err
    assert _history(admin, customer) == []
    assert result.out.splitlines()[-1] == "dry run: nothing imported; add --apply"

    result = ccx("history", "import", path, "--apply", "--json")
    assert result.code == 0, result.err
    assert result.data["imported_count"] == 2
    assert result.data["state"] == "done"
    history = _history(admin, customer)
    assert [(row["date"], row["amount"]) for row in history] == [
        (d1.isoformat(), 99.9),
        (d2.isoformat(), 1234.5),
    ]
    assert "importing 2 row(s)" in result.err


def test_history_import_refused_for_a_user(ccx, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("customer,date,amount\nK0001,2025-01-01,10\n")
    result = ccx("history", "import", path, login="demo")
    assert result.code == EXIT_ACCESS
    assert result.err.splitlines()[-1] == (
        "ccx: error: refused by the server: You are not allowed to create 'Import "
        "Sales History' (customer.value.history.import) records."
    )


# ----------------------------------------------------------------------
# initiatives
# ----------------------------------------------------------------------
def _stage(admin, xml_id):
    (data,) = admin(
        "ir.model.data",
        "search_read",
        [("module", "=", "customer_centricity"), ("name", "=", xml_id)],
        fields=["res_id"],
    )
    return data["res_id"]


@pytest.fixture
def initiative(admin, demo, unique):
    initiative_id = admin(
        "customer.initiative",
        "create",
        {
            "name": f"CCX board test {unique}",
            "quarter": "2031-Q2",
            "customer_benefit": "Customers get their answer the same day. " * 3,
            "stage_id": _stage(admin, "customer_initiative_stage_planned"),
            "priority": "1",
            "kpi_name": "Answers within a day (%)",
            "kpi_baseline": 10,
            "kpi_target": 20,
            "kpi_result": 15,
            "kpi_result_set": True,
        },
    )
    demo("customer.initiative", "action_toggle_vote", [initiative_id])
    yield initiative_id
    try:
        admin("customer.initiative", "unlink", [initiative_id])
    except xmlrpc.client.Fault:
        pass


def test_initiatives_board(ccx, admin, initiative, unique):
    result = ccx("initiatives", "--quarter", "2031-Q2", "--json", login="demo")
    assert result.code == 0, result.err
    assert result.data["quarter"] == "2031-Q2"
    stages = {stage["name"]: stage for stage in result.data["stages"]}
    assert list(stages)[:3] == ["Idea", "Planned", "In progress"]
    (mine,) = [i for i in stages["Planned"]["initiatives"] if i["id"] == initiative]
    assert mine["name"] == f"CCX board test {unique}"
    assert mine["owner"] == "Katharina Lindner"
    assert mine["votes"] == 1
    assert mine["priority"] == 1
    assert mine["kpi_progress"] == 50.0
    assert mine["customer_benefit"].startswith("Customers get their answer")

    result = ccx("initiatives", "--quarter", "Q2 2031")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Initiatives 2031-Q2 — ")
    row = next(line for line in lines if f"CCX board test {unique}" in line)
    assert "★" in row and "50 %" in row and "Katharina Lindner" in row
    assert row.rstrip().endswith("…")  # the benefit is cut to the column
    planned = lines.index(next(line for line in lines if line.startswith("── Planned")))
    assert lines.index(row) > planned


def test_initiatives_this_quarter_by_default(ccx, admin):
    label = quarter_label("this quarter", date.today())
    result = ccx("initiatives", "--json")
    assert result.code == 0, result.err
    assert result.data["quarter"] == label
    assert result.data["count"] == admin(
        "customer.initiative", "search_count", [("quarter", "=", label)]
    )
    assert result.data["count"] >= 3  # the demo data's current initiatives

    result = ccx("initiatives", "--quarter", "2031")
    assert result.code == EXIT_ERROR
    assert "spans several quarters" in result.err


def test_the_server_answers_in_the_users_language(ccx):
    # Anna works in German (demo data): the server's labels come back German
    result = ccx("clv", "card", "K0001", login="anna.berger")
    assert result.code == 0, result.err
    assert "Historischer Kundenwert" in result.out
    result = ccx("clv", "card", "K0001", "--lang", "en_US", login="anna.berger")
    assert "Historic CLV" in result.out
    # an English user may ask for German, on the command line or in CCX_LANG
    result = ccx("clv", "card", "K0001", login="demo", env={"CCX_LANG": "de_DE"})
    assert "Historischer Kundenwert" in result.out
