"""Exchange packages between stations: the stations we exchanged with, and conflicts waiting for a person."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Record
from models.enums import one_of

CONFLICT_STATUSES = ("待处理", "已处理")
CONFLICT_RESOLUTIONS = ("保留本地", "采用对方")


class ExchangePeer(Record, Base):
    """Another station whose packages were imported here, with the watermarks of the last import from it.

    `last_exported_at` is the newest package's export time on the peer's clock (their edits after it are new to
    us); `last_imported_at` is our clock when we imported it (our edits after it are unknown to them).
    """

    __tablename__ = "exchange_peers"

    station_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    station_name: Mapped[str] = mapped_column(String(60))
    last_exported_at: Mapped[datetime] = mapped_column(DateTime)
    last_imported_at: Mapped[datetime] = mapped_column(DateTime)
    packages: Mapped[int] = mapped_column(Integer, default=0)


class ExchangeConflict(Record, Base):
    """A record changed both here and at another station since the last exchange: kept as ours until decided."""

    __tablename__ = "exchange_conflicts"
    __table_args__ = (
        one_of("status", CONFLICT_STATUSES, "status"),
        one_of("resolution", CONFLICT_RESOLUTIONS, "resolution", nullable=True),
        Index("ix_exchange_conflicts_record", "entity", "record_uuid"),
    )

    peer_station_uuid: Mapped[uuid.UUID] = mapped_column(Uuid)
    peer_station_name: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))  # table name
    record_uuid: Mapped[uuid.UUID] = mapped_column(Uuid)
    mine_updated_at: Mapped[datetime] = mapped_column(DateTime)
    theirs_updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Their version as the package carried it (references by UUID), applied as is when a person takes theirs.
    theirs: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="待处理", index=True)
    resolution: Mapped[str | None] = mapped_column(String(10))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(60))


class ExchangeTombstone(Base):
    """A record deleted here, so the deletion can travel in exchange packages (see models.tombstone_triggers).

    Written by database triggers, not by the app: a deletion by any path (a cascade from a deleted meeting, a Core
    DELETE, an imported deletion) leaves its tombstone. Re-inserting the record (a conflict decided for the other
    side's version) removes it again.
    """

    __tablename__ = "exchange_tombstones"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)  # table name
    record_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # naive UTC, as every stamp
    # The record's updated_at when deleted: a copy elsewhere no newer than this holds no change we did not delete.
    record_updated_at: Mapped[datetime] = mapped_column(DateTime)
