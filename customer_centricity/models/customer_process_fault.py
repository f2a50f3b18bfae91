# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CustomerProcessFault(models.Model):
    """An employee's report of a process fault that hurts customers."""

    _name = "customer.process.fault"
    _description = "Process Fault Report"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(string="What went wrong?", required=True, tracking=True)
    description = fields.Text(string="How it hurts the customer")
    reported_by_id = fields.Many2one(
        "res.users",
        string="Reported by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Affected customer", check_company=True
    )
    contact_id = fields.Many2one(
        "customer.contact",
        string="Seen in contact",
        check_company=True,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("new", "New"), ("initiative", "Initiative"), ("rejected", "Rejected")],
        default="new",
        required=True,
        tracking=True,
    )
    initiative_id = fields.Many2one(
        "customer.initiative", readonly=True, check_company=True, tracking=True
    )

    @api.onchange("contact_id")
    def _onchange_contact_id(self):
        if self.contact_id and not self.partner_id:
            self.partner_id = self.contact_id.partner_id

    def action_create_initiative(self):
        """Triage: turn the report into an initiative (managers)."""
        self.ensure_one()
        self._check_manager()
        if self.state != "new":
            raise UserError(self.env._("This report was already triaged."))
        initiative = self.env["customer.initiative"].create(
            self._prepare_initiative_vals()
        )
        self.write({"state": "initiative", "initiative_id": initiative.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "customer.initiative",
            "res_id": initiative.id,
            "view_mode": "form",
        }

    def _prepare_initiative_vals(self):
        return {
            "name": self.name,
            "customer_benefit": self.env._(
                "Customers no longer suffer from: %s", self.name
            ),
            "description": self.description,
            "origin": "process_fault",
            "process_fault_id": self.id,
            "partner_ids": [fields.Command.set(self.partner_id.ids)],
            "company_id": self.company_id.id,
        }

    def action_reject(self):
        self._check_manager()
        if self.filtered(lambda fault: fault.state != "new"):
            raise UserError(self.env._("Only new reports can be rejected."))
        self.write({"state": "rejected"})

    def _check_manager(self):
        self.env.user._check_customer_centricity_manager(
            self.env._("Only managers triage process fault reports.")
        )
