"""The complaint log list (诉件台账): combined filters, the case book's search, counts, windows and Excel export.

- overdue (答复逾期): reply_due before today (Shanghai) and status not 已回复.
- repeat (重复投诉): the complaint belongs to a repeat group of two or more (it is a repeat, or others repeat it).
- dissatisfied (回访不满意): the callback was 不满意; callback_from/to select by the callback date.
- group_size: members of the complaint's group (1 when it has none).
- flag "案件已结案，待回复": the linked case is 结案 and the complaint is not 已回复.
Name and phone are masked by controllers.core.privacy unless `reveal_personal` (tied to roles by the accounts issue).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from controllers.complaints.entry import is_overdue, reply_flag
from controllers.complaints.export_details import DETAIL_COLUMNS, shown_address, with_details
from controllers.complaints.repeats import group_sizes
from controllers.core import audit, clock, privacy
from controllers.core.clock import day_start, local_now, to_local
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import require, requires
from controllers.core.privacy import mask_free_text, mask_name, mask_phone
from controllers.core.workdays import load_calendar
from controllers.documents.xlsx_writer import Cancel, Column, Progress, export_subtitle, write_table
from controllers.station.views import view_phrase, where_in_view
from models import search
from models.cases import Case
from models.complaints import Complaint
from models.enums import COMPLAINT_CHANNELS, COMPLAINT_STATUSES, DISSATISFIED
from models.reference import Category, Estate, EstateAlias, Street

DEFAULT_SORT = "received_at"


@dataclass(frozen=True)
class ComplaintFilter:
    """What the user asked to see; empty tuples and None mean "no restriction". Conditions combine (AND)."""

    channels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    category_ids: tuple[int, ...] = ()
    street_ids: tuple[int, ...] = ()
    estate_ids: tuple[int, ...] = ()
    received_from: date | None = None  # Shanghai dates, inclusive
    received_to: date | None = None
    overdue: bool = False
    repeat: bool = False
    query: str = ""
    # The dashboard's 回访不满意 tile: unhappy callbacks, counted by the callback's date (as the tile counts them).
    dissatisfied: bool = False
    callback_from: date | None = None
    callback_to: date | None = None

    def is_empty(self) -> bool:
        return replace(self, query=self.query.strip()) == ComplaintFilter()


@dataclass(frozen=True)
class ComplaintRow:
    """One line of the complaint log."""

    id: int
    received_at: datetime  # Shanghai local time
    channel: str
    work_order_no: str
    complainant_name: str
    complainant_phone: str
    street: str
    estate: str
    address: str
    category: str
    content: str
    reply_due: date | None
    status: str
    overdue: bool
    group_size: int
    repeat_of_id: int | None
    case_number: str
    flag: str
    reply_due_note: str = ""  # ESTIMATE_NOTE when the reply deadline runs past the calendar's covered years


_category = aliased(Category)
_estate = aliased(Estate)
_street = aliased(Street)

SORT_KEYS: dict[str, Any] = {
    "received_at": Complaint.received_at,
    "channel": Complaint.channel,
    "work_order_no": Complaint.work_order_no,
    "estate": _estate.name,
    "category": _category.code,
    "status": Complaint.status,
    "reply_due": Complaint.reply_due,
}


def _conditions(f: ComplaintFilter, *, on: date, search_drives: bool = True) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    for values, vocab, label, field in ((f.channels, COMPLAINT_CHANNELS, "来源渠道", "channels"),
                                        (f.statuses, COMPLAINT_STATUSES, "办理状态", "statuses")):
        unknown = [v for v in values if v not in vocab]
        if unknown:
            raise ValidationError(f"未知的{label}：{'、'.join(unknown)}。", field=field)
    if f.channels:
        conds.append(Complaint.channel.in_(f.channels))
    if f.statuses:
        conds.append(Complaint.status.in_(f.statuses))
    if f.category_ids:
        conds.append(Complaint.category_id.in_(f.category_ids))
    if f.street_ids:
        conds.append(Complaint.street_id.in_(f.street_ids))
    if f.estate_ids:
        conds.append(Complaint.estate_id.in_(f.estate_ids))
    if f.received_from and f.received_to and f.received_to < f.received_from:
        raise ValidationError("结束日期不能早于开始日期。", field="received_to")
    if f.received_from is not None:
        conds.append(Complaint.received_at >= day_start(f.received_from))
    if f.received_to is not None:
        conds.append(Complaint.received_at < day_start(f.received_to + timedelta(days=1)))
    if f.callback_from and f.callback_to and f.callback_to < f.callback_from:
        raise ValidationError("结束日期不能早于开始日期。", field="callback_to")
    if f.callback_from is not None:
        conds.append(Complaint.callback_on >= f.callback_from)
    if f.callback_to is not None:
        conds.append(Complaint.callback_on <= f.callback_to)
    if f.dissatisfied:
        conds.append(Complaint.satisfaction == DISSATISFIED)
    if f.overdue:
        conds += [Complaint.reply_due < on, Complaint.status != "已回复"]
    if f.repeat:
        firsts = select(Complaint.repeat_of_id).where(Complaint.repeat_of_id.is_not(None))
        conds.append(Complaint.repeat_of_id.is_not(None) | Complaint.id.in_(firsts))
    matching = search.matches("complaints_fts", f.query, drives=search_drives)
    if matching is not None:
        conds.append(matching)
    return conds


@requires("view")
def count_complaints(ctx: AppContext, f: ComplaintFilter) -> int:
    """How many complaints the filter selects in the current view (reads the complaints table and its indexes)."""
    with ctx.db.session() as s:
        in_view = _in_view(ctx, s)
        if not in_view and replace(f, query="").is_empty():
            hits = search.index_hits(s, "complaints_fts", f.query)  # a search alone: counted in the index
            if hits is not None:
                return hits
        stmt = select(func.count()).select_from(Complaint).where(*_conditions(f, on=clock.today()), *in_view)
        return int(s.scalar(stmt) or 0)


def _in_view(ctx: AppContext, s: Session) -> list[ColumnElement[bool]]:
    # Complaints not matched to an estate yet stay in every view: the station has to see them to assign them.
    return where_in_view(ctx, s, Complaint.estate_id, include_unassigned=True)


def _columns() -> Select:
    return (
        select(Complaint.id, Complaint.received_at, Complaint.channel, Complaint.work_order_no,
               Complaint.complainant_name, Complaint.complainant_phone, _street.name, _estate.name,
               Complaint.address, _category.code, _category.name, Complaint.content, Complaint.reply_due,
               Complaint.status, Complaint.repeat_of_id, Case.number, Case.status)
        .outerjoin(_category, _category.id == Complaint.category_id)
        .outerjoin(_estate, _estate.id == Complaint.estate_id)
        .outerjoin(_street, _street.id == Complaint.street_id)
        .outerjoin(Case, Case.id == Complaint.case_id)
    )


# Sort keys whose column has an index to walk in order.
INDEXED_SORTS = frozenset({"received_at", "work_order_no"})


def _order(sort: str, descending: bool) -> list[Any]:
    if sort not in SORT_KEYS:
        raise ValidationError(f"无法按“{sort}”排序。", field="sort")
    key = SORT_KEYS[sort]
    return [key.desc(), Complaint.id.desc()] if descending else [key.asc(), Complaint.id.asc()]


def _rows_statement(f: ComplaintFilter, *, on: date, sort: str, descending: bool,
                    extra: Sequence[ColumnElement[bool]] = ()) -> Select:
    return _columns().where(*_conditions(f, on=on), *extra).order_by(*_order(sort, descending))


def _window_ids(s: Session, f: ComplaintFilter, *, on: date, sort: str, descending: bool, offset: int,
                limit: int, extra: Sequence[ColumnElement[bool]] = ()) -> list[int]:
    """Ids of one window, sorted on narrow rows: a search can match tens of thousands of complaints, and
    sorting them with their texts and joins costs ten times more than sorting ids and one key. A search with many
    hits walks the sort's index instead of sorting them (search.walk_sort_index)."""
    drives = not (sort in INDEXED_SORTS and search.walk_sort_index(
        s, "complaints_fts", f.query, wanted=max(0, offset) + max(0, limit)))
    stmt = (select(Complaint.id).where(*_conditions(f, on=on, search_drives=drives), *extra)
            .order_by(*_order(sort, descending)))
    if sort == "estate":
        stmt = stmt.outerjoin(_estate, _estate.id == Complaint.estate_id)
    elif sort == "category":
        stmt = stmt.outerjoin(_category, _category.id == Complaint.category_id)
    return [int(i) for i in s.scalars(stmt.offset(max(0, offset)).limit(max(0, limit)))]


def _to_rows(s: Session, rows: Sequence[Any], *, on: date,
             reveal_personal: bool) -> list[ComplaintRow]:
    sizes = group_sizes(s, [int(r[14] or r[0]) for r in rows])
    calendar = load_calendar(s)
    out = []
    for r in rows:
        (cid, received, channel, order_no, name, phone, street, estate, address, code, cat, content, due,
         status, repeat_of, case_number, case_status) = tuple[Any, ...](r)
        out.append(ComplaintRow(
            id=int(cid), received_at=to_local(received),
            channel=str(channel), work_order_no=str(order_no or ""),
            complainant_name=str(name or "") if reveal_personal else mask_name(name),
            complainant_phone=str(phone or "") if reveal_personal else mask_phone(phone),
            street=str(street or ""), estate=str(estate or ""), address=str(address or ""),
            # Rows are read, never saved back: the content is masked whenever the name column is.
            category=f"{code} {cat}" if code else "",
            content=str(content or "") if reveal_personal else mask_free_text(content, (name,)),
            reply_due=due, status=str(status),
            overdue=is_overdue(str(status), due, on),
            group_size=sizes.get(int(repeat_of or cid), 1),
            repeat_of_id=repeat_of,
            case_number=str(case_number or ""),
            flag=reply_flag(str(status), case_status),
            reply_due_note=calendar.note_for(due),
        ))
    return out


@requires("view")
def fetch_window(ctx: AppContext, f: ComplaintFilter, *, sort: str = DEFAULT_SORT, descending: bool = True,
                 offset: int = 0, limit: int = 200, reveal_personal: bool = False) -> list[ComplaintRow]:
    """Rows offset..offset+limit of the filtered list in the given order (unmasked rows only by role, audited)."""
    if reveal_personal:
        privacy.unmask(ctx, entity="complaints", count=limit)
    on = clock.today()
    with ctx.db.session() as s:
        ids = _window_ids(s, f, on=on, sort=sort, descending=descending, offset=offset, limit=limit,
                          extra=_in_view(ctx, s))
        if not ids:
            return []
        by_id = {r[0]: r for r in s.execute(_columns().where(Complaint.id.in_(ids)))}
        return _to_rows(s, [by_id[i] for i in ids if i in by_id], on=on, reveal_personal=reveal_personal)


@requires("view")
def iter_rows(ctx: AppContext, f: ComplaintFilter, *, sort: str = DEFAULT_SORT, descending: bool = True,
              chunk: int = 2000, reveal_personal: bool = False) -> Iterator[ComplaintRow]:
    """Every row of the filtered list, streamed in chunks (for exports; the export audits any unmasking)."""
    if reveal_personal:
        require(ctx, "view_personal")
    on = clock.today()
    with ctx.db.session() as s:
        result = s.execute(_rows_statement(f, on=on, sort=sort, descending=descending, extra=_in_view(ctx, s))
                           .execution_options(yield_per=chunk))
        for part in result.partitions():
            yield from _to_rows(s, part, on=on, reveal_personal=reveal_personal)


def describe_filter(ctx: AppContext, f: ComplaintFilter) -> list[str]:
    """The filter in words for the export's subtitle (Chinese, names not ids)."""
    parts: list[str] = []
    with ctx.db.session() as s:
        parts += view_phrase(ctx, s)

        def names(model: type, ids: tuple[int, ...]) -> str:
            return "、".join(s.scalars(select(model.name).where(model.id.in_(ids))))  # type: ignore[attr-defined]

        if f.channels:
            parts.append("渠道：" + "、".join(f.channels))
        if f.statuses:
            parts.append("状态：" + "、".join(f.statuses))
        if f.category_ids:
            parts.append("类别：" + names(Category, f.category_ids))
        if f.street_ids:
            parts.append("街镇：" + names(Street, f.street_ids))
        if f.estate_ids:
            parts.append("小区：" + names(Estate, f.estate_ids))
    if f.received_from or f.received_to:
        parts.append(f"受理日期：{f.received_from or '不限'} 至 {f.received_to or '不限'}")
    if f.callback_from or f.callback_to:
        parts.append(f"回访日期：{f.callback_from or '不限'} 至 {f.callback_to or '不限'}")
    if f.dissatisfied:
        parts.append("回访不满意")
    if f.overdue:
        parts.append("答复逾期")
    if f.repeat:
        parts.append("重复投诉")
    if f.query.strip():
        parts.append(f"搜索：{f.query.strip()}")
    return parts


EXPORT_COLUMNS = (
    Column("受理时间", 17, "datetime"), Column("来源渠道", 10), Column("工单号", 14), Column("投诉人", 8),
    Column("联系电话", 14), Column("街镇", 12), Column("小区", 16), Column("地址", 24), Column("类别", 20),
    Column("诉求内容", 50), Column("答复期限", 12, "date"), Column("状态", 8), Column("答复逾期", 8),
    Column("重复组件数", 10, "int"), Column("关联案件", 16), Column("提示", 16),
    *DETAIL_COLUMNS,  # reply, callback and repeat group: every column a clerk needs (issue 21)
)


def _export_row(r: ComplaintRow, more: tuple[Any, ...], reveal_personal: bool) -> tuple[Any, ...]:
    address, content = shown_address(r.address, r.content, reveal_personal=reveal_personal)
    return (r.received_at, r.channel, r.work_order_no, r.complainant_name, r.complainant_phone, r.street, r.estate,
            address, r.category, content, r.reply_due, r.status, "是" if r.overdue else "", r.group_size,
            r.case_number, r.flag, *more)


@requires("export")
def export_complaints(ctx: AppContext, f: ComplaintFilter, path: str | os.PathLike[str], *,
                      reveal_personal: bool = False, sort: str = DEFAULT_SORT, descending: bool = True,
                      progress: Progress | None = None, cancel: Cancel | None = None) -> int:
    """Write the filtered list to an Excel file (personal data masked by default); returns the row count.

    progress/cancel: see xlsx_export.write_table (a cancel raises ExportCancelled and writes nothing)."""
    if reveal_personal:
        privacy.unmask(ctx, entity="complaints")
    subtitle = export_subtitle(describe_filter(ctx, f), local_now())
    with ctx.db.session() as s:
        listed = iter_rows(ctx, f, sort=sort, descending=descending, reveal_personal=reveal_personal)
        rows = (_export_row(r, more, reveal_personal)
                for r, more in with_details(s, listed, reveal_personal=reveal_personal))
        count = write_table(path, title="诉件台账", subtitle=subtitle, columns=EXPORT_COLUMNS, rows=rows,
                            sheet_name="诉件台账", progress=progress, cancel=cancel)
    audit.exported(ctx, "complaints", count, personal=reveal_personal)
    return count


def _pick(kind: str, wanted: Sequence[str], options: dict[str, int]) -> tuple[int, ...]:
    ids = []
    for name in wanted:
        if name.strip() not in options:
            raise ValidationError(f"未知的{kind}“{name}”，请检查名称（可在“基础数据”中查看）。", field=kind)
        ids.append(options[name.strip()])
    return tuple(dict.fromkeys(ids))


def filter_from_names(ctx: AppContext, *, channels: Sequence[str] = (), statuses: Sequence[str] = (),
                      categories: Sequence[str] = (), streets: Sequence[str] = (), estates: Sequence[str] = (),
                      received_from: date | None = None, received_to: date | None = None, query: str = "",
                      overdue: bool = False, repeat: bool = False) -> ComplaintFilter:
    """A ComplaintFilter from names as typed on the command line (category code or name, estate name or alias)."""
    for value, vocab, label in ((channels, COMPLAINT_CHANNELS, "来源渠道"), (statuses, COMPLAINT_STATUSES, "办理状态")):
        for v in value:
            if v not in vocab:
                raise ValidationError(f"未知的{label}“{v}”。可选：{'、'.join(vocab)}", field=label)
    with ctx.db.session() as s:
        cats = s.execute(select(Category.id, Category.code, Category.name)).all()
        cat_ids = _pick("类别", categories, {c: i for i, c, _n in cats} | {n: i for i, _c, n in cats})
        sts = s.execute(select(Street.id, Street.name, Street.short_name)).all()
        street_ids = _pick("街镇", streets, {n: i for i, n, _s in sts} | {sn: i for i, _n, sn in sts})
        names = {n: int(i) for i, n in s.execute(select(Estate.id, Estate.name))}
        names |= {a: int(i) for i, a in s.execute(select(EstateAlias.estate_id, EstateAlias.alias))}
        estate_ids = _pick("小区", estates, names)
    f = ComplaintFilter(channels=tuple(channels), statuses=tuple(statuses), category_ids=cat_ids,
                        street_ids=street_ids, estate_ids=estate_ids, received_from=received_from,
                        received_to=received_to, query=query, overdue=overdue, repeat=repeat)
    _conditions(f, on=clock.today())  # the same checks the list makes (dates in order), before any file is written
    return f
