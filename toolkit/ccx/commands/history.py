"""ccx history import and ccx feedback import: CSV files through the server's
import wizards, which check every row (dry run unless --apply)."""

import base64
from pathlib import Path

from ccx.commands.common import (
    html_lines,
)
from ccx.errors import EXIT_ERROR, EXIT_OK, CcxError

HISTORY_WIZARD = "customer.value.history.import"
FEEDBACK_WIZARD = "customer.feedback.import"
WIZARD_FIELDS = ["state", "valid_count", "rejected_count", "imported_count", "report"]


def cmd_history_import(ctx):
    return import_through_wizard(ctx, HISTORY_WIZARD)


def cmd_feedback_import(ctx):
    return import_through_wizard(ctx, FEEDBACK_WIZARD)


def import_through_wizard(ctx, wizard_model):
    """Upload the file, let the server check it, import on --apply."""
    args = ctx.args
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise CcxError(f"cannot read {path}: {error.strerror}") from None
    connection = ctx.connect()
    ctx.progress(f"ccx: uploading {path.name} ({len(content):,} bytes) and checking…")
    wizard_id = connection.call(
        wizard_model,
        "create",
        {
            "file": base64.b64encode(content).decode("ascii"),
            "filename": path.name,
            "import_valid_rows": bool(args.good_rows),
        },
    )
    connection.call(wizard_model, "action_check", [wizard_id])
    (wizard,) = connection.call(wizard_model, "read", [wizard_id], fields=WIZARD_FIELDS)
    check_report = html_lines(wizard["report"])
    valid, rejected = wizard["valid_count"], wizard["rejected_count"]
    can_import = valid > 0 and (rejected == 0 or args.good_rows)
    imported = 0
    if args.apply and can_import:
        ctx.progress(f"ccx: importing {valid} row(s)…")
        connection.call(wizard_model, "action_import", [wizard_id])
        (wizard,) = connection.call(
            wizard_model, "read", [wizard_id], fields=WIZARD_FIELDS
        )
        imported = wizard["imported_count"]
    if args.rejected_file and rejected:
        (rejected_data,) = connection.call(
            wizard_model, "read", [wizard_id], fields=["rejected_file"]
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
