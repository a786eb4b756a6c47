"""Patrols to Excel: one row per patrol with its estates, officers and what its findings became."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from controllers.core import audit
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import export_text
from controllers.documents.xlsx_writer import Cancel, Column, Progress, export_subtitle, write_table
from controllers.inspections.listing import PatrolFilter, PatrolRow, iter_patrol_rows

COLUMNS = (
    Column("ID", 6, "int"), Column("巡查时间", 17, "datetime"), Column("类型", 12), Column("小区", 36),
    Column("队员", 20), Column("联合部门", 24), Column("发现问题", 9, "int"), Column("立案", 6, "int"),
    Column("移交", 6, "int"), Column("当场劝阻整改", 12, "int"), Column("问题类别", 24), Column("巡查情况", 50),
)


def _row(r: PatrolRow, text: Callable[[str | None], str]) -> tuple[object, ...]:
    return (r.id, r.started_at, r.kind, r.estates, r.officers, r.departments, r.findings, r.cases, r.referrals,
            r.fixed_on_spot, r.finding_categories, text(r.notes))


def _filters(f: PatrolFilter, estate_name: str | None) -> list[str]:
    shown = [f"类型：{f.kind}"] if f.kind else []
    if f.first or f.last:
        shown.append(f"日期：{f.first or '不限'} 至 {f.last or '不限'}")
    if estate_name:
        shown.append(f"小区：{estate_name}")
    return shown


@requires("export")
def export_patrols(ctx: AppContext, path: str | os.PathLike[str], f: PatrolFilter | None = None, *,
                   estate_name: str | None = None, now: datetime | None = None, progress: Progress | None = None,
                   cancel: Cancel | None = None) -> int:
    """Write the (filtered) patrols of the current view to an .xlsx file; returns how many were written."""
    f = f or PatrolFilter()
    with ctx.db.session() as s:
        # Like every ledger export, without personal data: names and phones masked, room numbers blanked.
        text = export_text(s, False)
        count = write_table(path, title="巡查检查记录", subtitle=export_subtitle(_filters(f, estate_name),
                                                                           now or local_now()),
                            columns=COLUMNS, rows=(_row(r, text) for r in iter_patrol_rows(ctx, s, f)),
                            sheet_name="巡查", progress=progress, cancel=cancel)
    audit.exported(ctx, "patrols", count)
    return count
