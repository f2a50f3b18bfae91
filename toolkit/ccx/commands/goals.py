"""ccx goals: customer goals of a month or quarter with the achieved values.

The achieved values are the server's (computed on ``customer.kpi.goal``);
the server's record rules decide whose goals you see: your own, those of the
teams you lead, or everyone's for managers.
"""

from ccx.commands.common import fields_info
from ccx.commands.kpis import period_of
from ccx.commands.mailtest import find_user
from ccx.errors import EXIT_OK
from ccx.output import Column, render_table

MODEL = "customer.kpi.goal"
FIELDS = [
    "user_id",
    "kpi",
    "period",
    "date_start",
    "date_end",
    "target",
    "lower_is_better",
    "achieved",
    "basis_count",
    "status",
]


def cmd_goals(ctx):
    args = ctx.args
    label, first, last = period_of(args, ctx.today())
    connection = ctx.connect()
    domain = [
        ("date_start", "<=", last.isoformat()),
        ("date_end", ">=", first.isoformat()),
    ]
    if args.user:
        domain.append(("user_id", "=", find_user(connection, args.user)["id"]))
    rows = connection.call(
        MODEL, "search_read", domain, fields=FIELDS, order="user_id, kpi, date_start"
    )
    info = fields_info(connection, MODEL, ["kpi", "status"])
    kpis = dict(info["kpi"]["selection"])
    statuses = dict(info["status"]["selection"])
    data = [
        {
            "user": {"id": row["user_id"][0], "name": row["user_id"][1]},
            "kpi": row["kpi"],
            "kpi_name": kpis.get(row["kpi"], row["kpi"]),
            "from": row["date_start"],
            "to": row["date_end"],
            "target": row["target"],
            "at_most": row["lower_is_better"],
            "achieved": row["achieved"],
            "based_on": row["basis_count"],
            "status": row["status"],
        }
        for row in rows
    ]
    if not data:
        text = f"No customer goals in {label}."
    else:
        columns = [
            Column("user", "person", lambda v, _r: v["name"], width=24),
            Column("kpi_name", "goal", width=36),
            Column(
                "target",
                "target",
                lambda v, r: f"{'≤' if r['at_most'] else '≥'} {v:g}",
                align="right",
            ),
            Column("achieved", "achieved", lambda v, _r: f"{v:.1f}", align="right"),
            Column("based_on", "based on", align="right"),
            Column("status", "status", lambda v, _r: statuses.get(v, v or "")),
            Column("from", "from"),
        ]
        text = f"Customer goals {label}\n\n" + render_table(data, columns)
    ctx.emit(data, text)
    return EXIT_OK
