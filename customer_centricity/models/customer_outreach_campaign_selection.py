# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who a campaign reaches: selecting and adding customers, assigning who writes,
excluding whom we must not contact, random groups and the products offered."""

import math
import random

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .customer_outreach_campaign import EDITABLE_STATES
from .customer_outreach_exclusion_mixin import EMAIL_CHANNELS
from .res_partner import looked_after_domain, not_looked_after

PARTNER_FIELDS = [
    "active",
    "city",
    "company_id",
    "email_normalized",
    "outreach_opt_out",
    "street",
    "user_id",
    "zip",
]


class CustomerOutreachCampaign(models.Model):
    # one model in several files on purpose: each holds one part of a campaign
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.campaign"

    def action_add_partners(self, partner_ids):
        """Add customers chosen by hand; returns how many were added and excluded.

        Staff add only customers they look after; the usual exclusions apply.
        """
        self.ensure_one()
        self._check_can_run()
        if self.state not in EDITABLE_STATES:
            raise UserError(
                self.env._("Customers are added to draft or preparing campaigns only.")
            )
        partners = self.env["res.partner"].browse(partner_ids).exists()
        partners = partners.commercial_partner_id
        if not self._is_manager():
            foreign = not_looked_after(partners)
            if foreign:
                raise AccessError(
                    self.env._(
                        "You can only add customers you look after (as salesperson "
                        "or through your sales team): %s",
                        ", ".join(foreign.mapped("display_name")),
                    )
                )
        added = self._add_recipients(partners)
        self._set_state("preparing")
        self._notify_assigned_people()
        return {
            "added": len(added),
            "excluded": len(added.filtered(lambda r: r.state == "excluded")),
        }

    def action_open_add_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add customers"),
            "res_model": "customer.outreach.add",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
        }

    @api.model
    def _select_partners(self):
        """Commercial partners chosen by the selection mode (one or two queries)."""
        self.ensure_one()
        Value = self.env["customer.value"]
        mine = [] if self._is_manager() else looked_after_domain(self.env)
        company = [("company_id", "=", self.company_id.id)]
        if mine:
            company.append(("partner_id", "any", mine))
        mode = self.selection_mode
        if mode == "manual":
            return self.env["res.partner"]
        if mode == "filter":
            if not self.selection_filter_id:
                raise UserError(self.env._("Choose the saved filter."))
            domain = self.selection_filter_id._get_eval_domain()
            partners = self.env["res.partner"].search(
                [*domain, *mine, ("company_id", "in", (False, self.company_id.id))]
            )
            return partners.commercial_partner_id
        if mode == "top_count":
            if self.selection_count <= 0:
                raise UserError(self.env._("Choose how many customers."))
            values = Value.search_fetch(
                company, ["partner_id"], limit=self.selection_count
            )
        elif mode == "top_percent":
            if not 0 < self.selection_percent <= 100:
                raise UserError(self.env._("The percentage lies between 0 and 100."))
            total = Value.search_count(company)
            values = Value.search_fetch(
                company,
                ["partner_id"],
                limit=math.ceil(total * self.selection_percent / 100),
            )
        elif mode == "segment":
            values = Value.search_fetch(
                [*company, ("segment", "=", self.selection_segment)], ["partner_id"]
            )
        else:
            values = Value.search_fetch(
                [*company, ("tier", "=", self.selection_tier)], ["partner_id"]
            )
        return values.partner_id

    def _add_recipients(self, partners):
        """Create recipients in bulk, with assignment, exclusions and picks."""
        self.ensure_one()
        partners = (
            partners.with_context(active_test=False) - self.recipient_ids.partner_id
        )
        # one query for every partner field used below, whatever their number
        partners.fetch(PARTNER_FIELDS)
        # never another company's customers
        partners = partners.filtered(
            lambda p: not p.company_id or p.company_id == self.company_id
        )
        if not partners:
            return self.env["customer.outreach.recipient"]
        owners = self._assign_people(partners)
        reasons = self._exclusion_reasons(partners)
        groups = self._draw_groups(partners)
        rows = []
        for partner in partners:
            group = groups[partner.id]
            holdout = group == "holdout"
            reason = reasons.get(partner.id) or ("holdout" if holdout else None)
            if reason:
                state = "excluded"
            else:
                state = "to_prepare" if self.personal else "ready"
            rows.append(
                (
                    partner.id,
                    owners.get(partner.id, self.user_id.id),
                    reason,
                    holdout,
                    None if holdout else group or None,
                    state,
                )
            )
        inserted = self._insert_recipients(rows)
        self._create_picks(
            [
                (recipient_id, partner_id)
                for recipient_id, partner_id, state in inserted
                if state != "excluded"
            ]
        )
        return self.env["customer.outreach.recipient"].browse(
            row[0] for row in inserted
        )

    def _insert_recipients(self, rows):
        """One INSERT for any number of recipients (the ORM inserts by 100).

        ``rows``: (partner, user, exclusion reason, holdout, variant, state).
        """
        columns = list(zip(*rows, strict=True))
        inserted = self.env.execute_query(
            SQL(
                """
                INSERT INTO customer_outreach_recipient
                       (campaign_id, company_id, partner_id, user_id,
                        exclusion_reason, holdout, variant_id, state, positive,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(campaign)s, %(company)s, partner, usr, reason, holdout,
                       variant, state, 0, %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM unnest(%(partners)s::int[], %(users)s::int[],
                              %(reasons)s::varchar[], %(holdouts)s::bool[],
                              %(variants)s::int[], %(states)s::varchar[])
                       AS row(partner, usr, reason, holdout, variant, state)
                RETURNING id, partner_id, state
                """,
                campaign=self.id,
                company=self.company_id.id,
                uid=self.env.uid,
                partners=list(columns[0]),
                users=list(columns[1]),
                reasons=list(columns[2]),
                holdouts=list(columns[3]),
                variants=list(columns[4]),
                states=list(columns[5]),
            )
        )
        self.invalidate_recordset(["recipient_ids"])
        return inserted

    def _assign_people(self, partners):
        """The salesperson, else whoever logged the most contacts (one query)."""
        # sudo: who talked to a customer decides the assignment, whatever the
        # preparing manager may read of the contacts themselves
        counts = (
            self.env["customer.contact"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "done"),
                ],
                ["partner_id", "user_id"],
                ["__count"],
            )
        )
        best = {}
        for partner, user, count in counts:
            if count > best.get(partner.id, (None, 0))[1]:
                best[partner.id] = (user.id, count)
        owners = {partner_id: user_id for partner_id, (user_id, _c) in best.items()}
        for partner in partners.filtered("user_id"):
            owners[partner.id] = partner.user_id.id
        return owners

    def _exclusion_reasons(self, partners):
        """Why a partner must not be reached, in the order a user checks it."""
        blacklisted = self._blacklisted_emails(partners)
        seen_emails = set(
            self.recipient_ids.filtered(
                lambda r: r.state != "excluded"
            ).partner_id.mapped("email_normalized")
        )
        reasons = {}
        for partner in partners:
            reason = self._exclusion_reason(partner, blacklisted, self.channel)
            email = partner.email_normalized
            if not reason and self.channel in EMAIL_CHANNELS and email in seen_emails:
                reason = "duplicate_email"
            if not reason and email:
                seen_emails.add(email)
            if reason:
                reasons[partner.id] = reason
        return reasons

    def _draw_groups(self, partners):
        """Random, reproducible split into variants and the holdout group."""
        rng = random.Random(self.id)
        variants = self.variant_ids or [False]
        groups = {}
        for partner in partners.sorted("id"):
            if rng.random() * 100 < self.holdout_percent:
                groups[partner.id] = "holdout"
            else:
                variant = rng.choice(variants)
                groups[partner.id] = variant.id if variant else False
        return groups

    def _create_picks(self, recipient_partners):
        """Favourites from purchase history and the new products: two queries.

        ``recipient_partners``: (recipient id, partner id) pairs.
        """
        if not recipient_partners:
            return
        favourites = self._favourite_products([p for _r, p in recipient_partners])
        rows = []
        for recipient_id, partner_id in recipient_partners:
            rows += [
                (recipient_id, product_id, "favourite", sequence)
                for sequence, product_id in enumerate(favourites.get(partner_id, []))
            ]
            rows += [
                (recipient_id, product.id, "new", 100)
                for product in self.new_product_ids
            ]
        if not rows:
            return
        columns = list(zip(*rows, strict=True))
        self.env.execute_query(
            SQL(
                """
                INSERT INTO customer_outreach_pick
                       (recipient_id, company_id, product_id, kind, sequence,
                        create_uid, create_date, write_uid, write_date)
                SELECT recipient, %(company)s, product, kind, sequence,
                       %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM unnest(%(recipients)s::int[], %(products)s::int[],
                              %(kinds)s::varchar[], %(sequences)s::int[])
                       AS row(recipient, product, kind, sequence)
                """,
                company=self.company_id.id,
                uid=self.env.uid,
                recipients=list(columns[0]),
                products=list(columns[1]),
                kinds=list(columns[2]),
                sequences=list(columns[3]),
            )
        )
        self.env["customer.outreach.recipient"].invalidate_model(["pick_ids"])

    def _favourite_products(self, partner_ids):
        """Each customer's most bought products, from every kind of sale."""
        return self.env["customer.value"]._favourite_products(
            self.company_id, partner_ids, self.favourite_count
        )

    def _notify_assigned_people(self):
        """One activity per person with notes to write, kept up to date."""
        self.ensure_one()
        if not self.personal:
            return
        pending = self.env["customer.outreach.recipient"]._read_group(
            [("campaign_id", "=", self.id), ("state", "=", "to_prepare")],
            ["user_id"],
            ["__count"],
        )
        notes_type = self.env.ref("customer_centricity.mail_activity_outreach_notes")
        existing = {
            activity.user_id: activity
            for activity in self.activity_ids
            if activity.activity_type_id == notes_type
        }
        for user, count in pending:
            summary = self.env._("Write %(count)s personal notes", count=count)
            if user in existing:
                existing[user].summary = summary
                continue
            self.activity_schedule(
                "customer_centricity.mail_activity_outreach_notes",
                summary=summary,
                note=self.env._(
                    "Open the campaign's recipients, filter on 'Mine' and write a "
                    "note for each customer you know."
                ),
                user_id=user.id,
            )
