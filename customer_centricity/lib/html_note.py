# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""HTML of personal notes: nothing that makes a reader fetch from elsewhere."""

from lxml import html as lxml_html

# attributes through which a mail client or the PDF renderer loads a resource
LOADING_ATTRIBUTES = ("src", "srcset", "background", "poster", "data", "lowsrc")


def is_local(url):
    """A path on this server or inline data; not another host (``//host/...``)."""
    url = (url or "").strip().lower()
    return (url.startswith("/") and not url.startswith("//")) or url.startswith(
        "data:image/"
    )


def strip_remote_resources(note):
    """``note`` without elements that would load anything from another host.

    An image from elsewhere would tell its owner when the customer opened the
    e-mail, and make the PDF renderer fetch it while printing the letters.
    """
    if not note or not any(attr in note for attr in LOADING_ATTRIBUTES):
        return note
    fragment = lxml_html.fragment_fromstring(str(note), create_parent="div")
    changed = False
    for element in list(fragment.iter()):
        for attribute in LOADING_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None and not is_local(value):
                del element.attrib[attribute]
                changed = True
        if element.tag == "img" and not element.get("src"):
            element.drop_tree()
            changed = True
    if not changed:
        return note
    return (fragment.text or "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in fragment
    )
