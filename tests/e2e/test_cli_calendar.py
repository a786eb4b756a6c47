"""CLI `calendar import-year` and `calendar show` (issue 18.7): a year entered from a file, a pipe or a sheet, shown
back as JSON; a bad line exits 2 with one Chinese line and saves nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

from tests.e2e.test_cli import ROOT, assert_refused, cli

# A made-up year far from any published one: the State Council's real lists are entered by administrators.
YEAR = "2031"
LIST = "2031-01-01 元旦 休\n2031-01-04 调休上班\n2031年10月1日至10月7日 国庆节\n"


def _piped(*args: str, text: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "STATION_LEDGER_DATA"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, input=text,
                          capture_output=True, text=True, timeout=300)


def test_import_a_year_from_a_pipe_then_show_it(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert cli("init", "--data-dir", data).returncode == 0
    before = json.loads(cli("calendar", "show", "--json", "--data-dir", data).stdout)
    assert int(YEAR) not in before["covered_years"]

    dry = _piped("calendar", "import-year", YEAR, "-", "--dry-run", "--data-dir", data, text=LIST)
    assert dry.returncode == 0, dry.stderr
    assert "检查通过（未保存）2031年" in dry.stdout
    assert json.loads(cli("calendar", "show", "--year", YEAR, "--json", "--data-dir", data).stdout)["days"] == []

    result = _piped("calendar", "import-year", YEAR, "-", "--json", "--data-dir", data, text=LIST)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["saved"] is True and out["makeup_days"] == ["2031-01-04"]
    assert out["holidays"] == ["2031-01-01", "2031-10-01", "2031-10-02", "2031-10-03", "2031-10-06", "2031-10-07"]

    shown = json.loads(cli("calendar", "show", "--year", YEAR, "--json", "--data-dir", data).stdout)
    assert int(YEAR) in shown["covered_years"] and shown["last_covered_year"] == int(YEAR)
    assert {"day": "2031-01-04", "kind": "调休上班", "name": None} in shown["days"]
    assert len(shown["days"]) == 7


def test_import_a_year_from_a_sheet(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "类型", "名称"])
    ws.append(["2031-01-01", "放假", "元旦"])
    ws.append(["2031-01-04", "上班", None])
    sheet = tmp_path / "2031.xlsx"
    wb.save(sheet)
    result = cli("calendar", "import-year", YEAR, str(sheet), "--data-dir", data)
    assert result.returncode == 0, result.stderr
    assert "已录入2031年：节假日 1 天，调休上班 1 天" in result.stdout


def test_bad_input_exits_2_in_one_chinese_line_and_saves_nothing(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert cli("init", "--data-dir", data).returncode == 0
    message = assert_refused(_piped("calendar", "import-year", YEAR, "-", "--data-dir", data,
                                    text=LIST + "2031-01-06 调休上班\n"))
    assert "第4行" in message and "调休上班日应为周六或周日" in message
    assert_refused(_piped("calendar", "import-year", YEAR, "-", "--data-dir", data, text="2030-12-31 休\n"))
    assert_refused(cli("calendar", "import-year", "二〇三一", "-", "--data-dir", data))
    assert_refused(cli("calendar", "import-year", YEAR, str(tmp_path / "没有.txt"), "--data-dir", data))
    assert_refused(cli("calendar", "show", "--year", "99", "--data-dir", data))
    shown = json.loads(cli("calendar", "show", "--year", YEAR, "--json", "--data-dir", data).stdout)
    assert shown["days"] == [] and int(YEAR) not in shown["covered_years"]
