# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools.misc import file_path


def post_migration(version):
    """``migrate`` of the ``version`` upgrade, as Odoo's migration manager
    loads it."""
    path = file_path(f"customer_centricity/migrations/{version}/post-migrate.py")
    spec = importlib.util.spec_from_file_location(f"cc_post_migrate_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.migrate


class CustomerCentricityCase(TransactionCase):
    """Two companies, a sales team, users of each level and a few customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Filiale Graz"})
        user_group = "customer_centricity.group_customer_centricity_user"
        manager_group = "customer_centricity.group_customer_centricity_manager"
        cls.user_anna = new_test_user(
            cls.env, "cc_anna", groups=user_group, name="Anna", tz="Europe/Berlin"
        )
        cls.user_ben = new_test_user(cls.env, "cc_ben", groups=user_group, name="Ben")
        cls.user_carl = new_test_user(
            cls.env, "cc_carl", groups=user_group, name="Carl"
        )
        cls.manager = new_test_user(
            cls.env, "cc_mia", groups=manager_group, name="Mia", tz="Europe/Vienna"
        )
        cls.other_manager = new_test_user(
            cls.env,
            "cc_otto",
            groups=manager_group,
            name="Otto",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )
        team = cls.env["crm.team"].create({"name": "Shop Wien"})
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": team.id, "user_id": cls.user_anna.id},
                {"crm_team_id": team.id, "user_id": cls.user_ben.id},
            ]
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Juwelier Huber", "is_company": True})
        cls.customer_person = Partner.create(
            {"name": "Eva Huber", "parent_id": cls.customer.id}
        )
        cls.other_customer = Partner.create({"name": "Uhren Maier", "is_company": True})

    @classmethod
    def _contact(cls, user=None, **vals):
        values = {
            "partner_id": cls.customer.id,
            "user_id": (user or cls.user_anna).id,
            "kind": "visit",
            "date_start": "2026-03-10 09:00:00",
            "duration": 1.0,
        }
        values.update(vals)
        if values["kind"] == "customer_day" and "duration" not in vals:
            del values["duration"]  # logged without hours: a whole customer day
        return cls.env["customer.contact"].create(values)
