"""Excel export of the trainings list (first column: the training's ID, which `signin-sheet` takes), with every
column a clerk needs to rebuild the ledger (export_details); no personal data, the venue cut to the building."""

from __future__ import annotations

import os
from datetime import datetime

from controllers.core import audit
from controllers.core.clock import to_local, utcnow
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import place_without_room
from controllers.documents.xlsx_writer import Column, export_subtitle, write_table
from controllers.trainings.common import kind_choices
from controllers.trainings.export_details import DETAIL_COLUMNS, with_details
from controllers.trainings.records import TrainingFilter, list_trainings

COLUMNS = [Column("ID", 7, "int"), Column("开始时间", 17, "datetime"), Column("结束时间", 17, "datetime"),
           Column("类型", 16), Column("标题", 36), Column("地点", 24), Column("主办单位", 16), Column("联合部门", 30),
           Column("涉及小区", 30), Column("计划人数", 9, "int"), Column("实到人数", 9, "int"),
           Column("邀请人数", 9, "int"), Column("签到人数", 9, "int"), *DETAIL_COLUMNS]


def filter_labels(ctx: AppContext, f: TrainingFilter) -> list[str]:
    """The filters in words, for the export's subtitle (estate/department ids are shown only by kind name)."""
    labels = []
    if f.kind_id is not None:
        labels.append("类型：" + dict(kind_choices(ctx)).get(f.kind_id, "?"))
    if f.date_from or f.date_to:
        labels.append(f"日期：{f.date_from or '不限'} 至 {f.date_to or '不限'}")
    if f.text.strip():
        labels.append(f"关键词：{f.text.strip()}")
    return labels


@requires("export")
def export_trainings(ctx: AppContext, path: str | os.PathLike[str], f: TrainingFilter | None = None, *,
                     now: datetime | None = None) -> int:
    """Write the (filtered) list to an .xlsx file; returns the number of trainings written."""
    f = f or TrainingFilter()
    exported = to_local(now or utcnow())
    with ctx.db.session() as s:
        rows = ((r.id, r.starts_at, r.ends_at, r.kind, r.title, place_without_room(r.venue), r.organiser,
                 "、".join(r.departments), "、".join(r.estates), r.planned_count, r.actual_count, r.invited_count,
                 r.attended_count, *more) for r, more in with_details(s, list_trainings(ctx, f)))
        count = write_table(path, title="教育培训和普法宣传台账",
                            subtitle=export_subtitle(filter_labels(ctx, f), exported),
                            columns=COLUMNS, rows=rows, sheet_name="培训宣传")
    audit.exported(ctx, "trainings", count)
    return count
