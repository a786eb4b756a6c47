"""The app's context: the database, the data directory's paths and who is acting; every use case takes one.

Opening one (checks, schema upgrade, seeding) is controllers.storage.opening; what a close must give back
(the data directory's lock, the clean-close mark) it registers here as closers, so this floor needs no storage.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from controllers.core import audit, paths
from controllers.core.permissions import SignedInUser, local_admin
from models.db import Database


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
    data_dir: paths.DataDir
    actor: str = field(default_factory=default_actor)
    user: SignedInUser = field(default_factory=local_admin)
    # Which records the desk looks at (controllers.station.views): "station" (edits allowed), "street" or "district"
    # (read only). Every start opens on the station's own records.
    view: str = "station"
    # What close() gives back, once, after the database is disposed (storage.opening registers them: the clean-close
    # mark of a SQLite file, the data directory's lock).
    closers: list[Callable[[], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        audit.bind(self)  # the audit hook records changes under this context's user

    def sign_in(self, user: SignedInUser) -> None:
        """Act as `user` from now on (timelines show the display name)."""
        self.user = user
        if user.role:
            self.actor = user.display_name

    def close(self) -> None:
        self.db.dispose()
        closers, self.closers = self.closers, []
        for closer in closers:
            closer()
