"""ccx clv offline: CLV from a transactions CSV, without a server."""

from ccx import dates
from ccx.clvlib import load_clv
from ccx.csvutil import read_table
from ccx.errors import EXIT_ERROR, EXIT_OK, CcxError
from ccx.output import (
    Column,
    money,
    number,
    percent,
    render_table,
)
from ccx.shared.typed_values import parse_number

OFFLINE_ALIASES = {
    "customer_id": "customer",
    "partner": "customer",
    "datetime": "date",
    "day": "date",
    "invoice_date": "date",
    "value": "amount",
    "revenue": "amount",
}


def _read_transactions(path, today):
    rows = read_table(path, ("customer", "date", "amount"), aliases=OFFLINE_ALIASES)
    customers, days, amounts, errors = [], [], [], []
    for row in rows:
        problems = []
        customer = row.values.get("customer", "")
        if not customer:
            problems.append("no customer")
        day = None
        try:
            day = dates.parse_day(row.values.get("date", ""), today)
        except CcxError as error:
            problems.append(error.message)
        amount = parse_number(row.values.get("amount", ""))
        if amount is None:
            problems.append(f"amount {row.values.get('amount') or '∅'} is not a number")
        if problems:
            errors.append({"line": row.line, "errors": problems})
        else:
            customers.append(customer)
            days.append(day)
            amounts.append(amount)
    return customers, days, amounts, errors, len(rows)


def _fit(clv, summary, penalizer, months, discount, period_days):
    import numpy as np

    frequency, recency, age = summary["frequency"], summary["recency"], summary["T"]
    monetary = summary["monetary_value"]
    bgnbd = clv.fit_bgnbd(frequency, recency, age, penalizer=penalizer)
    spenders = (frequency > 0) & (monetary > 0)
    gamma_gamma = clv.fit_gamma_gamma(frequency[spenders], monetary[spenders])
    if gamma_gamma["q"] <= 1:
        raise ValueError("the Gamma-Gamma spend model has no finite mean (q <= 1)")
    horizon = months * 30 / period_days
    with np.errstate(all="ignore"):
        alive = clv.probability_alive(bgnbd, frequency, recency, age)
        expected = clv.expected_purchases(bgnbd, horizon, frequency, recency, age)
        predicted = clv.predicted_clv(
            bgnbd,
            gamma_gamma,
            frequency,
            recency,
            age,
            monetary,
            months=months,
            yearly_discount_rate=discount,
            period_days=period_days,
        )
    if not (np.all(np.isfinite(predicted)) and np.all(np.isfinite(alive))):
        raise ValueError("the prediction is not finite for every customer")
    return bgnbd, gamma_gamma, alive, expected, predicted


def cmd_clv_offline(ctx):
    args = ctx.args
    if args.period_days < 1:
        raise CcxError("--period-days must be at least 1")
    if args.months < 0:
        raise CcxError("--months must be 0 or more")
    if args.discount < 0:
        raise CcxError("--discount must be 0 or more (0.1 = 10 % a year)")
    if args.penalizer < 0:
        raise CcxError("--penalizer must be 0 or more")
    today = ctx.today()
    customers, days, amounts, errors, count = _read_transactions(args.file, today)
    if errors:
        lines = [
            f"line {error['line']}: {'; '.join(error['errors'])}" for error in errors
        ]
        data = {"file": str(args.file), "rejected": len(errors), "errors": errors}
        ctx.emit(
            data,
            "\n".join(lines)
            + f"\n\n{len(errors)} of {count} rows have errors: nothing computed",
        )
        return EXIT_ERROR
    if not customers:
        raise CcxError(f"{args.file} has no transactions")
    end = dates.parse_day(args.end, today) if args.end else max(days)
    clv = load_clv(ctx.env)

    try:
        summary = clv.rfm_summary(
            customers,
            [day.isoformat() for day in days],
            amounts,
            end.isoformat(),
            period_days=args.period_days,
        )
    except ValueError as error:
        raise CcxError(f"cannot summarise the transactions: {error}") from None
    revenue, orders = {}, {}
    for customer, day, amount in zip(customers, days, amounts, strict=True):
        if day <= end:
            revenue[customer] = revenue.get(customer, 0.0) + amount
            orders[customer] = orders.get(customer, 0) + (amount > 0)
    ids = [str(customer) for customer in summary["customer_id"].tolist()]
    if not ids:
        raise CcxError(f"no transaction on or before {end.isoformat()}")

    method, message, parameters = "bgnbd", None, {}
    try:
        bgnbd, gamma_gamma, alive, expected, predicted = _fit(
            clv, summary, args.penalizer, args.months, args.discount, args.period_days
        )
        parameters = {"bgnbd": bgnbd, "gamma_gamma": gamma_gamma}
    except ValueError as error:
        method = "historic"
        message = f"too little history for a prediction ({error}): values are historic"
        alive = expected = predicted = None
        ctx.warn(message)

    table = []
    for index, customer in enumerate(ids):
        table.append(
            {
                "customer": customer,
                "orders": orders[customer],
                "historic_clv": round(revenue[customer], 2),
                "frequency": int(summary["frequency"][index]),
                "recency": int(summary["recency"][index]),
                "T": int(summary["T"][index]),
                "monetary_value": float(summary["monetary_value"][index]),
                "probability_alive": None if alive is None else float(alive[index]),
                "expected_purchases": (
                    None if expected is None else float(expected[index])
                ),
                "predicted_clv": None if predicted is None else float(predicted[index]),
            }
        )
    sort_key = "predicted_clv" if method == "bgnbd" else "historic_clv"
    table.sort(key=lambda row: (-row[sort_key], row["customer"]))
    for rank, row in enumerate(table, start=1):
        row["rank"] = rank
    repeat = int((summary["frequency"] > 0).sum())
    data = {
        "file": str(args.file),
        "observation_end": end.isoformat(),
        "period_days": args.period_days,
        "months": args.months,
        "discount_rate": args.discount,
        "penalizer": args.penalizer,
        "customers": len(table),
        "repeat_customers": repeat,
        "transactions": len(customers),
        "method": method,
        "message": message,
        "parameters": parameters,
        "rows": table,
    }
    shown = table[: args.limit] if args.limit else table
    columns = [
        Column("rank", "#", align="right"),
        Column("customer", "customer", width=30),
        Column("orders", "orders", align="right"),
        Column("historic_clv", "historic", money, align="right"),
        Column("frequency", "repeat", align="right"),
        Column("recency", "recency", align="right"),
        Column("T", "T", align="right"),
    ]
    if method == "bgnbd":
        columns += [
            Column("monetary_value", "avg repeat", money, align="right"),
            Column("probability_alive", "alive", percent, align="right"),
            Column("expected_purchases", "exp. purchases", number(2), align="right"),
            Column("predicted_clv", f"CLV {args.months} m", money, align="right"),
        ]
    lines = [render_table(shown, columns), ""]
    if len(shown) < len(table):
        lines.append(f"({len(table) - len(shown)} more customers; --limit 0 shows all)")
    lines.append(
        f"{len(table)} customers ({repeat} repeat), {len(customers)} transactions, "
        f"data until {end.isoformat()}, periods of {args.period_days} day(s)"
    )
    if method == "bgnbd":
        lines.append(
            "BG/NBD: "
            + ", ".join(f"{name}={value:.6g}" for name, value in bgnbd.items())
            + "; Gamma-Gamma: "
            + ", ".join(f"{name}={value:.6g}" for name, value in gamma_gamma.items())
        )
        lines.append(
            f"Predicted CLV: {args.months} months, yearly discount rate "
            f"{args.discount:g}"
        )
    else:
        lines.append(message)
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK
