"""Opens a data directory: checks it, upgrades the schema, seeds reference data; the app's services hang here."""

from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from controllers import audit, backup_check
from controllers import datadir as dd
from controllers.errors import DataDirError
from controllers.permissions import SignedInUser, local_admin
from models import migrate
from models.db import Database
from models.seed import seed_reference_data

log = logging.getLogger(__name__)


def default_actor() -> str:
    """Who the timeline records as acting for the CLI and tests (the local administrator): the OS login name."""
    try:
        return os.environ.get("STATION_LEDGER_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "本机用户"


@dataclass
class AppContext:
    """Everything a controller needs: the database, the data directory's paths, and who is acting.

    `user` starts as the local administrator (the CLI and tests: whoever can run them already holds the database
    file); the GUI signs in an account before it shows any data (ui.accounts).
    """

    db: Database
    data_dir: dd.DataDir
    actor: str = field(default_factory=default_actor)
    user: SignedInUser = field(default_factory=local_admin)

    def __post_init__(self) -> None:
        audit.bind(self)  # the audit hook records changes under this context's user

    def sign_in(self, user: SignedInUser) -> None:
        """Act as `user` from now on (timelines show the display name)."""
        self.user = user
        if user.role:
            self.actor = user.display_name

    def close(self) -> None:
        self.db.dispose()
        # Lets the next start skip the full integrity check while the file stays exactly as we left it.
        backup_check.mark_clean_close(self.data_dir)


def open_data_dir(data_dir: dd.DataDir, *, seed: bool = True) -> AppContext:
    """Prepare the folder, refuse foreign or damaged files, migrate to head, seed; raise DataDirError if unusable."""
    dd.prepare(data_dir)
    # A damaged database is never opened for writing: CorruptDatabaseError names the newest good backup.
    backup_check.check_at_open(data_dir)
    dd.check_database_file(data_dir.database)
    db = Database.from_url(data_dir.database_url)
    try:
        current = migrate.current_revision(db.engine)
        if current != migrate.SCHEMA_HEAD:
            if current is not None and current not in migrate.known_revisions(db.engine):
                raise DataDirError("该数据库由更新版本的台账创建，当前程序无法打开。请升级程序后再试。")
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
        raise DataDirError(f"无法打开数据库“{data_dir.database}”：{exc.__class__.__name__}") from exc
    except DataDirError:
        db.dispose()
        raise
    return AppContext(db=db, data_dir=data_dir)
