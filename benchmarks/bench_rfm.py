"""How fast is coursekit.grading.rfm on 1,000,000 transactions?

Run:  .venv/bin/python benchmarks/bench_rfm.py   (about 20 s; prints ratios, asserts nothing)

Three timings on the same synthetic data (100,000 customers, 2 years, seed 0), each the best
of several repeats:

1. ``rfm``: the full segmentation table (checks, customer grouping, R/F/M, scores 1–5,
   codes and segments).
2. NumPy lower bound: only the three aggregations, on arrays already in memory with customer
   ids that are already 0 … k-1 — ``np.bincount`` (count, sum) and ``np.maximum.at`` (last
   day). Nothing can do the same job with less work; target: ``rfm`` ≤ 3× this.
3. The lifetimes algorithm: ``lifetimes.utils.summary_data_from_transaction_data`` when that
   package is importable; otherwise a faithful plain-pandas re-implementation of its steps
   (lifetimes 0.11: sort, ``to_period``, per-period groupby, first-purchase flag, groupby
   min/max/count). lifetimes is *not* a dependency of the kit.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from coursekit.grading import rfm, rfm_summary

N_TRANSACTIONS = 1_000_000
N_CUSTOMERS = 100_000
REPEATS = 7


def make_transactions(seed: int = 0) -> pd.DataFrame:
    """Synthetic purchases: skewed customer activity, gamma-distributed amounts."""
    rng = np.random.default_rng(seed)
    activity = rng.gamma(0.8, 1.0, N_CUSTOMERS)
    customer = rng.choice(N_CUSTOMERS, N_TRANSACTIONS, p=activity / activity.sum())
    seconds = rng.integers(0, 730 * 86_400, N_TRANSACTIONS)
    return pd.DataFrame({
        "customer_id": customer + 1,
        "timestamp": pd.Timestamp("2024-01-01") + pd.to_timedelta(seconds, unit="s"),
        "amount": np.round(rng.gamma(2.0, 20.0, N_TRANSACTIONS), 2),
    })


def best_of(func, repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def numpy_lower_bound(codes: np.ndarray, stamps: np.ndarray, amounts: np.ndarray) -> None:
    """Count, total and last day per customer, nothing else."""
    count = np.bincount(codes)
    total = np.bincount(codes, weights=amounts, minlength=len(count))
    days = stamps.view(np.int64) // (86_400 * 10**6)  # datetime64[us] → days
    last = np.full(len(count), np.iinfo(np.int64).min)
    np.maximum.at(last, codes, days)
    return count, total, last


def lifetimes_pandas(transactions, customer_id_col, datetime_col, monetary_value_col,
                     observation_period_end, freq="D"):
    """The steps of lifetimes 0.11 ``summary_data_from_transaction_data``, in plain pandas."""
    observation_period_end = pd.to_datetime(observation_period_end).to_period(freq).to_timestamp()
    select = [customer_id_col, datetime_col, monetary_value_col]
    tx = transactions[select].sort_values(select).copy()
    tx[datetime_col] = pd.to_datetime(tx[datetime_col])
    tx = tx.set_index(datetime_col).to_period(freq).to_timestamp()
    tx = tx.loc[tx.index <= observation_period_end].reset_index()
    period = tx.groupby([datetime_col, customer_id_col], sort=False, as_index=False).sum()
    period["first"] = False
    first = period.groupby(customer_id_col, sort=True, as_index=False).head(1).index
    period.loc[first, "first"] = True
    customers = period.groupby(customer_id_col, sort=False)[datetime_col].agg(
        ["min", "max", "count"])
    customers["frequency"] = customers["count"] - 1
    one = pd.Timedelta(1, unit=freq)
    customers["T"] = (observation_period_end - customers["min"]) / one
    customers["recency"] = (customers["max"] - customers["min"]) / one
    period.loc[period["first"], monetary_value_col] = np.nan
    customers["monetary_value"] = (
        period.groupby(customer_id_col)[monetary_value_col].mean().fillna(0))
    return customers[["frequency", "recency", "T", "monetary_value"]].astype(float)


def main() -> None:
    tx = make_transactions()
    end = "2025-12-31"
    print(f"{len(tx):,} transactions, {tx['customer_id'].nunique():,} customers")

    t_rfm = best_of(lambda: rfm(tx, customer="customer_id", date="timestamp", amount="amount",
                                as_of="2026-01-01"))

    codes = tx["customer_id"].to_numpy() - 1
    stamps = tx["timestamp"].to_numpy().astype("datetime64[us]")
    amounts = tx["amount"].to_numpy()
    t_np = best_of(lambda: numpy_lower_bound(codes, stamps, amounts))

    t_summary = best_of(lambda: rfm_summary(tx, customer="customer_id", date="timestamp",
                                            amount="amount", observation_end=end), 3)
    try:
        from lifetimes.utils import summary_data_from_transaction_data as reference

        source = "lifetimes.utils.summary_data_from_transaction_data (installed)"
    except ImportError:
        reference = lifetimes_pandas
        source = ("plain-pandas re-implementation of lifetimes' summary_data_from_transaction_"
                  "data\n  (lifetimes is not installed and is not a dependency of the kit)")
    t_ref = best_of(lambda: reference(tx, "customer_id", "timestamp", "amount",
                                      observation_period_end=end), 1)

    ours = rfm_summary(tx, customer="customer_id", date="timestamp", amount="amount",
                       observation_end=end)
    theirs = lifetimes_pandas(tx, "customer_id", "timestamp", "amount", end).sort_index()
    same = np.allclose(ours.to_numpy(), theirs.to_numpy())

    print(f"rfm (segmentation table)          {t_rfm * 1000:8.1f} ms")
    print(f"NumPy lower bound (3 aggregations) {t_np * 1000:7.1f} ms")
    print(f"rfm_summary (modelling table)     {t_summary * 1000:8.1f} ms")
    print(f"lifetimes algorithm               {t_ref * 1000:8.1f} ms  [{source}]")
    print(f"ratio rfm / NumPy lower bound      {t_rfm / t_np:7.2f}×  (target ≤ 3×)")
    print(f"ratio lifetimes algorithm / rfm    {t_ref / t_rfm:7.1f}×  (how far ahead rfm is)")
    print(f"ratio lifetimes algorithm / rfm_summary {t_ref / t_summary:5.1f}×")
    print(f"rfm_summary equals the lifetimes algorithm on these data: {same}")


if __name__ == "__main__":
    main()
