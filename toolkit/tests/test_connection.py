"""Connecting: configuration, login, unreachable server, missing addon, secrets."""

import os
import socket
import subprocess
import sys

import pytest
from ccx.config import Settings, resolve_settings
from ccx.connection import Connection, connect
from ccx.errors import EXIT_ACCESS, EXIT_CONNECTION, CcxError

SECRET = "s3cret-Sauce-42"


def test_whoami_with_environment_variables(ccx, odoo_database):
    result = ccx("whoami", "--json")
    assert result.code == 0, result.err
    assert result.data["database"] == odoo_database[1]
    assert result.data["login"] == "admin"
    assert result.data["user"]["name"] == "Katharina Lindner"
    assert result.data["server_version"].startswith("18.0")
    assert not {"password", "secret", "key"} & set(result.data)

    result = ccx("whoami")
    assert result.code == 0
    assert "customer_centricity installed" in result.out


def test_config_file_with_key_file_and_instances(
    ccx, odoo_url, odoo_database, tmp_path
):
    key = tmp_path / "demo.key"
    key.write_text("demo\n")
    key.chmod(0o600)
    config = tmp_path / "ccx.ini"
    config.write_text(
        f"[shop]\nurl = {odoo_url}/\ndatabase = {odoo_database[1]}\n"
        "login = demo\nkey_file = demo.key\n\n"
        "[elsewhere]\nurl = https://odoo.invalid\ndatabase = x\nlogin = y\n"
    )
    env = {"CCX_URL": "", "CCX_DB": "", "CCX_LOGIN": "", "CCX_PASSWORD": ""}

    result = ccx("whoami", "--json", "--config", config, "-i", "shop", env=env)
    assert result.code == 0, result.err
    assert result.data["user"]["name"] == "Marc Demo"
    assert result.err == ""  # the key file is private: no warning

    # the options also work before the command, and CCX_CONFIG/CCX_INSTANCE
    env_config = {**env, "CCX_CONFIG": str(config), "CCX_INSTANCE": "shop"}
    result = ccx("--json", "whoami", env=env_config)
    assert result.code == 0 and result.data["login"] == "demo"

    result = ccx("whoami", "--config", config, env=env)
    assert result.code == EXIT_CONNECTION
    assert "several instances (shop, elsewhere)" in result.err
    assert "--instance" in result.err

    result = ccx("whoami", "--config", config, "-i", "nope", env=env)
    assert result.code == EXIT_CONNECTION
    assert "no instance [nope]" in result.err

    key.chmod(0o644)
    result = ccx("whoami", "--config", config, "-i", "shop", env=env)
    assert result.code == 0
    assert "readable by other users (chmod 600" in result.err


def test_password_in_config_is_refused(tmp_path):
    config = tmp_path / "ccx.ini"
    config.write_text(
        "[shop]\nurl = http://x.example\ndatabase = d\nlogin = l\n"
        f"password = {SECRET}\n"
    )
    with pytest.raises(CcxError) as caught:
        resolve_settings(config_path=str(config), env={"HOME": str(tmp_path)})
    assert "holds a password" in caught.value.message
    assert SECRET not in caught.value.message


def test_no_secret_without_terminal_and_prompt(tmp_path):
    env = {"HOME": str(tmp_path), "CCX_URL": "http://x.example", "CCX_DB": "d"}
    with pytest.raises(CcxError) as caught:
        resolve_settings(env={**env, "CCX_LOGIN": "anna"}, interactive=False)
    assert "no password for anna" in caught.value.message
    settings = resolve_settings(
        env={**env, "CCX_LOGIN": "anna"}, prompt=lambda _text: SECRET
    )
    assert settings.secret == SECRET
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings)
    with pytest.raises(CcxError, match="no Odoo instance configured"):
        resolve_settings(env={"HOME": str(tmp_path)})
    with pytest.raises(CcxError, match="must not contain a login or password"):
        resolve_settings(
            env={**env, "CCX_URL": f"http://anna:{SECRET}@x.example", "CCX_LOGIN": "a"},
            prompt=lambda _text: "x",
        )


def test_the_prompt_is_used_by_the_command_line(ccx):
    asked = []

    def prompt(text):
        asked.append(text)
        return "demo"

    result = ccx("whoami", "--json", login="demo", password="", prompt=prompt)
    assert result.code == 0, result.err
    assert asked and "demo" in asked[0]


def test_wrong_password(ccx, odoo_database):
    result = ccx("whoami", password=SECRET)
    assert result.code == EXIT_CONNECTION
    assert result.out == ""
    assert result.err.strip() == (
        f"ccx: error: login failed for admin on {odoo_database[1]}"
    )
    result = ccx("clv", "top", "--json", "-v", password=SECRET)
    assert result.code == EXIT_CONNECTION
    assert SECRET not in result.out + result.err


def test_wrong_password_in_a_real_process(odoo_url, odoo_database, tmp_path):
    """The same through `python -m ccx`: one line on stderr, exit code 3."""
    toolkit = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": toolkit,
        "CCX_URL": odoo_url,
        "CCX_DB": odoo_database[1],
        "CCX_LOGIN": "admin",
        "CCX_PASSWORD": SECRET,
    }
    process = subprocess.run(
        [sys.executable, "-m", "ccx", "not-contacted"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert process.returncode == EXIT_CONNECTION
    assert process.stdout == ""
    assert process.stderr.splitlines() == [
        f"ccx: error: login failed for admin on {odoo_database[1]}"
    ]


def test_unreachable_server(ccx):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = ccx("whoami", env={"CCX_URL": f"http://127.0.0.1:{port}"})
    assert result.code == EXIT_CONNECTION
    assert result.err.startswith(
        f"ccx: error: cannot reach Odoo at http://127.0.0.1:{port}"
    )
    assert len(result.err.strip().splitlines()) == 1


def test_not_an_odoo_url_and_unknown_database(ccx, odoo_url):
    result = ccx("whoami", env={"CCX_URL": f"{odoo_url}/web"})
    assert result.code == EXIT_CONNECTION
    assert "HTTP 404" in result.err
    result = ccx("whoami", env={"CCX_DB": "ccx_no_such_database"})
    assert result.code == EXIT_CONNECTION
    assert "ccx_no_such_database" in result.err


def _settings(url, database, login="admin"):
    return Settings(url=url, database=database, login=login, secret=login)


def test_addon_detection_against_the_real_server(odoo_url, odoo_database):
    """A second database without the addon would cost a full install, so the
    detection is run against this server with a module that is known to Odoo
    but not installed (crm) and with a model that does not exist: the same
    server answers a client gets when the addon is missing."""
    connection = connect(_settings(odoo_url, odoo_database[1]))
    connection.check_addon()  # customer_centricity is installed

    with pytest.raises(CcxError) as caught:
        connection.check_addon(module="crm")
    assert caught.value.exit_code == EXIT_CONNECTION
    assert caught.value.message == (
        f"the crm addon is not installed on {odoo_database[1]} at {odoo_url} "
        "(module state: uninstalled)"
    )

    # The server's fault for a model that does not exist ("Object ... doesn't
    # exist") becomes the addon-missing message, wherever it happens.
    with pytest.raises(CcxError) as caught:
        connection.probe_model("customer.contact.missing")
    assert caught.value.exit_code == EXIT_CONNECTION
    assert caught.value.message == (
        f"the customer_centricity addon is not installed on {odoo_database[1]} at "
        f"{odoo_url} (model customer.contact.missing is missing)"
    )
    with pytest.raises(CcxError, match="addon is not installed"):
        connection.call("customer.outreach.nothing", "search", [])


def test_access_refusal_is_one_line(odoo_url, odoo_database):
    connection = Connection(_settings(odoo_url, odoo_database[1], login="demo"))
    with pytest.raises(CcxError) as caught:
        connection.call(
            "customer.value.history.import", "create", {"file": "eA==", "filename": "x"}
        )
    assert caught.value.exit_code == EXIT_ACCESS
    assert caught.value.message == (
        "refused by the server: You are not allowed to create 'Import Sales "
        "History' (customer.value.history.import) records."
    )
    assert "Customer Centricity/Manager" in caught.value.detail  # for --verbose


def test_secret_stays_out_of_repr_and_messages(odoo_url, odoo_database):
    settings = Settings(
        url=odoo_url, database=odoo_database[1], login="admin", secret=SECRET
    )
    connection = Connection(settings)
    assert SECRET not in repr(settings) + repr(connection)
    with pytest.raises(CcxError) as caught:
        connection.login()
    assert SECRET not in caught.value.message
    assert connection.scrub(f"echo {SECRET}!") == "echo ********!"
