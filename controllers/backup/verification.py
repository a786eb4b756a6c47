"""Verifying a database file, and a backup's verification spread over two cores.

A backup is verified by two things together. The database's `integrity_check` at the instant the copy is made
(every page, every index entry against its row), run on the database itself in read transactions pinned to
that instant (pinned.py), table by table, starting at once: nothing waits for the copy. And the copy's own
`quick_check` (every page of it, the free list, constraints), its row counts against the database's, its schema
revision. The copy is the database's pages of that instant, byte for byte, so what integrity_check adds to
quick_check holds for it exactly as for the database. Checking the copy in full after it was made was the longest
part of a backup: 9 of 12 s at a 100,000-case station, on one core (issue 23).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

from controllers.storage import integrity

# Tables whose row counts verify a backup and whose counts + newest updated_at tell whether anything changed.
MAIN_TABLES = (
    "cases", "case_events", "attachments", "referrals", "complaints", "trainings", "training_attendees",
    "meetings", "meeting_actions", "estates", "staff", "users", "audit_log",
)


def table_stats(con: sqlite3.Connection) -> tuple[dict[str, int], str]:
    """Row counts of the main tables and a fingerprint (counts + newest updated_at) of their content."""
    existing = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    counts: dict[str, int] = {}
    parts: list[str] = []
    for table in MAIN_TABLES:
        if table not in existing:
            continue
        columns = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
        newest = ", max(updated_at)" if "updated_at" in columns else ""
        row = con.execute(f"SELECT count(*){newest} FROM {table}").fetchone()
        counts[table] = int(row[0])
        parts.append(f"{table}:{row[0]}:{row[1] if newest else ''}")
    return counts, hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def schema_revision_of(con: sqlite3.Connection) -> str | None:
    """The Alembic revision a SQLite database is at; None when it has none (not ours, or damaged)."""
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])


def verify_database(path: Path, *, expected: dict[str, int] | None, thorough: bool) -> tuple[bool, str]:
    """Integrity check, Station Ledger schema and (optionally) the expected row counts; (ok, Chinese message)."""
    ok, problem = integrity.check_integrity(path, quick=not thorough)
    if not ok:
        return False, failed(problem)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if schema_revision_of(con) is None:
            return False, "不是台账数据库（缺少版本信息）"
        if expected is not None:
            counts, _fp = table_stats(con)
            wrong = [t for t, n in expected.items() if counts.get(t) != n]
            if wrong:
                return False, "记录数与原库不一致：" + "、".join(f"{t} {counts.get(t)}≠{expected[t]}" for t in wrong)
    finally:
        con.close()
    return True, "完整性检查通过，记录数一致"


def failed(problem: str) -> str:
    """The message of a failed integrity check, with the first problems SQLite named."""
    return f"完整性检查未通过（{problem[:120]}）"


# Before 3.33 SQLite reads integrity_check's argument as a number only: the whole database is then checked at once.
_CHECKS_ONE_TABLE = sqlite3.sqlite_version_info >= (3, 33)
WHOLE_DATABASE = "*"  # the one task when tables cannot be checked one at a time


def tables_by_work(con: sqlite3.Connection) -> list[str]:
    """The database's tables, those whose check takes longest first (about rows times one plus their indexes), so the
    two threads sharing them finish together. Rows are guessed from the largest rowid, found in the table's b-tree
    without reading it (counting them took seconds at a million cases)."""
    if not _CHECKS_ONE_TABLE:
        return [WHOLE_DATABASE]
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    indexes: dict[str, int] = {}
    for (table,) in con.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'index'"):
        indexes[table] = indexes.get(table, 0) + 1
    work = {}
    for name in names:
        try:
            rows = con.execute(f'SELECT max(rowid) FROM "{_quoted(name)}"').fetchone()[0] or 0
        except sqlite3.OperationalError:  # WITHOUT ROWID (FTS5's small term index)
            rows = 0
        work[name] = rows * (1 + indexes.get(name, 0))
    return sorted(names, key=lambda name: -work[name])


def _quoted(name: str) -> str:
    return name.replace('"', '""')


class BackupCheck:
    """A backup's verification (see the module's docstring): a thread of its own from the start, and the caller's
    thread once it has written the zip's database (help). result() waits for both.

    `sources`: connections to the database in read transactions pinned to the copy's instant, one per thread that
    checks it; none for the short backup on exit, which checks only the copy (quick_check), and none when another
    program's write kept the instant from being pinned: the copy's own integrity_check (copy_in_full) then stands in
    for the database's. This object closes them.
    """

    def __init__(self, copy: Path, *, sources: list[sqlite3.Connection], copy_in_full: bool = False) -> None:
        self._copy = copy
        self._copy_in_full = copy_in_full  # integrity_check of the copy, for want of pinned sources
        self._problem: str | None = None
        try:
            self._tables = tables_by_work(sources[0]) if sources else []
        except sqlite3.DatabaseError as exc:  # its schema unreadable: nothing more to check
            self._tables, self._problem = [], str(exc)
        self._spare = sources[1:]
        self._counts: dict[str, int] | None = None
        self._copy_state = "waiting"  # → "ready" (copied) → "taken"; "abandoned" when the copy failed
        self._stopping = False
        self._copy_outcome: tuple[bool, str] | None = None
        self._error: BaseException | None = None
        self._turn = threading.Condition()
        self._thread = threading.Thread(target=self._work, args=(sources[0] if sources else None,),
                                        name="backup check", daemon=True)
        self._thread.start()

    def copied(self, counts: dict[str, int]) -> None:
        """The copy is written; these are the database's row counts at its instant."""
        with self._turn:
            self._counts, self._copy_state = counts, "ready"
            self._turn.notify_all()

    def help(self) -> None:
        """Take a share of what is left to check on the calling thread."""
        self._work(self._spare.pop() if self._spare else None)

    def result(self) -> tuple[bool, str]:
        """The verification's outcome once every table and the copy are checked (re-raises what a check raised)."""
        self._thread.join()
        self._close_spare()
        if self._error is not None:
            raise self._error
        if self._problem is not None:
            return False, failed(self._problem)
        if self._tables:
            return False, "完整性检查未完成"  # cannot happen: help() returns only when none is left
        return self._copy_outcome or (False, "备份未完成")

    def join(self) -> None:
        """Stop after the tables being checked now (a backup that failed need not wait for the rest) and wait."""
        with self._turn:
            self._stopping = True
            if self._copy_state == "waiting":  # a copy that failed half-way is never checked
                self._copy_state = "abandoned"
            self._turn.notify_all()
        self._thread.join()
        self._close_spare()

    def _close_spare(self) -> None:
        for source in self._spare:
            source.close()
        self._spare.clear()

    def _next(self, can_check_tables: bool) -> str | None:
        """The next table to check, "" for the copy, None when nothing is left for this thread."""
        with self._turn:
            while True:
                if self._stopping or self._problem is not None or self._error is not None:
                    return None
                if self._copy_state == "ready":
                    self._copy_state = "taken"
                    return ""
                if self._tables and can_check_tables:
                    return self._tables.pop(0)
                if self._copy_state != "waiting":
                    return None
                self._turn.wait()

    def _work(self, source: sqlite3.Connection | None) -> None:
        try:
            while (task := self._next(source is not None)) is not None:
                if task:
                    assert source is not None
                    pragma = "integrity_check(5)" if task == WHOLE_DATABASE else f'integrity_check("{_quoted(task)}")'
                    ok, problem = integrity.run_check(source, pragma)
                    if not ok:
                        self._failed(problem)
                else:
                    self._copy_outcome = verify_database(self._copy, expected=self._counts,
                                                         thorough=self._copy_in_full)
        except sqlite3.DatabaseError as exc:
            self._failed(str(exc))
        except BaseException as exc:  # handed to the caller's thread by result()
            with self._turn:
                self._error = exc
                self._turn.notify_all()
        finally:
            if source is not None:
                source.close()

    def _failed(self, problem: str) -> None:
        with self._turn:
            self._problem = self._problem or problem
            self._turn.notify_all()
