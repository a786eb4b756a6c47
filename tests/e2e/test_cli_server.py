"""`--db URL` / STATION_LEDGER_DB on the command line: one Chinese line for bad URLs and unreachable servers."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.e2e.test_cli import assert_refused, cli

SECRET = "hunter2"


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _no_secret_anywhere(result, data: Path) -> None:
    assert SECRET not in result.stderr and SECRET not in result.stdout
    for log in (data / "logs").glob("*.log*"):
        assert SECRET not in log.read_text(encoding="utf-8")


def test_a_server_nobody_listens_on_is_connection_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = f"postgresql+psycopg://clerk:{SECRET}@127.0.0.1:{_dead_port()}/ledger"
    line = assert_refused(cli("info", "--data-dir", str(data), "--db", url))
    assert "连接被拒绝" in line and "127.0.0.1" in line
    assert not (data / "station-ledger.db").exists()  # no silent fallback to a local file
    _no_secret_anywhere(cli("--data-dir", str(data), "info", "--db", url), data)


def test_the_environment_variable_is_used_and_validated(tmp_path: Path) -> None:
    data = tmp_path / "data"
    line = assert_refused(cli("info", "--data-dir", str(data), env={"STATION_LEDGER_DB": "mysql://c@h/ledger"}))
    assert "STATION_LEDGER_DB" in line and "只支持 PostgreSQL" in line
    line = assert_refused(cli("info", "--data-dir", str(data), "--db", f"postgresql://c:{SECRET}@h"))
    assert "缺少数据库名" in line and SECRET not in line


def test_db_option_beats_the_environment(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = cli("info", "--data-dir", str(data), "--db", "local", env={"STATION_LEDGER_DB": "mysql://c@h/x"})
    assert result.returncode == 0, result.stderr
    assert (data / "station-ledger.db").exists()


def test_commands_run_on_a_real_server_and_file_backups_refuse(tmp_path: Path, pg_url: str) -> None:
    data = tmp_path / "desk"
    result = cli("info", "--data-dir", str(data), "--db", pg_url)
    assert result.returncode == 0, result.stderr
    assert "数据库版本" in result.stdout and not (data / "station-ledger.db").exists()
    assert "数据库：服务器 postgresql+psycopg://" in result.stdout
    line = assert_refused(cli("backup", "--data-dir", str(data), env={"STATION_LEDGER_DB": pg_url}))
    assert "服务器管理员" in line
    line = assert_refused(cli("restore", str(tmp_path / "x.zip"), "--data-dir", str(data), "--db", pg_url))
    assert "--db local" in line

