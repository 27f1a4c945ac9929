"""The class dashboard: students × questions, hardest questions, chapters, HTML / Excel / PNG."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from coursekit import class_report as cr
from coursekit.__main__ import main
from coursekit.exercises import progress_store as store


def _student(root, name, questions):
    f = root / name / ".coursekit" / "progress.json"
    f.parent.mkdir(parents=True)
    f.write_text(json.dumps({"format": store.FORMAT, "version": 1, "questions": questions}))
    return root / name


P = {"passed": True, "attempts": 1}
T = {"passed": False, "attempts": 2}
SEEN = {"passed": False, "attempts": 0, "checks": 1}


@pytest.fixture
def klass(tmp_path):
    dirs = [_student(tmp_path, "anna", {"ch00.q1": P, "ch00.q2": T}),
            _student(tmp_path, "ben", {"ch00.q1": T, "ch00.q2": T, "ch01.q1": SEEN}),
            _student(tmp_path, "chen", {"ch01.q1": P})]
    (tmp_path / "dan" / ".coursekit").mkdir(parents=True)
    (tmp_path / "dan" / ".coursekit" / "progress.json").write_text("")
    (tmp_path / "eve" / ".coursekit").mkdir(parents=True)
    (tmp_path / "eve" / ".coursekit" / "progress.json").write_text("{broken")
    (tmp_path / "fay").mkdir()
    return tmp_path, [*dirs, tmp_path / "dan", tmp_path / "eve", tmp_path / "fay",
                      tmp_path / "ghost"]


def test_table_statuses_and_problems_by_name(klass):
    _, dirs = klass
    r = cr.collect(dirs, questions=["ch00.q1", "ch00.q2", "ch01.q1"])
    assert r.students == ["anna", "ben", "chen"]
    assert r.table.loc["anna"].tolist() == ["passed", "tried", "not tried"]
    assert r.table.loc["ben", "ch01.q1"] == "not tried"  # run with the stub: seen, not tried
    names = {n for n, _ in r.problems}
    assert names == {"dan", "eve", "fay", "ghost"}
    text = " ".join(m for _, m in r.problems)
    assert "empty" in text and "not valid JSON" in text and "no such file" in text


def test_summary_puts_the_most_failed_first_and_counts_skips(klass):
    _, dirs = klass
    r = cr.collect(dirs, questions=["ch00.q1", "ch00.q2", "ch01.q1"])
    s = cr.summary(r)
    assert s.index[0] == "ch00.q2" and s.loc["ch00.q2", "tried, not passed"] == 2
    assert s.loc["ch00.q1", "not started"] == 1  # chen never opened ch00
    assert s.loc["ch01.q1", "skipped"] == 0 and s.loc["ch01.q1", "not started"] == 2
    c = cr.chapter_completion(r)
    assert c.loc["anna", "ch00"] == 50 and c.loc["chen", "ch01"] == 100


def test_default_questions_are_the_whole_kit(klass):
    _, dirs = klass
    r = cr.collect(dirs[:3])
    assert "ch06.q1" in r.table.columns and r.table.shape[1] >= 60


def test_collected_folder_and_single_file(tmp_path):
    folder = tmp_path / "collected"
    folder.mkdir()
    for name in ("amy", "bo"):
        (folder / f"{name}.json").write_text(json.dumps(
            {"format": store.FORMAT, "questions": {"ch00.q1": P}}))
    (folder / "cy.json").write_text("[]")
    r = cr.collect([folder], questions=["ch00.q1"])
    assert r.students == ["amy", "bo"] and [n for n, _ in r.problems] == ["cy"]
    one = cr.collect([folder / "amy.json"], questions=["ch00.q1"])
    assert one.students == ["amy"]


def test_command_writes_html_excel_png(klass, tmp_path, capsys):
    _, dirs = klass
    out = tmp_path / "report"
    assert main(["class-report", *map(str, dirs), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "3 students" in captured.out and "eve" in captured.err and "ghost" in captured.err
    page = (out / "class-report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "http" not in page.replace("http-equiv", "")
    assert (out / "heatmap.png").read_bytes()[:4] == b"\x89PNG"
    wb = load_workbook(out / "class-report.xlsx")
    assert {"students x questions", "questions", "chapters", "skipped files"} <= set(wb.sheetnames)
    assert wb["students x questions"]["A2"].value == "anna"


def test_command_with_nothing_usable_says_so(tmp_path, capsys):
    assert main(["class-report", str(tmp_path / "nobody"), "--out", str(tmp_path / "o")]) == 1
    assert "nothing to report" in capsys.readouterr().err


def test_files_are_never_modified(klass):
    root, dirs = klass
    before = {p: p.read_bytes() for p in root.rglob("progress.json")}
    cr.collect(dirs)
    assert before == {p: p.read_bytes() for p in root.rglob("progress.json")}
