# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a campaign brought: revenue after sending, and the results of each
variant against the holdout group."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, models
from odoo.tools import SQL


class CustomerOutreachCampaign(models.Model):
    # one model in several files on purpose: each holds one part of a campaign
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "customer.outreach.campaign"

    def _compute_variant_summary(self):
        for campaign in self:
            rows = campaign._variant_results()
            if not rows:
                campaign.variant_summary = False
                continue
            header = Markup(
                "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>"
            ) % (
                self.env._("Group"),
                self.env._("Recipients"),
                self.env._("Positive reactions (%)"),
                self.env._("Revenue per recipient"),
                self.env._("Uplift vs. holdout"),
            )
            body = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td>%s</td><td>%.1f</td><td>%.2f</td><td>%s</td></tr>"
                )
                % (
                    row["name"],
                    row["count"],
                    row["reaction_rate"],
                    row["revenue_per_recipient"],
                    "" if row["uplift"] is None else f"{row['uplift']:+.2f}",
                )
                for row in rows
            )
            campaign.variant_summary = header + body + Markup("</tbody></table>")

    def action_update_results(self):
        """Revenue of each recipient in the window after sending (one query).

        The same sales as the lifetime value: invoices and imported history,
        and what the bridges add (sales orders, point of sale), each once.
        """
        self._check_can_run()
        Value = self.env["customer.value"]
        self.env.flush_all()
        for campaign in self.filtered("date_sent"):
            start = campaign.date_sent.date()
            end = start + timedelta(days=campaign.revenue_days)
            transactions = SQL(" UNION ALL ").join(
                Value._transaction_queries(campaign.company_id, end - timedelta(days=1))
            )
            self.env.execute_query(
                SQL(
                    """
                    WITH tx AS (%(transactions)s),
                    revenue AS (
                        SELECT partner_id, sum(amount) AS amount
                          FROM tx
                         WHERE date >= %(start)s
                           AND partner_id IN (
                               SELECT partner_id FROM customer_outreach_recipient
                                WHERE campaign_id = %(campaign)s)
                         GROUP BY partner_id
                    )
                    UPDATE customer_outreach_recipient r
                       SET revenue_after = coalesce((
                           SELECT amount FROM revenue
                            WHERE revenue.partner_id = r.partner_id
                       ), 0)
                     WHERE r.campaign_id = %(campaign)s
                    """,
                    transactions=transactions,
                    start=start,
                    campaign=campaign.id,
                )
            )
        self.env["customer.outreach.recipient"].invalidate_model(["revenue_after"])
        return True

    @api.model
    def _cron_update_results(self):
        self.search([("state", "=", "done")]).action_update_results()

    def _variant_results(self):
        """Reaction rate and revenue per variant and for the holdout group."""
        self.ensure_one()
        # sudo: aggregates of a campaign the user may read (see _compute_figures)
        groups = (
            self.env["customer.outreach.recipient"]
            .sudo()
            ._read_group(
                [
                    ("campaign_id", "=", self.id),
                    ("exclusion_reason", "in", (False, "holdout")),
                ],
                ["variant_id", "holdout"],
                ["__count", "revenue_after:sum", "positive:sum"],
            )
        )
        rows = []
        for variant, holdout, count, revenue, positive in groups:
            name = (
                self.env._("Holdout")
                if holdout
                else (variant.name or self.env._("All"))
            )
            rows.append(
                {
                    "name": name,
                    "holdout": holdout,
                    "count": count,
                    "reaction_rate": 100.0 * positive / count if count else 0.0,
                    "revenue_per_recipient": revenue / count if count else 0.0,
                }
            )
        baseline = next((row for row in rows if row["holdout"]), None)
        for row in rows:
            row["uplift"] = (
                None
                if row["holdout"] or not baseline
                else row["revenue_per_recipient"] - baseline["revenue_per_recipient"]
            )
        return rows
