"""What a database from a backup may hold beyond its rows: only what this program itself would have created.

A backup file can be crafted. Rows are data, but a trigger, a view or a setting is behaviour: a trigger restored with
the file acts on every later write (one copied each new phone number into an estate's notes), and a path in the
settings sends later backups, or the brief's font reads, wherever the backup's author chose. So before a restored
database is swapped in, its copy (already migrated to this program's schema) is compared with a database freshly
created by the same migrations:

- any trigger or view that the fresh database does not have with the same SQL, and any table or index it does not
  have by name, refuses the restore (`unexpected_objects`);
- settings keep only keys this program writes (`KNOWN_SETTINGS`); path-like ones (`PATH_SETTINGS`) describe the
  computer the backup came from and are dropped always: the installation keeps its own (`clean_settings`).
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
import tempfile
from pathlib import Path

from models import migrate
from models.db import make_engine

log = logging.getLogger(__name__)

# Every settings key the program writes, exactly or by prefix (see the modules that own them).
KNOWN_SETTINGS = frozenset({
    "station_name", "followup_days", "idle_lock_minutes", "station.uuid", "backup.last", "repeat_window_days",
    "station_area", "brief_masthead", "dashboard_targets", "calendar.covered_years", "setup_guide_done", "demo_data",
    "supervision.stale_days",
    "return_layout",  # the 12345 return file's remembered column headers (issue 21)
    "brief_report_to", "brief_send_to", "brief_issue_to", "brief_signer", "brief_reviewer",  # 报/送/发 (issue 22)
})
KNOWN_PREFIXES = ("reply_days.", "import_mapping.", "seed.", "station_area@", "targets@")
# Paths on the computer where the data was: never obeyed from a backup (the second backup folder, the brief font).
PATH_SETTINGS = frozenset({"backup.second_dir", "brief_font_path"})

_KINDS = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}


def _normal_sql(sql: str | None) -> str:
    return " ".join((sql or "").split()).lower()


def _objects(con: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """(type, name, what identifies it): SQL for triggers and views, whose body is behaviour; the name otherwise."""
    found = set()
    for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master"):
        if str(name).startswith("sqlite_"):  # SQLite's own (autoindexes, ANALYZE statistics)
            continue
        found.add((str(kind), str(name), _normal_sql(sql) if kind in ("trigger", "view") else ""))
    return found


@functools.cache
def expected_objects(revision: str) -> frozenset[tuple[str, str, str]]:
    """The schema objects of a database the app's own migrations create at `revision` (built once per process)."""
    with tempfile.TemporaryDirectory(prefix="station-ledger-schema-") as folder:
        path = Path(folder) / "fresh.db"
        engine = make_engine(f"sqlite:///{path}")
        try:
            migrate.upgrade(engine, revision)
        finally:
            engine.dispose()
        con = sqlite3.connect(path)
        try:
            return frozenset(_objects(con))
        finally:
            con.close()


def unexpected_objects(path: Path, revision: str) -> list[str]:
    """What the database at `path` holds beyond the fresh schema at `revision`, in Chinese ("触发器 x")."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        extra = _objects(con) - expected_objects(revision)
    finally:
        con.close()
    return [f"{_KINDS.get(kind, kind)}“{_shown(name)}”" for kind, name, _sql in sorted(extra)]


def _shown(name: str) -> str:
    """An object name as it may appear in a message: printable, short."""
    cleaned = re.sub(r"[^\w.\-]", "?", name)
    return cleaned[:40] + ("…" if len(cleaned) > 40 else "")


def is_known_setting(key: object) -> bool:
    return isinstance(key, str) and (key in KNOWN_SETTINGS or key.startswith(KNOWN_PREFIXES))


def clean_settings(path: Path) -> list[str]:
    """Delete unknown and path-like settings from the database at `path`; returns the keys deleted."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        keys = [r[0] for r in con.execute("SELECT key FROM settings")]
        dropped = [k for k in keys if not is_known_setting(k) or k in PATH_SETTINGS]
        con.execute("BEGIN")
        con.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in dropped])
        con.execute("COMMIT")
    finally:
        con.close()
    if dropped:
        log.info("restore: dropped %d settings that are paths or unknown to this program", len(dropped))
    return [k for k in dropped if isinstance(k, str)]
