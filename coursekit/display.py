"""Tables in the edition's language: Chinese column names and category values, for display only.

In the Chinese edition (``coursekit.set_language("zh")``) a DataFrame or Series shown as a cell's
result is displayed with Chinese column names, index names and (known) category values — the
data, the code and the numbers stay exactly as they are: ``df["revenue"]`` still works, and the
frame in memory keeps its English names. Only the *display* is relabelled, through IPython's
display formatters (``text/plain`` and ``text/html``, with pandas' own rendering and precision
options); ``set_language("en")`` removes them again, so the English edition's outputs are the
ones pandas prints.

The vocabulary is one data file, ``coursekit/zh_labels.toml`` (canonical terms of
``docs/glossary.md``): ``[columns]`` maps column and index names, ``[values]`` maps category
values. Names it does not know, numbers, dates and booleans stay as they are (booleans of the
columns listed in ``[yes_no]`` are shown 是 / 否). A column ``x_zh`` (Chinese text the kit put
next to ``x``) is shown in ``x``'s place, under ``x``'s label, and not twice. A table a helper
marks with ``attrs["zh_context"]`` reads its own ``[context.<name>]`` words first (a gains
table's ``positives`` are churners, not chapter 05's positive moments).

Most chapter tables are *printed* (``print(table.round(2))``, ``print(s.to_string())``), not
displayed. So that they read in Chinese too, :func:`install_formatters` also wraps pandas'
``DataFrame.to_string`` and ``Series.to_string`` (what ``print`` and ``repr`` use) with the same
relabelling, inside IPython only and only while the language is ``"zh"``
(``install_formatters(printed=False)`` leaves ``print`` alone).

Charts: the ``plot_*`` helpers put the data's words (categories, criteria, model names) through
:func:`zh_text`; a chart drawn in a notebook's own code (``ax.barh(weights.index, ...)``,
``frame.plot.bar()``) is rendered inside :class:`zh_chart` while the language is ``"zh"``
(``install_formatters(charts=False)`` leaves charts alone), which shows its known category tick
labels and legend entries in Chinese for that rendering only. English figures are untouched.

>>> import pandas as pd
>>> df = pd.DataFrame({"account_type": ["retailer", "distributor"], "revenue": [1.5, 2.0]})
>>> view = zh_view(df)
>>> list(view.columns), list(view["客户类型"])
(['客户类型', '营业收入'], ['零售商', '分销商'])
>>> list(df.columns)                     # the caller's frame is unchanged
['account_type', 'revenue']
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

__all__ = ["zh_view", "zh_label", "zh_labels", "zh_text", "zh_context", "zh_chart", "install_formatters", "remove_formatters"]

LABELS_FILE = Path(__file__).with_name("zh_labels.toml")

#: The pandas types each formatter is registered for (Series have no HTML of their own).
_TYPES = {"text/plain": ("DataFrame", "Series"), "text/html": ("DataFrame",)}
#: What was registered for those types before :func:`install_formatters` (restored on removal).
_saved: dict[tuple[str, str], Any] = {}
#: pandas' own ``to_string`` methods while they are wrapped (restored on removal).
_originals: dict[str, Any] = {}
#: matplotlib's own ``FigureCanvasBase.print_figure`` while it is wrapped (restored on removal).
_chart_originals: dict[str, Any] = {}


@functools.lru_cache(maxsize=1)
def zh_labels() -> dict[str, dict[str, str]]:
    """The vocabulary: ``{"columns": {english: 中文}, "values": {english: 中文}}``.

    Read once from ``coursekit/zh_labels.toml``.

    Examples
    --------
    >>> zh_labels()["columns"]["gross_margin"], zh_labels()["values"]["commuter"]
    ('毛利', '通勤族')
    """
    data = _load()
    return {"columns": dict(data.get("columns", {})), "values": dict(data.get("values", {}))}


@functools.lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    import tomllib

    with LABELS_FILE.open("rb") as fh:
        return tomllib.load(fh)


def zh_context(context: str | None) -> dict[str, str]:
    """The labels one kind of table uses instead of the general ones (``[context.<name>]``).

    A word can mean two things in two chapters: ``positives`` is 正的定义时刻 in chapter 05's
    moments of truth, but the positive class (the churners) in a gains table. A helper whose
    table needs its own words marks it with ``table.attrs["zh_context"] = "<name>"`` (attrs do
    not change the English output); :func:`zh_view` then reads ``[context.<name>]`` first.

    Examples
    --------
    >>> zh_context("gains")["positives"]
    '流失客户数'
    >>> zh_context(None), zh_context("no such table")
    ({}, {})
    """
    if not isinstance(context, str):
        return {}
    return dict(_load().get("context", {}).get(context, {}))


def zh_label(name: Any, *, kind: str = "columns", context: str | None = None) -> Any:
    """The Chinese label of one column name (``kind="columns"``) or category value (``"values"``).

    The other table is the fallback; a name in neither, a name ending in ``_zh`` and anything
    that is not text (numbers, dates, ``None``) are returned unchanged. A tuple (a MultiIndex
    label) is relabelled element by element. ``context`` names a kind of table whose own words
    (:func:`zh_context`) come first.

    Examples
    --------
    >>> zh_label("cost_to_serve"), zh_label("system integrator", kind="values")
    ('服务成本', '系统集成商')
    >>> zh_label("growth"), zh_label("growth", kind="values")   # same word, two meanings
    ('增长率', '形成期')
    >>> zh_label("not_in_the_vocabulary"), zh_label(2025), zh_label("segment_zh")
    ('not_in_the_vocabulary', 2025, 'segment_zh')
    >>> zh_label("positives"), zh_label("positives", context="gains")
    ('正的定义时刻', '流失客户数')
    """
    if isinstance(name, tuple):
        return tuple(zh_label(part, kind=kind, context=context) for part in name)
    if not isinstance(name, str) or name.endswith("_zh"):
        return name
    if kind not in ("columns", "values"):
        raise ValueError(f"kind must be 'columns' or 'values', but got {kind!r}.")
    own = zh_context(context)
    if name in own:
        return own[name]
    vocab = zh_labels()
    first, second = (vocab["columns"], vocab["values"]) if kind == "columns" else (
        vocab["values"], vocab["columns"])
    found = first.get(name, second.get(name))
    return found if found is not None else _feature_label(name)


#: scikit-learn's prefixes of a Pipeline's feature names (``get_feature_names_out``).
_SCALED = ("standardscaler", "minmaxscaler", "robustscaler")
_ONE_HOT = ("onehotencoder",)


def _feature_label(name: str) -> str:
    """A model's feature name in Chinese: ``onehotencoder__contract_True`` → 合约：是.

    ``standardscaler__tenure_months`` → 在网月数（标准化）. Names that are not such feature
    names, or whose column is not in the vocabulary, are returned as they are.

    Examples
    --------
    >>> _feature_label("onehotencoder__plan_fit_fits"), _feature_label("onehotencoder__city_Suzhou")
    ('套餐匹配：匹配', '城市：苏州')
    >>> _feature_label("standardscaler__tenure_months"), _feature_label("tenure_months")
    ('在网月数（标准化）', 'tenure_months')
    """
    prefix, sep, rest = name.partition("__")
    if not sep or not rest:
        return name
    columns = zh_labels()["columns"]
    if prefix in _SCALED and rest in columns:
        return f"{columns[rest]}（标准化）"
    if prefix in _ONE_HOT:
        cuts = [i for i, ch in enumerate(rest) if ch == "_"]
        for i in reversed(cuts):  # the longest known column name first (plan_fit before plan)
            column, value = rest[:i], rest[i + 1:]
            if column in columns and value:
                shown = {"True": "是", "False": "否"}.get(value, zh_label(value, kind="values"))
                return f"{columns[column]}：{shown}"
    return name


def zh_text(word: Any, *, kind: str = "values") -> Any:
    """A word from the data as a chart shows it: its Chinese label in ``"zh"``, itself otherwise.

    For the ``plot_*`` helpers and chart methods: tick labels, legend entries and data-derived
    words (a category, a criterion, a model's name) go through the Chinese vocabulary when the
    language is ``"zh"``; in English the word is returned as it is (English charts unchanged).
    Non-text values (numbers) are turned into text with ``str`` in both languages.

    Examples
    --------
    >>> from coursekit import set_language
    >>> zh_text("platinum"), zh_text("sales", kind="columns"), zh_text(3)
    ('platinum', 'sales', '3')
    >>> set_language("zh"); zh_text("platinum"), zh_text("sales", kind="columns"); set_language("en")
    ('铂金', '销售额')
    """
    from ._lang import get_language

    if get_language() != "zh":
        return word if isinstance(word, str) else str(word)
    out = zh_label(word, kind=kind)
    return out if isinstance(out, str) else str(out)


def _axis_kind(labels: Any, default: str) -> str:
    """Read a whole axis as column names or as category values, whichever it holds more of."""
    vocab = zh_labels()
    texts = [x for x in labels if isinstance(x, str)]
    as_columns = sum(x in vocab["columns"] for x in texts)
    as_values = sum(x in vocab["values"] for x in texts)
    if as_columns == as_values:
        return default
    return "columns" if as_columns > as_values else "values"


def _relabel_index(index: Any, default: str, context: str | None = None) -> Any:
    import pandas as pd

    if default == "columns" and context and not isinstance(index, pd.MultiIndex):
        own = zh_context(context)
        if any(isinstance(x, str) and x in own for x in index):
            return pd.Index([own.get(x, zh_label(x)) if isinstance(x, str) else x
                             for x in index], name=zh_label(index.name))
    names = [zh_label(n) for n in index.names]
    if isinstance(index, pd.MultiIndex):
        levels = []
        for level in index.levels:
            kind = _axis_kind(level, default)
            levels.append(level.map(lambda x, k=kind: zh_label(x, kind=k)))
        if all(new.is_unique for new in levels):
            return index.set_levels(levels).set_names(names)
        kinds = [_axis_kind(level, default) for level in index.levels]
        tuples = [tuple(zh_label(x, kind=k) for x, k in zip(t, kinds, strict=True))
                  for t in index]
        return pd.MultiIndex.from_tuples(tuples, names=names)
    if index.dtype.kind == "b" and index.name in _yes_no_columns():
        return pd.Index([_yes_no(x) for x in index], dtype=object, name=names[0])
    if index.dtype.kind in "biufcmM":  # numbers and dates: nothing to translate
        return index.set_names(names)
    kind = _axis_kind(index, default)
    if isinstance(index, pd.CategoricalIndex):
        new = index.rename_categories(lambda x: zh_label(x, kind=kind)) if (
            pd.Index([zh_label(x, kind=kind) for x in index.categories]).is_unique) else (
            pd.Index([zh_label(x, kind=kind) for x in index], dtype=object))
    else:
        new = pd.Index([zh_label(x, kind=kind) for x in index], dtype=index.dtype
                       if index.dtype == object else None)
    return new.set_names(names)


def _yes_no_columns() -> frozenset[str]:
    return frozenset(_load().get("yes_no", {}).get("columns", ()))


def _yes_no(value: Any) -> Any:
    """True / False as 是 / 否; anything else (missing values) as it is."""
    import numpy as np

    if isinstance(value, (bool, np.bool_)):
        return "是" if value else "否"
    return value


def _relabel_values(series: Any) -> Any:
    """The values of one column with the known category values in Chinese (a new Series)."""
    import pandas as pd

    if series.name in _yes_no_columns() and (series.dtype.kind == "b" or str(series.dtype)
                                             == "boolean"):
        return series.astype(object).map(_yes_no)
    if series.dtype.kind in "biufcmM" or (isinstance(series.name, str)
                                          and series.name.endswith("_zh")):
        return series
    vocab = zh_labels()["values"]
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = series.cat.categories
        if not any(isinstance(c, str) and c in vocab for c in cats):
            return series
        new = [zh_label(c, kind="values") for c in cats]
        if len(set(new)) == len(new):
            return series.cat.rename_categories(new)
        return series.astype(object).map(lambda v: zh_label(v, kind="values"))
    try:
        found = any(isinstance(v, str) and v in vocab for v in series.unique())
    except TypeError:  # unhashable cells (lists): leave the column alone
        return series
    if not found:
        return series
    return series.map(lambda v: zh_label(v, kind="values"))


def _merge_zh_columns(out: Any) -> tuple[Any, set[str]]:
    """Show a ``x_zh`` column (Chinese text the kit added) in place of ``x`` (a new frame).

    With a column ``x`` (or an index named ``x``) as well, ``x_zh``'s values replace ``x``'s and
    ``x_zh`` is dropped; a ``x_zh`` column alone is renamed ``x`` (shown under ``x``'s label).
    The frame passed in is a copy already; nothing else changes. Returns the frame and the names
    of the columns that now hold Chinese text (not to be relabelled again).
    """
    import pandas as pd

    chinese: set[str] = set()
    if isinstance(out.columns, pd.MultiIndex) or not out.columns.is_unique:
        return out, chinese
    for name in [c for c in out.columns if isinstance(c, str) and c.endswith("_zh")]:
        base = name[:-3]
        values = out[name]
        if base in out.columns:
            out[base] = values.where(values.notna(), out[base].astype(object)).to_numpy()
            out = out.drop(columns=name)
            chinese.add(base)
        elif (not isinstance(out.index, pd.MultiIndex) and out.index.name == base
              and values.notna().all()):
            out = out.drop(columns=name)
            out.index = pd.Index(values.to_numpy(), name=base)
        else:
            out = out.rename(columns={name: base})
            chinese.add(base)
    return out, chinese


def zh_view(obj: Any) -> Any:
    """A relabelled *copy* of a DataFrame or Series for display in the Chinese edition.

    Column names, index names, index labels and the known category values in text and category
    columns are replaced by their Chinese labels (``coursekit/zh_labels.toml``); the numbers,
    dates, booleans and unknown names are kept. A column ``x_zh`` (Chinese text the kit added next
    to ``x``) is shown *as* ``x``: its values under ``x``'s label, in ``x``'s place (or as the
    index, when the index is ``x``), and not twice. A table a helper marked with
    ``attrs["zh_context"]`` uses that table's own words first (:func:`zh_context`). The caller's
    object is never modified. Anything that is not a DataFrame or Series is returned as it is.

    Parameters
    ----------
    obj
        A pandas DataFrame or Series (anything else is returned unchanged).

    Returns
    -------
    DataFrame or Series
        A new object with Chinese labels and the same numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"visitor_type": ["commuter", "remote worker", "commuter"],
    ...                    "price_cny": [18.0, 32.0, 18.0]})
    >>> means = df.groupby("visitor_type")["price_cny"].mean()
    >>> view = zh_view(means)
    >>> view.index.name, list(view.index), view.name, list(view)
    ('顾客类型', ['通勤族', '远程办公者'], '价格（元）', [18.0, 32.0])
    >>> means.index.name, list(means.index)          # unchanged
    ('visitor_type', ['commuter', 'remote worker'])
    >>> zh_view(df)["顾客类型"].tolist()
    ['通勤族', '远程办公者', '通勤族']
    """
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        out, chinese = _merge_zh_columns(obj.copy())
        for i in range(out.shape[1]):
            if out.columns[i] in chinese:
                continue
            column = out.iloc[:, i]
            new = _relabel_values(column)
            if new is not column:
                out.isetitem(i, new)
        out.index = _relabel_index(out.index, "values")
        out.columns = _relabel_index(out.columns, "columns", obj.attrs.get("zh_context"))
        return out
    if isinstance(obj, pd.Series):
        out = _relabel_values(obj.copy())
        if out is obj:
            out = obj.copy()
        out.index = _relabel_index(out.index, "values")
        name = out.name
        if isinstance(name, str) and name.endswith("_zh"):
            name = name[:-3]
        out.name = zh_label(name, context=obj.attrs.get("zh_context"))
        return out
    return obj


def _wide(func: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``func`` counting a Chinese character as two columns, so that columns line up.

    pandas' ``display.unicode.east_asian_width`` (off by default: English text needs no such
    count); every other display and precision option is the user's.
    """
    import pandas as pd

    with pd.option_context("display.unicode.east_asian_width", True):
        return func(*args, **kwargs)


def _plain(obj: Any, p: Any, cycle: bool) -> None:
    """``text/plain``: what IPython prints for a pandas object, of its Chinese view."""
    try:
        text = _wide(repr, zh_view(obj))
    except Exception:  # never break a cell's output: fall back to pandas' own text
        text = repr(obj)
    with p.group():
        for i, line in enumerate(text.splitlines()):
            if i:
                p.break_()
            p.text(line)


def _html(obj: Any) -> str | None:
    """``text/html``: pandas' own HTML (or None when pandas gives none), of the Chinese view."""
    try:
        return zh_view(obj)._repr_html_()
    except Exception:
        return obj._repr_html_()


def _wrap_to_string(original: Any) -> Any:
    """``to_string`` of the Chinese view (``print``, ``repr``); pandas' own text if that fails."""

    @functools.wraps(original)
    def to_string(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            view = zh_view(self)
        except Exception:  # never break a print
            return original(self, *args, **kwargs)
        return _wide(original, view, *args, **kwargs)

    return to_string


def _chart_words(texts: list[str], default: str) -> dict[str, str]:
    """The Chinese label of each text that is a known word (read as names or values, like a table axis)."""
    kind = _axis_kind(texts, default)
    out = {}
    for text in texts:
        new = zh_label(text, kind=kind) if isinstance(text, str) else text
        if isinstance(new, str) and new != text:
            out[text] = new
    return out


class _ChartTicks:
    """A tick formatter that gives another one's labels in Chinese (known words only)."""

    def __init__(self, original: Any) -> None:
        self.original = original

    def __getattr__(self, name: str) -> Any:  # everything else is the original's
        return getattr(self.original, name)

    def __call__(self, x: Any, pos: Any = None) -> str:
        text = self.original(x, pos)
        return _chart_words([text], "values").get(text, text)

    def format_ticks(self, values: Any) -> list[str]:
        texts = self.original.format_ticks(values)
        words = _chart_words(texts, "values")
        return [words.get(t, t) for t in texts]

    # what matplotlib asks a formatter besides the labels: the original's answers (the offset
    # text "1e6", the cursor's read-out), not matplotlib's Formatter defaults
    def get_offset(self) -> str:
        return self.original.get_offset()

    def set_locs(self, locs: Any) -> None:
        self.original.set_locs(locs)

    def format_data(self, value: Any) -> str:
        return self.original.format_data(value)

    def format_data_short(self, value: Any) -> str:
        return self.original.format_data_short(value)

    def fix_minus(self, s: str) -> str:
        return self.original.fix_minus(s)


@functools.cache
def _ticks_class() -> type:
    from matplotlib.ticker import Formatter

    return type("ChartTicks", (_ChartTicks, Formatter), {})


class zh_chart:  # noqa: N801 - a context manager used like a function
    """While inside, a figure's category tick labels and legend entries are in Chinese.

    Only *known* words change (the vocabulary of :func:`zh_label`: a criterion, a tier, a
    store, a method's name); numbers, titles and axis labels (the code's own text, translated in
    the catalogue) stay. Everything is given back on leaving, so the figure in memory keeps its
    English words. :func:`install_formatters` uses it around every figure rendered in IPython
    (``savefig`` and the inline PNG), so charts drawn in a notebook's own code read in Chinese.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["platinum", "lead"], [3, 1], label="direct"); _ = ax.legend()
    >>> with zh_chart(fig):   # what a rendering (savefig, the inline PNG) would show
    ...     [t.get_text() for t in ax.get_xticklabels()], ax.get_legend().get_texts()[0].get_text()
    (['铂金', '铅'], '直接打分法')
    >>> [t.get_text() for t in ax.get_xticklabels()], ax.get_legend().get_texts()[0].get_text()
    (['platinum', 'lead'], 'direct')
    >>> plt.close(fig)
    """

    def __init__(self, fig: Any) -> None:
        self.fig = getattr(fig, "figure", fig)
        self._undo: list[Any] = []

    def __enter__(self) -> Any:
        try:
            for ax in self.fig.axes:
                for axis in (ax.xaxis, ax.yaxis):
                    for ticker in (axis.major, axis.minor):
                        original = ticker.formatter
                        if isinstance(original, _ChartTicks):
                            continue
                        wrapped = _ticks_class()(original)
                        ticker.formatter = wrapped
                        self._undo.append(lambda t=ticker, o=original: setattr(t, "formatter", o))
            legends = [ax.get_legend() for ax in self.fig.axes] + list(self.fig.legends)
            for legend in (lg for lg in legends if lg is not None):
                texts = legend.get_texts() + [legend.get_title()]
                words = _chart_words([t.get_text() for t in texts], "values")
                for t in texts:
                    old = t.get_text()
                    if old in words:
                        t.set_text(words[old])
                        self._undo.append(lambda t=t, old=old: t.set_text(old))
        except Exception:  # never break a chart: show it as it is
            self.__exit__(None, None, None)
        return self.fig

    def __exit__(self, *exc: Any) -> None:
        while self._undo:
            self._undo.pop()()


def _wrap_print_figure(original: Any) -> Any:
    """``print_figure`` (savefig, the inline PNG) of the figure with Chinese tick and legend words."""

    @functools.wraps(original)
    def print_figure(self: Any, *args: Any, **kwargs: Any) -> Any:
        with zh_chart(self.figure):
            return original(self, *args, **kwargs)

    return print_figure


def _formatters() -> Any | None:
    """The running IPython's display formatters, or None outside IPython (IPython not imported)."""
    if "IPython" not in sys.modules:
        return None
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return None
    shell = get_ipython()
    return None if shell is None else shell.display_formatter.formatters


def install_formatters(*, printed: bool = True, charts: bool = True) -> bool:
    """Show DataFrames and Series with Chinese labels in IPython (what ``set_language("zh")`` does).

    Registers IPython's ``text/plain`` and ``text/html`` formatters for DataFrame and Series;
    with ``printed=True`` also wraps ``DataFrame.to_string`` / ``Series.to_string`` so that
    ``print(df)`` and ``print(s.to_string())`` show the same Chinese labels; with ``charts=True``
    renders every figure (the inline PNG, ``savefig``) inside :class:`zh_chart`, so that a chart
    drawn in the notebook's own code shows its category ticks and legend words in Chinese.
    Returns True when installed, False outside IPython (nothing happens then).

    Examples
    --------
    >>> install_formatters()   # not inside IPython here: nothing to do
    False
    """
    formatters = _formatters()
    if formatters is None:
        return False
    import pandas as pd

    printers = {"text/plain": _plain, "text/html": _html}
    for mime, names in _TYPES.items():
        for name in names:
            old = formatters[mime].for_type(getattr(pd, name), printers[mime])
            if (mime, name) not in _saved:
                _saved[(mime, name)] = old
    if printed:
        for name in ("DataFrame", "Series"):
            if name not in _originals:
                cls = getattr(pd, name)
                _originals[name] = cls.__dict__["to_string"]
                cls.to_string = _wrap_to_string(_originals[name])
    if charts and "print_figure" not in _chart_originals:
        from matplotlib.backend_bases import FigureCanvasBase

        _chart_originals["print_figure"] = FigureCanvasBase.__dict__["print_figure"]
        FigureCanvasBase.print_figure = _wrap_print_figure(_chart_originals["print_figure"])
    return True


def remove_formatters() -> bool:
    """Give pandas' own display back (what ``set_language("en")`` does); restores earlier printers.

    Returns True when formatters were removed, False when there were none (or outside IPython).

    Examples
    --------
    >>> remove_formatters()
    False
    """
    if _chart_originals:  # matplotlib's own print_figure back
        from matplotlib.backend_bases import FigureCanvasBase

        FigureCanvasBase.print_figure = _chart_originals.pop("print_figure")
    if _originals:  # pandas' own to_string back (even if IPython has gone meanwhile)
        import pandas as pd

        for name, original in list(_originals.items()):
            getattr(pd, name).to_string = original
            del _originals[name]
    formatters = _formatters()
    if formatters is None or not _saved:
        return False
    import pandas as pd

    for (mime, name), old in list(_saved.items()):
        formatters[mime].pop(getattr(pd, name), None)
        if old is not None:
            formatters[mime].for_type(getattr(pd, name), old)
        del _saved[(mime, name)]
    return True


def sync_formatters(lang: str) -> bool:
    """Install the formatters for ``"zh"``, remove them for any other language.

    Examples
    --------
    >>> sync_formatters("en")   # outside IPython: nothing to do
    False
    """
    return install_formatters() if lang == "zh" else remove_formatters()
