"""A manager's week in ccx: import history, recompute, see who needs a visit,
log the visit, and the customer leaves the not-contacted list."""

from datetime import date, timedelta


def test_history_recompute_not_contacted_visit(ccx, admin, customer, tmp_path):
    # Eight purchases over the last two years, the latest a week ago.
    days = [date.today() - timedelta(days=7 + 90 * n) for n in range(8)]
    sales = tmp_path / "sales.csv"
    sales.write_text(
        "customer,date,amount\n"
        + "".join(f"{customer['ref']},{day.isoformat()},{500 + 10 * i}\n"
                  for i, day in enumerate(days))
    )  # fmt: skip
    result = ccx("history", "import", sales, "--apply")
    assert result.code == 0, result.err
    assert "8 rows imported" in result.out

    result = ccx("clv", "recompute")
    assert result.code == 0, result.err

    result = ccx("clv", "card", customer["ref"], "--json")
    assert result.code == 0, result.err
    figures = result.data["figures"]
    assert figures["historic_clv"] == sum(500 + 10 * i for i in range(8))
    assert figures["order_count"] == 8
    assert figures["last_purchase_date"] == days[0].isoformat()
    assert result.data["last_customer_contact"] is None

    result = ccx("not-contacted", "--mine", "--limit", 0, "--json")
    assert result.code == 0, result.err
    mine = [row for row in result.data if row["customer"]["id"] == customer["id"]]
    assert len(mine) == 1
    assert mine[0]["last_contact"] is None  # never contacted
    assert {row["salesperson"] for row in result.data} == {"Katharina Lindner"}

    result = ccx(
        "contact", "log", "--customer", customer["ref"], "--kind", "visit",
        "--date", "yesterday", "--duration", "2", "--need", "Earlier delivery dates",
    )  # fmt: skip
    assert result.code == 0, result.err

    result = ccx("not-contacted", "--mine", "--limit", 0, "--json")
    assert result.code == 0, result.err
    assert customer["id"] not in {row["customer"]["id"] for row in result.data}

    result = ccx("clv", "card", customer["ref"], "--json")
    assert result.data["last_customer_contact"] is not None
