# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contact compliance: employees see their own figures, team leaders their teams'.

The rule lives in a noupdate file, so an upgrade does not rewrite it.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref(
        "customer_centricity.customer_contact_report_rule_user",
        raise_if_not_found=False,
    )
    if rule:
        rule.write(
            {
                "name": "Contact compliance: own and the teams one leads",
                "domain_force": "['|', ('user_id', '=', user.id), "
                "('user_id.crm_team_ids.user_id', '=', user.id)]",
            }
        )
