"""Write the small 问卷星 / 问卷网-style survey exports in ``datasets/exports/``.

These files teach *reading a real export* (chapter 04): Chinese headers, GBK encoding,
metadata columns, ``(跳过)`` and ``-3`` for skipped answers, multi-select answers joined
by ``┋``, and the 按选项序号 download whose option codes run 1 = 非常满意 … 5 = 非常不满意.

Only the standard library is needed to build the answers (``random`` with a fixed seed),
so every run writes the same bytes. ``.xlsx`` files need openpyxl; the ``.xls`` file needs
xlwt, which is *not* in the kit's lock file — it was written once from a throwaway venv::

    python3 -m venv /tmp/xlsvenv && /tmp/xlsvenv/bin/pip install xlwt
    /tmp/xlsvenv/bin/python tools/make_exports.py     # writes only what it can
    .venv/bin/python tools/make_exports.py            # CSV + XLSX

Files whose writer is not installed are skipped (the committed copy stays).
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "datasets" / "exports"
SEED = 2026
N = 40

META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
Q_GENDER = "1、您的性别："
Q_AGE = "2、您的年龄段："
Q_TIME = "3、您通常在什么时段光顾海港咖啡？"
ITEMS = {  # header → short name
    "4、您对咖啡口味的满意程度": "口味",
    "5、您对价格的满意程度": "价格",
    "6、您对出餐速度的满意程度": "出餐速度",
    "7、您对店内环境的满意程度": "环境",
    "8、您对店员服务态度的满意程度": "服务态度",
}
Q_IMP = "9、请评价以下方面对您的重要程度"
Q_NPS = "10、您向朋友推荐海港咖啡的可能性有多大？（0-10分）"
Q_TEXT = "11、您对海港咖啡还有什么建议？"

GENDERS = ["男", "女"]
AGES = ["18岁以下", "18~25岁", "26~35岁", "36~45岁", "46岁及以上"]
TIMES = ["早上上班前", "午餐时间", "下午", "晚上", "周末"]
SAT = ["非常满意", "满意", "一般", "不满意", "非常不满意"]  # listed best first: code 1 = 非常满意
IMP = ["非常不重要", "不重要", "一般", "重要", "非常重要"]  # matrix scale: code 1 … 5
SOURCES = [("手机提交", "直接访问"), ("微信", "微信群"), ("微信", "朋友圈"), ("链接", "直接访问")]
REGIONS = ["广东-深圳", "广东-广州", "上海-上海", "浙江-杭州", "湖北-武汉"]
SUGGESTIONS = ["希望增加燕麦奶选项", "高峰期排队太久", "座位再多一些", "小程序点单很方便",
               "价格有点高", "店员很热情", "周末人太多，环境有点吵", "希望有学生优惠"]
# performance level (1–5 scale, 5 best) and importance level per item
PERF = {"口味": 4.1, "价格": 3.0, "出餐速度": 2.9, "环境": 3.9, "服务态度": 4.0}
IMPO = {"口味": 4.6, "价格": 4.0, "出餐速度": 4.3, "环境": 3.4, "服务态度": 3.6}


def _clip(x: float) -> int:
    return max(1, min(5, round(x)))


def build() -> tuple[list[str], list[list[object]], list[str], list[list[object]]]:
    """Return (text headers, text rows, code headers, code rows)."""
    rng = random.Random(SEED)
    start = datetime(2025, 11, 3, 8, 30, 0)
    t_head = META + [Q_GENDER, Q_AGE, Q_TIME, *ITEMS, *(f"第9题({v})" for v in ITEMS.values()),
                     Q_NPS, Q_TEXT]
    c_head = META + [Q_GENDER, Q_AGE, *(f"第3题({t})" for t in TIMES), *ITEMS,
                     *(f"第9题({v})" for v in ITEMS.values()), Q_NPS, Q_TEXT]
    t_rows, c_rows = [], []
    when = start
    for i in range(1, N + 1):
        when += timedelta(minutes=rng.randint(3, 170), seconds=rng.randint(0, 59))
        secs = rng.randint(35, 420)
        used = f"{secs // 60}分{secs % 60}秒" if secs >= 60 else f"{secs}秒"
        src, detail = rng.choice(SOURCES)
        ip = f"203.0.113.{rng.randint(1, 254)}({rng.choice(REGIONS)})"
        meta = [i, f"{when:%Y/%m/%d %H:%M:%S}", used, src, detail, ip]
        g, a = rng.randrange(2), rng.choices(range(5), weights=[1, 6, 5, 3, 1])[0]
        mood = rng.gauss(0, 0.7)  # a respondent's general satisfaction
        skipped_time = rng.random() < 0.1
        times = [] if skipped_time else sorted(rng.sample(range(5), rng.randint(1, 3)))
        perf = {k: _clip(v + mood + rng.gauss(0, 0.7)) for k, v in PERF.items()}
        skipped_item = rng.choice(list(ITEMS)) if rng.random() < 0.2 else None
        imp = {k: _clip(v + rng.gauss(0, 0.6)) for k, v in IMPO.items()}
        rec = max(0, min(10, round(2 * (sum(perf.values()) / 5) - 0.5 + rng.gauss(0, 1.3))))
        text = rng.choice(SUGGESTIONS) if rng.random() < 0.45 else None
        t_sat = [("(跳过)" if h == skipped_item else SAT[5 - perf[v]]) for h, v in ITEMS.items()]
        c_sat = [(-3 if h == skipped_item else 6 - perf[v]) for h, v in ITEMS.items()]
        t_rows.append(meta + [GENDERS[g], AGES[a],
                              "(跳过)" if skipped_time else "┋".join(TIMES[j] for j in times),
                              *t_sat, *(IMP[imp[v] - 1] for v in ITEMS.values()), rec,
                              text or "(跳过)"])
        c_rows.append(meta + [g + 1, a + 1,
                              *((-3 if skipped_time else int(j in times)) for j in range(5)),
                              *c_sat, *(imp[v] for v in ITEMS.values()), rec,
                              text or "(跳过)"])
    return t_head, t_rows, c_head, c_rows


def _csv_bytes(head: list[str], rows: list[list[object]], encoding: str) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(head)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def _wjw(head: list[str], rows: list[list[object]]) -> tuple[list[str], list[list[object]]]:
    """A 问卷网-style variant: other metadata names, duration in seconds, Q-numbered headers."""
    new_head = ["编号", "开始答题时间", "结束答题时间", "答题时长", "IP地址", "地理位置"]
    keep = head[6:]
    out = []
    for r in rows:
        secs = _seconds(str(r[2]))
        end = datetime.strptime(str(r[1]), "%Y/%m/%d %H:%M:%S")
        ip, region = str(r[5]).rstrip(")").split("(")
        answers = ["" if v in ("(跳过)", -3) else v for v in r[6:]]
        out.append([r[0], f"{end - timedelta(seconds=secs):%Y-%m-%d %H:%M:%S}",
                    f"{end:%Y-%m-%d %H:%M:%S}", secs, ip, region, *answers])
    out[6][-1] = "希望推出𠮷野家联名款"  # a character outside GBK: this file needs GB18030
    return new_head + [f"Q{h.split('、')[0]}.{h.split('、', 1)[1]}" if "、" in h else h
                       for h in keep], out


def _seconds(text: str) -> int:
    m, _, s = text.replace("秒", "").partition("分")
    return int(m) * 60 + int(s) if s else int(m)


CARD = """# {stem} — {what} (synthetic, chapter 04)

**What:** the Harbour Coffee store questionnaire (40 answers) as {what}, encoded {enc}.
Read it with `coursekit.satisfaction.read_survey(path)`; the encoding is detected.

**Source:** written by `tools/make_exports.py` (seed 2026). Columns, codes and the quirks
planted on purpose are described in `README.md` in this folder.
**Licence:** CC BY 4.0, like the rest of the course content.
"""


def main(out: Path = OUT) -> None:
    """Write the export files (and a card per CSV) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    t_head, t_rows, c_head, c_rows = build()
    written = []
    for name, head, rows, enc in [
        ("wjx_text_gbk.csv", t_head, t_rows, "gbk"),
        ("wjx_code_gbk.csv", c_head, c_rows, "gbk"),
        ("wjx_text_utf8bom.csv", t_head, t_rows, "utf-8-sig"),
        ("wjw_text_gb18030.csv", *_wjw(t_head, t_rows), "gb18030"),
    ]:
        (out / name).write_bytes(_csv_bytes(head, rows, enc))
        what = {"wjx_text_gbk.csv": "a 问卷星 按选项文本 (answer labels) download",
                "wjx_code_gbk.csv": "a 问卷星 按选项序号 (option codes) download",
                "wjx_text_utf8bom.csv": "a 问卷星 按选项文本 (answer labels) download",
                "wjw_text_gb18030.csv": "a 问卷网-style download"}[name]
        card = CARD.format(stem=name.removesuffix(".csv"), what=what, enc=enc.upper())
        (out / name).with_suffix(".md").write_text(card, encoding="utf-8")
        written.append(name)
    try:
        import openpyxl
    except ImportError:
        openpyxl = None
    if openpyxl is not None:
        for name, head, rows in [("wjx_text.xlsx", t_head, t_rows),
                                 ("wjx_code.xlsx", c_head, c_rows)]:
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Sheet1"
            ws.append(head)
            for r in rows:
                ws.append(r)
            wb.properties.created = wb.properties.modified = datetime(2025, 11, 4)
            wb.save(out / name)
            written.append(name)
    try:
        import xlwt
    except ImportError:
        xlwt = None
    if xlwt is not None:
        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("Sheet1")
        for j, h in enumerate(t_head):
            ws.write(0, j, h)
        for i, r in enumerate(t_rows, start=1):
            for j, v in enumerate(r):
                ws.write(i, j, v)
        wb.save(str(out / "wjx_text.xls"))
        written.append("wjx_text.xls")
    print("wrote", ", ".join(written), "to", out)


if __name__ == "__main__":
    main()
