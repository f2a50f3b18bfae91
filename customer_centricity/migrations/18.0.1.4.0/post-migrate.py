# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""E-mails that read as a person wrote them (issue 17).

The outreach and feedback request templates are noupdate data: databases keep
the former bodies ("Dear <name>", "Liebe/r" in German) until they are reset.
Reset them where they are still the shipped ones; a template the shop
rewrote stays as it is (outreach e-mails still lose Odoo's notification
layout and keep the objection note).
"""

from odoo import SUPERUSER_ID, api

TEMPLATES = (
    "customer_centricity.mail_template_outreach",
    "customer_centricity.mail_template_feedback_request",
)
# the former bodies greeted with the partner's name; the new ones call this
NEW_GREETING = "object._email_greeting()"
FORMER_GREETING = "object.partner_id.name"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in TEMPLATES:
        template = env.ref(xmlid, raise_if_not_found=False)
        if not template:
            continue
        body = template.with_context(lang="en_US").body_html or ""
        if FORMER_GREETING in body and NEW_GREETING not in body:
            # reloads the body from data/mail_template_data.xml and its
            # translations from the .po files (the former German copy goes)
            template.reset_template()
