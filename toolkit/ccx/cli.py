"""Command line: ``ccx [options] COMMAND ...``.

``main(argv, env=..., stdout=..., stderr=...)`` runs one command in-process
and returns its exit code (tests use it); ``run()`` is the console script.
"""

import argparse
import contextlib
import os
import sys

from ccx import __version__, commands
from ccx.context import Context
from ccx.errors import EXIT_ERROR, EXIT_USAGE, CcxError

DESCRIPTION = """\
Script the customer_centricity Odoo addon over XML-RPC: log customer contacts,
list important customers nobody talked to lately, read and recompute customer
lifetime values, import sales history, review the quarterly initiatives,
prepare outreach campaigns with personal notes written offline, and read the
mail test and the customer KPIs (NPS, satisfaction, effort).
"""

EPILOG = """\
connection:
  ~/.config/ccx/config.ini (or --config / CCX_CONFIG), one section per Odoo:
      [shop]
      url = https://odoo.example.com
      database = shop
      login = anna@example.com
      key_file = ~/.config/ccx/shop.key    (password or API key; chmod 600)
  pick a section with --instance / CCX_INSTANCE, or use the environment:
  CCX_URL, CCX_DB, CCX_LOGIN and CCX_PASSWORD or CCX_KEY_FILE. Without a key
  file ccx asks for the password. It never takes it as an argument.

exit codes: 0 ok, 1 error or bad rows, 2 usage, 3 connection/login/addon
missing, 4 refused by the server (access rights).
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _common():
    """Options accepted before and after the command name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print JSON instead of a table",
    )
    parent.add_argument(
        "-i",
        "--instance",
        default=argparse.SUPPRESS,
        help="section of the config file (default: CCX_INSTANCE, or the only one)",
    )
    parent.add_argument(
        "--config",
        default=argparse.SUPPRESS,
        help="config file (default: CCX_CONFIG or ~/.config/ccx/config.ini)",
    )
    parent.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        help="language of the server's labels and messages, e.g. de_DE "
        "(default: CCX_LANG, else your language in Odoo)",
    )
    parent.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="on errors, print the server's whole message",
    )
    return parent


def _non_negative_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def _positive_int(text):
    value = _non_negative_int(text)
    if value == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not above 0")
    return value


def _number(text):
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def _campaign_commands(sub, command):
    campaign = sub.add_parser(
        "campaign", help="outreach campaigns and their personal notes"
    ).add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)

    create = command(
        campaign,
        "create",
        commands.cmd_campaign_create,
        "create an outreach campaign (managers); --prepare chooses the recipients",
    )
    create.add_argument("--name", required=True, help="name of the campaign")
    who = create.add_mutually_exclusive_group(required=True)
    who.add_argument("--segment", help="RFM segment: champions, loyal, at_risk, ...")
    who.add_argument("--tier", help="customer tier: top10, top20, other")
    who.add_argument(
        "--top", type=_positive_int, metavar="N", help="the N most valuable customers"
    )
    who.add_argument(
        "--top-percent",
        type=_number,
        metavar="P",
        help="the most valuable P percent of the customers",
    )
    create.add_argument(
        "--channel",
        default="email",
        help="email (default), letter, card, parcel, email_post",
    )
    create.add_argument("--purpose", help="why we reach out, in a sentence or two")
    create.add_argument(
        "--personal",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="every recipient needs a personal note (the server's default: yes)",
    )
    create.add_argument(
        "--holdout",
        type=_number,
        metavar="PERCENT",
        help="share of recipients drawn at random who get nothing (comparison group)",
    )
    create.add_argument(
        "--favourites",
        type=_non_negative_int,
        metavar="N",
        help="favourite products picked per customer (the server's default: 3)",
    )
    create.add_argument(
        "--prepare",
        action="store_true",
        help="choose the recipients right away (campaign state: preparing)",
    )

    for name, func, text in (
        (
            "prepare",
            commands.cmd_campaign_prepare,
            "choose the recipients of a draft campaign (managers)",
        ),
        (
            "ready",
            commands.cmd_campaign_ready,
            "mark a campaign in preparation ready: every personal note is "
            "written (managers)",
        ),
        (
            "show",
            commands.cmd_campaign_show,
            "one campaign: settings, recipients by state and exclusion reason",
        ),
    ):
        action = command(campaign, name, func, text)
        action.add_argument("campaign", type=_positive_int, help="campaign id")

    listing = command(campaign, "list", commands.cmd_campaign_list, "the campaigns")
    listing.add_argument(
        "--state", help="draft, preparing, ready, sending, done, cancel"
    )

    export = command(
        campaign,
        "export",
        commands.cmd_campaign_export,
        "write a campaign's recipients to CSV, to write the notes in a spreadsheet",
    )
    export.add_argument("campaign", type=_positive_int, help="campaign id")
    export.add_argument("file", help="CSV file to write")
    export.add_argument(
        "--mine", action="store_true", help="only the recipients assigned to me"
    )
    export.add_argument(
        "--open",
        action="store_true",
        help="only recipients whose note you can still write (the server decides)",
    )

    notes = command(
        campaign,
        "import-notes",
        commands.cmd_campaign_import_notes,
        "read personal notes from CSV (recipient_id,note): a dry run unless " "--apply",
    )
    notes.add_argument("campaign", type=_positive_int, help="campaign id")
    notes.add_argument("file", help="CSV file with recipient_id and note")
    notes.add_argument(
        "--apply",
        action="store_true",
        help="write the notes (all in one transaction, only if no row is bad)",
    )


def build_parser():
    common = _common()
    parser = _Parser(
        prog="ccx",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ccx {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(parent, name, func, help_text, **kwargs):
        p = parent.add_parser(
            name, help=help_text, description=help_text, parents=[common], **kwargs
        )
        p.set_defaults(func=func)
        return p

    command(sub, "whoami", commands.cmd_whoami, "check the connection: user, company")

    contact = sub.add_parser("contact", help="customer contacts").add_subparsers(
        dest="subcommand", metavar="SUBCOMMAND", required=True
    )
    log = command(contact, "log", commands.cmd_contact_log, "log one customer contact")
    log.add_argument(
        "--customer", required=True, help="internal reference, e-mail or name"
    )
    log.add_argument(
        "--kind",
        default="visit",
        help="visit, customer_day, call, video_call, feedback_meeting, "
        "online_response, event (default: visit)",
    )
    log.add_argument(
        "--date",
        default="today",
        help="2026-11-20, '2026-11-20 14:30', 20.11.2026, yesterday (default: "
        "today); without a time it starts 9:00 in your Odoo time zone; a future "
        "date is logged as planned",
    )
    log.add_argument("--duration", help="hours, e.g. 1.5")
    log.add_argument(
        "--need", help='the customer\'s answer to "what exactly do you want?"'
    )
    log.add_argument("--note", help="notes / minutes (plain text)")
    log.add_argument("--subject", help="short subject")

    imp = command(
        contact,
        "import",
        commands.cmd_contact_import,
        "import contacts from CSV (customer,kind,date,duration,need): a dry run "
        "unless --apply",
    )
    imp.add_argument("file", help="CSV file")
    imp.add_argument(
        "--apply",
        action="store_true",
        help="create the contacts (all in one transaction, only if no row is bad)",
    )

    gap = command(
        sub,
        "not-contacted",
        commands.cmd_not_contacted,
        "important customers nobody has contacted lately, most valuable first",
    )
    gap.add_argument(
        "--limit", type=_non_negative_int, default=20, help="rows (0: all; 20)"
    )
    gap.add_argument(
        "--mine", action="store_true", help="only customers whose salesperson I am"
    )

    clv = sub.add_parser("clv", help="customer lifetime value").add_subparsers(
        dest="subcommand", metavar="SUBCOMMAND", required=True
    )
    card = command(clv, "card", commands.cmd_clv_card, "the CLV card of one customer")
    card.add_argument("customer", help="internal reference, e-mail or name")

    top = command(clv, "top", commands.cmd_clv_top, "the most valuable customers")
    top.add_argument(
        "--limit", type=_non_negative_int, default=20, help="rows (0: all; 20)"
    )
    top.add_argument("--segment", help="champions, loyal, at_risk, ... (RFM segment)")
    top.add_argument("--tier", help="top10 or top20")

    command(
        clv,
        "recompute",
        commands.cmd_clv_recompute,
        "recompute the values of your company now (managers)",
    )

    offline = command(
        clv,
        "offline",
        commands.cmd_clv_offline,
        "predict CLV from a transactions CSV (customer,date,amount) without a "
        "server, with the addon's BG/NBD + Gamma-Gamma code",
    )
    offline.add_argument("file", help="CSV with customer, date, amount")
    offline.add_argument(
        "--end", help="observation end (default: the last transaction's day)"
    )
    offline.add_argument(
        "--period-days",
        type=int,
        default=1,
        help="purchases within one period count as one (default: 1 day)",
    )
    offline.add_argument(
        "--months", type=int, default=12, help="prediction horizon (default: 12)"
    )
    offline.add_argument(
        "--discount",
        type=float,
        default=0.1,
        help="yearly discount rate (default: 0.1)",
    )
    offline.add_argument(
        "--penalizer",
        type=float,
        default=0.001,
        help="BG/NBD penalizer, as the server uses (default: 0.001)",
    )
    offline.add_argument(
        "--limit", type=_non_negative_int, default=0, help="rows shown (0: all)"
    )

    history = sub.add_parser(
        "history", help="sales history from before Odoo"
    ).add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    himp = command(
        history,
        "import",
        commands.cmd_history_import,
        "check (and with --apply import) a sales CSV: customer,date,amount"
        "[,currency] (managers)",
    )
    _add_import_arguments(himp)

    feedback = sub.add_parser(
        "feedback", help="customer feedback answers"
    ).add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    fimp = command(
        feedback,
        "import",
        commands.cmd_feedback_import,
        "check (and with --apply import) answers from CSV: customer,date and "
        "nps/csat/ces[,comment] (managers)",
    )
    _add_import_arguments(fimp)

    board = command(
        sub,
        "initiatives",
        commands.cmd_initiatives,
        "the quarterly initiatives board, by stage",
    )
    board.add_argument(
        "--quarter",
        help="2026-Q4, 'this quarter' (default), 'last quarter', 2026-11, ...",
    )

    _campaign_commands(sub, command)

    mailtest = command(
        sub,
        "mailtest",
        commands.cmd_mailtest,
        "the mail test: each person's share of messages that went to customers",
    )
    mailtest.add_argument(
        "--month",
        help="2026-11, 'this month' (default), 'last month', 11/2026, ...",
    )
    mailtest.add_argument("--user", help="only this person (login)")

    kpis = command(
        sub,
        "kpis",
        commands.cmd_kpis,
        "customer KPIs of a month or quarter: NPS, satisfied share and effort per "
        "account manager or company, and the customer-contact targets",
    )
    _add_period_arguments(kpis)
    kpis.add_argument(
        "--by",
        choices=["manager", "company"],
        default="manager",
        help="one row per account manager (default) or per company",
    )

    goals = command(
        sub,
        "goals",
        commands.cmd_goals,
        "customer goals of a month or quarter: target, achieved value and status "
        "(yours, your teams' or, for managers, everyone's)",
    )
    _add_period_arguments(goals)
    goals.add_argument("--user", help="only this person (login)")
    return parser


def _add_import_arguments(parser):
    parser.add_argument("file", help="CSV file")
    parser.add_argument("--apply", action="store_true", help="import after the check")
    parser.add_argument(
        "--good-rows",
        action="store_true",
        help="import the good rows even when some rows are bad",
    )
    parser.add_argument("--rejected-file", help="write the bad rows (CSV) to this file")


def _add_period_arguments(parser):
    period = parser.add_mutually_exclusive_group()
    period.add_argument(
        "--month", help="2026-11, 'this month' (default), 'last month', 11/2026, ..."
    )
    period.add_argument(
        "--quarter", help="2026-Q4, 'this quarter', 'last quarter', 2026-11, ..."
    )


def main(argv=None, env=None, stdout=None, stderr=None, prompt=None):
    """Run one ccx command; return the exit code."""
    env = dict(os.environ if env is None else env)
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = parser.parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    ctx = Context(args, env, stdout=stdout, stderr=stderr, prompt=prompt)
    try:
        return args.func(ctx)
    except CcxError as error:
        print(f"ccx: error: {ctx.scrub(error.message)}", file=stderr)
        if error.detail and getattr(args, "verbose", False):
            print(ctx.scrub(error.detail), file=stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("ccx: interrupted", file=stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


def run():
    sys.exit(main())
