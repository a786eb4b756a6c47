"""migrate-to: copy this station's database into another one (a street's PostgreSQL server), idempotent by UUID.

The target is upgraded to the current schema first, then every table is copied in id order, one transaction per
batch of rows, parents before children: a record already there (same UUID, or the same reference entry by its
natural key) is updated only when ours is newer, never duplicated; references are re-pointed by UUID because
integer ids differ between databases. An interrupted copy is simply run again. Afterwards every table is
checked independently: each of our records must be found in the target with the same content (a hash of the
compared columns), except where the target holds a newer version.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, RowMapping, Table, func, insert, inspect, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from controllers.core import audit, gc_hold
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.permissions import requires
from controllers.exchange.apply import Applier, MissingReference, UuidMap, newer_wins, read_rows
from controllers.exchange.schema import record_tables, spec, to_json
from controllers.station.area import STATION_AREA_KEY
from models import migrate
from models.admin import AuditEntry, Setting
from models.db import make_engine, settle_bulk_load

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
BATCH = 2000
STATION_UUID_KEY = "station.uuid"
# Settings that belong to the copy's own folder, not to the station's data.
LOCAL_SETTING_PREFIXES = ("backup.",)
# Two stations numbering cases on their own can both have 2025-长征-0001: different cases, never merged.
UNIQUE_CLASH = ("目标数据库的“{table}”中已有编号相同的另一条记录（例如两个工作室各自登记的同号案件或同一工单号），"
                "复制已在此处停止，之前的表已复制完成。请先在其中一方更正编号后重新运行本命令。")


@dataclass(frozen=True)
class TableCheck:
    """One table after the copy: our rows, the target's rows, ours found there, and whether contents agree."""

    table: str
    source: int
    target: int
    found: int
    newer_in_target: int
    source_hash: str
    target_hash: str

    @property
    def ok(self) -> bool:
        return self.found == self.source and self.source_hash == self.target_hash


@dataclass(frozen=True)
class MigrateReport:
    """What migrate-to did and what the check found."""

    target: str  # the URL without its password
    inserted: int
    updated: int
    unchanged: int
    kept_newer: int
    checks: tuple[TableCheck, ...]
    attachments_copied: int
    attachments_missing: int
    attachments_dir: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _open_target(url: str) -> Engine:
    try:
        engine = make_engine(url)
        with engine.connect():
            pass
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise UserError(f"数据库地址“{_safe(url)}”格式不对，请写成 postgresql+psycopg://用户@主机/库名 这样的形式。") \
            from exc
    except SQLAlchemyError as exc:
        raise UserError(f"无法连接目标数据库“{_safe(url)}”（{exc.__class__.__name__}），请检查地址、用户和密码，"
                        "以及数据库服务器是否已启动。") from exc
    return engine


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


def _prepare_target(ctx: AppContext, engine: Engine) -> None:
    same_file = engine.dialect.name == "sqlite" and engine.url.database
    if same_file and Path(str(engine.url.database)).resolve() == ctx.data_dir.database.resolve():
        raise UserError("目标数据库就是当前数据目录的数据库，请指定另一个数据库。")
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    if tables and "alembic_version" not in tables:
        raise UserError("目标数据库里已有其他程序的数据表，不是台账数据库。为避免覆盖已停止，请换一个空的数据库。")
    current = migrate.current_revision(engine)
    if current is not None and current not in migrate.known_revisions(engine):
        raise UserError("目标数据库由更新版本的台账创建，请先升级本程序。")
    if current != migrate.SCHEMA_HEAD:
        migrate.upgrade(engine)


def _copy_tables(ctx: AppContext, engine: Engine, applier: Applier, progress: Progress | None) -> dict[str, int]:
    totals = {"inserted": 0, "updated": 0, "unchanged": 0, "kept": 0}
    with ctx.db.engine.connect() as src:
        uuids = UuidMap(src)
        for table in record_tables():
            t = spec(table).table
            total = src.execute(select(func.count()).select_from(t)).scalar_one()
            done = 0
            for rows in read_rows(src, table, uuids, chunk=BATCH):
                try:
                    with engine.begin() as conn:  # one transaction per batch: an interruption loses one batch at most
                        result = applier.apply(conn, table, rows, newer_wins)
                except IntegrityError as exc:
                    raise UserError(UNIQUE_CLASH.format(table=table)) from exc
                done += len(rows)
                totals["inserted"] += result.inserted
                totals["updated"] += result.updated
                totals["unchanged"] += result.unchanged
                totals["kept"] += result.kept
                if progress and total > BATCH:
                    progress(table, done, total)
        with engine.begin() as conn:
            _copy_settings(src, conn, uuids, applier)
            _copy_audit(src, conn)
    return totals


def _translate_setting(key: str, value: str, uuids: UuidMap, applier: Applier) -> str:
    """A station's area names estates by id: re-point them at the target's ids (station_area, or on a shared
    server station_area@<station>)."""
    if key.partition("@")[0] != STATION_AREA_KEY:
        return value
    try:
        data = json.loads(value)
        estates = uuids.of("estates")
        data["estate_ids"] = sorted(applier.id_of("estates", estates[int(i)]) for i in data.get("estate_ids") or ())
    except (ValueError, KeyError, TypeError, AttributeError):
        return value
    return json.dumps(data, ensure_ascii=False)


def _copy_settings(src: Connection, dst: Connection, uuids: UuidMap, applier: Applier) -> None:
    t = cast(Table, Setting.__table__)
    theirs = {r.key: r for r in dst.execute(select(t))}
    for row in src.execute(select(t)):
        if row.key.startswith(LOCAL_SETTING_PREFIXES):
            continue
        value = _translate_setting(row.key, row.value, uuids, applier)
        there = theirs.get(row.key)
        if there is None:
            dst.execute(insert(t).values(key=row.key, value=value, updated_at=row.updated_at))
        elif row.key != STATION_UUID_KEY and there.value != value and row.updated_at > there.updated_at:
            dst.execute(update(t).where(t.c.key == row.key).values(value=value, updated_at=row.updated_at))


def _audit_key(r: RowMapping) -> tuple[Any, ...]:
    return (r["at"], r["username"], r["action"], r["entity"], r["entity_uuid"], r["detail"])


def _copy_audit(src: Connection, dst: Connection) -> None:
    """The log has no UUIDs: an entry is the same entry when every column but the id is equal."""
    t = cast(Table, AuditEntry.__table__)
    there = {_audit_key(r) for r in dst.execute(select(t)).mappings()}
    new = [{k: v for k, v in r.items() if k != "id"} for r in src.execute(select(t).order_by(t.c.id)).mappings()
           if _audit_key(r) not in there]
    if new:
        dst.execute(insert(t), new)


def _digest(items: list[tuple[str, Any]]) -> str:
    h = hashlib.sha256()
    for key, values in sorted(items, key=lambda kv: kv[0]):
        h.update(json.dumps([key, values], ensure_ascii=False, sort_keys=True, default=to_json).encode())
    return h.hexdigest()[:16]


def check_copy(source: Engine, target: Engine) -> list[TableCheck]:
    """Find every source record in the target afresh (by UUID or natural key) and compare the contents."""
    checker = Applier(keep_originals=False)
    checks = []
    with source.connect() as src, target.connect() as dst:
        uuids = UuidMap(src)
        for table in record_tables():
            ts = spec(table)
            counts = [c.execute(select(func.count()).select_from(ts.table)).scalar_one() for c in (src, dst)]
            found = newer = 0
            ours: list[tuple[str, Any]] = []
            theirs: list[tuple[str, Any]] = []
            for rows in read_rows(src, table, uuids, chunk=BATCH):
                resolved = []
                for row in rows:
                    try:
                        resolved.append((row, checker.resolve(dst, ts, row, [])))
                    except MissingReference:
                        continue  # points at something the target lacks: this row cannot be there either
                matches = checker.existing(dst, ts, [r for r, _v in resolved], [v for _r, v in resolved])
                here = [m["id"] for m in matches if m is not None]
                all_links = checker.local_links(dst, ts, here) if ts.links else {}
                for (row, values), local in zip(resolved, matches, strict=True):
                    if local is None:
                        continue
                    found += 1
                    checker.remember(table, row.uuid, local["id"])
                    if local["updated_at"] > row.updated_at:
                        newer += 1  # the target changed it since: not ours to compare
                        continue
                    links = checker.row_links(dst, ts, row) if ts.links else {}
                    ours.append((row.uuid.hex, [values, links]))
                    theirs.append((row.uuid.hex, [{k: local[k] for k in values}, all_links.get(local["id"], {})]))
            checks.append(TableCheck(table=table, source=counts[0], target=counts[1], found=found,
                                     newer_in_target=newer, source_hash=_digest(ours), target_hash=_digest(theirs)))
    return checks


def _copy_attachments(ctx: AppContext, folder: Path) -> tuple[int, int]:
    """Copy stored files by content hash into the target's attachments folder; returns (copied, missing here)."""
    if folder.resolve() == ctx.data_dir.attachments.resolve():
        return 0, 0
    t = spec("attachments").table
    with ctx.db.session() as s:
        hashes = sorted(set(s.scalars(select(t.c.sha256).distinct())))
    copied = missing = 0
    for sha in hashes:
        src = ctx.data_dir.attachments / sha[:2] / sha
        dst = folder / sha[:2] / sha
        if dst.exists():
            continue
        if not src.exists():
            missing += 1
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        # Through a temporary file and a rename: a crash never leaves half a file under a real hash.
        with tempfile.NamedTemporaryFile(dir=dst.parent, delete=False) as tmp, src.open("rb") as fh:
            shutil.copyfileobj(fh, tmp)
        Path(tmp.name).replace(dst)
        copied += 1
    return copied, missing


def default_attachments_dir(engine: Engine) -> Path | None:
    """A SQLite target inside a data directory keeps its files beside it; a server needs the folder named."""
    if engine.dialect.name == "sqlite" and engine.url.database:
        return Path(engine.url.database).resolve().parent / "attachments"
    return None


@requires("edit_settings")
def migrate_to(ctx: AppContext, url: str, *, attachments_dir: str | Path | None = None,
               progress: Progress | None = None) -> MigrateReport:
    """Copy the whole station into the database at `url` (see the module docstring); run again to resume."""
    started = time.perf_counter()
    engine = _open_target(url)
    try:
        _prepare_target(ctx, engine)
        applier = Applier(keep_originals=False)
        try:
            with gc_hold.held():  # the applier's UUID maps of every table copied live to the end (gc_hold)
                totals = _copy_tables(ctx, engine, applier, progress)
        except MissingReference as exc:
            raise UserError(f"复制“{exc.table}”时找不到所引用的记录，目标数据库可能正被同时修改。"
                            "请重新运行本命令。") from exc
        settle_bulk_load(engine)
        checks = check_copy(ctx.db.engine, engine)
        folder = Path(attachments_dir) if attachments_dir else default_attachments_dir(engine)
        copied, missing = _copy_attachments(ctx, folder) if folder else (0, 0)
    finally:
        engine.dispose()
    rows = sum(c.source for c in checks)
    audit.record(ctx, "export", entity="migrate_to", detail={"rows": rows, "personal": True,
                                                              "target": engine.dialect.name})
    return MigrateReport(target=_safe(url), inserted=totals["inserted"], updated=totals["updated"],
                         unchanged=totals["unchanged"], kept_newer=totals["kept"], checks=tuple(checks),
                         attachments_copied=copied, attachments_missing=missing,
                         attachments_dir=str(folder) if folder else None, seconds=time.perf_counter() - started)

