"""The ccx commands. Each takes a Context and returns the exit code."""

import base64
import html
import re
import time
from datetime import datetime, timedelta, timezone
from datetime import time as day_time
from html.parser import HTMLParser
from pathlib import Path

from dateutil import tz as dateutil_tz

from ccx import dates
from ccx.clvlib import load_clv
from ccx.connection import ADDON
from ccx.csvutil import parse_number, read_table
from ccx.customers import ambiguity, find_customers, find_one_customer
from ccx.errors import EXIT_ERROR, EXIT_OK, CcxError
from ccx.output import (
    Column,
    money,
    name_of,
    number,
    percent,
    render_groups,
    render_pairs,
    render_table,
)

SERVER_DATETIME = "%Y-%m-%d %H:%M:%S"
DEFAULT_START = day_time(9, 0)  # a contact given without time starts at 9:00
MAX_DURATION_HOURS = 24.0  # as the server's constraint


# ----------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------
def _zone(name):
    return dateutil_tz.gettz(name or "UTC") or dateutil_tz.UTC


def _normalise(text):
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower())


def match_choice(text, selection):
    """The key of a selection matched by key or label, loosely; or None."""
    wanted = _normalise(text)
    for key, label in selection:
        if wanted and wanted in (_normalise(key), _normalise(label)):
            return key
    return None


def _choices(selection):
    return ", ".join(key for key, _label in selection)


def _fields(connection, model, names, attributes=("string", "selection")):
    return connection.call(
        model, "fields_get", list(names), attributes=list(attributes)
    )


def _server_utc(text):
    return datetime.strptime(text, SERVER_DATETIME).replace(tzinfo=timezone.utc)


def _local(text, zone, pattern="%Y-%m-%d %H:%M"):
    if not text:
        return ""
    return _server_utc(text).astimezone(zone).strftime(pattern)


def _company(connection):
    company_id, company_name = connection.user["company_id"]
    return company_id, company_name


class _HtmlLines(HTMLParser):
    """Text of an HTML fragment, one line per paragraph, list item or break."""

    BLOCKS = {"p", "li", "div", "br", "tr", "h1", "h2", "h3", "h4", "ul", "ol"}

    def __init__(self):
        super().__init__()
        self.lines, self.current = [], []

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)


def html_lines(fragment):
    parser = _HtmlLines()
    parser.feed(fragment or "")
    parser.close()
    parser._flush()
    return parser.lines


def _text_to_html(text):
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text or "")]
    return "".join(
        "<p>" + html.escape(part).replace("\n", "<br>") + "</p>"
        for part in paragraphs
        if part
    )


# ----------------------------------------------------------------------
# whoami
# ----------------------------------------------------------------------
def cmd_whoami(ctx):
    connection = ctx.connect()
    user = connection.user
    version = connection.version()
    data = {
        "url": connection.url,
        "database": connection.database,
        "login": connection.login_name,
        "user": {"id": connection.uid, "name": user["name"]},
        "company": name_of(user["company_id"]),
        "timezone": user["tz"] or "UTC",
        "server_version": version.get("server_version"),
        "addon": ADDON,
    }
    ctx.emit(
        data,
        render_pairs(
            [
                ("url", data["url"]),
                ("database", data["database"]),
                ("login", data["login"]),
                ("user", f"{user['name']} (id {connection.uid})"),
                ("company", data["company"]),
                ("time zone", data["timezone"]),
                ("server", f"Odoo {data['server_version']}, {ADDON} installed"),
            ]
        ),
    )
    return EXIT_OK


# ----------------------------------------------------------------------
# contact log / contact import
# ----------------------------------------------------------------------
def contact_kinds(connection):
    fields = _fields(connection, "customer.contact", ["kind"], ["selection"])
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
        vals["note"] = _text_to_html(note)
    if subject:
        vals["name"] = subject
    return vals


def cmd_contact_log(ctx):
    args = ctx.args
    connection = ctx.connect()
    zone = _zone(connection.user["tz"])
    now_utc = ctx.now_utc()
    kinds = contact_kinds(connection)
    kind = match_choice(args.kind, kinds)
    if not kind:
        raise CcxError(f"unknown kind {args.kind!r}: one of {_choices(kinds)}")
    day, clock = dates.parse_moment(args.date, now_utc.astimezone(zone).date())
    hours, problem = _duration(args.duration)
    if problem:
        raise CcxError(problem)
    customer = find_one_customer(connection, args.customer)
    start_utc, state = contact_start(day, clock, zone, now_utc)
    vals = _contact_vals(
        customer["id"],
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
    zone = _zone(connection.user["tz"])
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
                f"kind {values.get('kind') or '∅'} is not one of {_choices(kinds)}"
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
                    customer["id"],
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
    zone = _zone(connection.user["tz"])
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
                    lambda v, _r: _local(v, zone, "%Y-%m-%d") if v else "never",
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


# ----------------------------------------------------------------------
# clv card / top / recompute
# ----------------------------------------------------------------------
CARD_FIELDS = [
    "segment",
    "tier",
    "rfm_score",
    "ranking_value",
    "predicted_clv",
    "historic_clv",
    "probability_alive",
    "expected_purchases",
    "total_revenue",
    "order_count",
    "average_order_value",
    "first_purchase_date",
    "last_purchase_date",
    "frequency",
    "recency",
    "age",
    "monetary_value",
    "is_predicted",
]
PREDICTION_FIELDS = ("predicted_clv", "probability_alive", "expected_purchases")


def _selection_label(fields, name, value):
    return dict(fields[name].get("selection") or []).get(value, value or "")


def cmd_clv_card(ctx):
    connection = ctx.connect()
    customer = find_one_customer(connection, ctx.args.customer)
    company_id, company_name = _company(connection)
    values = connection.search_read(
        "customer.value",
        [("partner_id", "=", customer["id"]), ("company_id", "=", company_id)],
        [*CARD_FIELDS, "currency_id"],
        limit=1,
    )
    if not values:
        raise CcxError(
            f"no lifetime value figures for {customer['name']} in {company_name} "
            "(no purchases yet, or not recomputed since)"
        )
    (value,) = values
    (partner,) = connection.call(
        "res.partner", "read", [customer["id"]], fields=["last_customer_contact_date"]
    )
    fields = _fields(
        connection, "customer.value", CARD_FIELDS, ("string", "type", "selection")
    )
    predicted = value["is_predicted"]
    figures = {}
    for name in CARD_FIELDS:
        raw = value[name]
        if name in PREDICTION_FIELDS and not predicted:
            raw = None
        elif raw is False and fields[name]["type"] not in ("boolean",):
            raw = None
        figures[name] = raw
    zone = _zone(connection.user["tz"])
    last_contact = partner["last_customer_contact_date"] or None
    data = {
        "customer": customer,
        "company": company_name,
        "currency": name_of(value["currency_id"]),
        "figures": figures,
        "segment_label": _selection_label(fields, "segment", value["segment"]),
        "tier_label": _selection_label(fields, "tier", value["tier"]),
        "last_customer_contact": last_contact,
    }
    pairs = [("Customer", customer["name"]), ("Company", company_name)]
    for name in CARD_FIELDS:
        if name == "is_predicted":
            continue
        field = fields[name]
        raw = figures[name]
        if field["type"] == "selection":
            text = _selection_label(fields, name, raw)
        elif field["type"] == "monetary":
            text = money(raw) + ("" if raw is None else f" {data['currency']}")
        elif name == "probability_alive":
            text = percent(raw)
        elif field["type"] == "float":
            text = number(2)(raw)
        elif field["type"] == "boolean":
            text = "yes" if raw else "no"
        else:
            text = "—" if raw is None else str(raw)
        pairs.append((field["string"], text))
    pairs.append(
        (
            "Value basis",
            "predicted (BG/NBD + Gamma-Gamma)"
            if predicted
            else "historic (too little history for a prediction)",
        )
    )
    pairs.append(
        (
            "Last customer contact",
            _local(last_contact, zone) if last_contact else "never",
        )
    )
    ctx.emit(data, render_pairs(pairs))
    return EXIT_OK


TOP_FIELDS = [
    "partner_id",
    "ranking_value",
    "predicted_clv",
    "historic_clv",
    "probability_alive",
    "order_count",
    "segment",
    "tier",
    "is_predicted",
    "currency_id",
]


def cmd_clv_top(ctx):
    args = ctx.args
    connection = ctx.connect()
    company_id, company_name = _company(connection)
    fields = _fields(connection, "customer.value", ["segment", "tier"])
    domain = [("company_id", "=", company_id)]
    for name in ("segment", "tier"):
        wanted = getattr(args, name)
        if wanted:
            selection = fields[name]["selection"]
            key = match_choice(wanted, selection)
            if not key:
                raise CcxError(
                    f"unknown {name} {wanted!r}: one of {_choices(selection)}"
                )
            domain.append((name, "=", key))
    rows = connection.search_read(
        "customer.value",
        domain,
        TOP_FIELDS,
        order="ranking_value desc, id",
        limit=args.limit or None,
    )
    data = []
    for index, row in enumerate(rows, start=1):
        predicted = row["is_predicted"]
        data.append(
            {
                "rank": index,
                "customer": {"id": row["partner_id"][0], "name": row["partner_id"][1]},
                "value": row["ranking_value"],
                "predicted_clv": row["predicted_clv"] if predicted else None,
                "historic_clv": row["historic_clv"],
                "probability_alive": row["probability_alive"] if predicted else None,
                "orders": row["order_count"],
                "segment": row["segment"] or None,
                "tier": row["tier"] or None,
                "currency": name_of(row["currency_id"]),
            }
        )
    if not data:
        text = f"No customer value figures in {company_name} match."
    else:
        currency = data[0]["currency"]
        text = render_table(
            data,
            [
                Column("rank", "#", align="right"),
                Column("customer", "customer", lambda v, _r: v["name"], width=36),
                Column("value", f"value ({currency})", money, align="right"),
                Column("predicted_clv", "predicted", money, align="right"),
                Column("historic_clv", "historic", money, align="right"),
                Column("probability_alive", "alive", percent, align="right"),
                Column("orders", "orders", align="right"),
                Column(
                    "segment",
                    "segment",
                    lambda v, _r: _selection_label(fields, "segment", v),
                ),
                Column(
                    "tier", "tier", lambda v, _r: _selection_label(fields, "tier", v)
                ),
            ],
        )
    ctx.emit(data, text)
    return EXIT_OK


def cmd_clv_recompute(ctx):
    connection = ctx.connect()
    company_id, company_name = _company(connection)
    ctx.progress(f"ccx: recomputing the customer values of {company_name}…")
    started = time.monotonic()
    connection.call("customer.value", "action_recompute", [])
    seconds = time.monotonic() - started
    models = connection.search_read(
        "customer.value.model",
        [("company_id", "=", company_id)],
        [
            "date",
            "method",
            "customer_count",
            "repeat_customer_count",
            "message",
            "observation_end",
        ],
        order="date desc, id desc",
        limit=1,
    )
    model = models[0] if models else {}
    data = {
        "company": company_name,
        "seconds": round(seconds, 3),
        "method": model.get("method"),
        "customers": model.get("customer_count"),
        "repeat_customers": model.get("repeat_customer_count"),
        "data_until": model.get("observation_end") or None,
        "message": model.get("message") or None,
    }
    pairs = [
        ("company", company_name),
        ("customers", str(data["customers"])),
        ("repeat customers", str(data["repeat_customers"])),
        (
            "method",
            "predicted (BG/NBD + Gamma-Gamma)"
            if data["method"] == "bgnbd"
            else "historic only",
        ),
        ("took", f"{seconds:.1f} s"),
    ]
    if data["message"]:
        pairs.append(("note", data["message"]))
    ctx.emit(data, "Customer values recomputed.\n" + render_pairs(pairs))
    return EXIT_OK


# ----------------------------------------------------------------------
# clv offline
# ----------------------------------------------------------------------
OFFLINE_ALIASES = {
    "customer_id": "customer",
    "partner": "customer",
    "datetime": "date",
    "day": "date",
    "invoice_date": "date",
    "value": "amount",
    "revenue": "amount",
}


def _read_transactions(path, today):
    rows = read_table(path, ("customer", "date", "amount"), aliases=OFFLINE_ALIASES)
    customers, days, amounts, errors = [], [], [], []
    for row in rows:
        problems = []
        customer = row.values.get("customer", "")
        if not customer:
            problems.append("no customer")
        day = None
        try:
            day = dates.parse_day(row.values.get("date", ""), today)
        except CcxError as error:
            problems.append(error.message)
        amount = parse_number(row.values.get("amount", ""))
        if amount is None:
            problems.append(f"amount {row.values.get('amount') or '∅'} is not a number")
        if problems:
            errors.append({"line": row.line, "errors": problems})
        else:
            customers.append(customer)
            days.append(day)
            amounts.append(amount)
    return customers, days, amounts, errors, len(rows)


def _fit(clv, summary, penalizer, months, discount, period_days):
    import numpy as np

    frequency, recency, age = summary["frequency"], summary["recency"], summary["T"]
    monetary = summary["monetary_value"]
    bgnbd = clv.fit_bgnbd(frequency, recency, age, penalizer=penalizer)
    spenders = (frequency > 0) & (monetary > 0)
    gamma_gamma = clv.fit_gamma_gamma(frequency[spenders], monetary[spenders])
    if gamma_gamma["q"] <= 1:
        raise ValueError("the Gamma-Gamma spend model has no finite mean (q <= 1)")
    horizon = months * 30 / period_days
    with np.errstate(all="ignore"):
        alive = clv.probability_alive(bgnbd, frequency, recency, age)
        expected = clv.expected_purchases(bgnbd, horizon, frequency, recency, age)
        predicted = clv.predicted_clv(
            bgnbd,
            gamma_gamma,
            frequency,
            recency,
            age,
            monetary,
            months=months,
            yearly_discount_rate=discount,
            period_days=period_days,
        )
    if not (np.all(np.isfinite(predicted)) and np.all(np.isfinite(alive))):
        raise ValueError("the prediction is not finite for every customer")
    return bgnbd, gamma_gamma, alive, expected, predicted


def cmd_clv_offline(ctx):
    args = ctx.args
    if args.period_days < 1:
        raise CcxError("--period-days must be at least 1")
    if args.months < 0:
        raise CcxError("--months must be 0 or more")
    if args.discount < 0:
        raise CcxError("--discount must be 0 or more (0.1 = 10 % a year)")
    if args.penalizer < 0:
        raise CcxError("--penalizer must be 0 or more")
    today = ctx.today()
    customers, days, amounts, errors, count = _read_transactions(args.file, today)
    if errors:
        lines = [
            f"line {error['line']}: {'; '.join(error['errors'])}" for error in errors
        ]
        data = {"file": str(args.file), "rejected": len(errors), "errors": errors}
        ctx.emit(
            data,
            "\n".join(lines)
            + f"\n\n{len(errors)} of {count} rows have errors: nothing computed",
        )
        return EXIT_ERROR
    if not customers:
        raise CcxError(f"{args.file} has no transactions")
    end = dates.parse_day(args.end, today) if args.end else max(days)
    clv = load_clv(ctx.env)

    try:
        summary = clv.rfm_summary(
            customers,
            [day.isoformat() for day in days],
            amounts,
            end.isoformat(),
            period_days=args.period_days,
        )
    except ValueError as error:
        raise CcxError(f"cannot summarise the transactions: {error}") from None
    revenue, orders = {}, {}
    for customer, day, amount in zip(customers, days, amounts, strict=True):
        if day <= end:
            revenue[customer] = revenue.get(customer, 0.0) + amount
            orders[customer] = orders.get(customer, 0) + (amount > 0)
    ids = [str(customer) for customer in summary["customer_id"].tolist()]
    if not ids:
        raise CcxError(f"no transaction on or before {end.isoformat()}")

    method, message, parameters = "bgnbd", None, {}
    try:
        bgnbd, gamma_gamma, alive, expected, predicted = _fit(
            clv, summary, args.penalizer, args.months, args.discount, args.period_days
        )
        parameters = {"bgnbd": bgnbd, "gamma_gamma": gamma_gamma}
    except ValueError as error:
        method = "historic"
        message = f"too little history for a prediction ({error}): values are historic"
        alive = expected = predicted = None
        ctx.warn(message)

    table = []
    for index, customer in enumerate(ids):
        table.append(
            {
                "customer": customer,
                "orders": orders[customer],
                "historic_clv": round(revenue[customer], 2),
                "frequency": int(summary["frequency"][index]),
                "recency": int(summary["recency"][index]),
                "T": int(summary["T"][index]),
                "monetary_value": float(summary["monetary_value"][index]),
                "probability_alive": None if alive is None else float(alive[index]),
                "expected_purchases": (
                    None if expected is None else float(expected[index])
                ),
                "predicted_clv": None if predicted is None else float(predicted[index]),
            }
        )
    sort_key = "predicted_clv" if method == "bgnbd" else "historic_clv"
    table.sort(key=lambda row: (-row[sort_key], row["customer"]))
    for rank, row in enumerate(table, start=1):
        row["rank"] = rank
    repeat = int((summary["frequency"] > 0).sum())
    data = {
        "file": str(args.file),
        "observation_end": end.isoformat(),
        "period_days": args.period_days,
        "months": args.months,
        "discount_rate": args.discount,
        "penalizer": args.penalizer,
        "customers": len(table),
        "repeat_customers": repeat,
        "transactions": len(customers),
        "method": method,
        "message": message,
        "parameters": parameters,
        "rows": table,
    }
    shown = table[: args.limit] if args.limit else table
    columns = [
        Column("rank", "#", align="right"),
        Column("customer", "customer", width=30),
        Column("orders", "orders", align="right"),
        Column("historic_clv", "historic", money, align="right"),
        Column("frequency", "repeat", align="right"),
        Column("recency", "recency", align="right"),
        Column("T", "T", align="right"),
    ]
    if method == "bgnbd":
        columns += [
            Column("monetary_value", "avg repeat", money, align="right"),
            Column("probability_alive", "alive", percent, align="right"),
            Column("expected_purchases", "exp. purchases", number(2), align="right"),
            Column("predicted_clv", f"CLV {args.months} m", money, align="right"),
        ]
    lines = [render_table(shown, columns), ""]
    if len(shown) < len(table):
        lines.append(f"({len(table) - len(shown)} more customers; --limit 0 shows all)")
    lines.append(
        f"{len(table)} customers ({repeat} repeat), {len(customers)} transactions, "
        f"data until {end.isoformat()}, periods of {args.period_days} day(s)"
    )
    if method == "bgnbd":
        lines.append(
            "BG/NBD: "
            + ", ".join(f"{name}={value:.6g}" for name, value in bgnbd.items())
            + "; Gamma-Gamma: "
            + ", ".join(f"{name}={value:.6g}" for name, value in gamma_gamma.items())
        )
        lines.append(
            f"Predicted CLV: {args.months} months, yearly discount rate "
            f"{args.discount:g}"
        )
    else:
        lines.append(message)
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


# ----------------------------------------------------------------------
# history import
# ----------------------------------------------------------------------
WIZARD = "customer.value.history.import"
WIZARD_FIELDS = ["state", "valid_count", "rejected_count", "imported_count", "report"]


def cmd_history_import(ctx):
    args = ctx.args
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise CcxError(f"cannot read {path}: {error.strerror}") from None
    connection = ctx.connect()
    ctx.progress(f"ccx: uploading {path.name} ({len(content):,} bytes) and checking…")
    wizard_id = connection.call(
        WIZARD,
        "create",
        {
            "file": base64.b64encode(content).decode("ascii"),
            "filename": path.name,
            "import_valid_rows": bool(args.good_rows),
        },
    )
    connection.call(WIZARD, "action_check", [wizard_id])
    (wizard,) = connection.call(WIZARD, "read", [wizard_id], fields=WIZARD_FIELDS)
    check_report = html_lines(wizard["report"])
    valid, rejected = wizard["valid_count"], wizard["rejected_count"]
    can_import = valid > 0 and (rejected == 0 or args.good_rows)
    imported = 0
    if args.apply and can_import:
        ctx.progress(f"ccx: importing {valid} row(s)…")
        connection.call(WIZARD, "action_import", [wizard_id])
        (wizard,) = connection.call(WIZARD, "read", [wizard_id], fields=WIZARD_FIELDS)
        imported = wizard["imported_count"]
    if args.rejected_file and rejected:
        (rejected_data,) = connection.call(
            WIZARD, "read", [wizard_id], fields=["rejected_file"]
        )
        Path(args.rejected_file).write_bytes(
            base64.b64decode(rejected_data["rejected_file"] or "")
        )

    if imported:
        outcome = f"{imported} rows imported"
        if rejected:
            outcome += f", {rejected} bad rows left out"
    elif not args.apply:
        outcome = "dry run: nothing imported" + (
            "; fix the bad rows or add --good-rows" if rejected else "; add --apply"
        )
    elif rejected:
        outcome = "nothing imported: fix the bad rows, or add --good-rows"
    else:
        outcome = "nothing to import"
    if args.rejected_file and rejected:
        outcome += f" (bad rows written to {args.rejected_file})"
    data = {
        "file": str(path),
        "applied": bool(args.apply),
        "valid_count": valid,
        "rejected_count": rejected,
        "imported_count": imported,
        "state": wizard["state"],
        "report": check_report,
        "outcome": outcome,
    }
    ctx.emit(data, "\n".join([*check_report, "", outcome]))
    failed = rejected and not imported
    return EXIT_ERROR if failed else EXIT_OK


# ----------------------------------------------------------------------
# initiatives
# ----------------------------------------------------------------------
INITIATIVE_FIELDS = [
    "name",
    "user_id",
    "team_id",
    "stage_id",
    "vote_count",
    "priority",
    "kpi_name",
    "kpi_progress",
    "kpi_result_set",
    "customer_benefit",
]


def cmd_initiatives(ctx):
    args = ctx.args
    quarter = dates.quarter_label(args.quarter or "this quarter", ctx.today())
    connection = ctx.connect()
    company_id, company_name = _company(connection)
    stages = connection.search_read(
        "customer.initiative.stage",
        ["|", ("company_id", "=", False), ("company_id", "=", company_id)],
        ["name", "fold", "state"],
        order="sequence, id",
    )
    initiatives = connection.search_read(
        "customer.initiative",
        [("quarter", "=", quarter)],
        INITIATIVE_FIELDS,
        order="priority desc, vote_count desc, sequence, id desc",
    )
    groups = {
        stage["id"]: {
            "id": stage["id"],
            "name": stage["name"],
            "folded": stage["fold"],
            "state": stage["state"],
            "initiatives": [],
        }
        for stage in stages
    }
    for initiative in initiatives:
        stage_id, stage_name = initiative["stage_id"]
        group = groups.setdefault(
            stage_id,
            {
                "id": stage_id,
                "name": stage_name,
                "folded": False,
                "state": None,
                "initiatives": [],
            },
        )
        measured = initiative["kpi_name"] and initiative["kpi_result_set"]
        group["initiatives"].append(
            {
                "id": initiative["id"],
                "name": initiative["name"],
                "owner": name_of(initiative["user_id"]),
                "team": name_of(initiative["team_id"]) or None,
                "votes": initiative["vote_count"],
                "priority": int(initiative["priority"] or 0),
                "kpi": initiative["kpi_name"] or None,
                "kpi_progress": initiative["kpi_progress"] if measured else None,
                "customer_benefit": initiative["customer_benefit"],
            }
        )
    data = {
        "quarter": quarter,
        "company": company_name,
        "count": len(initiatives),
        "stages": list(groups.values()),
    }
    columns = [
        Column("name", "initiative", width=40),
        Column("priority", "prio", lambda v, _r: "★" * v, align="left"),
        Column("owner", "owner", width=20),
        Column("team", "team", lambda v, _r: v or "", width=16),
        Column("votes", "votes", align="right"),
        Column(
            "kpi_progress",
            "KPI",
            lambda v, r: (
                f"{v:.0f} %" if v is not None else ("open" if r["kpi"] else "—")
            ),
            align="right",
        ),
        Column("customer_benefit", "customer benefit", width=48),
    ]
    lines = [f"Initiatives {quarter} — {company_name}: {len(initiatives)}", ""]
    lines.append(
        render_groups(
            [
                (
                    f"── {group['name']} ({len(group['initiatives'])})",
                    group["initiatives"],
                )
                for group in data["stages"]
            ],
            columns,
        )
    )
    if not initiatives:
        lines.append("")
        lines.append(f"No initiative for {quarter}: every quarter needs one.")
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK
