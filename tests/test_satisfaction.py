"""Tests of coursekit.satisfaction (chapter 04): published examples, bad inputs, invariants."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import satisfaction as sat

EXPORTS = Path(__file__).resolve().parents[1] / "datasets" / "exports"
FAST = settings(max_examples=40, deadline=None)

# --------------------------------------------------------------------------------------
# read_survey
# --------------------------------------------------------------------------------------

META = ["序号", "提交答卷时间", "所用时间(秒)", "来源", "来源详情", "来自IP"]
Q_TASTE = "4、您对咖啡口味的满意程度"


@pytest.mark.parametrize(
    ("name", "encoding", "file_type"),
    [
        ("wjx_text_gbk.csv", "gbk", "csv"),
        ("wjx_text_utf8bom.csv", "utf-8-sig", "csv"),
        ("wjx_text.xlsx", "xlsx", "xlsx"),
        ("wjx_text.xls", "xls", "xls"),
    ],
)
def test_read_text_downloads_agree(name, encoding, file_type):
    df = sat.read_survey(EXPORTS / name)
    assert df.attrs["encoding"] == encoding
    assert df.attrs["file_type"] == file_type
    assert df.attrs["answers"] == "text"
    assert df.attrs["metadata"] == META
    assert list(df.columns[:6]) == META
    assert Q_TASTE in df.columns and "第9题(口味)" in df.columns  # headers kept
    assert len(df) == 40
    assert pd.api.types.is_datetime64_any_dtype(df["提交答卷时间"])
    assert df["序号"].tolist() == list(range(1, 41))
    reference = sat.read_survey(EXPORTS / "wjx_text_gbk.csv")
    pd.testing.assert_frame_equal(df, reference, check_dtype=False)


def test_read_code_download_is_numeric_and_skips_are_missing():
    codes = sat.read_survey(EXPORTS / "wjx_code_gbk.csv")
    text = sat.read_survey(EXPORTS / "wjx_text_gbk.csv")
    assert codes.attrs["answers"] == "codes"
    assert pd.api.types.is_float_dtype(codes[Q_TASTE])
    # -3 (skipped) in the code download ↔ (跳过) in the text download: same rows missing
    assert codes[Q_TASTE].isna().equals(text[Q_TASTE].isna())
    assert not (codes.select_dtypes("number") < 0).any().any()
    # code 1 = 非常满意 (the first option listed): the 'reversed codes' trap
    both = pd.DataFrame({"code": codes[Q_TASTE], "label": text[Q_TASTE]}).dropna()
    assert set(both.loc[both["code"] == 1, "label"]) == {"非常满意"}
    pd.testing.assert_frame_equal(
        sat.read_survey(EXPORTS / "wjx_code.xlsx"), codes, check_dtype=False
    )


def test_read_wenjuanwang_gb18030():
    df = sat.read_survey(EXPORTS / "wjw_text_gb18030.csv")
    assert df.attrs["encoding"] == "gb18030"
    assert "答题时长(秒)" in df.attrs["metadata"]
    assert df["答题时长(秒)"].iloc[0] == 292
    assert "𠮷" in df.iloc[6, -1]
    assert df.iloc[:, -1].isna().sum() >= 1  # empty cell → missing


def test_read_duration_and_skips_and_codes(tmp_path):
    csv = ("序号,提交答卷时间,所用时间,来源,来自IP,1、满意程度,2、推荐,3、建议\n"
           "1,2025/5/3 9:10:11,2分5秒,微信,198.51.100.7(上海-上海),2,-2,(跳过)\n"
           "2,2025/5/3 9:12:40,48秒,手机提交,198.51.100.8(上海-上海),-3,9,好\n"
           "3,2025/5/3 9:20:00,1小时0分3秒,链接,198.51.100.9(上海-上海),5,10,\n")
    path = tmp_path / "x.csv"
    path.write_bytes(csv.encode("utf-8"))
    df = sat.read_survey(path)
    assert df.attrs["encoding"] == "utf-8"
    assert df["所用时间(秒)"].tolist() == [125.0, 48.0, 3603.0]
    assert df["1、满意程度"].tolist()[1:] == [pytest.approx(math.nan, nan_ok=True), 5.0]
    assert math.isnan(df["1、满意程度"][1]) and math.isnan(df["2、推荐"][0])
    assert df["3、建议"].isna().tolist() == [True, False, True]


def test_read_multi_select(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes("序号,3、时段\n1,早上┋下午\n2,晚上\n3,(跳过)\n".encode("gbk"))
    kept = sat.read_survey(path)
    assert kept["3、时段"][0] == "早上┋下午"
    lists = sat.read_survey(path, multi="list")
    assert lists["3、时段"][0] == ["早上", "下午"]
    dummies = sat.read_survey(path, multi="dummies")
    assert dummies["3、时段(早上)"].tolist()[:2] == [1.0, 0.0]
    assert math.isnan(dummies["3、时段(晚上)"][2])


def test_read_survey_given_encoding(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes("序号,1、口味\n1,满意\n".encode("gbk"))
    assert sat.read_survey(path, encoding="gbk")["1、口味"][0] == "满意"
    with pytest.raises(ValueError, match="cannot be read as 'utf-8'"):
        sat.read_survey(path, encoding="utf-8")


def test_read_survey_unknown_formats(tmp_path):
    html = tmp_path / "fake.xls"
    html.write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")
    with pytest.raises(ValueError, match=r"web page \(HTML\).*Save as"):
        sat.read_survey(html)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(ValueError, match="a PDF document"):
        sat.read_survey(pdf)
    sav = tmp_path / "data.sav"
    sav.write_bytes(b"$FL2@(#) SPSS DATA FILE")
    with pytest.raises(ValueError, match=r"a '\.sav' file"):
        sat.read_survey(sav)
    with pytest.raises(ValueError, match="No file .*that folder holds"):
        sat.read_survey(tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_bytes("序号,1、口味\n".encode())
    with pytest.raises(ValueError, match="has no answers"):
        sat.read_survey(empty)
    with pytest.raises(ValueError, match="`multi` must be one of"):
        sat.read_survey(EXPORTS / "wjx_text_gbk.csv", multi="split")


def test_parse_duration_and_detect_encoding():
    assert sat.parse_duration("2分5秒") == 125
    assert math.isnan(sat.parse_duration("--"))
    with pytest.raises(ValueError, match="Cannot read the duration 'two minutes'"):
        sat.parse_duration("two minutes")
    assert sat.detect_encoding("非常满意".encode("gbk")) == "gbk"


def test_split_multi_rejects_frames():
    with pytest.raises(TypeError, match="one column"):
        sat.split_multi(pd.DataFrame({"a": ["x"]}))


# --------------------------------------------------------------------------------------
# to_scores
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "labels", "expected"),
    [
        ("zh5", ["非常满意", "满意", "一般", "不满意", "非常不满意"], [5, 4, 3, 2, 1]),
        ("zh5b", ["很满意", "满意", "基本满意", "不太满意", "不满意"], [5, 4, 3, 2, 1]),
        ("en5", ["Very satisfied", "SATISFIED", "Neutral", "dissatisfied",
                 "Very dissatisfied"], [5, 4, 3, 2, 1]),
        ("en7", ["Very satisfied", "Somewhat satisfied", "Neither satisfied nor dissatisfied",
                 "Somewhat dissatisfied", "Very dissatisfied"], [7, 5, 4, 3, 1]),
        ("zh7", ["非常满意", "比较满意", "一般", "比较不满意", "非常不满意"], [7, 5, 4, 3, 1]),
        ("agree_en5", ["Strongly agree", "Neither agree nor disagree"], [5, 3]),
        # the course textbook's five levels: 满意 5 / 较满意 4 / 一般 3 / 较不满意 2 / 不满意 1
        ("textbook5", ["满意", "较满意", "一般", "较不满意", "不满意"], [5, 4, 3, 2, 1]),
    ],
)
def test_to_scores_builtin_scales(scale, labels, expected):
    assert sat.to_scores(pd.Series(labels), scale).tolist() == expected


def test_to_scores_recognises_the_scale_or_asks():
    textbook = pd.Series(["满意", "较满意", "一般", None, "不满意"], name="overall")
    scores = sat.to_scores(textbook)
    assert scores.tolist()[:3] == [5.0, 4.0, 3.0] and scores.attrs["scale"] == "textbook5"
    frame = pd.DataFrame({"a": ["非常满意", "满意", "一般", "不满意", "非常不满意"],
                          "b": ["满意", "较满意", "一般", "较不满意", "不满意"]})
    before = frame.copy()
    # 'a' fits zh5 and zh7 (非常满意 = 5 or 7): ambiguous, named, not guessed
    with pytest.raises(ValueError, match=r"Column 'a' has .*several scales.*'zh5' \(非常满意 = 5\), "
                                         r"'zh7' \(非常满意 = 7\).*scale="):
        sat.to_scores(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert sat.to_scores(frame[["b"]]).attrs["scale"] == {"b": "textbook5"}
    # the labels shared by the textbook scale and zh5 score differently: ask
    with pytest.raises(ValueError, match=r"'textbook5' \(满意 = 5\), 'zh5' \(满意 = 4\)"):
        sat.to_scores(["满意", "一般", "不满意"])
    # labels that score the same in every fitting scale are not ambiguous
    assert sat.to_scores(["很满意", "很不满意"]).tolist() == [5.0, 1.0]
    assert sat.which_scales(["较满意"]) == ["textbook5"]
    with pytest.raises(ValueError, match="fit no built-in scale"):
        sat.to_scores(["棒", "好"])
    with pytest.raises(ValueError, match="option codes"):
        sat.to_scores(pd.Series([1, 2, 5]))
    with pytest.raises(ValueError, match="no answers"):
        sat.to_scores(pd.Series([None, None], dtype=object))
    with pytest.raises(ValueError, match="no longer built in.*textbook5"):
        sat.to_scores(["满意"], "textbook100")


def test_to_scores_frames_missing_and_custom_mappings():
    answers = pd.DataFrame({"taste": ["满意", None, " 一般 "], "price": ["不满意"] * 3})
    before = answers.copy()
    scores = sat.to_scores(answers, "zh5")
    pd.testing.assert_frame_equal(answers, before)  # caller's data unchanged
    assert scores["taste"].tolist()[::2] == [4.0, 3.0] and math.isnan(scores["taste"][1])
    assert list(scores.index) == list(answers.index)
    reverse = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}
    assert sat.to_scores(pd.Series([1.0, 5.0, np.nan]), reverse).tolist()[:2] == [5.0, 1.0]
    assert sat.to_scores(["1", "4"], reverse).tolist() == [5.0, 2.0]


def test_to_scores_unknown_labels_are_listed():
    with pytest.raises(ValueError, match=r"does not know 2 label\(s\).*'还行' \(2×\), 'OK' \(1×\)"):
        sat.to_scores(pd.Series(["满意", "还行", "还行", "OK"]), "zh5")
    with pytest.raises(ValueError, match="in column 'taste'"):
        sat.to_scores(pd.DataFrame({"taste": ["满意", "棒"]}), "zh5")
    with pytest.raises(ValueError, match="Unknown scale 'likert'. Built-in scales: textbook5, zh5"):
        sat.to_scores(["满意"], "likert")
    with pytest.raises(TypeError, match="single value '满意'"):
        sat.to_scores("满意", "zh5")
    with pytest.raises(TypeError, match="scale name such as 'zh5'"):
        sat.to_scores(["满意"], 5)
    with pytest.raises(TypeError, match="must be a number, but got the text"):
        sat.to_scores(["满意"], {"满意": "four"})


# --------------------------------------------------------------------------------------
# satisfaction_rate, satisfaction_index, item_summary
# --------------------------------------------------------------------------------------


def test_satisfaction_rate_examples():
    scores = [5, 4, 4, 3, 1, np.nan]
    assert sat.satisfaction_rate(scores) == pytest.approx(3 / 5)  # missing left out
    assert sat.satisfaction_rate(scores, top_box=1) == pytest.approx(1 / 5)
    assert sat.satisfaction_rate([7, 6, 5, 1], scale_max=7) == pytest.approx(0.5)
    frame = pd.DataFrame({"a": [5, 5], "b": [1, 4]})
    assert sat.satisfaction_rate(frame, level="item").to_dict() == {"a": 1.0, "b": 0.5}


def test_satisfaction_rate_counts_customers_by_hand():
    # 4 customers, 2 items: customer means 4.5, 3.0, 3.5, 4.0 → 2 of 4 satisfied (mean ≥ 4)
    items = pd.DataFrame({"taste": [5, 4, 4, 5], "speed": [4, 2, 3, 3]})
    before = items.copy()
    assert sat.satisfaction_rate(items, rule="mean") == 0.5
    assert sat.satisfaction_rate(items, rule="all") == 0.25  # only customer 0 has both ≥ 4
    # the pooled share of answers is another number: 5 of 8 answers are 4 or 5
    assert sat.satisfaction_rate(items, level="answer") == 5 / 8
    assert sat.satisfaction_rate(items["taste"]) == 1.0  # one column = one answer per customer
    assert sat.satisfied_customers(items, rule="mean").tolist() == [True, False, False, True]
    pd.testing.assert_frame_equal(items, before)
    # a stated threshold on another scale: 8 or more of 10
    assert sat.satisfaction_rate([10, 8, 7, 3], scale_max=10, threshold=8) == 0.5
    # missing answers: a customer with none is left out; 'all' ignores unanswered items
    gaps = pd.DataFrame({"a": [5, np.nan, 2], "b": [4, np.nan, np.nan]})
    assert sat.satisfied_customers(gaps, rule="all").tolist() == [True, pd.NA, False]
    assert sat.satisfaction_rate(gaps, rule="all") == 0.5


def test_satisfaction_rate_of_several_items_needs_a_rule():
    items = pd.DataFrame({"taste": [5, 4], "speed": [4, 2]})
    with pytest.raises(ValueError, match=r"counts customers.*rule='mean'.*level='item'.*level='answer'"):
        sat.satisfaction_rate(items)
    with pytest.raises(ValueError, match="`rule` must be one of"):
        sat.satisfaction_rate(items, rule="most")
    with pytest.raises(ValueError, match="`level` must be one of"):
        sat.satisfaction_rate(items, level="respondent")
    with pytest.raises(ValueError, match="`threshold` must lie above 1"):
        sat.satisfaction_rate([4, 5], threshold=6)


@FAST
@given(st.lists(st.lists(st.one_of(st.integers(1, 5), st.just(np.nan)), min_size=3, max_size=3),
                min_size=1, max_size=40),
       st.sampled_from(["mean", "all"]))
def test_customer_rate_in_0_1_and_all_never_above_mean(rows, rule):
    df = pd.DataFrame(rows, columns=["a", "b", "c"], dtype=float)
    if df.isna().all(axis=None):
        return
    rate = sat.satisfaction_rate(df, rule=rule)
    assert 0 <= rate <= 1
    assert sat.satisfaction_rate(df, rule="all") <= sat.satisfaction_rate(df, rule="mean") + 1e-12
    assert 0 <= sat.satisfaction_rate(df, level="answer") <= 1


def test_satisfaction_rate_bad_inputs():
    with pytest.raises(ValueError, match="outside the scale 1–5, e.g. 6.0"):
        sat.satisfaction_rate([5, 6])
    with pytest.raises(ValueError, match="`top_box` must be a whole number from 1 to 4"):
        sat.satisfaction_rate([5, 4], top_box=5)
    with pytest.raises(ValueError, match="must hold numbers.*'满意'"):
        sat.satisfaction_rate(["满意", 4])
    with pytest.raises(ValueError, match="no answers"):
        sat.satisfaction_rate([np.nan, np.nan])
    with pytest.raises(ValueError, match="empty"):
        sat.satisfaction_rate([])
    with pytest.raises(ValueError, match="`scale_max` must be a whole number"):
        sat.satisfaction_rate([1, 2], scale_max=1)


def test_satisfaction_index_textbook_first_then_0_100():
    # hand-worked: item means 4 and 3, weights 0.75/0.25 → Σ w·x̄ = 3.75 of 5 (textbook)
    df = pd.DataFrame({"taste": [5, 3], "price": [2, 4]})
    w = {"taste": 3, "price": 1}  # normalised to 0.75 / 0.25
    assert sat.satisfaction_index(df, w) == pytest.approx(3.75)
    assert sat.satisfaction_index(df, w, method="range") == pytest.approx((3.75 - 1) / 4 * 100)
    assert sat.satisfaction_index(df, w, method="max") == pytest.approx(3.75 / 5 * 100)  # 75
    assert sat.satisfaction_index(df, method="range") == pytest.approx((3.5 - 1) / 4 * 100)
    # the textbook's five labels scored 5 … 1, then the weighted average
    labels = pd.DataFrame({"q1": ["满意", "较满意", "一般"], "q2": ["较满意", "较满意", "满意"]})
    scores = sat.to_scores(labels, "textbook5")
    assert sat.satisfaction_index(scores, {"q1": 0.4, "q2": 0.6}) == pytest.approx(
        0.4 * 4 + 0.6 * (13 / 3))
    # a missing answer is left out of its item's mean
    df2 = pd.DataFrame({"a": [5, np.nan], "b": [1, 1]})
    assert sat.satisfaction_index(df2, method="range") == pytest.approx(50.0)
    assert sat.satisfaction_index(df2) == pytest.approx(3.0)


def test_measurement_workflow_has_the_ten_steps_of_the_texts():
    wf = sat.measurement_workflow()
    assert len(wf) == 10 and "分析评价" in wf["step"].tolist()
    assert wf["in the kit"].str.len().min() > 0


def test_satisfaction_index_bad_inputs():
    df = pd.DataFrame({"taste": [5, 3], "price": ["满意", "一般"]})
    with pytest.raises(ValueError, match="Column 'price' of `df` must hold numbers"):
        sat.satisfaction_index(df)
    with pytest.raises(ValueError, match=r"no column 'tast'.*did you mean 'taste'"):
        sat.satisfaction_index(df, {"tast": 1})
    with pytest.raises(ValueError, match="`method` must be one of 'mean', 'range', 'max'"):
        sat.satisfaction_index(df[["taste"]], method="percent")
    with pytest.raises(ValueError, match="outside the scale 1–5"):
        sat.satisfaction_index(pd.DataFrame({"a": [0, 5]}))
    with pytest.raises(ValueError, match="lowest < highest"):
        sat.satisfaction_index(df[["taste"]], scale=(5, 1))
    with pytest.raises(ValueError, match="empty"):
        sat.satisfaction_index(pd.DataFrame({"a": []}))
    with pytest.raises(ValueError, match="have no answers at all"):
        sat.satisfaction_index(pd.DataFrame({"a": [np.nan, np.nan], "b": [1, 2]}))
    with pytest.raises(TypeError, match="DataFrame"):
        sat.satisfaction_index(pd.Series([1, 2]))


@FAST
@given(
    st.lists(st.lists(st.integers(1, 5), min_size=3, max_size=3), min_size=1, max_size=30),
    st.lists(st.floats(0.01, 10), min_size=3, max_size=3),
    st.sampled_from(["range", "max", "mean"]),
)
def test_index_within_0_100_and_input_unchanged(rows, weights, method):
    df = pd.DataFrame(rows, columns=["a", "b", "c"])
    before = df.copy()
    value = sat.satisfaction_index(df, dict(zip("abc", weights, strict=True)), method=method)
    if method == "mean":
        assert 1 - 1e-9 <= value <= 5 + 1e-9  # on the answer scale
    else:
        assert 0 - 1e-9 <= value <= 100 + 1e-9
    if method == "max":
        assert value >= 20 - 1e-9  # the lowest answer, 1 of 5, scores 20
    pd.testing.assert_frame_equal(df, before)
    rate = sat.satisfaction_rate(df["a"])
    assert 0 <= rate <= 1


def test_item_summary_rate_and_index_disagree():
    df = pd.DataFrame({"taste": [5, 4, 4, 1], "price": [4, 4, 3, 3]})
    table = sat.item_summary(df)
    assert table.loc["taste", "index"] == table.loc["price", "index"] == 62.5
    assert table.loc["taste", "rate"] > table.loc["price", "rate"]
    with pytest.raises(ValueError, match="starts at 1"):
        sat.item_summary(df, scale=(0, 5))


# --------------------------------------------------------------------------------------
# Cronbach's alpha
# --------------------------------------------------------------------------------------

# mtcars (Henderson & Velleman 1981, "Building multiple regression models interactively",
# Biometrics 37, 391–411; data from Motor Trend 1974), columns cyl, gear, carb, hp.
MTCARS = pd.DataFrame({
    "cyl": [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4,
            8, 6, 8, 4],
    "gear": [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5,
             5, 5, 5, 4],
    "carb": [4, 4, 1, 1, 2, 1, 4, 2, 2, 4, 4, 3, 3, 3, 4, 4, 4, 1, 2, 1, 1, 2, 2, 4, 2, 1, 2, 2,
             4, 6, 8, 2],
    "hp": [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66,
           52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
})


def test_cronbach_alpha_published_examples():
    # Lüdecke et al., R package `performance` (JOSS 2021), tests/testthat/test-cronbachs_alpha.R:
    # cronbachs_alpha(mtcars[, c("cyl", "gear", "carb", "hp")]) == 0.09463206
    assert MTCARS[["cyl"]].mean().item() == 6.1875 and MTCARS["hp"].sum() == 4694
    assert sat.cronbach_alpha(MTCARS) == pytest.approx(0.09463206, abs=1e-7)
    # Bobbitt, "How to Calculate Cronbach's Alpha in Python", Statology (2021), computed with
    # pingouin.cronbach_alpha: 0.7734375 for these three questions answered by 10 people
    q = pd.DataFrame({"Q1": [1, 2, 2, 3, 2, 2, 3, 3, 2, 3],
                      "Q2": [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
                      "Q3": [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]})
    assert sat.cronbach_alpha(q) == pytest.approx(0.7734375, abs=1e-7)


def test_cronbach_alpha_from_a_known_covariance_matrix():
    # StatsBase.jl documentation, `cronbachalpha` example: covariance matrix
    # [[10,6,6,6],[6,11,6,6],[6,6,12,6],[6,6,6,13]] → alpha 0.8136.
    cov = np.array([[10, 6, 6, 6], [6, 11, 6, 6], [6, 6, 12, 6], [6, 6, 6, 13]], dtype=float)
    z = np.random.default_rng(1).normal(size=(50, 4))
    z = z - z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False)).T)  # sample cov = I
    x = pd.DataFrame(z @ np.linalg.cholesky(cov).T, columns=list("abcd"))
    assert np.allclose(np.cov(x, rowvar=False), cov)
    assert sat.cronbach_alpha(x) == pytest.approx(0.8136, abs=5e-5)
    # standardized alpha = k r̄ / (1 + (k − 1) r̄), r̄ the mean off-diagonal correlation
    r = np.corrcoef(x, rowvar=False)
    rbar = r[~np.eye(4, dtype=bool)].mean()
    assert sat.cronbach_alpha(x, standardized=True) == pytest.approx(4 * rbar / (1 + 3 * rbar))


def test_cronbach_alpha_listwise_and_unchanged():
    q = MTCARS.astype(float)
    q.loc[0, "hp"] = np.nan
    before = q.copy()
    assert sat.cronbach_alpha(q) == pytest.approx(sat.cronbach_alpha(q.dropna()))
    pd.testing.assert_frame_equal(q, before)


def test_cronbach_alpha_bad_inputs():
    with pytest.raises(ValueError, match="at least 2 item columns.*'cyl'"):
        sat.cronbach_alpha(MTCARS[["cyl"]])
    with pytest.raises(ValueError, match="Column 'b' of `items` must hold numbers"):
        sat.cronbach_alpha(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}))
    with pytest.raises(ValueError, match="fewer than 2 respondents"):
        sat.cronbach_alpha(pd.DataFrame({"a": [1, np.nan], "b": [2, 3]}))
    with pytest.raises(ValueError, match="same total score"):
        sat.cronbach_alpha(pd.DataFrame({"a": [1, 2], "b": [2, 1]}))
    with pytest.raises(ValueError, match="'a'.*same answer for everyone"):
        sat.cronbach_alpha(pd.DataFrame({"a": [3, 3, 3], "b": [1, 2, 3]}), standardized=True)
    with pytest.raises(TypeError, match="DataFrame"):
        sat.cronbach_alpha([[1, 2], [2, 3]])
    with pytest.raises(ValueError, match="at least 3 items"):
        sat.alpha_if_deleted(MTCARS[["cyl", "gear"]])


@FAST
@given(st.lists(st.lists(st.integers(1, 5), min_size=3, max_size=3), min_size=3, max_size=25))
def test_alpha_at_most_one(rows):
    df = pd.DataFrame(rows, columns=list("abc"))
    if df.sum(axis=1).var() == 0:
        return
    assert sat.cronbach_alpha(df) <= 1 + 1e-9
    twins = pd.DataFrame({"a": df["a"], "b": df["a"]})
    if df["a"].var() > 0:
        assert sat.cronbach_alpha(twins) == pytest.approx(1.0)


def test_alpha_if_deleted_flags_the_odd_item():
    x = MTCARS[["cyl", "gear", "carb"]]
    deleted = sat.alpha_if_deleted(x)
    assert deleted.idxmax() == "gear"  # gear runs against cyl: dropping it helps most


# --------------------------------------------------------------------------------------
# IPA
# --------------------------------------------------------------------------------------


def test_ipa_quadrants_martilla_james():
    # Martilla & James (1977), "Importance-performance analysis", Journal of Marketing 41(1),
    # 77–79: high importance + low performance = "concentrate here", etc.
    imp = pd.Series({"taste": 4.6, "speed": 4.4, "music": 3.1, "decor": 3.5})
    perf = pd.Series({"taste": 4.2, "speed": 3.3, "music": 3.0, "decor": 4.1})
    out = sat.ipa(imp, perf)
    assert out["quadrant"].to_dict() == {"speed": "concentrate here",
                                         "taste": "keep up the good work",
                                         "music": "low priority", "decor": "possible overkill"}
    assert out["priority"].tolist() == [1, 2, 3, 4]
    assert out.loc["speed", "quadrant_zh"] == "重点改进区"
    assert out.attrs["crosshair"] == pytest.approx((3.9, 3.65))
    fixed = sat.ipa(imp, perf, crosshair=(3, 3))  # scale midpoint: everything is high
    assert set(fixed["quadrant"]) == {"keep up the good work"}


def test_ipa_from_raw_ratings_with_prefixes():
    ratings = pd.DataFrame({"sat_taste": [4, 5], "sat_speed": [2, 3], "imp_taste": [5, 5],
                            "imp_speed": [5, 4]})
    before = ratings.copy()
    out = sat.ipa(ratings.filter(like="imp_"), ratings.filter(like="sat_"))
    assert set(out.index) == {"taste", "speed"}
    assert out.loc["speed", "gap"] == pytest.approx(2.0)
    pd.testing.assert_frame_equal(ratings, before)


def test_ipa_bad_inputs():
    imp = pd.Series({"taste": 4.6, "speed": 4.4})
    with pytest.raises(ValueError, match="only importance has 'speed'.*performance has 'spede'"):
        sat.ipa(imp, pd.Series({"taste": 4.0, "spede": 3.0}))
    with pytest.raises(ValueError, match="`crosshair` must be one of 'mean', 'median'"):
        sat.ipa(imp, imp, crosshair="middle")
    with pytest.raises(ValueError, match="two numbers"):
        sat.ipa(imp, imp, crosshair=(3,))
    with pytest.raises(TypeError, match="must be a Series"):
        sat.ipa([4.6, 4.4], imp)
    with pytest.raises(ValueError, match="must hold numbers"):
        sat.ipa(pd.Series({"taste": "high", "speed": 4}), imp)


def test_plot_ipa_labels():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = sat.ipa(pd.Series({"a": 4.0, "b": 3.0}), pd.Series({"a": 3.0, "b": 4.0}))
    ax = sat.plot_ipa(out)
    assert ax.get_title() and "Importance" in ax.get_ylabel() and "1–5" in ax.get_xlabel()
    plt.close("all")


# --------------------------------------------------------------------------------------
# NPS, sample size, loyalty zones
# --------------------------------------------------------------------------------------


def test_nps_definition():
    # Reichheld (2003), "The one number you need to grow", HBR 81(12): % promoters (9–10)
    # minus % detractors (0–6). 5 promoters, 2 passives, 3 detractors of 10 → 20.
    scores = [10, 9, 8, 7, 6, 0, 10, 10, 5, 9]
    assert sat.nps(scores) == pytest.approx(20.0)
    b = sat.nps_breakdown(scores)
    assert b[["promoters", "passives", "detractors"]].sum() == pytest.approx(1)
    assert sat.nps([10] * 4) == 100 and sat.nps([0, 6]) == -100 and sat.nps([7, 8]) == 0
    assert sat.nps(pd.Series([10, np.nan, 0, 9])) == pytest.approx(100 / 3)


def test_nps_bad_inputs():
    with pytest.raises(ValueError, match="whole numbers 0–10.*11.0"):
        sat.nps([11, 9])
    with pytest.raises(ValueError, match="1–5 satisfaction scores"):
        sat.nps([4.5, 3])
    with pytest.raises(ValueError, match="holds no answers"):
        sat.nps([np.nan])
    with pytest.raises(ValueError, match="must hold numbers"):
        sat.nps(["9", "十"])


@FAST
@given(st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_nps_bounds(scores):
    value = sat.nps(scores)
    assert -100 <= value <= 100


def test_sample_size_published_values():
    # Cochran (1977), Sampling Techniques, 3rd ed.: n0 = z² p q / e² = 1.96² · 0.25 / 0.05²
    # = 384.16 → the classic 385 for ±5 % at 95 % confidence.
    assert sat.sample_size() == 385
    # Krejcie & Morgan (1970), "Determining sample size for research activities",
    # Educational and Psychological Measurement 30, 607–610, Table 1: N = 1000 → 278,
    # N = 100 → 80 (the same formula with the finite-population correction).
    assert sat.sample_size(population=1000) == 278
    assert sat.sample_size(population=100) == 80
    assert sat.sample_size(population=10) <= 10
    assert sat.sample_size(margin=0.03, confidence=0.99) == math.ceil(
        2.5758293035489 ** 2 * 0.25 / 0.03 ** 2)


def test_sample_size_bad_inputs():
    with pytest.raises(ValueError, match="looks like a percentage: write 0.05"):
        sat.sample_size(margin=5)
    with pytest.raises(ValueError, match="`confidence` must be a share"):
        sat.sample_size(confidence=1)
    with pytest.raises(ValueError, match="`population` must be a whole number ≥ 1"):
        sat.sample_size(population=0)
    with pytest.raises(TypeError, match="without quotes"):
        sat.sample_size(margin="5%")
    with pytest.raises(TypeError):
        sat.sample_size(0.05)  # keyword-only


@FAST
@given(st.floats(0.01, 0.2), st.floats(0.5, 0.995), st.integers(1, 100_000))
def test_sample_size_invariants(margin, confidence, population):
    n_inf = sat.sample_size(margin=margin, confidence=confidence)
    n = sat.sample_size(margin=margin, confidence=confidence, population=population)
    assert 1 <= n <= min(population, n_inf)
    assert sat.sample_size(margin=margin * 1.5, confidence=confidence) <= n_inf


def test_loyalty_zone():
    # Jones & Sasser (1995), "Why satisfied customers defect", HBR 73(6): on 1–5 only
    # "completely satisfied" customers (5) are in the zone of affection.
    assert [sat.loyalty_zone(x) for x in (1, 2, 3, 4, 4.5, 5)] == [
        "defection", "defection", "indifference", "indifference", "affection", "affection"]
    zones = sat.loyalty_zone(pd.Series([1, np.nan, 10], index=[7, 8, 9]), scale_max=10)
    assert zones.index.tolist() == [7, 8, 9]
    assert zones[7] == "defection" and pd.isna(zones[8]) and zones[9] == "affection"
    assert zones.cat.ordered


def test_loyalty_zone_bad_inputs():
    with pytest.raises(ValueError, match="outside the scale 1–5"):
        sat.loyalty_zone(7)
    with pytest.raises(TypeError, match="the text"):
        sat.loyalty_zone("5")
    with pytest.raises(ValueError, match="at least 2"):
        sat.loyalty_zone(1, scale_max=1)
    with pytest.raises(ValueError, match="1 ≤ low < high ≤ 5"):
        sat.loyalty_zone([3], cuts=(4, 2))
    with pytest.raises(TypeError, match="two numbers"):
        sat.loyalty_zone([3], cuts=4)


def test_pls_path_is_reexported():
    pls = pytest.importorskip("coursekit._pls")
    assert sat.pls_path is pls.pls_path


def test_export_fixtures_are_reproducible(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_exports", EXPORTS.parents[1] / "tools" / "make_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for csv in sorted(EXPORTS.glob("*.csv")):
        assert (tmp_path / csv.name).read_bytes() == csv.read_bytes(), (
            f"{csv.name} is stale: run .venv/bin/python tools/make_exports.py")
        assert csv.with_suffix(".md").is_file()
