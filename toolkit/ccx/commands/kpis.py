"""ccx kpis: NPS, satisfaction and effort per account manager or company.

The figures are the server's: ``read_group`` on the ``customer.feedback.report``
view, once per group and once without groupby for the total row, so that the
total's averages are the averages of all answers (not of the group averages).
"""

from ccx import dates
from ccx.commands.mailtest import month_of
from ccx.errors import EXIT_OK
from ccx.output import Column, render_table

FEEDBACK_REPORT = "customer.feedback.report"
CONTACT_REPORT = "customer.contact.report"
FEEDBACK_AGGREGATES = [
    "answer_count:sum",
    "nps:avg",
    "promoter_count:sum",
    "detractor_count:sum",
    "csat_satisfied:avg",
    "ces:avg",
]
CONTACT_AGGREGATES = [
    "customer_days:sum",
    "customer_day_target:sum",
    "contact_count:sum",
    "contact_target:sum",
]
COUNTS = (
    "months",
    "months_on_target",
    "customer_days",
    "customer_day_target",
    "contact_count",
    "contact_target",
)
GROUPINGS = {
    "manager": ("user_id", "account manager", "no account manager"),
    "company": ("company_id", "company", "no company"),
}


def period_of(args, today):
    """(label, first day, last day) of --month or --quarter (default: this month)."""
    if args.quarter:
        label = dates.quarter_label(args.quarter, today)
        first, last = dates.parse_period(label, today)
        return label, first, last
    first = month_of(args.month or "this month", today)
    last = dates.parse_period(first.strftime("%Y-%m"), today)[1]
    return first.strftime("%Y-%m"), first, last


def _number(value):
    """A read_group aggregate: None when there was nothing to aggregate."""
    return None if value is None or value is False else value


def _count(value):
    return int(value or 0)


def _group(value, empty):
    if isinstance(value, list | tuple) and len(value) == 2:
        return {"id": value[0], "name": value[1]}
    return {"id": None, "name": f"({empty})"}


def _sorted(rows):
    """By name; the rows without a manager (or company) last."""
    return sorted(
        rows, key=lambda row: (row["group"]["id"] is None, row["group"]["name"].lower())
    )


def _figures(row):
    return {
        "answers": _count(row.get("answer_count")),
        "nps": _number(row.get("nps")),
        "promoters": _count(row.get("promoter_count")),
        "detractors": _count(row.get("detractor_count")),
        "satisfied": _number(row.get("csat_satisfied")),
        "effort": _number(row.get("ces")),
    }


def feedback_kpis(connection, domain, field, empty):
    """(rows per group, total row) from two read_groups on the server."""
    groups = connection.call(
        FEEDBACK_REPORT,
        "read_group",
        domain,
        fields=FEEDBACK_AGGREGATES,
        groupby=[field],
        lazy=False,
    )
    rows = _sorted(
        [{"group": _group(group[field], empty), **_figures(group)} for group in groups]
    )
    (total,) = connection.call(
        FEEDBACK_REPORT,
        "read_group",
        domain,
        fields=FEEDBACK_AGGREGATES,
        groupby=[],
        lazy=False,
    ) or [{}]
    return rows, {"group": None, **_figures(total)}


def contact_compliance(connection, first, last, field, empty):
    """Customer days and contacts against their targets, per group and in total.

    One read_group by group and ``target_reached``: sums and month counts
    add up, so the total row is their sum.
    """
    groups = connection.call(
        CONTACT_REPORT,
        "read_group",
        [("month", ">=", first.isoformat()), ("month", "<=", last.isoformat())],
        fields=CONTACT_AGGREGATES,
        groupby=[field, "target_reached"],
        lazy=False,
    )
    rows = {}
    for group in groups:
        who = _group(group[field], empty)
        row = rows.setdefault(who["id"], {"group": who, **dict.fromkeys(COUNTS, 0)})
        months = _count(group.get("__count"))
        row["months"] += months
        if group.get("target_reached"):
            row["months_on_target"] += months
        for key in COUNTS[2:]:
            row[key] += _count(group.get(key))
    rows = _sorted(rows.values())
    total = {"group": None}
    for key in COUNTS:
        total[key] = sum(row[key] for row in rows)
    return rows, total


def _nps(value, _row=None):
    return "—" if value is None else f"{value:.1f}"


def _share(value, _row=None):
    return "—" if value is None else f"{value:.1f} %"


def _effort(value, _row=None):
    return "—" if value is None else f"{value:.2f}"


def _of(key, target):
    """'3 / 4': the count against its target; the count alone without target."""
    return lambda _value, row: (
        f"{row[key]} / {row[target]}" if row[target] else str(row[key])
    )


def _name(value, _row=None):
    return "total" if value is None else value["name"]


def cmd_kpis(ctx):
    args = ctx.args
    label, first, last = period_of(args, ctx.today())
    by = args.by or "manager"
    field, heading, empty = GROUPINGS[by]
    connection = ctx.connect()
    domain = [("date", ">=", first.isoformat()), ("date", "<=", last.isoformat())]
    rows, total = feedback_kpis(connection, domain, field, empty)
    contact_rows, contact_total = contact_compliance(
        connection, first, last, field, empty
    )
    data = {
        "period": {"label": label, "first": first, "last": last},
        "by": by,
        "rows": rows,
        "total": total,
        "contacts": {"rows": contact_rows, "total": contact_total},
    }

    columns = [
        Column("group", heading, _name, width=28),
        Column("answers", "answers", align="right"),
        Column("nps", "NPS", _nps, align="right"),
        Column("promoters", "promoters", align="right"),
        Column("detractors", "detractors", align="right"),
        Column("satisfied", "satisfied", _share, align="right"),
        Column("effort", "effort (1-7)", _effort, align="right"),
    ]
    lines = [f"Customer KPIs {label} by {heading}", ""]
    lines.append(render_table([*rows, total] if rows else [], columns))
    if not rows:
        lines += ["", f"No feedback answers in {label}."]

    lines += ["", f"Customer contacts {label} against the targets", ""]
    contact_columns = [
        Column("group", "person" if by == "manager" else "company", _name, width=28),
        Column("months", "months", align="right"),
        Column("months_on_target", "on target", align="right"),
        Column(
            "customer_days",
            "customer days",
            _of("customer_days", "customer_day_target"),
            align="right",
        ),
        Column(
            "contact_count",
            "contacts",
            _of("contact_count", "contact_target"),
            align="right",
        ),
    ]
    if contact_rows:
        lines.append(render_table([*contact_rows, contact_total], contact_columns))
    else:
        lines.append(f"No contact figures for {label}.")
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK
