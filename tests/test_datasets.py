"""Data tests: every data set loads against its card; generation is reproducible and safe."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from coursekit import datasets
from coursekit._generate import DEFAULT_SEED, generator_modules

NAMES = datasets.list_datasets()
SYNTHETIC = sorted({n for m in generator_modules() for n in m.DATASETS})


def test_shipped_data_sets_are_listed():
    for name in ("coffee_members", "coffee_transactions", "cdnow_sample"):
        assert name in NAMES
    assert set(SYNTHETIC) <= set(NAMES), "a generator's data set is not shipped: run `make data`"


@pytest.mark.parametrize("name", NAMES)
def test_each_data_set_loads_with_the_types_of_its_card(name):
    df = datasets.load(name)
    assert len(df) > 0
    for col in datasets.schema(name):
        s = df[col.name]
        if col.type in ("date", "datetime"):
            assert pd.api.types.is_datetime64_any_dtype(s), col
        elif col.type == "int":
            assert pd.api.types.is_integer_dtype(s), col
        elif col.type == "float":
            assert pd.api.types.is_float_dtype(s), col
        elif col.type == "category":
            assert isinstance(s.dtype, pd.CategoricalDtype), col


@pytest.mark.parametrize("name", NAMES)
def test_csv_files_are_utf8_with_bom_for_excel(name):
    raw = (datasets.data_dir() / f"{name}.csv").read_bytes()[:3]
    assert raw == b"\xef\xbb\xbf", f"{name}.csv must start with a UTF-8 BOM (utf-8-sig)"


def test_cdnow_is_the_published_sample():
    cd = datasets.load("cdnow_sample")
    assert cd.shape == (6919, 4)
    assert cd["customer_id"].nunique() == 2357
    assert cd["date"].min() == pd.Timestamp("1997-01-01")
    assert cd["date"].max() == pd.Timestamp("1998-06-30")
    # first rows of CDNOW_sample.txt (Fader, Hardie & Lee 2005): customer 4, 1997-01-01, 2 CDs, $29.33
    first = cd.iloc[0]
    assert (first["customer_id"], first["cds"], first["amount"]) == (4, 2, 29.33)


def test_harbour_coffee_is_realistic():
    members = datasets.load("coffee_members")
    tx = datasets.load("coffee_transactions")
    assert len(members) == 5000
    assert 120_000 <= len(tx) <= 180_000
    assert set(tx["member_id"]) <= set(members["member_id"])
    spend = tx.groupby("member_id")["amount"].sum().sort_values(ascending=False)
    top20 = spend.iloc[: int(len(spend) * 0.2)].sum() / spend.sum()
    assert 0.6 < top20 < 0.9, f"top-20 % share of spend is {top20:.2f}: no 80/20-like pattern"
    assert tx["timestamp"].min() >= pd.Timestamp("2024-01-01")
    assert tx["timestamp"].max() < pd.Timestamp("2026-01-01")


def test_unknown_name_lists_the_available_ones():
    with pytest.raises(ValueError, match="coffee_members") as err:
        datasets.load("nope")
    assert "Available data sets" in str(err.value)
    with pytest.raises(ValueError, match="Did you mean 'coffee_members'"):
        datasets.load("cofee_members")
    with pytest.raises(ValueError, match="no data set"):
        datasets.card("nope")


def test_renamed_column_names_file_column_and_card(tmp_path):
    src = datasets.data_dir()
    shutil.copy(src / "cdnow_sample.md", tmp_path / "cdnow_sample.md")
    df = pd.read_csv(src / "cdnow_sample.csv", encoding="utf-8-sig")
    df.rename(columns={"amount": "value"}).to_csv(tmp_path / "cdnow_sample.csv", index=False)
    with pytest.raises(ValueError, match=r"cdnow_sample\.csv: column 'amount' is missing.*'value'.*cdnow_sample\.md"):
        datasets.load("cdnow_sample", folder=tmp_path)


def test_text_in_a_number_column_is_reported(tmp_path):
    src = datasets.data_dir()
    shutil.copy(src / "cdnow_sample.md", tmp_path / "cdnow_sample.md")
    df = pd.read_csv(src / "cdnow_sample.csv", encoding="utf-8-sig").astype({"amount": object})
    df.loc[3, "amount"] = "twelve"
    df.to_csv(tmp_path / "cdnow_sample.csv", index=False)
    with pytest.raises(ValueError, match="column 'amount' should be float"):
        datasets.load("cdnow_sample", folder=tmp_path)


def test_generate_refuses_to_overwrite_shipped_or_existing_files(tmp_path):
    with pytest.raises(ValueError, match="shipped data sets"):
        datasets.generate(datasets.data_dir(), seed=1)
    datasets.generate(tmp_path, seed=1, names=["coffee_members"])
    with pytest.raises(ValueError, match="already has coffee_members.csv"):
        datasets.generate(tmp_path, seed=1, names=["coffee_members"])
    datasets.generate(tmp_path, seed=1, names=["coffee_members"], overwrite=True)
    with pytest.raises(ValueError, match="Cannot generate"):
        datasets.generate(tmp_path, seed=1, names=["cdnow_sample"])
    with pytest.raises(ValueError, match="seed must be"):
        datasets.generate(tmp_path, seed=-3)


def test_a_cohort_variant_differs_but_keeps_the_schema(tmp_path):
    datasets.generate(tmp_path, seed=2027, names=["coffee_members"])
    variant = datasets.load("coffee_members", folder=tmp_path)
    shipped = datasets.load("coffee_members")
    assert list(variant.columns) == list(shipped.columns)
    assert not variant.equals(shipped)
    assert "seed=2027" in datasets.card("coffee_members", folder=tmp_path)


@pytest.mark.slow
def test_shipped_synthetic_files_are_the_default_seed_output(tmp_path):
    datasets.generate(tmp_path, seed=DEFAULT_SEED)
    for name in SYNTHETIC:
        fresh = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig")
        shipped = pd.read_csv(datasets.data_dir() / f"{name}.csv", encoding="utf-8-sig")
        pd.testing.assert_frame_equal(fresh, shipped, check_exact=False, rtol=1e-9,
                                      obj=f"{name}.csv (run `make data` to regenerate)")


def test_command_line_list_and_generate(tmp_path, capsys):
    assert datasets.main(["list"]) == 0
    assert "coffee_members" in capsys.readouterr().out
    assert datasets.main(["generate", "--seed", "5", "--out", str(tmp_path),
                          "--only", "coffee_members"]) == 0
    assert (tmp_path / "coffee_members.csv").is_file()
    assert datasets.main(["generate", "--seed", "5", "--out", str(tmp_path),
                          "--only", "coffee_members"]) == 2
    assert "already has" in capsys.readouterr().err
