"""CLI `template reference` and `import-reference`: the JSON shape, --dry-run writes nothing, a second import changes
nothing, bad files and arguments end with exit 2 and one Chinese line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from controllers.core.paths import DB_FILENAME
from tests.e2e.test_cli import assert_refused, cli
from tests.unit.reference_sheet_kit import district_sheet, workbook


def _count(data: Path, table: str) -> int:
    with sqlite3.connect(data / DB_FILENAME) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    assert cli("init", "--data-dir", str(d)).returncode == 0
    return d


def test_template_then_import_of_the_filled_template(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "基础数据模板.xlsx"
    made = cli("template", "reference", "-o", str(out), "--data-dir", str(data))
    assert made.returncode == 0, made.stderr
    assert "已生成" in made.stdout
    wb = load_workbook(out)
    assert wb.sheetnames == ["小区", "工作人员"]
    wb["小区"].append([1, "长征镇", "梅岭居委", "梅岭小区", None, 900, 2400, None, "上海梅岭物业有限公司"])
    wb["工作人员"].append([1, "陈晓", "31012345", "队长"])
    wb.save(out)
    result = cli("import-reference", str(out), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("导入完成：新增 小区 1 个、物业企业 1 家、工作人员 1 名")
    assert (_count(data, "estates"), _count(data, "staff")) == (1, 1)


def test_json_dry_run_and_second_import(data: Path, tmp_path: Path) -> None:
    sheet = district_sheet(tmp_path / "长征镇小区.xlsx")
    dry = cli("import-reference", str(sheet), "--dry-run", "--json", "--data-dir", str(data))
    assert dry.returncode == 0, dry.stderr
    figures = json.loads(dry.stdout)
    assert figures == {"imported": {"estates": 3, "property_companies": 2, "staff": 0},
                       "updated": {"estates": 0, "property_companies": 0, "staff": 0}, "unchanged": 0, "errors": []}
    assert _count(data, "estates") == 0 and _count(data, "property_companies") == 0  # --dry-run wrote nothing

    first = cli("import-reference", str(sheet), "--json", "--data-dir", str(data))
    assert json.loads(first.stdout) == figures and _count(data, "estates") == 3

    again = json.loads(cli("import-reference", str(sheet), "--json", "--data-dir", str(data)).stdout)
    assert (again["imported"], again["updated"], again["unchanged"]) == (
        dict.fromkeys(figures["imported"], 0), dict.fromkeys(figures["imported"], 0), 3)
    assert (_count(data, "estates"), _count(data, "estate_populations")) == (3, 3)


def test_bad_rows_are_reported_with_their_sheet_and_row(data: Path, tmp_path: Path) -> None:
    rows = [["街道", "小区名称"], ["长征镇", "甲小区"], ["火星街道", "乙小区"]]
    path = workbook(tmp_path / "名单.xlsx", {"小区": rows})
    result = cli("import-reference", str(path), "--json", "--data-dir", str(data))
    errors = json.loads(result.stdout)["errors"]
    assert [(e["sheet"], e["row"]) for e in errors] == [("小区", 3)] and "火星街道" in errors[0]["message"]
    text = cli("import-reference", str(path), "--data-dir", str(data))
    assert "“小区”第 3 行：" in text.stdout


@pytest.mark.parametrize("name,content", [
    ("missing.xlsx", None),
    ("notes.txt.xlsx", b"just some text"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
    ("noheader.csv", "工单编号,受理时间\nW1,2025-01-01\n".encode()),
])
def test_unreadable_files_exit_2_with_one_chinese_line(data: Path, tmp_path: Path, name: str,
                                                       content: bytes | None) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert_refused(cli("import-reference", str(path), "--json", "--data-dir", str(data)))
    assert _count(data, "estates") == 0


@pytest.mark.parametrize("args", [("template",), ("template", "reference"), ("template", "reference", "-o", "x.pdf"),
                                  ("template", "estates", "-o", "x.xlsx"), ("import-reference",)])
def test_bad_arguments_exit_2_with_one_chinese_line(data: Path, args: tuple[str, ...]) -> None:
    assert_refused(cli(*args, "--data-dir", str(data)))
