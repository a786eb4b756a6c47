"""The data directory is found where the user says, and a foreign or unwritable one is refused unharmed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from controllers.core import paths
from controllers.core.errors import DataDirError
from controllers.storage import datadir
from controllers.storage.opening import open_data_dir


def test_flag_beats_environment_beats_platform_default(tmp_path, monkeypatch):
    monkeypatch.setenv(datadir.ENV_VAR, str(tmp_path / "env"))
    assert datadir.resolve(tmp_path / "flag").root == tmp_path / "flag"
    assert datadir.resolve(None).root == tmp_path / "env"
    monkeypatch.delenv(datadir.ENV_VAR)
    assert datadir.resolve(None).root.name == "station-ledger"


def test_open_creates_layout(data_dir):
    ctx = open_data_dir(data_dir)
    ctx.close()
    for sub in (data_dir.database, data_dir.attachments, data_dir.backups, data_dir.logs):
        assert sub.exists()


def test_a_file_in_place_of_the_directory_is_refused(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="不是文件夹"):
        open_data_dir(paths.DataDir(blocker))
    with pytest.raises(DataDirError, match="无法写入"):
        open_data_dir(paths.DataDir(blocker / "sub"))
    assert blocker.read_text() == "x"


def test_a_text_file_named_like_the_database_is_left_alone(data_dir):
    data_dir.root.mkdir(parents=True)
    data_dir.database.write_text("我的笔记")
    with pytest.raises(DataDirError, match="不是台账数据库"):
        open_data_dir(data_dir)
    assert data_dir.database.read_text() == "我的笔记"


def test_another_programs_sqlite_database_is_left_alone(data_dir):
    data_dir.root.mkdir(parents=True)
    con = sqlite3.connect(data_dir.database)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    before = Path(data_dir.database).read_bytes()
    with pytest.raises(DataDirError, match="其他程序"):
        open_data_dir(data_dir)
    assert Path(data_dir.database).read_bytes() == before


def test_a_database_from_a_newer_version_is_refused(data_dir):
    open_data_dir(data_dir).close()
    con = sqlite3.connect(data_dir.database)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    con.commit()
    con.close()
    with pytest.raises(DataDirError, match="更新版本"):
        open_data_dir(data_dir)
