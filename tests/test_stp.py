"""Tests of coursekit.stp: segmentation, targeting, positioning."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit import stp

matplotlib.use("Agg")

# --------------------------------------------------------------------------- published data

# USArrests (McNeil 1977; R datasets package): 50 US states, arrests per 100,000 residents in
# 1973 for murder, assault and rape, and percent urban population.
USARRESTS = """state,Murder,Assault,UrbanPop,Rape
Alabama,13.2,236,58,21.2
Alaska,10,263,48,44.5
Arizona,8.1,294,80,31
Arkansas,8.8,190,50,19.5
California,9,276,91,40.6
Colorado,7.9,204,78,38.7
Connecticut,3.3,110,77,11.1
Delaware,5.9,238,72,15.8
Florida,15.4,335,80,31.9
Georgia,17.4,211,60,25.8
Hawaii,5.3,46,83,20.2
Idaho,2.6,120,54,14.2
Illinois,10.4,249,83,24
Indiana,7.2,113,65,21
Iowa,2.2,56,57,11.3
Kansas,6,115,66,18
Kentucky,9.7,109,52,16.3
Louisiana,15.4,249,66,22.2
Maine,2.1,83,51,7.8
Maryland,11.3,300,67,27.8
Massachusetts,4.4,149,85,16.3
Michigan,12.1,255,74,35.1
Minnesota,2.7,72,66,14.9
Mississippi,16.1,259,44,17.1
Missouri,9,178,70,28.2
Montana,6,109,53,16.4
Nebraska,4.3,102,62,16.5
Nevada,12.2,252,81,46
New Hampshire,2.1,57,56,9.5
New Jersey,7.4,159,89,18.8
New Mexico,11.4,285,70,32.1
New York,11.1,254,86,26.1
North Carolina,13,337,45,16.1
North Dakota,0.8,45,44,7.3
Ohio,7.3,120,75,21.4
Oklahoma,6.6,151,68,20
Oregon,4.9,159,67,29.3
Pennsylvania,6.3,106,72,14.9
Rhode Island,3.4,174,87,8.3
South Carolina,14.4,279,48,22.5
South Dakota,3.8,86,45,12.8
Tennessee,13.2,188,59,26.9
Texas,12.7,201,80,25.5
Utah,3.2,120,80,22.9
Vermont,2.2,48,32,11.2
Virginia,8.5,156,63,20.7
Washington,4,145,73,26.2
West Virginia,5.7,81,39,9.3
Wisconsin,2.6,53,66,10.8
Wyoming,6.8,161,60,15.6
"""

# Greenacre's smoking data: staff groups × smoking categories of a fictional company.
SMOKE = pd.DataFrame(
    {"none": [4, 4, 25, 18, 10], "light": [2, 3, 10, 24, 6],
     "medium": [3, 7, 12, 33, 7], "heavy": [2, 4, 4, 13, 2]},
    index=pd.Index(["SM", "JM", "SE", "JE", "SC"], name="staff"),
)


def usarrests() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(USARRESTS), index_col="state")


def blobs(n_per: int = 40, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    """Three well separated groups on two 1–7 style features."""
    rng = np.random.default_rng(seed)
    centres = np.array([[2.0, 6.0], [6.0, 6.0], [4.0, 1.5]])
    sizes = [n_per * 2, n_per, n_per // 2]
    x = np.vstack([c + rng.normal(0, 0.4, (s, 2)) for c, s in zip(centres, sizes, strict=True)])
    truth = np.repeat([1, 2, 3], sizes)
    df = pd.DataFrame(x, columns=["benefit_price", "benefit_taste"],
                      index=pd.Index(range(1000, 1000 + len(x)), name="member_id"))
    return df, truth


# --------------------------------------------------------------------------- segment


def test_silhouette_matches_hand_computation_rousseeuw_1987():
    # Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the interpretation and
    # validation of cluster analysis. J. Comput. Appl. Math. 20, 53–65: s(i) = (b − a)/max(a, b).
    # Points 0, 1 | 10, 11: s(0) = (10.5 − 1)/10.5, s(1) = (9.5 − 1)/9.5 (and symmetric).
    df = pd.DataFrame({"x": [0.0, 1.0, 10.0, 11.0]})
    seg = stp.segment(df, ["x"], 2)
    expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5) / 2
    assert seg.silhouette == pytest.approx(expected, rel=1e-9)


def test_segment_recovers_planted_groups_and_orders_by_size():
    from sklearn.metrics import adjusted_rand_score

    df, truth = blobs()
    seg = stp.segment(df, ["benefit_price", "benefit_taste"], 3)
    assert adjusted_rand_score(truth, seg.labels) == pytest.approx(1.0)
    assert seg.labels.index.equals(df.index)
    assert seg.labels.name == "segment"
    assert seg.sizes.tolist() == [80, 40, 20]  # segment 1 = largest
    # the biggest planted group is centred near (2, 6) in original units
    assert seg.centres.loc[1].to_numpy() == pytest.approx([2.0, 6.0], abs=0.2)
    assert seg.silhouette > 0.7
    assert seg.k == 3 and seg.features == ["benefit_price", "benefit_taste"]
    assert "silhouette" in repr(seg)


def test_centres_are_segment_means_in_original_units():
    df, _ = blobs()
    seg = stp.segment(df, ["benefit_price", "benefit_taste"], 3)
    means = df.groupby(seg.labels).mean()
    pd.testing.assert_frame_equal(seg.centres, means, check_names=False, atol=1e-8)


def test_segment_is_reproducible_and_assign_agrees():
    df, _ = blobs()
    a = stp.segment(df, ["benefit_price", "benefit_taste"], 3, random_state=5, n_init=4)
    b = stp.segment(df, ["benefit_price", "benefit_taste"], 3, random_state=5, n_init=4)
    pd.testing.assert_series_equal(a.labels, b.labels)
    pd.testing.assert_series_equal(a.assign(df), a.labels)


def test_segment_samples_silhouette_on_large_data():
    df, _ = blobs(n_per=400)
    full = stp.segment(df, ["benefit_price", "benefit_taste"], 3, silhouette_sample=None)
    sampled = stp.segment(df, ["benefit_price", "benefit_taste"], 3, silhouette_sample=200)
    assert sampled.silhouette == pytest.approx(full.silhouette, abs=0.05)


def test_segment_leaves_input_unchanged():
    df, _ = blobs()
    before = df.copy()
    stp.segment(df, ["benefit_price", "benefit_taste"], 2)
    stp.choose_k(df, ["benefit_price", "benefit_taste"], [2, 3])
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize(
    ("change", "k", "error", "match"),
    [
        (lambda d: d.drop(columns="benefit_taste"), 2, ValueError, "no column 'benefit_taste'"),
        (lambda d: d.assign(benefit_taste="high"), 2, ValueError, "must hold numbers"),
        (lambda d: d.assign(benefit_taste=np.nan), 2, ValueError, "missing value"),
        (lambda d: d.iloc[:0], 2, ValueError, "empty"),
        (lambda d: d, 1, ValueError, "at least 2"),
        (lambda d: d.iloc[:3], 4, ValueError, "only 3 different"),
        (lambda d: d, 2.5, TypeError, "whole number"),
        (lambda d: d["benefit_taste"], 2, TypeError, "DataFrame"),
    ],
)
def test_segment_bad_inputs(change, k, error, match):
    df, _ = blobs()
    with pytest.raises(error, match=match):
        stp.segment(change(df), ["benefit_price", "benefit_taste"], k)


def test_segment_bad_options():
    df, _ = blobs()
    with pytest.raises(ValueError, match="n_init"):
        stp.segment(df, ["benefit_price"], 2, n_init=0)
    with pytest.raises(ValueError, match="silhouette_sample"):
        stp.segment(df, ["benefit_price"], 2, silhouette_sample=3)
    with pytest.raises(ValueError, match="more than once"):
        stp.segment(df, ["benefit_price", "benefit_price"], 2)
    with pytest.raises(ValueError, match="did you mean 'benefit_price'"):
        stp.segment(df, ["benefit_prise"], 2)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.lists(
        st.tuples(st.integers(1, 7), st.integers(1, 7)), min_size=6, max_size=40, unique=True
    ),
    k=st.integers(2, 4),
)
def test_segment_invariants(data, k):
    df = pd.DataFrame(data, columns=["a", "b"], index=[f"m{i}" for i in range(len(data))])
    before = df.copy()
    seg = stp.segment(df, ["a", "b"], k, n_init=2)
    assert set(seg.labels) == set(range(1, k + 1))
    assert seg.labels.index.equals(df.index)
    assert int(seg.sizes.sum()) == len(df)
    assert seg.sizes.is_monotonic_decreasing
    assert -1 <= seg.silhouette <= 1
    # centres lie inside the range of the data (they are means)
    assert (seg.centres.min() >= df.min() - 1e-9).all()
    assert (seg.centres.max() <= df.max() + 1e-9).all()
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------- choose_k


def test_choose_k_table_and_best_k():
    df, _ = blobs()
    table = stp.choose_k(df, ["benefit_price", "benefit_taste"], [5, 2, 3, 4, 3])
    assert table.index.tolist() == [2, 3, 4, 5]
    assert table.index.name == "k"
    assert list(table.columns) == ["inertia", "silhouette"]
    assert table["inertia"].is_monotonic_decreasing
    assert int(table["silhouette"].idxmax()) == 3
    # agrees with segment() for the same k
    seg = stp.segment(df, ["benefit_price", "benefit_taste"], 3)
    assert table.loc[3, "inertia"] == pytest.approx(seg.inertia)
    assert table.loc[3, "silhouette"] == pytest.approx(seg.silhouette)


def test_choose_k_bad_ks():
    df, _ = blobs()
    with pytest.raises(ValueError, match="empty"):
        stp.choose_k(df, ["benefit_price"], [])
    with pytest.raises(TypeError, match="several numbers"):
        stp.choose_k(df, ["benefit_price"], 4)
    with pytest.raises(ValueError, match="at least 2"):
        stp.choose_k(df, ["benefit_price"], [1, 2, 3])


def test_plot_choose_k_labels():
    df, _ = blobs()
    ax = stp.plot_choose_k(stp.choose_k(df, ["benefit_price", "benefit_taste"], [2, 3]))
    assert ax.get_title() and "k" in ax.get_xlabel() and "inertia" in ax.get_ylabel()
    matplotlib.pyplot.close("all")


# --------------------------------------------------------------------------- profile


def test_profile_hand_example():
    df = pd.DataFrame({"spend": [10.0, 30.0, 50.0, 70.0, 40.0], "visits": [1, 1, 2, 4, 2]})
    table = stp.profile(df, [1, 1, 2, 2, 2], ["spend", "visits"])
    assert table.columns.tolist() == [
        "size", "share", "spend", "visits", "spend_index", "visits_index"
    ]
    assert table["size"].tolist() == [2, 3]
    assert table["share"].tolist() == pytest.approx([0.4, 0.6])
    assert table["spend"].tolist() == pytest.approx([20.0, 160 / 3])
    # overall mean spend = 40 → index 50 and 133.3
    assert table["spend_index"].tolist() == pytest.approx([50.0, 400 / 3])


def test_profile_aligns_series_by_index_and_accepts_segmentation():
    df, _ = blobs()
    seg = stp.segment(df, ["benefit_price", "benefit_taste"], 3)
    shuffled = seg.labels.sample(frac=1, random_state=0)
    a = stp.profile(df, shuffled, ["benefit_price"])
    b = stp.profile(df, seg, ["benefit_price"])
    pd.testing.assert_frame_equal(a, b)
    assert a["size"].tolist() == seg.sizes.tolist()


def test_profile_bad_inputs():
    df = pd.DataFrame({"spend": [1.0, 2.0, 3.0], "zero": [0.0, 0.0, 0.0], "txt": ["a", "b", "c"]})
    with pytest.raises(ValueError, match="3 rows"):
        stp.profile(df, [1, 2], ["spend"])
    with pytest.raises(ValueError, match="overall mean of 0"):
        stp.profile(df, [1, 2, 2], ["zero"])
    with pytest.raises(ValueError, match="must hold numbers"):
        stp.profile(df, [1, 2, 2], ["txt"])
    with pytest.raises(ValueError, match="missing value"):
        stp.profile(df, [1, None, 2], ["spend"])
    with pytest.raises(ValueError, match="no label"):
        stp.profile(df, pd.Series([1, 2], index=[0, 1]), ["spend"])


@settings(max_examples=50, deadline=None)
@given(
    values=st.lists(st.floats(1, 1000), min_size=2, max_size=30),
    seed=st.integers(0, 10_000),
)
def test_profile_shares_and_weighted_index(values, seed):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"spend": values})
    labels = rng.integers(1, 4, len(values))
    table = stp.profile(df, labels, ["spend"])
    assert table["share"].sum() == pytest.approx(1.0)
    # the share-weighted average of an index is always 100 (the average customer)
    assert (table["share"] * table["spend_index"]).sum() == pytest.approx(100.0)


def test_plot_profile():
    df = pd.DataFrame({"spend": [10.0, 30.0, 50.0, 70.0], "visits": [1, 2, 3, 6]})
    ax = stp.plot_profile(stp.profile(df, [1, 1, 2, 2], ["spend", "visits"]))
    assert ax.get_xlabel() == "variable" and ax.get_ylabel() == "segment"
    with pytest.raises(ValueError, match="_index"):
        stp.plot_profile(df)
    matplotlib.pyplot.close("all")


# --------------------------------------------------------------------------- attractiveness


CRITERIA = pd.DataFrame(
    {"size": [4, 5, 2, 3], "growth": [3, 2, 5, 4], "profit": [4, 3, 4, 2],
     "fit": [5, 2, 4, 3], "competition": [3, 2, 4, 4]},
    index=pd.Index(["workers", "students", "eco", "families"], name="segment"),
)
WEIGHTS = {"size": 0.2, "growth": 0.2, "profit": 0.25, "fit": 0.2, "competition": 0.15}


def test_attractiveness_hand_example():
    out = stp.attractiveness(CRITERIA, WEIGHTS)
    # workers: .2*4 + .2*3 + .25*4 + .2*5 + .15*3 = 3.85
    assert out.loc["workers", "score"] == pytest.approx(3.85)
    assert out.loc["eco", "score"] == pytest.approx(0.4 + 1.0 + 1.0 + 0.8 + 0.6)
    assert out["rank"].to_dict() == {"workers": 1, "students": 4, "eco": 2, "families": 3}
    assert out.index.equals(CRITERIA.index)


def test_attractiveness_warns_and_rescales_weights():
    doubled = {k: 2 * v for k, v in WEIGHTS.items()}
    with pytest.warns(UserWarning, match="sum to 2, not 1"):
        out = stp.attractiveness(CRITERIA, doubled)
    pd.testing.assert_frame_equal(out, stp.attractiveness(CRITERIA, WEIGHTS))


def test_attractiveness_minmax_and_lower_is_better():
    raw = pd.DataFrame(
        {"customers": [12000, 3000, 6000], "competitors": [8, 2, 5]}, index=["a", "b", "c"]
    )
    out = stp.attractiveness(
        raw, {"customers": 0.5, "competitors": 0.5}, rescale="minmax",
        lower_is_better=["competitors"],
    )
    assert out["customers"].tolist() == pytest.approx([1.0, 0.0, 1 / 3])
    assert out["competitors"].tolist() == pytest.approx([0.0, 1.0, 0.5])
    assert out["score"].tolist() == pytest.approx([0.5, 0.5, 5 / 12])
    assert out["rank"].tolist() == [1, 1, 3]  # ties share the better rank


def test_attractiveness_bad_inputs():
    with pytest.raises(ValueError, match="no column 'fitt'"):
        stp.attractiveness(CRITERIA, {"fitt": 1.0})
    with pytest.raises(ValueError, match="negative"):
        stp.attractiveness(CRITERIA, {"size": -1.0, "fit": 2.0})
    with pytest.raises(ValueError, match="all zero"):
        stp.attractiveness(CRITERIA, {"size": 0, "fit": 0})
    with pytest.raises(ValueError, match="rescale='minmax'"):
        stp.attractiveness(CRITERIA, WEIGHTS, lower_is_better=["competition"])
    with pytest.raises(ValueError, match="rescale"):
        stp.attractiveness(CRITERIA, WEIGHTS, rescale="zscore")
    with pytest.raises(ValueError, match="must hold numbers"):
        stp.attractiveness(CRITERIA.assign(fit="good"), WEIGHTS)
    with pytest.raises(TypeError, match="must map names"):
        stp.attractiveness(CRITERIA, [0.5, 0.5])


@settings(max_examples=50, deadline=None)
@given(
    scores=st.lists(st.lists(st.integers(1, 5), min_size=3, max_size=3), min_size=2, max_size=8),
    weights=st.lists(st.floats(0.01, 10), min_size=3, max_size=3),
)
def test_attractiveness_score_is_a_weighted_average(scores, weights):
    crit = pd.DataFrame(scores, columns=["size", "growth", "fit"])
    before = crit.copy()
    w = dict(zip(["size", "growth", "fit"], weights, strict=True))
    total = sum(weights)
    w = {k: v / total for k, v in w.items()}
    w["fit"] = 1.0 - w["size"] - w["growth"]
    out = stp.attractiveness(crit, w)
    assert (out["score"] >= crit.min(axis=1) - 1e-9).all()
    assert (out["score"] <= crit.max(axis=1) + 1e-9).all()
    assert out["rank"].min() == 1
    best = out["score"].idxmax()
    assert out.loc[best, "rank"] == 1
    pd.testing.assert_frame_equal(crit, before)


# --------------------------------------------------------------------------- perceptual_map


def test_pca_matches_islr_usarrests():
    # James, Witten, Hastie & Tibshirani (2013). An Introduction to Statistical Learning,
    # Springer, Section 10.2: Table 10.1 gives the loadings of PC1 (0.5358995, 0.5831836,
    # 0.2781909, 0.5434321) and PC2 (−0.4181809, −0.1879856, 0.8728062, 0.1673186) for
    # Murder, Assault, UrbanPop, Rape (scaled PCA), and Section 10.2.3 / lab 10.4 the
    # proportions of variance explained 62.0 %, 24.7 %, 8.9 %, 4.3 %.
    pm = stp.perceptual_map(usarrests(), n_components=2)
    assert pm.explained.round(3).tolist() == [0.620, 0.247, 0.089, 0.043]
    # our loadings are V·s/sqrt(n−1) (correlations); divide by the component sd → unit vectors
    unit = pm.loadings / np.sqrt(pm.eigenvalues.iloc[:2].to_numpy())
    assert unit["dim1"].abs().to_numpy() == pytest.approx(
        [0.5358995, 0.5831836, 0.2781909, 0.5434321], abs=1e-6
    )
    assert unit["dim2"].abs().to_numpy() == pytest.approx(
        [0.4181809, 0.1879856, 0.8728062, 0.1673186], abs=1e-6
    )
    # component variances (prcomp sdev^2): 2.4802, 0.9898, 0.3566, 0.1734; they sum to 4
    assert pm.eigenvalues.sum() == pytest.approx(4.0)
    assert pm.eigenvalues.iloc[0] == pytest.approx(1.5748783**2, rel=1e-6)


def test_ca_matches_greenacre_smoke():
    # Greenacre, M. J. (1984). Theory and Applications of Correspondence Analysis. Academic
    # Press — smoking data; principal inertias as printed by the R package ca
    # (Nenadic & Greenacre 2007, J. Stat. Softw. 20(3)): 0.074759, 0.010017, 0.000414
    # (87.76 %, 11.76 %, 0.49 %); row SM has standard coordinate −0.24053… on dimension 1
    # (print.ca shows standard coordinates = principal coordinates / sqrt(principal inertia)).
    from scipy.stats import chi2_contingency

    pm = stp.perceptual_map(SMOKE, method="ca")
    assert pm.eigenvalues.to_numpy() == pytest.approx([0.074759, 0.010017, 0.000414], abs=5e-7)
    assert (100 * pm.explained).round(2).tolist() == [87.76, 11.76, 0.49]
    standard = pm.coordinates.loc["SM", "dim1"] / np.sqrt(pm.eigenvalues.iloc[0])
    assert abs(standard) == pytest.approx(0.24053, abs=1e-5)
    chi2 = chi2_contingency(SMOKE.to_numpy())[0]
    assert pm.eigenvalues.sum() * SMOKE.to_numpy().sum() == pytest.approx(chi2)


def test_pca_coordinates_are_centred_and_signs_fixed():
    pm = stp.perceptual_map(usarrests(), n_components=3)
    assert pm.coordinates.mean().abs().max() < 1e-9
    for dim in pm.loadings.columns:
        col = pm.loadings[dim]
        assert col.loc[col.abs().idxmax()] > 0
    assert pm.coordinates.index.name == "state"
    assert "shown=" in repr(pm)


def test_pca_unstandardised_follows_the_largest_variance():
    pm = stp.perceptual_map(usarrests(), standardize=False, n_components=1)
    # Assault has by far the largest variance and dominates the first component
    assert pm.loadings["dim1"].idxmax() == "Assault"


@pytest.mark.parametrize(
    ("ratings", "kwargs", "match"),
    [
        (SMOKE.iloc[:2], {}, "at least 3 brands"),
        (SMOKE.assign(light="x"), {}, "must hold numbers"),
        (SMOKE.assign(light=np.nan), {}, "missing value"),
        (SMOKE.assign(light=5), {}, "same rating for every brand"),
        (SMOKE, {"method": "mds"}, "method"),
        (SMOKE, {"n_components": 5}, "n_components"),
        (SMOKE.assign(light=-1), {"method": "ca"}, "non-negative"),
        (SMOKE.assign(light=0), {"method": "ca"}, "all-zero columns: \\['light'\\]"),
    ],
)
def test_perceptual_map_bad_inputs(ratings, kwargs, match):
    with pytest.raises(ValueError, match=match):
        stp.perceptual_map(ratings, **kwargs)


@settings(max_examples=40, deadline=None)
@given(
    # rows of one common length, drawn directly (a filter on equal lengths rejects so many
    # examples that hypothesis's health check fails the test on a busy machine)
    table=st.integers(3, 5).flatmap(lambda k: st.lists(
        st.lists(st.integers(0, 50), min_size=k, max_size=k), min_size=3, max_size=6)),
    method=st.sampled_from(["pca", "ca"]),
)
def test_perceptual_map_invariants(table, method):
    df = pd.DataFrame(table, columns=[f"a{i}" for i in range(len(table[0]))]) + 1
    if method == "pca" and (df.std() == 0).any():
        return
    before = df.copy()
    try:
        pm = stp.perceptual_map(df, method=method, n_components=1)
    except ValueError as exc:  # a table of rank 0 after centring has no dimension
        assert "n_components" in str(exc)
        return
    assert pm.explained.sum() == pytest.approx(1.0)
    assert pm.explained.is_monotonic_decreasing
    assert len(pm.coordinates) == len(df)
    pd.testing.assert_frame_equal(df, before)


def test_plot_perceptual_map_both_methods():
    ax = stp.plot_perceptual_map(stp.perceptual_map(usarrests()), highlight="Texas")
    assert "62.0 %" in ax.get_xlabel() and ax.get_title() == "Perceptual map (PCA biplot)"
    ax = stp.plot_perceptual_map(stp.perceptual_map(SMOKE, method="ca"))
    assert "inertia" in ax.get_ylabel()
    with pytest.raises(TypeError, match="perceptual_map"):
        stp.plot_perceptual_map(SMOKE)
    with pytest.raises(ValueError, match="one dimension"):
        stp.plot_perceptual_map(stp.perceptual_map(SMOKE, n_components=1))
    matplotlib.pyplot.close("all")


def test_threads_do_not_change_the_result():
    df, _ = blobs()
    one = stp.segment(df, ["benefit_price", "benefit_taste"], 3, threads=1)
    every = stp.segment(df, ["benefit_price", "benefit_taste"], 3, threads=None)
    pd.testing.assert_series_equal(one.labels, every.labels)
    with pytest.raises(ValueError, match="threads"):
        stp.segment(df, ["benefit_price"], 2, threads=0)
