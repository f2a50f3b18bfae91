"""Customer lifetime value maths: RFM summary, BG/NBD and Gamma-Gamma models.

Pure numpy/scipy, no Odoo: the module is importable (and tested) on its own.

Models and notation follow

* Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An
  Alternative to the Pareto/NBD Model", Marketing Science 24(2) -- BG/NBD,
  purchase counts ``x`` (frequency), ``t_x`` (recency) and age ``T``;
* Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for
  Customer Base Analysis", and Hardie's note "The Gamma-Gamma Model of
  Monetary Value" (2013) -- Gamma-Gamma spend model with parameters p, q, v;

and mirror the conventions of the ``lifetimes`` package (0.11): same
likelihoods, same penalizer ``penalizer * sum(params ** 2)``, same monthly
discounting in ``predicted_clv``. Times are in *periods* of ``period_days``
days throughout.

Public API::

    rfm_summary(customer_ids, dates, amounts, observation_end, period_days=1)
    fit_bgnbd(frequency, recency, T, penalizer=0.0, weights=None)
    fit_gamma_gamma(frequency, monetary_value, penalizer=0.0, weights=None)
    probability_alive(params, frequency, recency, T)
    expected_purchases(params, t, frequency, recency, T)
    expected_average_value(gg_params, frequency, monetary_value)
    predicted_clv(bgnbd_params, gg_params, frequency, recency, T,
                  monetary_value, months=12, yearly_discount_rate=0.1,
                  period_days=1)

Bad input raises ``ValueError`` with a readable message.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

__all__ = [
    "expected_average_value",
    "expected_purchases",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "predicted_clv",
    "probability_alive",
    "rfm_summary",
]

# The optimiser works on log-parameters; bounding them keeps exp() finite.
# A fit that ends on a bound has no interior optimum (degenerate data).
_LOG_BOUND = 30.0
_DAYS_PER_MONTH = 30.0  # lifetimes' convention for freq="D"


# --------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------


def _as_vectors(names, values):
    """Return 1-D float arrays of equal length, or raise ValueError."""
    arrays = []
    for name, value in zip(names, values, strict=True):
        try:
            array = np.atleast_1d(np.asarray(value, dtype=float))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be numeric: {exc}") from None
        if array.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{name} contains NaN or infinite values")
        arrays.append(array)
    lengths = {len(array) for array in arrays}
    if len(lengths) > 1:
        detail = ", ".join(f"{n}={len(a)}" for n, a in zip(names, arrays, strict=True))
        raise ValueError(f"input lengths differ: {detail}")
    return arrays


def _check_rfm(frequency, recency, T):
    """Validate (x, t_x, T) like lifetimes' _check_inputs; return float arrays."""
    x, t_x, age = _as_vectors(("frequency", "recency", "T"), (frequency, recency, T))
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("frequency must contain non-negative integers")
    if np.any(t_x < 0):
        raise ValueError("recency must be non-negative")
    if np.any(t_x > age):
        raise ValueError("recency must not exceed T (last purchase after the end)")
    if np.any(t_x[x == 0] != 0):
        raise ValueError("recency must be 0 for customers with frequency 0")
    return x, t_x, age


def _check_weights(weights, size):
    """Return customer counts (default 1 each) as a float array."""
    if weights is None:
        return np.ones(size)
    (w,) = _as_vectors(("weights",), (weights,))
    if len(w) != size:
        raise ValueError(f"weights has length {len(w)}, expected {size}")
    if np.any(w < 0):
        raise ValueError("weights must be non-negative")
    return w


def _check_penalizer(penalizer):
    try:
        value = float(penalizer)
    except (TypeError, ValueError):
        raise ValueError(f"penalizer must be a number, got {penalizer!r}") from None
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"penalizer must be finite and >= 0, got {penalizer!r}")
    return value


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value!r}")
    return int(value)


def _unpack(params, names, model):
    """Read positive finite model parameters from a mapping."""
    try:
        values = [float(params[name]) for name in names]
    except (KeyError, TypeError, ValueError):
        raise ValueError(
            f"{model} parameters must be a mapping with numeric keys "
            f"{', '.join(names)}; got {params!r}"
        ) from None
    if not all(np.isfinite(v) and v > 0 for v in values):
        raise ValueError(f"{model} parameters must be positive and finite: {params!r}")
    return values


def _to_days(values, name):
    """Whole days since 1970-01-01 (floored) for dates, datetimes or ISO text."""
    array = np.atleast_1d(np.asarray(values))
    if array.size == 0:
        return np.zeros(array.shape, dtype=np.int64)
    if array.dtype.kind in "biufc":
        # Numbers are ambiguous (days? seconds? record ids?): refuse them.
        raise ValueError(f"{name} must be dates, datetimes or ISO strings, not numbers")
    try:
        with warnings.catch_warnings():
            # Aware datetimes are converted to UTC; numpy only warns about it.
            warnings.simplefilter("ignore", UserWarning)
            days = array.astype("datetime64[D]")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} contains an unreadable date: {exc}") from None
    if np.any(np.isnat(days)):
        raise ValueError(f"{name} contains missing dates")
    return days.astype(np.int64)


# --------------------------------------------------------------------------
# RFM summary
# --------------------------------------------------------------------------


def rfm_summary(customer_ids, dates, amounts, observation_end, period_days=1):
    """Summarise transactions into per-customer frequency / recency / T / value.

    Transactions are bucketed into periods ``floor(days_since_1970 /
    period_days)``; several purchases of a customer in one period count as one
    purchase whose amount is their sum (so refunds lower it). Transactions
    after ``observation_end`` are ignored. Definitions (Fader, Hardie & Lee;
    identical to lifetimes' ``summary_data_from_transaction_data`` with
    freq="D" when ``period_days`` is 1):

    * ``frequency``: number of purchase periods after the first one;
    * ``recency``: periods between the first and the last purchase period;
    * ``T``: periods between the first purchase and ``observation_end``;
    * ``monetary_value``: mean amount of the repeat purchase periods (the
      first period excluded), 0 for customers without repeats.

    ``dates`` and ``observation_end`` may be ``datetime.date``/``datetime``,
    numpy ``datetime64`` or ISO-8601 strings; times of day are dropped.
    ``amounts`` may be None to summarise counts only (monetary_value is 0).

    Returns a dict of equal-length numpy arrays sorted by customer id:
    ``customer_id`` (the ids' own dtype), ``frequency``, ``recency``, ``T``
    (int64) and ``monetary_value`` (float64). Customers whose transactions
    all fall after ``observation_end`` do not appear.
    """
    period_days = _positive_int(period_days, "period_days")
    ids = np.atleast_1d(np.asarray(customer_ids))
    if ids.ndim != 1:
        raise ValueError(f"customer_ids must be one-dimensional, got {ids.shape}")
    days = _to_days(dates, "dates")
    end_day = _to_days(observation_end, "observation_end")
    if end_day.shape != (1,):
        raise ValueError("observation_end must be a single date")
    if amounts is None:
        values = np.zeros(len(ids))
    else:
        (values,) = _as_vectors(("amounts",), (amounts,))
    if not len(ids) == len(days) == len(values):
        raise ValueError(
            f"input lengths differ: customer_ids={len(ids)}, dates={len(days)}, "
            f"amounts={len(values)}"
        )

    keep = days <= end_day[0]
    ids, days, values = ids[keep], days[keep], values[keep]
    # Integer floor division also floors dates before 1970 correctly.
    periods = days // period_days
    end_period = end_day[0] // period_days
    try:
        customers, customer_index = np.unique(ids, return_inverse=True)
    except TypeError as exc:
        raise ValueError(f"customer_ids must be mutually comparable: {exc}") from None
    customer_index = customer_index.reshape(-1)

    # One row per (customer, period); np.unique sorts them by customer, period.
    pairs = np.column_stack([customer_index, periods])
    pairs, pair_index = np.unique(pairs, axis=0, return_inverse=True)
    pair_amount = np.bincount(
        pair_index.reshape(-1), weights=values, minlength=len(pairs)
    )
    owner, period = pairs[:, 0], pairs[:, 1]

    counts = np.bincount(owner, minlength=len(customers))
    first_row = np.cumsum(counts) - counts
    first = period[first_row]
    last = period[first_row + counts - 1]

    is_repeat = np.ones(len(pairs), dtype=bool)
    is_repeat[first_row] = False
    repeat_total = np.bincount(
        owner[is_repeat], weights=pair_amount[is_repeat], minlength=len(customers)
    )
    frequency = counts - 1
    monetary = np.zeros(len(customers))
    np.divide(repeat_total, frequency, out=monetary, where=frequency > 0)
    return {
        "customer_id": customers,
        "frequency": frequency.astype(np.int64),
        "recency": (last - first).astype(np.int64),
        "T": (end_period - first).astype(np.int64),
        "monetary_value": monetary,
    }


# --------------------------------------------------------------------------
# Fitting
# --------------------------------------------------------------------------


def _group_rows(columns, weights):
    """Collapse identical rows, summing their weights; drop weight-0 rows.

    A lexsort plus run detection is several times faster than
    ``np.unique(axis=0)`` on large customer bases.
    """
    used = weights > 0
    columns = [np.asarray(column)[used] for column in columns]
    weights = weights[used]
    order = np.lexsort(columns[::-1])
    columns = [column[order] for column in columns]
    starts = np.zeros(len(order), dtype=bool)
    starts[:1] = True
    for column in columns:
        starts[1:] |= column[1:] != column[:-1]
    starts = np.flatnonzero(starts)
    counts = np.add.reduceat(weights[order], starts)
    return [column[starts] for column in columns], counts


def _minimise(objective, x0, model):
    """Minimise a (value, gradient) objective over bounded log-parameters."""
    # SLSQP rather than L-BFGS-B: scipy's L-BFGS-B spends ~100x longer per
    # step when OpenBLAS threads compete for a busy 2-core machine.
    with np.errstate(all="ignore"):
        result = minimize(
            objective,
            np.asarray(x0, dtype=float),
            jac=True,
            method="SLSQP",
            bounds=[(-_LOG_BOUND, _LOG_BOUND)] * len(x0),
            options={"maxiter": 1000, "ftol": 1e-14},
        )
    log_params = result.x
    # A line-search complaint right at the optimum is harmless, so judge the
    # outcome by where the search stopped, not by result.success alone.
    if not np.all(np.isfinite(log_params)) or not np.isfinite(result.fun):
        raise ValueError(f"{model} fit failed: {result.message}")
    if np.any(np.abs(log_params) > _LOG_BOUND - 1e-3):
        raise ValueError(
            f"{model} fit did not converge (a parameter ran off to 0 or infinity); "
            "the data are degenerate, try more customers or a positive penalizer"
        )
    return np.exp(log_params)


def _bgnbd_data(x, t_x, age, w):
    """Split grouped rows into the pieces the BG/NBD objective needs.

    Terms that depend on x only are summed once per distinct x, and the
    customers without repeats (x == 0) need only log(alpha + T).
    """
    distinct_x, x_index = np.unique(x, return_inverse=True)
    w_x = np.bincount(x_index.reshape(-1), weights=w)
    repeat = x > 0
    return {
        "distinct_x": distinct_x,
        "w_x": w_x,
        "x": x[repeat],
        "t_x": t_x[repeat],
        "T": age[repeat],
        "w": w[repeat],
        "T0": age[~repeat],
        "w0": w[~repeat],
    }


def _wsum(weights, values):
    """Weighted sum without BLAS: a threaded ddot thrashes on busy 2-core hosts."""
    return np.sum(weights * values)


# Rows the fit objectives evaluate at once: their temporary arrays (about
# twenty of this length) stay the same size whatever the number of customers.
_CHUNK_ROWS = 1 << 16


def _chunked_sums(sums_of, columns, chunk_rows=_CHUNK_ROWS):
    """``sums_of(*columns)`` (an array of sums over the rows), evaluated
    ``chunk_rows`` rows at a time. The rows are split where numpy's pairwise
    summation splits them, and the parts added as it adds them, so that the
    sums are the very ones of a single evaluation over all rows."""
    rows = len(columns[0])
    if rows <= chunk_rows:
        return sums_of(*columns)
    half = rows // 2
    half -= half % 8  # numpy's pairwise_sum: halves of whole 8-blocks
    return _chunked_sums(
        sums_of, [column[:half] for column in columns], chunk_rows
    ) + _chunked_sums(sums_of, [column[half:] for column in columns], chunk_rows)


def _bgnbd_repeat_sums(r, alpha, a, b):
    """The repeat customers' sums in the BG/NBD objective, per chunk of
    rows (x, t_x, T, w): log-likelihood and its r, alpha, a, b terms."""

    def sums_of(x, t_x, age, w):
        # log(e^A3 + e^A4) = A3 + softplus(A4 - A3), no overflow
        rx = r + x
        log_end = np.log(alpha + age)
        log_last = np.log(alpha + t_x)
        a3 = -rx * log_end
        gap = np.log(a) - np.log(b + x - 1) - rx * log_last - a3
        softplus = np.maximum(gap, 0) + np.log1p(np.exp(-np.abs(gap)))
        share = expit(gap)  # weight of the "dropped out after t_x" branch (A4)
        return np.array(
            [
                _wsum(w, a3 + softplus),
                _wsum(w, log_end + share * (log_last - log_end)),
                _wsum(w, rx * ((1 - share) / (alpha + age) + share / (alpha + t_x))),
                _wsum(w, share),
                _wsum(w, share / (b + x - 1)),
            ]
        )

    return sums_of


def _bgnbd_objective(log_params, data, penalizer, chunk_rows=_CHUNK_ROWS):
    """Mean negative BG/NBD log-likelihood (FHL 2005 eq. 6) and its gradient.

    Per customer: log L = A1 + A2 + log(e^A3 + [x > 0] e^A4) with
    A1 = log G(r+x) - log G(r) + r log(alpha),  A2 = log B(a, b+x) - log B(a, b),
    A3 = -(r+x) log(alpha+T),  A4 = log(a/(b+x-1)) - (r+x) log(alpha+t_x).
    """
    r, alpha, a, b = params = np.exp(log_params)
    ux, w_x = data["distinct_x"], data["w_x"]
    age0, w0 = data["T0"], data["w0"]
    total = w_x.sum()
    repeat_loglik, repeat_r, repeat_alpha, repeat_a, repeat_b = _chunked_sums(
        _bgnbd_repeat_sums(r, alpha, a, b),
        [data["x"], data["t_x"], data["T"], data["w"]],
        chunk_rows,
    )

    # A1 + A2, and A3 for the customers without repeats.
    log_end0 = np.log(alpha + age0)
    loglik = (
        _wsum(w_x, gammaln(r + ux) - gammaln(r) + betaln(a, b + ux) - betaln(a, b))
        + total * r * np.log(alpha)
        - r * _wsum(w0, log_end0)
    )
    loglik += repeat_loglik
    d_r = (
        _wsum(w_x, digamma(r + ux) - digamma(r))
        + total * np.log(alpha)
        - _wsum(w0, log_end0)
        - repeat_r
    )
    d_alpha = total * r / alpha - r * _wsum(w0, 1 / (alpha + age0)) - repeat_alpha
    d_a = _wsum(w_x, digamma(a + b) - digamma(a + b + ux)) + repeat_a / a
    d_b = (
        _wsum(w_x, digamma(b + ux) - digamma(a + b + ux) - digamma(b) + digamma(a + b))
        - repeat_b
    )

    gradient = np.array([d_r, d_alpha, d_a, d_b])
    value = -loglik / total + penalizer * np.sum(params**2)
    # Chain rule to log-parameters: d/dlog(p) = p * d/dp.
    return value, -params * gradient / total + 2 * penalizer * params**2


def fit_bgnbd(frequency, recency, T, penalizer=0.0, weights=None):
    """Fit the BG/NBD model by maximum likelihood.

    ``weights`` optionally counts identical customers. Identical (x, t_x, T)
    rows are grouped internally, so large customer bases fit quickly. As in
    lifetimes, times are rescaled so that max(T) == 1 before fitting (the
    penalty ``penalizer * (r² + alpha² + a² + b²)`` thus acts on the scaled
    alpha and does not depend on the time unit) and the objective is the mean
    negative log-likelihood per customer.

    Returns ``{"r": ..., "alpha": ..., "a": ..., "b": ...}`` (floats).
    """
    x, t_x, age = _check_rfm(frequency, recency, T)
    w = _check_weights(weights, len(x))
    penalizer = _check_penalizer(penalizer)
    if len(x) == 0 or w.sum() <= 0:
        raise ValueError("cannot fit BG/NBD on no customers")
    if not np.any((x > 0) & (w > 0)):
        raise ValueError("cannot fit BG/NBD: no customer has a repeat purchase")
    longest = age[w > 0].max()
    if longest <= 0:
        raise ValueError("cannot fit BG/NBD: every customer has T == 0")

    scale = 1.0 / longest
    (x, t_x, age), w = _group_rows((x, t_x * scale, age * scale), w)
    data = _bgnbd_data(x, t_x, age, w)
    r, alpha, a, b = _minimise(
        lambda log_params: _bgnbd_objective(log_params, data, penalizer),
        np.zeros(4),
        "BG/NBD",
    )
    return {"r": float(r), "alpha": float(alpha / scale), "a": float(a), "b": float(b)}


def _gamma_gamma_objective(log_params, x, m, w, penalizer, chunk_rows=_CHUNK_ROWS):
    """Mean negative Gamma-Gamma log-likelihood (Hardie note eq. 1a), gradient."""
    p, q, v = params = np.exp(log_params)

    def sums_of(x, m, w):
        px = p * x
        log_xm_v = np.log(x * m + v)
        return np.array(
            [
                _wsum(
                    w,
                    gammaln(px + q)
                    - gammaln(px)
                    - gammaln(q)
                    + q * np.log(v)
                    + (px - 1) * np.log(m)
                    + px * np.log(x)
                    - (px + q) * log_xm_v,
                ),
                _wsum(
                    w,
                    x
                    * (
                        digamma(px + q) - digamma(px) + np.log(m) + np.log(x) - log_xm_v
                    ),
                ),
                _wsum(w, digamma(px + q) - digamma(q) + np.log(v) - log_xm_v),
                _wsum(w, q / v - (px + q) / (x * m + v)),
            ]
        )

    loglik, d_p, d_q, d_v = _chunked_sums(sums_of, [x, m, w], chunk_rows)
    total = w.sum()
    value = -loglik / total + penalizer * np.sum(params**2)
    gradient = -params * np.array([d_p, d_q, d_v]) / total + 2 * penalizer * params**2
    return value, gradient


def fit_gamma_gamma(frequency, monetary_value, penalizer=0.0, weights=None):
    """Fit the Gamma-Gamma spend model on repeat customers.

    Only customers with ``frequency > 0`` and ``monetary_value > 0`` enter the
    fit (``monetary_value`` being the mean spend of the repeat purchases);
    the others are skipped. Like lifetimes, the objective is the mean negative
    log-likelihood plus ``penalizer * (p² + q² + v²)`` on the raw parameters,
    so the penalty's strength depends on the currency scale of v.

    Returns ``{"p": ..., "q": ..., "v": ...}`` (floats).
    """
    x, m = _as_vectors(("frequency", "monetary_value"), (frequency, monetary_value))
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("frequency must contain non-negative integers")
    w = _check_weights(weights, len(x))
    penalizer = _check_penalizer(penalizer)
    usable = (x > 0) & (m > 0) & (w > 0)
    if not np.any(usable):
        raise ValueError(
            "cannot fit Gamma-Gamma: no customer has frequency > 0 and "
            "monetary_value > 0"
        )
    (x, m), w = _group_rows((x[usable], m[usable]), w[usable])
    # Start v at the mean spend so the search begins on the data's scale.
    start = np.array([0.0, 0.0, np.log(np.average(m, weights=w))])
    p, q, v = _minimise(
        lambda params: _gamma_gamma_objective(params, x, m, w, penalizer),
        start,
        "Gamma-Gamma",
    )
    return {"p": float(p), "q": float(q), "v": float(v)}


# --------------------------------------------------------------------------
# Predictions
# --------------------------------------------------------------------------


def _log_dropout_odds(r, alpha, a, b, x, t_x, age):
    """log of a/(b+x-1) * ((alpha+T)/(alpha+t_x))**(r+x); -inf when x == 0."""
    repeat = x > 0
    b_x1 = np.where(repeat, b + x - 1, 1.0)
    log_odds = (
        np.log(a) - np.log(b_x1) + (r + x) * (np.log(alpha + age) - np.log(alpha + t_x))
    )
    return np.where(repeat, log_odds, -np.inf)


def probability_alive(params, frequency, recency, T):
    """BG/NBD probability that each customer is still active at T.

    ``params`` is a ``fit_bgnbd`` result; 1.0 for customers without repeats.
    """
    r, alpha, a, b = _unpack(params, ("r", "alpha", "a", "b"), "BG/NBD")
    x, t_x, age = _check_rfm(frequency, recency, T)
    # P = 1 / (1 + odds) = expit(-log odds), stable for huge odds.
    return expit(-_log_dropout_odds(r, alpha, a, b, x, t_x, age))


def _expected_purchases(r, alpha, a, b, t, x, t_x, age):
    """FHL 2005 eq. 10, broadcasting over t and the customer arrays.

    The 2F1(r+x, b+x; a+b+x-1; z) term overflows for large x, so it is
    evaluated through Euler's transformation
    2F1(A, B; C; z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z), whose parameters
    (a+b-1-r, a-1; a+b+x-1) stay small. Since 1-z = (alpha+T)/(alpha+T+t),
    the factor ((alpha+T)/(alpha+T+t))^(r+x) of eq. 10 merges with
    (1-z)^(C-A-B) into (1-z)^(a-1).
    """
    log1m_z = np.log(alpha + age) - np.log(alpha + age + t)
    z = -np.expm1(log1m_z)
    hyp = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    # -expm1 keeps precision when t is small and the bracket is close to 0.
    bracket = -np.expm1((a - 1) * log1m_z + np.log(hyp))
    first = (a + b + x - 1) / (a - 1)
    return first * bracket * expit(-_log_dropout_odds(r, alpha, a, b, x, t_x, age))


def expected_purchases(params, t, frequency, recency, T):
    """Expected number of purchases in the next ``t`` periods (BG/NBD).

    Conditional expectation E[Y(t) | x, t_x, T] of Fader, Hardie & Lee
    (2005), eq. 10. ``t`` is a scalar or one value per customer.
    """
    r, alpha, a, b = _unpack(params, ("r", "alpha", "a", "b"), "BG/NBD")
    if a == 1.0:
        raise ValueError("BG/NBD parameter a == 1 makes eq. 10 undefined")
    x, t_x, age = _check_rfm(frequency, recency, T)
    horizon = np.asarray(t, dtype=float)
    if horizon.ndim > 1 or (horizon.ndim == 1 and len(horizon) != len(x)):
        raise ValueError("t must be a scalar or have one value per customer")
    if not np.all(np.isfinite(horizon)) or np.any(horizon < 0):
        raise ValueError("t must be finite and >= 0")
    with np.errstate(all="ignore"):
        return _expected_purchases(r, alpha, a, b, horizon, x, t_x, age)


def _expected_average_value(p, q, v, x, m):
    # Credibility-weighted mix of the population mean and the customer's mean.
    individual_weight = p * x / (p * x + q - 1)
    population_mean = p * v / (q - 1)
    return (1 - individual_weight) * population_mean + individual_weight * m


def expected_average_value(gg_params, frequency, monetary_value):
    """Gamma-Gamma conditional expected spend per purchase.

    ``gg_params`` is a ``fit_gamma_gamma`` result. Customers with frequency 0
    get the population mean ``p * v / (q - 1)``, which requires ``q > 1``.
    """
    p, q, v = _unpack(gg_params, ("p", "q", "v"), "Gamma-Gamma")
    if q <= 1:
        raise ValueError(f"Gamma-Gamma q must exceed 1 for a finite mean, got {q}")
    x, m = _as_vectors(("frequency", "monetary_value"), (frequency, monetary_value))
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("frequency must contain non-negative integers")
    return _expected_average_value(p, q, v, x, m)


def predicted_clv(
    bgnbd_params,
    gg_params,
    frequency,
    recency,
    T,
    monetary_value,
    months=12,
    yearly_discount_rate=0.1,
    period_days=1,
):
    """Discounted customer lifetime value over the next ``months`` months.

    As lifetimes' ``customer_lifetime_value``: for each month i (30 days =
    30 / period_days periods) the expected purchases in that month times the
    Gamma-Gamma expected spend, divided by (1 + monthly_rate) ** i, where
    monthly_rate = (1 + yearly_discount_rate) ** (1 / 12) - 1.
    """
    r, alpha, a, b = _unpack(bgnbd_params, ("r", "alpha", "a", "b"), "BG/NBD")
    if a == 1.0:
        raise ValueError("BG/NBD parameter a == 1 makes eq. 10 undefined")
    value = expected_average_value(gg_params, frequency, monetary_value)
    x, t_x, age = _check_rfm(frequency, recency, T)
    if len(value) != len(x):
        raise ValueError("monetary_value must have one value per customer")
    if isinstance(months, bool) or not isinstance(months, numbers.Integral):
        raise ValueError(f"months must be an integer, got {months!r}")
    if months < 0:
        raise ValueError(f"months must be >= 0, got {months!r}")
    try:
        rate = float(yearly_discount_rate)
    except (TypeError, ValueError):
        raise ValueError("yearly_discount_rate must be a number") from None
    if not np.isfinite(rate) or rate < 0:
        raise ValueError(f"yearly_discount_rate must be >= 0, got {rate!r}")
    period_days = _positive_int(period_days, "period_days")

    # Cumulative purchases at month ends 0..months (rows) for each customer.
    month_ends = (_DAYS_PER_MONTH / period_days) * np.arange(months + 1)[:, None]
    with np.errstate(all="ignore"):
        cumulative = _expected_purchases(r, alpha, a, b, month_ends, x, t_x, age)
    per_month = np.diff(cumulative, axis=0)
    discount = (1 + rate) ** (np.arange(1, months + 1) / 12.0)
    return value * (per_month / discount[:, None]).sum(axis=0)
