"""CLI `export cases`: filters by name, writes the workbook, and refuses unknown values with exit 2."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from cli import run
from controllers.storage.opening import open_data_dir
from tests.unit.case_list_data import add_case, reference_ids


@pytest.fixture
def filled(data_dir):
    ctx = open_data_dir(data_dir)
    ref = reference_ids(ctx)
    add_case(ctx, ref, status="责令整改", category="C03", found=date(2025, 3, 1), facts="群租隔断")
    add_case(ctx, ref, status="登记", category="C05", found=date(2025, 4, 1), facts="违法搭建")
    add_case(ctx, ref, street=1, status="结案", category="C03", found=date(2024, 4, 1), facts="群租")
    ctx.close()
    return data_dir, ref


def test_export_with_filters(filled, tmp_path, capsys):
    data_dir, _ref = filled
    out = tmp_path / "群租.xlsx"
    code = run(["export", "cases", "--data-dir", str(data_dir.root), "--category", "群租", "--from", "2025-01-01",
                "--to", "2025-12-31", "-o", str(out)])
    assert code == 0
    assert "已导出 1 件" in capsys.readouterr().out
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert "类别：群租" in rows[1][0] and "发现日期：2025-01-01 至 2025-12-31" in rows[1][0]
    assert len(rows) == 4 and rows[3][1] == "责令整改"


def test_export_by_status_street_and_search(filled, tmp_path, capsys):
    data_dir, ref = filled
    out = tmp_path / "all.xlsx"
    assert run(["export", "cases", "--data-dir", str(data_dir.root), "--status", "登记", "--status", "责令整改",
                "--street", ref["streets"][0][2], "--search", "搭建", "-o", str(out)]) == 0
    assert "已导出 1 件" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--status", "完成"], "可选：登记、核查"),
    (["--category", "C42"], "C01 装修人未申报登记"),
    (["--street", "火星街道"], "长寿路街道"),
    (["--from", "2025-13-01"], "2025-03-05"),
])
def test_bad_input_exits_2_with_one_chinese_line(filled, tmp_path, capsys, args, message):
    data_dir, _ref = filled
    code = run(["export", "cases", "--data-dir", str(data_dir.root), *args, "-o", str(tmp_path / "x.xlsx")])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.xlsx").exists()
