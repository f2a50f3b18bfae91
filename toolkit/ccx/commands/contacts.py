"""ccx contact log, contact import and not-contacted."""

from datetime import datetime, timedelta, timezone
from datetime import time as day_time

from ccx import dates
from ccx.commands.common import (
    DEFAULT_START,
    MAX_DURATION_HOURS,
    SERVER_DATETIME,
    choices_text,
    fields_info,
    local_text,
    match_choice,
    text_to_html,
    zone_of,
)
from ccx.csvutil import read_table
from ccx.customers import ambiguity, find_customers, find_one_customer
from ccx.errors import EXIT_ERROR, EXIT_OK, CcxError
from ccx.output import (
    Column,
    money,
    name_of,
    number,
    render_table,
)
from ccx.shared.typed_values import parse_number


def contact_kinds(connection):
    fields = fields_info(connection, "customer.contact", ["kind"], ["selection"])
    return [tuple(choice) for choice in fields["kind"]["selection"]]


def contact_start(day, clock, zone, now_utc):
    """(UTC start, state): a day without time starts at 9:00 local time.

    A contact later than now is planned, anything else is done. Today's
    contact given without a time starts now at the latest.
    """
    now_local = now_utc.astimezone(zone)
    if clock is None:
        start = datetime.combine(day, DEFAULT_START, tzinfo=zone)
        if day == now_local.date() and start > now_local:
            start = max(
                now_local.replace(second=0, microsecond=0) - timedelta(minutes=1),
                datetime.combine(day, day_time(0), tzinfo=zone),
            )
    else:
        start = datetime.combine(day, clock, tzinfo=zone)
    start_utc = start.astimezone(timezone.utc)
    return start_utc, ("planned" if start_utc > now_utc else "done")


def _duration(text):
    """(hours or None, problem or None)."""
    if not (text or "").strip():
        return None, None
    hours = parse_number(text)
    if hours is None:
        return None, f"duration {text} is not a number of hours"
    if not 0 <= hours <= MAX_DURATION_HOURS:
        return None, f"duration {text} is not between 0 and 24 hours"
    return hours, None


def _contact_vals(customer_id, kind, start_utc, state, hours, need, note, subject):
    vals = {
        "partner_id": customer_id,
        "kind": kind,
        "date_start": start_utc.strftime(SERVER_DATETIME),
        "state": state,
    }
    if hours:
        vals["duration"] = hours
    if need:
        vals["customer_need"] = need
    if note:
        vals["note"] = text_to_html(note)
    if subject:
        vals["name"] = subject
    return vals


def cmd_contact_log(ctx):
    args = ctx.args
    connection = ctx.connect()
    zone = zone_of(connection.user["tz"])
    now_utc = ctx.now_utc()
    kinds = contact_kinds(connection)
    kind = match_choice(args.kind, kinds)
    if not kind:
        raise CcxError(f"unknown kind {args.kind!r}: one of {choices_text(kinds)}")
    day, clock = dates.parse_moment(args.date, now_utc.astimezone(zone).date())
    hours, problem = _duration(args.duration)
    if problem:
        raise CcxError(problem)
    customer = find_one_customer(connection, args.customer)
    start_utc, state = contact_start(day, clock, zone, now_utc)
    vals = _contact_vals(
        customer["picked_id"],
        kind,
        start_utc,
        state,
        hours,
        args.need,
        args.note,
        args.subject,
    )
    contact_id = connection.call("customer.contact", "create", vals)
    if isinstance(contact_id, list):
        (contact_id,) = contact_id
    labels = dict(kinds)
    row = {
        "id": contact_id,
        "customer": customer,
        "kind": kind,
        "date_start": vals["date_start"],
        "local_start": start_utc.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "timezone": connection.user["tz"] or "UTC",
        "duration": hours or 0.0,
        "state": state,
    }
    ctx.emit(
        row,
        render_table(
            [row],
            [
                Column("id", "id", align="right"),
                Column("customer", "customer", lambda v, _r: v["name"], width=40),
                Column("kind", "kind", lambda v, _r: labels.get(v, v)),
                Column("local_start", f"start ({row['timezone']})"),
                Column("duration", "hours", number(2), align="right"),
                Column("state", "state"),
            ],
        ),
    )
    return EXIT_OK


CONTACT_COLUMNS = ("customer", "kind", "date", "duration", "need")
CONTACT_OPTIONAL = ("note", "subject")


def cmd_contact_import(ctx):
    args = ctx.args
    rows = read_table(
        args.file,
        CONTACT_COLUMNS[:3],
        optional=(*CONTACT_COLUMNS[3:], *CONTACT_OPTIONAL),
    )
    if not rows:
        raise CcxError(f"{args.file} has no rows below the header")
    connection = ctx.connect()
    zone = zone_of(connection.user["tz"])
    now_utc = ctx.now_utc()
    today = now_utc.astimezone(zone).date()
    kinds = contact_kinds(connection)
    labels = dict(kinds)

    keys = {row.values.get("customer", "") for row in rows}
    ctx.progress(f"ccx: checking {len(rows)} rows, {len(keys)} customers…")
    customers = find_customers(connection, keys)

    report, vals_list = [], []
    for row in rows:
        values = row.values
        problems = []
        key = values.get("customer", "")
        matches = customers.get(key.strip(), [])
        if not key:
            problems.append("no customer")
        elif not matches:
            problems.append(f"customer {key} not found")
        elif len(matches) > 1:
            problems.append(ambiguity(key, matches))
        kind = match_choice(values.get("kind", ""), kinds)
        if not kind:
            problems.append(
                f"kind {values.get('kind') or '∅'} is not one of {choices_text(kinds)}"
            )
        start_utc = state = None
        try:
            day, clock = dates.parse_moment(values.get("date", ""), today)
            start_utc, state = contact_start(day, clock, zone, now_utc)
        except CcxError as error:
            problems.append(error.message)
        hours, problem = _duration(values.get("duration", ""))
        if problem:
            problems.append(problem)
        if "__extra__" in values:
            problems.append("more cells than header columns")
        customer = matches[0] if len(matches) == 1 else None
        entry = {
            "line": row.line,
            "customer": key,
            "partner_id": customer["id"] if customer else None,
            "partner": customer["name"] if customer else None,
            "kind": kind or values.get("kind", ""),
            "date_start": start_utc.strftime(SERVER_DATETIME) if start_utc else None,
            "local_start": (
                start_utc.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                if start_utc
                else values.get("date", "")
            ),
            "state": state,
            "duration": hours,
            "need": values.get("need", ""),
            "errors": problems,
        }
        report.append(entry)
        if not problems:
            vals_list.append(
                _contact_vals(
                    customer["picked_id"],
                    kind,
                    start_utc,
                    state,
                    hours,
                    values.get("need"),
                    values.get("note"),
                    values.get("subject"),
                )
            )

    bad = [entry for entry in report if entry["errors"]]
    created = []
    if args.apply and not bad:
        ctx.progress(f"ccx: creating {len(vals_list)} contacts in one transaction…")
        created = connection.call("customer.contact", "create", vals_list)
        for entry, contact_id in zip(report, created, strict=True):
            entry["id"] = contact_id

    data = {
        "file": str(args.file),
        "applied": bool(created),
        "valid": len(report) - len(bad),
        "rejected": len(bad),
        "created_ids": created,
        "rows": report,
    }
    if bad:
        summary = f"{len(bad)} of {len(report)} rows have errors: nothing imported" + (
            "" if args.apply else " (dry run)"
        )
    elif created:
        summary = f"{len(created)} contacts created (ids {created[0]}–{created[-1]})"
    else:
        summary = (
            f"dry run: all {len(report)} rows are fine; nothing imported yet, run "
            "again with --apply"
        )
    data["summary"] = summary
    table = render_table(
        report,
        [
            Column("line", "line", align="right"),
            Column("customer", "customer", width=28),
            Column("partner", "found", lambda v, _r: v or "", width=28),
            Column("kind", "kind", lambda v, _r: labels.get(v, v), width=24),
            Column("local_start", f"start ({connection.user['tz'] or 'UTC'})"),
            Column("duration", "hours", number(2), align="right"),
            Column(
                "errors",
                "status",
                lambda v, r: "error" if v else f"ok ({r['state']})",
            ),
        ],
    )
    problems = [f"line {e['line']}: {'; '.join(e['errors'])}" for e in bad]
    ctx.emit(data, "\n".join([table, "", *problems, *([""] if bad else []), summary]))
    return EXIT_ERROR if bad else EXIT_OK


# ----------------------------------------------------------------------
# not-contacted
# ----------------------------------------------------------------------
def cmd_not_contacted(ctx):
    args = ctx.args
    connection = ctx.connect()
    domain = [("lapsed", "=", True)]
    if args.mine:
        domain.append(("user_id", "=", connection.uid))
    rows = connection.search_read(
        "customer.contact.gap.report",
        domain,
        [
            "partner_id",
            "company_id",
            "user_id",
            "importance",
            "currency_id",
            "last_contact_date",
            "days_since_contact",
        ],
        order="importance desc, partner_id",
        limit=args.limit or None,
    )
    zone = zone_of(connection.user["tz"])
    data = [
        {
            "rank": index,
            "customer": {"id": row["partner_id"][0], "name": row["partner_id"][1]},
            "value": row["importance"],
            "currency": name_of(row["currency_id"]),
            "last_contact": row["last_contact_date"] or None,
            "days_since_contact": (
                row["days_since_contact"] if row["last_contact_date"] else None
            ),
            "salesperson": name_of(row["user_id"]) or None,
            "company": name_of(row["company_id"]),
        }
        for index, row in enumerate(rows, start=1)
    ]
    if not data:
        text = "Every important customer was contacted lately."
    else:
        currency = data[0]["currency"]
        text = render_table(
            data,
            [
                Column("rank", "#", align="right"),
                Column("customer", "customer", lambda v, _r: v["name"], width=40),
                Column("value", f"value ({currency})", money, align="right"),
                Column(
                    "last_contact",
                    "last contact",
                    lambda v, _r: local_text(v, zone, "%Y-%m-%d") if v else "never",
                ),
                Column(
                    "days_since_contact",
                    "days",
                    lambda v, _r: "—" if v is None else str(v),
                    align="right",
                ),
                Column("salesperson", "salesperson", lambda v, _r: v or "", width=24),
            ],
        )
    ctx.emit(data, text)
    return EXIT_OK
