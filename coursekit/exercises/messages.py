"""Every message of the exercise engine, in English and Chinese (a test keeps them paired)."""

from __future__ import annotations

from .._lang import get_language

MESSAGES: dict[str, dict[str, str]] = {
    "unanswered": {
        "en": "Not attempted yet: replace `...` with your answer and run the cell again.",
        "zh": "尚未作答：把 `...` 换成你的答案，再运行这个单元格。",
    },
    "correct": {"en": "Correct!", "zh": "正确！"},
    "not_yet": {"en": "Not yet.", "zh": "还不对。"},
    "too_high": {
        "en": "Your number is too high.",
        "zh": "你的数字偏大。",
    },
    "too_low": {
        "en": "Your number is too low.",
        "zh": "你的数字偏小。",
    },
    "as_share": {
        "en": "It looks like you gave a percentage (e.g. 80); give it as a share (e.g. 0.8).",
        "zh": "你给出的似乎是百分数（如 80），请写成小数（如 0.8）。",
    },
    "as_percent": {
        "en": "It looks like you gave a share (e.g. 0.8); give it as a percentage (e.g. 80).",
        "zh": "你给出的似乎是小数（如 0.8），请写成百分数（如 80）。",
    },
    "as_count": {
        "en": "It looks like you gave a share (between 0 and 1); the question asks for a count.",
        "zh": "你给出的似乎是比例（0 到 1 之间），而题目要的是个数。",
    },
    "close": {
        "en": "You are close — check rounding and the exact formula.",
        "zh": "已经很接近了——检查一下四舍五入和公式细节。",
    },
    "need_number_text": {
        "en": "Expected a number, but got the text {got!r}. Remove the quotes, e.g. 0.8 not '0.8'.",
        "zh": "这里需要一个数字，但你给的是文本 {got!r}。去掉引号，例如写 0.8 而不是 '0.8'。",
    },
    "need_number_type": {
        "en": "Expected a single number, but got a {got}.",
        "zh": "这里需要一个数字，但你给的是 {got}。",
    },
    "need_number_series": {
        "en": "Expected a single number, but got a {got} with {n} values. "
        "Pick the one number you need (e.g. .sum(), .mean() or .iloc[0]).",
        "zh": "这里需要一个数字，但你给的是含 {n} 个值的 {got}。请取出所需的那个数（如 .sum()、.mean() 或 .iloc[0]）。",
    },
    "nan": {
        "en": "Your answer is NaN (a missing value). Check for empty data or a division by zero.",
        "zh": "你的答案是 NaN（缺失值）。检查是否有空数据或除以零。",
    },
    "need_type": {
        "en": "Expected {expected}, but got a {got}.",
        "zh": "这里需要 {expected}，但你给的是 {got}。",
    },
    "wrong_value": {
        "en": "That is not the right value.",
        "zh": "这个值不对。",
    },
    "wrong_items": {
        "en": "{n_missing} item(s) missing and {n_extra} item(s) that should not be there.",
        "zh": "缺少 {n_missing} 项，多出 {n_extra} 项不该有的。",
    },
    "wrong_order": {
        "en": "The right items, but in the wrong order.",
        "zh": "内容对了，但顺序不对。",
    },
    "need_series": {
        "en": "Expected a pandas Series (one column), but got a {got}.",
        "zh": "这里需要一个 pandas Series（一列），但你给的是 {got}。",
    },
    "need_frame": {
        "en": "Expected a pandas DataFrame (a table), but got a {got}.",
        "zh": "这里需要一个 pandas DataFrame（表格），但你给的是 {got}。",
    },
    "wrong_length": {
        "en": "Expected {expected} rows, but your answer has {got}.",
        "zh": "应有 {expected} 行，但你的答案有 {got} 行。",
    },
    "missing_columns": {
        "en": "Missing column(s): {cols}.",
        "zh": "缺少列：{cols}。",
    },
    "extra_columns": {
        "en": "Column(s) that should not be there: {cols}.",
        "zh": "多出的列：{cols}。",
    },
    "missing_rows": {
        "en": "Missing row(s) with index {rows}.",
        "zh": "缺少索引为 {rows} 的行。",
    },
    "extra_rows": {
        "en": "Row(s) that should not be there: index {rows}.",
        "zh": "多出索引为 {rows} 的行。",
    },
    "differing_values": {
        "en": "Values differ in {n} row(s), e.g. index {rows}{where}.",
        "zh": "有 {n} 行的值不对，例如索引 {rows}{where}。",
    },
    "in_columns": {"en": " (column(s) {cols})", "zh": "（列 {cols}）"},
    "wrong_order_rows": {
        "en": "The right rows, but in a different order: sort them as the question asks.",
        "zh": "行是对的，但顺序不同：请按题目要求排序。",
    },
    "not_callable": {
        "en": "Expected a function (def name(...): ...), but got a {got}.",
        "zh": "这里需要一个函数（def 名字(...): ...），但你给的是 {got}。",
    },
    "raised": {
        "en": "Your function raised {error} for the input {call}: {detail}",
        "zh": "输入 {call} 时，你的函数出错 {error}：{detail}",
    },
    "case_wrong": {
        "en": "Your function gives a wrong result for the input {call} (it returned {got}).",
        "zh": "输入 {call} 时，你的函数结果不对（返回了 {got}）。",
    },
    "cases_passed": {
        "en": "All {n} test cases pass.",
        "zh": "全部 {n} 个测试用例通过。",
    },
    "unknown_option": {
        "en": "{got!r} is not one of the options. Choose from: {options}.",
        "zh": "{got!r} 不是选项之一。请从这些选项中选：{options}。",
    },
    "choose_one": {
        "en": "Choose exactly one option, e.g. \"b\".",
        "zh": "请只选一个选项，例如 \"b\"。",
    },
    "choose_many": {
        "en": "Choose all options that apply, e.g. [\"a\", \"c\"].",
        "zh": "请选出所有正确的选项，例如 [\"a\", \"c\"]。",
    },
    "missed_options": {
        "en": "You missed {n} correct option(s).",
        "zh": "你漏选了 {n} 个正确选项。",
    },
    "wrong_options": {
        "en": "{n} of your options are not correct.",
        "zh": "你选的选项中有 {n} 个不正确。",
    },
    "need_text": {
        "en": "Write your answer as text in quotes, e.g. \"\"\"My answer ...\"\"\".",
        "zh": "请把答案写成带引号的文本，例如 \"\"\"我的回答……\"\"\"。",
    },
    "too_short": {
        "en": "Write a bit more: at least {n} characters (you wrote {got}).",
        "zh": "请多写一些：至少 {n} 个字符（你写了 {got} 个）。",
    },
    "reflection_done": {
        "en": "Thank you — now compare your answer with the model answer and the checklist below.",
        "zh": "谢谢——请把你的回答与下面的参考答案和评价要点对照。",
    },
    "model_answer": {"en": "Model answer", "zh": "参考答案"},
    "rubric": {"en": "Check your answer", "zh": "自我评价要点"},
    "hint": {"en": "Hint {n} of {total}", "zh": "提示 {n}/{total}"},
    "no_hints": {
        "en": "There are no more hints. Use .solution() to see the worked answer.",
        "zh": "没有更多提示了。用 .solution() 查看完整解答。",
    },
    "solution": {"en": "Solution", "zh": "解答"},
    "internal": {
        "en": "This question has a problem (not your answer): please tell your trainer "
              "(question {id}, {error}).",
        "zh": "这道题本身出了问题（不是你的答案的问题）：请告诉老师（题目 {id}，{error}）。",
    },
    "progress_title": {"en": "Your progress", "zh": "你的进度"},
    "progress_passed": {"en": "passed", "zh": "通过"},
    "progress_attempted": {"en": "attempted", "zh": "已尝试"},
    "progress_not_attempted": {"en": "not attempted", "zh": "未作答"},
    "progress_summary": {
        "en": "{passed} passed, {attempted} attempted, {todo} not attempted (of {total}).",
        "zh": "通过 {passed} 题，尝试 {attempted} 题，未作答 {todo} 题（共 {total} 题）。",
    },
    "progress_none": {
        "en": "No exercises loaded yet: import a chapter, e.g. from coursekit.exercises import ch00.",
        "zh": "还没有加载练习：先导入一章，例如 from coursekit.exercises import ch00。",
    },
    "question": {"en": "Question", "zh": "题目"},
    "hints_used": {"en": "hints", "zh": "提示"},
}


def msg(key: str, **kwargs: object) -> str:
    """The message ``key`` in the current language, formatted with ``kwargs``."""
    entry = MESSAGES[key]
    text = entry.get(get_language()) or entry["en"]
    return text.format(**kwargs)
