"""Exchange packages, the export side: one .zip with a manifest, records as JSON per table, attachments by hash.

For a station without a network path to the street server. A package holds every reference table whole and the
station's own work changed since a date, together with whatever those records point at, so the other side can
always resolve every reference, and the records deleted since that date (deletions.json). Personal data (names,
phones, ID numbers) is left out unless asked for; the export is audited either way, saying whether personal data
went out.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from controllers.core import audit
from controllers.core.clock import day_start, utcnow
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.permissions import require, requires
from controllers.core.privacy import FREE_TEXT, PersonalNames, known_names, mask_record_text
from controllers.exchange.apply import IN_CHUNK, UuidMap
from controllers.exchange.background_io import written_behind
from controllers.exchange.deletions import Deletion
from controllers.exchange.export_rows import JsonRow, json_rows
from controllers.exchange.schema import (
    DELETABLE_TABLES,
    REFERENCE_TABLES,
    WORK_TABLES,
    package_tables,
    spec,
)
from controllers.storage.deflate import deflating

if TYPE_CHECKING:
    from _typeshed import SupportsWrite  # a zip member, or a WriteBehind of one
from controllers.station.settings import get_station_name
from controllers.storage.attachments import is_sha256, stored_path
from models.admin import Setting
from models.exchange import ExchangeConflict, ExchangePeer, ExchangeTombstone

FORMAT = "station-ledger-exchange"
FORMAT_VERSION = 1
STATION_UUID_KEY = "station.uuid"
DELETIONS_MEMBER = "deletions.json"
# Two stations' clocks disagree by minutes, a wrongly set time zone by hours: a day covers both (exchange_manifest).
CLOCK_TOLERANCE = timedelta(days=1)
WRITE_BLOCK_ROWS = 500  # rows per write into a package member (a few hundred KB)


@dataclass(frozen=True)
class ExportSummary:
    """What a package holds."""

    path: str
    station_uuid: str
    station_name: str
    exported_at: datetime
    since: date | None
    counts: dict[str, int]
    attachments: int
    attachments_missing: int
    with_personal_data: bool
    deletions: int = 0  # records deleted here since the date, whose deletion the package carries


def parse_since(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"日期“{text}”格式不对，请写成 2025-03-01 这样的形式。", field="since") from None


def station_uuid(s: Session) -> uuid.UUID:
    """This database's station UUID, created the first time it is asked for (it names us in every package)."""
    row = s.get(Setting, STATION_UUID_KEY)
    if row is None:
        row = Setting(key=STATION_UUID_KEY, value=uuid.uuid4().hex)
        s.add(row)
        s.flush()
    return uuid.UUID(row.value)


def _cutoff(since: date | None) -> datetime | None:
    """The start of the local (Shanghai) day `since` as a naive UTC stamp."""
    return day_start(since) if since else None


def _deletions(s: Session, since: date | None) -> list[dict[str, str]]:
    """Work records deleted here since the date (all that were ever deleted without one), oldest first."""
    stmt = select(ExchangeTombstone).where(ExchangeTombstone.entity.in_(DELETABLE_TABLES))
    cutoff = _cutoff(since)
    if cutoff is not None:
        stmt = stmt.where(ExchangeTombstone.deleted_at >= cutoff)
    return [Deletion(d.entity, d.record_uuid, d.deleted_at, d.record_updated_at).to_json()
            for d in s.scalars(stmt.order_by(ExchangeTombstone.deleted_at))]


def _changed_ids(conn: Connection, since: date | None) -> dict[str, set[int]]:
    """Ids of the work records to send: changed since the date, plus every work record they point at."""
    cutoff = _cutoff(since)
    selected: dict[str, set[int]] = {}
    for table in WORK_TABLES:
        t = spec(table).table
        stmt = select(t.c.id) if cutoff is None else select(t.c.id).where(t.c.updated_at >= cutoff)
        selected[table] = set(conn.execute(stmt).scalars())
    if cutoff is None:
        return selected
    grew = True
    while grew:  # until nothing new is pulled in (a referral pulls its complaint, which pulls its case...)
        grew = False
        for table in WORK_TABLES:
            ts = spec(table)
            ids = sorted(selected[table])
            wanted: list[tuple[str, Any]] = [(target, ts.table.c[col]) for col, target in ts.refs.items()
                                              if target in WORK_TABLES]
            for part in (ids[i:i + IN_CHUNK] for i in range(0, len(ids), IN_CHUNK)):
                for target, col in wanted:
                    got = set(conn.execute(select(col).where(ts.table.c.id.in_(part), col.is_not(None))).scalars())
                    grew |= _add(selected, target, got)
                for link in ts.links:
                    if link.other_table in WORK_TABLES:
                        lt = link.table
                        got = set(conn.execute(select(lt.c[link.other_col])
                                               .where(lt.c[link.owner_col].in_(part))).scalars())
                        grew |= _add(selected, link.other_table, got)
    return selected


def _add(selected: dict[str, set[int]], table: str, ids: set[int]) -> bool:
    new = ids - selected[table]
    selected[table] |= new
    return bool(new)


def _prepared(table: str, rows: Iterable[JsonRow], with_personal_data: bool, hashes: set[str],
              names: PersonalNames | None = None) -> Iterator[JsonRow]:
    """Rows as they go into the package: personal fields left out unless asked for, names and phones typed into
    free text masked; attachment hashes noted."""
    masked = not with_personal_data and (bool(FREE_TEXT.get(table)) or bool(spec(table).personal))
    personal = spec(table).personal
    for row in rows:
        fields = row["fields"]
        if masked:
            mask_record_text(table, fields, names)  # names and phones typed into free text
            for col in personal:  # left out, not blanked: a blank would read as "changed to blank" over there
                fields.pop(col, None)
        if table == "attachments":
            if not is_sha256(fields["sha256"]):
                continue  # not a file of the store (a damaged or crafted database): it must not travel either
            hashes.add(fields["sha256"])
        yield row


def write_rows(out: SupportsWrite[bytes], rows: Iterable[JsonRow]) -> int:
    """One table as a JSON array with a row per line, written as it is read: a station's whole book (100,000
    cases) never sits in memory at once, and the reader can take it a line at a time. Returns the rows written.

    Each row is encoded by orjson (already what reads package lines, controllers.exchange.package.row_json): UTF-8
    straight from C, without the spaces after separators, and ~5x faster than the json module's encoder, which was
    an eighth of a full export (issue 23). Any JSON reader, this program's older versions included, reads it alike."""
    count = 0
    # Keys that are str subclasses (SQLAlchemy names its link tables with one) are written as text, as json writes them.
    option = orjson.OPT_NON_STR_KEYS
    # Written in blocks of rows: each write to a zip member runs its checksum and compressor, which cost far more
    # per call than per byte (two writes a row took a fifth of a full export's time).
    block: list[bytes] = [b"["]
    for row in rows:
        block.append(b"\n" if count == 0 else b",\n")
        block.append(orjson.dumps(row, option=option))
        count += 1
        if len(block) >= WRITE_BLOCK_ROWS * 2:
            out.write(b"".join(block))
            block.clear()
    block.append(b"\n]" if count else b"]")
    out.write(b"".join(block))
    return count


def _manifest(s: Session, *, me: uuid.UUID, name: str, exported_at: datetime, since: date | None,
              counts: dict[str, int], personal: bool, attachments: int, deletions: int) -> dict[str, Any]:
    # What we have seen of each other station (their clock): lets them tell our edits from theirs.
    # A watermark from the far future (left by a package of before such packages were refused) is not sent: the
    # other side would rightly refuse the package for it.
    latest = utcnow() + CLOCK_TOLERANCE
    seen = {p.station_uuid.hex: p.last_exported_at.isoformat() for p in s.scalars(select(ExchangePeer))
            if p.last_exported_at <= latest}
    # Records waiting for a person here: the other side leaves them alone until we have decided.
    open_conflicts = sorted({c.hex for c in s.scalars(select(ExchangeConflict.record_uuid)
                                                       .where(ExchangeConflict.status == "待处理"))})
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "station_uuid": me.hex, "station_name": name,
            "exported_at": exported_at.isoformat(), "since": since.isoformat() if since else None,
            "with_personal_data": personal, "counts": counts, "attachments": attachments, "deletions": deletions,
            "seen": seen,
            "open_conflicts": open_conflicts}


@requires("export")
def export_package(ctx: AppContext, path: str | os.PathLike[str], *, since: date | None = None,
                   with_personal_data: bool = False) -> ExportSummary:
    """Write the package to `path` (atomically: a failed export leaves no half file)."""
    if with_personal_data:
        require(ctx, "view_personal")  # whoever may not see names and phones may not send them away either
    out = Path(path).expanduser()
    if out.suffix.lower() != ".zip":
        raise ValidationError(f"交换包文件“{out}”应以 .zip 结尾。", field="output")
    if not out.parent.is_dir():
        raise ValidationError(f"输出文件夹“{out.parent}”不存在，请先创建。", field="output")
    name = get_station_name(ctx)
    exported_at = utcnow()
    counts: dict[str, int] = {}
    hashes: set[str] = set()
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, suffix=".zip.part")
    os.close(fd)
    try:
        # Level 1: the JSON still shrinks about sixfold (level 6: eightfold, in twice the time; deflating was the
        # biggest single cost of a full export, issue 23).
        with ctx.db.session() as s, zipfile.ZipFile(tmp_name, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            me = station_uuid(s)
            conn = s.connection()
            # SQLite's tombstone trigger stamps a deletion to the millisecond rounded up (…250999): a package begun
            # within that millisecond must still count as after it, or the other station, telling us what it saw of
            # ours, would make our own deletion look unseen and list it as a conflict.
            newest_deletion = conn.scalar(select(func.max(ExchangeTombstone.deleted_at)))
            if newest_deletion is not None and newest_deletion > exported_at:
                exported_at = newest_deletion
            uuids = UuidMap(conn)
            # A full package holds every row: read each table straight through, not by lists of ids.
            work = _changed_ids(conn, since) if since is not None else None
            names = None if with_personal_data else known_names(s)  # any of them may be typed into any text
            for table in package_tables():
                ids = None if work is None or table in REFERENCE_TABLES else sorted(work[table])
                rows = (row for chunk in json_rows(conn, table, uuids, ids=ids) for row in chunk)
                # Deflated (by ISA-L, controllers.storage.deflate) on a thread of its own while the next rows are
                # built (controllers.exchange.background_io).
                with deflating(zf.open(f"records/{table}.json", "w", force_zip64=True)) as member, \
                        written_behind(member) as writer:
                    counts[table] = write_rows(writer, _prepared(table, rows, with_personal_data, hashes, names))
            deletions = _deletions(s, since)
            zf.writestr(DELETIONS_MEMBER, json.dumps(deletions))
            missing = 0
            for sha in sorted(hashes):
                try:
                    zf.write(stored_path(ctx, sha), f"attachments/{sha}")
                except OSError:
                    missing += 1  # the row still travels; the file can be re-sent from wherever it is
            manifest = _manifest(s, me=me, name=name, exported_at=exported_at, since=since, counts=counts,
                                 personal=with_personal_data, attachments=len(hashes) - missing,
                                 deletions=len(deletions))
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        Path(tmp_name).replace(out)
    except OSError as exc:
        raise UserError(f"无法写入交换包“{out}”（{exc.strerror or exc}），请检查文件夹权限和磁盘空间。") from exc
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    audit.exported(ctx, "exchange_package", sum(counts.values()), personal=with_personal_data)
    return ExportSummary(path=str(out), station_uuid=me.hex, station_name=name, exported_at=exported_at,
                         since=since, counts=counts, attachments=len(hashes) - missing, attachments_missing=missing,
                         with_personal_data=with_personal_data, deletions=len(deletions))
