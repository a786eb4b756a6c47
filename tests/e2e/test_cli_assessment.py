"""CLI `assessment --year Y [--scope S] --json` (issue 20): the issue's shape on demo data; bad input refused in
Chinese with exit 2."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_cli import assert_refused, cli, small_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return small_demo(tmp_path_factory, "assess")


def test_assessment_json_has_the_issues_shape(demo: str) -> None:
    result = cli("assessment", "--year", "2025", "--json", "--data-dir", demo)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert {"streets", "estates", "departments", "officers", "targets"} <= set(out)
    assert out["streets"] and out["estates"] and out["officers"]
    assert set(out["officers"][0]) == {"name", "cases", "on_time_rate", "open"}
    assert all(set(d) == {"name", "referrals", "on_time", "avg_reply_days", "returned"} for d in out["departments"])
    assert set(out["targets"]) == {"per10k_cut_percent", "closure_percent", "on_time_percent", "recurrence_percent"}
    street = out["streets"][0]["name"]
    scoped = json.loads(cli("assessment", "--year", "2025", "--scope", f"street:{street}", "--json",
                            "--data-dir", demo).stdout)
    assert [s["name"] for s in scoped["streets"]] == [street] and scoped["streets"][0] == out["streets"][0]
    text = cli("assessment", "--year", "2025", "--data-dir", demo)
    assert text.returncode == 0 and "年度考核" in text.stdout and "承办人" in text.stdout


@pytest.mark.parametrize("args", [["--year", "x"], ["--scope", "street:没有这个街镇"], ["--scope", "planet:x"],
                                  ["--year", "20250"]])
def test_assessment_refuses_bad_input_in_chinese(demo: str, args: list[str]) -> None:
    assert_refused(cli("assessment", *args, "--data-dir", demo))


def test_brief_assessment_prints_the_sheet(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "考核.pdf"
    result = cli("brief", "assessment", "--year", "2025", "-o", str(out), "--data-dir", demo)
    assert result.returncode == 0, result.stderr
    assert "年度考核情况表" in result.stdout and out.read_bytes().startswith(b"%PDF")
    shot = Path("/tmp/i20-supervision")
    shot.mkdir(exist_ok=True)
    (shot / "assessment.pdf").write_bytes(out.read_bytes())
    assert_refused(cli("brief", "assessment", "--year", "2025", "-o", str(tmp_path / "x.txt"), "--data-dir", demo))


def test_brief_notice_prints_the_notice(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "通报.pdf"
    result = cli("brief", "notice", "--period", "2025Q4", "-o", str(out), "--data-dir", demo)
    assert result.returncode == 0, result.stderr
    assert "已生成工作通报" in result.stdout and out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "2025年第四季度工作通报" in text and "值得推广的做法" in text
    street = json.loads(cli("assessment", "--year", "2025", "--json", "--data-dir", demo).stdout)["streets"][0]["name"]
    scoped = tmp_path / "街镇.pdf"
    assert cli("brief", "notice", "--period", "2025", "--scope", f"street:{street}", "-o", str(scoped),
               "--data-dir", demo).returncode == 0
    assert street in subprocess.run(["pdftotext", str(scoped), "-"], capture_output=True, text=True,
                                    check=True).stdout


@pytest.mark.parametrize("args", [["--period", "2025Q5"], ["--period", "2025", "--scope", "street:没有这个街镇"],
                                  ["--period", "2025", "-o", "x.txt"], []])
def test_brief_notice_refuses_bad_input_in_chinese(demo: str, tmp_path: Path, args: list[str]) -> None:
    out = ["-o", str(tmp_path / "n.pdf")] if "-o" not in args else []
    assert_refused(cli("brief", "notice", *args, *out, "--data-dir", demo))
    assert not (tmp_path / "n.pdf").exists()
