# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Load test: the demo database under Odoo's multi-process server, with faults.

Run through ``make loadtest`` (``tools/dev.sh loadtest``), which copies the
demo database into a throwaway one and writes the server configuration
(workers, one cron worker, limits, the SMTP port of the sink).

This script starts that server and a local SMTP sink, prepares customers,
a campaign, feedback links and a sales-history file over XML-RPC, then drives
every kind of request at once for a bounded time while it injects faults:

- a worker process killed with SIGKILL in the middle of a sending batch;
- the PostgreSQL connection of the history import terminated once;
- the SMTP sink answering 421 for ten seconds.

It then lets the crons finish what was interrupted and checks the invariants.
One JSON document goes to stdout; the exit status is 1 when an invariant is
broken.

People in the shops use the web client's JSON-RPC, managers and the import
XML-RPC, customers the public feedback page (plain HTTP). Plain threads with
``xmlrpc.client`` and ``http.client`` rather than Locust: no extra dependency,
exact control over when each fault fires, and the invariants are read in the
same process that counted the requests.
"""

import argparse
import base64
import configparser
import contextlib
import csv
import dataclasses
import email
import http.client
import io
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import xmlrpc.client
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone

import psutil
import psycopg2
from aiosmtpd.controller import Controller

MANAGERS = ("anna.berger", "jonas.keller")
STAFF = (
    "melanie.fuchs",
    "lukas.hofbauer",
    "sarah.winkler",
    "stefan.koller",
    "christina.haas",
    "thomas.reiter",
    "magdalena.poelzl",
    "florian.weber",
    "verena.strobl",
    "markus.kainz",
    "eva.lechner",
)
RPC_TIMEOUT = 900  # seconds: the import and a send may take minutes
SMTP_REFUSAL_SECONDS = 10
SMTP_REFUSAL_AFTER_MESSAGES = 3  # from the sink's count when the fault is armed


@dataclasses.dataclass
class Sizes:
    duration: int
    recipients: int
    history_rows: int
    clients: int
    feedback_customers: int
    drain_seconds: int
    think_seconds: int  # between two clicks of one person (mean)


FULL = Sizes(180, 5000, 100_000, 50, 20, 300, 5)
SMOKE = Sizes(30, 500, 10_000, 10, 20, 180, 3)
LOGIN_ATTEMPTS = 5


# ----------------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------------
class Stats:
    """Latency per kind of request and errors per kind, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = defaultdict(Counter)

    @contextlib.contextmanager
    def timed(self, kind):
        start = time.monotonic()
        try:
            yield
        except Exception as error:
            self.error(kind, error)
            raise
        with self.lock:
            self.latencies[kind].append(time.monotonic() - start)

    def error(self, kind, error):
        with self.lock:
            self.errors[kind][describe(error)] += 1

    def report(self, seconds):
        total = sum(len(values) for values in self.latencies.values())
        return {
            "requests": total,
            "requests_per_second": round(total / seconds, 1) if seconds else 0,
            "latency_ms": {
                kind: percentiles(values)
                for kind, values in sorted(self.latencies.items())
            },
            "errors": {kind: dict(counts) for kind, counts in self.errors.items()},
        }


def percentiles(values):
    ordered = sorted(values)

    def at(share):
        return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))])

    return {"count": len(ordered), "p50": at(0.5), "p95": at(0.95), "p99": at(0.99)}


def describe(error):
    """A short, stable name for an error: what failed, not the whole trace."""
    if isinstance(error, xmlrpc.client.Fault):
        lines = [line for line in error.faultString.strip().splitlines() if line]
        return f"Fault: {lines[-1][:160] if lines else error.faultCode}"
    return f"{type(error).__name__}: {str(error)[:120]}"


# ----------------------------------------------------------------------------
# Clients
# ----------------------------------------------------------------------------
class TimeoutTransport(xmlrpc.client.Transport):
    """A time limit, and no silent second attempt when the server drops us.

    ``xmlrpc.client`` sends a request again when the connection breaks: after
    a killed worker that would hide the fault (and run the call twice).
    """

    def request(self, host, handler, request_body, verbose=False):
        return self.single_request(host, handler, request_body, verbose)

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = RPC_TIMEOUT
        return connection


class Rpc:
    """One user's XML-RPC session (one per thread: ServerProxy is not shared)."""

    def __init__(self, url, db, login, password=None):
        self.db, self.password = db, password or login
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, login, self.password, {})
        if not self.uid:
            raise RuntimeError(f"cannot log in as {login}")
        self.transport = TimeoutTransport()
        self.proxy = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", allow_none=True, transport=self.transport
        )

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def local_port(self):
        """The client port of the request in flight: it names the worker."""
        connection = getattr(self.transport, "_connection", (None, None))[1]
        sock = getattr(connection, "sock", None)
        return sock.getsockname()[1] if sock else None


def with_retries(connect):
    """Log in again when the server is too busy to accept the connection.

    Logging in is not what is measured; a person tries again too.
    """
    for attempt in range(1, LOGIN_ATTEMPTS + 1):
        try:
            return connect()
        except (OSError, http.client.HTTPException):
            if attempt == LOGIN_ATTEMPTS:
                raise
            time.sleep(2 * attempt)


class WebClient:
    """A browser's session: JSON-RPC calls as the web client makes them."""

    def __init__(self, port, db, login):
        self.port, self.cookie = port, ""
        result = self._post(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": login},
        )
        self.uid = result["uid"]

    def __call__(self, model, method, *args, **kwargs):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _post(self, path, params):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, RPC_TIMEOUT)
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        headers = {"Content-Type": "application/json", "Cookie": self.cookie}
        connection.request("POST", path, body, headers)
        response = connection.getresponse()
        payload = response.read()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        answer = json.loads(payload)
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RuntimeError(data.get("message") or answer["error"]["message"])
        return answer["result"]


class SmtpSink:
    """Records every message by its Message-Id; answers 421 while refusing."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (received at, Message-Id, addresses)
        self.refused = 0
        self.refusing_until = 0.0
        self.refusal = None  # (from the message number on, for seconds)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self._start_armed_refusal()
        if time.monotonic() < self.refusing_until:
            with self.lock:
                self.refused += 1
            return "421 4.3.2 Service not available, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message_id = email.message_from_bytes(envelope.content).get("Message-Id", "")
        with self.lock:
            self.messages.append(
                (
                    time.time(),
                    normalise_message_id(message_id),
                    [address.lower() for address in envelope.rcpt_tos],
                )
            )
        return "250 Message accepted for delivery"

    def refuse_from(self, message_number, seconds):
        """Refuse for `seconds` once `message_number` messages were accepted.

        The sink starts the refusal itself, at a MAIL command: it meets an
        e-mail of a queue that is sending, however fast the queue drains.
        """
        self.refusal = (message_number, seconds)

    def _start_armed_refusal(self):
        if self.refusal and self.count() >= self.refusal[0]:
            self.refusing_until = time.monotonic() + self.refusal[1]
            self.refusal = None

    def refusal_started(self):
        return self.refusing_until > 0

    def count(self):
        with self.lock:
            return len(self.messages)

    def rate(self):
        """Messages per second between the first and the last one."""
        with self.lock:
            times = [at for at, _mid, _to in self.messages]
        if len(times) < 2 or times[-1] == times[0]:
            return None
        return round(len(times) / (times[-1] - times[0]), 1)

    def count_by_message_id(self):
        with self.lock:
            return Counter(message_id for _at, message_id, _to in self.messages)


def normalise_message_id(value):
    return (value or "").strip().strip("<>").strip()


# ----------------------------------------------------------------------------
# The server
# ----------------------------------------------------------------------------
class Server:
    """The Odoo server this script starts (and stops) in multi-process mode."""

    def __init__(self, args):
        parser = configparser.ConfigParser()
        parser.read(args.config)
        options = parser["options"]
        self.options = options
        self.db = options["db_name"]
        self.url = f"http://127.0.0.1:{options['http_port']}"
        self.port = int(options["http_port"])
        self.smtp_port = int(options["smtp_port"])
        self.log_path = args.config.replace(".conf", ".log")
        self.command = [
            sys.executable,
            args.odoo_bin,
            "-c",
            args.config,
            "--log-level=warn",
            "--log-handler=odoo.addons.customer_centricity:INFO",
            "--log-handler=odoo.addons.base.models.ir_cron:INFO",
            f"--logfile={self.log_path}",
        ]
        self.process = None

    def start(self):
        # own session: stopping the server stops its workers, nothing else
        self.process = subprocess.Popen(self.command, start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start, see {self.log_path}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", self.port, 5)
                connection.request("GET", "/web/health")
                if connection.getresponse().status == 200:
                    return
            time.sleep(1)
        raise RuntimeError("Odoo did not answer within 180 s")

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def workers(self):
        return {child.pid for child in psutil.Process(self.process.pid).children()}

    def worker_serving(self, client_port):
        """The HTTP worker holding the connection of a client port, if any."""
        if not client_port:
            return None
        for child in psutil.Process(self.process.pid).children():
            with contextlib.suppress(psutil.Error):
                for connection in child.connections("tcp"):
                    if (
                        connection.status == psutil.CONN_ESTABLISHED
                        and connection.raddr
                        and connection.raddr.port == client_port
                    ):
                        return child.pid
        return None

    def cron_worker(self):
        """The cron worker: the one listening for cron triggers on 'postgres'."""
        names = [f"odoo-{pid}" for pid in self.workers()]
        rows = self.query(
            "SELECT application_name FROM pg_stat_activity "
            "WHERE datname = 'postgres' AND application_name = ANY(%s)",
            (names,),
        )
        return int(rows[0][0].removeprefix("odoo-")) if rows else None

    def connect(self, dbname=None):
        options = self.options
        host = options.get("db_host") or None
        connection = psycopg2.connect(
            dbname=dbname or self.db,
            host=None if host == "False" else host,
            port=options.get("db_port"),
            user=options.get("db_user"),
            application_name="loadtest",
        )
        connection.autocommit = True
        return connection

    def query(self, sql, params=(), dbname=None):
        with contextlib.closing(self.connect(dbname)) as connection:
            with connection.cursor() as cr:
                cr.execute(sql, params or None)
                return cr.fetchall() if cr.description else None

    def trigger_cron(self, xmlid):
        """Run a scheduled action now, as its schedule would, in the cron worker."""
        module, name = xmlid.split(".")
        self.query(
            "INSERT INTO ir_cron_trigger (cron_id, call_at) "
            "SELECT res_id, now() at time zone 'UTC' FROM ir_model_data "
            "WHERE module = %s AND name = %s",
            (module, name),
        )
        # the cron workers listen on the 'postgres' database (as Odoo notifies)
        self.query(
            "SELECT pg_notify('cron_trigger', %s)", (self.db,), dbname="postgres"
        )

    def error_lines(self):
        """ERROR and CRITICAL lines of the server log, by logger and message."""
        counts = Counter()
        with contextlib.suppress(FileNotFoundError), open(self.log_path) as log:
            for line in log:
                parts = line.split(" ", 5)
                if len(parts) == 6 and parts[3] in ("ERROR", "CRITICAL"):
                    counts[parts[5].strip()[:160]] += 1
        return dict(counts.most_common(20))


# ----------------------------------------------------------------------------
# Setup
# ----------------------------------------------------------------------------
class Scenario:
    """The data the load works on, created over XML-RPC as the administrator."""

    def __init__(self, server, sizes, run_id):
        self.server, self.sizes, self.run_id = server, sizes, run_id
        self.admin = Rpc(server.url, server.db, "admin")
        self.partner_ids = []
        self.excluded_emails = set()
        self.campaign_id = None
        self.feedback_tokens = []
        self.history_csv = b""

    def prepare(self):
        self._use_the_sink()
        self._set_staff_passwords()
        self._create_customers()
        self._create_campaign()
        self._request_feedback()
        self.history_csv = self._history_file()

    def _set_staff_passwords(self):
        # the demo gives the staff no password: their login, in this copy only
        users = self.admin(
            "res.users", "search_read", [("login", "in", STAFF)], ["login"]
        )
        for user in users:
            self.admin("res.users", "write", [user["id"]], {"password": user["login"]})

    def _use_the_sink(self):
        # the configured SMTP server (the sink) is used only without mail servers
        servers = self.admin("ir.mail_server", "search", [])
        if servers:
            self.admin("ir.mail_server", "write", servers, {"active": False})

    def _create_customers(self):
        count = self.sizes.recipients
        for start in range(0, count, 1000):
            vals = [
                {
                    "name": f"LT {self.run_id} Kunde {index}",
                    "email": self.email(index),
                    "is_company": True,
                }
                for index in range(start, min(start + 1000, count))
            ]
            self.partner_ids += self.admin("res.partner", "create", vals)
        # about 1 % blacklisted and 1 % opted out before the campaign
        step = 100
        blacklisted = [self.email(i) for i in range(0, count, step)]
        self.admin("mail.blacklist", "create", [{"email": e} for e in blacklisted])
        opted_out = [self.partner_ids[i] for i in range(1, count, step)]
        self.admin("res.partner", "write", opted_out, {"outreach_opt_out": True})
        self.excluded_emails = set(blacklisted) | {
            self.email(i) for i in range(1, count, step)
        }

    def email(self, index):
        return f"lt{self.run_id}.{index}@example.com"

    def _create_campaign(self):
        anna = self.admin("res.users", "search", [("login", "=", MANAGERS[0])])[0]
        self.campaign_id = self.admin(
            "customer.outreach.campaign",
            "create",
            {
                "name": f"LT {self.run_id} Frühlingsgruß",
                "channel": "email",
                "personal": False,
                "selection_mode": "manual",
                "user_id": anna,
            },
        )
        self.admin(
            "customer.outreach.campaign",
            "action_add_partners",
            [self.campaign_id],
            self.partner_ids,
        )
        self.admin("customer.outreach.campaign", "action_ready", [self.campaign_id])

    def _request_feedback(self):
        """Feedback links the way the shop makes them: a visit, then the cron."""
        partners = self.partner_ids[2 : 2 + self.sizes.feedback_customers]
        company = self.admin("res.users", "read", [self.admin.uid], ["company_id"])
        company_id = company[0]["company_id"][0]
        self.admin(
            "res.company",
            "write",
            [company_id],
            {"feedback_auto_request": True, "feedback_request_delay_days": 7},
        )
        visit = datetime.now(timezone.utc) - timedelta(days=7)
        self.admin(
            "customer.contact",
            "create",
            [
                {
                    "partner_id": partner,
                    "kind": "visit",
                    "date_start": visit.strftime("%Y-%m-%d 10:00:00"),
                }
                for partner in partners
            ],
        )
        cron = self.server.query(
            "SELECT res_id FROM ir_model_data WHERE module = 'customer_centricity' "
            "AND name = 'customer_feedback_request_cron'"
        )[0][0]
        self.admin("ir.cron", "method_direct_trigger", [cron])
        rows = self.server.query(
            "SELECT access_token FROM customer_feedback "
            "WHERE partner_id = ANY(%s) AND state = 'requested'",
            (partners,),
        )
        self.feedback_tokens = [token for (token,) in rows]

    def _history_file(self):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["customer", "date", "amount"])
        rng = random.Random(7)
        first = date.today() - timedelta(days=3 * 365)
        for row in range(self.sizes.history_rows):
            index = row % self.sizes.recipients
            day = first + timedelta(days=rng.randrange(3 * 365 - 30))
            writer.writerow([self.email(index), day.isoformat(), rng.randrange(5, 900)])
        return out.getvalue().encode()


# ----------------------------------------------------------------------------
# Load
# ----------------------------------------------------------------------------
class Load:
    """Every kind of client, the faults, and what each of them saw.

    People in the shops use the web client (JSON-RPC over HTTP), managers and
    the import an integration's XML-RPC, customers the public page.
    """

    def __init__(self, server, scenario, sink, stats):
        self.server, self.scenario, self.sink, self.stats = (
            server,
            scenario,
            sink,
            stats,
        )
        self.sizes = scenario.sizes
        self.deadline = 0.0
        self.contacts = {}  # name -> id created, or None when the call failed
        self.feedback_pages = defaultdict(list)  # token -> pages answered
        self.send_results = {}
        self.senders = {}  # login -> Rpc while its action_send is in flight
        self.imports = []  # (file name, outcome)
        self.faults = []
        self.late_exclusions = {}  # e-mail -> time it was excluded
        self.peak_connections = 0
        self.lock = threading.Lock()

    def run(self):
        self.deadline = time.monotonic() + self.sizes.duration
        threads = [
            *(
                self._thread(self._contact_client, index)
                for index in range(self.sizes.clients)
            ),
            self._thread(self._feedback_customers),
            self._thread(self._campaign_senders),
            self._thread(self._history_import),
            self._thread(self._clv_recompute),
            self._thread(self._mail_queue),
            self._thread(self._count_connections),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.sizes.duration + RPC_TIMEOUT)

    def _thread(self, target, *args):
        def guarded():
            try:
                target(*args)
            except Exception as error:  # a client that died is an error, not a crash
                self.stats.error(f"client:{target.__name__}", error)

        return threading.Thread(target=guarded, daemon=True)

    def _running(self):
        return time.monotonic() < self.deadline

    def _ramp(self):
        """People arrive over the first ninth of the run, not in one second."""
        return self.sizes.duration / 9

    # -- 50 people logging contacts and reading their figures ------------------
    def _contact_client(self, index):
        login = STAFF[index % len(STAFF)]
        time.sleep(self._ramp() * index / self.sizes.clients)
        rpc = with_retries(lambda: WebClient(self.server.port, self.server.db, login))
        rng = random.Random(index)
        sequence = 0
        while self._running():
            sequence += 1
            self._log_contact(
                rpc, rng, f"LT {self.scenario.run_id} c{index} #{sequence}"
            )
            self._read(rpc, rng)
            think = self.sizes.think_seconds
            time.sleep(rng.uniform(think / 2, think * 1.5))

    def _log_contact(self, rpc, rng, name):
        vals = {
            "name": name,
            "partner_id": rng.choice(self.scenario.partner_ids),
            "kind": "call",
        }
        try:
            with self.stats.timed("contact.create"):
                contact_id = rpc("customer.contact", "create", vals)
        except Exception:  # counted by timed(); stored at most once
            contact_id = None
        with self.lock:
            self.contacts[name] = contact_id

    def _read(self, rpc, rng):
        kind, call = rng.choice(
            [
                (
                    "report.my_month",
                    lambda: rpc(
                        "customer.contact.report",
                        "search_read",
                        [("user_id", "=", rpc.uid)],
                        fields=["month", "contact_count", "contact_target"],
                        limit=80,
                    ),
                ),
                (
                    "report.not_contacted_lately",
                    lambda: rpc(
                        "customer.contact.gap.report",
                        "search_read",
                        [("lapsed", "=", True)],
                        fields=["partner_id", "days_since_contact", "importance"],
                        limit=80,
                        order="importance desc",
                    ),
                ),
                (
                    "dashboard.get_board",
                    lambda: rpc(
                        "customer.centricity.dashboard", "get_board", "quarter"
                    ),
                ),
            ]
        )
        with contextlib.suppress(Exception), self.stats.timed(kind):
            call()

    # -- customers answering the public page, some twice at once ----------------
    def _feedback_customers(self):
        time.sleep(self._ramp())
        threads = []
        for position, token in enumerate(self.scenario.feedback_tokens):
            twice = position % 4 == 0
            barrier = threading.Barrier(2 if twice else 1)
            for _copy in range(2 if twice else 1):
                threads.append(
                    threading.Thread(target=self._answer, args=(token, barrier))
                )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)

    def _answer(self, token, barrier):
        path = f"/customer-feedback/{token}"
        with contextlib.suppress(Exception), self.stats.timed("feedback.get"):
            self._http("GET", path)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(RPC_TIMEOUT)
        body = urllib.parse.urlencode({"nps": "9", "csat": "4", "ces": "2"})
        for attempt in range(1, 4):
            try:
                with self.stats.timed("feedback.post"):
                    status, page = self._http("POST", path, body)
            except (OSError, http.client.HTTPException):
                # no answer from the server: the customer sends it again
                self._record_page(token, "no response")
                time.sleep(2 * attempt)
                continue
            except RuntimeError as error:  # a server error page
                self._record_page(token, str(error))
                return
            answered = status == 200 and b"Thank you!" in page
            self._record_page(token, "thanks" if answered else status)
            return

    def _record_page(self, token, outcome):
        with self.lock:
            self.feedback_pages[token].append(outcome)

    def _http(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, 120)
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        page = response.read()
        if response.status >= 500:
            raise RuntimeError(f"HTTP {response.status}")
        return response.status, page

    # -- two managers and the cron send the same campaign at the same moment ---
    def _campaign_senders(self):
        time.sleep(self._ramp() + 3)
        barrier = threading.Barrier(3)
        senders = [self._thread(self._send_as, login, barrier) for login in MANAGERS]
        senders.append(self._thread(self._send_by_cron, barrier))
        for thread in senders:
            thread.start()
        self._exclude_during_sending()
        self._kill_the_sender()
        self._refuse_smtp_mid_queue()
        for thread in senders:
            thread.join(RPC_TIMEOUT)

    def _send_as(self, login, barrier):
        rpc = with_retries(lambda: Rpc(self.server.url, self.server.db, login))
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(RPC_TIMEOUT)
        self.senders[login] = rpc
        try:
            with self.stats.timed("campaign.action_send"):
                rpc(
                    "customer.outreach.campaign",
                    "action_send",
                    [self.scenario.campaign_id],
                )
            self.send_results[login] = "sent"
        except Exception as error:  # the other sender holds the lock
            self.send_results[login] = describe(error)
        finally:
            self.senders.pop(login)

    def _send_by_cron(self, barrier):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(RPC_TIMEOUT)
        self.server.trigger_cron("customer_centricity.customer_outreach_cron_send")
        self.send_results["cron"] = "triggered"

    def _exclude_during_sending(self):
        """A few customers object while the campaign is being sent."""
        time.sleep(2)
        rpc = self.scenario.admin
        count = self.sizes.recipients
        picked = range(count - 1, count // 2, -(count // 10))
        emails = [self.scenario.email(index) for index in picked]
        rpc("mail.blacklist", "create", [{"email": address} for address in emails])
        now = time.time()
        with self.lock:
            self.late_exclusions.update(dict.fromkeys(emails, now))

    def _kill_the_sender(self):
        """SIGKILL the process holding the campaign's send lock, mid-batch."""
        # within the first 200, which the manager's request sends itself
        # (SEND_BATCHES_PER_REQUEST); the cron sends the rest
        target = max(1, min(self.sizes.recipients // 5, 100))
        deadline = time.monotonic() + self.sizes.duration
        while time.monotonic() < deadline:
            sent = self._sent_count()
            pid, kind = self._send_lock_holder() if sent >= target else (None, None)
            if pid:
                os.kill(pid, signal.SIGKILL)
                self.faults.append(
                    {
                        "fault": "SIGKILL of the sending worker",
                        "pid": pid,
                        "worker": kind,
                        "recipients_sent_before": sent,
                        "at_second": self._elapsed(),
                    }
                )
                # the send cron runs every 10 minutes; here: right away
                time.sleep(2)
                self.server.trigger_cron(
                    "customer_centricity.customer_outreach_cron_send"
                )
                return
            time.sleep(0.3)
        self.faults.append({"fault": "SIGKILL of the sending worker", "skipped": True})

    def _sent_count(self):
        return self.server.query(
            "SELECT count(*) FROM customer_outreach_recipient "
            "WHERE campaign_id = %s AND state = 'sent'",
            (self.scenario.campaign_id,),
        )[0][0]

    def _send_lock_holder(self):
        """The worker that is sending: the one serving an action_send in flight.

        The loser of the two managers is refused at once (the campaign's row
        lock); the request still open is the sending one. Without any, the
        cron worker sends.
        """
        for rpc in list(self.senders.values()):
            pid = self.server.worker_serving(rpc.local_port())
            if pid:
                return pid, "http worker"
        if self._campaign_state() == "sending":
            return self.server.cron_worker(), "cron worker"
        return None, None

    def _campaign_state(self):
        return self.server.query(
            "SELECT state FROM customer_outreach_campaign WHERE id = %s",
            (self.scenario.campaign_id,),
        )[0][0]

    def _refuse_smtp_mid_queue(self):
        """The mail server refuses for ten seconds while the queue is sending.

        Armed in the sink a few messages ahead: watching the queue from here
        and then refusing came too late once, when a fast queue had drained
        in between. A refusal that met no e-mail tested nothing: the fault
        counts as skipped then.
        """
        deadline = self.deadline + self.sizes.drain_seconds
        messages_before = self.sink.count() + SMTP_REFUSAL_AFTER_MESSAGES
        self.sink.refuse_from(messages_before, SMTP_REFUSAL_SECONDS)
        while time.monotonic() < deadline and not self.sink.refusal_started():
            self.server.trigger_cron("mail.ir_cron_mail_scheduler_action")
            time.sleep(1)
        fault = {
            "fault": "SMTP sink answers 421",
            "seconds": SMTP_REFUSAL_SECONDS,
            "messages_before": messages_before,
            "at_second": self._elapsed(),
        }
        time.sleep(max(0, self.sink.refusing_until - time.monotonic()))
        fault["refusals"] = self.sink.refused
        fault["skipped"] = not self.sink.refused
        self.faults.append(fault)

    def _count_connections(self):
        """The peak of PostgreSQL connections of the server (db_maxconn sizing)."""
        while self._running():
            count = self.server.query(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE "
                "'odoo-%%' AND (datname = %s OR datname = 'postgres')",
                (self.server.db,),
            )[0][0]
            self.peak_connections = max(self.peak_connections, count)
            time.sleep(1)

    def _mail_queue(self):
        """Odoo's mail queue cron, run every few seconds as a busy shop would."""
        while self._running():
            self.server.trigger_cron("mail.ir_cron_mail_scheduler_action")
            time.sleep(5)

    # -- the history import, its connection terminated once ---------------------
    def _history_import(self):
        time.sleep(self._ramp() + 2)
        rpc = with_retries(lambda: Rpc(self.server.url, self.server.db, MANAGERS[0]))
        killer = threading.Thread(target=self._terminate_import_connection)
        killer.start()
        for attempt in range(1, 4):
            name = f"lt-{self.scenario.run_id}-history-{attempt}.csv"
            try:
                with self.stats.timed("history.import"):
                    self._import(rpc, name)
                self.imports.append((name, "imported"))
                break
            except Exception as error:  # the manager tries again
                self.imports.append((name, describe(error)))
        killer.join(RPC_TIMEOUT)

    def _import(self, rpc, name):
        data = base64.b64encode(self.scenario.history_csv).decode()
        model = "customer.value.history.import"
        wizard = rpc(model, "create", {"file": data, "filename": name})
        rpc(model, "action_import", [wizard])

    def _terminate_import_connection(self):
        """Terminate the import's database connection in the middle of it.

        When it inserts rows, or at the latest 3 s into the import's
        transaction (the rows are checked and looked up first).
        """
        deadline = time.monotonic() + self.sizes.duration
        while time.monotonic() < deadline:
            backend = self._import_backend()
            if backend:
                self.server.query("SELECT pg_terminate_backend(%s)", (backend,))
                self.faults.append(
                    {
                        "fault": "pg_terminate_backend during the import",
                        "backend": backend,
                        "at_second": self._elapsed(),
                    }
                )
                return
            time.sleep(0.1)
        self.faults.append({"fault": "pg_terminate_backend", "skipped": True})

    def _import_backend(self):
        """The backend whose transaction holds the import wizard's row lock."""
        rows = self.server.query(
            "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'relation' AND l.mode = 'RowShareLock' AND l.granted "
            "AND l.relation = 'customer_value_history_import'::regclass "
            "AND (a.query LIKE '%\"customer_value_history\"%' "
            "     OR now() - a.xact_start > interval '3 seconds')"
        )
        return rows[0][0] if rows else None

    def _clv_recompute(self):
        time.sleep(self._ramp() + 5)
        rpc = with_retries(lambda: Rpc(self.server.url, self.server.db, MANAGERS[1]))
        while self._running():
            with contextlib.suppress(Exception), self.stats.timed("clv.recompute"):
                rpc("customer.value", "action_recompute", [])
            time.sleep(5)

    def _elapsed(self):
        return round(self.sizes.duration - (self.deadline - time.monotonic()), 1)


# ----------------------------------------------------------------------------
# After the load: let the crons finish, then check
# ----------------------------------------------------------------------------
def drain(server, scenario, seconds):
    """Run the send cron and the mail queue until nothing is left (bounded).

    The send cron also finishes done campaigns' business: it finds e-mails
    lost on a dropped SMTP session and retries temporary refusals.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state, outgoing = campaign_progress(server, scenario.campaign_id)
        if state == "done" and not outgoing and not refused(server, scenario):
            return True
        server.trigger_cron("customer_centricity.customer_outreach_cron_send")
        server.trigger_cron("mail.ir_cron_mail_scheduler_action")
        time.sleep(5)
    return False


def refused(server, scenario):
    """E-mails of the campaign the mail server has not taken (yet)."""
    return server.query(
        "SELECT count(*) FROM mail_mail m JOIN customer_outreach_recipient r "
        "ON r.mail_id = m.id WHERE r.campaign_id = %s AND m.state = 'exception' "
        "AND r.state != 'excluded'",
        (scenario.campaign_id,),
    )[0][0]


def campaign_progress(server, campaign_id):
    state = server.query(
        "SELECT state FROM customer_outreach_campaign WHERE id = %s", (campaign_id,)
    )[0][0]
    outgoing = server.query(
        "SELECT count(*) FROM mail_mail m JOIN customer_outreach_recipient r "
        "ON r.mail_id = m.id WHERE r.campaign_id = %s AND m.state = 'outgoing'",
        (campaign_id,),
    )[0][0]
    return state, outgoing


def recipient_states(server, campaign_id):
    return dict(
        server.query(
            "SELECT state, count(*) FROM customer_outreach_recipient "
            "WHERE campaign_id = %s GROUP BY state",
            (campaign_id,),
        )
    )


def mail_states(server, campaign_id):
    """The queue's view of the campaign's e-mails (sent, exception, ...)."""
    return dict(
        server.query(
            "SELECT m.state, count(*) FROM mail_mail m "
            "JOIN customer_outreach_recipient r ON r.mail_id = m.id "
            "WHERE r.campaign_id = %s GROUP BY m.state",
            (campaign_id,),
        )
    )


class Checks:
    """The invariants, each with what was found."""

    def __init__(self, server, scenario, sink, load):
        self.server, self.scenario, self.sink, self.load = server, scenario, sink, load
        self.results = {}

    def check(self, name, ok, **detail):
        self.results[name] = {"ok": bool(ok), **detail}

    def contacts_stored_once(self):
        names = list(self.load.contacts)
        rows = self.server.query(
            "SELECT name, array_agg(id) FROM customer_contact WHERE name = ANY(%s) "
            "GROUP BY name",
            (names,),
        )
        stored = dict(rows or ())
        created = {n: i for n, i in self.load.contacts.items() if i}
        missing = [n for n in created if stored.get(n) != [created[n]]]
        doubled = [n for n, ids in stored.items() if len(ids) > 1]
        self.check(
            "every logged contact stored exactly once",
            not missing and not doubled,
            logged=len(created),
            failed_calls=len(names) - len(created),
            failed_calls_stored=sum(
                1 for n in names if n not in created and n in stored
            ),
            missing_or_different=missing[:10],
            stored_twice=doubled[:10],
        )

    def feedback_links_used_once(self):
        tokens = self.scenario.feedback_tokens
        states = dict(
            self.server.query(
                "SELECT f.access_token, f.state || ':' || "
                "(SELECT count(*) FROM customer_feedback_rating r "
                "  WHERE r.feedback_id = f.id) "
                "FROM customer_feedback f WHERE f.access_token = ANY(%s)",
                (tokens,),
            )
        )
        # used once: answered, and never two thank-you pages for one link (a
        # lost response may hide the one thank-you page: then none)
        wrong = {
            token[:6]: pages
            for token, pages in self.load.feedback_pages.items()
            if pages.count("thanks") > 1
            or not states.get(token, "").startswith("answered")
        }
        self.check(
            "every feedback link used once",
            tokens and not wrong,
            links=len(tokens),
            posts=sum(len(p) for p in self.load.feedback_pages.values()),
            thank_you_pages=sum(
                p.count("thanks") for p in self.load.feedback_pages.values()
            ),
            refused_as_already_answered=sum(
                p.count(404) for p in self.load.feedback_pages.values()
            ),
            wrong=wrong,
        )

    def campaign_mailed_once(self, failed_before_retry):
        campaign = self.scenario.campaign_id
        rows = self.server.query(
            "SELECT r.id, r.state, r.exclusion_reason, p.email_normalized "
            "FROM customer_outreach_recipient r JOIN res_partner p "
            "ON p.id = r.partner_id WHERE r.campaign_id = %s",
            (campaign,),
        )
        received = self._received_by_recipient(campaign)
        expected = [r for r in rows if r[1] in ("sent", "delivered")]
        not_once = [rid for rid, *_rest in expected if received.get(rid) != 1]
        with self.sink.lock:
            addressed = {a for _at, _mid, to in self.sink.messages for a in to}
        excluded_mailed = sorted(addressed & self.scenario.excluded_emails)
        late = self._mailed_after_exclusion()
        left = [rid for rid, state, *_r in rows if state in ("ready", "failed")]
        self.check(
            "every campaign recipient received exactly one e-mail",
            not not_once and not left and len(expected) > 0,
            recipients=len(rows),
            mailed=len(expected),
            excluded=sum(1 for r in rows if r[1] == "excluded"),
            messages_at_sink=sum(received[rid] for rid, *_r in rows),
            not_exactly_once=not_once[:10],
            left_ready_or_failed=len(left),
            received_twice=sum(1 for count in received.values() if count > 1),
        )
        self.check(
            "no e-mail to blacklisted or opted-out customers",
            not excluded_mailed and not late,
            excluded_before_sending_mailed=excluded_mailed[:10],
            mailed_after_late_blacklisting=late[:10],
            blacklisted_during_sending=len(self.load.late_exclusions),
        )
        self.check(
            "a refused SMTP batch is sent again without a manual retry",
            failed_before_retry == 0,
            failed_after_the_crons=failed_before_retry,
        )

    def _received_by_recipient(self, campaign):
        """Messages at the sink per recipient, matched on the Message-Id."""
        by_message_id = self.sink.count_by_message_id()
        rows = self.server.query(
            "SELECT r.id, mm.message_id FROM customer_outreach_recipient r "
            "JOIN mail_mail m ON m.id = r.mail_id "
            "JOIN mail_message mm ON mm.id = m.mail_message_id "
            "WHERE r.campaign_id = %s",
            (campaign,),
        )
        return Counter(
            {rid: by_message_id.get(normalise_message_id(mid), 0) for rid, mid in rows}
        )

    def _mailed_after_exclusion(self):
        with self.sink.lock:
            messages = list(self.sink.messages)
        return [
            address
            for received_at, _rid, addresses in messages
            for address in addresses
            if address in self.load.late_exclusions
            and received_at > self.load.late_exclusions[address] + 1
        ]

    def import_all_or_nothing(self):
        rows = self.scenario.sizes.history_rows
        counts = {
            name: self.server.query(
                "SELECT count(*) FROM customer_value_history "
                "WHERE import_batch LIKE %s",
                (f"{name} %",),
            )[0][0]
            for name, _outcome in self.load.imports
        }
        partial = {name: n for name, n in counts.items() if n not in (0, rows)}
        complete = [name for name, n in counts.items() if n == rows]
        self.check(
            "the history import is all-or-nothing and lands once",
            not partial and len(complete) == 1,
            rows=rows,
            attempts=[
                {"file": name, "outcome": outcome, "rows_stored": counts[name]}
                for name, outcome in self.load.imports
            ],
        )

    def no_stuck_campaign(self, drained):
        state, outgoing = campaign_progress(self.server, self.scenario.campaign_id)
        self.check(
            "no stuck campaign: the next cron runs finish it",
            drained and state == "done" and not outgoing,
            state=state,
            outgoing_mails=outgoing,
            send_calls=self.load.send_results,
        )

    def faults_fired(self):
        skipped = [f["fault"] for f in self.load.faults if f.get("skipped")]
        self.check(
            "every fault was injected",
            not skipped and self.load.faults,
            skipped=skipped,
        )


def retry_failed_as_manager(server, scenario):
    """What a manager does about refused e-mails: 'Retry failed', then the queue."""
    rpc = Rpc(server.url, server.db, MANAGERS[1])
    retried = rpc(
        "customer.outreach.campaign", "action_retry_failed", [scenario.campaign_id]
    )
    drain(server, scenario, 120)
    return retried


# ----------------------------------------------------------------------------
def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--odoo-bin", required=True)
    parser.add_argument("--smoke", action="store_true", help="30 s, smaller sizes")
    for field in dataclasses.fields(Sizes):
        parser.add_argument(f"--{field.name.replace('_', '-')}", type=int)
    return parser.parse_args()


def sizes_from(args):
    sizes = dataclasses.replace(SMOKE if args.smoke else FULL)
    for field in dataclasses.fields(Sizes):
        value = getattr(args, field.name)
        if value:
            setattr(sizes, field.name, value)
    return sizes


def log(message):
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr)


def main():
    args = parse_args()
    sizes = sizes_from(args)
    run_id = f"{int(time.time()) % 100000}"
    server = Server(args)
    sink = SmtpSink()
    smtp = Controller(sink, hostname="127.0.0.1", port=server.smtp_port)
    smtp.start()
    started = time.monotonic()
    try:
        log(f"starting Odoo with workers ({server.db}), log: {server.log_path}")
        server.start()
        log(f"setup: {sizes}")
        scenario = Scenario(server, sizes, run_id)
        scenario.prepare()
        setup_seconds = time.monotonic() - started
        log(f"load for {sizes.duration} s")
        stats = Stats()
        load = Load(server, scenario, sink, stats)
        load_started = time.monotonic()
        load.run()
        load_seconds = time.monotonic() - load_started
        log("drain: the crons finish what the faults interrupted")
        drained = drain(server, scenario, sizes.drain_seconds)
        states_after_crons = recipient_states(server, scenario.campaign_id)
        failed = states_after_crons.get("failed", 0)
        retried = retry_failed_as_manager(server, scenario) if failed else 0
        checks = Checks(server, scenario, sink, load)
        checks.contacts_stored_once()
        checks.feedback_links_used_once()
        checks.campaign_mailed_once(failed)
        checks.import_all_or_nothing()
        checks.no_stuck_campaign(drained)
        checks.faults_fired()
        report = {
            "sizes": dataclasses.asdict(sizes),
            "workers": int(server.options.get("workers", 0)),
            "setup_seconds": round(setup_seconds),
            "load_seconds": round(load_seconds),
            "total_seconds": round(time.monotonic() - started),
            **stats.report(load_seconds),
            "faults": load.faults,
            "peak_database_connections": load.peak_connections,
            "campaign": {
                "recipient_states_after_crons": states_after_crons,
                "retried_by_manager": retried,
                "recipient_states_at_end": recipient_states(
                    server, scenario.campaign_id
                ),
                "smtp_refused": sink.refused,
                "mail_states": mail_states(server, scenario.campaign_id),
                "sink_messages": len(sink.messages),
                "sink_messages_per_second": sink.rate(),
            },
            "server_log_errors": server.error_lines(),
            "invariants": checks.results,
        }
        report["ok"] = all(result["ok"] for result in checks.results.values())
    finally:
        server.stop()
        smtp.stop()
    print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
