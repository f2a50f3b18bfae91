# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.typed_values import parse_date
from ..models.customer_outreach_exclusion_mixin import POSTAL_CHANNELS
from ..models.customer_outreach_recipient_tracking import TRACKING_STATES

# What a carrier's status column says of a delivered item (compared in lower
# case); any other status is "on its way" and changes nothing. Exact words
# only: "konnte nicht zugestellt werden" must not count as delivered.
DELIVERED_STATUSES = {
    "delivered",
    "zugestellt",
    "geliefert",
    "ausgeliefert",
    "yes",
    "ja",
    "true",
    "1",
}
STATUS_COLUMNS = ("status", "delivered_date")
POSTED_STATES = ("sent", "delivered")


class CustomerOutreachTrackingImport(models.TransientModel):
    """Mark a campaign's recipients delivered from a carrier's CSV file.

    Columns: tracking_number, and status (delivered, zugestellt, ...) or
    delivered_date; optionally recipient_id or reference (the customer's
    internal reference) to give a recipient its tracking number.
    All or nothing: while a row is wrong, nothing is imported.
    """

    _name = "customer.outreach.tracking.import"
    _inherit = "customer.csv.import"
    _description = "Import Delivery Status of an Outreach Campaign"

    campaign_id = fields.Many2one(
        "customer.outreach.campaign", required=True, ondelete="cascade"
    )

    _required_columns = ("tracking_number",)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "customer.outreach.campaign":
            values["campaign_id"] = context.get("active_id")
        return values

    def action_check(self):
        self._check_campaign()
        return super().action_check()

    def action_import(self):
        self._check_campaign()
        # all or nothing: the option of the other imports to keep the good
        # rows does not apply to delivery confirmations
        self._server_write({"import_valid_rows": False})
        return super().action_import()

    def _check_campaign(self):
        """The campaign's owner or a manager, for a campaign by post."""
        self.ensure_one()
        self.campaign_id._check_can_run()
        if self.campaign_id.channel not in POSTAL_CHANNELS:
            raise UserError(
                self.env._("Delivery by post is imported for campaigns by post only.")
            )

    def _missing_columns_message(self, missing):
        return self.env._(
            "The file needs the column tracking_number and one of status and "
            "delivered_date (optional: recipient_id or reference). Missing: %s",
            missing,
        )

    # ------------------------------------------------------------------
    def _prepare_lookup(self, records):
        if records and not set(STATUS_COLUMNS) & set(records[0]):
            raise UserError(self._missing_columns_message(" / ".join(STATUS_COLUMNS)))
        recipients = self.campaign_id.recipient_ids
        numbers = {_cell(record, "tracking_number") for record in records} - {""}
        return {
            "by_number": {
                r.tracking_number: r for r in recipients if r.tracking_number
            },
            "by_id": {r.id: r for r in recipients},
            "by_reference": _group_by_reference(recipients),
            "elsewhere": self._numbers_of_other_campaigns(numbers),
            "assigned": {},  # tracking number given by this file: recipient
        }

    def _numbers_of_other_campaigns(self, numbers):
        """Which of ``numbers`` other campaigns hold: the row is then refused."""
        # sudo: only whether the number exists in another campaign of the
        # company is told, nothing of it (whose recipients the user may not read)
        others = (
            self.env["customer.outreach.recipient"]
            .sudo()
            .search(
                [
                    ("tracking_number", "in", list(numbers)),
                    ("campaign_id", "!=", self.campaign_id.id),
                    ("company_id", "=", self.campaign_id.company_id.id),
                ]
            )
        )
        return set(others.mapped("tracking_number"))

    def _parse_record(self, record, lookup):
        problems = []
        number = _cell(record, "tracking_number")
        delivered = self._read_status(record, problems)
        recipient = None
        if not number:
            problems.append(self.env._("no tracking number"))
        else:
            recipient = self._find_recipient(record, number, lookup, problems)
        if recipient and delivered and recipient.state not in POSTED_STATES:
            problems.append(
                self.env._(
                    "%s is not marked as posted yet (Mark posted)",
                    recipient.partner_id.display_name,
                )
            )
        if problems:
            return None, problems
        return {
            "recipient_id": recipient.id,
            "tracking_number": number,
            "delivered": delivered,
        }, []

    def _read_status(self, record, problems):
        """Whether the row says delivered: its status, else its delivery date."""
        status = _cell(record, "status").lower()
        if status:
            return status in DELIVERED_STATUSES
        raw_date = _cell(record, "delivered_date")
        if not raw_date:
            problems.append(self.env._("no status and no delivery date"))
            return False
        day = parse_date(raw_date)
        if not day:
            problems.append(self.env._("delivery date %s is not a date", raw_date))
        elif day > fields.Date.context_today(self):
            problems.append(self.env._("delivery date %s lies in the future", day))
        return bool(day)

    def _find_recipient(self, record, number, lookup, problems):
        """The campaign's recipient of this row, by its number or reference."""
        known_problems = len(problems)
        named = self._named_recipient(record, lookup, problems)
        recipient = lookup["by_number"].get(number)
        if recipient:
            if named and named != recipient:
                problems.append(
                    self.env._(
                        "tracking number %(number)s belongs to %(owner)s, not to "
                        "%(named)s",
                        number=number,
                        owner=recipient.partner_id.display_name,
                        named=named.partner_id.display_name,
                    )
                )
            return recipient
        if number in lookup["elsewhere"]:
            problems.append(
                self.env._("tracking number %s belongs to another campaign", number)
            )
            return None
        if not named:
            # a wrong recipient_id or reference says enough
            if len(problems) == known_problems:
                problems.append(self.env._("unknown tracking number %s", number))
            return None
        return self._assign_number(named, number, lookup, problems)

    def _named_recipient(self, record, lookup, problems):
        """The recipient a row names by recipient_id or reference, if any."""
        recipient_id = _cell(record, "recipient_id")
        if recipient_id:
            by_id = lookup["by_id"]
            recipient = recipient_id.isdigit() and by_id.get(int(recipient_id))
            if not recipient:
                problems.append(
                    self.env._("recipient %s is not in this campaign", recipient_id)
                )
            return recipient
        reference = _cell(record, "reference")
        if not reference:
            return None
        matches = lookup["by_reference"].get(reference, [])
        if not matches:
            problems.append(
                self.env._("no recipient of this campaign has reference %s", reference)
            )
        elif len(matches) > 1:
            problems.append(
                self.env._("reference %s names several recipients", reference)
            )
        return matches[0] if len(matches) == 1 else None

    def _assign_number(self, recipient, number, lookup, problems):
        """A recipient named by the row gets the row's tracking number."""
        if recipient.tracking_number:
            problems.append(
                self.env._(
                    "%(name)s has the tracking number %(number)s already",
                    name=recipient.partner_id.display_name,
                    number=recipient.tracking_number,
                )
            )
            return None
        if lookup["assigned"].setdefault(number, recipient) != recipient:
            problems.append(
                self.env._("tracking number %s is given to two recipients", number)
            )
            return None
        if recipient.state not in TRACKING_STATES:
            problems.append(
                self.env._(
                    "%s gets no tracking number (excluded or not ready)",
                    recipient.partner_id.display_name,
                )
            )
            return None
        return recipient

    def _create_rows(self, vals_list):
        """Give the named recipients their numbers, mark the delivered ones."""
        Recipient = self.env["customer.outreach.recipient"]
        changed = Recipient
        for vals in vals_list:
            recipient = Recipient.browse(vals["recipient_id"])
            if not recipient.tracking_number:
                # through write(): who may track is checked there
                recipient.write({"tracking_number": vals["tracking_number"]})
                changed |= recipient
        delivered = Recipient.browse(
            [vals["recipient_id"] for vals in vals_list if vals["delivered"]]
        ).filtered(lambda r: r.state == "sent")
        delivered.action_mark_delivered()
        return changed | delivered


def _cell(record, column):
    return (record.get(column) or "").strip()


def _group_by_reference(recipients):
    """{customer's internal reference: [recipients]} of a campaign."""
    groups = {}
    for recipient in recipients:
        reference = (recipient.partner_id.ref or "").strip()
        if reference:
            groups.setdefault(reference, []).append(recipient)
    return groups
