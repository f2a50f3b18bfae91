"""ccx mailtest: how much of each person's outgoing messages go to customers."""

from ccx import dates
from ccx.commands.common import fields_info
from ccx.errors import EXIT_OK, CcxError
from ccx.output import Column, name_of, render_table

REPORT = "customer.mail.test.report"
REPORT_FIELDS = [
    "user_id",
    "company_id",
    "month",
    "message_count",
    "customer_message_count",
    "internal_message_count",
    "customer_share",
    "rating",
]


def month_of(text, today):
    """The first day of the month a typed period names."""
    first, last = dates.parse_period(text, today)
    if (first.year, first.month) != (last.year, last.month):
        raise CcxError(f"{text!r} is not one month: name one, like 2026-11")
    return first.replace(day=1)


def find_user(connection, key):
    """The user with this login (or, failing that, this name)."""
    key = (key or "").strip()
    if not key:
        raise CcxError("name the person with --user LOGIN")
    users = connection.call(
        "res.users",
        "search_read",
        [("login", "=", key)],
        fields=["name", "login"],
    ) or connection.call(
        "res.users",
        "search_read",
        [("name", "=ilike", key)],
        fields=["name", "login"],
    )
    if not users:
        raise CcxError(f"no user with the login {key!r}")
    if len(users) > 1:
        logins = ", ".join(user["login"] for user in users[:5])
        raise CcxError(f"{key!r} names {len(users)} users ({logins}): use the login")
    return users[0]


def cmd_mailtest(ctx):
    args = ctx.args
    month = month_of(args.month or "this month", ctx.today())
    connection = ctx.connect()
    domain = [("month", "=", month.isoformat())]
    user = None
    if args.user:
        user = find_user(connection, args.user)
        domain.append(("user_id", "=", user["id"]))
    rows = connection.call(
        REPORT,
        "search_read",
        domain,
        fields=REPORT_FIELDS,
        order="customer_share desc, user_id",
    )
    ratings = dict(fields_info(connection, REPORT, ["rating"])["rating"]["selection"])
    data = [
        {
            "user": {"id": row["user_id"][0], "name": row["user_id"][1]},
            "company": name_of(row["company_id"]),
            "month": row["month"],
            "messages": row["message_count"],
            "to_customers": row["customer_message_count"],
            "to_colleagues": row["internal_message_count"],
            "customer_share": row["customer_share"],
            "rating": row["rating"],
        }
        for row in rows
    ]
    label = month.strftime("%Y-%m")
    if not data:
        who = f" for {user['name']}" if user else ""
        text = f"No messages to partners{who} in {label}."
    else:
        columns = [
            Column("user", "person", lambda v, _r: v["name"], width=28),
            Column("messages", "messages", align="right"),
            Column("to_customers", "to customers", align="right"),
            Column("to_colleagues", "to colleagues", align="right"),
            Column(
                "customer_share",
                "customer share",
                lambda v, _r: f"{v:.1f} %",
                align="right",
            ),
            Column("rating", "rating", lambda v, _r: ratings.get(v, v or "")),
        ]
        if len({row["company"] for row in data}) > 1:
            columns.insert(1, Column("company", "company", width=20))
        text = f"Mail test {label}\n\n" + render_table(data, columns)
    ctx.emit(data, text)
    return EXIT_OK
