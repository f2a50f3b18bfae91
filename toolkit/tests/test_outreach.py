"""ccx campaign (create, export, import-notes, ...) and ccx mailtest, on the
real server."""

import csv
import re
from datetime import date

import pytest
from ccx.commands.common import html_to_text, text_to_html, tidy_text
from ccx.commands.mailtest import month_of
from ccx.commands.outreach import EXPORT_COLUMNS, _cell, _uncell, write_notes
from ccx.config import Settings
from ccx.connection import connect
from ccx.csvutil import read_table
from ccx.errors import EXIT_ACCESS, EXIT_ERROR, CcxError

CAMPAIGN = "customer.outreach.campaign"
RECIPIENT = "customer.outreach.recipient"
LINE = re.compile(r"^line \d+: ")
SEEDS = "Lockdown: Vergissmeinnicht-Samen"  # demo campaign, its notes were sent


@pytest.fixture
def campaigns(admin):
    """Campaign ids to delete after the test."""
    ids = []
    yield ids
    if ids:
        admin(CAMPAIGN, "unlink", ids)


@pytest.fixture
def prepared(admin, unique, campaigns):
    """A personal e-mail campaign to the top 8 customers, prepared by admin."""
    campaign_id = admin(
        CAMPAIGN,
        "create",
        {
            "name": f"CCX Prepared {unique}",
            "selection_mode": "top_count",
            "selection_count": 8,
            "channel": "email",
            "holdout_percent": 0,
        },
    )
    campaigns.append(campaign_id)
    admin(CAMPAIGN, "action_prepare", [campaign_id])
    return campaign_id


def _recipients(rpc, campaign_id, states=None):
    domain = [("campaign_id", "=", campaign_id)]
    if states:
        domain.append(("state", "in", states))
    return rpc(
        RECIPIENT,
        "search_read",
        domain,
        fields=["partner_id", "user_id", "state", "note"],
        order="id",
    )


def _read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path, rows, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


# ----------------------------------------------------------------------
# local helpers
# ----------------------------------------------------------------------
def test_notes_as_html_and_back():
    text = "Dear Ms <Berger> & co,\nline two\n\n\nSecond   paragraph "
    html = text_to_html(text)
    assert html == (
        "<p>Dear Ms &lt;Berger&gt; &amp; co,<br>line two</p><p>Second   paragraph</p>"
    )
    assert html_to_text(html) == "Dear Ms <Berger> & co,\nline two\n\nSecond paragraph"
    assert tidy_text(html_to_text(html)) == html_to_text(html)
    assert html_to_text("<p>a <b>bold</b><br/>b</p><ul><li>x</li><li>y</li></ul>") == (
        "a bold\nb\n\nx\n\ny"
    )
    assert html_to_text(False) == "" and text_to_html("  \n ") == ""
    for text in ("=SUM(A1)", "-fine", "@me", "plain", ""):
        assert _uncell(_cell(text)) == text
    assert _cell("=1+1") == "'=1+1"


def test_notes_csv_from_a_spreadsheet(tmp_path):
    """Semicolons and notes over several lines: the sniffer alone gives up."""
    path = tmp_path / "notes.csv"
    path.write_bytes(
        "recipient_id;customer;picks;note\r\n"
        '7;Kundin 007;Uhr;"Liebe Frau Maier,\r\nIhr Uhrband ist da.\r\n'
        '\r\nBis bald"\r\n'
        '8;Kundin 008;Uhr;"Grüße; und Dank"\r\n'.encode("cp1252")
    )
    rows = read_table(path, ["recipient_id", "note"])
    assert [(row.line, row.values["recipient_id"]) for row in rows] == [
        (2, "7"),
        (6, "8"),
    ]
    assert rows[0].values["note"] == (
        "Liebe Frau Maier,\r\nIhr Uhrband ist da.\r\n\r\nBis bald"
    )
    assert tidy_text(rows[0].values["note"]) == (
        "Liebe Frau Maier,\nIhr Uhrband ist da.\n\nBis bald"
    )
    assert rows[1].values["note"] == "Grüße; und Dank"


def test_month_of():
    today = date(2026, 11, 23)
    assert month_of("this month", today) == date(2026, 11, 1)
    assert month_of("last month", today) == date(2026, 10, 1)
    assert month_of("2026-02", today) == date(2026, 2, 1)
    assert month_of("3.2026", today) == date(2026, 3, 1)
    with pytest.raises(CcxError, match="is not one month"):
        month_of("2026-Q4", today)


# ----------------------------------------------------------------------
# campaigns
# ----------------------------------------------------------------------
def test_campaign_round_trip(ccx, admin, unique, campaigns, tmp_path):
    name = f"CCX Champions {unique}"
    result = ccx(
        "campaign", "create", "--name", name, "--segment", "Champions",
        "--holdout", 0, "--purpose", "Personal picks", "--prepare", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    campaign_id = result.data["id"]
    campaigns.append(campaign_id)
    assert result.data["state"] == "preparing"
    assert result.data["selection_segment"] == "champions"
    assert "preparing campaign" in result.err
    recipients = _recipients(admin, campaign_id)
    assert recipients and result.data["recipients"] == len(recipients)
    by_state = {}
    for recipient in recipients:
        by_state[recipient["state"]] = by_state.get(recipient["state"], 0) + 1
    assert result.data["recipients_by_state"] == by_state
    writable = [r for r in recipients if r["state"] == "to_prepare"]
    assert writable and all(not r["note"] for r in writable)

    result = ccx("campaign", "show", campaign_id)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].split() == ["campaign", *name.split(), "(id",
                                                  f"{campaign_id})"]  # fmt: skip
    assert "segment Champions" in result.out and "To prepare" in result.out

    result = ccx("campaign", "list", "--state", "preparing", "--json")
    assert result.code == 0, result.err
    (listed,) = [row for row in result.data if row["id"] == campaign_id]
    assert listed["recipients"] == len(recipients)
    assert {row["state"] for row in result.data} == {"preparing"}

    # export the recipients still waiting for a note
    path = tmp_path / "recipients.csv"
    result = ccx("campaign", "export", campaign_id, path, "--open")
    assert result.code == 0, result.err
    assert f"{len(writable)} recipients of campaign {campaign_id}" in result.out
    rows = _read_csv(path)
    assert list(rows[0]) == EXPORT_COLUMNS
    assert [int(row["recipient_id"]) for row in rows] == [r["id"] for r in writable]
    picks = admin(
        "customer.outreach.pick",
        "search_read",
        [("recipient_id", "=", writable[0]["id"])],
        fields=["product_id"],
        order="sequence, id",
    )
    assert rows[0]["picks"] == "; ".join(p["product_id"][1] for p in picks)
    assert rows[0]["customer"] == writable[0]["partner_id"][1]
    assert rows[0]["state"] == "to_prepare" and rows[0]["note"] == ""

    # write the notes in a "spreadsheet": semicolons, pasted markup
    for row in rows:
        row["note"] = (
            f"Dear {row['customer']},\nyour strap is in <b>stock</b> & ready.\n\n"
            "See you soon!"
        )
    _write_csv(path, rows, delimiter=";")

    result = ccx("campaign", "import-notes", campaign_id, path)
    assert result.code == 0, result.err
    assert f"dry run: {len(rows)} notes to write ({len(rows)} new" in result.out
    assert all(not r["note"] for r in _recipients(admin, campaign_id, ["to_prepare"]))

    result = ccx("campaign", "import-notes", campaign_id, path, "--apply", "--json")
    assert result.code == 0, result.err
    assert result.data["written"] == len(rows) and result.data["rejected"] == 0
    assert {row["state"] for row in result.data["rows"]} == {"ready"}
    after = {r["id"]: r for r in _recipients(admin, campaign_id)}
    for row in rows:
        recipient = after[int(row["recipient_id"])]
        assert recipient["state"] == "ready"
        assert "&lt;b&gt;stock&lt;/b&gt; &amp; ready." in recipient["note"]
        assert "<b>" not in recipient["note"]
        assert html_to_text(recipient["note"]) == tidy_text(row["note"])

    # idempotent: the same file again writes nothing
    result = ccx("campaign", "import-notes", campaign_id, path, "--apply")
    assert result.code == 0, result.err
    assert "nothing to write: all" in result.out

    result = ccx("campaign", "show", campaign_id, "--json")
    assert result.data["recipients_by_state"].get("ready") == len(rows) + by_state.get(
        "ready", 0
    )
    assert "to_prepare" not in result.data["recipients_by_state"]

    # every note is written: the campaign becomes ready
    result = ccx("campaign", "ready", campaign_id)
    assert result.code == 0, result.err
    (campaign,) = admin(CAMPAIGN, "read", [campaign_id], fields=["state"])
    assert campaign["state"] == "ready"


def _mark_sent_in_database(database, recipient_id):
    """A sent recipient: only the server's sending sets this, so set it in SQL."""
    from odoo import sql_db

    with sql_db.db_connect(database).cursor() as cr:  # commits on exit
        cr.execute(
            "UPDATE customer_outreach_recipient SET state = 'sent', "
            "note = '<p>Sent</p>' WHERE id = %s",
            [recipient_id],
        )


def test_import_notes_with_bad_rows_writes_nothing(
    ccx, admin, prepared, tmp_path, odoo_database
):
    todo = _recipients(admin, prepared, ["to_prepare"])
    assert len(todo) >= 5
    good, sent, excluded, empty, twice = (r["id"] for r in todo[:5])
    _mark_sent_in_database(odoo_database[1], sent)
    admin(RECIPIENT, "action_exclude", [excluded])
    (other,) = admin(
        RECIPIENT,
        "search_read",
        [("campaign_id.name", "=", SEEDS)],
        fields=["campaign_id"],
        limit=1,
        order="id",
    )
    path = tmp_path / "notes.csv"
    path.write_text(
        "recipient_id,note\n"
        f"{good},A fine note\n"
        "999999999,Note for nobody\n"
        f"{other['id']},Note for another campaign\n"
        f"{sent},Too late\n"
        f"{excluded},Not for them\n"
        f"{empty},\n"
        f"{twice},first\n"
        f"{twice},second\n"
        "abc,not an id\n"
    )
    result = ccx("campaign", "import-notes", prepared, path, "--apply")
    assert result.code == EXIT_ERROR
    problems = [line for line in result.out.splitlines() if LINE.match(line)]
    assert problems == [
        "line 3: recipient 999999999 not found",
        f"line 4: recipient {other['id']} belongs to campaign "
        f"{other['campaign_id'][0]} ({SEEDS}), not to {prepared}",
        f"line 5: recipient {sent} ({todo[1]['partner_id'][1]}) is already sent: its "
        "note cannot change any more",
        f"line 6: recipient {excluded} ({todo[2]['partner_id'][1]}) is excluded: "
        "Excluded by hand",
        "line 7: empty note",
        f"line 8: recipient {twice} is in the file more than once (also line 9)",
        f"line 9: recipient {twice} is in the file more than once (also line 8)",
        "line 10: recipient_id 'abc' is not a record id",
    ]
    assert result.out.rstrip().endswith("8 of 9 rows have errors: nothing written")
    notes = {r["id"]: r for r in _recipients(admin, prepared)}
    assert not notes[good]["note"] and notes[good]["state"] == "to_prepare"
    assert not notes[twice]["note"]


def test_notes_are_written_all_or_none(odoo_url, odoo_database, admin, prepared):
    """One ``load`` call: a refused note rolls back the notes before it."""
    (good,) = _recipients(admin, prepared, ["to_prepare"])[:1]
    (sent,) = admin(
        RECIPIENT,
        "search",
        [("campaign_id.name", "=", SEEDS), ("state", "=", "delivered")],
        limit=1,
    )
    connection = connect(
        Settings(odoo_url, odoo_database[1], "admin", "admin"), check_addon=False
    )
    with pytest.raises(CcxError) as refused:
        write_notes(connection, {good["id"]: "<p>New</p>", sent: "<p>Changed</p>"})
    assert refused.value.message == (
        "the server refused the notes, nothing was written: A note can change "
        "only until it is sent (not for excluded or sent recipients). (run "
        "without --apply for a row-by-row check)"
    )
    (after,) = admin(RECIPIENT, "read", [good["id"]], fields=["note", "state"])
    assert not after["note"] and after["state"] == "to_prepare"


def test_campaign_refused_for_a_user(ccx, admin, demo, unique, prepared, tmp_path):
    # staff start campaigns of their own, among the customers they look after
    name = f"CCX Staff {unique}"
    result = ccx(
        "campaign", "create", "--name", name, "--top", 5, "--prepare", login="demo"
    )
    assert result.code == 0, result.err
    (campaign,) = admin(
        CAMPAIGN, "search_read", [("name", "=", name)], fields=["user_id", "state"]
    )
    assert campaign["user_id"][0] == demo.uid
    assert campaign["state"] == "preparing"
    chosen = [
        r["partner_id"][0]
        for r in admin(
            RECIPIENT,
            "search_read",
            [("campaign_id", "=", campaign["id"])],
            fields=["partner_id"],
        )
    ]
    (user,) = admin("res.users", "read", [demo.uid], fields=["crm_team_ids"])
    looked_after = admin(
        "res.partner",
        "search_count",
        [
            ("id", "in", chosen),
            "|",
            ("user_id", "=", demo.uid),
            ("user_id.crm_team_ids", "in", user["crm_team_ids"]),
        ],
    )
    assert looked_after == len(chosen)
    admin(CAMPAIGN, "unlink", [campaign["id"]])

    draft = admin(CAMPAIGN, "create", {"name": f"CCX Draft {unique}"})
    try:
        result = ccx("campaign", "prepare", draft, login="demo")
        assert result.code == EXIT_ACCESS
        assert result.err.splitlines()[-1] == (
            "ccx: error: refused by the server: Only the campaign's owner and "
            "managers can do this."
        )
        (campaign,) = admin(CAMPAIGN, "read", [draft], fields=["state"])
        assert campaign["state"] == "draft"
    finally:
        admin(CAMPAIGN, "unlink", [draft])

    # a user writes the notes of the recipients assigned to them only
    recipients = _recipients(admin, prepared)
    admin(RECIPIENT, "action_assign_to", [r["id"] for r in recipients], admin.uid)
    mine, theirs = _recipients(admin, prepared, ["to_prepare"])[:2]
    admin(RECIPIENT, "action_assign_to", [mine["id"]], demo.uid)
    path = tmp_path / "mine.csv"
    result = ccx("campaign", "export", prepared, path, "--mine", "--json", login="demo")
    assert result.code == 0, result.err
    assert [row["recipient_id"] for row in result.data["rows"]] == [mine["id"]]
    path.write_text(
        f"recipient_id,note\n{mine['id']},Mine\n{theirs['id']},Not mine\n",
        encoding="utf-8",
    )
    result = ccx("campaign", "import-notes", prepared, path, "--apply", login="demo")
    assert result.code == EXIT_ERROR
    # another's recipient is not even readable: its note stays private
    assert f"line 3: recipient {theirs['id']} not found" in result.out
    path.write_text(f"recipient_id,note\n{mine['id']},Mine\n", encoding="utf-8")
    result = ccx("campaign", "import-notes", prepared, path, "--apply", login="demo")
    assert result.code == 0, result.err
    assert "1 notes written in one transaction" in result.out
    (after,) = admin(RECIPIENT, "read", [mine["id"]], fields=["note", "state"])
    assert after["note"] == "<p>Mine</p>" and after["state"] == "ready"


# ----------------------------------------------------------------------
# mail test
# ----------------------------------------------------------------------
def _post_to_customer(rpc, customer, text):
    contact_id = rpc(
        "customer.contact",
        "create",
        {"partner_id": customer["id"], "kind": "call", "state": "done"},
    )
    rpc(
        "customer.contact",
        "message_post",
        [contact_id],
        body=text,
        partner_ids=[customer["id"]],
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
    )


def test_mailtest(ccx, admin, demo, customer):
    _post_to_customer(admin, customer, "Your strap is ready.")
    _post_to_customer(demo, customer, "We have your size again.")
    month = date.today().replace(day=1).isoformat()
    expected = admin(
        "customer.mail.test.report",
        "search_read",
        [("month", "=", month)],
        fields=["user_id", "message_count", "customer_message_count", "rating"],
    )
    mine = {row["user_id"][0]: row for row in expected}
    assert mine[admin.uid]["customer_message_count"] >= 1

    result = ccx("mailtest", "--json")
    assert result.code == 0, result.err
    rows = {row["user"]["id"]: row for row in result.data}
    assert set(rows) == set(mine) >= {admin.uid, demo.uid}
    for uid, row in rows.items():
        assert row["month"] == month
        assert row["messages"] == mine[uid]["message_count"]
        assert row["to_customers"] == mine[uid]["customer_message_count"]
        assert row["rating"] == mine[uid]["rating"]
        assert 0 <= row["customer_share"] <= 100

    result = ccx("mailtest", "--month", "this month", "--user", "admin")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"Mail test {month[:7]}"
    assert lines[2].split()[:2] == ["person", "messages"]
    assert [line.split()[:2] for line in lines[3:]] == [["Katharina", "Lindner"]]

    # a user sees only their own figures
    result = ccx("mailtest", "--json", login="demo")
    assert result.code == 0, result.err
    assert [row["user"]["id"] for row in result.data] == [demo.uid]
    result = ccx("mailtest", "--user", "admin", login="demo")
    assert result.code == 0, result.err
    assert (
        result.out.strip()
        == f"No messages to partners for Katharina Lindner in {month[:7]}."
    )

    result = ccx("mailtest", "--month", "2026-Q4")
    assert result.code == EXIT_ERROR and "is not one month" in result.err
    result = ccx("mailtest", "--user", "nobody-at-all")
    assert result.code == EXIT_ERROR
    assert result.err.strip() == "ccx: error: no user with the login 'nobody-at-all'"
