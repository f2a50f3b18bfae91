"""ccx contact log / contact import / not-contacted against the real server."""

from datetime import date, timedelta

import pytest
from ccx.commands import contacts as ccx_contacts
from ccx.errors import EXIT_ERROR

CONTACT_FIELDS = [
    "partner_id",
    "user_id",
    "kind",
    "state",
    "duration",
    "customer_need",
    "note",
    "local_date",
    "date_start",
]


def _contacts(admin, customer):
    return admin(
        "customer.contact",
        "search_read",
        [("partner_id", "=", customer["id"])],
        fields=CONTACT_FIELDS,
        order="date_start, id",
    )


def test_contact_log(ccx, admin, customer):
    day = date.today() - timedelta(days=2)
    result = ccx(
        "contact", "log", "--customer", customer["ref"], "--kind", "video call",
        "--date", day.isoformat(), "--duration", "1,5",
        "--need", "A quote within one day", "--note", "Met <the> buyer", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    (contact,) = _contacts(admin, customer)
    assert result.data["id"] == contact["id"]
    assert contact["partner_id"][0] == customer["id"]
    assert contact["user_id"][0] == admin.uid
    assert contact["kind"] == "video_call"
    assert contact["state"] == "done"
    assert contact["duration"] == 1.5
    assert contact["customer_need"] == "A quote within one day"
    assert "Met &lt;the&gt; buyer" in contact["note"]
    # 9:00 in the user's time zone: the server files it under that day
    assert contact["local_date"] == day.isoformat()
    assert result.data["local_start"] == f"{day.isoformat()} 09:00"
    assert result.data["state"] == "done"


def test_contact_log_by_email_and_name_and_in_the_future(ccx, admin, customer):
    later = date.today() + timedelta(days=10)
    result = ccx(
        "contact", "log", "--customer", customer["email"].upper(),
        "--kind", "customer_day", "--date", f"{later.strftime('%d.%m.%Y')} 10:30",
    )  # fmt: skip
    assert result.code == 0, result.err
    header, row = result.out.splitlines()
    assert header.split()[:3] == ["id", "customer", "kind"]
    assert row.split()[0].isdigit()
    assert "Customer day" in row and f"{later.isoformat()} 10:30" in row
    assert row.rstrip().endswith("planned")  # in the future: planned, not done

    result = ccx(
        "contact", "log", "--customer", customer["name"].lower(), "--kind", "call"
    )
    assert result.code == 0, result.err
    contacts = _contacts(admin, customer)
    assert [c["kind"] for c in contacts] == ["call", "customer_day"]
    assert [c["state"] for c in contacts] == ["done", "planned"]


def test_contact_log_with_a_person_of_the_customer(ccx, admin, customer, unique):
    person = admin(
        "res.partner",
        "create",
        {
            "name": f"CCX Person {unique}",
            "parent_id": customer["id"],
            "email": f"person.{unique.lower()}@example.com",
        },
    )
    result = ccx(
        "contact", "log", "--customer", f"person.{unique.lower()}@example.com",
        "--kind", "call", "--date", "yesterday", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.data["customer"]["id"] == customer["id"]
    (contact,) = admin(
        "customer.contact",
        "read",
        [result.data["id"]],
        fields=["partner_id", "contact_person_id"],
    )
    assert contact["partner_id"][0] == customer["id"]  # filed under the company
    assert contact["contact_person_id"][0] == person


@pytest.fixture
def namesakes(admin, unique):
    """Seven customers whose names share a prefix, removed after the test."""
    ids = admin(
        "res.partner",
        "create",
        [{"name": f"Juwelierkundin {unique} {n}"} for n in range(1, 8)],
    )
    yield f"Juwelierkundin {unique}"
    admin("res.partner", "unlink", ids)


def test_contact_log_refuses_unclear_input(ccx, customer, namesakes):
    result = ccx("contact", "log", "--customer", namesakes, "--kind", "call")
    assert result.code == EXIT_ERROR
    assert (
        f"'{namesakes}' matches 7 customers ({namesakes} 1, {namesakes} 2, "
        f"{namesakes} 3, {namesakes} 4, {namesakes} 5, …): use the internal "
        "reference or e-mail" in result.err
    )
    result = ccx("contact", "log", "--customer", "no such customer ccx")
    assert result.code == EXIT_ERROR
    assert "no customer matches 'no such customer ccx'" in result.err
    result = ccx("contact", "log", "--customer", customer["ref"], "--kind", "dance")
    assert result.code == EXIT_ERROR
    assert "unknown kind 'dance': one of visit, customer_day, call" in result.err
    result = ccx(
        "contact", "log", "--customer", customer["ref"], "--date", "2026-02-30"
    )
    assert result.code == EXIT_ERROR
    assert "'2026-02-30' is not a date" in result.err
    result = ccx("contact", "log", "--customer", customer["ref"], "--duration", "25")
    assert result.code == EXIT_ERROR
    assert "not between 0 and 24 hours" in result.err


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_contact_import_dry_run_then_apply(ccx, admin, customer, tmp_path):
    d1, d2, d3 = (date.today() - timedelta(days=n) for n in (20, 10, 5))
    path = _write(
        tmp_path / "contacts.csv",
        "customer,kind,date,duration,need\n"
        f"{customer['ref']},visit,{d1.isoformat()},1.5,Samples first\n"
        f'{customer["email"]},Phone call,{d2.strftime("%d.%m.%Y")} 14:30,"0,5",\n'
        f"{customer['name']},customer-day,{d3.isoformat()},8,One contact person\n",
    )
    result = ccx("contact", "import", path, "--json")
    assert result.code == 0, result.err
    assert result.data["applied"] is False
    assert result.data["valid"] == 3 and result.data["rejected"] == 0
    assert [row["line"] for row in result.data["rows"]] == [2, 3, 4]
    assert {row["partner_id"] for row in result.data["rows"]} == {customer["id"]}
    assert _contacts(admin, customer) == []  # a dry run creates nothing
    assert "checking 3 rows" in result.err

    result = ccx("contact", "import", path, "--apply")
    assert result.code == 0, result.err
    assert "3 contacts created" in result.out
    contacts = _contacts(admin, customer)
    assert [c["kind"] for c in contacts] == ["visit", "call", "customer_day"]
    assert [c["duration"] for c in contacts] == [1.5, 0.5, 8.0]
    assert [c["local_date"] for c in contacts] == [
        d1.isoformat(),
        d2.isoformat(),
        d3.isoformat(),
    ]
    assert contacts[0]["customer_need"] == "Samples first"
    assert contacts[1]["customer_need"] is False
    assert "creating 3 contacts in one transaction" in result.err


def test_contact_import_with_bad_rows_imports_nothing(ccx, admin, customer, tmp_path):
    day = (date.today() - timedelta(days=3)).isoformat()
    path = _write(
        tmp_path / "contacts.csv",
        "Customer;Kind;Date;Duration;Need\n"
        f"{customer['ref']};visit;{day};1;fine row\n"
        f"CCX-NOBODY-{customer['ref']};visit;{day};1;\n"
        f"{customer['ref']};dance;2026-11-31;abc;\n"
        "\n"
        f"{customer['ref']};call;{day};30;\n"
        f";call;{day};1;\n",
    )
    result = ccx("contact", "import", path, "--apply")
    assert result.code == EXIT_ERROR
    assert _contacts(admin, customer) == []
    lines = result.out.splitlines()
    assert f"line 3: customer CCX-NOBODY-{customer['ref']} not found" in lines
    (line_4,) = [line for line in lines if line.startswith("line 4: ")]
    assert line_4.startswith("line 4: kind dance is not one of visit, customer_day, ")
    assert line_4.endswith(
        "; '2026-11-31' is not a date (try 2026-11-20, 20.11.2026, yesterday); "
        "duration abc is not a number of hours"
    )
    assert "line 6: duration 30 is not between 0 and 24 hours" in lines  # line 5 empty
    assert "line 7: no customer" in lines
    assert lines[-1] == "4 of 5 rows have errors: nothing imported"

    result = ccx("contact", "import", path, "--json")
    assert result.code == EXIT_ERROR
    assert [row["line"] for row in result.data["rows"] if row["errors"]] == [3, 4, 6, 7]


def test_contact_import_is_one_transaction(ccx, admin, customer, tmp_path, monkeypatch):
    """A row the server refuses takes the good rows with it: one create call.

    The client is made to send one row the server's constraint rejects (a
    fault injected into the client's request, the server is real)."""
    day = (date.today() - timedelta(days=3)).isoformat()
    path = _write(
        tmp_path / "contacts.csv",
        "customer,kind,date,duration,need\n"
        + "".join(f"{customer['ref']},visit,{day},{hours},\n" for hours in (1, 2, 3)),
    )
    make_vals = ccx_contacts._contact_vals

    def one_bad_row(*args):
        vals = make_vals(*args)
        if vals.get("duration") == 3:
            vals["duration"] = 30
        return vals

    monkeypatch.setattr(ccx_contacts, "_contact_vals", one_bad_row)
    result = ccx("contact", "import", path, "--apply")
    assert result.code == EXIT_ERROR
    assert "A contact lasts between 0 and 24 hours, not 30.0." in result.err
    assert _contacts(admin, customer) == []


def test_not_contacted(ccx, admin, demo):
    result = ccx("not-contacted", "--limit", 5, "--json")
    assert result.code == 0, result.err
    expected = admin(
        "customer.contact.gap.report",
        "search_read",
        [("lapsed", "=", True)],
        fields=["partner_id", "importance"],
        order="importance desc, partner_id",
        limit=5,
    )
    assert len(expected) == 5
    assert [row["customer"]["id"] for row in result.data] == [
        row["partner_id"][0] for row in expected
    ]
    values = [row["value"] for row in result.data]
    assert values == sorted(values, reverse=True)
    assert [row["rank"] for row in result.data] == [1, 2, 3, 4, 5]

    result = ccx("not-contacted", "--limit", 3, login="demo")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["#", "customer", "value"]
    assert "last contact" in lines[0]
    assert len(lines) == 4
