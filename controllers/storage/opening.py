"""Opens a data directory or a server: checks it, upgrades the schema, seeds reference data, gives an AppContext."""

from __future__ import annotations

import logging
from functools import partial

from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import SQLAlchemyError

from controllers.core.context import AppContext
from controllers.core.errors import DataDirError, UserError, user_error_for
from controllers.core.paths import DataDir
from controllers.storage import datadir as dd
from controllers.storage import datadir_lock, server_config
from controllers.storage import integrity as backup_check
from models import migrate
from models.db import Database
from models.seed import seed_reference_data

log = logging.getLogger(__name__)


def context_for(db: Database, data_dir: DataDir,) -> AppContext:
    """An AppContext on `db` whose close() marks a SQLite file closed cleanly: the next start may skip the full
    integrity check while the file stays exactly as we left it."""
    ctx = AppContext(db=db, data_dir=data_dir)
    if db.is_sqlite:
        ctx.closers.append(partial(backup_check.mark_clean_close, data_dir))
    return ctx


def open_data_dir(data_dir: DataDir, *, seed: bool = True, db_url: str | None = None) -> AppContext:
    """Prepare the folder, refuse foreign or damaged files, migrate to head, seed; raise DataDirError if unusable.

    `db_url` None opens the data directory's own SQLite file; a URL (postgresql+psycopg://...) opens that
    database instead, while the data directory still holds the logs, ui.ini and the backups folder.
    """
    dd.prepare(data_dir)
    if db_url is None:
        # Refused while a restore replaces the file; from here on a restore elsewhere is refused until close().
        datadir_lock.hold_shared(data_dir.root)
        try:
            ctx = _open_sqlite(data_dir, seed=seed)
        except BaseException:
            datadir_lock.release(data_dir.root)
            raise
        ctx.closers.append(partial(datadir_lock.release, data_dir.root))
        return ctx
    return _open_database(data_dir, db_url, seed=seed)


def _open_sqlite(data_dir: DataDir, *, seed: bool) -> AppContext:
    if datadir_lock.alone(data_dir.root):
        # Nobody else has the directory open: what a killed restore or import left behind can go.
        dd.remove_leftovers(data_dir)
    # A damaged database is never opened for writing: CorruptDatabaseError names the newest good backup.
    backup_check.check_at_open(data_dir)
    dd.check_database_file(data_dir.database)
    return _open_database(data_dir, None, seed=seed)


def _busy_as_user_error(context: ExceptionContext) -> BaseException | None:
    """SQLAlchemy's handle_error hook: "database is locked" becomes errors.DATABASE_BUSY; anything else stays."""
    return user_error_for(context.original_exception)


def _open_database(data_dir: DataDir, db_url: str | None, *, seed: bool) -> AppContext:
    shown = data_dir.database if db_url is None else _url_for_messages(db_url)
    try:
        db = Database.from_url(db_url or data_dir.database_url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        log.exception("cannot create a database engine")
        raise DataDirError(f"无法打开数据库“{shown}”：{exc.__class__.__name__}。请检查数据库地址。") from exc
    # Another program holding SQLite's write lock past the busy timeout is the user's situation, not a crash: every
    # statement that meets it raises the Chinese UserError that every screen and command already shows.
    event.listen(db.engine, "handle_error", _busy_as_user_error)
    try:
        current = migrate.current_revision(db.engine)
        if current != migrate.SCHEMA_HEAD:
            if current is not None and current not in migrate.known_revisions(db.engine):
                raise DataDirError("该数据库由更新版本的台账创建，当前程序无法打开，数据没有被改动。请升级程序后再试。")
            log.info("upgrading database schema from %s", current or "empty")
            migrate.upgrade(db.engine)
        if seed:
            with db.session() as s:
                seeded = seed_reference_data(s)
            if seeded:
                log.info("seeded reference data: %s", ", ".join(seeded))
    except SQLAlchemyError as exc:
        db.dispose()
        log.exception("cannot open database")
        raise DataDirError(f"无法打开数据库“{shown}”：{exc.__class__.__name__}") from exc
    except UserError:
        db.dispose()
        raise
    if not db.is_sqlite:
        db.station_scope = server_config.load(data_dir).station_name
    return context_for(db, data_dir)


def _url_for_messages(url: str) -> str:
    """The URL as it may appear in a message or log: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show only its scheme
        return url.split("://", 1)[0] + "://…"
