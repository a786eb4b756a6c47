"""CLI `inspections`, `export patrols` and `patrol add` as a script runs them; bad input exits 2 in Chinese."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import load_workbook

from controllers.core.workdays import ESTIMATE_MARK, ESTIMATE_NOTE, seeded_years
from tests.e2e.test_cli import assert_refused, cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inspections") / "data"
    result = cli("demo", "--data-dir", str(folder), "--cases", "600", "--complaints", "100", "--trainings", "2",
                 "--seed", "11")
    assert result.returncode == 0, result.stderr
    assert "巡查记录" in result.stdout
    return folder


def _coverage(demo: Path, *args: str) -> dict:
    result = cli("inspections", "--period", "2025", *args, "--json", "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_inspections_json_has_exactly_the_promised_shape(demo: Path) -> None:
    data = _coverage(demo)
    assert set(data) == {"estates", "totals"}
    assert set(data["totals"]) == {"due", "done", "overdue"}
    assert data["estates"] and all(set(e) == {"estate", "grade", "due", "done", "overdue"} for e in data["estates"])
    for key in ("due", "done", "overdue"):
        assert data["totals"][key] == sum(e[key] for e in data["estates"])
    assert all(e["done"] + e["overdue"] <= e["due"] for e in data["estates"])
    assert data["totals"]["overdue"] > 0 and data["totals"]["done"] > data["totals"]["overdue"]
    one = data["estates"][0]["estate"]
    assert [e["estate"] for e in _coverage(demo, "--scope", f"estate:{one}")["estates"]] == [one]


def test_a_patrol_added_from_the_paper_sheet_counts_in_coverage_and_the_export(demo: Path, tmp_path: Path) -> None:
    before = _coverage(demo)
    graded = next(e for e in before["estates"] if e["grade"].startswith("A") and e["done"] < e["due"])
    officer = "PT-D0001"
    added = cli("patrol", "add", "--at", "2025-06-30 09:30", "--kind", "分级分类检查", "--officer", officer,
                "--estate", graded["estate"], "--found", f"{graded['estate']}/C05/5号楼顶/新搭彩钢板房",
                "--data-dir", str(demo))
    assert added.returncode == 0, added.stderr
    assert "发现问题 1 处" in added.stdout
    after = {e["estate"]: e for e in _coverage(demo)["estates"]}
    june_missed = after[graded["estate"]]["done"] - graded["done"]
    assert june_missed in (0, 1)  # 1 when June was one of the missed months
    out = tmp_path / "巡查.xlsx"
    result = cli("export", "patrols", "-o", str(out), "--from", "2025-06-30", "--to", "2025-06-30",
                 "--estate", graded["estate"], "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    rows = [r for r in load_workbook(out).active.iter_rows(min_row=4, values_only=True)]
    assert any(r[2] == "分级分类检查" and graded["estate"] in r[3] and r[6] == 1 for r in rows)


@pytest.mark.parametrize("args", [
    ("inspections", "--period", "2025Q5"),
    ("inspections", "--period", "2025", "--scope", "estate:没有这个小区"),
    ("export", "patrols", "-o", "x.pdf"),
    ("patrol", "add", "--at", "明天", "--kind", "日常巡查", "--officer", "x", "--estate", "y"),
    ("patrol", "add", "--at", "2025-03-04 09:00", "--kind", "日常巡查", "--officer", "没有这个人", "--estate", "y"),
    ("patrol", "add", "--at", "2099-03-04 09:00", "--kind", "日常巡查", "--officer", "PT-D0001", "--estate",
     "__FIRST__"),
    ("patrol", "add", "--at", "2025-03-04 09:00", "--kind", "联合检查", "--officer", "PT-D0001", "--estate",
     "__FIRST__"),
    ("patrol", "add", "--at", "2025-03-04 09:00", "--kind", "日常巡查", "--officer", "PT-D0001", "--estate",
     "__FIRST__", "--found", "只写了小区"),
    ("patrol",),
])
def test_bad_input_is_one_chinese_line_and_changes_nothing(demo: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    first = _coverage(demo)["estates"][0]["estate"]
    args = tuple(first if a == "__FIRST__" else a for a in args)
    count_before = _patrol_count(demo)
    assert_refused(cli(*args, "--data-dir", str(demo)))
    assert _patrol_count(demo) == count_before


def _patrol_count(demo: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(demo / "station-ledger.db")) as db:
        return db.execute("SELECT (SELECT count(*) FROM patrols), (SELECT count(*) FROM patrol_checks)").fetchone()


def test_checklist_prints_a_route_sheet_and_a_page_per_estate(demo: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    names = [e["estate"] for e in _coverage(demo)["estates"][:3]]
    out = tmp_path / "检查表.pdf"
    args = [a for n in names for a in ("--estate", n)]
    result = cli("checklist", *args, "-o", str(out), "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    assert "3 个小区，4 页" in result.stdout
    pages = [p.extract_text().replace(" ", "").replace("\n", "") for p in PdfReader(out).pages]
    assert "巡查记录单" in pages[0] and all(n in pages[0] for n in names)
    assert all("分级分类检查表" in page and name in page for page, name in zip(pages[1:], names, strict=True))
    assert_refused(cli("checklist", "--estate", "没有这个小区", "-o", str(tmp_path / "x.pdf"), "--data-dir",
                       str(demo)))


def test_due_dates_the_calendar_only_estimates_carry_its_note(demo: Path) -> None:
    """A period in the first year nobody entered holidays for: the text marks the estates and says why; --json
    keeps its promised shape on stdout and says it on stderr. A covered year says nothing."""
    uncovered = max(seeded_years()) + 1
    text = cli("inspections", "--period", str(uncovered), "--data-dir", str(demo))
    assert text.returncode == 0, text.stderr
    assert ESTIMATE_NOTE in text.stdout and f"应检 {ESTIMATE_MARK}" in text.stdout
    as_json = cli("inspections", "--period", str(uncovered), "--json", "--data-dir", str(demo))
    assert as_json.returncode == 0 and set(json.loads(as_json.stdout)) == {"estates", "totals"}
    assert ESTIMATE_NOTE in as_json.stderr
    covered = cli("inspections", "--period", str(uncovered - 1), "--data-dir", str(demo))
    assert covered.returncode == 0 and ESTIMATE_NOTE not in covered.stdout and ESTIMATE_MARK not in covered.stdout
