"""The kit's house style for charts, with Chinese labels that render everywhere.

:func:`use_style` registers a bundled subset of Noto Sans SC (SIL OFL 1.1; GB2312 + ASCII and
common symbols) and puts it first in ``font.sans-serif``, so a chart titled 客户价值 renders on
any machine, with no missing-glyph warnings, even without a Chinese font installed.

Examples
--------
>>> from coursekit.plotting import use_style
>>> use_style()
>>> import matplotlib as mpl
>>> mpl.rcParams["font.sans-serif"][0]
'Noto Sans SC CourseKit'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONT_FILE = Path(__file__).with_name("fonts") / "NotoSansSC-CourseKit.otf"
FONT_NAME = "Noto Sans SC CourseKit"

#: Okabe & Ito (2008) colour-blind-safe palette (black moved last).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: The house colours by role: chart helpers take their colours from here, never a hex code.
COLOURS = {
    "main": PALETTE[0],     # blue: the data, positive effects
    "accent": PALETTE[3],   # vermillion: targets, problems, negative effects, "act here"
    "good": PALETTE[2],     # bluish green: on target, value-adding
    "warn": PALETTE[1],     # orange: waiting, inventory, "watch"
    "muted": "#7f7f7f",     # grey: context, low priority
    "ink": PALETTE[7],      # black: text and reference lines
    "reference": "#808080",  # grey: lines to compare with (random model, equality, 80 %, means)
}

#: Words that charts in both editions share (canonical terms of docs/glossary.md).
PERIOD_ZH = {"days": "天", "weeks": "周", "months": "月", "quarters": "季度", "years": "年",
             "periods": "期"}


def periods_label(name: object, default: str = "periods") -> str:
    """An axis label for a table's period columns (``months_since_acquisition`` …) in the
    current language (:func:`coursekit.get_language`).

    Examples
    --------
    >>> from coursekit import set_language
    >>> periods_label("months_since_acquisition")
    'months since acquisition'
    >>> set_language("zh"); periods_label("months_since_acquisition"); set_language("en")
    '获客后的月数'
    """
    from ._lang import pick

    text = str(name or default)
    unit = next((w for w in PERIOD_ZH if text.startswith(w)), "periods")
    since = "since_acquisition" in text or "since acquisition" in text
    zh = (f"获客后的{PERIOD_ZH[unit]}数" if since else f"{PERIOD_ZH[unit]}数") if unit != "periods" \
        else ("获客后的期数" if since else "期数")
    return pick({"en": text.replace("_", " "), "zh": zh})


def colour(role: str, alpha: float | None = None) -> str | tuple[float, float, float, float]:
    """The house colour for ``role`` (a key of :data:`COLOURS`), optionally as a light tint.

    Examples
    --------
    >>> colour("main")
    '#0072B2'
    >>> [round(v, 2) for v in colour("main", alpha=0.2)]
    [0.8, 0.89, 0.94, 1.0]
    """
    hexcode = COLOURS[role]
    if alpha is None:
        return hexcode
    rgb = [int(hexcode[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return (*(1 - alpha + alpha * c for c in rgb), 1.0)  # the tint on white, opaque


def register_font() -> str:
    """Register the bundled Chinese font with matplotlib and return its family name.

    Examples
    --------
    >>> register_font()
    'Noto Sans SC CourseKit'
    """
    import dataclasses

    from matplotlib import font_manager

    fm = font_manager.fontManager
    if FONT_NAME not in {f.name for f in fm.ttflist}:
        fm.addfont(str(FONT_FILE))
        regular = next(f for f in fm.ttflist if f.name == FONT_NAME)
        # The subset has one weight. Registering it for bold too means `fontweight="bold"`
        # draws regular glyphs instead of logging a findfont warning on every chart.
        fm.ttflist.append(dataclasses.replace(regular, weight=700))
        fm._findfont_cached.cache_clear()
    return FONT_NAME


def use_style(*, context: str = "notebook", font_scale: float = 1.0) -> None:
    """Apply the house style: readable sizes, colour-blind-safe colours, Chinese-capable font.

    Parameters
    ----------
    context : {"notebook", "projector"}
        ``"projector"`` makes every text and line larger for a classroom projector.
    font_scale : float
        Extra scaling of all text sizes.

    Examples
    --------
    >>> use_style(context="projector")
    >>> import matplotlib as mpl
    >>> mpl.rcParams["axes.titlesize"] > 14
    True
    >>> use_style()
    """
    import matplotlib as mpl
    from cycler import cycler

    if context not in ("notebook", "projector"):
        raise ValueError(f"context must be 'notebook' or 'projector', got {context!r}.")
    if not isinstance(font_scale, (int, float)) or isinstance(font_scale, bool) or font_scale <= 0:
        raise ValueError(f"font_scale must be a positive number, got {font_scale!r}.")
    name = register_font()
    scale = font_scale * (1.3 if context == "projector" else 1.0)
    sans = [name] + [f for f in mpl.rcParamsDefault["font.sans-serif"] if f != name]
    mpl.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": sans,
        "axes.unicode_minus": False,  # a plain hyphen-minus always renders
        "figure.figsize": (8.0, 4.8),
        "figure.dpi": 80,
        "savefig.dpi": 120,
        "savefig.bbox": "tight",
        "figure.constrained_layout.use": True,
        "font.size": 12 * scale,
        "axes.titlesize": 15 * scale,
        "axes.titleweight": "normal",  # the bundled font has one weight
        "figure.titleweight": "normal",
        "axes.labelsize": 12.5 * scale,
        "xtick.labelsize": 11 * scale,
        "ytick.labelsize": 11 * scale,
        "legend.fontsize": 11 * scale,
        "legend.frameon": False,
        "lines.linewidth": 2.2 * (1.2 if context == "projector" else 1.0),
        "lines.markersize": 7,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "grid.linestyle": "-",
        "image.cmap": "viridis",
    })


Words = str | dict[str, str]


def label(ax, *, title: Words, x: Words | None = None, y: Words | None = None):
    """Set a chart's title and axis labels in one call (units belong in the labels).

    Each text is a string or ``{"en": ..., "zh": ...}``: the edition's language is picked
    (:func:`coursekit.get_language`), so a chart helper writes its words in both languages once.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = label(ax, title="Spend per member", x="members (%)", y="spend (CNY)")
    >>> ax.get_title()
    'Spend per member'
    >>> plt.close(fig)
    """
    from ._lang import pick

    ax.set_title(pick(title))
    if x is not None:
        ax.set_xlabel(pick(x))
    if y is not None:
        ax.set_ylabel(pick(y))
    return ax


def font_renders(text: str = "客户满意度 −12%") -> bool:
    """True when every character of ``text`` has a glyph in the font matplotlib will use.

    Examples
    --------
    >>> use_style()
    >>> font_renders("客户满意度")
    True
    """
    import matplotlib as mpl
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    register_font()
    path = font_manager.findfont(font_manager.FontProperties(family=mpl.rcParams["font.sans-serif"]))
    font = FT2Font(path)
    cmap = font.get_charmap()
    return all(ord(ch) in cmap for ch in text if not ch.isspace())


def deprecated_alias(func: Any, old: str) -> Any:
    """``old`` as a deprecated name of ``func``: it works, and warns once per call site.

    Examples
    --------
    >>> import warnings
    >>> old = deprecated_alias(abs, "absolute")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     old(-2), caught[0].category.__name__
    (2, 'DeprecationWarning')
    """
    import functools
    import warnings

    @functools.wraps(func)
    def alias(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(f"{old}() is now called {func.__name__}(); the old name will be removed.",
                      DeprecationWarning, stacklevel=2)
        return func(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old
    alias.__doc__ = f"Deprecated name of :func:`{func.__name__}` (same arguments)."
    alias.__deprecated__ = func.__name__
    return alias
