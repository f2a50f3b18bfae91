"""ccx whoami: check the connection."""

from ccx.connection import ADDON
from ccx.errors import EXIT_OK
from ccx.output import (
    name_of,
    render_pairs,
)


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
