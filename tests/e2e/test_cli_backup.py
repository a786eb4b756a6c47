"""`backup` and `restore` as a user runs them, including refusals and a damaged database at start."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

from tests.e2e.test_cli import assert_refused, cli


def _cases(data: Path) -> int:
    con = sqlite3.connect(data / "station-ledger.db")
    try:
        return int(con.execute("SELECT count(*) FROM cases").fetchone()[0])
    finally:
        con.close()


def test_backup_then_restore_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo = cli("demo", "--data-dir", str(data), "--cases", "30", "--complaints", "10", "--trainings", "1")
    assert demo.returncode == 0, demo.stderr
    out = tmp_path / "手工备份.zip"
    result = cli("backup", "--data-dir", str(data), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and "备份已校验" in result.stdout
    with zipfile.ZipFile(out) as zf:
        assert "station-ledger.db" in zf.namelist()

    default = cli("backup", "--data-dir", str(data))
    assert default.returncode == 0, default.stderr
    assert str(data / "backups") in default.stdout

    con = sqlite3.connect(data / "station-ledger.db")
    con.execute("DELETE FROM case_events")
    con.execute("DELETE FROM cases")
    con.commit()
    con.close()
    assert _cases(data) == 0

    restored = cli("restore", "--data-dir", str(data), str(out))
    assert restored.returncode == 0, restored.stderr
    assert "恢复前的数据已备份为" in restored.stdout
    assert _cases(data) == 30
    assert cli("info", "--data-dir", str(data)).returncode == 0
    # The CLI restore is in the audit log like the 设置 one: who (the machine's user), which file.
    con = sqlite3.connect(data / "station-ledger.db")
    try:
        entries = con.execute("SELECT username, entity, detail FROM audit_log WHERE action = 'restore'").fetchall()
    finally:
        con.close()
    assert len(entries) == 1
    username, entity, detail = entries[0]
    assert username.startswith("本机:") and entity == "backup" and json.loads(detail) == {"file": out.name}


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli("init", "--data-dir", str(data)).returncode == 0
    before = hashlib.sha256((data / "station-ledger.db").read_bytes()).hexdigest()
    junk = tmp_path / "照片.zip"
    junk.write_bytes(b"not a zip at all" * 50)
    line = assert_refused(cli("restore", "--data-dir", str(data), str(junk)))
    assert "不是台账的备份文件" in line
    assert_refused(cli("restore", "--data-dir", str(data), str(tmp_path / "没有这个文件.zip")))
    assert_refused(cli("backup", "--data-dir", str(data), "-o", str(tmp_path / "备份.txt")))
    assert_refused(cli("restore", "--data-dir", str(data)))  # the file is required
    assert hashlib.sha256((data / "station-ledger.db").read_bytes()).hexdigest() == before
    assert list((data / "backups").iterdir()) == []


def test_damaged_database_start_names_the_backup_and_restore_repairs_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo = cli("demo", "--data-dir", str(data), "--cases", "200", "--complaints", "200", "--trainings", "1")
    assert demo.returncode == 0, demo.stderr
    made = cli("backup", "--data-dir", str(data))
    assert made.returncode == 0, made.stderr
    backup_file = next((data / "backups").glob("station-ledger-*-manual.zip"))
    db = data / "station-ledger.db"
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(b"\x00\xffgarbage" * 1024)

    line = assert_refused(cli("info", "--data-dir", str(data)))
    assert "已损坏" in line and str(backup_file) in line and "restore" in line

    restored = cli("restore", "--data-dir", str(data), str(backup_file))
    assert restored.returncode == 0, restored.stderr
    assert "损坏的数据库文件已保留为" in restored.stdout
    assert list(data.glob("station-ledger.db.corrupt-*"))
    assert cli("info", "--data-dir", str(data)).returncode == 0
    assert _cases(data) == 200
