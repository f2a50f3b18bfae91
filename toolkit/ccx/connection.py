"""XML-RPC connection to Odoo with one-line error messages.

Only the standard library's ``xmlrpc.client``. Every server or network
failure becomes a :class:`~ccx.errors.CcxError`; the secret never appears in
a message or ``repr()``.
"""

import http.client
import re
import socket
import ssl
import xmlrpc.client
from xml.parsers.expat import ExpatError

from ccx.errors import EXIT_ACCESS, EXIT_CONNECTION, EXIT_ERROR, CcxError

ADDON = "customer_centricity"
ADDON_MODEL = "customer.contact"
DEFAULT_TIMEOUT = 300.0  # seconds; a recompute of a big company takes a while

# Odoo's XML-RPC fault codes (odoo/addons/base/controllers/rpc.py)
FAULT_APPLICATION = 1  # any other exception: faultString is a traceback
FAULT_WARNING = 2  # UserError, ValidationError
FAULT_ACCESS_DENIED = 3
FAULT_ACCESS_ERROR = 4

_MISSING_MODEL = re.compile(r"Object (\S+) doesn't exist")
_MISSING_DB = re.compile(r'database "([^"]+)" does not exist')


def scrub_secret(text, secret):
    """Text with the secret blanked out (defence in depth)."""
    if text and secret and len(secret) >= 3:
        return text.replace(secret, "********")
    return text


def _first_line(text):
    """The first meaningful line of a server message."""
    for line in (text or "").splitlines():
        line = line.strip()
        if line and not line.startswith(("Traceback", "warning --")):
            return line
    return (text or "").strip()


def _exception_line(text):
    """The exception line of a server traceback ("ValueError: ...")."""
    lines = (text or "").splitlines()
    frames = [i for i, line in enumerate(lines) if line.startswith('  File "')]
    for line in lines[frames[-1] + 1 if frames else 0 :]:
        if line.strip() and not line[0].isspace() and not line.startswith("Traceback"):
            return line.strip()
    rest = [line.strip() for line in lines if line.strip()]
    return rest[-1] if rest else ""


class _TimeoutMixin:
    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self._ccx_timeout
        return connection


class _Transport(_TimeoutMixin, xmlrpc.client.Transport):
    def __init__(self, timeout):
        super().__init__()
        self._ccx_timeout = timeout


class _SafeTransport(_TimeoutMixin, xmlrpc.client.SafeTransport):
    def __init__(self, timeout):
        super().__init__()
        self._ccx_timeout = timeout


class Connection:
    """A logged-in XML-RPC session for one user on one database."""

    def __init__(self, settings, timeout=DEFAULT_TIMEOUT, lang=None):
        self.settings = settings
        # the server answers in this language (labels, selections, messages);
        # None until the user's own language is known
        self.lang = lang
        self.url = settings.url
        self.database = settings.database
        self.login_name = settings.login
        self._secret = settings.secret
        self.timeout = timeout
        self.uid = None
        self.user = None
        self._common = self._proxy("common")
        self._object = self._proxy("object")

    def __repr__(self):
        return f"<Connection {self.login_name}@{self.url} db={self.database}>"

    def _proxy(self, service):
        transport_class = (
            _SafeTransport if self.url.startswith("https:") else _Transport
        )
        return xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/{service}",
            transport=transport_class(self.timeout),
            allow_none=True,
        )

    # ------------------------------------------------------------------
    def scrub(self, text):
        return scrub_secret(text, self._secret)

    def _network_error(self, error):
        if isinstance(error, xmlrpc.client.ProtocolError):
            if error.errcode == 404:
                reason = "no XML-RPC service there (HTTP 404): is it an Odoo URL?"
            else:
                reason = f"HTTP {error.errcode} {error.errmsg}".strip()
            return CcxError(f"Odoo at {self.url} answered {reason}", EXIT_CONNECTION)
        if isinstance(error, ExpatError | xmlrpc.client.ResponseError):
            return CcxError(
                f"{self.url} does not answer like an Odoo XML-RPC server",
                EXIT_CONNECTION,
            )
        if isinstance(error, socket.gaierror):
            reason = f"unknown host ({error.strerror or error})"
        elif isinstance(error, TimeoutError | socket.timeout):
            reason = f"no answer within {self.timeout:g} s"
        elif isinstance(error, ssl.SSLError):
            reason = f"TLS error ({error.reason or error})"
        elif isinstance(error, OSError):
            reason = error.strerror or str(error) or type(error).__name__
        else:
            reason = str(error) or type(error).__name__
        return CcxError(f"cannot reach Odoo at {self.url}: {reason}", EXIT_CONNECTION)

    def _fault_error(self, fault):
        text = self.scrub(str(fault.faultString or ""))
        missing_model = _MISSING_MODEL.search(text)
        if missing_model:
            return CcxError(
                f"the {ADDON} addon is not installed on {self.database} at "
                f"{self.url} (model {missing_model.group(1)} is missing)",
                EXIT_CONNECTION,
                detail=text,
            )
        missing_db = _MISSING_DB.search(text)
        if missing_db:
            return CcxError(
                f"database {missing_db.group(1)} not found at {self.url}",
                EXIT_CONNECTION,
            )
        code = fault.faultCode
        if (
            code in (FAULT_ACCESS_ERROR, FAULT_ACCESS_DENIED)
            or "AccessError" in text
            or "You are not allowed" in text
        ):
            line = _first_line(text)
            if code == FAULT_APPLICATION:  # a traceback: take its exception line
                line = _exception_line(text).split(": ", 1)[-1]
            return CcxError(f"refused by the server: {line}", EXIT_ACCESS, text)
        if code == FAULT_WARNING:
            return CcxError(_first_line(text), EXIT_ERROR, text)
        return CcxError(f"server error: {_exception_line(text)}", EXIT_ERROR, text)

    def _rpc(self, function, *args):
        try:
            return function(*args)
        except xmlrpc.client.Fault as fault:
            raise self._fault_error(fault) from None
        except (
            OSError,
            http.client.HTTPException,
            xmlrpc.client.ProtocolError,
            xmlrpc.client.ResponseError,
            ExpatError,
        ) as error:
            raise self._network_error(error) from None

    # ------------------------------------------------------------------
    def login(self):
        """Authenticate; return the user id."""
        uid = self._rpc(
            self._common.authenticate,
            self.database,
            self.login_name,
            self._secret,
            {},
        )
        if not uid:
            raise CcxError(
                f"login failed for {self.login_name} on {self.database}",
                EXIT_CONNECTION,
            )
        self.uid = uid
        return uid

    def version(self):
        return self._rpc(self._common.version)

    def call(self, model, method, *args, **kwargs):
        """``execute_kw(model, method, args, kwargs)`` as the logged-in user."""
        if self.uid is None:
            self.login()
        if self.lang:
            kwargs["context"] = {"lang": self.lang, **kwargs.get("context", {})}
        return self._rpc(
            self._object.execute_kw,
            self.database,
            self.uid,
            self._secret,
            model,
            method,
            list(args),
            kwargs,
        )

    def search_read(self, model, domain, fields, order=None, limit=None):
        kwargs = {"fields": list(fields)}
        if order:
            kwargs["order"] = order
        if limit:
            kwargs["limit"] = limit
        return self.call(model, "search_read", domain, **kwargs)

    def load_user(self):
        """The user's id, name, time zone, language and current company."""
        if self.user is None:
            (self.user,) = self.call(
                "res.users",
                "read",
                [self.uid],
                fields=["name", "tz", "lang", "company_id"],
            )
            self.lang = self.lang or self.user["lang"]
        return self.user

    def check_addon(self, module=ADDON, model=ADDON_MODEL):
        """Raise CcxError unless ``module`` is installed on the server.

        Asks ``ir.module.module`` (readable by internal users); when that is
        refused, probes ``model`` instead, which the server reports as
        missing when the addon is not installed.
        """
        try:
            rows = self.call(
                "ir.module.module",
                "search_read",
                [("name", "=", module)],
                fields=["state"],
            )
        except CcxError as error:
            if error.exit_code != EXIT_ACCESS:
                raise
            self.probe_model(model)
            return
        state = rows[0]["state"] if rows else "unknown"
        if state != "installed":
            raise CcxError(
                f"the {module} addon is not installed on {self.database} at "
                f"{self.url} (module state: {state})",
                EXIT_CONNECTION,
            )

    def probe_model(self, model=ADDON_MODEL):
        """Raise CcxError (addon missing) unless ``model`` exists on the server."""
        self.call(model, "fields_get", ["id"], attributes=["type"])


def connect(settings, timeout=DEFAULT_TIMEOUT, check_addon=True, lang=None):
    """Log in, check the addon, and load the user; return the Connection."""
    connection = Connection(settings, timeout=timeout, lang=lang)
    connection.login()
    if check_addon:
        connection.check_addon()
    connection.load_user()
    return connection
