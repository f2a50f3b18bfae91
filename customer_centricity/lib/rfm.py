"""RFM scores and named segments, without Odoo.

Scores run from 1 (worst) to 5 (best) by quintile of the customer base:
recency is scored on days since the last purchase (fewer days is better),
frequency on the number of purchases and monetary on the revenue. Segments
follow the widely used recency x frequency grid (champions, loyal, potential
loyalists, new, promising, need attention, about to sleep, at risk, can't
lose, hibernating, lost).
"""

import numpy as np

SEGMENTS = [
    ("champions", "Champions"),
    ("loyal", "Loyal"),
    ("potential_loyalist", "Potential loyalists"),
    ("new", "New customers"),
    ("promising", "Promising"),
    ("need_attention", "Need attention"),
    ("about_to_sleep", "About to sleep"),
    ("at_risk", "At risk"),
    ("cant_lose", "Can't lose them"),
    ("hibernating", "Hibernating"),
    ("lost", "Lost"),
]

# SEGMENT_GRID[recency_score - 1][frequency_score - 1]
SEGMENT_GRID = [
    ["lost", "lost", "at_risk", "at_risk", "cant_lose"],
    ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
    ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
    ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
    ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
]


def quintile_scores(values, higher_is_better=True):
    """Score each value 1..5 by its rank in ``values`` (ties share a score)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return np.zeros(0, dtype=int)
    order = values if higher_is_better else -values
    sorted_values = np.sort(order)
    below = np.searchsorted(sorted_values, order, side="left")
    upto = np.searchsorted(sorted_values, order, side="right")
    return scores_from_ranks(below, upto, values.size)


def scores_from_ranks(below, upto, count):
    """Score 1..5 from each value's place among ``count`` values: ``below``
    values rank worse, ``upto`` rank worse or tie (the value included).

    The recompute scores in SQL by the same float operations (see
    ``_score_sql`` in models/customer_value.py).
    """
    # average rank of ties, as a fraction in (0, 1]
    fraction = (np.asarray(below) + np.asarray(upto)) / 2.0 / count
    return np.clip(np.ceil(fraction * 5), 1, 5).astype(int)


def rfm_scores(days_since_last, frequency, monetary):
    """Recency, frequency and monetary scores (arrays of 1..5)."""
    return (
        quintile_scores(days_since_last, higher_is_better=False),
        quintile_scores(frequency),
        quintile_scores(monetary),
    )


def rfm_segments(recency_score, frequency_score):
    """Segment key per customer from its recency and frequency scores."""
    grid = np.array(SEGMENT_GRID, dtype=object)
    recency_index = np.asarray(recency_score, dtype=int) - 1
    frequency_index = np.asarray(frequency_score, dtype=int) - 1
    return grid[recency_index, frequency_index]


def tier_cutoffs(count, top=0.10, high=0.20):
    """``{tier: ranks below it}`` among ``count`` customers ranked from 0 by
    value: 'top10' for the best tenth, 'top20' for the next tenth."""
    return {"top10": int(np.ceil(top * count)), "top20": int(np.ceil(high * count))}


def value_tiers(values, top=0.10, high=0.20):
    """'top10' for the best tenth by value, 'top20' for the next tenth.

    Ties keep the order of ``values``; a value of 0 or less is 'other'.
    """
    values = np.asarray(values, dtype=float)
    tiers = np.full(values.size, "other", dtype=object)
    if values.size == 0:
        return tiers
    rank = np.empty(values.size, dtype=int)
    rank[np.argsort(-values, kind="stable")] = np.arange(values.size)
    cutoffs = tier_cutoffs(values.size, top, high)
    tiers[rank < cutoffs["top20"]] = "top20"
    tiers[rank < cutoffs["top10"]] = "top10"
    tiers[values <= 0] = "other"
    return tiers
