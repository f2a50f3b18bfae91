# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The plain-text part of an e-mail, as a person would have typed it.

Odoo's html2plaintext lists every image as a numbered reference and joins
paragraphs without a blank line; a personal e-mail reads better with
paragraphs, links written out and no images.
"""

import re

from lxml import html as lxml_html

# paragraph-like elements: a blank line after each
BLOCKS = {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote"}
# elements that end a line
LINES = {"tr", "li", "br"}
SKIPPED = {"img", "style", "script", "head", "title"}
# invisible characters that mail layouts use as preview filler
INVISIBLE = re.compile("[\u034f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def html_to_plain_text(html):
    """Readable text of ``html``: paragraphs, one line per table row, links as
    "text (url)", no images and no invisible filler characters."""
    if not (html and html.strip()):
        return ""
    root = lxml_html.fromstring(html)
    parts = []
    _collect(root, parts)
    text = INVISIBLE.sub("", "".join(parts)).replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _collect(element, parts):
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED:
        parts.append(element.tail or "")
        return
    if tag == "tr":
        _collect_row(element, parts)
        return
    parts.append(element.text or "")
    for child in element:
        _collect(child, parts)
    href = element.get("href") if tag == "a" else None
    if href and not href.startswith("mailto:") and href not in element.text_content():
        parts.append(f" ({href})")
    if tag in BLOCKS:
        parts.append("\n\n")
    elif tag in LINES:
        parts.append("\n")
    parts.append(element.tail or "")


def _collect_row(row, parts):
    """A table row on one line, its non-empty cells joined by a dash."""
    cells = []
    for cell in row:
        cell_parts = []
        _collect(cell, cell_parts)
        cell_text = " ".join("".join(cell_parts).split())
        if cell_text:
            cells.append(cell_text)
    parts.append(" – ".join(cells) + "\n" + (row.tail or ""))
