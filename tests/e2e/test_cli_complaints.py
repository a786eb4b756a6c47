"""`stats complaints` and `export complaints` as a user runs them, on a data directory with known figures."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from controllers.complaints.entry import create_complaint
from controllers.core import paths
from controllers.storage.opening import open_data_dir
from tests.e2e.test_cli import assert_refused, cli
from tests.unit.complaint_fixtures import make_reference


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """梅岭小区 (4000 residents) has 3 complaints in 2025Q1, one a repeat; 2024Q1 has one."""
    folder = tmp_path_factory.mktemp("complaints") / "data"
    ctx = open_data_dir(paths.DataDir(folder))
    try:
        ref = make_reference(ctx)
        start = datetime(2025, 1, 6, 2, 0)
        for days, phone in ((0, "13812345678"), (3, "13812345678"), (40, "13900000000")):
            create_complaint(ctx, channel="来电", received_at=start + timedelta(days=days), complainant_name="张三",
                             complainant_phone=phone, estate_id=ref.meiling, category_id=ref.c03, content="群租扰民")
        create_complaint(ctx, channel="网络", received_at=datetime(2024, 2, 1, 2, 0), estate_id=ref.meiling,
                         category_id=ref.c05, content="违法搭建")
    finally:
        ctx.close()
    return folder


def test_stats_json(data: Path) -> None:
    result = cli("stats", "complaints", "--period", "2025Q1", "--scope", "estate:梅岭小区", "--json",
                 "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["period"], out["scope"], out["unit"]) == ("2025年第一季度", "小区：梅岭小区", "件/万人")
    assert (out["complaints"], out["complaints_without_repeats"], out["population"]) == (3, 2, 4000)
    assert (out["per10k"], out["per10k_without_repeats"]) == (7.5, 5.0)
    assert out["last_year"]["per10k"] == 2.5 and out["change"] == 5.0
    assert out["estates_without_population"] == []


def test_stats_text_lists_estates_without_population(data: Path) -> None:
    result = cli("stats", "complaints", "--period", "2025", "--scope", "street:长征镇", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    # The population recorded on 2025-07-01 (5000) is in force at the end of 2025.
    assert "投诉万人比：6.00 件/万人" in result.stdout and "%" not in result.stdout
    assert "无人口数据、未计入的小区：无人口小区（0 件）" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "complaints", "--period", "2025Q5"], "无法识别期间"),
        (["stats", "complaints", "--period", "2025", "--scope", "street:不存在"], "找不到街镇"),
        (["stats", "complaints", "--period", "2025", "--scope", "city"], "无法识别范围"),
        (["stats", "complaints"], "缺少必需的参数"),
        (["stats"], "请指定统计内容"),
        (["export", "complaints", "-o", "x.csv"], ".xlsx"),
        (["export", "complaints", "--status", "结案", "-o", "x.xlsx"], "未知的办理状态"),
        (["export", "complaints", "--estate", "无此小区", "-o", "x.xlsx"], "未知的小区"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(data: Path, args: list[str], message: str) -> None:
    assert message in assert_refused(cli(*args, "--data-dir", str(data)))


def test_export_is_masked_and_filtered(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "诉件.xlsx"
    result = cli("export", "complaints", "--period", "2025Q1", "--repeat", "-o", str(out), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "已导出 2 件诉件" in result.stdout
    ws = load_workbook(out).active
    assert ws is not None
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(values) == 2 and {v[3] for v in values} == {"张*"} and {v[4] for v in values} == {"138****5678"}
    assert "13812345678" not in json.dumps(values, default=str)
    alias = cli("export", "complaints", "--estate", "梅岭北块", "-o", str(out), "--data-dir", str(data))
    assert "已导出 4 件诉件" in alias.stdout
