"""ccx feedback import on the real server: the server's wizard checks the rows."""


def _write(tmp_path, text):
    path = tmp_path / "antworten.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _answers(admin, customer):
    return admin(
        "customer.feedback",
        "search_read",
        [("partner_id", "=", customer["id"])],
        fields=["nps_score", "csat_score", "channel", "comment"],
        order="date",
    )


def test_dry_run_then_import(ccx, admin, customer, tmp_path):
    path = _write(
        tmp_path,
        "customer;date;nps;csat;comment\n"
        f"{customer['ref']};2024-02-03;10;5;Sehr gut\n"
        f"{customer['email']};04.02.2024;;2;Zu langsam\n",
    )
    result = ccx("feedback", "import", path, "--json")
    assert result.code == 0, result.err
    assert (result.data["valid_count"], result.data["imported_count"]) == (2, 0)
    assert not _answers(admin, customer)

    result = ccx("feedback", "import", path, "--apply", "--json")
    assert result.code == 0, result.err
    assert result.data["imported_count"] == 2
    answers = _answers(admin, customer)
    assert [a["nps_score"] for a in answers] == ["10", False]
    assert {a["channel"] for a in answers} == {"import"}
    admin("customer.feedback", "unlink", [a["id"] for a in answers])


def test_bad_rows_import_nothing(ccx, admin, customer, tmp_path):
    path = _write(
        tmp_path,
        "customer,date,nps\n"
        f"{customer['ref']},2024-02-03,9\n"
        f"{customer['ref']},2024-02-04,12\n",
    )
    rejected = tmp_path / "bad.csv"
    result = ccx("feedback", "import", path, "--apply", "--rejected-file", rejected)
    assert result.code == 1
    assert "Line 3: nps 12 is not a valid score" in result.out
    assert "12" in rejected.read_text()
    assert not _answers(admin, customer)


def test_employees_may_not_import(ccx, customer, tmp_path):
    path = _write(tmp_path, f"customer,date,nps\n{customer['ref']},2024-02-03,9\n")
    result = ccx("feedback", "import", path, login="demo")
    assert result.code == 4
