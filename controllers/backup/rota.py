"""The backup rota: keep the last 14 daily and 12 monthly automatic backups; manual and pre-restore ones stay.

"Daily" is the newest automatic backup of each of the last 14 days that have one (days without work do not use
up the rota), "monthly" the first automatic backup of each of the last 12 months that have one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from controllers.storage.integrity import backup_reason, backup_time, list_backups

log = logging.getLogger(__name__)

AUTOMATIC = frozenset({"daily", "exit"})  # only these are thinned by the rota; manual and pre-restore stay
KEEP_DAILY = 14
KEEP_MONTHLY = 12


def kept(paths: Iterable[Path], *, daily: int = KEEP_DAILY, monthly: int = KEEP_MONTHLY) -> set[Path]:
    """Which backups the rota keeps: manual and pre-restore ones always; of the automatic ones the newest of
    each of the last `daily` days that have one, and the first of each of the last `monthly` months."""
    keep: set[Path] = set()
    newest_of_day: dict[tuple[int, int, int], Path] = {}
    first_of_month: dict[tuple[int, int], Path] = {}
    for path in paths:  # oldest first
        when = backup_time(path)
        if when is None:
            continue
        if backup_reason(path) not in AUTOMATIC:
            keep.add(path)
            continue
        newest_of_day[(when.year, when.month, when.day)] = path
        first_of_month.setdefault((when.year, when.month), path)
    keep.update(newest_of_day[d] for d in sorted(newest_of_day)[-daily:])
    keep.update(first_of_month[m] for m in sorted(first_of_month)[-monthly:])
    return keep


def prune(folder: Path) -> list[Path]:
    """Delete the automatic backups the rota no longer keeps; returns what was deleted."""
    backups = list_backups(folder)
    keep = kept(backups)
    removed = []
    for path in backups:
        if path not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                log.warning("could not delete old backup %s", path.name)
    return removed
