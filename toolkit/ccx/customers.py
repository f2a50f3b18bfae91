"""Finding customers by internal reference, e-mail or name: the server decides.

``res.partner.find_customers`` is the rule the server's CSV imports use too;
ccx only asks it (one call for all keys) and words the answer.
"""

from ccx.errors import CcxError


def find_customers(connection, keys, partial_names=False):
    """Map each key to the list of customers it names (usually one).

    Each customer is {"id", "name", "picked_id"}: ``picked_id`` is the
    matching person when it alone stands for its company (the server files the
    contact under the company and keeps that person as the contact person).
    With ``partial_names``, a key that names nobody may be part of a name.
    """
    keys = sorted({key.strip() for key in keys if key and key.strip()})
    if not keys:
        return {}
    return connection.call(
        "res.partner", "find_customers", keys, partial_names=partial_names
    )


def ambiguity(key, customers, limit=5):
    names = ", ".join(customer["name"] for customer in customers[:limit])
    more = ", …" if len(customers) > limit else ""
    return (
        f"{key!r} matches {len(customers)} customers ({names}{more}): use the "
        "internal reference or e-mail"
    )


def find_one_customer(connection, key):
    """The one customer ``key`` names; a name may also be part of the name."""
    key = (key or "").strip()
    if not key:
        raise CcxError("name the customer (internal reference, e-mail or name)")
    customers = find_customers(connection, [key], partial_names=True)[key]
    if not customers:
        raise CcxError(
            f"no customer matches {key!r} (internal reference, e-mail or name)"
        )
    if len(customers) > 1:
        raise CcxError(ambiguity(key, customers))
    return customers[0]
