# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""How many of a thing fit on a printed page: the templates and the merging
of print-all count on the same figures."""

PICKS_PER_CATALOGUE_PAGE = 4
CARDS_PER_SHEET = 4  # A6 landscape on A4 landscape, 2 x 2
LABELS_PER_SHEET = 14  # Avery Zweckform L7163: 2 columns x 7 rows


def chunks(items, size):
    """``items`` (a list or a recordset) in slices of ``size``."""
    return [items[start : start + size] for start in range(0, len(items), size)]
