"""Exchange packages, the import side: new records in, records changed only over there updated, conflicts kept.

A record changed on both sides since the last exchange with that station is never overwritten: it is stored in
exchange_conflicts with their version, for a person to keep ours or take theirs. "Changed since the last
exchange" is judged with two watermarks: their edits are those after the newest package of theirs we imported
(their clock), ours those after the newest package of ours they had imported when they exported (our clock,
carried in their manifest as `seen`). Deletions are judged the same way (controllers.exchange.deletions). The
package is read as it is applied (controllers.exchange.package), all in one transaction, so a package found bad at
any point changes nothing.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, delete, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from controllers.core import audit, gc_hold
from controllers.core.clock import utcnow
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, UserError
from controllers.core.permissions import requires
from controllers.exchange.apply import CONFLICT, KEEP, UPDATE, Applier, MissingReference, Policy, page_cache
from controllers.exchange.bulk_counts import recounts, triggers_set_aside
from controllers.exchange.bulk_indexes import indexes_set_aside
from controllers.exchange.deletions import (
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    DeletedHere,
    Deletion,
    Watermarks,
    apply_deletions,
    stamp_with_dependents,
)
from controllers.exchange.export import STATION_UUID_KEY, station_uuid
from controllers.exchange.manifest import FutureStamp, seen_by_them
from controllers.exchange.package import BadPackageError, Package, open_package, remove_new_files
from controllers.exchange.safety_backup import backup_before_import, discard_backup
from controllers.exchange.schema import PortableRow, package_tables, spec
from models.admin import Setting
from models.exchange import ExchangeConflict, ExchangePeer, ExchangeTombstone

ENTITY_LABELS = {
    "cases": "案件", "case_events": "案件时间线", "complaints": "诉件", "referrals": "移交", "trainings": "培训宣传",
    "training_attendees": "培训人员", "meetings": "会商", "meeting_actions": "会商待办", "attachments": "附件",
    "brief_issues": "工作简报", "estates": "住宅小区", "streets": "街镇", "categories": "执法事项类别",
    "property_companies": "物业服务企业", "staff": "工作人员", "departments": "部门", "regulations": "法律法规",
    "estate_contacts": "小区联系人", "estate_aliases": "小区别名", "estate_populations": "小区人口",
    "calendar_days": "节假日", "estate_grades": "小区分级", "training_kinds": "培训类型",
    "reply_templates": "回复模板", "typical_cases": "典型案例",
    "estate_grade_changes": "小区分级调整", "patrols": "巡查记录", "patrol_visits": "巡查小区",
    "patrol_checks": "巡查检查项目",
}
# Fields that say which record a conflict is about, in the order tried (never a personal field).
_LABEL_FIELDS = ("number", "work_order_no", "title", "name", "description", "day", "alias", "role", "as_of",
                 "effective_from", "started_at")


@dataclass(frozen=True)
class ConflictInfo:
    """A conflict as lists show it."""

    id: int
    entity: str
    entity_label: str
    label: str
    kind: str  # 双方都修改过, 对方已删除 (we changed it since), 本机已删除 (they changed it since)
    record_uuid: str
    station_name: str
    mine_updated_at: datetime
    theirs_updated_at: datetime
    status: str
    resolution: str | None


@dataclass(frozen=True)
class ImportResult:
    """What importing one package did."""

    station_uuid: str
    station_name: str
    exported_at: datetime
    inserted: int
    updated: int
    unchanged: int
    kept: int
    deleted: int  # deleted here because they deleted it
    attachments: int
    conflicts: tuple[ConflictInfo, ...] = field(default_factory=tuple)
    backup_path: str | None = None  # the backup taken just before (None in street-server mode: no local backups)


def conflict_policy(marks: Watermarks) -> Policy:
    """Decide for a record both sides hold and that differs (see the module docstring)."""
    first_contact = marks.peer is None and marks.seen_us is None

    def decide(row: PortableRow, local: RowMapping) -> str:
        if row.uuid.hex in marks.their_open:
            return KEEP  # they are deciding about this record; their decision comes in a later package
        if first_contact and row.uuid != local["uuid"]:
            # The same reference record made on each side (a category, a holiday), different here and there, and
            # no exchange yet to tell whose edit is the later one: age alone must not decide it, a person does.
            return CONFLICT
        return marks.judge(row.updated_at, local["updated_at"])

    return decide


def _label(entity: str, fields: Mapping[str, Any], record_uuid: uuid.UUID) -> str:
    """Which record a conflict is about, for lists any role may see: never from a personal field (a contact's name)."""
    personal = spec(entity).personal
    for key in (k for k in _LABEL_FIELDS if k not in personal):
        value = fields.get(key)
        if value:
            return str(value)[:40]
    return record_uuid.hex[:8]


def _theirs(c: ExchangeConflict) -> PortableRow | None:
    """Their version of the record; None when their side deleted it."""
    data = json.loads(c.theirs)
    return PortableRow.from_json(c.entity, data) if "fields" in data else None


def _ours(s: Session, c: ExchangeConflict) -> RowMapping | None:
    t = spec(c.entity).table
    return s.connection().execute(select(t).where(t.c.uuid == c.record_uuid)).mappings().first()


def _kind(theirs: PortableRow | None, ours: RowMapping | None) -> str:
    return DELETED_THERE if theirs is None else BOTH_CHANGED if ours is not None else DELETED_HERE


def _info(s: Session, c: ExchangeConflict) -> ConflictInfo:
    ours = _ours(s, c)
    try:
        theirs = _theirs(c)
    except (ValueError, TypeError, KeyError):
        theirs = None
    kind = _kind(theirs, ours)
    label = _label(c.entity, theirs.fields if theirs is not None else dict(ours or {}), c.record_uuid)
    return ConflictInfo(id=c.id, entity=c.entity, entity_label=ENTITY_LABELS.get(c.entity, c.entity), label=label,
                        kind=kind, record_uuid=c.record_uuid.hex, station_name=c.peer_station_name,
                        mine_updated_at=c.mine_updated_at, theirs_updated_at=c.theirs_updated_at, status=c.status,
                        resolution=c.resolution)


def _keep_conflict(s: Session, peer: ExchangePeer, entity: str, record_uuid: uuid.UUID, *, mine_at: datetime,
                   theirs_at: datetime, theirs: str) -> ExchangeConflict:
    same = s.scalars(select(ExchangeConflict).where(
        ExchangeConflict.entity == entity, ExchangeConflict.record_uuid == record_uuid,
        ExchangeConflict.status == "待处理")).first()
    if same is None:
        same = ExchangeConflict(peer_station_uuid=peer.station_uuid, peer_station_name=peer.station_name,
                                entity=entity, record_uuid=record_uuid, status="待处理")
        s.add(same)
    # A newer version of theirs replaces the older one waiting here: the person decides on the latest.
    same.mine_updated_at, same.theirs_updated_at, same.theirs = mine_at, theirs_at, theirs
    return same


def _record_conflict(s: Session, applier: Applier, peer: ExchangePeer, row: PortableRow,
                     mine_at: datetime, local_uuid: uuid.UUID | None = None) -> ExchangeConflict:
    """Keep their version for a person; `local_uuid` names our record when it was matched by natural key."""
    mine = applier.localize(s.connection(), row)
    if local_uuid is not None:
        mine.uuid = local_uuid  # the conflict is about our record: keeping or taking applies to it
    if not applier.personal:  # blanks, not their values: taking theirs must not wipe out names we hold
        for col in spec(row.table).personal:
            mine.fields.pop(col, None)
    return _keep_conflict(s, peer, row.table, mine.uuid, mine_at=mine_at, theirs_at=row.updated_at,
                          theirs=json.dumps(mine.to_json(), ensure_ascii=False))


def _record_deletion(s: Session, peer: ExchangePeer, d: Deletion, mine_at: datetime) -> ExchangeConflict:
    return _keep_conflict(s, peer, d.entity, d.uuid, mine_at=mine_at, theirs_at=d.deleted_at,
                          theirs=json.dumps(d.to_json()))


class ImportCancelled(UserError):
    """The person stopped the import; the transaction was rolled back, nothing was written."""


# progress(rows read, rows in the package): a full package of a large station takes a minute or more.
ImportProgress = Callable[[int, int], None]


@requires("edit_cases")
def import_package(ctx: AppContext, path: str | os.PathLike[str], *, progress: ImportProgress | None = None,
                   cancel: threading.Event | None = None) -> ImportResult:
    """Import a package (see the module docstring); importing the same package again changes nothing.

    `cancel` is checked after each chunk of rows: a cancelled import raises ImportCancelled and writes nothing.
    The package is checked first, then the data is backed up (backup_before_import), then the package applied; a
    package refused or cancelled on the way leaves nothing behind: neither the files it added to the attachment
    store, nor the backup of data it did not change.
    """
    with open_package(path) as package:
        with ctx.db.session() as s:
            mine = s.get(Setting, STATION_UUID_KEY)  # read, not made: a refusal writes nothing
            if mine is not None and package.station.hex == mine.value:
                raise UserError("这是本工作室自己导出的交换包，无需导入。")
        saved = backup_before_import(ctx)
        added: list[str] = []
        try:
            # Without automatic collections: the import keeps its rows and UUID maps alive to the end, and each full
            # collection walked them all for nothing (gc_hold; 13 s of a full package of a 100,000-case station).
            with gc_hold.held():
                result = _import(ctx, package, added, progress, cancel)
        except BaseException:
            remove_new_files(ctx, added)
            if saved is not None:
                discard_backup(saved)
            raise
        return replace(result, backup_path=saved.path if saved is not None else None)


def _package_rows(manifest: Mapping[str, Any]) -> int:
    counts = manifest.get("counts")
    return sum(v for v in counts.values() if isinstance(v, int)) if isinstance(counts, dict) else 0


def _import(ctx: AppContext, package: Package, added: list[str], progress: ImportProgress | None,
            cancel: threading.Event | None) -> ImportResult:
    manifest = package.manifest
    personal = package.with_personal_data
    attachments = package.store_files(ctx, added)
    totals = {"inserted": 0, "updated": 0, "unchanged": 0, "kept": 0, "deleted": 0}
    with ctx.db.session() as s:  # one transaction for the whole package
        me = station_uuid(s)
        peer = s.scalars(select(ExchangePeer).where(ExchangePeer.station_uuid == package.station)).first()
        try:
            seen_us = seen_by_them(manifest, me.hex, package.latest)
        except FutureStamp as exc:
            raise package.refusal(exc) from exc
        if peer is not None and peer.last_exported_at > package.latest:
            # Stamped by a package from the future before such packages were refused: it would hide every real
            # change of theirs for ever. Forgotten, their changes are judged by what they saw of ours instead.
            peer.last_exported_at = datetime.min
        marks = Watermarks(peer, seen_us, frozenset(manifest.get("open_conflicts") or ()))
        policy = conflict_policy(marks)
        name = str(manifest.get("station_name") or "")[:60] or "其他工作室"
        if peer is None:
            peer = ExchangePeer(station_uuid=package.station, station_name=name, last_exported_at=datetime.min,
                                last_imported_at=datetime.min, packages=0)
            s.add(peer)
        applier = Applier(personal=personal)
        conn = s.connection()
        # Their deletions first: a record of theirs matched by natural key may replace one they deleted.
        gone = apply_deletions(conn, package.deletions, marks)
        totals["deleted"], totals["kept"] = gone.deleted, gone.kept
        conflicts = [_record_deletion(s, peer, d, mine_at) for d, mine_at in gone.conflicts]
        deleted_here = DeletedHere(conn, marks)
        # A large page cache while a package's rows go in: each table's indexes (18 on cases) take its rows in
        # UUID or date order, not the order they arrive, and with SQLite's 2 MB default every insert read its
        # index pages back from the file.
        counts = manifest.get("counts")
        with page_cache(conn), triggers_set_aside(conn, isinstance(counts, dict) and recounts(counts)):
            read, total = 0, _package_rows(manifest)
            try:
                for table in package_tables():
                    deferred = applier.deferred()  # a row may point at one of its table's rows in a later chunk
                    with indexes_set_aside(conn, table, counts.get(table) if isinstance(counts, dict) else None):
                        for chunk in package.rows(table):
                            if cancel is not None and cancel.is_set():
                                raise ImportCancelled("已取消导入，未导入任何数据。")
                            read += len(chunk)
                            if progress is not None:
                                progress(read, max(total, read))
                            screened = deleted_here.screen(table, chunk)
                            totals["kept"] += screened.kept
                            conflicts += [_record_conflict(s, applier, peer, row, at)
                                          for row, at in screened.conflicts]
                            result = applier.apply(conn, table, screened.rows, policy, deferred=deferred)
                            for key in ("inserted", "updated", "unchanged", "kept"):
                                totals[key] += getattr(result, key)
                            conflicts += [_record_conflict(s, applier, peer, row, local["updated_at"], local["uuid"])
                                          for row, local in result.conflicts]
                        applier.finish_deferred(conn, table, deferred)
            except MissingReference as exc:
                raise BadPackageError(f"交换包中的“{ENTITY_LABELS.get(exc.table, exc.table)}”引用了本机没有的记录，"
                                      "未导入任何数据。请让对方不带 --since 重新导出完整的交换包。") from exc
            except IntegrityError as exc:
                raise UserError("交换包中有与本机编号相同的另一条记录（例如两个工作室各自登记的同号案件或同一工单号），"
                                "或有不符合台账规则的记录，未导入任何数据。请先更正其中一方的编号后重新导入。") from exc
            except DataError as exc:  # a value the database refuses that the row checks did not catch
                raise package.damaged() from exc
        peer.station_name = name
        peer.last_exported_at = max(peer.last_exported_at, package.exported_at)
        peer.last_imported_at = utcnow()
        peer.packages = (peer.packages or 0) + 1
        s.flush()
        infos = tuple(_info(s, c) for c in conflicts)
        audit.record(ctx, "import", entity="exchange_package", session=s,
                     detail={"rows": sum(totals.values()), "conflicts": len(infos), "personal": personal})
    return ImportResult(station_uuid=package.station.hex, station_name=name, exported_at=package.exported_at,
                        attachments=attachments, conflicts=infos, inserted=totals["inserted"],
                        updated=totals["updated"], unchanged=totals["unchanged"], kept=totals["kept"],
                        deleted=totals["deleted"])


@requires("view")
def list_conflicts(ctx: AppContext, *, include_resolved: bool = False) -> list[ConflictInfo]:
    with ctx.db.session() as s:
        stmt = select(ExchangeConflict).order_by(ExchangeConflict.id)
        if not include_resolved:
            stmt = stmt.where(ExchangeConflict.status == "待处理")
        return [_info(s, c) for c in s.scalars(stmt)]


@requires("edit_cases")
def resolve_conflict(ctx: AppContext, conflict_id: int, *, take_theirs: bool) -> ConflictInfo:
    """Keep our version (it then travels as the newer one) or take theirs, and close the conflict.

    Records waiting with a record deleted here (their new action item under a meeting deleted here) are decided with
    it, the same way.
    """
    with ctx.db.session() as s:
        c = s.get(ExchangeConflict, conflict_id)
        if c is None or c.status != "待处理":
            raise NotFoundError("该冲突不存在或已经处理过了，请刷新列表。")
        waiting = _waiting_on(s, c) if _kind(_theirs(c), _ours(s, c)) == DELETED_HERE else []
        for each in [c, *waiting]:
            _resolve(s, each, take_theirs=take_theirs)
            each.status, each.resolution = "已处理", "采用对方" if take_theirs else "保留本地"
            each.resolved_at, each.resolved_by = utcnow(), ctx.actor[:60]
        s.flush()
        return _info(s, c)


def _waiting_on(s: Session, c: ExchangeConflict) -> list[ExchangeConflict]:
    """Open conflicts about records missing here that point at this one (and at those...), parents first."""
    pending = [o for o in s.scalars(select(ExchangeConflict).where(ExchangeConflict.status == "待处理",
                                                                   ExchangeConflict.id != c.id))]
    theirs = {o.id: _theirs(o) for o in pending}
    found: list[ExchangeConflict] = []
    parents = {c.record_uuid}
    grew = True
    while grew:
        grew = False
        for o in pending:
            row = theirs[o.id]
            if o not in found and row is not None and parents & set(row.refs.values()) and _ours(s, o) is None:
                found.append(o)
                parents.add(o.record_uuid)
                grew = True
    return found


def _resolve(s: Session, c: ExchangeConflict, *, take_theirs: bool) -> None:
    ts = spec(c.entity)
    t = ts.table
    conn = s.connection()
    theirs = _theirs(c)
    if take_theirs and theirs is None:
        conn.execute(delete(t).where(t.c.uuid == c.record_uuid))  # its dependents go too, as they went there
    elif take_theirs and theirs is not None:
        try:
            Applier().apply(conn, c.entity, [theirs], lambda _row, _local: UPDATE)
        except MissingReference as exc:
            raise UserError("对方版本所属或引用的记录在本机已不存在，无法采用。"
                            "请先处理它所属记录的冲突，或选择保留本地版本。") from exc
    elif theirs is None:
        stamp_with_dependents(conn, c.entity, c.record_uuid)  # ours, with its actions or attendees, goes back
    elif conn.execute(select(t.c.id).where(t.c.uuid == c.record_uuid)).scalar() is None:
        # Deleted here and staying so: our deletion travels to them as the later change.
        conn.execute(update(ExchangeTombstone).where(ExchangeTombstone.entity == c.entity,
                                                     ExchangeTombstone.record_uuid == c.record_uuid)
                     .values(deleted_at=utcnow()))
    else:
        # Stamp ours as new, so the next package carries it to them as the later change.
        values: dict[str, Any] = {"updated_at": utcnow()}
        if ts.has_version:
            values["version"] = ts.table.c.version + 1
        conn.execute(update(t).where(t.c.uuid == c.record_uuid).values(**values))
