"""The kit's data sets: list them, load them (typed and validated), read their cards, and
generate a fresh variant of the synthetic ones for a cohort.

Every data set is a CSV file (UTF-8 with BOM, so Excel on Chinese Windows opens it) with a
Markdown *card* beside it. The card's ``## Columns`` table is the schema that :func:`load`
checks the file against.

Command line (for trainers)::

    python -m coursekit.datasets list
    python -m coursekit.datasets generate --seed 2027 --out cohort_data/

Examples
--------
>>> from coursekit import datasets
>>> "coffee_members" in datasets.list_datasets()
True
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._generate import DEFAULT_SEED, generator_modules

__all__ = ["list_datasets", "load", "card", "generate", "data_dir", "Card", "DEFAULT_SEED"]

_TYPES = ("int", "float", "str", "category", "datetime", "date", "bool")


def data_dir() -> Path:
    """The folder holding the shipped data sets.

    In a normal (wheel) install they live inside the package (``coursekit/_data``); in an
    editable install or a clone, in the repository's ``datasets/`` folder.

    Examples
    --------
    >>> (data_dir() / "coffee_members.csv").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "datasets"):
        if candidate.is_dir() and any(candidate.glob("*.md")):
            return candidate
    raise FileNotFoundError(
        "The kit's data folder was not found (looked in coursekit/_data and datasets/). "
        "Reinstall the kit with `make venv` or `pip install -e .` from the kit's folder."
    )


def _folder(folder: str | Path | None) -> Path:
    return data_dir() if folder is None else Path(folder)


def list_datasets(*, folder: str | Path | None = None) -> list[str]:
    """Names of the data sets that have both a CSV file and a card.

    Parameters
    ----------
    folder : path, optional
        A folder written by :func:`generate` (a cohort's variant). Default: the shipped data.

    Examples
    --------
    >>> names = list_datasets()
    >>> "cdnow_sample" in names and "coffee_transactions" in names
    True
    """
    base = _folder(folder)
    return sorted(p.stem for p in base.glob("*.csv") if p.with_suffix(".md").is_file())


class Card(str):
    """A data set card: Markdown text that renders as Markdown in Jupyter."""

    def _repr_markdown_(self) -> str:
        return str(self)


def _unknown(name: object, folder: Path) -> ValueError:
    names = list_datasets(folder=folder)
    close = difflib.get_close_matches(str(name), names, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return ValueError(
        f"There is no data set called {name!r}.{hint} Available data sets: {', '.join(names)}. "
        "See them with coursekit.datasets.list_datasets()."
    )


def card(name: str, *, folder: str | Path | None = None) -> Card:
    """The card of a data set: provenance, columns with types and units, licence, quirks.

    Examples
    --------
    >>> print(card("cdnow_sample").splitlines()[0])
    # cdnow_sample — CDNOW customer transactions (real data)
    """
    base = _folder(folder)
    path = base / f"{name}.md"
    if not isinstance(name, str) or not path.is_file():
        raise _unknown(name, base)
    return Card(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    unit: str
    description: str


def schema(name: str, *, folder: str | Path | None = None) -> list[Column]:
    """The columns a data set must have, read from the ``## Columns`` table of its card."""
    text = card(name, folder=folder)
    cols: list[Column] = []
    in_section = False
    for line in text.splitlines():
        if line.startswith("## "):
            in_section = line.strip().lower().startswith("## columns")
            continue
        if not in_section or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or cells[0].lower() == "column" or set(cells[0]) <= set("-: "):
            continue
        col = cells[0].strip("`")
        typ = cells[1].strip("`").lower()
        if typ not in _TYPES:
            raise ValueError(
                f"Card {name}.md: column {col!r} has type {typ!r}; use one of {', '.join(_TYPES)}."
            )
        unit = cells[2] if len(cells) > 2 else ""
        desc = cells[3] if len(cells) > 3 else ""
        cols.append(Column(col, typ, unit, desc))
    if not cols:
        raise ValueError(f"Card {name}.md has no '## Columns' table; add one (see CONTRIBUTING.md).")
    return cols


def load(name: str, *, folder: str | Path | None = None) -> pd.DataFrame:
    """Load a data set as a typed DataFrame, checked against its card.

    Dates become datetimes, ``category`` columns become pandas categoricals, integer columns
    stay integers (nullable ``Int64`` where values are missing).

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.
    folder : path, optional
        A folder written by :func:`generate` (a cohort's own variant). Default: the shipped data.

    Raises
    ------
    ValueError
        Unknown name (the message lists the available ones), or a file whose columns do not
        match its card (the message names the file, the column and the card).

    Examples
    --------
    >>> cd = load("cdnow_sample")
    >>> cd.shape
    (6919, 4)
    >>> str(cd["date"].dtype)
    'datetime64[us]'
    """
    base = _folder(folder)
    path = base / f"{name}.csv"
    if not isinstance(name, str) or not path.is_file():
        raise _unknown(name, base)
    cols = schema(name, folder=base)
    df = pd.read_csv(path, encoding="utf-8-sig", dtype={c.name: "str" for c in cols
                                                         if c.type in ("str", "category")})
    expected = [c.name for c in cols]
    missing = [c for c in expected if c not in df.columns]
    if missing:
        extra = [c for c in df.columns if c not in expected]
        found = f" The file has {extra[0]!r} instead — was it renamed?" if extra else ""
        raise ValueError(
            f"{path.name}: column {missing[0]!r} is missing ({len(missing)} missing in all).{found} "
            f"The card {name}.md lists the columns the file must have: {', '.join(expected)}. "
            "Restore the file from the kit or regenerate it with coursekit.datasets.generate."
        )
    extra = [c for c in df.columns if c not in expected]
    if extra:
        raise ValueError(
            f"{path.name}: column {extra[0]!r} is not in the card {name}.md. Add it to the card's "
            "Columns table or remove it from the file."
        )
    out = {}
    for c in cols:
        s = df[c.name]
        try:
            if c.type in ("datetime", "date"):
                s = pd.to_datetime(s, errors="raise")
            elif c.type == "int":
                s = pd.to_numeric(s, errors="raise")
                s = s.astype("int64") if not s.isna().any() else s.astype("Int64")
            elif c.type == "float":
                s = pd.to_numeric(s, errors="raise").astype("float64")
            elif c.type == "category":
                s = s.astype("category")
            elif c.type == "bool":
                s = s.map({True: True, False: False, "True": True, "False": False}).astype("boolean")
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"{path.name}: column {c.name!r} should be {c.type} (card {name}.md) but could "
                f"not be read as such: {exc}"
            ) from exc
        out[c.name] = s
    return pd.DataFrame(out)[expected]


def generate(
    out_dir: str | Path,
    *,
    seed: int = DEFAULT_SEED,
    overwrite: bool = False,
    names: list[str] | None = None,
) -> list[Path]:
    """Write the synthetic data sets (and their cards) for ``seed`` into ``out_dir``.

    The shipped CSVs are the output of the default seed (2026). A trainer gives each cohort
    its own variant with another seed; the behaviour (segments, 80/20, drivers) stays, the
    individual numbers change. Real data (CDNOW) is not generated.

    Parameters
    ----------
    out_dir : path
        Folder to write into (created if missing).
    seed : int
        Random seed; the same seed always gives the same files.
    overwrite : bool
        Existing files are only replaced when this is True. Writing into the kit's own
        ``datasets/`` folder also needs it.
    names : list of str, optional
        Only these data sets (default: all synthetic ones).

    Returns
    -------
    list of Path
        The files written: one CSV per data set (and an ``.xlsx`` copy for the data sets
        shipped as a workbook too, such as ``own_data_sample``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     files = generate(d, seed=7, names=["coffee_members"])
    ...     [f.name for f in files]
    ['coffee_members.csv']
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, e.g. 2027; got {seed!r}.")
    out = Path(out_dir)
    shipped = data_dir().resolve()
    if out.resolve() == shipped and not overwrite:
        raise ValueError(
            f"{out} holds the kit's shipped data sets; generate into another folder "
            "(e.g. cohort_data/) or pass overwrite=True if you really mean to replace them."
        )
    modules = generator_modules()
    known = {n for m in modules for n in m.DATASETS}
    if names is not None:
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(
                f"Cannot generate {unknown}: the synthetic data sets are {sorted(known)}."
            )
    wanted = set(known if names is None else names)
    out.mkdir(parents=True, exist_ok=True)
    if not overwrite:
        clash = [n for n in sorted(wanted) if (out / f"{n}.csv").exists()]
        if clash:
            raise ValueError(
                f"{out} already has {', '.join(c + '.csv' for c in clash)}; choose an empty "
                "folder or pass overwrite=True (--overwrite) to replace them."
            )
    written = []
    for module in modules:
        if not wanted & set(module.DATASETS):
            continue
        frames = module.generate(seed)
        for name, frame in frames.items():
            if name not in wanted:
                continue
            path = out / f"{name}.csv"
            frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
            written.append(path)
            if name in getattr(module, "EXCEL", ()):  # also shipped as a workbook (chapter 08)
                written.append(module.write_excel(frame, out / f"{name}.xlsx"))
            src_card = shipped / f"{name}.md"
            if src_card.is_file() and out.resolve() != shipped:
                text = src_card.read_text(encoding="utf-8")
                text = re.sub(r"seed([= ])\d+", rf"seed\g<1>{seed}", text, count=1)
                (out / f"{name}.md").write_text(text, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coursekit.datasets",
        description="List the kit's data sets or generate a fresh variant for a cohort.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the data sets")
    gen = sub.add_parser("generate", help="write the synthetic data sets for a seed")
    gen.add_argument("--seed", type=int, default=DEFAULT_SEED)
    gen.add_argument("--out", required=True, help="folder to write into, e.g. cohort_data/")
    gen.add_argument("--overwrite", action="store_true", help="replace existing files")
    gen.add_argument("--only", nargs="*", help="only these data sets")
    args = parser.parse_args(argv)
    if args.command == "list":
        for name in list_datasets():
            first = card(name).splitlines()[0].lstrip("# ")
            print(f"{name:24s} {first.split('—', 1)[-1].strip()}")
        return 0
    try:
        files = generate(args.out, seed=args.seed, overwrite=args.overwrite, names=args.only)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for f in files:
        print(f"wrote {f}")
    print(f"Load them with coursekit.datasets.load(name, folder={str(args.out)!r}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
