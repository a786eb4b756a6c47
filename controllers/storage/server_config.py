"""Street server mode settings kept in the data dir (server.json), which database a start opens, where files live.

The server URL and the shared attachments folder are this desk's own configuration, not the shared data: they
say how to reach the data, and each desk may mount the shared folder under a different path (Z:\\ on one, a
mount point on another). So they live in <data dir>/server.json, never inside the database, and the URL is
stored without its password.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from controllers.core.errors import UserError, ValidationError
from controllers.core.paths import DataDir
from controllers.core.permissions import require
from controllers.storage.connection import (
    ENV_VAR,
    LOCAL_WORDS,
    DatabaseTarget,
    Source,
    parse_server_url,
    server_target,
    shown_url,
)

if TYPE_CHECKING:
    from controllers.core.context import AppContext

log = logging.getLogger(__name__)

CONFIG_NAME = "server.json"


class AttachmentsFolderError(UserError):
    """Server mode without a usable shared attachments folder (not set, not mounted, not writable)."""


@dataclass(frozen=True)
class ServerConfig:
    """What server.json holds: the server URL (no password), the shared attachments folder, and which station this
    desk works for (on a shared server each station has its own name and area; None: the server's one station)."""

    url: str | None = None
    attachments_dir: str | None = None
    station_name: str | None = None


@dataclass(frozen=True)
class SavedServer:
    """The result of saving 设置's 数据库 section."""

    config: ServerConfig
    password_dropped: bool  # the URL typed had a password: it was not stored


@dataclass(frozen=True)
class CurrentDatabase:
    """What 设置 shows about the database this start opened."""

    is_server: bool
    display: str  # SQLite file path, or the server URL without password
    attachments: str  # the folder attachments are stored in now ("" when server mode has none set)


def config_path(data_dir: DataDir) -> Path:
    return data_dir.root / CONFIG_NAME


def load(data_dir: DataDir) -> ServerConfig:
    """The saved server settings; a missing or unreadable file means none (the desk's SQLite file)."""
    path = config_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ServerConfig()
    except (OSError, ValueError):
        log.warning("%s is unreadable; starting without server settings", CONFIG_NAME)
        return ServerConfig()
    if not isinstance(data, dict):
        return ServerConfig()
    url, folder, station = data.get("url"), data.get("attachments_dir"), data.get("station_name")
    return ServerConfig(url=url if isinstance(url, str) and url else None,
                        attachments_dir=folder if isinstance(folder, str) and folder else None,
                        station_name=station if isinstance(station, str) and station else None)


def save(data_dir: DataDir, config: ServerConfig) -> None:
    """Write server.json atomically (callers strip the password first; save_server_settings does)."""
    path = config_path(data_dir)
    data = {"url": config.url, "attachments_dir": config.attachments_dir}
    if config.station_name:  # only a desk of a server several stations share names its station
        data["station_name"] = config.station_name
    payload = json.dumps(data, ensure_ascii=False, indent=2)
    fd, tmp = tempfile.mkstemp(prefix=".server-", dir=data_dir.root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload + "\n")
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"无法保存数据库设置到“{path}”（{exc.strerror or exc}）。请检查数据目录的权限。") from exc


def choose_target(data_dir: DataDir, *, option: str | None = None,
                  environ: Mapping[str, str] | None = None) -> DatabaseTarget:
    """Which database to open: --db > STATION_LEDGER_DB > the server saved in 设置 > the data dir's SQLite file.

    `--db local` (or the variable set to local) forces the SQLite file: the way back when a saved server is gone.
    """
    env = os.environ if environ is None else environ
    sources: tuple[tuple[Source, str | None], ...] = (("option", option), ("env", env.get(ENV_VAR)))
    for source, raw in sources:
        if raw is None or not raw.strip():
            continue
        if raw.strip().lower() in LOCAL_WORDS:
            return DatabaseTarget(source="local", display=str(data_dir.database))
        return server_target(source, raw)
    saved = load(data_dir).url
    if saved:
        try:
            return server_target("settings", saved)
        except ValidationError as exc:
            raise ValidationError(f"{exc.message} 可用 --db local 以本机数据启动，再到 设置 → 数据库 中修改。",
                                  field="url") from None
    return DatabaseTarget(source="local", display=str(data_dir.database))


# ---- the attachments folder ---------------------------------------------------------------------------


def attachments_root(ctx: AppContext, *, for_writing: bool = False) -> Path:
    """Where attachment files live: the data dir's attachments/ on SQLite, the shared folder in server mode."""
    if ctx.db.is_sqlite:
        return ctx.data_dir.attachments
    folder = load(ctx.data_dir).attachments_dir
    if not folder:
        raise AttachmentsFolderError(
            "服务器模式下还没有指定共享附件文件夹，附件无法保存或打开。请管理员在 设置 → 数据库 中"
            "指定一个各台电脑都能访问的共享文件夹。")
    return check_folder(Path(folder), for_writing=for_writing)


def check_folder(path: Path, *, for_writing: bool) -> Path:
    """The folder if usable; AttachmentsFolderError in Chinese when it is missing or (for writing) read-only."""
    if not path.is_dir():
        raise AttachmentsFolderError(
            f"共享附件文件夹“{path}”不存在或无法访问（网络盘没有连接？）。请连接共享文件夹后重试，或联系管理员。")
    if for_writing and not os.access(path, os.W_OK | os.X_OK):
        raise AttachmentsFolderError(f"没有写入共享附件文件夹“{path}”的权限，附件无法保存。请联系管理员。")
    return path


# ---- 设置's 数据库 section ------------------------------------------------------------------------------


def current_database(ctx: AppContext) -> CurrentDatabase:
    """The database this start opened and where its attachments are stored."""
    if ctx.db.is_sqlite:
        return CurrentDatabase(is_server=False, display=str(ctx.data_dir.database),
                               attachments=str(ctx.data_dir.attachments))
    folder = load(ctx.data_dir).attachments_dir or ""
    return CurrentDatabase(is_server=True, display=shown_url(ctx.db.engine.url), attachments=folder)


def save_server_settings(ctx: AppContext, *, url: str | None, attachments_dir: str | None) -> SavedServer:
    """Store (or with url None/"" clear) this desk's server URL and shared folder; used from the next start on."""
    require(ctx, "edit_settings")
    folder_text = (attachments_dir or "").strip()
    if not (url or "").strip():
        config = replace(load(ctx.data_dir), url=None, attachments_dir=folder_text or None)
        save(ctx.data_dir, config)
        log.info("server settings cleared: the next start opens the data dir's database")
        return SavedServer(config=config, password_dropped=False)
    parsed = parse_server_url(url or "")
    if not folder_text:
        raise ValidationError("服务器模式需要一个各台电脑都能访问的共享附件文件夹，请选择它。", field="attachments_dir")
    folder = Path(folder_text).expanduser()
    try:
        check_folder(folder, for_writing=True)
    except AttachmentsFolderError as exc:
        raise ValidationError(exc.message, field="attachments_dir") from None
    config = replace(load(ctx.data_dir), url=shown_url(parsed), attachments_dir=str(folder.resolve()))
    save(ctx.data_dir, config)
    log.info("server settings saved: %s", config.url)
    return SavedServer(config=config, password_dropped=parsed.password is not None)
