"""ACSI-style satisfaction models: PLS path modelling (PLS-PM), the estimation behind ACSI and ECSI.

Written in NumPy for the kit: the only Python package for it, ``plspm``, does not work with
pandas 3. The algorithm follows Lohmöller (1989) as implemented in the R package ``plspm``
(Sanchez 2013), and the tests check that it reproduces that package's published results on the
ECSI mobile-phone survey. Public entry point: :func:`pls_path` (also importable from
``coursekit.satisfaction`` and, under its old name, ``coursekit._pls``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_whole,
    require_choice,
    require_columns,
    require_frame,
    require_numeric,
)

from ._lang import pick
from .plotting import colour

__all__ = ["PLSResult", "pls_path"]

SCHEMES = ("centroid", "factorial", "path")


@dataclass(frozen=True)
class PLSResult:
    """The estimates of a PLS path model (returned by :func:`pls_path`).

    Attributes
    ----------
    path_coefs : DataFrame
        Path coefficients, one row per *target* latent and one column per *source* latent
        (``path_coefs.loc["SAT", "QUAL"]`` is the arrow QUAL → SAT); 0 where there is no arrow.
        They are standardised regression coefficients: +1 standard deviation in the source
        moves the target by that many standard deviations, the other sources held fixed.
    paths : DataFrame
        The same arrows as a tidy table: ``source``, ``target``, ``coefficient``.
    r2 : Series
        R² of every endogenous latent (the share of its variance its sources explain).
    outer : DataFrame
        One row per item: ``latent``, ``weight`` (outer weight on the item's own scale, as
        plspm reports it), ``loading`` (correlation of item and latent score),
        ``communality`` (loading²) and ``redundancy`` (communality × R² of its latent).
    effects : DataFrame
        ``source``, ``target``, ``direct``, ``indirect`` and ``total`` effects.
    scores : DataFrame
        Latent variable scores, standardised (mean 0, variance 1 dividing by *n*).
    index : DataFrame
        The scores on a 0–100 scale as the ACSI reports them: the weighted average of the
        block's raw answers, with the outer weights rescaled to the raw item scale and to sum
        to 1, mapped from ``item_range`` to 0–100. ``NaN`` for a block with a negative weight.
    gof : float
        Goodness of fit: √(mean communality of multi-item blocks × mean R²).
    iterations : int
        Iterations until the outer weights changed by less than ``tol``.
    scheme : str
        Inner weighting scheme used.
    scaled : bool
        Whether the items were standardised before estimation.
    """

    path_coefs: pd.DataFrame
    paths: pd.DataFrame
    r2: pd.Series
    outer: pd.DataFrame
    effects: pd.DataFrame
    scores: pd.DataFrame
    index: pd.DataFrame
    gof: float
    iterations: int
    scheme: str
    scaled: bool
    blocks: dict[str, list[str]] = field(repr=False)

    def __repr__(self) -> str:
        arrows = ", ".join(
            f"{r.source}→{r.target} {r.coefficient:+.2f}" for r in self.paths.itertuples()
        )
        return pick({
            "en": f"PLSResult({len(self.blocks)} latents, scheme={self.scheme!r}, "
                  f"GoF={self.gof:.3f}; {arrows})",
            "zh": f"PLSResult（{len(self.blocks)} 个潜变量，scheme={self.scheme!r}，"
                  f"GoF={self.gof:.3f}；{arrows}）",
        })

    def plot(self, ax: Any = None) -> Any:
        """Horizontal bar chart of the path coefficients; returns the matplotlib ``Axes``."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 0.45 * len(self.paths) + 1.2))
        labels = [f"{s} → {t}" for s, t in zip(self.paths["source"], self.paths["target"], strict=True)]
        values = self.paths["coefficient"].to_numpy()
        colors = [colour("main") if v >= 0 else colour("accent") for v in values]
        ax.barh(labels[::-1], values[::-1], color=colors[::-1])
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_title(pick({"en": "PLS path coefficients", "zh": "PLS 路径系数"}))
        ax.set_xlabel(pick({
            "en": "standardised path coefficient (SD change in target per SD of source)",
            "zh": "标准化路径系数（原因变量每变化一个标准差，结果变量变化的标准差数）"}))
        ax.set_ylabel(pick({"en": "arrow (source → target)", "zh": "路径（原因 → 结果）"}))
        return ax

    def diagram(
        self, ax: Any = None, *, positions: Mapping[str, tuple[float, float]] | None = None
    ) -> Any:
        """Path diagram: latents as boxes (with R²), arrows labelled with path coefficients.

        ``positions`` maps latent → (x, y); by default latents are placed left to right by
        their depth in the model. Returns the matplotlib ``Axes``.
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(9, 5))
        pos = dict(positions) if positions is not None else self._layout()
        missing = [lat for lat in self.blocks if lat not in pos]
        if missing:
            raise ValueError(f"`positions` has no (x, y) for latent(s) {missing}.")
        for r in self.paths.itertuples():
            (x0, y0), (x1, y1) = pos[r.source], pos[r.target]
            color = colour("main") if r.coefficient >= 0 else colour("accent")
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops={
                "arrowstyle": "-|>", "color": color, "lw": 1 + 5 * abs(r.coefficient),
                "shrinkA": 30, "shrinkB": 30})
            lx, ly = x0 + 0.4 * (x1 - x0), y0 + 0.4 * (y1 - y0)  # 40 %: crossing arrows differ
            ax.text(lx, ly, f"{r.coefficient:+.2f}", ha="center",
                    va="center", bbox={"boxstyle": "round", "fc": "white", "ec": color})
        for lat, (x, y) in pos.items():
            label = lat + (f"\nR² = {self.r2[lat]:.2f}" if lat in self.r2.index else "")
            ax.text(x, y, label, ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.6", "fc": colour("main", alpha=0.1), "ec": colour("main")})
        xs, ys = zip(*pos.values(), strict=True)
        ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
        ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
        ax.axis("off")
        ax.set_title(pick({
            "en": "PLS path model: standardised path coefficients (arrows) and R² (boxes)",
            "zh": "偏最小二乘路径模型：标准化路径系数（箭头）与决定系数 R²（方框）"}))
        return ax

    def _layout(self) -> dict[str, tuple[float, float]]:
        depth = {lat: 0 for lat in self.blocks}
        for _ in self.blocks:  # longest-path depth; the model has no cycles
            for r in self.paths.itertuples():
                depth[r.target] = max(depth[r.target], depth[r.source] + 1)
        pos: dict[str, tuple[float, float]] = {}
        for d in sorted(set(depth.values())):
            layer = [lat for lat in self.blocks if depth[lat] == d]
            for i, lat in enumerate(layer):
                pos[lat] = (float(d), (len(layer) - 1) / 2 - i)
        return pos


# ----------------------------------------------------------------------------- validation


def _check_blocks(data: pd.DataFrame, blocks: Any) -> dict[str, list[str]]:
    if not isinstance(blocks, Mapping) or len(blocks) == 0:
        raise TypeError(
            "`blocks` must map each latent variable to its list of columns, e.g. "
            "{'QUAL': ['qual1', 'qual2'], 'SAT': ['acsi1', 'acsi2']}, "
            f"but got {type(blocks).__name__} {blocks!r:.60}."
        )
    out: dict[str, list[str]] = {}
    seen: dict[str, str] = {}
    for latent, cols in blocks.items():
        cols = [cols] if isinstance(cols, str) else list(cols)
        if not cols:
            raise ValueError(
                f"Block {latent!r} in `blocks` has no columns. Give each latent at least one "
                "survey item."
            )
        require_columns(data, cols, name="data")
        require_numeric(data, cols, name="data")
        for c in cols:
            if c in seen:
                raise ValueError(
                    f"Column {c!r} is listed in two blocks ({seen[c]!r} and {latent!r}). "
                    "Each item measures one latent variable only."
                )
            seen[c] = latent
            values = data[c].to_numpy(dtype=float)
            if len(values) and values.min() == values.max():  # constant (no NaN: checked)
                raise ValueError(
                    f"Column {c!r} (block {latent!r}) has the same value in every row, so it "
                    "carries no information. Drop it from the block."
                )
        out[str(latent)] = cols
    return out


def _check_paths(paths: Any, latents: list[str]) -> np.ndarray:
    """Inner design matrix ``D`` with ``D[i, j] = 1`` when latent j → latent i."""
    k = len(latents)
    pos = {name: i for i, name in enumerate(latents)}
    design = np.zeros((k, k))
    if isinstance(paths, pd.DataFrame):
        unknown = [str(x) for x in [*paths.index, *paths.columns] if x not in pos]
        if unknown:
            raise ValueError(
                f"The `paths` matrix names latent(s) {sorted(set(unknown))} that have no block. "
                f"Latents with blocks: {latents}. Add a block for each or fix the spelling."
            )
        vals = paths.to_numpy()
        if not np.isin(vals, (0, 1)).all():
            raise ValueError(
                "The `paths` matrix must hold only 0 and 1 (1 where the column latent points "
                "to the row latent)."
            )
        for target in paths.index:
            for source in paths.columns:
                if paths.loc[target, source] == 1:
                    design[pos[target], pos[source]] = 1
    elif isinstance(paths, Mapping):
        for target, sources in paths.items():
            sources = [sources] if isinstance(sources, str) else list(sources)
            for name in [target, *sources]:
                if name not in pos:
                    raise ValueError(
                        f"Latent {name!r} in `paths` has no block. Latents with blocks: "
                        f"{latents}. Add {name!r}: [its columns] to `blocks` or fix the spelling."
                    )
            for source in sources:
                design[pos[target], pos[source]] = 1
    else:
        raise TypeError(
            "`paths` must map each latent to the list of latents that point to it, e.g. "
            "{'SAT': ['QUAL', 'VAL'], 'LOY': ['SAT']}, or be a 0/1 DataFrame "
            f"(rows = targets, columns = sources); got {type(paths).__name__}."
        )
    if design.sum() == 0:
        raise ValueError("`paths` has no arrows. Give at least one, e.g. {'SAT': ['QUAL']}.")
    cycle = _find_cycle(design, latents)
    if cycle:
        raise ValueError(
            "`paths` contain a cycle: " + " → ".join(cycle) + ". A PLS path model must be "
            "recursive (no feedback loops); remove one of these arrows."
        )
    lonely = [latents[i] for i in range(k) if design[i].sum() + design[:, i].sum() == 0]
    if lonely:
        raise ValueError(
            f"Latent(s) {lonely} have a block but no arrow in `paths`. Connect them to the "
            "model or remove their blocks."
        )
    return design


def _find_cycle(design: np.ndarray, latents: list[str]) -> list[str]:
    """A cycle in the graph (source j → target i when design[i, j] == 1), or []."""
    k = len(latents)
    state = [0] * k  # 0 new, 1 on stack, 2 done
    stack: list[int] = []

    def visit(j: int) -> list[str]:
        state[j] = 1
        stack.append(j)
        for i in np.flatnonzero(design[:, j]):
            if state[i] == 1:
                loop = stack[stack.index(i):] + [i]
                return [latents[x] for x in loop]
            if state[i] == 0:
                found = visit(int(i))
                if found:
                    return found
        stack.pop()
        state[j] = 2
        return []

    for j in range(k):
        if state[j] == 0:
            found = visit(j)
            if found:
                return found
    return []


def _item_ranges(
    item_range: Any, blocks: dict[str, list[str]], raw: pd.DataFrame
) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for latent, cols in blocks.items():
        rng = item_range.get(latent) if isinstance(item_range, Mapping) else item_range
        if rng is None:
            lo, hi = float(raw[cols].min().min()), float(raw[cols].max().max())
        else:
            try:
                lo, hi = (float(v) for v in rng)
            except (TypeError, ValueError) as exc:
                raise TypeError(
                    "`item_range` must be (lowest, highest) answer, e.g. (1, 10), or a mapping "
                    f"latent → (lowest, highest); got {rng!r} for {latent!r}."
                ) from exc
            if not hi > lo:
                raise ValueError(
                    f"`item_range` for {latent!r} must have lowest < highest, got {rng!r}."
                )
        out[latent] = (lo, hi)
    return out


# ----------------------------------------------------------------------------- algorithm


def _inner_weights(scheme: str, design: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Inner weight matrix E (k × k); column j builds the inner estimate of latent j."""
    corr = np.corrcoef(y, rowvar=False)
    link = design + design.T
    if scheme == "centroid":
        return np.sign(corr * link)
    if scheme == "factorial":
        return corr * link
    e = np.zeros_like(design)  # path scheme (Lohmöller)
    for j in range(design.shape[0]):
        preds = np.flatnonzero(design[j])
        if preds.size:  # predecessors: multiple-regression coefficients of j on them
            e[preds, j] = np.linalg.lstsq(y[:, preds], y[:, j], rcond=None)[0]
        succ = np.flatnonzero(design[:, j])
        if succ.size:  # successors: correlations
            e[succ, j] = corr[j, succ]
    return e


def _outer_weights(
    x: np.ndarray, odm: np.ndarray, design: np.ndarray, scheme: str, tol: float, max_iter: int
) -> tuple[np.ndarray, int]:
    """Lohmöller's iteration, Mode A for every block; mirrors R plspm's get_weights()."""
    n = x.shape[0]
    sdv = np.sqrt((n - 1) / n)
    w = odm / (np.std(x @ odm, axis=0, ddof=1) * sdv)
    w_old = w.sum(axis=1)
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        y = x @ w
        y = (y - y.mean(axis=0)) / np.std(y, axis=0, ddof=1) * sdv
        z = y @ _inner_weights(scheme, design, y)
        w = odm * (x.T @ z) / n  # Mode A: covariance of each item with its inner estimate
        w_new = w.sum(axis=1)
        if np.sum((np.abs(w_old) - np.abs(w_new)) ** 2) < tol:
            break
        w_old = w_new
    else:
        raise ValueError(
            f"The PLS algorithm did not converge in {max_iter} iterations. Check that every "
            "block's items point the same way (reverse-code negative items) or raise max_iter."
        )
    norm = np.std(x @ w, axis=0, ddof=1) * sdv
    if np.any(norm == 0):
        raise ValueError("A latent variable got zero weights; check its block and its arrows.")
    return w / norm, iteration


def pls_path(
    data: pd.DataFrame,
    blocks: Mapping[str, Sequence[str]],
    paths: Mapping[str, Sequence[str]] | pd.DataFrame,
    *,
    scheme: str = "centroid",
    scaled: bool = False,
    item_range: tuple[float, float] | Mapping[str, tuple[float, float]] | None = None,
    tol: float = 1e-6,
    max_iter: int = 100,
) -> PLSResult:
    """Estimate a PLS path model (partial least squares path modelling, PLS-PM).

    This is the method the American and European customer satisfaction indices (ACSI, ECSI)
    use: each latent variable (expectations, perceived quality, satisfaction …) is a weighted
    sum of its survey items, the weights are found by Wold's / Lohmöller's iterative algorithm
    (Mode A outer estimation), and the path coefficients are regressions between the latent
    scores. Written in NumPy (the Python ``plspm`` package does not work with pandas 3); it
    reproduces the R package plspm (Sanchez 2013), whose conventions it follows.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric answers, no missing values.
    blocks : mapping
        Latent variable → list of its columns (its "block" of items), e.g.
        ``{"QUAL": ["qual1", "qual2", "qual3"], "SAT": ["acsi1", "acsi2"]}``. Every block is
        reflective (Mode A). The order of the keys is the order of the results.
    paths : mapping or DataFrame
        The inner (structural) model. A mapping latent → list of the latents that point to it
        (its predecessors), e.g. ``{"SAT": ["EXPE", "QUAL"], "LOY": ["SAT"]}``; latents that
        are not keys are exogenous. Or a 0/1 DataFrame with latents as index and columns and a
        1 where the *column* latent points to the *row* latent (plspm's ``path_matrix``).
        The model must have no cycles and every latent must have at least one arrow.
    scheme : {"centroid", "factorial", "path"}, keyword-only
        Inner weighting scheme: the sign of the correlation (centroid, Wold's original and
        plspm's default), the correlation itself (factorial), or regression weights for
        predecessors and correlations for successors (path). Results differ only slightly.
    scaled : bool, keyword-only
        ``False`` (default, as the ACSI and plspm's ECSI example): items are only centred, so
        items with more spread weigh more. ``True``: items are standardised first (variance
        computed with *n*), use it when items are on different scales. Either way the latent
        scores are standardised, exactly as plspm does.
    item_range : (low, high) or mapping latent → (low, high), optional, keyword-only
        Lowest and highest possible answer, used for the 0–100 index, e.g. ``(1, 10)``.
        Default (and for latents missing from a mapping): the lowest and highest answer
        observed in the block.
    tol, max_iter : keyword-only
        Convergence tolerance on the change of the outer weights, and the iteration limit
        (plspm's defaults).

    Returns
    -------
    PLSResult
        ``path_coefs``, ``paths``, ``r2``, ``outer`` (weights, loadings, communality,
        redundancy), ``effects``, ``scores`` (standardised), ``index`` (0–100), ``gof``.
        Unlike plspm, a block whose items all point the wrong way has its weights' sign flipped
        together with its score, so weights and loadings always agree.

    Raises
    ------
    ValueError
        Unknown or non-numeric columns, missing values, a constant item, an item in two blocks,
        a latent in ``paths`` without a block, a latent without arrows, a cycle, an unknown
        scheme, no convergence.
    TypeError
        ``data`` is not a DataFrame, or ``blocks`` / ``paths`` have the wrong form.

    Notes
    -----
    Outer estimate of latent *j*: :math:`y_j = X_j w_j`, standardised. Inner estimate:
    :math:`z_j = \\sum_i e_{ij} y_i` over the latents linked to *j*. Mode A update:
    :math:`w_j = X_j^\\top z_j / n`. Repeat until the weights stop changing; then regress each
    endogenous score on its predecessors' scores. The 0–100 index of a block is
    :math:`100\\,(\\sum_h \\tilde w_h x_h - \\text{low}) / (\\text{high} - \\text{low})` with the
    raw-scale weights :math:`\\tilde w_h` rescaled to sum to 1 (Fornell et al. 1996).

    References
    ----------
    Lohmöller, J.-B. (1989). *Latent Variable Path Modeling with Partial Least Squares*.
    Tenenhaus, M., Esposito Vinzi, V., Chatelin, Y.-M. & Lauro, C. (2005). PLS path modeling.
    *Computational Statistics & Data Analysis* 48, 159–205.
    Sanchez, G. (2013). *PLS Path Modeling with R*. Trowchez Editions.
    Fornell, C. et al. (1996). The American Customer Satisfaction Index. *Journal of
    Marketing* 60(4), 7–18.

    Examples
    --------
    >>> from coursekit import datasets
    >>> survey = datasets.load("coffee_survey")
    >>> blocks = {"QUAL": ["qual1", "qual2", "qual3"], "VAL": ["val1", "val2"],
    ...           "SAT": ["acsi1", "acsi2", "acsi3"]}
    >>> model = pls_path(survey, blocks, {"VAL": ["QUAL"], "SAT": ["QUAL", "VAL"]},
    ...                  item_range=(1, 10))
    >>> model.paths.round(2)
      source target  coefficient
    0   QUAL    VAL         0.58
    1   QUAL    SAT         0.51
    2    VAL    SAT         0.32
    >>> round(float(model.r2["SAT"]), 2)
    0.54
    >>> model.index.mean().round(1).tolist()
    [70.0, 63.3, 64.4]
    """
    require_frame(data, name="data")
    scheme = require_choice(scheme, name="scheme", choices=SCHEMES)
    if not isinstance(scaled, (bool, np.bool_)):
        raise TypeError(f"`scaled` must be True or False, got {scaled!r}.")
    max_iter = as_whole(max_iter, name="max_iter", low=1)
    if not (isinstance(tol, (int, float)) and tol > 0):
        raise ValueError(f"`tol` must be a small positive number such as 1e-6, got {tol!r}.")
    clean = _check_blocks(data, blocks)
    latents = list(clean)
    design = _check_paths(paths, latents)
    n = len(data)
    if n < 3:
        raise ValueError(f"`data` has {n} row(s); PLS path modelling needs at least 3.")
    items = [c for cols in clean.values() for c in cols]
    ranges = _item_ranges(item_range, clean, data)

    raw = data[items].to_numpy(dtype=float)  # a copy: the caller's frame is never touched
    x = raw - raw.mean(axis=0)
    item_sd = raw.std(axis=0)  # divides by n, as plspm
    if scaled:
        x = x / item_sd
    odm = np.zeros((len(items), len(latents)))
    pos = 0
    for j, cols in enumerate(clean.values()):
        odm[pos:pos + len(cols), j] = 1
        pos += len(cols)

    w, iterations = _outer_weights(x, odm, design, scheme, tol, max_iter)
    scores = x @ w
    xcor = _corr(x, scores)
    sign = np.sign((np.sign(xcor) * odm).sum(axis=0))
    sign[sign == 0] = -1
    w = w * sign
    scores = scores * sign
    xcor = xcor * sign

    k = len(latents)
    coefs = np.zeros((k, k))
    r2 = np.zeros(k)
    for i in range(k):
        preds = np.flatnonzero(design[i])
        if preds.size:
            beta = np.linalg.lstsq(scores[:, preds], scores[:, i], rcond=None)[0]
            coefs[i, preds] = beta
            resid = scores[:, i] - scores[:, preds] @ beta
            r2[i] = 1 - resid @ resid / (scores[:, i] @ scores[:, i])
    endo = design.sum(axis=1) > 0

    loading = (xcor * odm).sum(axis=1)
    communality = loading**2
    block_of = odm.argmax(axis=1)
    outer = pd.DataFrame(
        {
            "latent": [latents[b] for b in block_of],
            "weight": (w * odm).sum(axis=1),
            "loading": loading,
            "communality": communality,
            "redundancy": communality * r2[block_of],
        },
        index=pd.Index(items, name="item"),
    )
    multi = np.array([odm[:, b].sum() > 1 for b in block_of])
    gof = float(np.sqrt(communality[multi].mean() * r2[endo].mean())) if multi.any() else np.nan

    path_coefs = pd.DataFrame(coefs, index=latents, columns=latents)
    arrows = [(latents[j], latents[i], coefs[i, j]) for i in range(k) for j in range(k)
              if design[i, j]]
    tidy = pd.DataFrame(arrows, columns=["source", "target", "coefficient"])
    total = np.linalg.inv(np.eye(k) - coefs) - np.eye(k)
    eff = [
        (latents[j], latents[i], coefs[i, j], total[i, j] - coefs[i, j], total[i, j])
        for j in range(k) for i in range(k)
        if i != j and (design[i, j] or abs(total[i, j]) > 0)
    ]
    effects = pd.DataFrame(eff, columns=["source", "target", "direct", "indirect", "total"])

    index = _index(raw, w, odm, scaled, item_sd, latents, ranges)
    return PLSResult(
        path_coefs=path_coefs,
        paths=tidy,
        r2=pd.Series(r2[endo], index=[lat for lat, e in zip(latents, endo, strict=True) if e], name="r2"),
        outer=outer,
        effects=effects,
        scores=pd.DataFrame(scores, index=data.index, columns=latents),
        index=pd.DataFrame(index, index=data.index, columns=latents),
        gof=gof,
        iterations=iterations,
        scheme=scheme,
        scaled=bool(scaled),
        blocks=clean,
    )


def _corr(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Correlations between the columns of x (p) and of y (k): a p × k matrix."""
    xs = (x - x.mean(axis=0)) / x.std(axis=0)
    ys = (y - y.mean(axis=0)) / y.std(axis=0)
    return xs.T @ ys / len(x)


def _index(
    raw: np.ndarray,
    w: np.ndarray,
    odm: np.ndarray,
    scaled: bool,
    item_sd: np.ndarray,
    latents: list[str],
    ranges: dict[str, tuple[float, float]],
) -> np.ndarray:
    """ACSI-style 0–100 scores from raw answers and weights rescaled to the raw scale."""
    raw_w = (w * odm).sum(axis=1)
    if scaled:
        raw_w = raw_w / item_sd
    out = np.full((raw.shape[0], len(latents)), np.nan)
    for j, latent in enumerate(latents):
        mask = odm[:, j] == 1
        wj = raw_w[mask]
        if (wj < 0).any():
            continue
        wj = wj / wj.sum()
        lo, hi = ranges[latent]
        out[:, j] = (raw[:, mask] @ wj - lo) / (hi - lo) * 100
    return out
