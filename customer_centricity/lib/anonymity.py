# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Report anonymous answers only in groups large enough to hide a person.

Hiding small groups is not enough: if the company total and all teams but one
are shown, the hidden team follows by subtraction. Small groups are therefore
pooled into "other teams"; if that pool is itself too small, the smallest
shown group joins it.
"""

MINIMUM_GROUP = 5
OTHER = "other"


def pool_small_groups(groups, minimum=MINIMUM_GROUP):
    """Reportable groups out of ``{key: (count, total)}``.

    Returns ``{key: (count, total)}`` where every group has at least
    ``minimum`` answers, small groups are pooled under ``OTHER``, and no
    hidden group can be computed from the reported ones and their sum.
    The pool is left out when it is the only group (it equals the total).
    An empty result means there is nothing to report at all.
    """
    shown = {key: value for key, value in groups.items() if value[0] >= minimum}
    pool_count = sum(count for count, _total in groups.values()) - sum(
        count for count, _total in shown.values()
    )
    pool_total = sum(total for _count, total in groups.values()) - sum(
        total for _count, total in shown.values()
    )
    if 0 < pool_count < minimum and shown:
        smallest = min(shown, key=lambda key: (shown[key][0], str(key)))
        count, total = shown.pop(smallest)
        pool_count += count
        pool_total += total
    if pool_count >= minimum and shown:
        shown[OTHER] = (pool_count, pool_total)
    return shown


def company_total(groups, minimum=MINIMUM_GROUP):
    """``(count, total)`` of all answers, or None below the minimum."""
    count = sum(count for count, _total in groups.values())
    total = sum(total for _count, total in groups.values())
    return (count, total) if count >= minimum else None
