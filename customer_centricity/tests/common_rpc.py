# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The cast for attacker tests: real XML-RPC calls against the test server."""

import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged

USER_GROUP = "customer_centricity.group_customer_centricity_user"
MANAGER_GROUP = "customer_centricity.group_customer_centricity_manager"


@tagged("post_install", "-at_install")
class RpcCase(HttpCase):
    """Employee, colleague, team leader, manager, administrator and portal user.

    ``employee`` and ``colleague`` sell in the team ``shop`` that
    ``leader`` (a plain User) leads; ``outsider`` is an employee of another
    team. Each logs in with the password ``<login>-pw``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.employee = cls._person("cc_rpc_employee", USER_GROUP, "Melanie")
        cls.colleague = cls._person("cc_rpc_colleague", USER_GROUP, "Kurt")
        cls.leader = cls._person("cc_rpc_leader", USER_GROUP, "Lena")
        cls.outsider = cls._person("cc_rpc_outsider", USER_GROUP, "Otto")
        cls.manager = cls._person("cc_rpc_manager", MANAGER_GROUP, "Mia")
        cls.admin = cls._person(
            "cc_rpc_admin", f"{MANAGER_GROUP},base.group_system", "Ada"
        )
        cls.shop = cls.env["crm.team"].create(
            {"name": "Shop Wien (RPC)", "user_id": cls.leader.id}
        )
        cls.other_shop = cls.env["crm.team"].create({"name": "Shop Graz (RPC)"})
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.shop.id, "user_id": user.id}
                for user in (cls.employee, cls.colleague, cls.leader)
            ]
            + [{"crm_team_id": cls.other_shop.id, "user_id": cls.outsider.id}]
        )
        cls.portal_customer = cls.env["res.partner"].create(
            {"name": "Portal Kunde GmbH", "is_company": True}
        )
        cls.portal = cls._person("cc_rpc_portal", "base.group_portal", "Paula")
        cls.portal.partner_id.parent_id = cls.portal_customer

    @classmethod
    def _person(cls, login, groups, name):
        return new_test_user(
            cls.env, login, groups=groups, name=name, password=f"{login}-pw"
        )

    # ------------------------------------------------------------------
    def rpc(self, user, model, method, *args, **kwargs):
        """``execute_kw`` as ``user`` over XML-RPC; returns the result."""
        password = f"{user.login}-pw"
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, user.login, password, {}
        )
        self.assertEqual(uid, user.id, f"{user.login} cannot log in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )

    def assertRpcRefused(self, user, model, method, *args, message=None, **kwargs):
        """The call fails with a server error (matching ``message``)."""
        with self.assertRaises(xmlrpc.client.Fault) as refusal:
            self.rpc(user, model, method, *args, **kwargs)
        if message:
            self.assertRegex(refusal.exception.faultString, message)
        return refusal.exception

    def assertUnchanged(self, record, values):
        """``record`` still holds ``values`` (read fresh from the database)."""
        record.invalidate_recordset()
        for name, expected in values.items():
            actual = record[name]
            if hasattr(actual, "ids"):
                actual = actual.ids
                expected = getattr(expected, "ids", expected) or []
            self.assertEqual(actual, expected, f"{record}.{name} changed")
