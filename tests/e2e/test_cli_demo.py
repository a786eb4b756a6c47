"""`--demo` opens demo data in its own folder: filled once, marked, and the real data directory never written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from controllers.complaints.entry import create_complaint
from controllers.core.paths import DataDir
from controllers.storage.opening import open_data_dir
from tests.e2e.test_cli import assert_refused, cli


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under the folder with its bytes and modification time (ns)."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def test_demo_never_touches_the_real_data_dir(tmp_path: Path) -> None:
    real, xdg = tmp_path / "real", tmp_path / "xdg"
    assert cli("--data-dir", str(real), "init").returncode == 0
    before = snapshot(real)
    env = {"STATION_LEDGER_DATA": str(real), "XDG_DATA_HOME": str(xdg)}

    first = cli("--demo", "info", "--json", env=env)
    assert first.returncode == 0, first.stderr
    again = cli("--demo", "info", "--json", env=env)  # filled once: the second start generates nothing
    assert again.returncode == 0 and "生成演示数据" not in again.stderr

    assert snapshot(real) == before  # byte for byte, mtime for mtime
    demo = xdg / "station-ledger-演示数据"
    assert demo.is_dir() and not demo.is_relative_to(real)
    con = sqlite3.connect(demo / "station-ledger.db")
    try:
        assert con.execute("SELECT value FROM settings WHERE key = 'demo_data'").fetchone() == ("1",)
        assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 600
    finally:
        con.close()


def test_demo_with_another_data_dir_is_refused_in_chinese(tmp_path: Path) -> None:
    other = tmp_path / "other"
    result = cli("--demo", "--data-dir", str(other), "info", env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert "--demo" in assert_refused(result)
    assert not other.exists()


def test_demo_refuses_a_folder_holding_a_real_ledger(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    demo = xdg / "station-ledger-演示数据"
    ctx = open_data_dir(DataDir(demo))  # somebody's real ledger, unmarked, where the demo would go
    try:
        create_complaint(ctx, channel="来电", content="楼道堆物")
    finally:
        ctx.close()
    before = snapshot(demo / "station-ledger.db")
    result = cli("--demo", "info", env={"XDG_DATA_HOME": str(xdg)})
    assert "不是演示数据" in assert_refused(result)
    assert snapshot(demo / "station-ledger.db") == before
