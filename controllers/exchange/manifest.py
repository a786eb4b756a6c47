"""An exchange package's manifest and stamps, checked in full before anything is written (issue 16).

A package comes from another computer, perhaps crafted: every manifest entry must have exactly the JSON type the
export writes (a `with_personal_data` of "no" or 0 is not false, it is damage), and no instant in it may lie in the
future of this computer's clock beyond a day of tolerance. A stamp from the year 9999 would otherwise win every
comparison by age (overwriting reference data), become the watermark of that station (after which none of its real
updates would ever be taken), and overflow when shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from controllers.core.clock import utcnow
from controllers.exchange.export import CLOCK_TOLERANCE
from controllers.exchange.schema import package_tables, parse_stamp, parse_uuid

MAX_COUNT = 10**9  # more rows than any station holds; JSON has no limit on integers
MAX_LIST = 10**6
MANIFEST_BYTES = 1024 * 1024


class FutureStamp(ValueError):
    """An instant in the package later than this computer's clock allows (its clock, or the package, is wrong)."""

    def __init__(self, stamp: datetime) -> None:
        super().__init__("stamp in the future")
        self.stamp = stamp


def latest_allowed() -> datetime:
    return utcnow() + CLOCK_TOLERANCE


def checked_stamp(value: Any, latest: datetime) -> datetime:
    """An instant of the package, refused (FutureStamp) when it is past `latest` (see latest_allowed)."""
    stamp = value if isinstance(value, datetime) else parse_stamp(value)
    if stamp > latest:
        raise FutureStamp(stamp)
    return stamp


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise TypeError("count")
    return value


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise TypeError("text")
    return value


def check_manifest(manifest: Mapping[str, Any], latest: datetime) -> None:
    """Raise ValueError/TypeError/KeyError for any entry not as the export writes it, FutureStamp for a time past
    `latest`. Format and version are checked by the caller first (they have messages of their own)."""
    parse_uuid(manifest["station_uuid"])
    if manifest.get("station_name") is not None:
        _text(manifest["station_name"], 200)
    checked_stamp(manifest["exported_at"], latest)
    if manifest.get("since") is not None:
        date.fromisoformat(_text(manifest["since"], 10))
    if not isinstance(manifest["with_personal_data"], bool):
        raise TypeError("with_personal_data")
    counts = manifest.get("counts", {})
    if not isinstance(counts, dict) or set(counts) - set(package_tables()):
        raise TypeError("counts")
    for value in counts.values():
        _count(value)
    for key in ("attachments", "deletions"):
        if key in manifest:
            _count(manifest[key])
    seen = manifest.get("seen") or {}
    if not isinstance(seen, dict) or len(seen) > MAX_LIST:
        raise TypeError("seen")
    for station, at in seen.items():
        parse_uuid(station)
        parse_stamp(at)  # another station's clock: its shape is checked here, ours in seen_by_them
    open_conflicts = manifest.get("open_conflicts") or []
    if not isinstance(open_conflicts, list) or len(open_conflicts) > MAX_LIST:
        raise TypeError("open_conflicts")
    for record in open_conflicts:
        if parse_uuid(record).hex != record:
            raise ValueError("open_conflicts")


def seen_by_them(manifest: Mapping[str, Any], me: str, latest: datetime) -> datetime | None:
    """Our clock as the package's station last saw it (the newest package of ours it had imported).

    A time past our own clock would make every later change of ours look already seen, so theirs would overwrite
    it unasked: refused like any future stamp.
    """
    raw = (manifest.get("seen") or {}).get(me)
    return checked_stamp(raw, latest) if raw else None
