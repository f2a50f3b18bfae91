"""Finding customers by internal reference, e-mail or name, in one search."""

from ccx.errors import CcxError

PARTNER_FIELDS = ["name", "ref", "email_normalized", "commercial_partner_id"]


def _like_escape(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _or(terms):
    return ["|"] * (len(terms) - 1) + terms


def _commercial(partners):
    """Distinct customers (commercial partners) of matching partners.

    ``picked_id`` is the matching partner itself when it is the only match
    of its customer (a person of a company): the server files the contact
    under the company and keeps that person as the contact person.
    """
    seen = {}
    for partner in partners:
        commercial_id, commercial_name = partner["commercial_partner_id"]
        customer = seen.setdefault(
            commercial_id,
            {"id": commercial_id, "name": commercial_name, "picked_id": partner["id"]},
        )
        if customer["picked_id"] != partner["id"]:
            customer["picked_id"] = commercial_id
    return sorted(
        seen.values(), key=lambda customer: (customer["name"], customer["id"])
    )


def find_customers(connection, keys):
    """Map each key to the list of customers it names (usually one).

    A key matches a partner's internal reference exactly, else its e-mail
    (case-insensitive), else its name (case-insensitive, whole name). A
    person stands for its company (the commercial partner). All keys are
    resolved with one ``search_read``.
    """
    keys = sorted({key.strip() for key in keys if key and key.strip()})
    if not keys:
        return {}
    terms = [("ref", "in", keys)]
    emails = sorted({key.lower() for key in keys if "@" in key})
    if emails:
        terms.append(("email_normalized", "in", emails))
    terms += [("name", "=ilike", _like_escape(key)) for key in keys if "@" not in key]
    partners = connection.search_read("res.partner", _or(terms), PARTNER_FIELDS)
    found = {}
    for key in keys:
        folded, lowered = key.casefold(), key.lower()
        tiers = (
            [p for p in partners if p["ref"] and p["ref"] == key],
            [p for p in partners if p["email_normalized"] == lowered and "@" in key],
            [p for p in partners if (p["name"] or "").casefold() == folded],
        )
        matches = next((tier for tier in tiers if tier), [])
        found[key] = _commercial(matches)
    return found


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
    customers = find_customers(connection, [key])[key]
    if not customers:
        partners = connection.search_read(
            "res.partner", [("name", "ilike", key)], PARTNER_FIELDS, limit=50
        )
        customers = _commercial(partners)
    if not customers:
        raise CcxError(
            f"no customer matches {key!r} (internal reference, e-mail or name)"
        )
    if len(customers) > 1:
        raise CcxError(ambiguity(key, customers))
    return customers[0]
