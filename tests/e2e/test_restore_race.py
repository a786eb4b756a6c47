"""A restore racing another program on the same data directory, in two real processes (issue 16, point 3).

Either the restore is refused (the other program came first), or the other program is refused (the restore came
first); never does a program report a commit whose rows end up in neither the restored database nor the safety
backup taken before the restore. Synchronised on the child's output lines: no sleeps.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest

from controllers.backup import backups as backup
from controllers.backup import restore as backup_restore
from controllers.core.errors import DataDirError
from controllers.core.paths import DataDir
from controllers.storage.datadir_lock import IN_USE
from controllers.storage.opening import open_data_dir
from tests.unit.bad_input_kit import assert_chinese_message

ROOT = Path(__file__).resolve().parents[2]


def child_env() -> dict[str, str]:
    """The environment as it is when the child starts (with the session's private user folders), not at import."""
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


def _case_uuids(db: Path) -> set[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {str(uuid.UUID(str(r[0]))) for r in con.execute("SELECT uuid FROM cases")}
    finally:
        con.close()


def _uuids_in_backup(path: str, tmp: Path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        (tmp / "safety.db").write_bytes(zf.read("station-ledger.db"))
    return _case_uuids(tmp / "safety.db")


def _backup(data_dir: DataDir, out: Path) -> Path:
    ctx = open_data_dir(data_dir)
    try:
        return Path(backup.make_backup(ctx, reason="manual", output=out).path)
    finally:
        ctx.close()


def test_restore_is_refused_while_another_program_writes(data_dir: DataDir, tmp_path: Path) -> None:
    good = _backup(data_dir, tmp_path / "good.zip")
    child = subprocess.Popen([sys.executable, "-m", "tests.e2e.lock_holder", str(data_dir.root)], cwd=ROOT,
                             env=child_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    assert child.stdin is not None and child.stdout is not None
    ready = child.stdout.readline()
    assert ready.startswith("ready "), child.stderr.read()  # type: ignore[union-attr]
    with pytest.raises(DataDirError) as caught:
        backup_restore.restore_backup(data_dir, good)
    assert caught.value.message == IN_USE
    assert_chinese_message(caught.value)
    assert not list(data_dir.root.glob(".restore-*"))
    child.stdin.write("\n")
    child.stdin.flush()
    done, err = child.communicate()
    assert child.returncode == 0, err
    reported = {ready.split()[1], done.split()[1]}
    assert reported <= _case_uuids(data_dir.database)
    # Now alone, the restore runs; what the other program committed is in the safety backup.
    info = backup_restore.restore_backup(data_dir, good)
    assert info.safety_backup is not None
    assert reported <= _uuids_in_backup(info.safety_backup, tmp_path)


def test_other_programs_are_refused_while_a_restore_runs(data_dir: DataDir, tmp_path: Path, monkeypatch) -> None:
    good = _backup(data_dir, tmp_path / "good.zip")
    seen: list[subprocess.CompletedProcess[str]] = []
    real_stage = backup_restore._stage_attachments

    def stage_while_others_try(*args, **kwargs):  # type: ignore[no-untyped-def]
        # In the middle of the restore: a writer program (the CLI's backup) and a second program both try to open.
        seen.append(subprocess.run([sys.executable, "main.py", "backup", "--data-dir", str(data_dir.root)], cwd=ROOT,
                                   env=child_env(), capture_output=True, text=True, stdin=subprocess.DEVNULL))
        seen.append(subprocess.run([sys.executable, "-m", "tests.e2e.lock_holder", str(data_dir.root)], cwd=ROOT,
                                   env=child_env(), capture_output=True, text=True, stdin=subprocess.DEVNULL))
        return real_stage(*args, **kwargs)

    monkeypatch.setattr(backup_restore, "_stage_attachments", stage_while_others_try)
    backup_restore.restore_backup(data_dir, good)
    for result in seen:
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "正在从备份恢复" in lines[0], result.stderr
    # After the restore the data directory is open to everyone again.
    open_data_dir(data_dir).close()
