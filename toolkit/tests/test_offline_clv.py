"""ccx clv offline: no server, the addon's clv.py on a transactions CSV.

References (the addon's test data, customer_centricity/tests/data/):

* the CDNOW sample of Fader, Hardie & Lee (2005) as per-customer summary
  (x, t_x, T in weeks, zbar). The test writes one transaction per purchase
  day that reproduces exactly that summary in days, so the fitted BG/NBD
  parameters must equal the published / lifetimes 0.11.3 ones (alpha scaled
  from weeks to days) and the Gamma-Gamma ones those of lifetimes;
* random_transactions.csv with lifetimes' own summary of it.
"""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import pytest
from ccx.cli import main
from ccx.clvlib import load_clv

DATA = Path(__file__).resolve().parents[2] / "customer_centricity" / "tests" / "data"

# lifetimes 0.11.3 BetaGeoFitter().fit on the CDNOW summary (weeks), and
# GammaGammaFitter().fit on its 946 repeat customers (see the addon's
# tests/test_clv_math.py).
LIFETIMES_BGNBD = {
    "r": 0.24259292827982148,
    "alpha": 4.413532265271809,
    "a": 0.7928859664406578,
    "b": 2.4257523826257374,
}
LIFETIMES_GG = {"p": 6.24880249607099, "q": 3.7445884609237634, "v": 15.447748064943575}
END = dt.date(1997, 9, 30)


def run(*argv, env=None):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([str(arg) for arg in argv], env=env or {}, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def cdnow_transactions(tmp_path_factory):
    """Transactions (in days) whose summary is the CDNOW sample's."""
    table = np.genfromtxt(DATA / "cdnow_summary.csv", delimiter=",", names=True)
    path = tmp_path_factory.mktemp("clv") / "cdnow_transactions.csv"
    expected = {}
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["customer", "date", "amount"])
        for row in table:
            customer = f"C{int(row['ID']):04d}"
            x = int(row["x"])
            recency = round(row["t_x"] * 7)  # weeks with 2 decimals -> whole days
            age = round(row["T"] * 7)
            first = END - dt.timedelta(days=age)
            writer.writerow([customer, first.isoformat(), "10.00"])
            # x repeat purchases on distinct days, the last one on day t_x
            for k in range(1, x + 1):
                day = first + dt.timedelta(days=(k * recency) // x)
                writer.writerow(
                    [customer, day.strftime("%d.%m.%Y"), f"{row['zbar']:.2f}"]
                )
            expected[customer] = (x, recency, age, float(row["zbar"]))
    return path, expected


def test_offline_clv_reproduces_the_cdnow_reference_fit(cdnow_transactions):
    path, expected = cdnow_transactions
    code, out, err = run(
        "clv", "offline", path, "--end", END, "--penalizer", 0, "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["method"] == "bgnbd"
    assert data["customers"] == 2357
    assert data["repeat_customers"] == 946
    assert data["observation_end"] == "1997-09-30"

    bgnbd = data["parameters"]["bgnbd"]
    assert bgnbd["alpha"] / 7 == pytest.approx(LIFETIMES_BGNBD["alpha"], rel=1e-3)
    for name in ("r", "a", "b"):
        assert bgnbd[name] == pytest.approx(LIFETIMES_BGNBD[name], rel=1e-3), name
    # Published in Fader, Hardie & Lee (2005): r=0.243, alpha=4.414, a=0.793, b=2.426
    assert [round(bgnbd[k], 3) for k in ("r", "a", "b")] == [0.243, 0.793, 2.426]
    assert data["parameters"]["gamma_gamma"] == pytest.approx(LIFETIMES_GG, rel=1e-5)

    rows = {row["customer"]: row for row in data["rows"]}
    for customer, (x, recency, age, zbar) in expected.items():
        row = rows[customer]
        assert (row["frequency"], row["recency"], row["T"]) == (x, recency, age)
        assert row["monetary_value"] == pytest.approx(zbar if x else 0.0, abs=1e-9)
        assert row["historic_clv"] == pytest.approx(10.0 + x * round(zbar, 2))

    # Sorted by predicted CLV, and the predictions are the library's for the
    # fitted parameters with the requested horizon and discount.
    predicted = [row["predicted_clv"] for row in data["rows"]]
    assert predicted == sorted(predicted, reverse=True)
    assert [row["rank"] for row in data["rows"]] == list(range(1, 2358))
    clv = load_clv()
    sample = data["rows"][:5]
    direct = clv.predicted_clv(
        bgnbd,
        data["parameters"]["gamma_gamma"],
        [row["frequency"] for row in sample],
        [row["recency"] for row in sample],
        [row["T"] for row in sample],
        [row["monetary_value"] for row in sample],
        months=12,
        yearly_discount_rate=0.1,
        period_days=1,
    )
    assert predicted[:5] == pytest.approx(direct.tolist(), rel=1e-9)
    assert all(0 <= row["probability_alive"] <= 1 for row in data["rows"])


def test_offline_clv_table_and_options(cdnow_transactions):
    path, _expected = cdnow_transactions
    code, out, err = run(
        "clv", "offline", path, "--end", "30.09.1997", "--months", 6,
        "--discount", 0.05, "--period-days", 7, "--limit", 3,
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["#", "customer", "orders", "historic"]
    assert lines[0].rstrip().endswith("CLV 6 m")
    assert [line.split()[0] for line in lines[1:4]] == ["1", "2", "3"]
    assert "(2354 more customers; --limit 0 shows all)" in out
    assert "periods of 7 day(s)" in out
    assert "BG/NBD: r=" in out and "Gamma-Gamma: p=" in out
    assert "Predicted CLV: 6 months, yearly discount rate 0.05" in out


def test_offline_summary_matches_lifetimes_on_random_transactions():
    code, out, err = run(
        "clv", "offline", DATA / "random_transactions.csv", "--end", "2024-05-31",
        "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    rows = {row["customer"]: row for row in data["rows"]}
    with open(DATA / "random_transactions_lifetimes_summary.csv", newline="") as f:
        reference = list(csv.DictReader(f))
    assert len(rows) == len(reference) == 40
    for ref in reference:
        row = rows[ref["customer_id"]]
        assert row["frequency"] == int(ref["frequency"])
        assert row["recency"] == int(ref["recency"])
        assert row["T"] == int(ref["T"])
        assert row["monetary_value"] == pytest.approx(float(ref["monetary_value"]))


def test_offline_falls_back_to_historic_without_repeat_purchases(tmp_path):
    path = tmp_path / "first_orders.csv"
    path.write_text(
        "customer;date;amount\n"
        "A;2026-01-05;100,00\n"
        "B;2026-02-10;1.250,50\n"
        "C;2026-03-01;80\n"
    )
    code, out, err = run("clv", "offline", path, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["method"] == "historic"
    assert "too little history" in data["message"]
    assert "no customer has a repeat purchase" in data["message"]
    assert data["observation_end"] == "2026-03-01"  # the last transaction
    assert [row["customer"] for row in data["rows"]] == ["B", "A", "C"]
    assert [row["historic_clv"] for row in data["rows"]] == [1250.5, 100.0, 80.0]
    assert data["rows"][0]["predicted_clv"] is None
    assert "too little history for a prediction" in err

    code, out, _err = run("clv", "offline", path)
    assert code == 0
    assert "alive" not in out.splitlines()[0]
    assert "values are historic" in out


def test_offline_rejects_a_file_with_bad_rows(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "customer,date,amount\n"
        "A,2026-01-05,100\n"
        ",2026-01-06,5\n"
        "B,2026-02-30,5\n"
        "C,2026-03-01,lots\n"
    )
    code, out, _err = run("clv", "offline", path)
    assert code == 1
    assert "line 3: no customer" in out
    assert "line 4: '2026-02-30' is not a date" in out
    assert "line 5: amount lots is not a number" in out
    assert "3 of 4 rows have errors: nothing computed" in out


def test_offline_needs_the_columns(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("client,when\nA,2026-01-05\n")
    code, _out, err = run("clv", "offline", path)
    assert code == 1
    assert "needs the columns customer, date, amount; missing: customer" in err


def test_offline_reports_a_missing_clv_module(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("customer,date,amount\nA,2026-01-05,100\nA,2026-02-05,100\n")
    code, _out, err = run(
        "clv", "offline", path, env={"CCX_CLV_PATH": str(tmp_path / "no" / "clv.py")}
    )
    assert code == 1
    assert "needs customer_centricity/lib/clv.py" in err
