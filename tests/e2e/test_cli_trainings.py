"""CLI `export trainings` and `signin-sheet`: files written, first column is the ID, bad input exits 2 in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.e2e.test_cli import assert_refused, cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("trainings") / "data"
    result = cli("demo", "--data-dir", str(folder), "--cases", "100", "--complaints", "100", "--trainings", "12")
    assert result.returncode == 0, result.stderr
    return folder


def test_export_then_signin_sheet_of_an_exported_id(demo: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "培训.xlsx"
    result = cli("export", "trainings", "-o", str(xlsx), "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    assert "已导出 12 条" in result.stdout
    ws = load_workbook(xlsx).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[2][0] == "ID" and rows[2][4] == "标题"
    ids = [r[0] for r in rows[3:]]
    assert len(ids) == 12 and all(isinstance(i, int) for i in ids)

    pdf = tmp_path / "签到表.pdf"
    result = cli("signin-sheet", str(ids[0]), "-o", str(pdf), "--blank-rows", "2", "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    assert "已生成签到表" in result.stdout
    reader = PdfReader(pdf)
    assert rows[3][4] in reader.pages[0].extract_text().replace(" ", "").replace("\n", "")


def test_bad_input_is_refused_in_one_chinese_line(demo: Path, tmp_path: Path) -> None:
    assert "找不到编号为 99999" in assert_refused(cli("signin-sheet", "99999", "-o", str(tmp_path / "x.pdf"),
                                                   "--data-dir", str(demo)))
    assert_refused(cli("signin-sheet", "abc", "-o", str(tmp_path / "x.pdf"), "--data-dir", str(demo)))
    assert_refused(cli("signin-sheet", "1", "-o", str(tmp_path / "x.txt"), "--data-dir", str(demo)))
    assert_refused(cli("signin-sheet", "1", "-o", str(tmp_path / "x.pdf"), "--blank-rows", "-3",
                       "--data-dir", str(demo)))
    assert_refused(cli("export", "trainings", "-o", str(tmp_path / "no" / "x.xlsx"), "--data-dir", str(demo)))
    assert not list(tmp_path.glob("x.*"))
