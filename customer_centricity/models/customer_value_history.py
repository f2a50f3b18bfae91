# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CustomerValueHistory(models.Model):
    """A sale that predates Odoo, imported for the lifetime value."""

    _name = "customer.value.history"
    _description = "Imported Sales History"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, index=True)
    amount = fields.Monetary(
        required=True, help="In company currency; negative for refunds."
    )
    original_currency_id = fields.Many2one("res.currency", string="Original currency")
    original_amount = fields.Float()
    import_batch = fields.Char(
        index=True, help="File and time of the import, to remove it again."
    )

    @api.model
    def _create_demo_history(self, customers=160, years=3):
        """Demo data: a few years of pre-Odoo sales of a small jeweller."""
        rng = random.Random(7)
        today = fields.Date.context_today(self)
        cities = ["Wien", "Graz", "Linz", "Salzburg", "München", "Zürich"]
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Kundin {index + 1:03d}",
                    "city": rng.choice(cities),
                    "email": f"kundin{index + 1:03d}@example.com",
                    "ref": f"K{index + 1:04d}",
                }
                for index in range(customers)
            ]
        )
        vals_list = []
        for partner in partners:
            rate = rng.choice([0.5, 1, 2, 4, 8]) / 365  # purchases per day
            lifetime = rng.randint(60, 365 * years)
            # Gamma-Gamma spend: each customer has her own typical basket
            spend_rate = rng.gammavariate(4.0, 1 / 600)
            start = today - timedelta(days=rng.randint(30, 365 * years))
            day = 0
            while day <= lifetime and start + timedelta(days=day) <= today:
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "date": start + timedelta(days=day),
                        "amount": round(rng.gammavariate(6.0, 1 / spend_rate), 2),
                        "import_batch": "Demo: Kassensystem 2023–2026",
                    }
                )
                day += max(1, int(rng.expovariate(rate)))
        self.create(vals_list)
        # a recompute at each of the last twelve month ends, then today: a
        # year of monthly activity and segments for churn and CLV movement
        Value = self.env["customer.value"]
        for months_back in range(12, 0, -1):
            month_end = today.replace(day=1) - relativedelta(months=months_back - 1)
            Value._recompute_company(self.env.company, month_end - timedelta(days=1))
        Value._recompute_company(self.env.company)
        return partners
