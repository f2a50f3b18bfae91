"""Helpers shared by the commands."""

import html
import re
from datetime import datetime, timezone
from datetime import time as day_time
from html.parser import HTMLParser

from dateutil import tz as dateutil_tz

SERVER_DATETIME = "%Y-%m-%d %H:%M:%S"
DEFAULT_START = day_time(9, 0)  # a contact given without time starts at 9:00
MAX_DURATION_HOURS = 24.0  # as the server's constraint


def zone_of(name):
    return dateutil_tz.gettz(name or "UTC") or dateutil_tz.UTC


def _normalise(text):
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower())


def match_choice(text, selection):
    """The key of a selection matched by key or label, loosely; or None."""
    wanted = _normalise(text)
    for key, label in selection:
        if wanted and wanted in (_normalise(key), _normalise(label)):
            return key
    return None


def choices_text(selection):
    return ", ".join(key for key, _label in selection)


def fields_info(connection, model, names, attributes=("string", "selection")):
    return connection.call(
        model, "fields_get", list(names), attributes=list(attributes)
    )


def server_utc(text):
    return datetime.strptime(text, SERVER_DATETIME).replace(tzinfo=timezone.utc)


def local_text(text, zone, pattern="%Y-%m-%d %H:%M"):
    if not text:
        return ""
    return server_utc(text).astimezone(zone).strftime(pattern)


def user_company(connection):
    company_id, company_name = connection.user["company_id"]
    return company_id, company_name


class _HtmlLines(HTMLParser):
    """Text of an HTML fragment, one line per paragraph, list item or break."""

    BLOCKS = {"p", "li", "div", "br", "tr", "h1", "h2", "h3", "h4", "ul", "ol"}

    def __init__(self):
        super().__init__()
        self.lines, self.current = [], []

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)


def html_lines(fragment):
    parser = _HtmlLines()
    parser.feed(fragment or "")
    parser.close()
    parser._flush()
    return parser.lines


def text_to_html(text):
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text or "")]
    return "".join(
        "<p>" + html.escape(part).replace("\n", "<br>") + "</p>"
        for part in paragraphs
        if part
    )
