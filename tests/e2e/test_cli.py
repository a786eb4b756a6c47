"""The command line as a user or script runs it: `python main.py ...` in a subprocess, on a temp data directory."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
CATEGORIES = {
    "C01": "装修人未申报登记", "C02": "擅自改变物业使用性质", "C03": "群租", "C04": "损坏房屋主体和承重结构",
    "C05": "违法搭建", "C06": "占用物业共用部分", "C07": "违规处置生活垃圾", "C08": "违规处置建筑垃圾",
    "C09": "占绿毁绿", "C10": "张贴散发小广告", "C11": "物业未履职", "C12": "电动自行车违规停放", "C13": "违规充电",
    "C99": "其他（非城管执法事项线索，移交）",
}
STREETS = ["长寿路街道", "曹杨新村街道", "长风新村街道", "宜川路街道", "甘泉路街道", "石泉路街道", "万里街道",
           "真如镇街道", "长征镇", "桃浦镇"]
STATUSES = {"登记", "核查", "立案", "不予立案", "责令整改", "复查", "结案", "挂账", "移交"}
NUMBER = re.compile(r"^(\d{4})-(长寿|曹杨|长风|宜川|甘泉|石泉|万里|真如|长征|桃浦)-(\d{4})$")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "STATION_LEDGER_DATA"}
    full_env["QT_QPA_PLATFORM"] = "offscreen"
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=300)


def small_demo(tmp_path_factory: pytest.TempPathFactory, name: str) -> str:
    """A data folder with the small seeded demo (300 cases, 600 complaints) the issue 20 commands read."""
    folder = str(tmp_path_factory.mktemp(name) / "data")
    result = cli("demo", "--data-dir", folder, "--cases", "300", "--complaints", "600", "--trainings", "2",
                 "--seed", "7")
    assert result.returncode == 0, result.stderr
    return folder


def assert_refused(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 2 with exactly one Chinese line on stderr and no traceback or English argparse text."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert CJK.search(lines[0]), lines[0]
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr and "error:" not in result.stderr
    return lines[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small demo data directory shared by the read-only demo checks."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    result = cli("demo", "--data-dir", str(folder), "--cases", "400", "--complaints", "800", "--trainings", "14",
                 "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "演示数据已生成" in result.stdout
    return folder


def test_help_is_chinese() -> None:
    for args in ([], ["demo"], ["screenshot"], ["info"]):
        result = cli(*args, "--help")
        assert result.returncode == 0
        assert "用法" in result.stdout and "选项" in result.stdout
        for english in ("usage:", "options:", "show this help message", "positional arguments"):
            assert english not in result.stdout


def test_init_creates_database_and_seeds_and_can_run_twice(data: Path) -> None:
    assert cli("init", "--data-dir", str(data)).returncode == 0
    assert (data / "station-ledger.db").is_file()
    assert (data / "logs" / "station-ledger.log").is_file()
    again = cli("init", "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    info = json.loads(cli("info", "--json", "--data-dir", str(data)).stdout)
    assert info["counts"]["categories"] == 14 and info["counts"]["streets"] == 10  # seeding twice added nothing


def test_data_dir_before_or_after_subcommand_and_from_environment(tmp_path: Path) -> None:
    before, after, from_env = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert cli("--data-dir", str(before), "init").returncode == 0
    assert cli("init", "--data-dir", str(after)).returncode == 0
    result = cli("info", "--json", env={"STATION_LEDGER_DATA": str(from_env)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data_dir"] == str(from_env.resolve())
    for folder in (before, after, from_env):
        assert (folder / "station-ledger.db").is_file()


def test_info_json_reports_schema_and_counts(data: Path) -> None:
    result = cli("info", "--json", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert set(info) == {"schema_version", "data_dir", "counts"}
    assert info["schema_version"]
    assert info["data_dir"] == str(data.resolve())
    assert set(info["counts"]) == {"streets", "estates", "property_companies", "categories", "regulations",
                                   "departments", "cases", "complaints", "trainings", "meetings"}
    assert info["counts"]["cases"] == 0 and info["counts"]["regulations"] == 11


def test_info_and_reference_text_are_chinese(data: Path) -> None:
    info = cli("info", "--data-dir", str(data))
    assert info.returncode == 0 and "案件：0" in info.stdout
    ref = cli("reference", "--data-dir", str(data))
    assert ref.returncode == 0
    assert "执法事项类别" in ref.stdout and "C03 群租" in ref.stdout and "桃浦镇" in ref.stdout


def test_reference_json_lists_the_plans_reference_data(data: Path) -> None:
    result = cli("reference", "--json", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    ref = json.loads(result.stdout)
    assert {c["code"]: c["name"] for c in ref["categories"]} == CATEGORIES
    by_code = {c["code"]: c for c in ref["categories"]}
    assert by_code["C01"]["legal_basis"] == ["《住宅室内装饰装修管理办法》", "《上海市住宅物业管理规定》"]
    assert by_code["C99"]["legal_basis"] == []
    assert all(isinstance(c["deadline_days"], int) and "working_days" in c for c in ref["categories"])
    assert [r["annex_no"] for r in ref["regulations"]] == list(range(1, 12))
    assert len(ref["departments"]) == 9 and all(d["duty"] for d in ref["departments"])
    assert "区城管执法局" in {d["name"] for d in ref["departments"]}
    assert [s["name"] for s in ref["streets"]] == STREETS
    assert {s["kind"] for s in ref["streets"]} == {"街道", "镇"}


def test_demo_produces_exactly_the_counts_asked_for(demo_dir: Path) -> None:
    counts = json.loads(cli("info", "--json", "--data-dir", str(demo_dir)).stdout)["counts"]
    assert (counts["cases"], counts["complaints"], counts["trainings"]) == (400, 800, 14)
    assert counts["estates"] >= 30 and counts["property_companies"] >= 40 and counts["meetings"] > 0


def test_demo_covers_every_status_and_category_with_readable_unique_numbers(demo_dir: Path) -> None:
    con = sqlite3.connect(demo_dir / "station-ledger.db")
    assert {s for (s,) in con.execute("SELECT DISTINCT status FROM cases")} == STATUSES
    codes = {c for (c,) in con.execute("SELECT DISTINCT c.code FROM cases JOIN categories c ON c.id = category_id")}
    assert codes == set(CATEGORIES)
    rows = con.execute(
        "SELECT number, year, seq, s.short_name FROM cases JOIN streets s ON s.id = street_id").fetchall()
    numbers = [r[0] for r in rows]
    assert len(set(numbers)) == len(numbers)
    per_key: dict[tuple[int, str], list[int]] = {}
    for number, year, seq, short in rows:
        match = NUMBER.match(number)
        assert match and match.group(1) == str(year) and match.group(2) == short and int(match.group(3)) == seq
        per_key.setdefault((year, short), []).append(seq)
    for seqs in per_key.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))  # consecutive per year and street
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_demo_repeats_point_at_the_first_complaint_of_their_group(demo_dir: Path) -> None:
    con = sqlite3.connect(demo_dir / "station-ledger.db")
    pairs = con.execute(
        "SELECT coalesce(r.complainant_phone, '') || r.address, coalesce(o.complainant_phone, '') || o.address, "
        "r.category_id, o.category_id, "
        "julianday(r.received_at) - julianday(o.received_at), o.repeat_of_id "
        "FROM complaints r JOIN complaints o ON o.id = r.repeat_of_id").fetchall()
    assert 0.1 < len(pairs) / 800 < 0.2
    for phone_address, first_phone_address, cat, first_cat, days, first_of in pairs:
        assert (phone_address, cat) == (first_phone_address, first_cat)
        assert 0 < days <= 30
        assert first_of is None
    orders = [w for (w,) in con.execute("SELECT work_order_no FROM complaints WHERE channel = '12345热线'")]
    assert orders and None not in orders and len(set(orders)) == len(orders)


def test_demo_refuses_a_data_directory_that_already_has_cases(demo_dir: Path) -> None:
    line = assert_refused(cli("demo", "--data-dir", str(demo_dir), "--cases", "5", "--complaints", "5"))
    assert "已有" in line
    counts = json.loads(cli("info", "--json", "--data-dir", str(demo_dir)).stdout)["counts"]
    assert counts["cases"] == 400  # nothing was added


def test_screenshot_writes_a_png_of_the_requested_size(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "cases.png"
    result = cli("screenshot", "--data-dir", str(data), "--page", "案件台账", "-o", str(out), "--size", "1024x700")
    assert result.returncode == 0, result.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1024, 700)


def test_no_subcommand_starts_the_gui(data: Path) -> None:
    result = cli("--data-dir", str(data), env={"STATION_LEDGER_QUIT_WHEN_SHOWN": "1"})
    assert result.returncode == 0, result.stderr
    # The start-up benchmark's mark: the main window's first frame was painted.
    assert "window-painted" in result.stdout.splitlines()


def _text_db(tmp_path: Path) -> Path:
    folder = tmp_path / "textdb"
    folder.mkdir()
    (folder / "station-ledger.db").write_text("这不是数据库\n", encoding="utf-8")
    return folder


def _a_file(tmp_path: Path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text("x", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["bogus"], None),
        (["demo", "--cases", "-1"], "data"),
        (["demo", "--complaints", "many"], "data"),
        (["info", "--verbose"], "data"),
        (["screenshot", "--page", "cases", "-o", "{tmp}/x.png", "--size", "12"], "data"),
        (["screenshot", "--page", "no-such-page", "-o", "{tmp}/x.png"], "data"),
        (["screenshot", "--page", "cases"], "data"),
        (["screenshot", "--page", "cases", "-o", "{tmp}/missing-folder/x.png"], "data"),
        (["init"], "file"),
        (["info", "--json"], "textdb"),
        (["reference", "--json"], "textdb"),
        (["demo", "--cases", "3"], "textdb"),
        (["init"], "under-file"),
        (["screenshot", "--page", "cases", "-o", "{tmp}/x.png"], "file"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(args: list[str], where: str | None, tmp_path: Path) -> None:
    folder = {
        None: None,
        "data": tmp_path / "data",
        "file": _a_file(tmp_path),
        "textdb": _text_db(tmp_path),
        # Writing below a regular file fails even for root, where chmod would not stop it.
        "under-file": _a_file(tmp_path) / "data",
    }[where]
    full = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if folder is not None:
        full += ["--data-dir", str(folder)]
    assert_refused(cli(*full))
    if where == "textdb":
        assert (tmp_path / "textdb" / "station-ledger.db").read_text(encoding="utf-8") == "这不是数据库\n"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_unexpected_error_exits_1_with_a_chinese_line_and_the_traceback_in_the_log(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    import cli as cli_module
    from controllers.storage import overview as info

    def broken(_ctx: object) -> None:
        raise RuntimeError("boom 13800001234")

    monkeypatch.setattr(info, "data_info", broken)
    assert cli_module.run(["info", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and CJK.search(err[0]) and "Traceback" not in err[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = (data / "logs" / "station-ledger.log").read_text(encoding="utf-8")
    assert "Traceback" in log_text and "RuntimeError" in log_text


def test_recount_finds_and_corrects_counts_changed_outside_the_program(data: Path) -> None:
    assert cli("init", "--data-dir", str(data)).returncode == 0
    con = sqlite3.connect(data / "station-ledger.db")
    with con:
        con.execute("INSERT INTO complaints (uuid, created_at, updated_at, version, channel, received_at, content, "
                    "status) VALUES ('0123456789abcdef0123456789abcdef', '2025-03-05 01:00:00.000000', "
                    "'2025-03-05 01:00:00.000000', 1, '来电', '2025-03-05 01:00:00.000000', 'x', '待处理')")
        con.execute("UPDATE complaint_month_counts SET complaints = 7")  # as an edit by hand would
        con.execute("INSERT INTO case_month_counts VALUES ('2025-03-01', 1, 1, 1, 1, 1, 1, 1)")  # no such case
    con.close()
    result = cli("recount", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "发现 2 处" in result.stdout and "案件 1 处、诉件 1 处" in result.stdout
    again = cli("recount", "--data-dir", str(data))
    assert "一致" in again.stdout and "发现" not in again.stdout
    con = sqlite3.connect(data / "station-ledger.db")
    assert con.execute("SELECT month, estate_id, complaints FROM complaint_month_counts").fetchall() == [
        ("2025-03-01", 0, 1)]
    assert con.execute("SELECT count(*) FROM case_month_counts").fetchone() == (0,)
    con.close()
