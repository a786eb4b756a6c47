"""Exporting the filtered case book to Excel, describing a filter in Chinese, and building a filter from names."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from controllers.cases.export_details import DETAIL_COLUMNS, shown_place, with_details
from controllers.cases.listing import DEFAULT_SORT, CaseFilter, CaseRow, iter_rows
from controllers.core import audit, privacy
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.documents.xlsx_writer import Cancel, Column, Progress, export_subtitle, write_table
from controllers.station.views import view_phrase
from models.enums import CASE_SOURCES, CASE_STATUSES
from models.reference import Category, Estate, Staff, Street

EXPORT_TITLE = "案件台账"
EXPORT_COLUMNS = (
    Column("案件编号", 18), Column("状态", 9), Column("类别", 22), Column("街镇", 12), Column("小区", 20),
    Column("地点", 22), Column("发现日期", 12, "date"), Column("整改期限", 12, "date"),
    Column("期限情况", 16), Column("承办人", 10), Column("来源", 12),
    *DETAIL_COLUMNS,  # every column a clerk needs to rebuild the ledger (issue 21)
)


def days_left_text(days: int | None) -> str:
    """剩 3 个工作日 / 今日到期 / 逾期 2 个工作日; empty when no deadline is running."""
    if days is None:
        return ""
    if days > 0:
        return f"剩 {days} 个工作日"
    if days == 0:
        return "今日到期"
    return f"逾期 {-days} 个工作日"


def _names(s: Any, column: Any, key: Any, ids: Sequence[int]) -> list[str]:
    found = dict(s.execute(select(key, column).where(key.in_(ids))).all())
    return [str(found.get(i, i)) for i in ids]


def filter_description(ctx: AppContext, f: CaseFilter) -> list[str]:
    """The filter as short Chinese phrases (状态：登记、核查 …) for the export's title rows; [] = everything."""
    parts: list[str] = []
    with ctx.db.session() as s:
        parts += view_phrase(ctx, s)
        if f.statuses:
            parts.append("状态：" + "、".join(f.statuses))
        if f.category_ids:
            parts.append("类别：" + "、".join(_names(s, Category.name, Category.id, f.category_ids)))
        if f.street_ids:
            parts.append("街镇：" + "、".join(_names(s, Street.name, Street.id, f.street_ids)))
        if f.estate_ids:
            parts.append("小区：" + "、".join(_names(s, Estate.name, Estate.id, f.estate_ids)))
        if f.officer_ids:
            parts.append("承办人：" + "、".join(_names(s, Staff.name, Staff.id, f.officer_ids)))
    if f.sources:
        parts.append("来源：" + "、".join(f.sources))
    if f.found_from or f.found_to:
        start = f.found_from.isoformat() if f.found_from else "不限"
        end = f.found_to.isoformat() if f.found_to else "不限"
        parts.append(f"发现日期：{start} 至 {end}")
    flags = [("已逾期", f.overdue), ("3个工作日内到期", f.due_soon), ("挂账", f.on_hold), ("已移交", f.referred)]
    parts += [label for label, on in flags if on]
    if f.query.strip():
        parts.append(f"关键词：{f.query.strip()}")
    return parts


def _export_values(ctx: AppContext, rows: Iterator[CaseRow], reveal_personal: bool) -> Iterator[tuple[Any, ...]]:
    with ctx.db.session() as s:
        for r, more in with_details(s, rows, reveal_personal=reveal_personal):
            yield (r.number, r.status, r.category, r.street, r.estate,
                   shown_place(r.place, reveal_personal=reveal_personal), r.found_date, r.deadline,
                   days_left_text(r.days_left), r.officer, r.source, *more.values)


@requires("export")
def export_cases(ctx: AppContext, f: CaseFilter, path: str | os.PathLike[str], *, sort: str = DEFAULT_SORT,
                 descending: bool = True, exported_at: datetime | None = None, progress: Progress | None = None,
                 cancel: Cancel | None = None, reveal_personal: bool = False) -> int:
    """Write the filtered list, in the list's order, to an .xlsx file; rows are streamed, never all in memory.
    Parties are masked and places cut to the building unless `reveal_personal` (refused and audited by role).

    progress/cancel: see xlsx_export.write_table (a cancel raises ExportCancelled and writes nothing)."""
    if reveal_personal:
        privacy.unmask(ctx, entity="cases")
    subtitle = export_subtitle(filter_description(ctx, f), exported_at or local_now())
    rows = _export_values(ctx, iter_rows(ctx, f, sort=sort, descending=descending), reveal_personal)
    count = write_table(path, title=EXPORT_TITLE, subtitle=subtitle, columns=EXPORT_COLUMNS, rows=rows,
                        sheet_name="案件台账", progress=progress, cancel=cancel)
    audit.exported(ctx, "cases", count, personal=reveal_personal)
    return count


def _resolve(kind: str, wanted: Sequence[str], options: dict[str, int], valid: Sequence[str]) -> tuple[int, ...]:
    ids = []
    for name in wanted:
        key = name.strip()
        if key not in options:
            raise ValidationError(f"未知的{kind}“{name}”。可选：{'、'.join(valid)}", field=kind)
        ids.append(options[key])
    return tuple(dict.fromkeys(ids))


def filter_from_names(ctx: AppContext, *, statuses: Sequence[str] = (), categories: Sequence[str] = (),
                      streets: Sequence[str] = (), estates: Sequence[str] = (), officers: Sequence[str] = (),
                      sources: Sequence[str] = (), found_from: date | None = None, found_to: date | None = None,
                      query: str = "", overdue: bool = False, due_soon: bool = False, on_hold: bool = False,
                      referred: bool = False) -> CaseFilter:
    """A CaseFilter from names as typed on the command line; an unknown name lists the valid ones."""
    for status in statuses:
        if status not in CASE_STATUSES:
            raise ValidationError(f"未知的案件状态“{status}”。可选：{'、'.join(CASE_STATUSES)}", field="status")
    for source in sources:
        if source not in CASE_SOURCES:
            raise ValidationError(f"未知的案件来源“{source}”。可选：{'、'.join(CASE_SOURCES)}", field="source")
    if found_from and found_to and found_from > found_to:
        raise ValidationError(f"开始日期 {found_from} 晚于结束日期 {found_to}，请调换后重试。", field="from")
    with ctx.db.session() as s:
        cats = s.execute(select(Category.id, Category.code, Category.name).order_by(Category.sort_order)).all()
        cat_options = {code: i for i, code, _n in cats} | {name: i for i, _c, name in cats}
        cat_ids = _resolve("类别", categories, cat_options, [f"{c} {n}" for _i, c, n in cats])
        sts = s.execute(select(Street.id, Street.name, Street.short_name).order_by(Street.sort_order)).all()
        street_options = {n: i for i, n, _sn in sts} | {sn: i for i, _n, sn in sts}
        street_ids = _resolve("街镇", streets, street_options, [n for _i, n, _sn in sts])
        estate_ids: tuple[int, ...] = ()
        if estates:
            stmt = select(Estate.id, Estate.name).where(Estate.name.in_([e.strip() for e in estates]))
            if street_ids:
                stmt = stmt.where(Estate.street_id.in_(street_ids))
            found = s.execute(stmt).all()
            missing = [e for e in estates if e.strip() not in {n for _i, n in found}]
            if missing:
                raise ValidationError(f"找不到小区“{missing[0]}”，请检查小区名称（可在“基础数据”中查看）。",
                                      field="estate")
            estate_ids = tuple(i for i, _n in found)
        people = s.execute(select(Staff.id, Staff.name).order_by(Staff.name)).all()
        officer_ids = _resolve("承办人", officers, {n: i for i, n in people}, [n for _i, n in people])
    return CaseFilter(statuses=tuple(statuses), category_ids=cat_ids, street_ids=street_ids, estate_ids=estate_ids,
                      officer_ids=officer_ids, sources=tuple(sources), found_from=found_from, found_to=found_to,
                      query=query, overdue=overdue, due_soon=due_soon, on_hold=on_hold, referred=referred)
