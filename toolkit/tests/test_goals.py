"""ccx goals on the real server: the server's achieved values and its rules."""

import pytest

MONTH = "2024-02"


@pytest.fixture
def goals(admin, demo, customer):
    """An NPS goal for the admin (two promoters, one detractor) and for demo."""
    answers = admin(
        "customer.feedback",
        "create",
        [
            {"partner_id": customer["id"], "date": f"{MONTH}-0{day}", "nps_score": nps}
            for day, nps in ((3, "10"), (4, "9"), (5, "2"))
        ],
    )
    ids = admin(
        "customer.kpi.goal",
        "create",
        [
            {
                "user_id": uid,
                "kpi": kpi,
                "target": target,
                "period": "month",
                "date_start": f"{MONTH}-10",
            }
            for uid, kpi, target in (
                (admin.uid, "nps", 40),
                (admin.uid, "churn_rate", 10),
                (demo.uid, "nps", 20),
            )
        ],
    )
    yield ids
    admin("customer.kpi.goal", "unlink", ids)
    admin("customer.feedback", "unlink", answers)


def test_goals_with_achieved_values(ccx, goals):
    result = ccx("goals", "--month", MONTH, "--json")
    assert result.code == 0, result.err
    mine = {
        row["kpi"]: row for row in result.data if row["user"]["name"] != "Marc Demo"
    }
    nps = mine["nps"]
    assert (nps["from"], nps["to"]) == (f"{MONTH}-01", f"{MONTH}-29")
    assert round(nps["achieved"], 1) == 33.3  # 2 promoters, 1 detractor of 3
    assert (nps["based_on"], nps["status"]) == (3, "missed")
    assert mine["churn_rate"]["at_most"] is True
    assert mine["churn_rate"]["status"] == "no_data"
    text = ccx("goals", "--month", MONTH).out
    assert "NPS of my customers" in text and "≥ 40" in text and "≤ 10" in text


def test_an_employee_sees_only_own_goals(ccx, goals, demo):
    result = ccx("goals", "--month", MONTH, "--json", login="demo")
    assert result.code == 0, result.err
    assert [row["user"]["id"] for row in result.data] == [demo.uid]
    assert result.data[0]["status"] == "no_data"


def test_no_goals_and_unknown_person(ccx):
    assert "No customer goals in 2019-01" in ccx("goals", "--month", "2019-01").out
    result = ccx("goals", "--month", MONTH, "--user", "nobody-here")
    assert result.code != 0
    assert "no user with the login" in result.err
