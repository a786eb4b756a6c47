"""The audit log: who did what to which record, when; written automatically for every ORM change, never personal data.

Entries are append-only: the app offers no edit or delete path. Every ORM write is recorded in the same transaction
(a session hook, so no controller can forget it) with before/after values of key fields only; free text and
personal fields are named as changed, never quoted. Logins, exports, prints, unmasking and restores are recorded
by their controllers through `record()`.
"""

from __future__ import annotations

import json
import logging
import os
import weakref
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Engine, event, func, insert, inspect, select
from sqlalchemy.orm import Session

from controllers.audit_labels import ACTION_LABELS, ENTITY_LABELS, field_label, value_text
from controllers.core.clock import day_start, local_now, to_local, utcnow
from controllers.permissions import requires
from models.admin import AuditEntry

if TYPE_CHECKING:
    from controllers.app import AppContext

log = logging.getLogger(__name__)

# Values of these columns are shown before/after; every other changed column is only named. None of them can
# hold a person's name, phone or ID number (free text like facts or content might, so it is never quoted).
KEY_FIELDS = frozenset({
    "number", "status", "category_id", "estate_id", "street_id", "deadline", "found_date", "source", "officer_id",
    "closed_on", "followup_due", "followup_done_on", "property_company_id", "channel", "work_order_no",
    "received_at", "reply_due", "replied_on", "satisfaction", "repeat_of_id", "case_id", "complaint_id",
    "department_id", "referred_on", "received_on", "kind", "held_on", "due", "role", "active", "username", "code",
    "deadline_days", "training_id", "meeting_id", "kind_id", "starts_at", "planned_count", "actual_count",
    "attended", "year", "annex_no", "sort_order", "penalty_decided_on", "penalty_amount",
})
# Tables whose `name` is a place, organisation or list entry, not a person: their names may be quoted.
NAMED_THINGS = frozenset({
    "streets", "estates", "property_companies", "categories", "regulations", "departments", "estate_grades",
    "training_kinds",
})
# Never audited by the hook: the log itself, the case timeline (the case's own history), accounts (accounts.py
# writes explicit entries, not each failed-attempt counter) and the backup bookkeeping keys.
SKIPPED_TABLES = frozenset({"audit_log", "case_events", "users", "user_estates"})
SKIPPED_SETTING_PREFIXES = ("backup.", "import_mapping.")
# Detail keys a caller must never pass (a guard against quoting personal data by mistake).
PERSONAL_KEYS = frozenset({"name", "phone", "complainant_name", "complainant_phone", "party_name", "party_phone",
                           "party_id_no", "password", "password_hash"})
BOOKKEEPING = frozenset({"id", "uuid", "created_at", "updated_at", "version"})

_contexts: weakref.WeakKeyDictionary[Engine, Any] = weakref.WeakKeyDictionary()


def bind(ctx: AppContext) -> None:
    """Let the flush hook find who is acting for sessions on this context's engine."""
    _contexts[ctx.db.engine] = weakref.ref(ctx)


def _username_for(session: Session) -> str | None:
    bind_ = session.get_bind()
    engine = bind_ if isinstance(bind_, Engine) else getattr(bind_, "engine", None)
    ref = _contexts.get(engine) if engine is not None else None
    ctx = ref() if ref is not None else None
    return ctx.user.username if ctx is not None else None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _quotable(table: str, column: str) -> bool:
    return column in KEY_FIELDS or (column == "name" and table in NAMED_THINGS)


def _row_for(obj: Any, action: str, username: str | None, at: datetime) -> dict[str, Any] | None:
    table = getattr(obj, "__tablename__", None)
    if table is None or table in SKIPPED_TABLES:
        return None
    state = inspect(obj)
    detail: dict[str, Any] = {}
    if table == "settings":
        if str(obj.key).startswith(SKIPPED_SETTING_PREFIXES):
            return None
        detail["key"] = obj.key
    changed: list[str] = []
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in BOOKKEEPING:
            continue
        hist = state.attrs[key].history
        if action == "update" and not hist.has_changes():
            continue
        if action == "update":
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
        else:
            old, new = (getattr(obj, key, None), None) if action == "delete" else (None, getattr(obj, key, None))
        if old is None and new is None:
            continue
        changed.append(key)
        if _quotable(table, key):
            if action != "create":
                before[key] = _plain(old)
            if action != "delete":
                after[key] = _plain(new)
    if action == "update":
        changed += [r.key for r in state.mapper.relationships
                    if r.secondary is not None and state.attrs[r.key].history.has_changes()]
        if not changed:
            return None
    detail["fields"] = changed
    if before:
        detail["before"] = before
    if after:
        detail["after"] = after
    uuid_value = getattr(obj, "uuid", None)
    return {"at": at, "username": username, "action": action, "entity": table,
            "entity_uuid": str(uuid_value) if uuid_value is not None else None,
            "detail": json.dumps(detail, ensure_ascii=False)}


def _after_flush(session: Session, _context: object) -> None:
    """Record every ORM insert, update and delete in the same transaction (rolled back together with it)."""
    if not (session.new or session.dirty or session.deleted):
        return
    username = _username_for(session)
    at = utcnow()
    rows = []
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            if action == "update" and not session.is_modified(obj, include_collections=True):
                continue
            row = _row_for(obj, action, username, at)
            if row is not None:
                rows.append(row)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


event.listen(Session, "after_flush", _after_flush)


def _clean(detail: dict[str, Any] | None) -> str | None:
    if not detail:
        return None
    bad = PERSONAL_KEYS.intersection(detail)
    if bad:  # a programming error, but the log must stay clean even then
        log.error("audit detail with personal keys dropped: %s", sorted(bad))
    return json.dumps({k: _plain(v) for k, v in detail.items() if k not in PERSONAL_KEYS}, ensure_ascii=False)


def record(ctx: AppContext, action: str, *, entity: str | None = None, entity_uuid: str | UUID | None = None,
           detail: dict[str, Any] | None = None, username: str | None = None, session: Session | None = None) -> None:
    """Append one entry (own transaction unless `session` is given); `detail` must never hold personal data."""
    values = {"at": utcnow(), "username": (username if username is not None else ctx.user.username)[:40] or None,
              "action": action, "entity": entity, "entity_uuid": str(entity_uuid) if entity_uuid else None,
              "detail": _clean(detail)}
    if session is not None:
        session.execute(insert(AuditEntry), [values])
        return
    with ctx.db.session() as s:
        s.execute(insert(AuditEntry), [values])


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as shown in the viewer: local time, labels in Chinese, detail as readable text."""

    id: int
    at: datetime  # Asia/Shanghai local time
    username: str
    action: str
    action_label: str
    entity: str
    entity_label: str
    entity_uuid: str
    detail: str


@dataclass(frozen=True)
class AuditFilter:
    """Which entries the viewer shows: a local-date range, one action, one user, one entity kind."""

    start: date | None = None
    end: date | None = None
    action: str | None = None
    username: str | None = None
    entity: str | None = None


def describe_detail(text: str | None) -> str:
    """JSON detail → one readable Chinese line: “字段：状态、办理期限；状态：登记 → 核查；办理期限：… → 2025-04-01”."""
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict):
        return text
    parts: list[str] = []
    before, after = data.pop("before", {}), data.pop("after", {})
    fields = data.pop("fields", None)
    if fields:
        parts.append("字段：" + "、".join(field_label(f) for f in fields))
    for key in sorted(set(before) | set(after)):
        label = field_label(key)
        parts.append(f"{label}：{value_text(key, before.get(key))} → {value_text(key, after.get(key))}"
                     if key in before else f"{label}：{value_text(key, after.get(key))}")
    parts += [f"{field_label(k)}：{value_text(k, v)}" for k, v in data.items()]
    return "；".join(parts)


def _query(f: AuditFilter) -> Any:
    stmt = select(AuditEntry)
    if f.start:
        stmt = stmt.where(AuditEntry.at >= day_start(f.start))
    if f.end:
        stmt = stmt.where(AuditEntry.at < day_start(f.end + timedelta(days=1)))
    if f.action:
        stmt = stmt.where(AuditEntry.action == f.action)
    if f.username:
        stmt = stmt.where(AuditEntry.username == f.username)
    if f.entity:
        stmt = stmt.where(AuditEntry.entity == f.entity)
    return stmt


def _row(e: AuditEntry) -> AuditRow:
    # No user: written while the data folder was being set up (seed data, schema upgrades).
    return AuditRow(id=e.id, at=to_local(e.at), username=e.username or "（系统）", action=e.action,
                    action_label=ACTION_LABELS.get(e.action, e.action), entity=e.entity or "",
                    entity_label=ENTITY_LABELS.get(e.entity or "", e.entity or ""),
                    entity_uuid=e.entity_uuid or "", detail=describe_detail(e.detail))


@requires("view_audit")
def count_entries(ctx: AppContext, f: AuditFilter | None = None) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(_query(f or AuditFilter()).subquery())) or 0)


@requires("view_audit")
def list_entries(ctx: AppContext, f: AuditFilter | None = None, *, offset: int = 0, limit: int = 500) -> list[AuditRow]:
    """Newest first, a window at a time (the log only grows)."""
    with ctx.db.session() as s:
        stmt = _query(f or AuditFilter()).order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
        return [_row(e) for e in s.scalars(stmt)]


@requires("view_audit")
def usernames(ctx: AppContext) -> list[str]:
    with ctx.db.session() as s:
        return sorted(u for u in s.scalars(select(AuditEntry.username).distinct()) if u)


@requires("view_audit")
def export_entries(ctx: AppContext, path: str | os.PathLike[str], f: AuditFilter | None = None) -> int:
    """Write the filtered log to .xlsx (administrator only); the export itself is logged too."""
    # openpyxl costs ~0.2 s to import and every start imports this module: load it only for an export.
    from controllers.xlsx_export import Column, export_subtitle, write_table

    flt = f or AuditFilter()
    rows = []
    with ctx.db.session() as s:
        for e in s.scalars(_query(flt).order_by(AuditEntry.id)):
            r = _row(e)
            rows.append([r.at, r.username, r.action_label, r.entity_label, r.entity_uuid, r.detail])
    columns = [Column("时间", 20, "datetime"), Column("用户", 16), Column("操作", 12), Column("对象", 12),
               Column("记录编号（UUID）", 38), Column("详情", 80)]
    labels = [f"{flt.start or '最早'} 至 {flt.end or '今天'}"]
    if flt.action:
        labels.append("操作：" + ACTION_LABELS.get(flt.action, flt.action))
    if flt.username:
        labels.append("用户：" + flt.username)
    write_table(Path(path), title="审计日志", subtitle=export_subtitle(labels, local_now()), columns=columns,
                rows=rows)
    record(ctx, "export", entity="audit_log", detail={"rows": len(rows)})
    return len(rows)


def exported(ctx: AppContext, entity: str, rows: int, *, personal: bool = False, action: str = "export") -> None:
    """An export or print happened: what kind of records, how many, whether personal data was in it (never which)."""
    record(ctx, action, entity=entity, detail={"rows": rows, "personal": personal})
