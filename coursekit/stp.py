"""STP — segmentation, targeting and positioning (市场细分、目标市场选择与市场定位).

* **Segmentation**: :func:`segment` groups customers by what they say they want (k-means on
  standardised answers); :func:`choose_k` helps to pick the number of segments; :func:`profile`
  describes each segment against the average customer.
* **Targeting**: :func:`attractiveness` scores segments on weighted criteria (size, growth,
  profitability, fit with the firm, competition) and ranks them.
* **Positioning**: :func:`perceptual_map` turns a brands × attributes table into a map
  (principal component analysis, or correspondence analysis); :func:`plot_perceptual_map`
  draws it as a biplot.

scikit-learn and matplotlib are imported inside the functions that need them, so
``import coursekit.stp`` stays fast.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._lang import pick
from ._validate import (
    as_whole,
    require_choice,
    require_frame,
    require_numeric,
    require_weights,
)
from .plotting import colour

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "Segmentation",
    "PerceptualMap",
    "segment",
    "choose_k",
    "plot_choose_k",
    "profile",
    "plot_profile",
    "plot_segments",
    "attractiveness",
    "perceptual_map",
    "plot_perceptual_map",
]


# --------------------------------------------------------------------------- helpers


def _features(df: Any, features: Sequence[str] | str, *, name: str = "df") -> list[str]:
    """Validate a table and its feature columns; return the feature names as a list."""
    df = require_frame(df, name=name)
    if isinstance(features, str):
        features = [features]
    if not isinstance(features, Iterable):
        raise TypeError(
            f"`features` must be a list of column names, e.g. ['benefit_taste', "
            f"'benefit_price'], but got {type(features).__name__}."
        )
    features = list(features)
    if len(set(features)) != len(features):
        dup = sorted({f for f in features if features.count(f) > 1})
        raise ValueError(f"`features` names {dup} more than once; list each column once.")
    require_numeric(df, features, name=name)
    return features


def _int_k(k: Any, *, name: str, n_distinct: int) -> int:
    """A number of segments: a whole number from 2 to the number of distinct rows."""
    k = as_whole(k, name=name, hint="such as 4")
    if k < 2:
        raise ValueError(
            f"`{name}` must be at least 2 (one segment is the whole market), but is {k}."
        )
    if k > n_distinct:
        raise ValueError(
            f"`{name}` is {k}, but the data have only {n_distinct} different answer "
            f"pattern(s); ask for at most {n_distinct} segments or use more data."
        )
    return k


def _n_init(n_init: Any) -> int:
    return as_whole(n_init, name="n_init", low=1, hint="e.g. 10")


def _silhouette(x: np.ndarray, labels: np.ndarray, *, sample: int | None, seed: int) -> float:
    """Mean silhouette; on a random sample of rows when the data are larger than ``sample``."""
    from sklearn.metrics import silhouette_score

    if len(np.unique(labels)) < 2 or len(np.unique(labels)) >= len(labels):
        return float("nan")
    size = None if sample is None or len(x) <= sample else int(sample)
    return float(silhouette_score(x, labels, sample_size=size, random_state=seed))


def _threads(threads: Any) -> int | None:
    if threads is None:
        return None
    return as_whole(threads, name="threads", low=1, hint="or None for all cores")


def _check_sample(silhouette_sample: Any) -> int | None:
    if silhouette_sample is None:
        return None
    return as_whole(silhouette_sample, name="silhouette_sample", low=10,
                    hint="rows, e.g. 5000, or None for all rows")


# --------------------------------------------------------------------------- segmentation


@dataclass(frozen=True, eq=False)
class Segmentation:
    """The result of :func:`segment`.

    Attributes
    ----------
    labels : pandas.Series
        Segment number (1 … k) of every row, aligned to the input's index. Segment 1 is the
        largest, segment k the smallest.
    centres : pandas.DataFrame
        Mean profile of each segment's centre, in the original units of the features
        (e.g. points on the 1–7 scale); one row per segment.
    sizes : pandas.Series
        Number of rows in each segment.
    silhouette : float
        Average silhouette width (−1 … 1) on the standardised features: near 1 = compact,
        well separated segments; near 0 = overlapping segments.
    inertia : float
        Within-segment sum of squared distances, in standardised units.
    model : sklearn.pipeline.Pipeline
        The fitted ``StandardScaler → KMeans`` pipeline.
    """

    labels: pd.Series
    centres: pd.DataFrame
    sizes: pd.Series
    silhouette: float
    inertia: float
    model: Any
    _order: tuple[int, ...]

    @property
    def k(self) -> int:
        """Number of segments."""
        return len(self.centres)

    @property
    def features(self) -> list[str]:
        """The columns used for segmenting."""
        return list(self.centres.columns)

    def assign(self, df: pd.DataFrame) -> pd.Series:
        """Put new customers into the existing segments (nearest centre).

        Examples
        --------
        >>> toy = pd.DataFrame({"x": [1, 1, 2, 8, 9, 9]})
        >>> seg = segment(toy, ["x"], 2)
        >>> seg.assign(pd.DataFrame({"x": [0, 10]})).tolist()
        [2, 1]
        """
        features = _features(df, self.features)
        raw = self.model.predict(df[features].to_numpy(dtype=float))
        mapping = {old: new for new, old in enumerate(self._order, start=1)}
        return pd.Series([mapping[int(r)] for r in raw], index=df.index, name="segment")

    def __repr__(self) -> str:
        return pick({
            "en": f"Segmentation(k={self.k}, sizes={self.sizes.tolist()}, "
                  f"silhouette={self.silhouette:.3f})",
            "zh": f"Segmentation（k={self.k}，各细分市场人数 sizes={self.sizes.tolist()}，"
                  f"轮廓系数 silhouette={self.silhouette:.3f}）",
        })


def segment(
    df: pd.DataFrame,
    features: Sequence[str],
    k: int,
    *,
    random_state: int = 0,
    n_init: int = 10,
    silhouette_sample: int | None = 5000,
    threads: int | None = 1,
) -> Segmentation:
    """Find ``k`` customer segments with k-means on standardised features.

    The features are standardised (z-scores: mean 0, standard deviation 1) so that every
    question counts equally, then k-means (K 均值聚类) groups rows around ``k`` centres. Both
    steps run in one scikit-learn ``Pipeline``.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per customer.
    features : list of str
        Numeric columns to segment on (e.g. the ``benefit_*`` items).
    k : int
        Number of segments, from 2 to the number of different rows.
    random_state : int, default 0
        Seed of k-means' random starts; the same seed gives the same segments.
    n_init : int, default 10
        Number of random starts; the best (lowest inertia) is kept.
    silhouette_sample : int or None, default 5000
        Compute the silhouette on a random sample of this many rows when the data are
        larger (the exact silhouette grows with the square of the rows); None uses all rows.
    threads : int or None, default 1
        CPU threads k-means may use. One thread is fastest for classroom-sized data and on
        shared lab machines; ``None`` lets scikit-learn use every core (for large data).
        The result does not depend on it.

    Returns
    -------
    Segmentation
        ``labels`` (Series aligned to ``df.index``, segments numbered 1 … k from the
        largest to the smallest), ``centres`` in the original units, ``sizes``,
        ``silhouette``, ``inertia`` and the fitted ``model``.

    Raises
    ------
    ValueError
        Missing or non-numeric feature columns, missing values, an empty table, or ``k``
        below 2 or above the number of different rows.
    TypeError
        ``df`` is not a DataFrame or ``k`` is not a whole number.

    Examples
    --------
    >>> toy = pd.DataFrame({"price": [1, 2, 1, 7, 6, 7, 6], "taste": [7, 6, 7, 2, 1, 1, 2]})
    >>> seg = segment(toy, ["price", "taste"], 2)
    >>> seg.labels.tolist()
    [2, 2, 2, 1, 1, 1, 1]
    >>> seg.centres.round(2)
             price  taste
    segment
    1         6.50   1.50
    2         1.33   6.67
    >>> round(seg.silhouette, 2)
    0.85
    """
    from sklearn.cluster import KMeans
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    features = _features(df, features)
    x = df[features].to_numpy(dtype=float)
    n_distinct = len(np.unique(x, axis=0))
    k = _int_k(k, name="k", n_distinct=n_distinct)
    n_init = _n_init(n_init)
    sample = _check_sample(silhouette_sample)

    model = Pipeline(
        [
            ("scale", StandardScaler()),
            ("kmeans", KMeans(n_clusters=k, n_init=n_init, random_state=random_state)),
        ]
    )
    limit = _threads(threads)
    with threadpool_limits(limits=limit):
        raw = model.fit_predict(x)
    counts = np.bincount(raw, minlength=k)
    order = tuple(int(i) for i in sorted(range(k), key=lambda c: (-counts[c], c)))
    mapping = np.empty(k, dtype=int)
    for new, old in enumerate(order, start=1):
        mapping[old] = new
    labels = pd.Series(mapping[raw], index=df.index, name="segment")

    scaler, kmeans = model.named_steps["scale"], model.named_steps["kmeans"]
    centres_raw = scaler.inverse_transform(kmeans.cluster_centers_)
    seg_index = pd.Index(range(1, k + 1), name="segment")
    centres = pd.DataFrame(centres_raw[list(order)], index=seg_index, columns=features)
    sizes = pd.Series(counts[list(order)], index=seg_index, name="size")
    with threadpool_limits(limits=limit):
        sil = _silhouette(scaler.transform(x), raw, sample=sample, seed=random_state)
    return Segmentation(
        labels=labels,
        centres=centres,
        sizes=sizes,
        silhouette=sil,
        inertia=float(kmeans.inertia_),
        model=model,
        _order=order,
    )


def choose_k(
    df: pd.DataFrame,
    features: Sequence[str],
    ks: Iterable[int],
    *,
    random_state: int = 0,
    n_init: int = 10,
    silhouette_sample: int | None = 5000,
    threads: int | None = 1,
) -> pd.DataFrame:
    """Inertia and average silhouette for several numbers of segments.

    Read the table (or :func:`plot_choose_k`) two ways: the *elbow* — where adding one more
    segment stops reducing the inertia much — and the *silhouette* — higher is better. Then
    check that the segments can be named and acted on; statistics alone do not decide.

    Parameters
    ----------
    df, features, random_state, n_init, silhouette_sample, threads
        As in :func:`segment`.
    ks : iterable of int
        Numbers of segments to try, e.g. ``range(2, 9)``.

    Returns
    -------
    pandas.DataFrame
        Index ``k`` (sorted), columns ``inertia`` (standardised units, falls as k grows) and
        ``silhouette`` (−1 … 1).

    Examples
    --------
    >>> toy = pd.DataFrame({"x": [1, 1, 2, 5, 5, 6, 9, 9, 10]})
    >>> table = choose_k(toy, ["x"], [2, 3, 4])
    >>> int(table["silhouette"].idxmax())
    3
    >>> bool(table["inertia"].is_monotonic_decreasing)
    True
    """
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    features = _features(df, features)
    if isinstance(ks, (int, np.integer)):
        raise TypeError(f"`ks` must be several numbers of segments, e.g. range(2, 9); got {ks!r}.")
    ks = list(ks)
    if not ks:
        raise ValueError("`ks` is empty; give the numbers of segments to try, e.g. range(2, 9).")
    x = df[features].to_numpy(dtype=float)
    n_distinct = len(np.unique(x, axis=0))
    ks = sorted({_int_k(k, name="ks", n_distinct=n_distinct) for k in ks})
    n_init = _n_init(n_init)
    sample = _check_sample(silhouette_sample)
    z = StandardScaler().fit_transform(x)
    limit = _threads(threads)
    rows = []
    for k in ks:
        with threadpool_limits(limits=limit):
            km = KMeans(n_clusters=k, n_init=n_init, random_state=random_state).fit(z)
            sil = _silhouette(z, km.labels_, sample=sample, seed=random_state)
        rows.append({"inertia": float(km.inertia_), "silhouette": sil})
    return pd.DataFrame(rows, index=pd.Index(ks, name="k"))


def plot_choose_k(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Elbow (inertia) and silhouette against k, from :func:`choose_k`; returns the Axes.

    Examples
    --------
    >>> toy = pd.DataFrame({"x": [1, 1, 2, 5, 5, 6, 9, 9, 10]})
    >>> ax = plot_choose_k(choose_k(toy, ["x"], [2, 3, 4]))
    >>> ax.get_xlabel()
    'number of segments k'
    """
    import matplotlib.pyplot as plt

    table = require_frame(table, name="table")
    require_numeric(table, ["inertia", "silhouette"], name="table", allow_nan=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    ks = table.index.to_numpy()
    ax.plot(ks, table["inertia"], "o-", color=colour("main"),
            label=pick({"en": "inertia (elbow)", "zh": "组内平方和（肘部法）"}))
    ax.set_xlabel(pick({"en": "number of segments k", "zh": "细分市场数 k"}))
    ax.set_ylabel(pick({"en": "inertia (sum of squares, standardised units)",
                        "zh": "组内平方和（标准化单位）"}), color=colour("main"))
    ax.set_xticks(ks)
    right = ax.twinx()
    right.plot(ks, table["silhouette"], "s--", color=colour("warn"),
               label=pick({"en": "silhouette", "zh": "轮廓系数"}))
    right.set_ylabel(pick({"en": "average silhouette (−1 to 1, higher is better)",
                           "zh": "平均轮廓系数（−1 到 1，越高越好）"}), color=colour("warn"))
    ax.set_title(pick({"en": "Choosing the number of segments: elbow and silhouette",
                       "zh": "选择细分市场数：肘部法与轮廓系数"}))
    return ax


# --------------------------------------------------------------------------- profiles


def _labels_for(df: pd.DataFrame, labels: Any) -> pd.Series:
    """Labels as a Series aligned to ``df.index`` (Series, array-like or Segmentation)."""
    if isinstance(labels, Segmentation):
        labels = labels.labels
    if isinstance(labels, pd.Series):
        if not labels.index.equals(df.index):
            if labels.index.has_duplicates or not df.index.isin(labels.index).all():
                missing = df.index[~df.index.isin(labels.index)]
                raise ValueError(
                    "`labels` must have one label for every row of `df` (same index), but "
                    f"{len(missing)} row(s) of `df` have no label, e.g. {missing[:3].tolist()}. "
                    "Use the labels produced from this same table."
                )
            labels = labels.reindex(df.index)
        out = labels
    else:
        if isinstance(labels, (str, bytes)) or np.ndim(labels) != 1:
            raise TypeError(
                "`labels` must be a Series or list with one segment label per row, e.g. "
                f"seg.labels, but got {type(labels).__name__}."
            )
        if len(labels) != len(df):
            raise ValueError(
                f"`labels` has {len(labels)} values but `df` has {len(df)} rows; give one "
                "label per row."
            )
        out = pd.Series(np.asarray(labels), index=df.index)
    if out.isna().any():
        raise ValueError(
            f"`labels` has {int(out.isna().sum())} missing value(s); every row needs a segment."
        )
    return out.rename("segment")


def profile(df: pd.DataFrame, labels: Any, columns: Sequence[str]) -> pd.DataFrame:
    """Size, share, mean and index (average customer = 100) of each segment.

    The index of a column is ``100 × segment mean / overall mean``: 120 means the segment
    scores 20 % above the average customer; 80 means 20 % below. It reads like the index in
    media and consumer surveys and is what :func:`plot_profile` colours.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per customer.
    labels : pandas.Series, array-like or Segmentation
        The segment of each row (e.g. ``seg.labels``), aligned to ``df``.
    columns : list of str
        Numeric columns to describe (not only the segmenting features: age, visits, spend …).

    Returns
    -------
    pandas.DataFrame
        One row per segment (sorted), columns ``size``, ``share`` (0–1), then the mean of
        each column, then ``<column>_index``.

    Raises
    ------
    ValueError
        Missing or non-numeric columns, NaN, labels of the wrong length, or a column whose
        overall mean is 0 (the index is undefined).

    Examples
    --------
    >>> toy = pd.DataFrame({"spend": [10.0, 30.0, 50.0, 70.0]})
    >>> profile(toy, [1, 1, 2, 2], ["spend"])
             size  share  spend  spend_index
    segment
    1           2    0.5   20.0         50.0
    2           2    0.5   60.0        150.0
    """
    df = require_frame(df)
    if isinstance(columns, str):
        columns = [columns]
    columns = require_numeric(df, list(columns))
    lab = _labels_for(df, labels)
    data = df[columns].astype(float)
    overall = data.mean()
    zero = overall[overall == 0]
    if len(zero):
        raise ValueError(
            f"Column(s) {zero.index.tolist()} have an overall mean of 0, so an index "
            "(segment mean / overall mean) cannot be computed; profile other columns."
        )
    grouped = data.groupby(lab.to_numpy(), sort=True)
    means = grouped.mean()
    means.index.name = "segment"
    size = grouped.size().rename("size")
    size.index.name = "segment"
    index = (100 * means / overall).add_suffix("_index")
    out = pd.concat([size, (size / len(df)).rename("share"), means, index], axis=1)
    return out


def plot_segments(
    data: pd.DataFrame,
    value: str,
    *,
    segment: str = "segment",
    kind: str = "box",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """How ``value`` is spread in each segment: box plots (default), violins or every point.

    Drawn with seaborn (``boxplot`` / ``violinplot`` / ``stripplot``), one row per segment, in
    the house colours; the mean of each segment is marked. Use it after :func:`segment` to see
    whether segments that differ *on average* also differ for most of their customers.

    Parameters
    ----------
    data : DataFrame
        One row per customer, with a numeric ``value`` column and a ``segment`` column.
    value, segment : str
        Column names.
    kind : {"box", "violin", "strip"}, keyword-only

    Examples
    --------
    >>> df = pd.DataFrame({"segment": [1, 1, 1, 2, 2, 2], "spend": [10, 12, 30, 50, 55, 80]})
    >>> plot_segments(df, "spend").get_ylabel()
    'segment'
    """
    import matplotlib.pyplot as plt

    from ._validate import require_columns
    from .plotting import label

    require_frame(data, name="data")
    require_columns(data, [value, segment], name="data")
    require_numeric(data, [value], name="data", allow_nan=True)
    kind = require_choice(kind, name="kind", choices=("box", "violin", "strip"))
    shown = pd.DataFrame({value: data[value].to_numpy(dtype=float),
                          segment: data[segment].astype(str).to_numpy()})
    order = sorted(shown[segment].unique(), key=lambda s: (len(s), s))  # 1, 2 … 10, not 1, 10, 2
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.6 * len(order) + 1.8))
    common = {"data": shown, "x": value, "y": segment, "order": order, "ax": ax}
    with warnings.catch_warnings():  # seaborn 0.13 still passes vert= to matplotlib ≥ 3.11
        warnings.filterwarnings("ignore", message="vert: bool", category=DeprecationWarning)
        _draw_distribution(kind, common)
    if kind != "box":
        means = shown.groupby(segment)[value].mean().reindex(order)
        ax.scatter(means.to_numpy(), range(len(order)), marker="D", s=30, zorder=3,
                   color=colour("accent"), label=pick({"en": "mean", "zh": "均值"}))
    label(ax, title={"en": f"{value} by segment", "zh": f"各细分市场的 {value}"} if title is None
          else title, x=value, y={"en": "segment", "zh": "细分市场"})
    return ax


def _draw_distribution(kind: str, common: dict[str, Any]) -> None:
    import seaborn as sns

    if kind == "box":
        sns.boxplot(**common, color=colour("main", alpha=0.35), linecolor=colour("ink"),
                    flierprops={"marker": ".", "markersize": 3}, showmeans=True,
                    meanprops={"marker": "D", "markerfacecolor": colour("accent"),
                               "markeredgecolor": colour("accent"), "markersize": 5})
    elif kind == "violin":
        sns.violinplot(**common, color=colour("main", alpha=0.35), linecolor=colour("ink"),
                       inner="quart", cut=0)
    else:
        sns.stripplot(**common, color=colour("main"), alpha=0.4, size=3, jitter=0.25)


def plot_profile(
    table: pd.DataFrame, *, ax: Axes | None = None, decimals: int = 0
) -> Axes:
    """Heat map of the ``*_index`` columns of :func:`profile` (100 = average customer).

    Examples
    --------
    >>> toy = pd.DataFrame({"spend": [10.0, 30.0, 50.0, 70.0], "visits": [1, 2, 3, 6]})
    >>> ax = plot_profile(profile(toy, [1, 1, 2, 2], ["spend", "visits"]))
    >>> ax.get_title()
    'Segment profiles: index vs the average customer (100)'
    """
    import matplotlib.pyplot as plt

    table = require_frame(table, name="table")
    cols = [c for c in table.columns if str(c).endswith("_index")]
    if not cols:
        raise ValueError(
            "`table` has no '*_index' columns; pass the result of stp.profile(...)."
        )
    values = table[cols].to_numpy(dtype=float)
    spread = max(float(np.nanmax(np.abs(values - 100))), 1.0)
    import seaborn as sns

    if ax is None:
        _, ax = plt.subplots(figsize=(1.1 * len(cols) + 2.5, 0.6 * len(table) + 1.8))
    shown = pd.DataFrame(values, index=[str(i) for i in table.index],
                         columns=[c.removesuffix("_index") for c in cols])
    # seaborn's annotated heatmap: centred on the average (100), text colour chosen per cell
    sns.heatmap(shown, ax=ax, cmap="RdBu_r", center=100, vmin=100 - spread, vmax=100 + spread,
                annot=True, fmt=f".{decimals}f", annot_kws={"fontsize": 10},
                cbar_kws={"label": pick({"en": "index (average = 100)", "zh": "指数（平均 = 100）"})})
    ax.grid(False)
    ax.tick_params(axis="y", rotation=0)
    ax.set_xticklabels(ax.get_xticklabels(), rotation=35, ha="right")
    ax.set_xlabel(pick({"en": "variable", "zh": "变量"}))
    ax.set_ylabel(pick({"en": "segment", "zh": "细分市场"}))
    ax.set_title(pick({"en": "Segment profiles: index vs the average customer (100)",
                       "zh": "细分市场画像：相对平均客户的指数（100）"}))
    return ax


# --------------------------------------------------------------------------- targeting


def attractiveness(
    criteria: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series,
    *,
    rescale: str | None = None,
    lower_is_better: Sequence[str] = (),
) -> pd.DataFrame:
    """Weighted attractiveness score and rank of each segment (细分市场吸引力评价).

    .. math:: \\text{score}_s = \\sum_j w_j \\, x_{sj}, \\qquad \\sum_j w_j = 1

    Parameters
    ----------
    criteria : pandas.DataFrame
        One row per segment, one column per criterion (size, growth, profitability, fit,
        competition …). Columns without a weight are ignored.
    weights : mapping or Series
        Criterion → weight. Weights that do not sum to 1 are rescaled to sum to 1, with a
        ``UserWarning`` saying so.
    rescale : {None, "minmax"}, default None
        ``None``: the criteria are already scores on one scale (e.g. 1–5 ratings), used as
        given. ``"minmax"``: each criterion is rescaled to 0–1 across the segments
        ((x − min)/(max − min); a criterion equal for all segments becomes 0.5) — use this
        when criteria are in different units (people, %, CNY).
    lower_is_better : list of str, default ()
        With ``rescale="minmax"``: criteria where a lower raw value is more attractive
        (e.g. number of competitors); they are reversed (1 − rescaled value).

    Returns
    -------
    pandas.DataFrame
        The (rescaled) weighted criteria, then ``score`` and ``rank`` (1 = most attractive;
        ties share the better rank), in the row order of ``criteria``.

    Raises
    ------
    ValueError
        A weight names a missing column, criteria are not numbers or have NaN, weights are
        negative or all zero, or ``lower_is_better`` is used without ``rescale="minmax"``.

    Examples
    --------
    >>> crit = pd.DataFrame({"size": [5, 3, 2], "fit": [2, 4, 5]}, index=["A", "B", "C"])
    >>> attractiveness(crit, {"size": 0.4, "fit": 0.6})
       size  fit  score  rank
    A     5    2    3.2     3
    B     3    4    3.6     2
    C     2    5    3.8     1
    """
    criteria = require_frame(criteria, name="criteria")
    w = require_weights(weights, normalize=False)
    total = float(w.sum())
    if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
        rescaled = ", ".join(f"{k}: {v / total:.3f}" for k, v in w.items())
        warnings.warn(
            pick({"en": f"The weights sum to {total:g}, not 1; they were rescaled to sum to 1 "
                        f"({rescaled}).",
                  "zh": f"权重之和为 {total:g}，不是 1；已按比例调整为和为 1（{rescaled}）。"}),
            UserWarning,
            stacklevel=2,
        )
    w = w / total
    cols = require_numeric(criteria, [str(c) for c in w.index], name="criteria")
    require_choice(rescale, name="rescale", choices=(None, "minmax"))
    if isinstance(lower_is_better, str):
        lower_is_better = [lower_is_better]
    lower = list(lower_is_better)
    if lower and rescale != "minmax":
        raise ValueError(
            "`lower_is_better` needs rescale='minmax' (so that the reversed criterion is on "
            "a 0–1 scale); or reverse the scores yourself, e.g. 6 − x on a 1–5 scale."
        )
    unknown = [c for c in lower if c not in cols]
    if unknown:
        raise ValueError(
            f"`lower_is_better` names {unknown}, which have no weight; use criteria from "
            f"{cols}."
        )
    x = criteria[cols].to_numpy(dtype=float)
    if rescale == "minmax":
        low, span = x.min(axis=0), np.ptp(x, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            x = np.where(span > 0, (x - low) / np.where(span > 0, span, 1.0), 0.5)
        for c in lower:
            j = cols.index(c)
            x[:, j] = 1.0 - x[:, j]
        out = pd.DataFrame(x, index=criteria.index, columns=cols)
    else:
        out = criteria[cols].copy()
    out["score"] = (x @ w.reindex(cols).to_numpy()).round(12)
    out["rank"] = out["score"].rank(ascending=False, method="min").astype(int)
    return out


# --------------------------------------------------------------------------- positioning


@dataclass(frozen=True, eq=False)
class PerceptualMap:
    """The result of :func:`perceptual_map`.

    Attributes
    ----------
    coordinates : pandas.DataFrame
        Brand positions, columns ``dim1``, ``dim2`` … (PCA: component scores; CA: row
        principal coordinates).
    loadings : pandas.DataFrame
        Attribute directions, same columns (PCA: correlation-type loadings, the arrows of the
        biplot; CA: column principal coordinates).
    explained : pandas.Series
        Share (0–1) of the variance (PCA) or of the total inertia (CA) shown by every
        dimension — all of them, not only the kept ones.
    method : str
        ``"pca"`` or ``"ca"``.
    """

    coordinates: pd.DataFrame
    loadings: pd.DataFrame
    explained: pd.Series
    eigenvalues: pd.Series
    method: str

    def __repr__(self) -> str:
        shown = self.explained.iloc[: self.coordinates.shape[1]].sum()
        return pick({
            "en": f"PerceptualMap(method={self.method!r}, brands={len(self.coordinates)}, "
                  f"attributes={len(self.loadings)}, shown={shown:.1%})",
            "zh": f"PerceptualMap（method={self.method!r}，品牌 brands={len(self.coordinates)}，"
                  f"属性 attributes={len(self.loadings)}，图中保留的差异 shown={shown:.1%}）",
        })


def _flip_signs(u: np.ndarray, vt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Make the largest-magnitude loading of every dimension positive (a fixed convention)."""
    idx = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(vt.shape[0]), idx])
    signs[signs == 0] = 1.0
    return u * signs, vt * signs[:, None]


def perceptual_map(
    ratings: pd.DataFrame,
    *,
    method: str = "pca",
    n_components: int = 2,
    standardize: bool = True,
) -> PerceptualMap:
    """A perceptual map (感知图 / 定位图): brands × attributes → positions and directions.

    ``method="pca"`` (principal component analysis, 主成分分析): the attributes are centred
    (and, with ``standardize=True``, divided by their standard deviation across brands, so
    that each attribute counts equally), then split by singular value decomposition
    :math:`X = U S V^T`. Brand coordinates are :math:`U S`; attribute loadings are
    :math:`V S / \\sqrt{n - 1}` (with standardising: the correlation of the attribute with
    the dimension). Explained share of dimension *j* is :math:`s_j^2 / \\sum s^2`.

    ``method="ca"`` (correspondence analysis, 对应分析) for a table of counts or other
    non-negative numbers (e.g. how many respondents link each attribute with each brand):
    SVD of the standardised residuals
    :math:`S = D_r^{-1/2}(P - r c^T) D_c^{-1/2}`; brands in row principal coordinates,
    attributes in column principal coordinates (a symmetric map); the eigenvalues are the
    principal inertias, which sum to :math:`\\chi^2 / n`. It is written here with NumPy
    because the usual Python package for it (``prince``) is not part of the kit's pinned
    environment.

    Signs of dimensions are arbitrary in both methods; here the largest attribute loading
    of every dimension is made positive.

    Parameters
    ----------
    ratings : pandas.DataFrame
        One row per brand (index = brand names), one numeric column per attribute, e.g. the
        mean ratings ``survey.groupby("brand")[attributes].mean()``.
    method : {"pca", "ca"}, default "pca"
    n_components : int, default 2
        Dimensions kept in ``coordinates`` and ``loadings``.
    standardize : bool, default True
        PCA only: divide each attribute by its standard deviation across brands.

    Returns
    -------
    PerceptualMap
        ``coordinates``, ``loadings``, ``explained``, ``eigenvalues``, ``method``.

    Raises
    ------
    ValueError
        Non-numeric or missing ratings, fewer than 3 brands or 2 attributes, an attribute
        equal for every brand (PCA, standardised), negative values or an all-zero row or
        column (CA), or too many components.

    Examples
    --------
    >>> r = pd.DataFrame({"price": [2.0, 4.0, 6.0], "taste": [6.0, 4.0, 3.0]},
    ...                  index=["A", "B", "C"])
    >>> pm = perceptual_map(r, n_components=1)
    >>> pm.explained.round(3).tolist()
    [0.991, 0.009]
    >>> pm.coordinates.round(2)
           dim1
    brand
    A     -1.48
    B      0.15
    C      1.32
    """
    ratings = require_frame(ratings, name="ratings")
    require_choice(method, name="method", choices=("pca", "ca"))
    cols = require_numeric(ratings, list(ratings.columns), name="ratings")
    if len(ratings) < 3 or len(cols) < 2:
        raise ValueError(
            f"`ratings` must have at least 3 brands (rows) and 2 attributes (columns), but has "
            f"{len(ratings)} × {len(cols)}. Put brands in rows, e.g. "
            "survey.groupby('brand')[attributes].mean()."
        )
    x = ratings[cols].to_numpy(dtype=float)
    if method == "pca":
        u, s, vt, scale_rows, scale_cols = _pca_parts(x, cols, standardize=standardize)
    else:
        u, s, vt, scale_rows, scale_cols = _ca_parts(x, ratings, cols)
    keep = s > 1e-12 * max(float(s.max()), 1.0)
    u, s, vt = u[:, keep], s[keep], vt[keep]
    max_dims = len(s)
    n_components = as_whole(n_components, name="n_components", low=1, high=max_dims,
                            hint="for this table: brands − 1 or attributes, whichever is smaller")
    u, vt = _flip_signs(u, vt)
    dims = [f"dim{i}" for i in range(1, max_dims + 1)]
    eig = s**2 if method == "ca" else s**2 / (len(x) - 1)
    coords = (u * s) / scale_rows[:, None]
    loads = (vt.T * s) / scale_cols[:, None]
    n = int(n_components)
    brand_index = ratings.index.copy()
    if brand_index.name is None:
        brand_index = brand_index.rename("brand")
    return PerceptualMap(
        coordinates=pd.DataFrame(coords[:, :n], index=brand_index, columns=dims[:n]),
        loadings=pd.DataFrame(loads[:, :n], index=pd.Index(cols, name="attribute"),
                              columns=dims[:n]),
        explained=pd.Series(s**2 / np.sum(s**2), index=dims, name="explained"),
        eigenvalues=pd.Series(eig, index=dims, name="eigenvalue"),
        method=method,
    )


def _pca_parts(x: np.ndarray, cols: list[str], *, standardize: bool):
    centred = x - x.mean(axis=0)
    sd = x.std(axis=0, ddof=1)
    if standardize:
        flat = [c for c, v in zip(cols, sd, strict=True) if v == 0]
        if flat:
            raise ValueError(
                f"Attribute(s) {flat} have the same rating for every brand, so they cannot "
                "separate brands on the map; drop them from `ratings`."
            )
        centred = centred / sd
    u, s, vt = np.linalg.svd(centred, full_matrices=False)
    n = len(x)
    # loadings V S / sqrt(n - 1); coordinates U S
    return u, s, vt, np.ones(n), np.full(len(cols), math.sqrt(n - 1))


def _ca_parts(x: np.ndarray, ratings: pd.DataFrame, cols: list[str]):
    if (x < 0).any():
        raise ValueError(
            "Correspondence analysis needs counts or other non-negative numbers, but "
            "`ratings` has negative values; use method='pca' instead."
        )
    rows0 = ratings.index[x.sum(axis=1) == 0].tolist()
    cols0 = [c for c, v in zip(cols, x.sum(axis=0), strict=True) if v == 0]
    if rows0 or cols0:
        raise ValueError(
            f"Correspondence analysis needs every row and column to have a positive total; "
            f"all-zero rows: {rows0}, all-zero columns: {cols0}. Drop them first."
        )
    p = x / x.sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    resid = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, s, vt = np.linalg.svd(resid, full_matrices=False)
    return u, s, vt, np.sqrt(r), np.sqrt(c)


def plot_perceptual_map(
    pmap: PerceptualMap,
    *,
    ax: Axes | None = None,
    highlight: str | None = None,
    title: str | None = None,
) -> Axes:
    """Biplot of a :class:`PerceptualMap`: brands as points, attributes as arrows (PCA) or
    triangles (CA). Arrows are stretched by one common factor to fit the brands' range.

    Examples
    --------
    >>> r = pd.DataFrame({"price": [2, 4, 6], "taste": [6, 4, 3], "speed": [1, 5, 2]},
    ...                  index=["A", "B", "C"])
    >>> ax = plot_perceptual_map(perceptual_map(r), highlight="A")
    >>> ax.get_xlabel()
    'dimension 1 (72.3 % of variance)'
    """
    import matplotlib.pyplot as plt

    if not isinstance(pmap, PerceptualMap):
        raise TypeError(
            f"`pmap` must be the result of stp.perceptual_map(...), not {type(pmap).__name__}."
        )
    if pmap.coordinates.shape[1] < 2:
        raise ValueError("The map has one dimension only; call perceptual_map(..., n_components=2).")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 6.5))
    xy = pmap.coordinates.iloc[:, :2].to_numpy()
    ld = pmap.loadings.iloc[:, :2].to_numpy()
    what = "variance" if pmap.method == "pca" else "inertia"
    arrow, words = colour("ink", alpha=0.55), colour("ink", alpha=0.7)  # greys: the attributes
    if pmap.method == "pca":
        factor = 0.9 * np.abs(xy).max() / max(np.abs(ld).max(), 1e-12)
        ld = ld * factor
        for (lx, ly), name in zip(ld, pmap.loadings.index, strict=True):
            ax.annotate("", xy=(lx, ly), xytext=(0, 0),
                        arrowprops={"arrowstyle": "->", "color": arrow, "lw": 1.2})
            ax.text(lx * 1.08, ly * 1.08, str(name), color=words, fontsize=10,
                    ha="center", va="center")
    else:
        ax.scatter(ld[:, 0], ld[:, 1], marker="^", color=arrow,
                   label=pick({"en": "attributes", "zh": "属性"}))
        for (lx, ly), name in zip(ld, pmap.loadings.index, strict=True):
            ax.text(lx, ly, f" {name}", color=words, fontsize=10, va="bottom")
    colours = [colour("accent") if str(b) == str(highlight) else colour("main")
               for b in pmap.coordinates.index]
    ax.scatter(xy[:, 0], xy[:, 1], s=80, c=colours, zorder=3)
    for (bx, by), name in zip(xy, pmap.coordinates.index, strict=True):
        mine = str(name) == str(highlight)
        ax.text(bx, by, f"  {name}", fontsize=13 if mine else 11,
                color=colour("accent") if mine else colour("ink"), va="center", zorder=4)
    every = np.vstack([xy, ld * 1.15])
    pad = 0.08 * np.ptp(every, axis=0)
    ax.set_xlim(every[:, 0].min() - pad[0], every[:, 0].max() + 2.5 * pad[0])
    ax.set_ylim(every[:, 1].min() - pad[1], every[:, 1].max() + pad[1])
    ax.axhline(0, color=colour("ink", alpha=0.2), lw=0.8, zorder=0)
    ax.axvline(0, color=colour("ink", alpha=0.2), lw=0.8, zorder=0)
    ex = pmap.explained
    what_zh = "方差" if pmap.method == "pca" else "惯量"
    for i, set_label in enumerate((ax.set_xlabel, ax.set_ylabel)):
        set_label(pick({"en": f"dimension {i + 1} ({ex.iloc[i]:.1%} of {what})".replace("%", " %"),
                        "zh": f"维度 {i + 1}（解释{what_zh}的 {ex.iloc[i]:.1%}）"}))
    label = pick({"en": "PCA biplot", "zh": "PCA 双标图"} if pmap.method == "pca"
                 else {"en": "correspondence analysis", "zh": "对应分析"})
    ax.set_title(title or pick({"en": f"Perceptual map ({label})", "zh": f"感知图（{label}）"}))
    return ax
