"""What a command runs with: arguments, streams, environment, connection."""

import sys
from datetime import date, datetime, timezone

from ccx.config import resolve_settings
from ccx.connection import DEFAULT_TIMEOUT, connect, scrub_secret
from ccx.errors import CcxError
from ccx.output import to_json


class Context:
    def __init__(self, args, env, stdout=None, stderr=None, prompt=None):
        self.args = args
        self.env = env
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.prompt = prompt
        self.json = bool(getattr(args, "json", False))
        self.connection = None
        self.settings = None

    # -- output ----------------------------------------------------------
    def out(self, text=""):
        print(text, file=self.stdout)

    def progress(self, text):
        print(text, file=self.stderr, flush=True)

    def warn(self, text):
        print(f"ccx: warning: {text}", file=self.stderr)

    def emit(self, data, text):
        """JSON with --json, else the readable text."""
        self.out(to_json(data) if self.json else text)

    def scrub(self, text):
        return scrub_secret(text, self.settings.secret if self.settings else None)

    # -- clock -------------------------------------------------------------
    def now_utc(self):
        return datetime.now(timezone.utc)

    def today(self):
        return date.today()

    # -- server --------------------------------------------------------------
    def connect(self):
        if self.connection is None:
            settings = resolve_settings(
                instance=getattr(self.args, "instance", None),
                config_path=getattr(self.args, "config", None),
                env=self.env,
                prompt=self.prompt,
            )
            self.settings = settings
            for warning in settings.warnings:
                self.warn(warning)
            try:
                timeout = float(self.env.get("CCX_TIMEOUT") or DEFAULT_TIMEOUT)
            except ValueError:
                raise CcxError("CCX_TIMEOUT must be a number of seconds") from None
            lang = getattr(self.args, "lang", None) or self.env.get("CCX_LANG")
            self.connection = connect(settings, timeout=timeout, lang=lang)
        return self.connection
