"""ccx kpis on the real server.

The answers go into February 2024: the demo data only has answers from the
last 365 days, so the month holds nothing but this test's answers.
"""

import pytest
from ccx.errors import EXIT_ERROR, EXIT_USAGE

MONTH = "2024-02"
EMPTY_MONTH = "2024-03"


@pytest.fixture
def answers(admin, demo, customer):
    """Four answers for the admin (the customer's salesperson), one for demo."""
    scores = [
        # nps, csat, ces
        ("10", "5", "2"),
        ("9", "4", "3"),
        ("3", "2", "7"),
        ("8", False, "4"),
    ]
    vals = [
        {
            "partner_id": customer["id"],
            "date": f"{MONTH}-{day:02d}",
            "nps_score": nps,
            "csat_score": csat,
            "ces_score": ces,
        }
        for day, (nps, csat, ces) in enumerate(scores, start=3)
    ]
    vals.append(
        {
            "partner_id": customer["id"],
            "user_id": demo.uid,
            "date": f"{MONTH}-20",
            "nps_score": "6",
            "csat_score": "3",
            "ces_score": "5",
        }
    )
    ids = admin("customer.feedback", "create", vals)
    yield ids
    admin("customer.feedback", "unlink", ids)


def _user_name(rpc, uid):
    (user,) = rpc("res.users", "read", [uid], fields=["name"])
    return user["name"]


def test_kpis_per_manager_and_company(ccx, admin, demo, customer, answers):
    result = ccx("contact", "log", "--customer", customer["ref"], "--kind",
                 "customer_day", "--date", f"{MONTH}-05")  # fmt: skip
    assert result.code == 0, result.err

    result = ccx("kpis", "--month", MONTH, "--json")
    assert result.code == 0, result.err
    data = result.data
    assert data["period"] == {
        "label": MONTH,
        "first": f"{MONTH}-01",
        "last": f"{MONTH}-29",
    }
    assert data["by"] == "manager"
    rows = {row["group"]["id"]: row for row in data["rows"]}
    assert set(rows) == {admin.uid, demo.uid}
    mine = rows[admin.uid]
    # 10, 9, 3, 8: two promoters, one detractor of four: NPS 25
    assert (mine["answers"], mine["promoters"], mine["detractors"]) == (4, 2, 1)
    assert mine["nps"] == pytest.approx(25)
    assert mine["satisfied"] == pytest.approx(200 / 3)  # CSAT 5, 4, 2 (one without)
    assert mine["effort"] == pytest.approx(4)  # CES 2, 3, 7, 4
    theirs = rows[demo.uid]
    assert theirs["group"]["name"] == _user_name(admin, demo.uid)
    assert (theirs["answers"], theirs["nps"], theirs["satisfied"]) == (1, -100, 0)
    # the total is over all five answers, not the mean of the managers' figures
    total = data["total"]
    assert total["group"] is None
    assert (total["answers"], total["promoters"], total["detractors"]) == (5, 2, 2)
    assert total["nps"] == pytest.approx(0)
    assert total["satisfied"] == pytest.approx(50)
    assert total["effort"] == pytest.approx(4.2)

    # contact compliance: the customer day logged in that month
    (contacts,) = [
        row for row in data["contacts"]["rows"] if row["group"]["id"] == admin.uid
    ]
    (expected,) = admin(
        "customer.contact.report",
        "search_read",
        [("month", "=", f"{MONTH}-01"), ("user_id", "=", admin.uid)],
        fields=["customer_days", "customer_day_target", "target_reached"],
    )
    assert contacts["months"] == 1
    assert contacts["customer_days"] == expected["customer_days"] == 1
    assert contacts["customer_day_target"] == expected["customer_day_target"]
    assert contacts["months_on_target"] == int(expected["target_reached"])

    result = ccx("kpis", "--month", MONTH)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"Customer KPIs {MONTH} by account manager"
    assert lines[2].split() == [
        "account", "manager", "answers", "NPS", "promoters", "detractors",
        "satisfied", "effort", "(1-7)",
    ]  # fmt: skip
    admin_name = _user_name(admin, admin.uid)
    (admin_line,) = [line for line in lines[3:6] if line.startswith(admin_name)]
    assert admin_line.split()[-7:] == ["4", "25.0", "2", "1", "66.7", "%", "4.00"]
    assert lines[5].split() == ["total", "5", "0.0", "2", "2", "50.0", "%", "4.20"]
    assert f"Customer contacts {MONTH} against the targets" in lines

    # the same answers by company, and for the quarter
    result = ccx("kpis", "--quarter", "Q1 2024", "--by", "company", "--json")
    assert result.code == 0, result.err
    assert result.data["period"]["label"] == "2024-Q1"
    (user,) = admin("res.users", "read", [admin.uid], fields=["company_id"])
    (row,) = result.data["rows"]
    assert row["group"] == {"id": user["company_id"][0], "name": user["company_id"][1]}
    assert {key: row[key] for key in ("answers", "nps", "promoters")} == {
        "answers": 5,
        "nps": 0,
        "promoters": 2,
    }
    assert result.data["total"]["answers"] == 5


def test_kpis_of_a_month_without_answers(ccx):
    result = ccx("kpis", "--month", EMPTY_MONTH, "--json")
    assert result.code == 0, result.err
    assert result.data["rows"] == []
    assert result.data["total"] == {
        "group": None,
        "answers": 0,
        "nps": None,
        "promoters": 0,
        "detractors": 0,
        "satisfied": None,
        "effort": None,
    }

    result = ccx("kpis", "--month", EMPTY_MONTH)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:4] == [
        f"Customer KPIs {EMPTY_MONTH} by account manager",
        "",
        "account manager  answers  NPS  promoters  detractors  satisfied  effort (1-7)",
        "",
    ]
    assert lines[4] == f"No feedback answers in {EMPTY_MONTH}."


def test_kpis_refuses_unclear_periods(ccx):
    result = ccx("kpis", "--month", "2024-Q1")
    assert result.code == EXIT_ERROR
    assert "is not one month" in result.err
    result = ccx("kpis", "--quarter", "2024")
    assert result.code == EXIT_ERROR
    assert "spans several quarters" in result.err
    result = ccx("kpis", "--month", "2024-02", "--quarter", "2024-Q1")
    assert result.code == EXIT_USAGE
    result = ccx("kpis", "--by", "team")
    assert result.code == EXIT_USAGE
