"""Tests for coursekit.lifecycle (chapter 05)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import lifecycle as lc

# Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention.
# Journal of Interactive Marketing 21(1), 76–90: customers still active at the start of
# years 0–12 out of 1,000 acquired, "regular" and "high end" cohorts (data from Berry & Linoff).
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]


def _yearly_transactions(survivors: list[int], *, start_year: int = 2000) -> pd.DataFrame:
    """One purchase per customer per year while the customer is still active."""
    rows = []
    for cid in range(survivors[0]):
        for year, alive in enumerate(survivors):
            if cid < alive:
                rows.append((cid, pd.Timestamp(f"{start_year + year}-06-01")))
    return pd.DataFrame(rows, columns=["customer", "date"])


def _durations(survivors: list[int]) -> pd.DataFrame:
    """Survival data: churned in year t (duration t) or still active after the last year."""
    lost = -np.diff(survivors)
    last = len(survivors) - 1
    dur = np.concatenate([np.repeat(np.arange(1, last + 1), lost), np.full(survivors[-1], last)])
    event = np.concatenate([np.ones(lost.sum(), bool), np.zeros(survivors[-1], bool)])
    return pd.DataFrame({"duration_days": dur, "churned": event})


@pytest.fixture()
def small_tx() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [1, 1, 1, 2, 2, 3, 4, 4],
        "day": pd.to_datetime(["2024-01-03", "2024-02-10", "2024-03-01", "2024-01-20",
                               "2024-03-05", "2024-02-01", "2024-02-14", "2024-03-20"]),
        "amount": [30.0, 25.0, 40.0, 18.0, 22.0, 35.0, 28.0, 31.0],
    })


@pytest.fixture()
def log() -> pd.DataFrame:
    return pd.DataFrame({
        "member_id": [1, 1, 2, 3, 4],
        "category": ["wait", "wait", "taste", "wait", "price"],
        "received_at": pd.to_datetime(["2025-01-01 09:00", "2025-01-10 10:00",
                                       "2025-01-02 12:00", "2025-01-03 08:00",
                                       "2025-01-04 20:00"]),
        "first_response_at": pd.to_datetime(["2025-01-01 09:30", "2025-01-11 10:00",
                                             "2025-01-02 14:00", None, "2025-01-05 09:00"]),
        "resolved_at": pd.to_datetime(["2025-01-01 10:00", "2025-01-14 10:00",
                                       "2025-01-03 12:00", None, "2025-01-05 10:00"]),
    })


# --- published examples ----------------------------------------------------------------------


@pytest.mark.parametrize("survivors", [REGULAR, HIGH_END])
def test_cohort_retention_reproduces_fader_hardie_2007(survivors):
    tx = _yearly_transactions(survivors)
    table = lc.cohort_retention(tx, customer="customer", date="date", period="Y")
    assert table.shape == (1, 13)
    np.testing.assert_allclose(table.iloc[0].to_numpy(), np.array(survivors) / 1000)
    curve = lc.retention_curve(tx, customer="customer", date="date", period="Y")
    np.testing.assert_allclose(curve.to_numpy(), np.array(survivors) / 1000)
    counts = lc.cohort_retention(tx, customer="customer", date="date", period="Y", kind="count")
    assert counts.iloc[0].tolist() == survivors


def test_retention_rate_fader_hardie_2007_first_year():
    # year 1 of the "regular" cohort: 1,000 at the start, 631 at the end, nobody new → 63.1 %
    assert lc.retention_rate(1000, 631, 0) == pytest.approx(0.631)
    # period-to-period retention rises as the cohort ages (the sorting effect in the paper)
    rates = [lc.retention_rate(s, e, 0) for s, e in zip(REGULAR[:-1], REGULAR[1:], strict=True)]
    assert rates[0] == pytest.approx(0.631) and rates[1] == pytest.approx(468 / 631)
    assert rates[-1] > rates[0]


def test_retention_rate_textbook_formula():
    # CRR = (E − N) / S: 200 at the start, 40 won, 180 at the end → 140 kept of 200 = 70 %
    assert lc.retention_rate(200, 180, 40) == pytest.approx(0.70)
    assert lc.retention_rate(start=100, end=100, new=0) == 1.0
    assert lc.retention_rate(100, 30, 30) == 0.0


def test_kaplan_meier_without_censoring_is_the_survivor_share():
    # Fader & Hardie (2007) regular cohort: KM at year t equals survivors[t] / 1000
    km = lc.kaplan_meier(_durations(REGULAR))
    at = km.set_index("time")["survival"]
    for t, alive in enumerate(REGULAR):
        assert at.loc[float(t)] == pytest.approx(alive / 1000)
    assert (km["lower"] <= km["survival"] + 1e-12).all()
    assert (km["upper"] >= km["survival"] - 1e-12).all()


def test_kaplan_meier_textbook_censored_example():
    # worked by hand with the product-limit formula (Kaplan & Meier 1958, "Nonparametric
    # estimation from incomplete observations", JASA 53(282), 457–481): times 1..5, censored
    # at 3 and 5 → S(1) = 4/5, S(2) = 3/5, S(4) = 3/5 · 1/2 = 0.3
    d = pd.DataFrame({"t": [1, 2, 3, 4, 5], "e": [1, 1, 0, 1, 0]})
    km = lc.kaplan_meier(d, duration="t", event="e")
    assert km["survival"].round(6).tolist() == [1.0, 0.8, 0.6, 0.6, 0.3, 0.3]
    assert km["at_risk"].tolist()[1:] == [5, 4, 3, 2, 1]


def test_kaplan_meier_emits_no_warnings_on_pandas3():
    data = pd.concat([_durations(REGULAR).assign(g="regular"),
                      _durations(HIGH_END).assign(g="high end")], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        km = lc.kaplan_meier(data, group="g")
    assert set(km["group"]) == {"regular", "high end"}
    last = km.groupby("group")["survival"].last()
    assert last["high end"] == pytest.approx(0.394) and last["regular"] == pytest.approx(0.173)


def test_expected_lifetime_first_period_convention():
    # Fader & Hardie (2012), "Reconciling and clarifying CLV formulas": whether the first
    # period is counted changes the answer by exactly one period.
    assert lc.expected_lifetime(0.8) == pytest.approx(5.0)
    assert lc.expected_lifetime(0.8, count_first=False) == pytest.approx(4.0)
    assert lc.expected_lifetime(0.5) == pytest.approx(2.0)
    assert lc.expected_lifetime(0.9) == pytest.approx(10.0)
    assert lc.expected_lifetime(0.0) == 1.0
    # equals the sum of the geometric series 1 + r + r² + …
    r = 0.631
    assert lc.expected_lifetime(r) == pytest.approx(sum(r**t for t in range(500)))


# --- behaviour -------------------------------------------------------------------------------


def test_cohort_retention_small(small_tx):
    t = lc.cohort_retention(small_tx, customer="id", date="day")
    assert t.index.astype(str).tolist() == ["2024-01", "2024-02"]
    assert t.loc[pd.Period("2024-01", "M")].tolist() == [1.0, 0.5, 1.0]
    row2 = t.loc[pd.Period("2024-02", "M")]
    assert row2.iloc[:2].tolist() == [1.0, 0.5] and np.isnan(row2.iloc[2])
    assert t.columns.name == "months_since_acquisition"


def test_cohort_retention_with_acquisition_dates(small_tx):
    acquired = pd.Series(pd.to_datetime(["2023-12-15", "2024-01-05", "2024-02-01",
                                         "2024-02-01", "2024-02-20"]), index=[1, 2, 3, 4, 5])
    t = lc.cohort_retention(small_tx, customer="id", date="day", acquired=acquired)
    dec = t.loc[pd.Period("2023-12", "M")]
    assert np.isnan(dec.iloc[0])  # before the data start: unknown, not 0
    assert dec.iloc[1:].tolist() == [1.0, 1.0, 1.0]
    # member 5 never bought: counted in the February cohort size
    feb = t.loc[pd.Period("2024-02", "M")]
    assert feb.iloc[0] == pytest.approx(2 / 3) and feb.iloc[1] == pytest.approx(1 / 3)


def test_cohort_retention_observation_end_and_weeks(small_tx):
    t = lc.cohort_retention(small_tx, customer="id", date="day", observation_end="2024-02-29")
    assert t.shape == (2, 2)
    w = lc.cohort_retention(small_tx, customer="id", date="day", period="W")
    assert w.columns.name == "weeks_since_acquisition"
    assert (w.iloc[:, 0] == 1).all()


def test_lifecycle_stage_each_stage():
    as_of = pd.Timestamp("2024-12-31")
    rows = []
    def add(cid, days_ago):
        for d in days_ago:
            rows.append((cid, as_of - pd.Timedelta(days=d)))
    add("new", [10, 30])                          # acquisition
    add("grower", [300, 150, 60, 40, 20, 5])      # 1 previous → 4 recent
    add("steady", [300, 170, 120, 60, 20])        # 2 previous, 2 recent
    add("fader", [300, 170, 150, 120, 100, 60])   # 4 previous → 1 recent
    add("gone", [400, 250])                       # lapsed
    tx = pd.DataFrame(rows, columns=["c", "d"])
    out = lc.lifecycle_stage(tx, customer="c", date="d", as_of=as_of)
    assert out["stage"].to_dict() == {"fader": "decline", "gone": "lapsed", "grower": "growth",
                                      "new": "acquisition", "steady": "maturity"}
    assert list(out["stage"].cat.categories) == list(lc.STAGES)
    assert set(lc.STAGE_ACTIONS) == set(lc.STAGES)
    # thresholds are parameters: a longer lapse window keeps "gone" in the books
    out2 = lc.lifecycle_stage(tx, customer="c", date="d", as_of=as_of, lapsed_days=300)
    assert out2.loc["gone", "stage"] == "decline"


def test_lifecycle_stage_by_amount_and_future_ignored(small_tx):
    out = lc.lifecycle_stage(small_tx, customer="id", date="day", as_of="2024-02-15",
                             amount="amount", new_days=30, window_days=30)
    assert out.loc[1, "last"] == pd.Timestamp("2024-02-10")  # March purchase ignored
    assert out.loc[1, "recent"] == 25.0 and out.loc[1, "previous"] == 30.0
    assert out.loc[1, "stage"] == "maturity"
    assert out.loc[3, "stage"] == "acquisition"
    assert 4 in out.index and out.loc[4, "tenure_days"] == 1


def test_customer_durations_and_km_by_group(small_tx):
    d = lc.customer_durations(small_tx, customer="id", date="day", lapse_days=40,
                              observation_end="2024-03-31")
    assert d.loc[3, "churned"] and d.loc[3, "duration_days"] == 0
    assert not d.loc[1, "churned"] and d.loc[1, "duration_days"] == 88
    km = lc.kaplan_meier(d)
    assert km["survival"].is_monotonic_decreasing


def test_complaint_times_and_service_level(log):
    t = lc.complaint_times(log)
    assert t["to_first_response"].iloc[0] == 0.5
    assert np.isnan(t["to_first_response"].iloc[3])
    assert t["to_resolution"].iloc[2] == 24.0
    days = lc.complaint_times(log, unit="D")
    assert days["to_resolution"].iloc[2] == 1.0
    # response times 0.5, 24, 2, (not yet), 13 hours: the 24-hour case is within a 24-hour target
    assert lc.service_level(t["to_first_response"], target=24) == pytest.approx(4 / 5)
    assert lc.service_level(t["to_first_response"], target=24, missing="drop") == 1.0
    assert lc.service_level(t["to_first_response"], target=12) == pytest.approx(2 / 5)
    assert lc.service_level(t["to_first_response"], target=12, missing="drop") == 0.5


def test_complaint_summary_by_group(log):
    s = lc.complaint_summary(log, by="category", response_target=1, resolution_target=24)
    assert s.loc["wait", "complaints"] == 3
    assert s.loc["wait", "within_response_target"] == pytest.approx(1 / 3)
    assert s.loc["wait", "unresolved"] == pytest.approx(1 / 3)
    assert s.loc["taste", "within_resolution_target"] == 1.0


def test_repeat_complaints(log):
    r = lc.repeat_complaints(log, customer="member_id")
    assert r.loc[1].tolist() == [2, True] and not r.loc[2, "repeat"]
    r7 = lc.repeat_complaints(log, customer="member_id", date="received_at", within_days=7)
    assert not r7.loc[1, "repeat"]
    r10 = lc.repeat_complaints(log, customer="member_id", date="received_at", within_days=10)
    assert r10.loc[1, "repeat"]


def test_pareto_and_quadrants(log):
    p = lc.complaint_pareto(log, cause="category")
    assert p.index.tolist() == ["wait", "price", "taste"]  # ties sorted by name
    cat = log.assign(category=pd.Categorical(log["category"],
                                             categories=["wait", "taste", "price", "dirt"]))
    assert "dirt" not in lc.complaint_pareto(cat, cause="category").index  # unused category
    assert p["vital_few"].tolist() == [True, True, False]
    q = lc.loyalty_quadrant(pd.Series([10, 10, 3, 2], index=list("abcd")), [9, 1, 9, 1],
                            satisfaction_cut=9, loyalty_cut=8)
    assert q.to_dict() == {"a": "apostle", "b": "mercenary", "c": "hostage", "d": "at risk"}


def test_costs_word_of_mouth_audit():
    c = lc.acquisition_retention_cost(acquisition_spend=60_000, new_customers=400,
                                      retention_spend=45_000, retained_customers=1_500)
    assert c["cost_per_new"] == 150 and c["cost_per_retained"] == 30 and c["ratio"] == 5
    # Girard (1977): one lost customer reaches about 250 people; 2 a week for 50 weeks
    assert lc.word_of_mouth(1) == 250
    assert lc.word_of_mouth(2, periods=50) == 25_000
    audit = pd.DataFrame({"dimension": ["people", "people", "business", "hidden"],
                          "item": ["a", "b", "c", "d"], "score": [4, 2, 5, 4]})
    out = lc.service_audit(audit)
    assert out.index.tolist() == ["people", "hidden", "business"]
    assert out.loc["people", "weakest_item"] == "b" and out.loc["people", "below_target"] == 1


def test_caller_data_unchanged(small_tx, log):
    tx0, log0 = small_tx.copy(deep=True), log.copy(deep=True)
    lc.cohort_retention(small_tx, customer="id", date="day")
    lc.retention_curve(small_tx, customer="id", date="day")
    lc.lifecycle_stage(small_tx, customer="id", date="day", as_of="2024-03-31", amount="amount")
    lc.customer_durations(small_tx, customer="id", date="day")
    lc.complaint_summary(log, by="category")
    lc.complaint_pareto(log, cause="category")
    lc.repeat_complaints(log, customer="member_id", date="received_at", within_days=3)
    pd.testing.assert_frame_equal(small_tx, tx0)
    pd.testing.assert_frame_equal(log, log0)


def test_plots_have_titles_and_labels(small_tx, log):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = lc.cohort_retention(small_tx, customer="id", date="day")
    for ax in (lc.plot_cohort_heatmap(t), lc.plot_retention_curves(t),
               lc.plot_pareto(lc.complaint_pareto(log, cause="category")),
               lc.plot_survival(lc.kaplan_meier(_durations(REGULAR)), time_unit="years")):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    with pytest.warns(DeprecationWarning, match="plot_cohort_heatmap"):
        lc.cohort_heatmap(t)
    plt.close("all")


# --- bad inputs ------------------------------------------------------------------------------


def test_bad_inputs_cohort(small_tx):
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        lc.cohort_retention(small_tx["id"], customer="id", date="day")
    with pytest.raises(ValueError, match="has no column 'dy'.*did you mean 'day'"):
        lc.cohort_retention(small_tx, customer="id", date="dy")
    with pytest.raises(ValueError, match="`period` must be one of"):
        lc.cohort_retention(small_tx, customer="id", date="day", period="month")
    with pytest.raises(ValueError, match="empty"):
        lc.cohort_retention(small_tx.iloc[:0], customer="id", date="day")
    bad = small_tx.assign(day=small_tx["day"].astype(str).where(small_tx.index != 2, "yesterday"))
    with pytest.raises(ValueError, match="not dates, such as 'yesterday'"):
        lc.cohort_retention(bad, customer="id", date="day")
    with pytest.raises(ValueError, match="missing customer id"):
        lc.cohort_retention(small_tx.assign(id=[1, None, 1, 2, 2, 3, 4, 4]),
                            customer="id", date="day")
    with pytest.raises(ValueError, match="no acquisition date"):
        lc.cohort_retention(small_tx, customer="id", date="day",
                            acquired=pd.Series(pd.to_datetime(["2024-01-01"]), index=[1]))
    with pytest.raises(TypeError, match="`acquired` must be a pandas Series"):
        lc.cohort_retention(small_tx, customer="id", date="day", acquired={1: "2024-01-01"})


def test_bad_inputs_numbers():
    with pytest.raises(TypeError, match="text '200'"):
        lc.retention_rate("200", 180, 40)
    with pytest.raises(ValueError, match="cannot exceed `end`"):
        lc.retention_rate(200, 40, 180)
    with pytest.raises(ValueError, match="more than the 100 at the start"):
        lc.retention_rate(100, 180, 20)
    with pytest.raises(ValueError, match="`start` must be greater than zero"):
        lc.retention_rate(0, 10, 0)
    with pytest.raises(ValueError, match="is NaN"):
        lc.retention_rate(100, float("nan"), 0)
    with pytest.raises(ValueError, match=r"share in \[0, 1\).*write 0.8 instead of 80"):
        lc.expected_lifetime(80)
    with pytest.raises(ValueError, match=r"share in \[0, 1\)"):
        lc.expected_lifetime(1.0)
    with pytest.raises(ValueError, match="`target` must be greater than zero"):
        lc.service_level([1, 2], target=0)
    with pytest.raises(ValueError, match="must hold numbers.*'fast'"):
        lc.service_level([1, "fast"], target=4)
    with pytest.raises(ValueError, match="has 4 scores but `loyalty` has 3"):
        lc.loyalty_quadrant([1, 2, 3, 4], [1, 2, 3], satisfaction_cut=3, loyalty_cut=3)
    with pytest.raises(ValueError, match="`new_customers` must be greater than zero"):
        lc.acquisition_retention_cost(acquisition_spend=1, new_customers=0,
                                      retention_spend=1, retained_customers=1)


def test_bad_inputs_frames(small_tx, log):
    with pytest.raises(ValueError, match="No purchase on or before as_of=2020-01-01"):
        lc.lifecycle_stage(small_tx, customer="id", date="day", as_of="2020-01-01")
    with pytest.raises(ValueError, match="`decline` must be a share"):
        lc.lifecycle_stage(small_tx, customer="id", date="day", as_of="2024-03-31", decline=2)
    with pytest.raises(ValueError, match="Column 'amount' .* must hold numbers"):
        lc.lifecycle_stage(small_tx.assign(amount="¥30"), customer="id", date="day",
                           as_of="2024-03-31", amount="amount")
    swapped = log.assign(first_response_at=log["received_at"] - pd.Timedelta(hours=1))
    with pytest.raises(ValueError, match="cannot be answered before it is received"):
        lc.complaint_times(swapped)
    with pytest.raises(ValueError, match="missing date"):
        lc.complaint_times(log.assign(received_at=log["first_response_at"]))
    with pytest.raises(ValueError, match="must be True/False"):
        lc.kaplan_meier(pd.DataFrame({"duration_days": [1, 2], "churned": ["yes", "no"]}))
    with pytest.raises(ValueError, match="must not be negative"):
        lc.kaplan_meier(pd.DataFrame({"duration_days": [1, -2], "churned": [1, 0]}))
    with pytest.raises(ValueError, match="Give both `date` and `within_days`"):
        lc.repeat_complaints(log, customer="member_id", within_days=7)
    with pytest.raises(ValueError, match="must be on the scale 1–5"):
        lc.service_audit(pd.DataFrame({"dimension": ["p"], "item": ["x"], "score": [7]}))


# --- properties ------------------------------------------------------------------------------

_tx = st.lists(st.tuples(st.integers(1, 6), st.integers(0, 200)), min_size=1, max_size=40)


def _frame(pairs):
    return pd.DataFrame({"c": [p[0] for p in pairs],
                         "d": pd.Timestamp("2024-01-01") + pd.to_timedelta([p[1] for p in pairs],
                                                                            unit="D")})


@settings(max_examples=40, deadline=None)
@given(_tx)
def test_property_cohort_shares(pairs):
    df = _frame(pairs)
    t = lc.cohort_retention(df, customer="c", date="d")
    vals = t.to_numpy()
    assert ((vals[~np.isnan(vals)] >= 0) & (vals[~np.isnan(vals)] <= 1)).all()
    assert (t.iloc[:, 0] == 1).all()
    counts = lc.cohort_retention(df, customer="c", date="d", kind="count")
    assert counts.iloc[:, 0].sum() == df["c"].nunique()
    curve = lc.retention_curve(df, customer="c", date="d")
    assert ((curve >= 0) & (curve <= 1)).all() and curve.iloc[0] == 1


@settings(max_examples=40, deadline=None)
@given(_tx, st.integers(0, 250))
def test_property_every_customer_gets_one_stage(pairs, day):
    df = _frame(pairs)
    as_of = pd.Timestamp("2024-01-01") + pd.Timedelta(days=day)
    if (df["d"] > as_of).all():
        return
    out = lc.lifecycle_stage(df, customer="c", date="d", as_of=as_of, window_days=30,
                             new_days=30, lapsed_days=60)
    assert out["stage"].notna().all()
    assert out.index.nunique() == df.loc[df["d"] <= as_of, "c"].nunique()
    assert (out.loc[out["recency_days"] > 60, "stage"] == "lapsed").all()


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 10_000), st.integers(0, 10_000), st.integers(0, 10_000))
def test_property_retention_rate_is_a_share(start, end, new):
    if new > end or end - new > start:
        return
    assert 0 <= lc.retention_rate(start, end, new) <= 1


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 0.99), st.floats(0, 0.99))
def test_property_lifetime_monotone(r1, r2):
    lo, hi = sorted((r1, r2))
    assert 1 <= lc.expected_lifetime(lo) <= lc.expected_lifetime(hi)
    assert lc.expected_lifetime(lo) - lc.expected_lifetime(lo, count_first=False) == pytest.approx(1)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=60))
def test_property_pareto(causes):
    p = lc.complaint_pareto(pd.DataFrame({"cause": causes}), cause="cause")
    assert p["share"].sum() == pytest.approx(1)
    assert p["count"].is_monotonic_decreasing
    assert p["cumulative"].iloc[-1] == pytest.approx(1) and p["vital_few"].iloc[0]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.booleans()), min_size=1, max_size=30))
def test_property_km_survival(rows):
    d = pd.DataFrame(rows, columns=["duration_days", "churned"])
    km = lc.kaplan_meier(d)
    s = km["survival"]
    assert s.between(0, 1).all() and s.is_monotonic_decreasing
