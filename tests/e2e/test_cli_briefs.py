"""CLI `brief case` and `brief work`: PDFs written, numbering on --formal, bad input exits 2 with one Chinese line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from controllers.core import clock
from controllers.core.paths import DataDir
from controllers.station import area as station
from controllers.station.settings import get_station_name
from controllers.storage.opening import open_data_dir
from tests.e2e.test_cli import assert_refused, cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("briefs") / "data"
    result = cli("demo", "--data-dir", str(folder), "--cases", "200", "--complaints", "300", "--trainings", "10")
    assert result.returncode == 0, result.stderr
    return folder


def _text(path: Path) -> str:
    return "".join((p.extract_text() or "") for p in PdfReader(path).pages).replace(" ", "").replace("\n", "")


def test_brief_case(demo: Path, tmp_path: Path) -> None:
    with sqlite3.connect(demo / "station-ledger.db") as db:
        number = db.execute("SELECT number FROM cases ORDER BY id LIMIT 1").fetchone()[0]
    out = tmp_path / "案件.pdf"
    result = cli("brief", "case", number, "-o", str(out), "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    assert "已生成案件简报" in result.stdout
    assert number in _text(out)


def test_brief_work_preview_then_formal(demo: Path, tmp_path: Path) -> None:
    period = str(clock.today().year - 1)
    out = tmp_path / "work.pdf"
    result = cli("brief", "work", "--period", period, "--scope", "street:长征镇", "-o", str(out),
                 "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    assert "预览" in result.stdout and "预览" in _text(out) and "第X期" not in _text(out)
    result = cli("brief", "work", "--period", period, "-o", str(out), "--formal", "--data-dir", str(demo))
    assert result.returncode == 0, result.stderr
    assert "第 1 期" in result.stdout and "第1期" in _text(out)


@pytest.mark.parametrize("args, words", [
    (("brief", "case", "2099-长征-9999"), "没有编号"),
    (("brief", "work", "--period", "2025Q7"), "无法识别期间"),
    (("brief", "work", "--period", "2025", "--scope", "estate:无此小区"), "找不到小区"),
    (("brief", "work", "--period", "2025", "--scope", "planet:x"), "无法识别范围"),
])
def test_bad_input_exits_2(demo: Path, tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    result = cli(*args, "-o", str(tmp_path / "x.pdf"), "--data-dir", str(demo))
    assert words in assert_refused(result)
    assert not (tmp_path / "x.pdf").exists()


def test_output_must_be_pdf(demo: Path, tmp_path: Path) -> None:
    result = cli("brief", "work", "--period", "2025", "-o", str(tmp_path / "x.txt"), "--data-dir", str(demo))
    assert ".pdf" in assert_refused(result)


def test_station_scope_is_the_default_and_stats_offer_it(demo: Path, tmp_path: Path) -> None:
    ctx = open_data_dir(DataDir(demo))
    try:
        station.set_station_area(ctx, street="长征镇")
        name = get_station_name(ctx)
        with ctx.db.session() as s:
            estates = len(station.station_estate_ids(s) or [])
    finally:
        ctx.close()
    try:
        period = str(clock.today().year - 1)
        out = tmp_path / "station.pdf"
        result = cli("brief", "work", "--period", period, "-o", str(out), "--data-dir", str(demo))  # no --scope
        assert result.returncode == 0, result.stderr
        text = _text(out)
        assert f"{name}住宅小区综合治理工作情况" in text and f"统计范围：长征镇全部{estates}个小区" in text
        assert "本工作室" in PdfReader(out).metadata.subject
        result = cli("brief", "work", "--period", period, "--scope", "district", "-o", str(out),
                     "--data-dir", str(demo))
        assert result.returncode == 0, result.stderr
        assert "统计范围" not in _text(out) and "全区" in PdfReader(out).metadata.subject

        def stats(scope: str) -> dict:
            result = cli("stats", "complaints", "--period", period, "--scope", scope, "--json", "--data-dir", str(demo))
            assert result.returncode == 0, result.stderr
            return json.loads(result.stdout)

        ours, street = stats("station"), stats("street:长征镇")
        assert ours["scope"] == "本工作室" and ours["complaints"] > 0
        assert (ours["complaints"], ours["population"]) == (street["complaints"], street["population"])
    finally:
        ctx = open_data_dir(DataDir(demo))
        try:
            station.set_station_area(ctx, street=None)  # the module's other tests expect the whole district
        finally:
            ctx.close()
