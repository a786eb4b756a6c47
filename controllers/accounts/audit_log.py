"""The audit log's viewer (administrators only): filter, page through and export entries, with Chinese labels.

The log itself is written by the hook in controllers.core.audit.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from controllers.accounts.audit_labels import ACTION_LABELS, ENTITY_LABELS, field_label, value_text
from controllers.core.audit import record
from controllers.core.clock import day_start, local_now, to_local
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from models.admin import AuditEntry


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
    from controllers.documents.xlsx_writer import Column, export_subtitle, write_table

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
