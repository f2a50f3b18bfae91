# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Outreach rights played as the attacker would: XML-RPC as each kind of user."""

import xmlrpc.client

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_rpc import RpcCase

CAMPAIGN = "customer.outreach.campaign"
RECIPIENT = "customer.outreach.recipient"


@tagged("post_install", "-at_install")
class TestOutreachRights(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.outreach_budget = 100.0
        Partner = cls.env["res.partner"]
        address = {"street": "Graben 1", "zip": "1010", "city": "Wien"}
        cls.mine = Partner.create(
            {
                "name": "Frau Stammkundin",
                "email": "stammkundin@example.com",
                "user_id": cls.employee.id,
                **address,
            }
        )
        # a customer of the team: a colleague in the employee's shop sells to them
        cls.team_customer = Partner.create(
            {
                "name": "Herr Teamkunde",
                "email": "teamkunde@example.com",
                "user_id": cls.colleague.id,
                **address,
            }
        )
        cls.foreign = Partner.create(
            {
                "name": "Fremde Kundin",
                "email": "fremd@example.com",
                "user_id": cls.outsider.id,
                **address,
            }
        )

    def _staff_campaign(self, user=None, gift=10.0, **vals):
        """A campaign created over XML-RPC by ``user`` (the employee)."""
        user = user or self.employee
        campaign_id = self.rpc(
            user,
            CAMPAIGN,
            "create",
            {
                "name": "Vergissmeinnicht",
                "selection_mode": "manual",
                "gift_unit_cost": gift,
                **vals,
            },
        )
        return self.env[CAMPAIGN].browse(campaign_id)

    def _write_notes(self, campaign, user=None):
        for recipient in campaign.recipient_ids:
            self.rpc(
                user or recipient.user_id,
                RECIPIENT,
                "write",
                [recipient.id],
                {"note": f"<p>Liebe Grüße an {recipient.partner_id.name}</p>"},
            )

    def _mails_of(self, recipients):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", RECIPIENT), ("res_id", "in", recipients.ids)])
        )

    # staff launch ------------------------------------------------------------
    def test_staff_launch_a_campaign_within_budget_end_to_end(self):
        campaign = self._staff_campaign()
        self.assertEqual(campaign.user_id, self.employee)
        self.assertRpcRefused(
            self.employee,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.mine.id, self.foreign.id],
            message="customers you look after",
        )
        self.assertFalse(campaign.recipient_ids, "nothing added on a refusal")
        result = self.rpc(
            self.employee,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.mine.id, self.team_customer.id],
        )
        self.assertEqual(result, {"added": 2, "excluded": 0})
        self.assertEqual(campaign.state, "preparing")
        self.assertEqual(
            campaign.recipient_ids.partner_id, self.mine | self.team_customer
        )
        self._write_notes(campaign)
        self.assertEqual(set(campaign.recipient_ids.mapped("state")), {"ready"})
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.assertEqual(campaign.state, "ready")
        self.rpc(self.employee, CAMPAIGN, "action_send", [campaign.id])
        self.assertEqual(campaign.state, "done")
        self.assertEqual(len(self._mails_of(campaign.recipient_ids)), 2)
        self.assertEqual(campaign.total_cost, 20.0)

    def test_staff_choose_from_their_customers_by_value_too(self):
        Value = self.env["customer.value"]
        Value.create(
            [
                {"partner_id": partner.id, "company_id": self.company.id}
                for partner in (self.mine, self.foreign)
            ]
        )
        campaign = self._staff_campaign(selection_mode="top_count")
        campaign.selection_count = 10
        self.rpc(self.employee, CAMPAIGN, "action_prepare", [campaign.id])
        self.assertEqual(campaign.recipient_ids.partner_id, self.mine)

    def test_over_budget_goes_to_a_manager_who_refuses_then_approves(self):
        campaign = self._staff_campaign(gift=60.0)
        self.rpc(
            self.employee,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.mine.id, self.team_customer.id],
        )
        self._write_notes(campaign)
        self.assertEqual(campaign.planned_cost, 120.0)
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.assertEqual(campaign.state, "to_approve")
        approval = campaign.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("customer_centricity.mail_activity_outreach_approval")
        )
        self.assertTrue(approval)
        self.assertIn(self.manager, approval.user_id)
        # the requester cannot approve, send or force the state
        for method, args in (
            ("action_approve", []),
            ("action_send", []),
            ("action_mark_posted", []),
            ("write", [{"state": "ready"}]),
            ("write", [{"approved_cost": 500.0}]),
        ):
            with self.subTest(method=method, args=args):
                self.assertRpcRefused(
                    self.employee, CAMPAIGN, method, [campaign.id], *args
                )
        self.assertUnchanged(campaign, {"state": "to_approve", "approved_cost": 0.0})
        self.assertFalse(self._mails_of(campaign.recipient_ids))
        # refusing needs a reason, and tells the requester
        self.assertRpcRefused(
            self.manager, CAMPAIGN, "action_refuse", [campaign.id], " ", message="why"
        )
        self.rpc(self.manager, CAMPAIGN, "action_refuse", [campaign.id], "Zu teuer")
        self.assertEqual(campaign.state, "preparing")
        self.assertFalse(campaign.activity_ids.filtered(lambda a: a in approval))
        self.assertTrue(
            campaign.message_ids.filtered(lambda m: "Zu teuer" in m.body),
            "the reason is in the chatter",
        )
        todo = campaign.activity_ids.filtered(
            lambda a: a.user_id == self.employee and "refused" in a.summary
        )
        self.assertIn("Zu teuer", todo.note)
        # asked again, approved, sent by the requester
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.assertEqual(campaign.state, "to_approve")
        self.rpc(self.manager, CAMPAIGN, "action_approve", [campaign.id])
        self.assertEqual(
            (campaign.state, campaign.approved_cost, campaign.approved_by_id),
            ("ready", 120.0, self.manager),
        )
        self.rpc(self.employee, CAMPAIGN, "action_send", [campaign.id])
        self.assertEqual(campaign.state, "done")
        self.assertEqual(len(self._mails_of(campaign.recipient_ids)), 2)

    def test_managers_need_no_approval(self):
        campaign = self._staff_campaign(user=self.manager, gift=500.0)
        self.rpc(
            self.manager,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.foreign.id],
        )
        self._write_notes(campaign, self.outsider)
        self.rpc(self.manager, CAMPAIGN, "action_ready", [campaign.id])
        self.assertEqual(campaign.state, "ready")

    def test_staff_touch_only_their_own_campaigns(self):
        theirs = self._staff_campaign(user=self.colleague)
        self.assertRpcRefused(
            self.employee,
            CAMPAIGN,
            "create",
            {"name": "Im Namen der Chefin", "user_id": self.manager.id},
        )
        self.assertFalse(
            self.env[CAMPAIGN].search([("name", "=", "Im Namen der Chefin")])
        )
        for method, args in (
            ("write", [{"name": "Gekapert"}]),
            ("write", [{"user_id": self.employee.id}]),
            ("action_prepare", []),
            ("action_add_partners", [[self.mine.id]]),
            ("action_update_results", []),
            ("action_cancel", []),
            ("unlink", []),
        ):
            with self.subTest(method=method, args=args):
                self.assertRpcRefused(
                    self.employee, CAMPAIGN, method, [theirs.id], *args
                )
        self.assertUnchanged(
            theirs,
            {"name": "Vergissmeinnicht", "user_id": self.colleague, "state": "draft"},
        )
        self.assertFalse(theirs.recipient_ids)
        # the lessons are shared: everyone reads the campaign and copies it
        [read] = self.rpc(self.employee, CAMPAIGN, "read", [theirs.id], ["name"])
        self.assertEqual(read["name"], "Vergissmeinnicht")
        action = self.rpc(self.employee, CAMPAIGN, "action_copy_campaign", [theirs.id])
        copy = self.env[CAMPAIGN].browse(action["res_id"])
        self.assertEqual((copy.user_id, copy.copied_from_id), (self.employee, theirs))
        self.assertEqual(
            self.rpc(self.manager, CAMPAIGN, "action_cancel", [theirs.id]), True
        )
        self.assertEqual(theirs.state, "cancel")

    def test_portal_users_have_no_campaigns(self):
        self._staff_campaign()
        self.assertRpcRefused(self.portal, CAMPAIGN, "search_read", [], ["name"])
        self.assertRpcRefused(
            self.portal,
            CAMPAIGN,
            "create",
            {"name": "Portal", "selection_mode": "manual"},
        )
        self.assertRpcRefused(self.portal, RECIPIENT, "search_read", [], ["note"])

    # recipients ------------------------------------------------------------
    def _prepared(self):
        campaign = self._staff_campaign()
        self.rpc(
            self.employee,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.mine.id],
        )
        return campaign, campaign.recipient_ids

    def test_recipients_change_only_through_their_actions(self):
        campaign, recipient = self._prepared()
        self.assertEqual(recipient.user_id, self.employee)
        before = {
            "state": "to_prepare",
            "partner_id": self.mine,
            "user_id": self.employee,
            "campaign_id": campaign,
            "exclusion_reason": False,
            "holdout": False,
            "mail_id": False,
        }
        for user in (self.employee, self.manager, self.admin):
            for vals in (
                {"state": "sent"},
                {"partner_id": self.foreign.id},
                {"user_id": self.manager.id},
                {"campaign_id": self._staff_campaign(user=self.manager).id},
                {"exclusion_reason": "holdout"},
                {"holdout": True},
                {"note": "<p>ok</p>", "state": "sent"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.assertRpcRefused(
                        user, RECIPIENT, "write", [recipient.id], vals
                    )
        self.assertUnchanged(recipient, before)
        self.assertRpcRefused(
            self.manager,
            RECIPIENT,
            "create",
            {"campaign_id": campaign.id, "partner_id": self.foreign.id},
            message="through the campaign",
        )
        self.assertEqual(len(campaign.recipient_ids), 1)
        # what the writer may change
        self.rpc(
            self.employee,
            RECIPIENT,
            "write",
            [recipient.id],
            {"note": "<p>Für Sie</p>", "reaction_note": "freut sich"},
        )
        self.assertEqual(
            (recipient.state, recipient.reaction_note), ("ready", "freut sich")
        )

    def test_colleagues_read_no_notes_of_others(self):
        campaign, recipient = self._prepared()
        self.rpc(
            self.employee, RECIPIENT, "write", [recipient.id], {"note": "<p>Geheim</p>"}
        )
        for user in (self.colleague, self.leader, self.outsider):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.rpc(user, RECIPIENT, "search_read", [], ["note"]), []
                )
                self.assertRpcRefused(user, RECIPIENT, "read", [recipient.id], ["note"])
                self.assertRpcRefused(
                    user, RECIPIENT, "write", [recipient.id], {"note": "<p>x</p>"}
                )
                self.assertEqual(
                    self.rpc(
                        user,
                        "customer.outreach.pick",
                        "search_count",
                        [("recipient_id", "=", recipient.id)],
                    ),
                    0,
                )
        self.assertIn("Geheim", recipient.note)
        # figures of a readable campaign stay right for everyone
        [figures] = self.rpc(
            self.colleague, CAMPAIGN, "read", [campaign.id], ["recipient_count"]
        )
        self.assertEqual(figures["recipient_count"], 1)

    def test_notes_load_nothing_from_elsewhere(self):
        campaign, recipient = self._prepared()
        self.rpc(
            self.employee,
            RECIPIENT,
            "write",
            [recipient.id],
            {
                "note": '<p>Hallo<img src="http://tracker.example/p.gif">'
                '<img src="//cdn.example/x.png"></p>'
            },
        )
        self.assertNotIn("example", recipient.note)
        self.assertIn("Hallo", recipient.note)
        # a note stored before the rule is stripped before sending
        self.env.cr.execute(
            "UPDATE customer_outreach_recipient SET note = %s WHERE id = %s",
            ['<p>Alt<img src="https://tracker.example/q.gif"></p>', recipient.id],
        )
        recipient.invalidate_recordset(["note"])
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.rpc(self.employee, CAMPAIGN, "action_send", [campaign.id])
        mail = self._mails_of(recipient)
        self.assertEqual(len(mail), 1)
        self.assertIn("Alt", mail.body_html)
        self.assertNotIn("tracker.example", mail.body_html)

    def test_tampered_recipient_is_still_sent_exactly_once(self):
        campaign, recipient = self._prepared()
        self.rpc(
            self.employee, RECIPIENT, "write", [recipient.id], {"note": "<p>x</p>"}
        )
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.rpc(self.employee, CAMPAIGN, "action_send", [campaign.id])
        self.assertEqual(len(self._mails_of(recipient)), 1)
        # whatever the fields say afterwards (a restore, a bug, a database edit)
        self.env.cr.execute(
            "UPDATE customer_outreach_recipient "
            "SET state = 'ready', mail_id = NULL, sent_date = NULL WHERE id = %s",
            [recipient.id],
        )
        self.env.cr.execute(
            "UPDATE customer_outreach_campaign SET state = 'sending' WHERE id = %s",
            [campaign.id],
        )
        self.env.invalidate_all()
        self.env[CAMPAIGN]._cron_send()
        self.assertEqual(len(self._mails_of(recipient)), 1)
        self.assertEqual((recipient.state, campaign.state), ("sent", "done"))

    def test_retry_by_a_manager_without_system_rights_rechecks_the_blacklist(self):
        campaign = self._staff_campaign()
        self.rpc(
            self.employee,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.mine.id, self.team_customer.id],
        )
        self._write_notes(campaign)
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.rpc(self.employee, CAMPAIGN, "action_send", [campaign.id])
        recipients = campaign.recipient_ids
        recipients.mail_id.write({"state": "exception"})
        recipients.sudo().write({"state": "failed", "failure_reason": "550"})
        self.env["mail.blacklist"].sudo()._add(self.team_customer.email)
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.assertRpcRefused(
            self.colleague, CAMPAIGN, "action_retry_failed", [campaign.id]
        )
        self.assertEqual(set(recipients.mapped("state")), {"failed"})
        retried = self.rpc(self.manager, CAMPAIGN, "action_retry_failed", [campaign.id])
        self.assertEqual(retried, 1)
        by_partner = {r.partner_id: r for r in recipients}
        self.assertEqual(by_partner[self.mine].state, "sent")
        self.assertEqual(by_partner[self.mine].mail_id.state, "outgoing")
        blacklisted = by_partner[self.team_customer]
        self.assertEqual(
            (blacklisted.state, blacklisted.exclusion_reason),
            ("excluded", "blacklisted"),
        )
        self.assertEqual(blacklisted.mail_id.state, "exception", "not re-queued")

    def test_picks_of_a_sent_recipient_stay_as_sent(self):
        campaign, recipient = self._prepared()
        product = self.env["product.product"].create({"name": "Uhr"})
        pick_id = self.rpc(
            self.employee,
            "customer.outreach.pick",
            "create",
            {"recipient_id": recipient.id, "product_id": product.id, "comment": "!"},
        )
        self.rpc(
            self.employee, RECIPIENT, "write", [recipient.id], {"note": "<p>x</p>"}
        )
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.rpc(self.employee, CAMPAIGN, "action_send", [campaign.id])
        self.assertRpcRefused(
            self.employee,
            "customer.outreach.pick",
            "write",
            [pick_id],
            {"comment": "?"},
        )
        self.assertRpcRefused(
            self.employee, "customer.outreach.pick", "unlink", [pick_id]
        )
        self.assertEqual(
            self.env["customer.outreach.pick"].browse(pick_id).comment, "!"
        )

    def test_add_to_campaign_from_the_customer_list(self):
        campaign = self._staff_campaign()
        wizard = (
            self.env["customer.outreach.add"]
            .with_user(self.employee)
            .with_context(
                active_model="res.partner",
                active_ids=[self.mine.id, self.team_customer.id],
            )
            .create({"campaign_id": campaign.id})
        )
        self.assertEqual(wizard.partner_ids, self.mine | self.team_customer)
        wizard.action_add()
        self.assertEqual(len(campaign.recipient_ids), 2)
        # a customer of someone else, through the wizard: refused, nothing added
        other = (
            self.env["customer.outreach.add"]
            .with_user(self.employee)
            .create({"campaign_id": campaign.id, "partner_ids": [self.foreign.id]})
        )
        with self.assertRaises(AccessError):
            other.action_add()
        self.assertEqual(len(campaign.recipient_ids), 2)

    def test_owner_and_managers_hand_recipients_on(self):
        campaign, recipient = self._prepared()
        self.assertRpcRefused(
            self.colleague,
            RECIPIENT,
            "action_assign_to",
            [recipient.id],
            self.colleague.id,
        )
        self.assertRpcRefused(
            self.employee,
            RECIPIENT,
            "action_assign_to",
            [recipient.id],
            self.portal.id,
            message="employees",
        )
        self.assertEqual(recipient.user_id, self.employee)
        wizard = (
            self.env["customer.outreach.assign"]
            .with_user(self.employee)
            .with_context(active_model=RECIPIENT, active_ids=recipient.ids)
            .create({"user_id": self.colleague.id})
        )
        wizard.action_assign()
        self.assertEqual(recipient.user_id, self.colleague)
        # now the colleague writes the note, and the owner still reads it
        self.rpc(
            self.colleague, RECIPIENT, "write", [recipient.id], {"note": "<p>Kurt</p>"}
        )
        [read] = self.rpc(self.employee, RECIPIENT, "read", [recipient.id], ["note"])
        self.assertIn("Kurt", read["note"])
        self.rpc(
            self.manager,
            RECIPIENT,
            "action_assign_to",
            [recipient.id],
            self.employee.id,
        )
        self.assertEqual(recipient.user_id, self.employee)

    def test_the_server_says_whose_note_may_still_change(self):
        _campaign, recipient = self._prepared()
        self.assertEqual(
            self.rpc(self.employee, RECIPIENT, "note_refusals", [recipient.id]), []
        )
        self.assertEqual(
            self.rpc(self.manager, RECIPIENT, "note_refusals", [recipient.id]), []
        )
        # handed on: the owner still reads it, but the new writer writes it
        recipient.sudo().user_id = self.colleague
        self.assertEqual(
            self.rpc(self.employee, RECIPIENT, "note_refusals", [recipient.id]),
            [
                [
                    recipient.id,
                    "is assigned to Kurt: only they or a manager write its note",
                ]
            ],
        )
        # a recipient one may not read is refused outright, not described
        self.assertRpcRefused(self.outsider, RECIPIENT, "note_refusals", [recipient.id])
        recipient.sudo().state = "sent"
        self.assertEqual(
            self.rpc(self.manager, RECIPIENT, "note_refusals", [recipient.id]),
            [[recipient.id, "is already sent: its note cannot change any more"]],
        )
        recipient.sudo().write({"state": "excluded", "exclusion_reason": "manual"})
        self.assertEqual(
            self.rpc(self.manager, RECIPIENT, "note_refusals", [recipient.id]),
            [[recipient.id, "is excluded: Excluded by hand"]],
        )

    def test_the_public_gets_nothing_over_xmlrpc(self):
        public = self.env.ref("base.public_user")
        self.assertFalse(
            self.xmlrpc_common.authenticate(self.env.cr.dbname, public.login, "", {})
        )
        for model in (
            CAMPAIGN,
            RECIPIENT,
            "customer.feedback",
            "customer.value",
            "customer.employee.survey",
        ):
            with self.subTest(model=model), self.assertRaises(xmlrpc.client.Fault):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, public.id, "", model, "search_read", [[]], {}
                )

    def test_a_personal_budget_replaces_the_company_budget(self):
        self.assertRpcRefused(
            self.employee,
            "customer.outreach.budget",
            "create",
            {"user_id": self.employee.id, "amount": 10000.0},
        )
        self.rpc(
            self.manager,
            "customer.outreach.budget",
            "create",
            {"user_id": self.employee.id, "amount": 150.0},
        )
        campaign = self._staff_campaign(gift=60.0)
        self.assertEqual(campaign.budget, 150.0)
        self.rpc(
            self.employee,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.mine.id, self.team_customer.id],
        )
        self._write_notes(campaign)
        self.rpc(self.employee, CAMPAIGN, "action_ready", [campaign.id])
        self.assertEqual(campaign.state, "ready", "120 is within her own 150")
        # a colleague keeps the company's 100
        theirs = self._staff_campaign(user=self.colleague, gift=60.0)
        self.assertEqual(theirs.budget, 100.0)

    def test_the_cost_is_weighed_against_the_recipients_value(self):
        self.env["customer.value"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "ranking_value": value,
                }
                for partner, value in ((self.mine, 1500.0), (self.team_customer, 500.0))
            ]
        )
        campaign = self._staff_campaign(gift=30.0)
        self.rpc(
            self.employee,
            CAMPAIGN,
            "action_add_partners",
            [campaign.id],
            [self.mine.id, self.team_customer.id],
        )
        [figures] = self.rpc(
            self.colleague,
            CAMPAIGN,
            "read",
            [campaign.id],
            ["planned_cost", "recipients_value", "cost_value_percent"],
        )
        self.assertEqual(
            (figures["planned_cost"], figures["recipients_value"]), (60.0, 2000.0)
        )
        self.assertAlmostEqual(figures["cost_value_percent"], 3.0)
        # an excluded recipient is worth nothing to the campaign
        campaign.recipient_ids.filtered(
            lambda r: r.partner_id == self.team_customer
        ).action_exclude()
        campaign.invalidate_recordset()
        self.assertEqual(campaign.recipients_value, 1500.0)

    def test_adding_customers_keeps_one_notes_activity_per_writer(self):
        campaign = self._staff_campaign()
        for partner in (self.mine, self.team_customer):
            self.rpc(
                self.employee,
                CAMPAIGN,
                "action_add_partners",
                [campaign.id],
                partner.ids,
            )
        notes = campaign.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("customer_centricity.mail_activity_outreach_notes")
        )
        # Melanie writes for her customer, Kurt (the salesperson) for his
        self.assertEqual(
            sorted(notes.mapped(lambda a: (a.user_id.login, a.summary))),
            [
                ("cc_rpc_colleague", "Write 1 personal notes"),
                ("cc_rpc_employee", "Write 1 personal notes"),
            ],
        )
