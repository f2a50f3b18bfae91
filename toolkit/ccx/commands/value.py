"""ccx clv card, clv top and clv recompute."""

import time

from ccx.commands.common import (
    choices_text,
    fields_info,
    local_text,
    match_choice,
    user_company,
    zone_of,
)
from ccx.customers import find_one_customer
from ccx.errors import EXIT_OK, CcxError
from ccx.output import (
    Column,
    money,
    name_of,
    number,
    percent,
    render_pairs,
    render_table,
)

CARD_FIELDS = [
    "segment",
    "tier",
    "rfm_score",
    "ranking_value",
    "predicted_clv",
    "historic_clv",
    "probability_alive",
    "expected_purchases",
    "total_revenue",
    "order_count",
    "average_order_value",
    "first_purchase_date",
    "last_purchase_date",
    "frequency",
    "recency",
    "age",
    "monetary_value",
    "is_predicted",
]
PREDICTION_FIELDS = ("predicted_clv", "probability_alive", "expected_purchases")


def _selection_label(fields, name, value):
    return dict(fields[name].get("selection") or []).get(value, value or "")


def cmd_clv_card(ctx):
    connection = ctx.connect()
    customer = find_one_customer(connection, ctx.args.customer)
    company_id, company_name = user_company(connection)
    values = connection.search_read(
        "customer.value",
        [("partner_id", "=", customer["id"]), ("company_id", "=", company_id)],
        [*CARD_FIELDS, "currency_id"],
        limit=1,
    )
    if not values:
        raise CcxError(
            f"no lifetime value figures for {customer['name']} in {company_name} "
            "(no purchases yet, or not recomputed since)"
        )
    (value,) = values
    (partner,) = connection.call(
        "res.partner", "read", [customer["id"]], fields=["last_customer_contact_date"]
    )
    fields = fields_info(
        connection, "customer.value", CARD_FIELDS, ("string", "type", "selection")
    )
    predicted = value["is_predicted"]
    figures = {}
    for name in CARD_FIELDS:
        raw = value[name]
        if name in PREDICTION_FIELDS and not predicted:
            raw = None
        elif raw is False and fields[name]["type"] not in ("boolean",):
            raw = None
        figures[name] = raw
    zone = zone_of(connection.user["tz"])
    last_contact = partner["last_customer_contact_date"] or None
    data = {
        "customer": customer,
        "company": company_name,
        "currency": name_of(value["currency_id"]),
        "figures": figures,
        "segment_label": _selection_label(fields, "segment", value["segment"]),
        "tier_label": _selection_label(fields, "tier", value["tier"]),
        "last_customer_contact": last_contact,
    }
    pairs = [("Customer", customer["name"]), ("Company", company_name)]
    for name in CARD_FIELDS:
        if name == "is_predicted":
            continue
        field = fields[name]
        raw = figures[name]
        if field["type"] == "selection":
            text = _selection_label(fields, name, raw)
        elif field["type"] == "monetary":
            text = money(raw) + ("" if raw is None else f" {data['currency']}")
        elif name == "probability_alive":
            text = percent(raw)
        elif field["type"] == "float":
            text = number(2)(raw)
        elif field["type"] == "boolean":
            text = "yes" if raw else "no"
        else:
            text = "—" if raw is None else str(raw)
        pairs.append((field["string"], text))
    pairs.append(
        (
            "Value basis",
            "predicted (BG/NBD + Gamma-Gamma)"
            if predicted
            else "historic (too little history for a prediction)",
        )
    )
    pairs.append(
        (
            "Last customer contact",
            local_text(last_contact, zone) if last_contact else "never",
        )
    )
    ctx.emit(data, render_pairs(pairs))
    return EXIT_OK


TOP_FIELDS = [
    "partner_id",
    "ranking_value",
    "predicted_clv",
    "historic_clv",
    "probability_alive",
    "order_count",
    "segment",
    "tier",
    "is_predicted",
    "currency_id",
]


def cmd_clv_top(ctx):
    args = ctx.args
    connection = ctx.connect()
    company_id, company_name = user_company(connection)
    fields = fields_info(connection, "customer.value", ["segment", "tier"])
    domain = [("company_id", "=", company_id)]
    for name in ("segment", "tier"):
        wanted = getattr(args, name)
        if wanted:
            selection = fields[name]["selection"]
            key = match_choice(wanted, selection)
            if not key:
                raise CcxError(
                    f"unknown {name} {wanted!r}: one of {choices_text(selection)}"
                )
            domain.append((name, "=", key))
    rows = connection.search_read(
        "customer.value",
        domain,
        TOP_FIELDS,
        order="ranking_value desc, id",
        limit=args.limit or None,
    )
    data = []
    for index, row in enumerate(rows, start=1):
        predicted = row["is_predicted"]
        data.append(
            {
                "rank": index,
                "customer": {"id": row["partner_id"][0], "name": row["partner_id"][1]},
                "value": row["ranking_value"],
                "predicted_clv": row["predicted_clv"] if predicted else None,
                "historic_clv": row["historic_clv"],
                "probability_alive": row["probability_alive"] if predicted else None,
                "orders": row["order_count"],
                "segment": row["segment"] or None,
                "tier": row["tier"] or None,
                "currency": name_of(row["currency_id"]),
            }
        )
    if not data:
        text = f"No customer value figures in {company_name} match."
    else:
        currency = data[0]["currency"]
        text = render_table(
            data,
            [
                Column("rank", "#", align="right"),
                Column("customer", "customer", lambda v, _r: v["name"], width=36),
                Column("value", f"value ({currency})", money, align="right"),
                Column("predicted_clv", "predicted", money, align="right"),
                Column("historic_clv", "historic", money, align="right"),
                Column("probability_alive", "alive", percent, align="right"),
                Column("orders", "orders", align="right"),
                Column(
                    "segment",
                    "segment",
                    lambda v, _r: _selection_label(fields, "segment", v),
                ),
                Column(
                    "tier", "tier", lambda v, _r: _selection_label(fields, "tier", v)
                ),
            ],
        )
    ctx.emit(data, text)
    return EXIT_OK


def cmd_clv_recompute(ctx):
    connection = ctx.connect()
    company_id, company_name = user_company(connection)
    ctx.progress(f"ccx: recomputing the customer values of {company_name}…")
    started = time.monotonic()
    connection.call("customer.value", "action_recompute", [])
    seconds = time.monotonic() - started
    models = connection.search_read(
        "customer.value.model",
        [("company_id", "=", company_id)],
        [
            "date",
            "method",
            "customer_count",
            "repeat_customer_count",
            "message",
            "observation_end",
        ],
        order="date desc, id desc",
        limit=1,
    )
    model = models[0] if models else {}
    data = {
        "company": company_name,
        "seconds": round(seconds, 3),
        "method": model.get("method"),
        "customers": model.get("customer_count"),
        "repeat_customers": model.get("repeat_customer_count"),
        "data_until": model.get("observation_end") or None,
        "message": model.get("message") or None,
    }
    pairs = [
        ("company", company_name),
        ("customers", str(data["customers"])),
        ("repeat customers", str(data["repeat_customers"])),
        (
            "method",
            "predicted (BG/NBD + Gamma-Gamma)"
            if data["method"] == "bgnbd"
            else "historic only",
        ),
        ("took", f"{seconds:.2f} s"),
    ]
    if data["message"]:
        pairs.append(("note", data["message"]))
    ctx.emit(data, "Customer values recomputed.\n" + render_pairs(pairs))
    return EXIT_OK
