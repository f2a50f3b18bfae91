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


class _HtmlText(HTMLParser):
    """Plain text of an HTML fragment: paragraphs apart, ``<br>`` a new line."""

    BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
    BLOCKS |= {"ul", "ol", "table", "blockquote", "pre"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self):
        super().__init__()
        self.paragraphs, self.lines, self.words = [], [], []
        self.skipping = 0

    def _end_line(self):
        self.lines.append(" ".join("".join(self.words).split()))
        self.words = []

    def _end_paragraph(self):
        self._end_line()
        text = "\n".join(self.lines).strip("\n")
        if text.strip():
            self.paragraphs.append(text)
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "br":
            self._end_line()
        elif tag in self.BLOCKS:
            self._end_paragraph()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._end_line()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self._end_paragraph()

    def handle_data(self, data):
        if not self.skipping:
            self.words.append(data)


def html_to_text(fragment):
    """Plain text of an HTML note: paragraphs apart by a blank line.

    The reverse of :func:`text_to_html`: ``html_to_text(text_to_html(t))``
    is ``t`` with its whitespace tidied.
    """
    parser = _HtmlText()
    parser.feed(fragment or "")
    parser.close()
    parser._end_paragraph()
    return "\n\n".join(parser.paragraphs)


def tidy_text(text):
    """Plain text as a note of it reads back from the server."""
    return html_to_text(text_to_html(text))


def text_to_html(text):
    """Plain text as HTML paragraphs; <, > and & stay text."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text or "")]
    return "".join(
        "<p>" + html.escape(part).replace("\n", "<br>") + "</p>"
        for part in paragraphs
        if part
    )
