"""Which database to open: --db > STATION_LEDGER_DB > the server saved in 设置 > the data dir's SQLite file.

Also: checking a server URL, trying a connection, and turning a failed connection into a Chinese message.
A URL's password lives in memory only: it is never written to settings or logs (URLs are logged masked), and
when none is given libpq reads ~/.pgpass (or PGPASSFILE) itself; otherwise the caller asks the user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from controllers.core.errors import UserError, ValidationError

log = logging.getLogger(__name__)

ENV_VAR = "STATION_LEDGER_DB"
# `--db local` forces the data dir's own SQLite file (the way back when a saved server is unreachable).
LOCAL_WORDS = frozenset({"local", "sqlite", "本机"})
DRIVER = "postgresql+psycopg"
# Any PostgreSQL spelling is accepted and opened with psycopg 3, the driver the app ships.
_ACCEPTED = {"postgresql", "postgresql+psycopg", "postgresql+psycopg2", "postgres"}
# Without it libpq waits for the operating system's TCP timeout (minutes) on an unreachable host.
CONNECT_TIMEOUT_S = 10
MAX_PASSWORD_TRIES = 3
URL_EXAMPLE = "postgresql+psycopg://用户名@服务器:5432/数据库名"

Source = Literal["option", "env", "settings", "local"]
_INVALID_PREFIX = {"option": "--db 给出的数据库地址无效：", "env": f"环境变量 {ENV_VAR} 中的数据库地址无效：",
                   "settings": "设置中保存的数据库地址无效：", "local": ""}
# (user, shown URL, asked before) -> the password, or None when the user cancels.
PasswordPrompt = Callable[[str, str, bool], "str | None"]


class ServerConnectionError(UserError):
    """The server could not be reached or refused us; `message` says why in Chinese and what to do."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # refused, timeout, host, password_needed, password_wrong, database, role, other


@dataclass(frozen=True)
class DatabaseTarget:
    """The database this start opens: a server URL (with its password, in memory only) or the SQLite file."""

    source: Source
    display: str  # the SQLite file's path or the URL without its password
    url: str | None = field(default=None, repr=False)  # None: the data dir's SQLite file

    @property
    def is_server(self) -> bool:
        return self.url is not None


@dataclass(frozen=True)
class ConnectionReport:
    """What a successful test connection found."""

    display: str
    server_version: str
    schema_revision: str | None  # None: an empty database, set up at the first start


def parse_server_url(raw: str) -> URL:
    """A PostgreSQL URL with the psycopg driver, or ValidationError with a Chinese reason (never the password)."""
    value = (raw or "").strip()
    if not value:
        raise ValidationError(f"请填写数据库服务器地址，例如 {URL_EXAMPLE}。", field="url")
    try:
        url = make_url(value)
    except (ArgumentError, ValueError):
        # Never quote the text back: it may hold the password.
        raise ValidationError(f"数据库地址的格式不对。请写成 {URL_EXAMPLE}。", field="url") from None
    scheme = url.drivername.lower()
    if scheme.startswith("sqlite"):
        raise ValidationError("本机的 SQLite 数据库不用填写地址：用 --data-dir 指定数据目录即可（或用 --db local）。",
                              field="url")
    if scheme not in _ACCEPTED:
        raise ValidationError(f"不支持“{url.drivername}”数据库。服务器模式只支持 PostgreSQL，地址应以 postgresql:// "
                              f"或 postgresql+psycopg:// 开头，例如 {URL_EXAMPLE}。", field="url")
    if not url.database:
        raise ValidationError(f"数据库地址中缺少数据库名（最后一个 / 之后的部分），例如 {URL_EXAMPLE}。", field="url")
    return url.set(drivername=DRIVER)


def without_password(url: URL) -> URL:
    """The same URL with no password in it (what settings store)."""
    return URL.create(url.drivername, username=url.username, host=url.host, port=url.port, database=url.database,
                      query=url.query)


def masked(url: URL | str) -> str:
    """For messages and logs: the URL with its password as ***."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except (ArgumentError, ValueError):
        return "（无法解析的地址）"
    return parsed.render_as_string(hide_password=True)


def shown_url(url: URL) -> str:
    """The URL as the user sees it: no password at all, and without our connect_timeout."""
    return without_password(url).difference_update_query(["connect_timeout"]).render_as_string(hide_password=True)


def _with_timeout(url: URL) -> URL:
    if "connect_timeout" in url.query:
        return url
    return url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})


def server_target(source: Source, raw: str) -> DatabaseTarget:
    """A server target from a URL given on the command line, in the environment or in settings."""
    try:
        url = parse_server_url(raw)
    except ValidationError as exc:
        raise ValidationError(f"{_INVALID_PREFIX[source]}{exc.message}", field="url") from None
    url = _with_timeout(url)
    return DatabaseTarget(source=source, display=shown_url(url), url=url.render_as_string(hide_password=False))


# ---- connecting ------------------------------------------------------------------------------------------

# libpq's own words (English on every client we ship) -> reason; checked in this order.
_REASONS: tuple[tuple[str, str], ...] = (
    ("no password supplied", "password_needed"),
    ("password authentication failed", "password_wrong"),
    ("no pg_hba.conf entry", "not_allowed"),
    ("role \"", "role"),
    ("database \"", "database"),
    ("connection refused", "refused"),
    ("could not translate host name", "host"),
    ("failed to resolve host", "host"),
    ("name or service not known", "host"),
    ("timeout expired", "timeout"),
    ("timed out", "timeout"),
    ("permission denied for database", "no_connect"),
    ("no such file or directory", "refused"),  # a Unix socket with no server behind it
)


def _reason(detail: str) -> str:
    low = detail.lower()
    for needle, reason in _REASONS:
        if needle in low and (needle not in ('role "', 'database "') or "does not exist" in low):
            return reason
    return "other"


def describe_failure(url: URL, exc: BaseException) -> ServerConnectionError:
    """A Chinese ServerConnectionError for a failed connection; the password never appears in it."""
    detail = str(getattr(exc, "orig", None) or exc)
    reason = _reason(detail)
    host = url.host or url.query.get("host") or "本机"  # ?host=/run/postgresql names a Unix socket folder
    where = f"{host}:{url.port or url.query.get('port') or 5432}"
    user, db = url.username or "（当前系统用户）", url.database
    messages = {
        "password_needed": f"数据库服务器 {where} 要求用户“{user}”输入密码。请在启动时输入密码，"
                           "或把密码保存在本机的 .pgpass 文件中（见使用说明“街镇服务器模式”）。",
        "password_wrong": f"用户“{user}”的密码不正确（或服务器上没有该用户）。请重新输入密码，或检查 .pgpass 文件。",
        "not_allowed": f"数据库服务器 {where} 不允许这台电脑以用户“{user}”连接数据库“{db}”。请联系服务器管理员"
                       "（pg_hba.conf）。",
        "role": f"数据库服务器 {where} 上没有用户“{user}”。请检查地址中的用户名，或请服务器管理员建立该用户。",
        "database": f"数据库服务器 {where} 上没有名为“{db}”的数据库。请检查地址中的数据库名，"
                    "或请服务器管理员先建立它（第一次启动时台账会自动建表）。",
        "refused": f"无法连接到数据库服务器 {where}：连接被拒绝。服务器可能没有运行，或服务器名、端口不对。"
                   "请检查后重试，或联系服务器管理员。",
        "host": f"找不到数据库服务器“{host}”。请检查服务器名是否写对、这台电脑是否连着网络。",
        "timeout": f"连接数据库服务器 {where} 超时。请检查网络连接和服务器名，或稍后再试。",
        "no_connect": f"用户“{user}”没有连接数据库“{db}”的权限。请联系服务器管理员。",
    }
    if reason in messages:
        return ServerConnectionError(messages[reason], reason=reason)
    first_line = detail.strip().splitlines()[0] if detail.strip() else exc.__class__.__name__
    return ServerConnectionError(f"无法连接数据库服务器 {where}（{first_line[:200]}）。请检查数据库地址，"
                                 "或联系服务器管理员。", reason="other")


def probe(url_text: str) -> ConnectionReport:
    """Connect once and look around: server version and the schema revision; ServerConnectionError if it fails."""
    url = _with_timeout(make_url(url_text))
    try:
        engine = create_engine(url, poolclass=NullPool, hide_parameters=True)
    except ImportError:
        raise ServerConnectionError("这台电脑没有安装 PostgreSQL 驱动（psycopg），无法连接服务器。"
                                    "请重新安装台账程序。", reason="driver") from None
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar() or "")
            has_schema = conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() if has_schema else None
    except DBAPIError as exc:
        failure = describe_failure(url, exc)
        log.info("connection to %s failed: %s", masked(url), failure.reason)
        raise failure from None
    except SQLAlchemyError as exc:
        log.warning("connection to %s failed: %s", masked(url), exc.__class__.__name__)
        raise describe_failure(url, exc) from None
    finally:
        engine.dispose()
    return ConnectionReport(display=shown_url(url), server_version=version.split(" ")[0],
                            schema_revision=str(revision) if revision else None)


def try_connection(url: str, *, password: str | None = None) -> ConnectionReport:
    """设置's 测试连接: check the URL, connect once with this password (or .pgpass), report what is there."""
    parsed = parse_server_url(url)
    if password:
        parsed = parsed.set(password=password)
    return probe(parsed.render_as_string(hide_password=False))


def with_password(url_text: str, password: str) -> str:
    return make_url(url_text).set(password=password).render_as_string(hide_password=False)


def connect_target(target: DatabaseTarget, ask_password: PasswordPrompt | None = None) -> str:
    """The URL to open (password included, in memory only), asking for a password when the server wants one.

    Without `ask_password` (no terminal, tests) a missing password is a ServerConnectionError that mentions .pgpass.
    """
    assert target.url is not None
    url_text = target.url
    tries = 0
    while True:
        try:
            probe(url_text)
            return url_text
        except ServerConnectionError as exc:
            wants_password = exc.reason in ("password_needed", "password_wrong")
            if not wants_password or ask_password is None or tries >= MAX_PASSWORD_TRIES:
                raise
        password = ask_password(make_url(url_text).username or "", target.display, tries > 0)
        if password is None:
            raise ServerConnectionError("没有输入密码，已取消。", reason="cancelled")
        tries += 1
        url_text = with_password(target.url, password)
