# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The greeting line of a personal letter or e-mail, as a person would write it.

Pure functions: the caller maps the customer's title, name and language.
"""

MADAM = "madam"
MISTER = "mister"
GERMAN = "de"
ENGLISH = "en"

# How notes usually open: a note that already greets gets no second greeting.
GREETING_OPENINGS = (
    "liebe ",
    "lieber ",
    "liebe,",
    "hallo",
    "guten tag",
    "grüß gott",
    "servus",
    "sehr geehrte",
    "dear ",
    "hi ",
    "hi,",
    "hello",
)


def split_name(name):
    """(first name, last name) of a person's name, split on its last space."""
    name = " ".join((name or "").split())
    first, _space, last = name.rpartition(" ")
    return first, last


def salutation(
    title=None,
    first_name="",
    last_name="",
    is_company=False,
    language=GERMAN,
    informal=False,
    academic="",
):
    """The greeting line, e.g. "Liebe Frau Fuchs," or "Hi Alex,".

    :param title: MADAM, MISTER or None (neutral: no title known)
    :param academic: a degree that goes before the last name ("Dr.", "Prof.")
    :param informal: first names ("du"), else last names ("Sie")
    """
    german = language == GERMAN
    if is_company:
        return "Sehr geehrte Damen und Herren," if german else "Dear Sir or Madam,"
    full_name = " ".join(filter(None, [first_name, last_name]))
    if informal:
        return _informal(title, first_name or full_name, german)
    return _formal(title, first_name, last_name, academic, german)


def _informal(title, first_name, german):
    if german:
        opening = {MADAM: "Liebe", MISTER: "Lieber"}.get(title, "Hallo")
    else:
        opening = "Dear" if title in (MADAM, MISTER) else "Hi"
    return f"{opening} {first_name},"


def _formal(title, first_name, last_name, academic, german):
    if german:
        titled = {MADAM: "Liebe Frau", MISTER: "Lieber Herr"}.get(title)
        neutral = "Guten Tag"
    else:
        titled = {MADAM: "Dear Ms", MISTER: "Dear Mr"}.get(title)
        neutral = "Dear"
        academic = academic.rstrip(".")  # British usage: "Dr Fuchs"
        if academic and titled:
            titled = "Dear"  # "Dear Dr Fuchs": the degree replaces Ms/Mr
    if titled and last_name:
        return " ".join(filter(None, [titled, academic, last_name])) + ","
    return " ".join(filter(None, [neutral, academic, first_name, last_name])) + ","


def starts_with_greeting(text):
    """Whether a note already opens with a greeting ("Liebe Frau Huber, ...")."""
    start = " ".join((text or "").split()).lower()
    return start.startswith(GREETING_OPENINGS)
