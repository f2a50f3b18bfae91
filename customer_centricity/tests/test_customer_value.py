# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import random
from datetime import date, timedelta
from decimal import Decimal
from unittest.mock import patch

import numpy as np

from odoo import fields, sql_db
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..lib import clv, rfm
from ..models.customer_value import (
    FIGURE_COLUMNS,
    FIT_COLUMNS,
    RECOMPUTE_LOCK_KEY,
    SUMMARY_COLUMNS,
    CustomerValue,
)
from .common import CustomerCentricityCase, post_migration

TODAY = date(2026, 6, 30)
EXPECTED_INDEXES = {
    "customer_value": {
        "customer_value_pkey",
        "customer_value_partner_company_unique",
        "customer_value__company_id_index",
    },
    "customer_value_snapshot": {
        "customer_value_snapshot_pkey",
        "customer_value_snapshot_partner_company_month_unique",
        "customer_value_snapshot_company_month_index",
    },
}


@tagged("post_install", "-at_install")
class TestCustomerValue(CustomerCentricityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own, untouched by the demo data's sales history.
        cls.main_company = cls.company
        cls.company = cls.env["res.company"].create(
            {"name": "Juwelier Wien", "clv_min_repeat_customers": 10}
        )
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        cls.Value = cls.env["customer.value"]
        for name in ("customer", "customer_person", "other_customer"):
            setattr(cls, name, getattr(cls, name).with_env(cls.env))

    def _history(self, partner, day, amount, company=None):
        return self.env["customer.value.history"].create(
            {
                "partner_id": partner.id,
                "date": day,
                "amount": amount,
                "company_id": (company or self.company).id,
            }
        )

    def _synthetic_customers(self, count, seed=1):
        """Customers with repeat purchases drawn like BG/NBD + Gamma-Gamma."""
        rng = random.Random(seed)
        partners = self.env["res.partner"].create(
            [{"name": f"Synthetic {seed}-{i}"} for i in range(count)]
        )
        rows = []
        for partner in partners:
            rate = rng.choice([2, 4, 8, 16]) / 365
            spend_rate = rng.gammavariate(4.0, 1 / 600)
            day = TODAY - timedelta(days=rng.randint(200, 700))
            lifetime_end = day + timedelta(days=rng.randint(30, 700))
            while day <= min(TODAY, lifetime_end):
                rows.append(
                    {
                        "partner_id": partner.id,
                        "date": day,
                        "amount": round(rng.gammavariate(6.0, 1 / spend_rate), 2),
                        "company_id": self.company.id,
                    }
                )
                day += timedelta(days=max(1, int(rng.expovariate(rate))))
        self.env["customer.value.history"].create(rows)
        return partners, rows

    def _recompute(self, company=None):
        return self.Value._recompute_company(company or self.company, today=TODAY)

    def _value(self, partner, company=None):
        return self.Value.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", (company or self.company).id),
            ]
        )

    # ------------------------------------------------------------------
    def test_sql_summary_matches_rfm_summary(self):
        partners, rows = self._synthetic_customers(40)
        self._recompute()
        expected = clv.rfm_summary(
            [row["partner_id"] for row in rows],
            [row["date"] for row in rows],
            [row["amount"] for row in rows],
            TODAY,
        )
        values = self.Value.search([("partner_id", "in", partners.ids)])
        by_partner = {value.partner_id.id: value for value in values}
        self.assertEqual(sorted(by_partner), list(expected["customer_id"]))
        for index, partner_id in enumerate(expected["customer_id"]):
            value = by_partner[int(partner_id)]
            self.assertEqual(value.frequency, expected["frequency"][index])
            self.assertEqual(value.recency, expected["recency"][index])
            self.assertEqual(value.age, expected["T"][index])
            self.assertAlmostEqual(
                value.monetary_value, expected["monetary_value"][index], places=2
            )

    def test_fit_reads_the_summary_as_a_query_does(self):
        # the fit data comes as binary COPY records, parsed by numpy
        self._synthetic_customers(30, seed=37)
        self.Value._store_summary(self.company, TODAY, self.company.clv_period_days)
        data = self.Value._fetch_fit_data()
        cr = self.env.cr
        cr.execute(
            "SELECT frequency, recency, age, count(*) FROM customer_value_summary "
            "GROUP BY frequency, recency, age"
        )
        grouped = cr.fetchall()
        self.assertGreater(len(grouped), 10)
        self.assertCountEqual(
            zip(*(data[name].tolist() for name in FIT_COLUMNS), strict=True),
            grouped,
        )
        cr.execute(
            "SELECT frequency, monetary_value FROM customer_value_summary "
            "WHERE monetary_value > 0 ORDER BY partner_id"
        )
        spend = cr.fetchall()
        self.assertEqual(
            list(
                zip(
                    data["spend_frequency"].tolist(),
                    data["spend_monetary_value"].tolist(),
                    strict=True,
                )
            ),
            spend,
        )

    def test_copied_figures_are_the_exact_sums(self):
        # copied from the summary as numeric, not through floats
        self._history(self.customer, "2026-01-10", 100)
        self._history(self.customer, "2026-02-10", 0.1)
        self._history(self.customer, "2026-03-10", 0.2)
        self._recompute()
        self.env.cr.execute(
            "SELECT total_revenue::text, historic_clv::text, order_count, "
            "       average_order_value = total_revenue / order_count "
            "  FROM customer_value WHERE partner_id = %s AND company_id = %s",
            (self.customer.id, self.company.id),
        )
        self.assertEqual(self.env.cr.fetchall(), [("100.30", "100.30", 3, True)])

    def test_summary_query_returns_the_columns_python_reads(self):
        # the summary is read by column name: a column added, renamed or
        # dropped on one side only must fail here, not shift the figures
        self.env.cr.execute(
            self.Value._summary_query(self.company, TODAY, self.company.clv_period_days)
        )
        names = [column.name for column in self.env.cr.description]
        self.assertCountEqual(names, list(SUMMARY_COLUMNS))

    def test_weekly_periods_match_rfm_summary(self):
        self.company.clv_period_days = 7
        partners, rows = self._synthetic_customers(15, seed=3)
        self._recompute()
        expected = clv.rfm_summary(
            [row["partner_id"] for row in rows],
            [row["date"] for row in rows],
            [row["amount"] for row in rows],
            TODAY,
            period_days=7,
        )
        values = self.Value.search([("partner_id", "in", partners.ids)])
        got = sorted((v.partner_id.id, v.frequency, v.recency, v.age) for v in values)
        want = list(
            zip(
                expected["customer_id"].tolist(),
                expected["frequency"].tolist(),
                expected["recency"].tolist(),
                expected["T"].tolist(),
                strict=True,
            )
        )
        self.assertEqual(got, want)

    def test_prediction_when_enough_history(self):
        partners, _rows = self._synthetic_customers(80)
        model = self._recompute()
        self.assertEqual(model.method, "bgnbd", model.message)
        self.assertEqual(model.customer_count, 80)
        self.assertGreaterEqual(model.repeat_customer_count, 10)
        self.assertTrue(
            all(model[f"param_{name}"] > 0 for name in "r alpha a b p q v".split())
        )
        values = self.Value.search([("partner_id", "in", partners.ids)])
        self.assertTrue(all(values.mapped("is_predicted")))
        alive = np.array(values.mapped("probability_alive"))
        self.assertTrue(((alive > 0) & (alive <= 1)).all())
        self.assertEqual(values.mapped("ranking_value"), values.mapped("predicted_clv"))
        self.assertEqual(len(values.filtered(lambda v: v.tier == "top10")), 8)
        self.assertEqual(len(values.filtered(lambda v: v.tier == "top20")), 8)
        best = values.sorted("predicted_clv", reverse=True)[:8]
        self.assertEqual(set(best.mapped("tier")), {"top10"})
        self.assertTrue(
            set(values.mapped("segment"))
            <= set(dict(values._fields["segment"].selection))
        )

    def test_spend_model_does_not_depend_on_the_currency_unit(self):
        rng = np.random.default_rng(3)
        frequency = rng.integers(1, 8, 200)
        spend = rng.gamma(6, 50, 200)
        euros = self.Value._fit_spend_model(frequency, spend)
        cents = self.Value._fit_spend_model(frequency, spend * 100)
        self.assertAlmostEqual(euros["p"], cents["p"], places=3)
        self.assertAlmostEqual(euros["q"], cents["q"], places=3)
        self.assertAlmostEqual(euros["v"] * 100, cents["v"], delta=cents["v"] * 1e-4)

    def test_demo_shop_gets_a_sane_prediction(self):
        # 160 demo customers with 112 repeat buyers: without the scaled
        # penalty the spend model ran p to infinity on this data.
        model = self.env["customer.value.model"].search(
            [("company_id", "=", self.main_company.id)], limit=1
        )
        self.assertEqual(model.method, "bgnbd", model.message)
        self.assertLess(model.param_p, 100)
        self.assertGreater(model.param_q, 1)

    def test_fallback_to_historic_with_little_history(self):
        self._history(self.customer, "2026-01-10", 100)
        self._history(self.customer, "2026-03-10", 50)
        model = self._recompute()
        self.assertEqual(model.method, "historic")
        self.assertIn("repeat customers", model.message)
        value = self._value(self.customer)
        self.assertFalse(value.is_predicted)
        self.assertFalse(value.predicted_clv)
        self.assertEqual(value.historic_clv, 150)
        self.assertEqual(value.ranking_value, 150)
        self.assertFalse(self.customer.clv_is_predicted)

    def test_invoices_and_refunds_in_company_currency(self):
        usd = self.env.ref("base.USD")
        eur = self.env.ref("base.EUR")
        foreign = usd if self.company.currency_id != usd else eur
        foreign.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": foreign.id,
                "rate": 2.0,
                "name": "2026-01-01",
                "company_id": self.main_company.id,
            }
        )
        self._invoice(self.customer_person, 1000, "2026-02-01")
        self._invoice(self.customer, 600, "2026-03-01", currency=foreign)  # = 300
        self._invoice(self.customer, 200, "2026-03-15", move_type="out_refund")
        self._invoice(self.customer, 400, "2026-04-01", state="draft")
        self._recompute(self.main_company)
        value = self._value(self.customer, self.main_company)
        self.assertEqual(value.total_revenue, 1100)
        self.assertEqual(value.order_count, 2)
        self.assertEqual(value.frequency, 1)
        self.assertEqual(value.first_purchase_date, date(2026, 2, 1))
        self.assertEqual(value.last_purchase_date, date(2026, 3, 1))
        self.assertAlmostEqual(value.monetary_value, 300)
        self.assertEqual(value.average_order_value, 550)

    def test_fully_refunded_customer_has_no_predicted_value(self):
        partners, _rows = self._synthetic_customers(40, seed=8)
        refunded = self.env["res.partner"].create({"name": "Alles storniert"})
        for day in ("2026-01-10", "2026-02-10", "2026-03-10"):
            self._history(refunded, day, 5000)
            self._history(refunded, day.replace("-10", "-20"), -5000)
        self._recompute()
        value = self._value(refunded)
        self.assertEqual(value.total_revenue, 0)
        self.assertEqual(value.frequency, 2)  # the purchases happened...
        self.assertEqual(value.predicted_clv, 0)  # ...but brought nothing
        self.assertEqual(value.tier, "other")

    def test_referral_rate_of_new_customers(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Neu {i}"} for i in range(4)]
        )
        partners[0].referred_by_id = self.customer
        partners[1].referred_by_id = self.customer
        for partner in partners:
            self._history(partner, "2026-03-15", 100)
        self._history(self.customer, "2025-12-01", 100)  # not new in March
        self._recompute()
        Report = self.env["customer.referral.report"]
        [[new, rate]] = Report._read_group(
            [("month", "=", "2026-03-01"), ("company_id", "=", self.company.id)],
            [],
            ["new_customer_count:sum", "referral_rate:avg"],
        )
        self.assertEqual((new, rate), (4, 50))

    def test_churn_compares_month_ends(self):
        fading, loyal, new = self.env["res.partner"].create(
            [{"name": "Schwindend"}, {"name": "Treu"}, {"name": "Neu"}]
        )
        self._history(fading, "2025-06-15", 100)  # 350 days before 31 May
        self._history(loyal, "2026-05-02", 100)
        self._recompute_on("2026-05-31")  # too few repeat buyers: historic mode
        self._history(loyal, "2026-06-20", 100)
        self._history(new, "2026-06-21", 100)
        self._recompute_on("2026-06-30")  # 380 days: the first one is gone
        Churn = self.env["customer.churn.report"]
        Churn.invalidate_model()
        [[before, churned, rate]] = Churn._read_group(
            [("company_id", "=", self.company.id), ("month", "=", "2026-06-01")],
            [],
            ["active_before_count:sum", "churned_count:sum", "churn_rate:avg"],
        )
        self.assertEqual((before, churned, rate), (2, 1, 50))
        lost = Churn.search(
            [
                ("company_id", "=", self.company.id),
                ("month", "=", "2026-06-01"),
                ("churned_count", "=", 1),
            ]
        )
        self.assertEqual(lost.partner_id, fading)
        self.assertFalse(
            Churn.search(
                [("company_id", "=", self.company.id), ("month", "=", "2026-05-01")]
            ),
            "no month before May: no churn figure",
        )

    def _recompute_on(self, day):
        return self.Value._recompute_company(
            self.company, today=date.fromisoformat(day)
        )

    def test_companies_keep_their_own_figures(self):
        self._history(self.customer, "2026-01-10", 100)
        self._history(self.customer, "2026-02-10", 900, company=self.other_company)
        self._recompute()
        self._recompute(self.other_company)
        self.assertEqual(self._value(self.customer).historic_clv, 100)
        self.assertEqual(
            self._value(self.customer, self.other_company).historic_clv, 900
        )
        here = self.customer.with_company(self.company)
        there = self.customer.with_company(self.other_company)
        self.assertEqual(here.clv_historic, 100)
        self.assertEqual(there.clv_historic, 900)
        Partner = self.env["res.partner"]
        self.assertIn(
            self.customer,
            Partner.with_company(self.other_company).search(
                [("clv_historic", ">", 500)]
            ),
        )
        self.assertNotIn(
            self.customer,
            Partner.with_company(self.company).search([("clv_historic", ">", 500)]),
        )
        # the other company's manager never sees this company's row
        rows = (
            self.Value.with_user(self.other_manager)
            .with_context(allowed_company_ids=[self.other_company.id])
            .search([])
        )
        self.assertEqual(rows.company_id, self.other_company)

    def test_partner_search_by_segment_tier_and_value(self):
        partners, _rows = self._synthetic_customers(60, seed=5)
        self._recompute()
        Partner = self.env["res.partner"]
        top = Partner.search([("clv_tier", "=", "top10")])
        self.assertEqual(len(top & partners), 6)
        values = self.Value.search([("partner_id", "in", partners.ids)])
        threshold = sorted(values.mapped("predicted_clv"))[-10]
        rich = Partner.search([("clv_predicted", ">=", threshold)])
        self.assertEqual(len(rich & partners), 10)
        gone = Partner.search([("clv_probability_alive", "<", 0.5)])
        expected_gone = values.filtered(lambda v: v.probability_alive < 0.5).partner_id
        self.assertEqual(gone & partners, expected_gone)
        segment = values[0].segment
        self.assertIn(
            values[0].partner_id, Partner.search([("clv_segment", "=", segment)])
        )
        without = Partner.search([("customer_value_id", "=", False)])
        self.assertIn(self.other_customer, without)
        self.assertNotIn(partners[0], without)

    def test_contact_persons_show_and_find_the_company_figures(self):
        self._history(self.customer, "2026-01-10", 700)
        self._recompute()
        self.assertEqual(self.customer_person.clv_historic, 700)
        found = self.env["res.partner"].search([("clv_historic", "=", 700)])
        self.assertIn(self.customer_person, found)

    def test_removed_history_removes_the_figures(self):
        history = self._history(self.customer, "2026-01-10", 700)
        self._recompute()
        self.assertTrue(self._value(self.customer))
        history.unlink()
        self._recompute()
        self.assertFalse(self._value(self.customer))

    def test_recompute_query_count_does_not_grow_with_customers(self):
        self._synthetic_customers(10, seed=11)
        self._recompute()  # warm caches
        with self.assertQueryCount(__system__=17) as _counter:
            self._recompute()
        self._synthetic_customers(60, seed=12)
        with self.assertQueryCount(__system__=17):
            self._recompute()

    def test_batched_recompute_equals_one_batch(self):
        self._synthetic_customers(80, seed=31)
        self._history(self.customer, "2026-01-10", 100)  # one purchase only
        model = self._recompute()
        self.assertEqual(model.method, "bgnbd", model.message)
        one_batch = self._stored_figures()
        self.Value._recompute_company(self.company, today=TODAY, batch_size=7)
        self.assertEqual(self._stored_figures(), one_batch)
        self.assertEqual(len(one_batch), 81)

    def test_batched_scores_and_tiers_rank_the_whole_company(self):
        # the ranks come from SQL; the rule is lib.rfm's, on all customers
        self._synthetic_customers(60, seed=32)
        self.Value._recompute_company(self.company, today=TODAY, batch_size=7)
        values = self.Value.search([("company_id", "=", self.company.id)]).sorted(
            "partner_id"
        )
        days = [(TODAY - value.last_purchase_date).days for value in values]
        scores = rfm.rfm_scores(
            days, values.mapped("order_count"), values.mapped("total_revenue")
        )
        self.assertEqual(values.mapped("recency_score"), scores[0].tolist())
        self.assertEqual(values.mapped("frequency_score"), scores[1].tolist())
        self.assertEqual(values.mapped("monetary_score"), scores[2].tolist())
        tiers = rfm.value_tiers(values.mapped("ranking_value"))
        self.assertEqual(values.mapped("tier"), tiers.tolist())
        # the segment and the RFM code are written in SQL from the scores
        self.assertEqual(
            values.mapped("segment"), rfm.rfm_segments(*scores[:2]).tolist()
        )
        self.assertEqual(
            values.mapped("rfm_score"),
            [f"{r}{f}{m}" for r, f, m in zip(*scores, strict=True)],
        )

    def test_equal_values_fill_the_tiers_in_customer_order(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Same value {i}"} for i in range(20)]
        )
        for partner in partners:
            self._history(partner, "2026-03-02", 100)
        refunded = self.env["res.partner"].create({"name": "All refunded"})
        self._history(refunded, "2026-03-02", 100)
        self._history(refunded, "2026-03-03", -100)
        model = self._recompute()
        self.assertEqual(model.method, "historic")
        values = self.Value.search([("company_id", "=", self.company.id)])
        tiers = {value.partner_id: value.tier for value in values}
        # 21 customers: the best 3 (a tenth, rounded up), then up to the
        # best 5 (a fifth); ties by customer
        self.assertEqual(
            [tiers[partner] for partner in partners],
            ["top10"] * 3 + ["top20"] * 2 + ["other"] * 15,
        )
        self.assertEqual(tiers[refunded], "other")

    def test_loaded_figures_keep_the_decimals_python_writes(self):
        # the predictions reach PostgreSQL as binary floats: stored as the
        # shortest decimal of each (as repr writes it), not cut to 15 digits
        self._synthetic_customers(40, seed=36)
        model = self._recompute()
        self.assertEqual(model.method, "bgnbd", model.message)
        self.env.cr.execute(
            """
            SELECT l.probability_alive, l.expected_purchases, l.ranking_value,
                   v.probability_alive::text, v.expected_purchases::text,
                   v.predicted_clv::text
              FROM customer_value_load l
              JOIN customer_value v ON v.partner_id = l.partner_id
             WHERE v.company_id = %s
            """,
            (self.company.id,),
        )
        rows = self.env.cr.fetchall()
        self.assertEqual(len(rows), 40)
        for row in rows:
            self.assertEqual(
                [Decimal(repr(value)) for value in row[:3]],
                [Decimal(text) for text in row[3:]],
            )

    def test_batched_recompute_copies_grow_by_batch_only(self):
        self._synthetic_customers(20, seed=33)
        self._recompute()  # warm caches
        counts = []
        for batch_size in (20, 10, 5):
            before = self.env.cr.sql_log_count
            with (
                patch.object(
                    CustomerValue,
                    "_copy_out",
                    autospec=True,
                    side_effect=CustomerValue._copy_out,
                ) as copies_out,
                patch.object(
                    CustomerValue,
                    "_copy_figures",
                    autospec=True,
                    side_effect=CustomerValue._copy_figures,
                ) as copies_in,
            ):
                self.Value._recompute_company(
                    self.company, today=TODAY, batch_size=batch_size
                )
            counts.append(
                (
                    self.env.cr.sql_log_count - before,
                    copies_out.call_count,
                    copies_in.call_count,
                )
            )
        # the same queries; per batch one COPY out (besides the fit's two)
        # and one in, which Odoo does not count
        queries = counts[0][0]
        self.assertEqual(counts, [(queries, 3, 1), (queries, 4, 2), (queries, 6, 4)])

    def test_nightly_recompute_updates_rows_in_place(self):
        # the pages keep room for each row's next version, so that the next
        # night's figures and the month's snapshot are written beside the
        # old ones, without touching the indexes (HOT updates)
        self._synthetic_customers(120, seed=34)
        self.Value._recompute_company(self.company, today=TODAY - timedelta(days=1))
        before = self._row_updates()
        self._recompute()
        after = self._row_updates()
        for table in ("customer_value", "customer_value_snapshot"):
            updated, in_place = (
                a - b for a, b in zip(after[table], before[table], strict=True)
            )
            with self.subTest(table=table):
                self.assertGreaterEqual(updated, 100)
                # a customer whose segment or tier moves updates two indexes
                self.assertGreaterEqual(in_place, 0.8 * updated)

    def test_rows_check_only_their_partner_and_company(self):
        # every inserted row is checked against each foreign key, one by
        # one: no user columns; and it updates every index: only the ones
        # reads need
        for table in ("customer_value", "customer_value_snapshot"):
            with self.subTest(table=table):
                self.assertEqual(
                    self._foreign_keys(table), ["company_id", "partner_id"]
                )
                self.assertEqual(self._indexes(table), EXPECTED_INDEXES[table])

    def test_upgrade_drops_the_indexes_reads_do_not_need(self):
        cr = self.env.cr
        # as 18.0.1.6.0 left them
        cr.execute(
            "CREATE INDEX customer_value__segment_index ON customer_value (segment);"
            "CREATE INDEX customer_value__tier_index ON customer_value (tier);"
            "CREATE INDEX customer_value_snapshot__company_id_index "
            "ON customer_value_snapshot (company_id);"
            "CREATE INDEX customer_value_snapshot__month_index "
            "ON customer_value_snapshot (month)"
        )
        post_migration("18.0.1.7.0")(cr, "18.0.1.6.0")
        for table, indexes in EXPECTED_INDEXES.items():
            with self.subTest(table=table):
                self.assertEqual(self._indexes(table), indexes)

    def test_upgrade_drops_the_user_columns_and_the_partner_index(self):
        cr = self.env.cr
        for table in ("customer_value", "customer_value_snapshot"):
            # as 18.0.1.5.0 left them
            cr.execute(
                SQL(
                    "ALTER TABLE %(table)s "
                    "ADD COLUMN create_uid int4 REFERENCES res_users, "
                    "ADD COLUMN create_date timestamp, "
                    "ADD COLUMN write_uid int4 REFERENCES res_users, "
                    "ADD COLUMN write_date timestamp; "
                    "CREATE INDEX %(index)s ON %(table)s (partner_id)",
                    table=SQL.identifier(table),
                    index=SQL.identifier(f"{table}__partner_id_index"),
                )
            )
        self.assertEqual(
            self._foreign_keys("customer_value"),
            ["company_id", "create_uid", "partner_id", "write_uid"],
        )
        post_migration("18.0.1.6.0")(cr, "18.0.1.5.0")
        for table in ("customer_value", "customer_value_snapshot"):
            with self.subTest(table=table):
                self.assertEqual(
                    self._foreign_keys(table), ["company_id", "partner_id"]
                )
                self.assertNotIn(f"{table}__partner_id_index", self._indexes(table))
                cr.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = %s AND column_name IN %s",
                    (table, ("create_uid", "create_date", "write_uid", "write_date")),
                )
                self.assertFalse(cr.fetchall())
        # the recompute writes into the upgraded tables
        partners, _rows = self._synthetic_customers(30, seed=35)
        self._recompute()
        self.assertEqual(
            self.Value.search_count([("partner_id", "in", partners.ids)]), 30
        )

    def _foreign_keys(self, table):
        self.env.cr.execute(
            "SELECT a.attname FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE c.conrelid = %s::regclass AND c.contype = 'f' ORDER BY 1",
            (table,),
        )
        return [name for (name,) in self.env.cr.fetchall()]

    def _indexes(self, table):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s", (table,)
        )
        return {name for (name,) in self.env.cr.fetchall()}

    def _row_updates(self):
        """``{table: (rows updated, of which on their page)}`` so far in
        this transaction."""
        self.env.cr.execute(
            "SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables "
            "WHERE relname IN ('customer_value', 'customer_value_snapshot')"
        )
        return {table: (updated, hot) for table, updated, hot in self.env.cr.fetchall()}

    def _stored_figures(self):
        """The company's stored figures, exactly (as PostgreSQL text)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM customer_value WHERE company_id = %s "
                "ORDER BY partner_id",
                SQL(", ").join(
                    SQL("%s::text", SQL.identifier(name))
                    for name in [*FIGURE_COLUMNS, "tier", "value_band"]
                ),
                self.company.id,
            )
        )
        return self.env.cr.fetchall()

    def test_not_contacted_lately_ranks_by_predicted_value(self):
        partners, _rows = self._synthetic_customers(40, seed=21)
        self._recompute()
        report = self.env["customer.contact.gap.report"].search(
            [("partner_id", "in", partners.ids), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(report), len(partners))
        ranks = report.mapped("importance")
        self.assertEqual(ranks, sorted(ranks, reverse=True))
        best = self.Value.search([("partner_id", "in", partners.ids)], limit=1)
        self.assertEqual(report[0].partner_id, best.partner_id)

    def test_access_users_read_managers_recompute(self):
        self._history(self.customer, "2026-01-10", 700, company=self.main_company)
        self._recompute(self.main_company)
        main = {"allowed_company_ids": [self.main_company.id]}
        as_user = self.Value.with_user(self.user_anna).with_context(**main)
        own = as_user.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(own.historic_clv, 700)
        with self.assertRaises(AccessError):
            as_user.action_recompute()
        with self.assertRaises(AccessError):
            as_user.search([]).write({"historic_clv": 1})
        with self.assertRaises(AccessError):
            self.env["customer.value.model"].with_user(self.user_anna).with_context(
                **main
            ).search([])
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.user_anna).with_context(
                **main
            ).create({"clv_horizon_months": 24})
        as_manager = self.Value.with_user(self.manager).with_context(**main)
        as_manager.action_recompute()
        models = self.env["customer.value.model"].with_user(self.manager)
        self.assertTrue(models.with_context(**main).search([]))

    def test_cron_recomputes_every_company(self):
        self._history(self.customer, "2026-01-10", 700)
        self._history(self.customer, "2026-01-10", 300, company=self.other_company)
        self.env.ref("customer_centricity.customer_value_cron").method_direct_trigger()
        self.assertEqual(self._value(self.customer).historic_clv, 700)
        self.assertEqual(
            self._value(self.customer, self.other_company).historic_clv, 300
        )

    def test_a_recompute_running_elsewhere_refuses_the_button_and_the_cron_skips(
        self,
    ):
        # a company of its own: the lock of a recompute lasts until the end
        # of the transaction, which other tests of this class share
        company = self.env["res.company"].create({"name": "Juwelier Graz"})
        self.manager.company_ids |= company
        self._history(self.customer, "2026-01-10", 700, company=company)
        self._history(self.customer, "2026-01-10", 300, company=self.other_company)
        as_manager = self.Value.with_user(self.manager).with_context(
            allowed_company_ids=[company.id]
        )
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:  # another transaction recomputes the company
            other.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                [RECOMPUTE_LOCK_KEY, company.id],
            )
            self.assertTrue(other.fetchone()[0])
            with self.assertRaisesRegex(UserError, "Juwelier Graz are being recomp"):
                as_manager.action_recompute()
            cron = self.env.ref("customer_centricity.customer_value_cron")
            with self.assertLogs(
                "odoo.addons.customer_centricity.models.customer_value", logging.INFO
            ) as logs:
                cron.method_direct_trigger()
            self.assertIn("Juwelier Graz", logs.output[0])
            self.assertIn("a recompute is running", logs.output[0])
            self.assertFalse(self._value(self.customer, company))
            self.assertEqual(
                self._value(self.customer, self.other_company).historic_clv, 300
            )
        finally:
            other.rollback()
            other.close()
        as_manager.action_recompute()  # free again
        self.assertEqual(self._value(self.customer, company).historic_clv, 700)

    def _invoice(
        self,
        partner,
        amount,
        day,
        currency=None,
        move_type="out_invoice",
        state="posted",
    ):
        # invoices live in the main company, which has a chart of accounts
        move = (
            self.env["account.move"]
            .with_company(self.main_company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": day,
                    "currency_id": (currency or self.main_company.currency_id).id,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "name": "Uhr",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        if state == "posted":
            move.action_post()
        return move
