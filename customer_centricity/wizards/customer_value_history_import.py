# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..lib.typed_values import parse_number


class CustomerValueHistoryImport(models.TransientModel):
    """Import sales that predate Odoo from CSV, checked row by row.

    Columns: customer (reference, e-mail or name), date, amount, optional
    currency.
    """

    _name = "customer.value.history.import"
    _inherit = "customer.csv.import"
    _description = "Import Sales History"

    _required_columns = ("customer", "date", "amount")

    def _missing_columns_message(self, missing):
        return self.env._(
            "The file needs the columns customer, date and amount "
            "(optional: currency). Missing: %s",
            missing,
        )

    def _create_rows(self, vals_list):
        batch = f"{self.filename or 'import'} {fields.Datetime.now()}"
        return self.env["customer.value.history"].create(
            [{**vals, "import_batch": batch} for vals in vals_list]
        )

    def _prepare_lookup(self, records):
        return {
            "partners": self._find_partners(
                {(r.get("customer") or "").strip() for r in records}
            ),
            "currencies": {
                currency.name: currency
                for currency in self.env["res.currency"]
                .with_context(active_test=False)
                .search([])
            },
        }

    def _parse_record(self, record, lookup):
        problems = []
        partner = self._check_customer(record, lookup["partners"], problems)
        day = self._check_date(record, problems)
        amount = parse_number(record.get("amount"))
        if amount is None:
            problems.append(
                self.env._("amount %s is not a number", record.get("amount") or "∅")
            )
        code = (record.get("currency") or "").strip().upper()
        company = self.env.company
        currency = lookup["currencies"].get(code) if code else company.currency_id
        if not currency:
            problems.append(self.env._("currency %s is unknown", code))
        if problems:
            return None, problems
        return {
            "partner_id": partner.id,
            "company_id": company.id,
            "date": day,
            "amount": currency._convert(amount, company.currency_id, company, day),
            "original_currency_id": currency.id,
            "original_amount": amount,
        }, []
