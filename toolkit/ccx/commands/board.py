"""ccx initiatives: the quarterly initiatives board."""

from ccx import dates
from ccx.commands.common import (
    user_company,
)
from ccx.errors import EXIT_OK
from ccx.output import (
    Column,
    name_of,
    render_groups,
)

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
    company_id, company_name = user_company(connection)
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
