"""Potential value, modelled: the BG/NBD purchase model and the Gamma-Gamma spend model.

*Beyond the textbook.* The textbook's **potential value** (潜在价值) is what a customer will
still bring. For a shop without contracts (a café, an online store) nobody tells the firm when
a customer leaves, so the future has to be *predicted* from each customer's past:

* :func:`fit_bgnbd` fits the **BG/NBD** model (Fader, Hardie & Lee 2005, "Counting your
  customers the easy way"): while "alive" a customer buys at a personal Poisson rate λ
  (λ ~ Gamma(r, α) over customers); after each purchase they drop out with probability p
  (p ~ Beta(a, b)). It gives the expected number of purchases in the next ``t`` periods and
  the probability that a customer is still active, P(alive).
* :func:`fit_gamma_gamma` fits the **Gamma-Gamma** spend model (Fader, Hardie & Lee 2005,
  "RFM and CLV"; Fader & Hardie's note on the Gamma-Gamma model): each customer has a mean
  spend per purchase, shrunk towards the population mean when they bought only a few times.
* :func:`predicted_clv` combines both into a predicted lifetime value per customer.

Input: the *modelling* summary of :func:`coursekit.grading.rfm_summary` — ``frequency``
(repeat purchase periods), ``recency`` (first → last purchase), ``T`` (first purchase →
end of observation), all in the same time unit, and ``monetary_value`` (mean spend of the
repeat purchases) for the spend model. Both models are fitted by maximum likelihood with
SciPy, parameters on the log scale, the likelihood computed in log space
(``gammaln``/``betaln``/``logaddexp``) so that heavy buyers do not overflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._lang import pick
from ._validate import require_columns, require_frame, require_positive

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "FitNotConverged",
    "BGNBDResult",
    "GammaGammaResult",
    "example_summary",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "predicted_clv",
    "plot_expected_vs_alive",
]


class FitNotConverged(RuntimeError):
    """The maximum-likelihood search stopped before it found the optimum."""


def _summary_arrays(summary: Any, *, need_monetary: bool = False) -> dict[str, np.ndarray]:
    """Check an rfm_summary-style frame and return its columns as float arrays."""
    df = require_frame(summary, name="summary")
    cols = ["frequency", "recency", "T"] + (["monetary_value"] if need_monetary else [])
    try:
        require_columns(df, cols, name="summary")
    except ValueError as err:
        raise ValueError(
            f"{err} The models need the output of coursekit.grading.rfm_summary("
            "transactions, customer=..., date=..., amount=..., observation_end=...)."
        ) from None
    out: dict[str, np.ndarray] = {}
    for c in cols:
        s = pd.to_numeric(df[c], errors="coerce")
        bad = s.isna()
        if bad.any():
            rows = df.index[bad].tolist()[:5]
            raise ValueError(
                f"`summary[{c!r}]` has {int(bad.sum())} missing or non-numeric value(s), "
                f"e.g. in rows {rows}. Drop or fix those customers first."
            )
        out[c] = s.to_numpy(dtype=float)
    x, tx, T = out["frequency"], out["recency"], out["T"]
    if (x < 0).any():
        raise ValueError(
            f"`summary['frequency']` has {int((x < 0).sum())} negative value(s); frequency "
            "counts repeat purchases, so it is 0, 1, 2 …"
        )
    if (np.abs(x - np.round(x)) > 1e-9).any():
        raise ValueError(
            "`summary['frequency']` has non-integer values (e.g. "
            f"{x[np.abs(x - np.round(x)) > 1e-9][:3].tolist()}); it must count repeat "
            "purchases. Did you pass a mean or a rate instead of the count?"
        )
    if (tx < 0).any() or (T <= 0).any():
        raise ValueError(
            "`summary['recency']` must be ≥ 0 and `summary['T']` > 0 (times since the first "
            "purchase). Check observation_end: it must be after every first purchase."
        )
    over = tx > T + 1e-9
    if over.any():
        rows = df.index[over].tolist()[:5]
        raise ValueError(
            f"`summary` has {int(over.sum())} customer(s) with recency > T (e.g. {rows}): "
            "the last purchase cannot be after the end of observation. Recompute the summary "
            "with one observation_end and the same time unit for both columns."
        )
    if ((x > 0) & (tx <= 0)).any():
        raise ValueError(
            "Some customers have repeat purchases (frequency > 0) but recency 0. Recency is "
            "the time from the first to the last purchase; recompute the summary."
        )
    if (x == 0).all():
        raise ValueError(
            "Every customer has frequency 0 (nobody bought twice), so the data say nothing "
            "about repeat buying and the model cannot be fitted. Use a longer observation "
            "period or more customers."
        )
    return out


def _minimize(negll: Any, x0: np.ndarray, *, what: str, max_iter: int) -> Any:
    from scipy.optimize import minimize

    res = minimize(negll, x0, method="L-BFGS-B", options={"maxiter": max_iter})
    if not res.success and max_iter > 1:   # a rough line search: polish with Nelder-Mead
        res = minimize(negll, res.x, method="Nelder-Mead",
                       options={"maxiter": max_iter, "xatol": 1e-6, "fatol": 1e-8})
    if not res.success or not np.isfinite(res.fun):
        raise FitNotConverged(
            f"The {what} fit did not converge ({res.message}). Try more data, a longer "
            f"observation period, or max_iter larger than {max_iter}."
        )
    return res


# ---------------------------------------------------------------------------------------
# BG/NBD
# ---------------------------------------------------------------------------------------


def _bgnbd_loglik_terms(
    r: float, alpha: float, a: float, b: float, x: np.ndarray, tx: np.ndarray, T: np.ndarray
) -> np.ndarray:
    """Individual log-likelihoods of the BG/NBD model (Fader, Hardie & Lee 2005, eq. 6)."""
    from scipy.special import betaln, gammaln

    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(
            x > 0,
            np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx),
            -np.inf,
        )
    return a1 + a2 + np.logaddexp(a3, a4)


def _log_dropout_odds(params: dict[str, float], x: np.ndarray, tx: np.ndarray,
                      T: np.ndarray) -> np.ndarray:
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = (np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                + (r + x) * (np.log(alpha + T) - np.log(alpha + tx)))
    return np.where(x > 0, odds, -np.inf)


@dataclass(frozen=True)
class BGNBDResult:
    """A fitted BG/NBD model (see :func:`fit_bgnbd`).

    Attributes
    ----------
    params : dict
        ``r``, ``alpha`` (purchase rate ~ Gamma(r, alpha)), ``a``, ``b`` (dropout
        probability ~ Beta(a, b)).
    log_likelihood : float
        Maximised log-likelihood.
    summary : DataFrame
        The customers the model was fitted on (a copy).
    """

    params: dict[str, float]
    log_likelihood: float
    summary: pd.DataFrame = field(repr=False)

    def _arrays(self, summary: Any) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
        df = self.summary if summary is None else summary
        arr = _summary_arrays(df) if summary is not None else {
            c: df[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T")}
        return df.index, arr["frequency"], arr["recency"], arr["T"]

    def p_alive(self, summary: Any = None) -> pd.Series:
        """Probability that each customer is still active at the end of observation.

        P(alive) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); a customer who never
        bought again (x = 0) is alive with probability 1 under the BG/NBD assumptions.
        """
        from scipy.special import expit

        idx, x, tx, T = self._arrays(summary)
        return pd.Series(expit(-_log_dropout_odds(self.params, x, tx, T)), index=idx,
                         name="p_alive")

    def expected_purchases(self, t: float, summary: Any = None) -> pd.Series:
        """Expected number of purchases of each customer in the next ``t`` periods.

        The conditional expectation E[Y(t) | x, t_x, T] of Fader, Hardie & Lee (2005, eq. 10),
        in the time unit of the summary (weeks for the CDNOW fit).
        """
        from scipy.special import hyp2f1

        tt = require_positive(t, name="t")
        r, alpha, a, b = (self.params[k] for k in ("r", "alpha", "a", "b"))
        idx, x, tx, T = self._arrays(summary)
        z = tt / (alpha + T + tt)
        hyp = hyp2f1(r + x, b + x, a + b + x - 1, z)
        bracket = 1 - np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + T + tt))) * hyp
        alive = self.p_alive(summary).to_numpy()
        value = (a + b + x - 1) / (a - 1) * bracket * alive
        return pd.Series(value, index=idx, name=f"expected_purchases_{tt:g}")

    def expected_purchases_new(self, t: float) -> float:
        """Expected purchases of a *new* customer in their first ``t`` periods, E[X(t)]."""
        from scipy.special import hyp2f1

        tt = require_positive(t, name="t")
        r, alpha, a, b = (self.params[k] for k in ("r", "alpha", "a", "b"))
        hyp = hyp2f1(r, b, a + b - 1, tt / (alpha + tt))
        return float((a + b - 1) / (a - 1) * (1 - (alpha / (alpha + tt)) ** r * hyp))


def example_summary() -> pd.DataFrame:
    """The course's example: the CDNOW sample summarised over the 39-week calibration period of
    Fader, Hardie & Lee (2005), times in weeks (``rfm_summary(..., observation_end="1997-09-30",
    freq_multiplier=7)``), ready for :func:`fit_bgnbd` and :func:`fit_gamma_gamma`.

    Examples
    --------
    >>> example_summary().shape
    (2357, 4)
    """
    from . import datasets
    from .grading import rfm_summary

    return rfm_summary(datasets.load("cdnow_sample"), customer="customer_id", date="date",
                       amount="amount", observation_end="1997-09-30", freq_multiplier=7)


def fit_bgnbd(summary: pd.DataFrame, *, max_iter: int = 2000) -> BGNBDResult:
    """Fit the BG/NBD purchase model to an ``rfm_summary`` table by maximum likelihood.

    Parameters
    ----------
    summary : DataFrame
        One row per customer with ``frequency`` (repeat purchases, whole numbers ≥ 0),
        ``recency`` and ``T`` (same time unit, 0 ≤ recency ≤ T) — the output of
        :func:`coursekit.grading.rfm_summary`. Not modified.
    max_iter : int, keyword-only
        Iteration limit of the optimiser (L-BFGS-B on log r, log α, log a, log b).

    Returns
    -------
    BGNBDResult
        ``.params`` (r, alpha, a, b), ``.expected_purchases(t)``, ``.p_alive()``.

    Raises
    ------
    ValueError
        If columns are missing, frequency is negative or not a whole number, recency > T,
        or nobody made a repeat purchase.
    FitNotConverged
        If the optimiser stops before the maximum (a ``RuntimeError``).

    Examples
    --------
    The CDNOW sample over the 39-week calibration period of Fader, Hardie & Lee (2005):

    >>> from coursekit import datasets
    >>> from coursekit.grading import rfm_summary
    >>> summary = rfm_summary(datasets.load("cdnow_sample"), customer="customer_id",
    ...                       date="date", amount="amount", observation_end="1997-09-30",
    ...                       freq_multiplier=7)
    >>> model = fit_bgnbd(summary)
    >>> {k: round(v, 3) for k, v in model.params.items()}
    {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}
    >>> bool(model.p_alive().between(0, 1).all())
    True
    """
    arr = _summary_arrays(summary)
    x, tx, T = arr["frequency"], arr["recency"], arr["T"]

    def negll(theta: np.ndarray) -> float:
        r, alpha, a, b = np.exp(np.clip(theta, -30, 30))
        ll = _bgnbd_loglik_terms(r, alpha, a, b, x, tx, T).sum()
        return float(-ll) if np.isfinite(ll) else 1e300

    res = _minimize(negll, np.log([1.0, max(float(np.mean(T)), 1.0), 1.0, 1.0]),
                    what="BG/NBD", max_iter=max_iter)
    r, alpha, a, b = np.exp(res.x)
    params = {"r": float(r), "alpha": float(alpha), "a": float(a), "b": float(b)}
    return BGNBDResult(params=params, log_likelihood=float(-res.fun),
                       summary=summary[["frequency", "recency", "T"]].copy())


# ---------------------------------------------------------------------------------------
# Gamma-Gamma
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GammaGammaResult:
    """A fitted Gamma-Gamma spend model (see :func:`fit_gamma_gamma`).

    Attributes
    ----------
    params : dict
        ``p``, ``q``, ``gamma``: spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ).
    log_likelihood : float
    n_customers : int
        Customers with at least one repeat purchase, on whom the model was fitted.
    """

    params: dict[str, float]
    log_likelihood: float
    n_customers: int

    @property
    def population_mean(self) -> float:
        """Mean spend per purchase over all customers, p·γ / (q − 1) (needs q > 1)."""
        p, q, g = (self.params[k] for k in ("p", "q", "gamma"))
        return float(p * g / (q - 1)) if q > 1 else float("inf")

    def expected_average_spend(self, summary: pd.DataFrame) -> pd.Series:
        """Expected spend per purchase of each customer, E[M | x, m̄].

        A weighted mean of the population mean p·γ/(q−1) and the customer's own mean m̄,
        with weight p·x/(p·x + q − 1) on the customer's own mean: the more purchases, the
        more their own average counts. Customers with x = 0 get the population mean.
        """
        arr = _summary_arrays(summary, need_monetary=True)
        p, q, g = (self.params[k] for k in ("p", "q", "gamma"))
        x, m = arr["frequency"], arr["monetary_value"]
        value = (p * (g + x * m)) / (p * x + q - 1)
        return pd.Series(value, index=summary.index, name="expected_average_spend")


def fit_gamma_gamma(summary: pd.DataFrame, *, max_iter: int = 2000) -> GammaGammaResult:
    """Fit the Gamma-Gamma spend model to the repeat buyers of an ``rfm_summary`` table.

    Only customers with ``frequency > 0`` carry information about spend per repeat purchase
    (``monetary_value`` is the mean of their repeat purchases), so only they are used. The
    model assumes spend per purchase does not depend on how often a customer buys: check
    that the correlation of ``frequency`` and ``monetary_value`` is weak.

    Parameters
    ----------
    summary : DataFrame
        ``rfm_summary(..., amount=...)`` output: ``frequency``, ``recency``, ``T`` and
        ``monetary_value`` (> 0 for repeat buyers). Not modified.
    max_iter : int, keyword-only

    Returns
    -------
    GammaGammaResult
        ``.params`` (p, q, gamma), ``.expected_average_spend(summary)``.

    Raises
    ------
    ValueError
        Bad summary (see :func:`fit_bgnbd`), or a repeat buyer with ``monetary_value`` ≤ 0.
    FitNotConverged
        If the optimiser stops before the maximum.

    Examples
    --------
    >>> summary = example_summary()
    >>> gg = fit_gamma_gamma(summary)
    >>> {k: round(v, 2) for k, v in gg.params.items()}, gg.n_customers
    ({'p': 6.25, 'q': 3.74, 'gamma': 15.44}, 946)
    """
    from scipy.special import gammaln

    arr = _summary_arrays(summary, need_monetary=True)
    keep = arr["frequency"] > 0
    x, m = arr["frequency"][keep], arr["monetary_value"][keep]
    if (m <= 0).any():
        raise ValueError(
            f"{int((m <= 0).sum())} repeat buyer(s) have monetary_value ≤ 0 (free items or "
            "returns). The Gamma-Gamma model needs positive spend: drop those customers, e.g. "
            "summary[~((summary.frequency > 0) & (summary.monetary_value <= 0))]."
        )

    def negll(theta: np.ndarray) -> float:
        p, q, g = np.exp(np.clip(theta, -30, 30))
        px = p * x
        ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g)
              + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(g + m * x)).sum()
        return float(-ll) if np.isfinite(ll) else 1e300

    res = _minimize(negll, np.log([1.0, 1.0, max(float(np.mean(m)), 1.0)]),
                    what="Gamma-Gamma", max_iter=max_iter)
    p, q, g = np.exp(res.x)
    return GammaGammaResult(params={"p": float(p), "q": float(q), "gamma": float(g)},
                            log_likelihood=float(-res.fun), n_customers=int(keep.sum()))


# ---------------------------------------------------------------------------------------
# Predicted CLV and the chart
# ---------------------------------------------------------------------------------------


def predicted_clv(
    purchases: BGNBDResult,
    spend: GammaGammaResult,
    summary: pd.DataFrame,
    *,
    periods: int,
    margin: float = 1.0,
    discount_rate: float = 0.0,
) -> pd.Series:
    """Predicted lifetime value of each customer over the next ``periods`` periods.

    CLV_i = Σ_{k=1..periods} (E[Y_i(k)] − E[Y_i(k−1)]) · E[M_i] · margin / (1 + d)^k:
    the purchases expected in each future period (BG/NBD) times the expected spend per
    purchase (Gamma-Gamma) times the margin, discounted at ``discount_rate`` per period
    (same unit as the summary's times).

    Examples
    --------
    >>> summary = example_summary()
    >>> value = predicted_clv(fit_bgnbd(summary), fit_gamma_gamma(summary), summary.head(3),
    ...                       periods=52, margin=0.3)
    >>> bool((value >= 0).all())
    True
    """
    n = int(require_positive(periods, name="periods"))
    require_positive(margin, name="margin", allow_zero=True)
    d = require_positive(discount_rate, name="discount_rate", allow_zero=True)
    avg = spend.expected_average_spend(summary).to_numpy()
    cum = np.column_stack([np.zeros(len(summary))] + [
        purchases.expected_purchases(k, summary).to_numpy() for k in range(1, n + 1)])
    per_period = np.diff(cum, axis=1)
    disc = (1 + d) ** -np.arange(1, n + 1)
    return pd.Series(per_period @ disc * avg * margin, index=summary.index,
                     name="predicted_clv")


def plot_expected_vs_alive(
    purchases: BGNBDResult, *, t: float, summary: Any = None, ax: Axes | None = None,
    unit: str | None = None,
) -> Axes:
    """Scatter of P(alive) against expected purchases in the next ``t`` periods.

    Examples
    --------
    >>> import pandas as pd
    >>> summary = pd.DataFrame({"frequency": [0, 2, 5, 1, 7, 0, 3],
    ...                         "recency": [0, 20, 30, 5, 38, 0, 12],
    ...                         "T": [39, 38, 39, 30, 39, 20, 35]})
    >>> ax = plot_expected_vs_alive(fit_bgnbd(summary), t=39)
    >>> ax.get_title() != ""
    True
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    alive = purchases.p_alive(summary)
    expected = purchases.expected_purchases(t, summary)
    freq = (purchases.summary if summary is None else summary)["frequency"]
    sc = ax.scatter(alive, expected, c=freq, cmap="viridis", s=14, alpha=0.7)
    unit = pick({"en": "weeks", "zh": "周"}) if unit is None else unit
    plt.colorbar(sc, ax=ax, label=pick({"en": "repeat purchases so far (frequency)",
                                        "zh": "迄今的重复购买次数（frequency）"}))
    ax.set_xlabel(pick({"en": "P(alive): probability the customer is still active",
                        "zh": "P(alive)：客户仍活跃的概率"}))
    ax.set_ylabel(pick({"en": f"expected purchases, next {t:g} {unit}",
                        "zh": f"未来 {t:g} {unit}的预期购买次数"}))
    ax.set_title(pick({"en": "BG/NBD: who will buy again?", "zh": "BG/NBD 模型：谁还会再买？"}))
    return ax
