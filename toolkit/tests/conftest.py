"""Fixtures: a real Odoo server (odoo-bin) on the database pytest-odoo got.

``tools/dev.sh test`` runs pytest with ``--odoo-config`` and
``--odoo-database`` (a fresh database with customer_centricity and its demo
data). The ``odoo_url`` fixture starts a separate ``odoo-bin`` process on that
database and a free local port, so the toolkit talks XML-RPC to a real
server. That process sees only committed data: tests set up their data over
XML-RPC too (:class:`Rpc`), never through the ORM of the test process.
"""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import xmlrpc.client
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TOOLKIT = Path(__file__).resolve().parents[1]
if str(TOOLKIT) not in sys.path:  # not pip-installed: use the checkout
    sys.path.insert(0, str(TOOLKIT))

from ccx.cli import main  # noqa: E402

SERVER_START_TIMEOUT = 180  # seconds


def _option(config, name):
    try:
        return config.getoption(name)
    except ValueError:
        return None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _odoo_bin():
    import odoo

    path = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    if not path.is_file():
        pytest.fail(f"odoo-bin not found next to the odoo package ({path})")
    return path


def _tail(path, lines=40):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def odoo_database(request):
    config_file = _option(request.config, "--odoo-config")
    database = _option(request.config, "--odoo-database")
    if not config_file or not database:
        pytest.fail(
            "the toolkit tests need a real Odoo database with customer_centricity: "
            "run them with `tools/dev.sh test toolkit/tests` (pytest-odoo's "
            "--odoo-config and --odoo-database options are missing)",
            pytrace=False,
        )
    return config_file, database


@pytest.fixture(scope="session")
def odoo_url(odoo_database, tmp_path_factory):
    """URL of an odoo-bin process serving the test database."""
    config_file, database = odoo_database
    port = _free_port()
    log = tmp_path_factory.mktemp("odoo") / "odoo.log"
    command = [
        sys.executable,
        str(_odoo_bin()),
        "-c",
        config_file,
        "-d",
        database,
        "--db-filter",
        f"^{database}$",
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(port),
        "--workers",
        "0",
        "--max-cron-threads",
        "0",
        "--no-database-list",
        "--log-level",
        "warn",
        "--logfile",
        str(log),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"odoo-bin exited with {process.returncode}:\n{_tail(log)}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(f"{url}/web/login", timeout=10) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"odoo-bin did not answer within {SERVER_START_TIMEOUT} s:\n"
                    f"{_tail(log)}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Rpc:
    """Plain XML-RPC as one user, for setting up and checking data."""

    def __init__(self, url, database, login, password):
        self.database, self.password = database, password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(database, login, password, {})
        assert self.uid, f"test login {login} failed"
        self.proxy = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", allow_none=True
        )

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(
            self.database, self.uid, self.password, model, method, list(args), kwargs
        )


@pytest.fixture(scope="session")
def admin(odoo_url, odoo_database):
    return Rpc(odoo_url, odoo_database[1], "admin", "admin")


@pytest.fixture(scope="session")
def demo(odoo_url, odoo_database):
    return Rpc(odoo_url, odoo_database[1], "demo", "demo")


@dataclass
class Result:
    code: int
    out: str
    err: str
    data: object = field(default=None)


@pytest.fixture
def ccx(odoo_url, odoo_database, tmp_path):
    """Run the CLI in-process: ccx("clv", "top", login="demo") -> Result."""
    home = tmp_path / "home"
    home.mkdir()

    def run(*argv, login="admin", password=None, env=None, **main_kwargs):
        environment = {
            "HOME": str(home),
            "PATH": os.environ.get("PATH", ""),
            "CCX_URL": odoo_url,
            "CCX_DB": odoo_database[1],
            "CCX_LOGIN": login,
            "CCX_PASSWORD": password if password is not None else login,
        }
        environment.update(env or {})
        environment = {key: value for key, value in environment.items() if value}
        stdout, stderr = io.StringIO(), io.StringIO()
        code = main(
            [str(arg) for arg in argv],
            env=environment,
            stdout=stdout,
            stderr=stderr,
            **main_kwargs,
        )
        result = Result(code, stdout.getvalue(), stderr.getvalue())
        if "--json" in argv and result.out.strip():
            import json

            result.data = json.loads(result.out)
        assert "Traceback" not in result.out + result.err
        return result

    return run


@pytest.fixture
def unique():
    return uuid.uuid4().hex[:8].upper()


@pytest.fixture
def customer(admin, unique):
    """A fresh customer of the admin, removed again after the test."""
    ref = f"CCX-{unique}"
    partner_id = admin(
        "res.partner",
        "create",
        {
            "name": f"CCX Test Customer {unique}",
            "ref": ref,
            "email": f"ccx.{unique.lower()}@example.com",
            "is_company": True,
            "user_id": admin.uid,
        },
    )
    yield {
        "id": partner_id,
        "ref": ref,
        "name": f"CCX Test Customer {unique}",
        "email": f"ccx.{unique.lower()}@example.com",
    }
    remove_customer(admin, partner_id)


def remove_customer(admin, partner_id):
    domain = [("partner_id", "=", partner_id)]
    for model in ("customer.contact", "customer.value.history"):
        ids = admin(model, "search", domain)
        if ids:
            admin(model, "unlink", ids)
    people = admin("res.partner", "search", [("parent_id", "=", partner_id)])
    try:
        admin("res.partner", "unlink", [*people, partner_id])
    except xmlrpc.client.Fault:
        admin("res.partner", "write", [*people, partner_id], {"active": False})
