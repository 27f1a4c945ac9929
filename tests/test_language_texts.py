"""Texts the package shows students follow ``coursekit.set_language``; English stays as it was.

Covers what is not a ``plot_*`` helper: the value-stream map drawing, the PLS charts, warnings,
``__repr__`` texts and the Chinese companions of display tables (``action_zh``,
``STAGE_ACTIONS_ZH``).
"""

from __future__ import annotations

import re
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import coursekit
from coursekit import grading, lean, lifecycle, stp, value, weights
from coursekit.acsi import pls_path

matplotlib.use("Agg")

HAN = re.compile(r"[\u4e00-\u9fff]")
CARELESS = [[1, 5, 1 / 3], [1 / 5, 1, 5], [3, 1 / 5, 1]]


def _stream() -> lean.ValueStream:
    steps = pd.DataFrame({
        "step": ["coils", "Stamping", "stampings", "Weld"],
        "kind": ["inventory", "process", "inventory", "process"],
        "cycle_time_s": [np.nan, 1, np.nan, 62],
        "changeover_min": [np.nan, 60, np.nan, 10],
        "uptime": [np.nan, 0.85, np.nan, 1.0],
        "operators": [np.nan, 0, np.nan, 1],
        "inventory_units": [np.nan, np.nan, 7000, np.nan],
        "wait": ["5 days", None, None, None],
        "category": ["waste", "VA", "waste", "NNVA"],
    })
    return lean.value_stream(steps, demand_per_day=920, available_s_per_day=55_200, name="now")


def _texts(ax) -> list[str]:
    return [ax.get_title(), *(t.get_text() for t in ax.texts)]


def _warning(func, *args, **kwargs) -> str:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        func(*args, **kwargs)
    assert caught, f"{func.__name__} gave no warning"
    return str(caught[0].message)


# --------------------------------------------------------------------------- value-stream map
def test_value_stream_map_english_unchanged():
    texts = _texts(_stream().plot())
    for expected in ["Value-stream map: now", "C/T 62 s", "C/O 60 min", "uptime 85 %",
                     "operators 1", "no staff", "needs 103 %\nof takt", "62 s",
                     "stampings\n7,000 units", "5.0 d", "timeline: waits (top), processing (bottom)",
                     "box colour: green VA · yellow NNVA · red waste; red frame = slower than takt"]:
        assert any(expected in t for t in texts), (expected, texts)
    info = next(t for t in texts if t.startswith("Lead time"))
    assert info.splitlines()[1:] == ["Processing time = 63 s", "PCE = 0.00578 %",
                                     "Takt = 60 s/unit"]
    assert not any(HAN.search(t) for t in texts)


def test_value_stream_map_in_chinese():
    coursekit.set_language("zh")
    texts = _texts(_stream().plot())
    for expected in ["价值流图：now", "C/T 62 秒", "C/O 60 分钟", "可动率 85 %", "操作工 1 人",
                     "无操作工", "需节拍时间的\n103 %", "62 秒", "stampings\n7,000 件", "5.0 天",
                     "时间阶梯线：上为等待，下为加工", "红框 = 慢于节拍", "必要非增值"]:
        assert any(expected in t for t in texts), (expected, texts)
    info = next(t for t in texts if t.startswith("生产周期"))
    assert "加工时间 = 63 秒" in info and "节拍时间 = 60 秒/件" in info and "PCE" in info
    english = re.compile(r"\b(Lead time|uptime|operators|needs|timeline|units|days|Takt)\b")
    assert not any(english.search(t) for t in texts), texts
    # a title given by the caller is used as it is
    assert _stream().plot(title="现状图").get_title() == "现状图"


# --------------------------------------------------------------------------- PLS charts
@pytest.fixture(scope="module")
def pls():
    rng = np.random.default_rng(0)
    a = rng.normal(size=200)
    b = 0.6 * a + rng.normal(scale=0.8, size=200)
    data = pd.DataFrame({f"a{i}": a + rng.normal(scale=0.5, size=200) for i in (1, 2)}
                        | {f"b{i}": b + rng.normal(scale=0.5, size=200) for i in (1, 2)})
    return pls_path(data, {"A": ["a1", "a2"], "B": ["b1", "b2"]}, {"B": ["A"]})


def test_pls_charts_english_unchanged(pls):
    assert pls.diagram().get_title() == (
        "PLS path model: standardised path coefficients (arrows) and R² (boxes)")
    ax = pls.plot()
    assert ax.get_title() == "PLS path coefficients"
    assert ax.get_xlabel().startswith("standardised path coefficient (SD change")
    assert ax.get_ylabel() == "arrow (source → target)"
    assert repr(pls).startswith("PLSResult(2 latents, scheme=")


def test_pls_charts_in_chinese(pls):
    coursekit.set_language("zh")
    assert pls.diagram().get_title().startswith("偏最小二乘路径模型：标准化路径系数")
    ax = pls.plot()
    assert all(HAN.search(t) for t in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()))
    assert "潜变量" in repr(pls) and "A→B" in repr(pls)


# --------------------------------------------------------------------------- warnings
def test_warnings_follow_the_language():
    en = [_warning(weights.ahp_weights, CARELESS),
          _warning(stp.attractiveness, pd.DataFrame({"a": [1, 2], "b": [3, 4]}),
                   {"a": 2, "b": 2})]
    assert en[0].startswith("AHP consistency ratio CR = 2.116 ≥ 0.10: the pairwise")
    assert en[1] == "The weights sum to 4, not 1; they were rescaled to sum to 1 (a: 0.500, b: 0.500)."
    coursekit.set_language("zh")
    zh = [_warning(weights.ahp_weights, CARELESS),
          _warning(stp.attractiveness, pd.DataFrame({"a": [1, 2], "b": [3, 4]}),
                   {"a": 2, "b": 2}),
          _warning(grading.pareto_chart, pd.DataFrame({"s": [1.0, 2.0, 3.0]}), "s")]
    assert zh[0].startswith("层次分析法的一致性比率 CR = 2.116 ≥ 0.10")
    assert "权重之和为 4" in zh[1] and "a: 0.500" in zh[1]
    assert "旧名称将被删除" in zh[2]


def test_grade_matrix_veto_warning_in_chinese():
    df = pd.DataFrame({"revenue": [12.0, 1.0], "influence": [1.0, 2.0]})
    kwargs = {"x": "revenue", "y": "influence", "x_cuts": [5], "y_cuts": [1.5],
              "table": [["C", "B"], ["B", "A"]], "veto": [("revenue", ">=", 10, "A")]}
    assert "deciding rule" in _warning(grading.grade_matrix, df, **kwargs)
    coursekit.set_language("zh")
    text = _warning(grading.grade_matrix, df, **kwargs)
    assert "一票决定制" in text and "decide=[...]" in text


# --------------------------------------------------------------------------- reprs
def test_reprs_follow_the_language():
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"x": np.r_[rng.normal(0, 1, 30), rng.normal(8, 1, 30)]})
    seg = stp.segment(df, ["x"], 2)
    conc = value.concentration(pd.Series([1.0, 2.0, 3.0, 10.0]))
    ratings = pd.DataFrame(rng.uniform(1, 5, size=(4, 3)), index=list("PQRS"),
                           columns=["fast", "cheap", "tasty"])
    pmap = stp.perceptual_map(ratings)
    en = [repr(seg), repr(conc), repr(pmap)]
    assert en[0].startswith("Segmentation(k=2, sizes=[30, 30], silhouette=")
    assert en[1] == "ConcentrationResult(customers=4, gini=0.438, top 20% share=0.625)"
    assert en[2].startswith("PerceptualMap(method='pca', brands=4, attributes=3, shown=")
    coursekit.set_language("zh")
    zh = [repr(seg), repr(conc), repr(pmap)]
    assert "轮廓系数" in zh[0] and "[30, 30]" in zh[0]
    assert "基尼系数 gini=0.438" in zh[1]
    assert "品牌 brands=4" in zh[2]


# --------------------------------------------------------------------------- display tables
def test_rfm_segments_have_chinese_actions():
    seg = grading.RFM_SEGMENTS
    assert list(seg.columns) == ["r_high", "f_high", "m_high", "segment", "segment_zh",
                                 "action", "action_zh"]
    assert seg["action"].iloc[0] == "keep: VIP service, early access, ask for referrals"
    assert seg["action_zh"].map(lambda t: bool(HAN.search(t))).all()
    assert seg["action_zh"].is_unique
    # rfm()'s output keeps its columns (English notebooks print it whole)
    tx = pd.DataFrame({"id": [1, 1, 2], "day": pd.to_datetime(["2025-01-05", "2025-03-01",
                                                               "2025-02-10"]),
                       "cny": [30.0, 45.0, 200.0]})
    out = grading.rfm(tx, customer="id", date="day", amount="cny", as_of="2025-06-30", bins=3)
    assert out.columns[-3:].tolist() == ["segment", "segment_zh", "action"]


def test_stage_actions_follow_the_language():
    en = dict(lifecycle.STAGE_ACTIONS)
    assert list(en) == list(lifecycle.STAGES)
    assert en["lapsed"] == "win-back campaign for the valuable ones; accept losing the rest"
    assert set(lifecycle.STAGE_ACTIONS_ZH) == set(lifecycle.STAGES) == set(lifecycle.STAGES_ZH)
    coursekit.set_language("zh")
    assert dict(lifecycle.STAGE_ACTIONS) == lifecycle.STAGE_ACTIONS_ZH
    assert list(lifecycle.STAGE_ACTIONS) == list(lifecycle.STAGES)  # the keys stay English
    assert "交叉销售" in lifecycle.STAGE_ACTIONS["growth"]
    coursekit.set_language("en")
    assert dict(lifecycle.STAGE_ACTIONS) == en
