"""The app's one clock: "now", Shanghai's "today", and the conversion between stored UTC and Shanghai wall time.

Every stored instant is naive UTC; every date a person reads or types (a case found on a day, a deadline, the
dashboard's "today", a brief's "截至") is a calendar date in Shanghai, whatever the machine's own time zone is.
Nothing else in the app reads the system clock or knows the offset, so a date shown, a deadline counted and a
dashboard's "today" cannot disagree.

It lives in models/ (the lowest floor) because the ORM's column defaults stamp rows with `utcnow`; the layers
above reach it as `controllers.core.clock`, which re-exports it, so there is one definition and no upward import.

Shanghai is a fixed UTC+08:00: China has kept no daylight saving since 1991, and a fixed offset needs no time
zone database (zoneinfo finds none for "Asia/Shanghai" on Windows without the tzdata package), so it is the same
answer on every desk and costs an addition, not a zone lookup, per row.

Tests pin the clock with `pin(...)`; nothing else may replace these functions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from typing import overload

SHANGHAI_OFFSET = timedelta(hours=8)
SHANGHAI = timezone(SHANGHAI_OFFSET, "Asia/Shanghai")
NOON = timedelta(hours=12)

# A pinned clock: (the instant it was pinned to, the monotonic reading then). It keeps ticking from the pin so
# stamps written during a test still come in order; `None` reads the system clock.
_pin: tuple[datetime, float] | None = None
_pin_lock = threading.Lock()


def now() -> datetime:
    """The current instant, aware, in UTC."""
    pinned = _pin
    if pinned is not None:
        at, since = pinned
        return at + timedelta(seconds=time.monotonic() - since)
    return datetime.now(UTC)


def utcnow() -> datetime:
    """The current instant as stored: naive UTC, the one convention for every stamp in the database."""
    return now().replace(tzinfo=None)


def shanghai_now() -> datetime:
    """The current instant, aware, in Shanghai time."""
    return now().astimezone(SHANGHAI)


def local_now() -> datetime:
    """Shanghai's wall-clock time now, naive: for stamps a person reads (file names, "exported at")."""
    return utcnow() + SHANGHAI_OFFSET


def today() -> date:
    """Today's date in Shanghai: a desk whose clock runs on UTC still dates things by Shanghai's calendar."""
    return local_now().date()


@overload
def to_local(instant: datetime) -> datetime: ...
@overload
def to_local(instant: None) -> None: ...
def to_local(instant: datetime | None) -> datetime | None:
    """A stored instant (naive UTC, or aware) as naive Shanghai wall time; None stays None."""
    if instant is None:
        return None
    if instant.tzinfo is not None:
        instant = instant.astimezone(UTC).replace(tzinfo=None)
    return instant + SHANGHAI_OFFSET


@overload
def to_utc(local: datetime) -> datetime: ...
@overload
def to_utc(local: None) -> None: ...
def to_utc(local: datetime | None) -> datetime | None:
    """Shanghai wall time (naive, as a person typed it; or aware) as the stored naive-UTC instant; None stays None."""
    if local is None:
        return None
    if local.tzinfo is not None:
        return local.astimezone(UTC).replace(tzinfo=None)
    return local - SHANGHAI_OFFSET


def day_start(day: date) -> datetime:
    """00:00 Shanghai on `day` as a naive-UTC instant: the boundary of a date filter on a stored stamp."""
    return datetime(day.year, day.month, day.day) - SHANGHAI_OFFSET


@contextmanager
def pin(when: datetime | date) -> Iterator[datetime]:
    """Tests only: run the block with the clock set to `when` (an aware instant, or a Shanghai date, read as
    noon that day so the date holds however long the block takes). Yields the pinned aware-UTC instant."""
    global _pin
    if isinstance(when, datetime):
        if when.tzinfo is None:
            raise ValueError("pin() needs an aware instant: a naive one could be UTC or Shanghai")
        at = when.astimezone(UTC)
    else:
        at = (datetime(when.year, when.month, when.day, tzinfo=SHANGHAI) + NOON).astimezone(UTC)
    with _pin_lock:
        previous, _pin = _pin, (at, time.monotonic())
    try:
        yield at
    finally:
        with _pin_lock:
            _pin = previous
