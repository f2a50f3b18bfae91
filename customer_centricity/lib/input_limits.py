# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Limits on what people send in: uploaded files, CSV cells, public answers.

One place for every limit, so that the import wizards, the public feedback
page and its form agree.
"""

MAX_FILE_BYTES = 20 * 1024 * 1024  # an uploaded CSV file
MAX_CELL_CHARS = 1000  # one cell of an imported CSV file
MAX_COMMENT_CHARS = 5000  # a customer's comment (imported or on the public page)
MAX_FIELD_CHARS = 100  # any other value posted on the public feedback page

# A cell starting with one of these is run as a formula by spreadsheets
# (OWASP "CSV injection"); exported cells get a leading single quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` as a spreadsheet shows it as text and never runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
