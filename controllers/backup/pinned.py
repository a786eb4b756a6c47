"""Several read transactions on one SQLite database that all see the same instant.

A backup copies the database on one connection and checks it on another, side by side on two cores; what the
check finds must be true of what the copy holds. A read transaction sees the database as it was at its first
read, so two readers see the same state when no commit lands between their first reads. Holding the write
lock (BEGIN IMMEDIATE) on a third connection while they begin guarantees that; the lock is let go as soon as they
have begun, so a writer waits for a few statements, not for the backup (in WAL mode readers never block it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

Connect = Callable[[Path], sqlite3.Connection]


def pinned_readers(source: Path, count: int, connect: Connect, *, lock_wait_s: float = 10.0
                   ) -> list[sqlite3.Connection]:
    """`count` connections made by `connect`, each inside a read transaction; all see the same instant.

    The caller owns them (ends their transactions, closes them); on an error none is left open. sqlite3's
    OperationalError ("database is locked") when another writer holds the lock for more than `lock_wait_s`.
    """
    readers: list[sqlite3.Connection] = []
    lock = connect(source) if count > 1 else None
    try:
        if lock is not None:
            lock.execute(f"PRAGMA busy_timeout={int(lock_wait_s * 1000)}")
            lock.execute("BEGIN IMMEDIATE")  # waits for a writer already at work to finish
        for _ in range(count):
            reader = connect(source)
            readers.append(reader)
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read fixes the instant
    except BaseException:
        for reader in readers:
            reader.close()
        raise
    finally:
        if lock is not None:
            lock.close()  # rolls back: it never wrote
    return readers
