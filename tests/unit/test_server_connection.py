"""Street server mode: which database a start opens, passwords never stored or logged, Chinese connection errors."""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path

import pytest

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.paths import DataDir
from controllers.core.permissions import STAFF, SignedInUser
from controllers.storage import connection, server_config
from controllers.storage.connection import ServerConnectionError

SECRET = "hunter2-秘"


def free_port() -> int:
    """A local TCP port nothing listens on (bound once, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def save_config(data_dir: DataDir, **values: str) -> None:
    data_dir.root.mkdir(parents=True, exist_ok=True)
    server_config.config_path(data_dir).write_text(json.dumps(values), encoding="utf-8")


# ---- precedence -------------------------------------------------------------------------------------------


def test_without_any_url_the_data_dirs_sqlite_file_is_opened(data_dir: DataDir) -> None:
    target = server_config.choose_target(data_dir, environ={})
    assert not target.is_server and target.source == "local"
    assert target.display == str(data_dir.database)


def test_option_beats_environment_beats_settings(data_dir: DataDir) -> None:
    save_config(data_dir, url="postgresql+psycopg://saved@settings-host/ledger")
    env = {connection.ENV_VAR: "postgresql://env@env-host/ledger"}
    chosen = server_config.choose_target(data_dir, option="postgresql://opt@opt-host/ledger", environ=env)
    assert (chosen.source, "opt-host" in chosen.display) == ("option", True)
    chosen = server_config.choose_target(data_dir, environ=env)
    assert (chosen.source, "env-host" in chosen.display) == ("env", True)
    chosen = server_config.choose_target(data_dir, environ={connection.ENV_VAR: "  "})
    assert (chosen.source, "settings-host" in chosen.display) == ("settings", True)
    assert chosen.url is not None and chosen.url.startswith("postgresql+psycopg://")


def test_db_local_forces_the_sqlite_file_over_a_saved_server(data_dir: DataDir) -> None:
    save_config(data_dir, url="postgresql+psycopg://saved@gone-host/ledger")
    assert not server_config.choose_target(data_dir, option="local", environ={}).is_server
    assert not server_config.choose_target(data_dir, environ={connection.ENV_VAR: "LOCAL"}).is_server


def test_a_password_in_the_url_is_kept_in_memory_only(data_dir: DataDir) -> None:
    target = server_config.choose_target(data_dir, option=f"postgresql://clerk:{SECRET}@db.street/ledger", environ={})
    assert target.url is not None and "hunter2" in target.url  # needed to connect
    assert "hunter2" not in target.display and "hunter2" not in repr(target)
    assert target.display == "postgresql+psycopg://clerk@db.street/ledger"


@pytest.mark.parametrize(("raw", "expected"), [
    ("mysql://clerk@db/ledger", "只支持 PostgreSQL"),
    ("sqlite:///tmp/x.db", "--data-dir"),
    ("postgresql://clerk@db", "缺少数据库名"),
    (f"this is not a url {SECRET}", "格式不对"),
    (f"http://clerk:{SECRET}@db/ledger", "只支持 PostgreSQL"),
])
def test_bad_urls_get_a_chinese_reason_without_the_password(data_dir: DataDir, raw: str, expected: str) -> None:
    with pytest.raises(ValidationError) as err:
        server_config.choose_target(data_dir, option=raw, environ={})
    assert expected in err.value.message and "--db" in err.value.message
    assert "hunter2" not in err.value.message


def test_a_broken_saved_url_says_how_to_start_anyway(data_dir: DataDir) -> None:
    save_config(data_dir, url="oracle://x@y/z")
    with pytest.raises(ValidationError) as err:
        server_config.choose_target(data_dir, environ={})
    assert "设置中保存的" in err.value.message and "--db local" in err.value.message


def test_an_unreadable_config_file_means_no_server(data_dir: DataDir) -> None:
    data_dir.root.mkdir(parents=True)
    server_config.config_path(data_dir).write_text("{not json", encoding="utf-8")
    assert not server_config.choose_target(data_dir, environ={}).is_server


# ---- saving in 设置 -----------------------------------------------------------------------------------------


def test_saved_url_has_no_password_and_lives_in_the_data_dir(app_ctx: AppContext, tmp_path: Path) -> None:
    shared = tmp_path / "共享附件"
    shared.mkdir()
    saved = server_config.save_server_settings(
        app_ctx, url=f"postgresql://clerk:{SECRET}@db.street:5433/ledger?sslmode=require", attachments_dir=str(shared))
    assert saved.password_dropped
    raw = server_config.config_path(app_ctx.data_dir).read_text(encoding="utf-8")
    assert "hunter2" not in raw
    assert json.loads(raw) == {"url": "postgresql+psycopg://clerk@db.street:5433/ledger?sslmode=require",
                               "attachments_dir": str(shared.resolve())}
    assert server_config.choose_target(app_ctx.data_dir, environ={}).source == "settings"


def test_saving_a_server_needs_a_usable_shared_folder(app_ctx: AppContext, tmp_path: Path) -> None:
    url = "postgresql+psycopg://clerk@db.street/ledger"
    before = server_config.load(app_ctx.data_dir)
    with pytest.raises(ValidationError) as err:
        server_config.save_server_settings(app_ctx, url=url, attachments_dir="")
    assert err.value.field == "attachments_dir" and "共享附件文件夹" in err.value.message
    with pytest.raises(ValidationError) as err:
        server_config.save_server_settings(app_ctx, url=url, attachments_dir=str(tmp_path / "没有这个文件夹"))
    assert "不存在或无法访问" in err.value.message
    assert server_config.load(app_ctx.data_dir) == before  # nothing saved


def test_clearing_the_url_goes_back_to_the_sqlite_file(app_ctx: AppContext, tmp_path: Path) -> None:
    server_config.save_server_settings(app_ctx, url="postgresql://c@h/d", attachments_dir=str(tmp_path))
    server_config.save_server_settings(app_ctx, url="", attachments_dir=str(tmp_path))
    assert not server_config.choose_target(app_ctx.data_dir, environ={}).is_server


def test_only_an_administrator_changes_the_server(app_ctx: AppContext, tmp_path: Path) -> None:
    from controllers.core.permissions import PermissionDenied

    app_ctx.sign_in(SignedInUser(username="clerk", display_name="办事员", role=STAFF, user_id=99))
    with pytest.raises(PermissionDenied):
        server_config.save_server_settings(app_ctx, url="postgresql://c@h/d", attachments_dir=str(tmp_path))


# ---- connection failures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("libpq_says", "reason", "expected"), [
    ('connection to server at "10.0.0.5", port 5432 failed: Connection refused\n\tIs the server running',
     "refused", "连接被拒绝"),
    ('connection to server at "10.0.0.5", port 5432 failed: fe_sendauth: no password supplied',
     "password_needed", ".pgpass"),
    ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  password authentication failed for user "clerk"',
     "password_wrong", "密码不正确"),
    ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  database "ledger" does not exist',
     "database", "没有名为“ledger”的数据库"),
    ("failed to resolve host 'db.street': [Errno -2] Name or service not known", "host", "找不到数据库服务器"),
    ('connection to server at "10.0.0.5", port 5432 failed: timeout expired', "timeout", "超时"),
    ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  role "clerk" does not exist', "role", "没有用户"),
])
def test_connection_failures_are_explained_in_chinese(libpq_says: str, reason: str, expected: str) -> None:
    url = connection.parse_server_url(f"postgresql://clerk:{SECRET}@10.0.0.5/ledger")
    failure = connection.describe_failure(url, OSError(libpq_says))
    assert failure.reason == reason and expected in failure.message
    assert "hunter2" not in failure.message


def test_nothing_listening_is_connection_refused_and_the_log_has_no_password(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"postgresql+psycopg://clerk:{SECRET}@127.0.0.1:{free_port()}/ledger"
    with pytest.raises(ServerConnectionError) as err:
        connection.try_connection(url)
    assert err.value.reason == "refused" and "连接被拒绝" in err.value.message
    assert "hunter2" not in caplog.text and "hunter2" not in err.value.message


def _fake_server(monkeypatch: pytest.MonkeyPatch, password: str) -> list[str]:
    """probe() that wants `password`; returns the list of URLs it was tried with."""
    tried: list[str] = []

    def probe(url_text: str) -> connection.ConnectionReport:
        tried.append(url_text)
        given = connection.make_url(url_text).password
        if given is None:
            raise ServerConnectionError("要密码", reason="password_needed")
        if given != password:
            raise ServerConnectionError("密码不对", reason="password_wrong")
        return connection.ConnectionReport(display="x", server_version="15.0", schema_revision=None)

    monkeypatch.setattr(connection, "probe", probe)
    return tried


def test_a_missing_password_is_asked_for_and_a_wrong_one_asked_again(monkeypatch, data_dir: DataDir) -> None:
    tried = _fake_server(monkeypatch, "right")
    answers = iter(["wrong", "right"])
    asked: list[tuple[str, bool]] = []

    def ask(user: str, shown: str, again: bool) -> str:
        asked.append((user, again))
        assert "right" not in shown and "wrong" not in shown
        return next(answers)

    target = server_config.choose_target(data_dir, option="postgresql://clerk@db.street/ledger", environ={})
    url = connection.connect_target(target, ask)
    assert connection.make_url(url).password == "right"
    assert asked == [("clerk", False), ("clerk", True)] and len(tried) == 3


def test_without_a_way_to_ask_the_error_points_to_pgpass(monkeypatch, data_dir: DataDir) -> None:
    _fake_server(monkeypatch, "right")
    target = server_config.choose_target(data_dir, option="postgresql://clerk@db.street/ledger", environ={})
    with pytest.raises(ServerConnectionError) as err:
        connection.connect_target(target, None)
    assert err.value.reason == "password_needed"


def test_cancelling_the_password_prompt_cancels_the_start(monkeypatch, data_dir: DataDir) -> None:
    _fake_server(monkeypatch, "right")
    target = server_config.choose_target(data_dir, option="postgresql://clerk@db.street/ledger", environ={})
    with pytest.raises(ServerConnectionError) as err:
        connection.connect_target(target, lambda *_: None)
    assert err.value.reason == "cancelled"


def test_probe_of_a_real_server_reports_version_and_schema(pg_url: str) -> None:
    report = connection.try_connection(pg_url)
    assert report.server_version and report.schema_revision is not None


def test_unknown_database_on_a_real_server(pg_url: str) -> None:
    url = connection.make_url(pg_url).set(database="no_such_ledger").render_as_string(hide_password=False)
    with pytest.raises(ServerConnectionError) as err:
        connection.try_connection(url)
    assert err.value.reason == "database" and "no_such_ledger" in err.value.message
