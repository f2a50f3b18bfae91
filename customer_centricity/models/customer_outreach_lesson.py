# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CustomerOutreachLesson(models.Model):
    """What a shop or team learned from a campaign ("Mach mich besser")."""

    _name = "customer.outreach.lesson"
    _description = "Campaign Lesson Learned"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _mail_post_access = "read"  # every employee may comment and improve

    name = fields.Char(string="Lesson", required=True, tracking=True)
    body = fields.Html(string="What we learned", sanitize=True)
    campaign_id = fields.Many2one(
        "customer.outreach.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users", string="Author", default=lambda self: self.env.user, readonly=True
    )
    team_id = fields.Many2one("crm.team", string="Shop or team")
    worked = fields.Selection(
        [("yes", "Worked"), ("partly", "Partly"), ("no", "Did not work")]
    )

    def action_reuse(self):
        """Start a new campaign from the one this lesson comes from."""
        self.ensure_one()
        return self.campaign_id.action_copy_campaign()
