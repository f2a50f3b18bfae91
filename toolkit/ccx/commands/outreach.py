"""ccx campaign: outreach campaigns, their recipients and personal notes."""

import csv
from collections import Counter
from pathlib import Path

from ccx.commands.common import (
    choices_text,
    fields_info,
    html_to_text,
    match_choice,
    text_to_html,
    tidy_text,
)
from ccx.csvutil import read_table
from ccx.errors import EXIT_ERROR, EXIT_OK, CcxError
from ccx.output import Column, name_of, render_pairs, render_table

CAMPAIGN = "customer.outreach.campaign"
RECIPIENT = "customer.outreach.recipient"
PICK = "customer.outreach.pick"

CAMPAIGN_FIELDS = [
    "name",
    "purpose",
    "channel",
    "personal",
    "selection_mode",
    "selection_count",
    "selection_percent",
    "selection_segment",
    "selection_tier",
    "selection_filter_id",
    "favourite_count",
    "holdout_percent",
    "state",
    "user_id",
    "company_id",
    "date_start",
    "date_sent",
]
SELECTIONS = [
    "channel",
    "state",
    "selection_mode",
    "selection_segment",
    "selection_tier",
]
RECIPIENT_STATES = ["to_prepare", "ready", "sent", "delivered", "excluded", "failed"]
EXPORT_COLUMNS = [
    "recipient_id",
    "customer",
    "email",
    "assigned_to",
    "state",
    "exclusion_reason",
    "picks",
    "note",
]
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ----------------------------------------------------------------------
# Reading campaigns
# ----------------------------------------------------------------------
class Labels:
    """Labels of the selection fields of campaigns and recipients."""

    def __init__(self, connection):
        self.campaign = fields_info(connection, CAMPAIGN, SELECTIONS)
        self.recipient = fields_info(
            connection, RECIPIENT, ["state", "exclusion_reason"]
        )

    def selection(self, name, model="campaign"):
        fields = self.campaign if model == "campaign" else self.recipient
        return [tuple(choice) for choice in fields[name]["selection"]]

    def label(self, name, value, model="campaign"):
        if not value:
            return ""
        return dict(self.selection(name, model)).get(value, value)

    def choose(self, name, text, what):
        """The key of the selection ``name`` that ``text`` names, or an error."""
        selection = self.selection(name)
        key = match_choice(text, selection)
        if not key:
            raise CcxError(f"unknown {what} {text!r}: one of {choices_text(selection)}")
        return key


def recipient_counts(connection, campaign_ids, by="state", domain=()):
    """{campaign id: {value of ``by``: count}} in one ``read_group``."""
    if not campaign_ids:
        return {}
    groups = connection.call(
        RECIPIENT,
        "read_group",
        [("campaign_id", "in", list(campaign_ids)), *domain],
        ["__count"],
        ["campaign_id", by],
        lazy=False,
    )
    counts = {campaign_id: {} for campaign_id in campaign_ids}
    for group in groups:
        campaign_id = group["campaign_id"][0]
        counts.setdefault(campaign_id, {})[group[by] or None] = group["__count"]
    return counts


def read_campaign(connection, campaign_id):
    campaigns = connection.call(
        CAMPAIGN, "search_read", [("id", "=", campaign_id)], fields=CAMPAIGN_FIELDS
    )
    if not campaigns:
        raise CcxError(
            f"campaign {campaign_id} not found (or not in your companies): "
            "`ccx campaign list` shows the campaigns"
        )
    return campaigns[0]


def selection_text(campaign, labels):
    mode = campaign["selection_mode"]
    if mode == "top_count":
        return f"top {campaign['selection_count']} customers by value"
    if mode == "top_percent":
        return f"top {campaign['selection_percent']:g} % of customers by value"
    if mode == "segment":
        segment = labels.label("selection_segment", campaign["selection_segment"])
        return f"segment {segment or '—'}"
    if mode == "tier":
        tier = labels.label("selection_tier", campaign["selection_tier"])
        return f"tier {tier or '—'}"
    if mode == "filter":
        return f"saved filter {name_of(campaign['selection_filter_id']) or '—'}"
    return labels.label("selection_mode", mode)


def _state_counts(counts):
    """Counts by recipient state in the order of the states, zeros left out."""
    ordered = {state: counts[state] for state in RECIPIENT_STATES if state in counts}
    ordered.update(
        {state: count for state, count in counts.items() if state not in ordered}
    )
    return ordered


def _counts_text(counts, labels, name="state"):
    if not counts:
        return "none"
    return ", ".join(
        f"{labels.label(name, key, 'recipient') or 'none'} {count}"
        for key, count in counts.items()
    )


def campaign_summary(connection, campaign, labels, reasons=False):
    counts = recipient_counts(connection, [campaign["id"]])[campaign["id"]]
    counts = _state_counts(counts)
    data = {
        "id": campaign["id"],
        "name": campaign["name"],
        "state": campaign["state"],
        "channel": campaign["channel"],
        "personal": campaign["personal"],
        "selection_mode": campaign["selection_mode"],
        "selection": selection_text(campaign, labels),
        "selection_count": campaign["selection_count"],
        "selection_percent": campaign["selection_percent"],
        "selection_segment": campaign["selection_segment"] or None,
        "selection_tier": campaign["selection_tier"] or None,
        "favourite_count": campaign["favourite_count"],
        "holdout_percent": campaign["holdout_percent"],
        "owner": name_of(campaign["user_id"]) or None,
        "company": name_of(campaign["company_id"]),
        "date_start": campaign["date_start"] or None,
        "date_sent": campaign["date_sent"] or None,
        "purpose": campaign["purpose"] or None,
        "recipients": sum(counts.values()),
        "recipients_by_state": counts,
    }
    if reasons:
        excluded = recipient_counts(
            connection,
            [campaign["id"]],
            by="exclusion_reason",
            domain=[("state", "=", "excluded")],
        )[campaign["id"]]
        data["excluded_by_reason"] = dict(
            sorted(excluded.items(), key=lambda item: (-item[1], item[0] or ""))
        )
    return data


def summary_text(data, labels, long=False):
    pairs = [
        ("campaign", f"{data['name']} (id {data['id']})"),
        ("state", labels.label("state", data["state"])),
        ("channel", labels.label("channel", data["channel"])),
        ("personal notes", "yes" if data["personal"] else "no"),
        ("selection", data["selection"]),
    ]
    if long:
        pairs += [
            ("favourites", f"{data['favourite_count']} per customer"),
            ("holdout", f"{data['holdout_percent']:g} %"),
            ("owner", data["owner"] or "—"),
            ("company", data["company"]),
            ("start", data["date_start"] or "—"),
        ]
        if data["date_sent"]:
            pairs.append(("sent on", data["date_sent"]))
        if data["purpose"]:
            pairs.append(("purpose", " ".join(data["purpose"].split())))
    pairs.append(("recipients", str(data["recipients"])))
    lines = [render_pairs(pairs)]
    counts = data["recipients_by_state"]
    if counts:
        rows = [
            {"state": labels.label("state", key, "recipient"), "count": count}
            for key, count in counts.items()
        ]
        lines += ["", render_table(rows, [Column("state", "state"), _count_column()])]
    excluded = data.get("excluded_by_reason")
    if excluded:
        rows = [
            {
                "reason": labels.label("exclusion_reason", key, "recipient")
                or "(no reason)",
                "count": count,
            }
            for key, count in excluded.items()
        ]
        lines += [
            "",
            render_table(rows, [Column("reason", "excluded because"), _count_column()]),
        ]
    return "\n".join(lines)


def _count_column():
    return Column("count", "recipients", align="right")


# ----------------------------------------------------------------------
# create, prepare, ready
# ----------------------------------------------------------------------
def _campaign_vals(args, labels):
    vals = {"name": args.name.strip()}
    if not vals["name"]:
        raise CcxError("the campaign needs a name (--name)")
    if args.segment:
        key = labels.choose("selection_segment", args.segment, "segment")
        vals.update(selection_mode="segment", selection_segment=key)
    elif args.tier:
        key = labels.choose("selection_tier", args.tier, "tier")
        vals.update(selection_mode="tier", selection_tier=key)
    elif args.top is not None:
        if args.top <= 0:
            raise CcxError("--top needs a number of customers above 0")
        vals.update(selection_mode="top_count", selection_count=args.top)
    else:
        if not 0 < args.top_percent <= 100:
            raise CcxError("--top-percent lies between 0 (excluded) and 100")
        vals.update(selection_mode="top_percent", selection_percent=args.top_percent)
    vals["channel"] = labels.choose("channel", args.channel, "channel")
    if args.purpose:
        vals["purpose"] = args.purpose
    if args.personal is not None:
        vals["personal"] = args.personal
    if args.holdout is not None:
        if not 0 <= args.holdout <= 100:
            raise CcxError("--holdout is a percentage between 0 and 100")
        vals["holdout_percent"] = args.holdout
    if args.favourites is not None:
        vals["favourite_count"] = args.favourites
    return vals


def cmd_campaign_create(ctx):
    args = ctx.args
    connection = ctx.connect()
    labels = Labels(connection)
    vals = _campaign_vals(args, labels)
    campaign_id = connection.call(CAMPAIGN, "create", vals)
    if isinstance(campaign_id, list):
        (campaign_id,) = campaign_id
    outcome = f"Campaign {campaign_id} created."
    if args.prepare:
        ctx.progress(f"ccx: preparing campaign {campaign_id} (choosing recipients)…")
        try:
            connection.call(CAMPAIGN, "action_prepare", [campaign_id])
        except CcxError as error:
            error.message = (
                f"campaign {campaign_id} was created as a draft but not prepared: "
                f"{error.message}"
            )
            raise
        outcome = f"Campaign {campaign_id} created and prepared."
    data = campaign_summary(connection, read_campaign(connection, campaign_id), labels)
    ctx.emit(data, outcome + "\n" + summary_text(data, labels))
    return EXIT_OK


def _campaign_action(ctx, method, doing, done):
    connection = ctx.connect()
    labels = Labels(connection)
    campaign = read_campaign(connection, ctx.args.campaign)
    if doing:
        ctx.progress(f"ccx: {doing.format(id=campaign['id'])}…")
    connection.call(CAMPAIGN, method, [campaign["id"]])
    campaign = read_campaign(connection, campaign["id"])
    data = campaign_summary(connection, campaign, labels)
    ctx.emit(data, f"Campaign {campaign['id']} {done}.\n" + summary_text(data, labels))
    return EXIT_OK


def cmd_campaign_prepare(ctx):
    return _campaign_action(
        ctx,
        "action_prepare",
        "preparing campaign {id} (choosing recipients)",
        "prepared",
    )


def cmd_campaign_ready(ctx):
    return _campaign_action(ctx, "action_ready", None, "is ready")


# ----------------------------------------------------------------------
# list, show
# ----------------------------------------------------------------------
def cmd_campaign_list(ctx):
    args = ctx.args
    connection = ctx.connect()
    labels = Labels(connection)
    domain = []
    if args.state:
        domain.append(("state", "=", labels.choose("state", args.state, "state")))
    campaigns = connection.call(
        CAMPAIGN,
        "search_read",
        domain,
        fields=["name", "channel", "state", "user_id", "date_start", "personal"],
    )
    counts = recipient_counts(connection, [c["id"] for c in campaigns])
    data = []
    for campaign in campaigns:
        by_state = _state_counts(counts.get(campaign["id"], {}))
        data.append(
            {
                "id": campaign["id"],
                "name": campaign["name"],
                "state": campaign["state"],
                "channel": campaign["channel"],
                "personal": campaign["personal"],
                "owner": name_of(campaign["user_id"]) or None,
                "date_start": campaign["date_start"] or None,
                "recipients": sum(by_state.values()),
                "recipients_by_state": by_state,
            }
        )
    if not data:
        text = "No campaign" + (f" in state {args.state}." if args.state else ".")
    else:

        def state_count(*states):
            return lambda v, _r: str(sum(v.get(state, 0) for state in states))

        text = render_table(
            data,
            [
                Column("id", "id", align="right"),
                Column("name", "campaign", width=36),
                Column("state", "state", lambda v, _r: labels.label("state", v)),
                Column("channel", "channel", lambda v, _r: labels.label("channel", v)),
                Column("owner", "owner", lambda v, _r: v or "", width=20),
                Column("date_start", "start", lambda v, _r: v or ""),
                Column("recipients", "recipients", align="right"),
                Column(
                    "recipients_by_state",
                    "to prepare",
                    state_count("to_prepare"),
                    align="right",
                ),
                Column(
                    "recipients_by_state", "ready", state_count("ready"), align="right"
                ),
                Column(
                    "recipients_by_state",
                    "sent",
                    state_count("sent", "delivered"),
                    align="right",
                ),
                Column(
                    "recipients_by_state",
                    "excluded",
                    state_count("excluded"),
                    align="right",
                ),
            ],
        )
    ctx.emit(data, text)
    return EXIT_OK


def cmd_campaign_show(ctx):
    connection = ctx.connect()
    labels = Labels(connection)
    campaign = read_campaign(connection, ctx.args.campaign)
    data = campaign_summary(connection, campaign, labels, reasons=True)
    ctx.emit(data, summary_text(data, labels, long=True))
    return EXIT_OK


# ----------------------------------------------------------------------
# export
# ----------------------------------------------------------------------
def _cell(text):
    """Text a spreadsheet shows as text, never runs as a formula."""
    text = str(text or "")
    return "'" + text if text.startswith(FORMULA_START) else text


def _uncell(text):
    """The text of a cell written by :func:`_cell`."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def _read_recipients(connection, domain):
    return connection.call(
        RECIPIENT,
        "search_read",
        domain,
        fields=[
            "campaign_id",
            "partner_id",
            "user_id",
            "state",
            "exclusion_reason",
            "note",
        ],
        order="id",
    )


def cmd_campaign_export(ctx):
    args = ctx.args
    connection = ctx.connect()
    labels = Labels(connection)
    campaign = read_campaign(connection, args.campaign)
    domain = [("campaign_id", "=", campaign["id"])]
    if args.mine:
        domain.append(("user_id", "=", connection.uid))
    recipients = _read_recipients(connection, domain)
    if args.open:
        refused = note_refusals(connection, [r["id"] for r in recipients])
        recipients = [r for r in recipients if r["id"] not in refused]
    ids = [recipient["id"] for recipient in recipients]
    picks, emails = {}, {}
    if ids:
        for pick in connection.call(
            PICK,
            "search_read",
            [("recipient_id", "in", ids)],
            fields=["recipient_id", "product_id", "kind", "comment"],
            order="recipient_id, sequence, id",
        ):
            picks.setdefault(pick["recipient_id"][0], []).append(
                {
                    "product": name_of(pick["product_id"]),
                    "kind": pick["kind"],
                    "comment": pick["comment"] or None,
                }
            )
        partner_ids = sorted({r["partner_id"][0] for r in recipients})
        for partner in connection.call(
            "res.partner", "read", partner_ids, fields=["email"]
        ):
            emails[partner["id"]] = partner["email"] or ""
    rows = [
        {
            "recipient_id": recipient["id"],
            "customer": name_of(recipient["partner_id"]),
            "customer_id": recipient["partner_id"][0],
            "email": emails.get(recipient["partner_id"][0], ""),
            "assigned_to": name_of(recipient["user_id"]),
            "state": recipient["state"],
            "exclusion_reason": recipient["exclusion_reason"] or "",
            "picks": picks.get(recipient["id"], []),
            "note": html_to_text(recipient["note"]),
        }
        for recipient in recipients
    ]
    path = Path(args.file)
    try:
        # UTF-8 with BOM: Excel then reads umlauts right; LibreOffice too.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
            writer.writerow(EXPORT_COLUMNS)
            for row in rows:
                writer.writerow(
                    [
                        row["recipient_id"],
                        _cell(row["customer"]),
                        _cell(row["email"]),
                        _cell(row["assigned_to"]),
                        row["state"],
                        row["exclusion_reason"],
                        _cell("; ".join(pick["product"] for pick in row["picks"])),
                        _cell(row["note"]),
                    ]
                )
    except OSError as error:
        raise CcxError(f"cannot write {path}: {error.strerror}") from None
    by_state = _state_counts(Counter(row["state"] for row in rows))
    data = {
        "campaign": {"id": campaign["id"], "name": campaign["name"]},
        "file": str(path),
        "count": len(rows),
        "recipients_by_state": by_state,
        "rows": rows,
    }
    who = " assigned to you" if args.mine else ""
    text = (
        f"{len(rows)} recipients{who} of campaign {campaign['id']} "
        f"({campaign['name']}) written to {path}"
    )
    if rows:
        text += f": {_counts_text(by_state, labels)}"
        text += (
            f"\nWrite the notes in the note column, then: ccx campaign import-notes "
            f"{campaign['id']} {path}"
        )
    ctx.emit(data, text)
    return EXIT_OK


# ----------------------------------------------------------------------
# import-notes
# ----------------------------------------------------------------------
def note_refusals(connection, ids):
    """{recipient id: why the user may not write its note}: the server's rule."""
    if not ids:
        return {}
    return dict(connection.call(RECIPIENT, "note_refusals", list(ids)))


def _parse_ids(rows):
    """{line: (id or None, problem or None)} and the lines of each id."""
    parsed, lines_of = {}, {}
    for row in rows:
        text = row.values.get("recipient_id", "").strip()
        if text.startswith("'"):  # a spreadsheet's text marker
            text = text[1:]
        if not text:
            parsed[row.line] = (None, "no recipient_id")
        elif not (text.isascii() and text.isdigit()) or int(text) <= 0:
            parsed[row.line] = (None, f"recipient_id {text!r} is not a record id")
        else:
            parsed[row.line] = (int(text), None)
            lines_of.setdefault(int(text), []).append(row.line)
    return parsed, lines_of


def check_note_rows(rows, campaign, recipients, refusals):
    """One report entry per CSV row: what would be written, or why not."""
    parsed, lines_of = _parse_ids(rows)
    report = []
    for row in rows:
        recipient_id, problem = parsed[row.line]
        problems = [problem] if problem else []
        text = _uncell(row.values.get("note", ""))
        note = tidy_text(text)
        recipient = recipients.get(recipient_id)
        entry = {
            "line": row.line,
            "recipient_id": recipient_id,
            "customer": None,
            "assigned_to": None,
            "state": None,
            "change": None,
            "note": note,
            "errors": problems,
        }
        report.append(entry)
        if "__extra__" in row.values:
            problems.append("more cells than header columns")
        if recipient_id is not None:
            lines = lines_of[recipient_id]
            if len(lines) > 1:
                others = ", ".join(str(line) for line in lines if line != row.line)
                problems.append(
                    f"recipient {recipient_id} is in the file more than once "
                    f"(also line {others})"
                )
            if recipient is None:
                problems.append(f"recipient {recipient_id} not found")
        if recipient is not None:
            entry.update(
                customer=name_of(recipient["partner_id"]),
                assigned_to=name_of(recipient["user_id"]) or None,
                state=recipient["state"],
            )
            if recipient["campaign_id"][0] != campaign["id"]:
                problems.append(
                    f"recipient {recipient_id} belongs to campaign "
                    f"{recipient['campaign_id'][0]} ({recipient['campaign_id'][1]}), "
                    f"not to {campaign['id']}"
                )
            elif recipient_id in refusals:
                problems.append(
                    f"recipient {recipient_id} ({entry['customer']}) "
                    f"{refusals[recipient_id]}"
                )
        if not note:
            problems.append("empty note")
        if recipient is not None and not problems:
            current = html_to_text(recipient["note"])
            entry["change"] = (
                "unchanged" if current == note else ("changed" if current else "new")
            )
            entry["html"] = text_to_html(text)
    return report


def write_notes(connection, notes):
    """Write {recipient id: HTML note} in one call: all notes or none.

    ``load`` is Odoo's import API (what *Import records* uses): it writes
    every row as the user, with the access rights and record rules of a
    ``write``, in one transaction, and rolls everything back when one row
    fails. ``write`` itself cannot take a different value per record.
    """
    items = list(notes.items())
    if not items:
        return []
    result = connection.call(
        RECIPIENT,
        "load",
        [".id", "note"],
        [[str(recipient_id), html] for recipient_id, html in items],
    )
    messages = result.get("messages") or []
    errors = [m for m in messages if m.get("type") == "error"]
    if errors or not result.get("ids"):
        # Which row failed is not reliable: when the batch fails, Odoo also
        # reports the batch's error under its first row. The dry run, which
        # reads the recipients again, names the rows.
        texts = []
        for message in errors or messages:
            text = " ".join(str(message.get("message", "")).split())
            if text and text not in texts:
                texts.append(text)
        raise CcxError(
            "the server refused the notes, nothing was written: "
            + (" ".join(texts) or "no reason given")
            + " (run without --apply for a row-by-row check)",
            detail="\n".join(str(message) for message in messages),
        )
    return result["ids"]


def cmd_campaign_import_notes(ctx):
    args = ctx.args
    rows = read_table(
        args.file,
        ["recipient_id", "note"],
        aliases={"id": "recipient_id", "recipient": "recipient_id"},
    )
    if not rows:
        raise CcxError(f"{args.file} has no rows below the header")
    connection = ctx.connect()
    labels = Labels(connection)
    campaign = read_campaign(connection, args.campaign)
    ctx.progress(f"ccx: checking {len(rows)} rows…")
    parsed, _lines_of = _parse_ids(rows)
    ids = sorted({rid for rid, _problem in parsed.values() if rid is not None})
    recipients = {r["id"]: r for r in _read_recipients(connection, [("id", "in", ids)])}
    report = check_note_rows(
        rows, campaign, recipients, note_refusals(connection, recipients)
    )
    bad = [entry for entry in report if entry["errors"]]
    todo = [entry for entry in report if entry["change"] in ("new", "changed")]
    written = False
    if args.apply and not bad and todo:
        ctx.progress(f"ccx: writing {len(todo)} notes in one transaction…")
        write_notes(
            connection, {entry["recipient_id"]: entry["html"] for entry in todo}
        )
        written = True
        after = {
            r["id"]: r
            for r in _read_recipients(
                connection, [("id", "in", [e["recipient_id"] for e in todo])]
            )
        }
        for entry in todo:
            entry["state"] = after[entry["recipient_id"]]["state"]
    for entry in report:
        entry.pop("html", None)

    unchanged = sum(1 for entry in report if entry["change"] == "unchanged")
    new = sum(1 for entry in report if entry["change"] == "new")
    if bad:
        summary = f"{len(bad)} of {len(report)} rows have errors: nothing written" + (
            "" if args.apply else " (dry run)"
        )
    elif not todo:
        summary = f"nothing to write: all {len(report)} notes are already on the server"
    elif written:
        summary = (
            f"{len(todo)} notes written in one transaction ({new} new, "
            f"{len(todo) - new} changed, {unchanged} unchanged)"
        )
    else:
        summary = (
            f"dry run: {len(todo)} notes to write ({new} new, {len(todo) - new} "
            f"changed, {unchanged} unchanged); nothing written yet, run again "
            "with --apply"
        )
    data = {
        "campaign": {"id": campaign["id"], "name": campaign["name"]},
        "file": str(args.file),
        "applied": written,
        "written": len(todo) if written else 0,
        "to_write": len(todo),
        "unchanged": unchanged,
        "rejected": len(bad),
        "summary": summary,
        "rows": report,
    }

    def status(errors, entry):
        if errors:
            return "error"
        if entry["change"] == "unchanged":
            return "unchanged"
        return entry["change"] + (" → written" if written else "")

    table = render_table(
        report,
        [
            Column("line", "line", align="right"),
            Column("recipient_id", "recipient", lambda v, _r: v or "", align="right"),
            Column("customer", "customer", lambda v, _r: v or "", width=28),
            Column("assigned_to", "assigned to", lambda v, _r: v or "", width=20),
            Column(
                "state",
                "state",
                lambda v, _r: labels.label("state", v, "recipient") if v else "",
            ),
            Column("note", "note", width=36),
            Column("errors", "status", status),
        ],
    )
    problems = [f"line {e['line']}: {'; '.join(e['errors'])}" for e in bad]
    ctx.emit(data, "\n".join([table, "", *problems, *([""] if bad else []), summary]))
    return EXIT_ERROR if bad else EXIT_OK
