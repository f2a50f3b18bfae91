"""Where to connect and as whom: INI config file, environment, key files.

The secret (password or API key) comes from ``CCX_PASSWORD``, a key file
(``CCX_KEY_FILE`` or ``key_file`` in the instance's section) or an
interactive prompt, never from the command line. It is kept out of
``repr()`` and never printed.
"""

import configparser
import getpass
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ccx.errors import EXIT_CONNECTION, CcxError

ENV_VARS = ("CCX_URL", "CCX_DB", "CCX_LOGIN")


@dataclass(frozen=True)
class Settings:
    """Connection settings of one Odoo instance."""

    url: str
    database: str
    login: str
    secret: str = field(repr=False, compare=False)
    instance: str | None = None
    source: str = "environment"
    warnings: tuple = ()


def default_config_path(env):
    base = env.get("XDG_CONFIG_HOME") or os.path.join(
        env.get("HOME") or os.path.expanduser("~"), ".config"
    )
    return Path(base) / "ccx" / "config.ini"


def _expand(path, env, relative_to=None):
    text = str(path).strip()
    if text.startswith("~"):
        home = env.get("HOME") or os.path.expanduser("~")
        text = home + text[1:]
    result = Path(text)
    if relative_to is not None and not result.is_absolute():
        result = relative_to / result
    return result


def _read_config(path):
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as error:
        raise CcxError(
            f"cannot read the configuration {path}: {error.strerror}"
        ) from None
    except configparser.Error as error:
        first = str(error).splitlines()[0]
        raise CcxError(f"the configuration {path} is not valid INI: {first}") from None
    return parser


def _check_url(url, where):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CcxError(f"url {url!r} ({where}) must look like https://odoo.example.com")
    if parts.username or parts.password:
        raise CcxError(
            f"the url ({where}) must not contain a login or password; use login "
            "and key_file"
        )
    return url.rstrip("/")


def read_key_file(path):
    """The secret in a key file (first line), and a warning if others can read it."""
    try:
        with open(path, encoding="utf-8") as handle:
            secret = handle.readline().strip()
        mode = os.stat(path).st_mode
    except OSError as error:
        raise CcxError(f"cannot read the key file {path}: {error.strerror}") from None
    if not secret:
        raise CcxError(f"the key file {path} is empty")
    warnings = ()
    if os.name == "posix" and mode & (stat.S_IRGRP | stat.S_IROTH):
        warnings = (
            f"the key file {path} is readable by other users (chmod 600 {path})",
        )
    return secret, warnings


def _choose_section(parser, instance, path):
    sections = parser.sections()
    if instance:
        if instance not in sections:
            known = ", ".join(sections) or "none"
            raise CcxError(
                f"no instance [{instance}] in {path} (instances: {known})",
                EXIT_CONNECTION,
            )
        return instance
    if len(sections) == 1:
        return sections[0]
    if not sections:
        return None
    raise CcxError(
        f"{path} has several instances ({', '.join(sections)}): choose one with "
        "--instance or CCX_INSTANCE",
        EXIT_CONNECTION,
    )


def resolve_settings(
    instance=None, config_path=None, env=None, prompt=None, interactive=None
):
    """Settings from the config file section and/or the environment.

    Precedence: the instance named by ``instance`` (``--instance``) or
    ``CCX_INSTANCE`` in the config file (``--config``, ``CCX_CONFIG`` or
    ~/.config/ccx/config.ini); without a name, the environment alone when
    ``CCX_URL`` is set, else the file's only section. ``CCX_URL``, ``CCX_DB``
    and ``CCX_LOGIN`` override the section's values.
    """
    env = os.environ if env is None else env
    instance = instance or env.get("CCX_INSTANCE") or None
    explicit = config_path or env.get("CCX_CONFIG")
    path = _expand(explicit, env) if explicit else default_config_path(env)
    if explicit and not path.is_file():
        raise CcxError(f"configuration file {path} not found", EXIT_CONNECTION)

    values, source, base_dir, section = {}, "environment", None, None
    if path.is_file() and (instance or not env.get("CCX_URL")):
        parser = _read_config(path)
        section = _choose_section(parser, instance, path)
        if section:
            values = dict(parser[section])
            source = f"{path} [{section}]"
            base_dir = path.parent
            if "password" in values:
                raise CcxError(
                    f"[{section}] in {path} holds a password: put it into a key "
                    "file (key_file = ~/.config/ccx/NAME.key, chmod 600) instead",
                    EXIT_CONNECTION,
                )
    elif instance:
        raise CcxError(
            f"instance {instance!r} asked for, but there is no configuration file "
            f"{path}",
            EXIT_CONNECTION,
        )

    for name, key in zip(ENV_VARS, ("url", "database", "login"), strict=True):
        if env.get(name):
            values[key] = env[name]
    missing = [key for key in ("url", "database", "login") if not values.get(key)]
    if missing:
        if not values and not env.get("CCX_URL"):
            raise CcxError(
                f"no Odoo instance configured: create {path} (see ccx --help) or "
                "set CCX_URL, CCX_DB and CCX_LOGIN",
                EXIT_CONNECTION,
            )
        raise CcxError(
            f"missing {', '.join(missing)} for the connection ({source})",
            EXIT_CONNECTION,
        )
    url = _check_url(values["url"], source)

    warnings = ()
    if env.get("CCX_PASSWORD"):
        secret = env["CCX_PASSWORD"]
    elif env.get("CCX_KEY_FILE"):
        secret, warnings = read_key_file(_expand(env["CCX_KEY_FILE"], env))
    elif values.get("key_file"):
        secret, warnings = read_key_file(
            _expand(values["key_file"], env, relative_to=base_dir)
        )
    else:
        secret = _prompt_secret(values, prompt, interactive)
    return Settings(
        url=url,
        database=values["database"],
        login=values["login"],
        secret=secret,
        instance=section,
        source=source,
        warnings=warnings,
    )


def _prompt_secret(values, prompt, interactive):
    if interactive is None:
        # an explicit prompt function (tests, embedding) counts as a terminal
        interactive = prompt is not None or (
            sys.stdin is not None and sys.stdin.isatty()
        )
    if not interactive:
        raise CcxError(
            f"no password for {values['login']}: set key_file in the configuration, "
            "CCX_KEY_FILE or CCX_PASSWORD (no terminal to ask)",
            EXIT_CONNECTION,
        )
    prompt = prompt or getpass.getpass
    try:
        secret = prompt(f"Password for {values['login']} on {values['database']}: ")
    except (EOFError, KeyboardInterrupt):
        secret = ""
    if not secret:
        raise CcxError("no password given", EXIT_CONNECTION)
    return secret
