"""The 12345 return file (回复回传): hotline work orders' replies and callbacks, in the platform's own column names.

One row per 12345 work order touched in the period (received, answered or called back in it). The columns are the
platform's (the import's header synonyms show what it calls them); a station can rename any of them, and the
renaming is remembered (settings key `return_layout`), as the import remembers a layout. Each exported row is marked
as sent with the time and a digest of what went: a later change to the reply or the callback makes the digest
differ, and the row is offered again (待重发) without any editing path having to remember to flag it.

Nothing personal goes back: no name, phone or address column, and in the reply text phone and ID numbers, the
complainant's and every other personal name the ledger knows are masked (the digest is of the stored values).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, joinedload

from controllers.complaints.dissatisfied import count_dissatisfied_in
from controllers.complaints.import_rows import CHANNEL_12345
from controllers.core import audit
from controllers.core.clock import local_now, to_local, to_utc, utcnow
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import Period
from controllers.core.permissions import requires
from controllers.core.privacy import PersonalNames, blank_rooms, known_names, mask_free_text
from controllers.documents.xlsx_writer import Column, write_table
from controllers.station.settings import get_station_name
from models.admin import Setting
from models.complaints import Complaint

LAYOUT_KEY = "return_layout"
HEADER_MAX = 30
NOT_SENT, SENT, RESEND = "未发送", "已发送", "待重发"


@dataclass(frozen=True)
class ReturnField:
    """A column of the return file: our key, the issue's name for it, the platform's default header, its kind."""

    key: str
    label: str
    header: str
    width: int
    kind: str = "text"


FIELDS: tuple[ReturnField, ...] = (
    ReturnField("work_order_no", "工单号", "工单编号", 18),
    ReturnField("result", "办理结果", "办理结果", 10),
    ReturnField("reply", "答复内容", "回复内容", 50),
    ReturnField("replied_on", "答复时间", "答复时间", 12, "date"),
    ReturnField("unit", "承办单位", "承办单位", 18),
    ReturnField("callback_on", "回访时间", "回访时间", 12, "date"),
    ReturnField("satisfaction", "回访结果/满意度", "满意度", 10),
    ReturnField("case_number", "关联案件编号", "关联案件编号", 16),
    ReturnField("case_status", "案件状态", "案件状态", 10),
)
KEYS = tuple(f.key for f in FIELDS)
_BY_LABEL = {f.label: f for f in FIELDS} | {f.key: f for f in FIELDS}


@dataclass(frozen=True)
class ReturnResult:
    """What an export wrote: rows, how many were sent before (resent now), and the 不满意 count of the period."""

    rows: int
    resent: int
    dissatisfied: int
    path: str


# ---- the layout ------------------------------------------------------------------------------------------------


def _stored_layout(s: Session) -> dict[str, str]:
    row = s.get(Setting, LAYOUT_KEY)
    if row is None:
        return {}
    try:
        data = json.loads(row.value)
        return {str(k): str(v) for k, v in data.items() if k in KEYS and isinstance(v, str) and v.strip()}
    except (ValueError, TypeError, AttributeError):
        return {}  # a damaged setting is ignored: the platform's default headers take over


@requires("view")
def return_layout(ctx: AppContext) -> list[tuple[str, str]]:
    """(field label, header written) for every column, in file order: remembered headers, else the defaults."""
    with ctx.db.session() as s:
        stored = _stored_layout(s)
    return [(f.label, stored.get(f.key, f.header)) for f in FIELDS]


def parse_renames(pairs: Sequence[str]) -> dict[str, str]:
    """["答复内容=回复内容", ...] (a field's label or key = the header the platform expects) as {key: header}."""
    renames: dict[str, str] = {}
    for pair in pairs:
        label, sep, header = (pair or "").partition("=")
        field = _BY_LABEL.get(label.strip())
        if not sep or field is None:
            labels = "、".join(f.label for f in FIELDS)
            raise ValidationError(f"列设置“{pair}”无法识别。格式为“字段=表头”，字段可选：{labels}。", field="column")
        header = header.strip()
        if not header or len(header) > HEADER_MAX or any(ch in header for ch in "\r\n\t"):
            raise ValidationError(f"表头“{header}”应为 1 至 {HEADER_MAX} 个字的一行文字。", field="column")
        renames[field.key] = header
    return renames


@requires("export")
def set_return_layout(ctx: AppContext, renames: Mapping[str, str]) -> list[tuple[str, str]]:
    """Remember headers for some columns (others keep theirs); two columns with one header are refused."""
    with ctx.db.session() as s:
        merged = _stored_layout(s) | {k: v for k, v in renames.items() if k in KEYS}
        headers = [merged.get(f.key, f.header) for f in FIELDS]
        clash = next((h for h in headers if headers.count(h) > 1), None)
        if clash is not None:
            raise ValidationError(f"表头“{clash}”用在了两列上，请为每列设置不同的表头。", field="column")
        value = json.dumps(merged, ensure_ascii=False)
        row = s.get(Setting, LAYOUT_KEY)
        if row is None:
            s.add(Setting(key=LAYOUT_KEY, value=value))
        else:
            row.value = value
    return return_layout(ctx)


# ---- rows --------------------------------------------------------------------------------------------------------


REPLY_AT = KEYS.index("reply")


def _values(c: Complaint, unit: str) -> tuple[Any, ...]:
    """One row as stored (the digest is taken of this, so masking rules can change without a resend)."""
    case = c.case
    return (c.work_order_no, c.status, c.reply, c.replied_on, unit if c.reply else None, c.callback_on,
            c.satisfaction, case.number if case else None, case.status if case else None)


def _shown(values: tuple[Any, ...], names: PersonalNames) -> tuple[Any, ...]:
    """The row as the file writes it: every personal name the ledger knows and every phone number masked in the
    reply, even the complainant's own, which the platform sent us: whoever exports the file (a 督导 may) must not
    read them, and the platform has them already. Room numbers are blanked too: beside a masked name 502室 still
    points to a household."""
    reply = values[REPLY_AT]
    return (*values[:REPLY_AT], blank_rooms(mask_free_text(reply, names)) if reply else None, *values[REPLY_AT + 1:])


def digest(values: Sequence[Any]) -> str:
    """What went back, as a 40-character digest (the row is resent when it no longer matches)."""
    text = json.dumps([v.isoformat() if isinstance(v, date | datetime) else v for v in values], ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def send_state(c: Complaint, values: Sequence[Any]) -> str:
    if c.return_sent_at is None:
        return NOT_SENT
    return SENT if c.return_digest == digest(values) else RESEND


def _in_period(period: Period) -> Any:
    start = to_utc(datetime.combine(period.start, datetime.min.time()))
    end = to_utc(datetime.combine(period.end, datetime.max.time()))
    return or_(and_(Complaint.received_at >= start, Complaint.received_at <= end),
               and_(Complaint.replied_on >= period.start, Complaint.replied_on <= period.end),
               and_(Complaint.callback_on >= period.start, Complaint.callback_on <= period.end))


def _work_orders(s: Session, period: Period) -> Iterator[Complaint]:
    stmt = (select(Complaint).options(joinedload(Complaint.case))
            .where(Complaint.channel == CHANNEL_12345, Complaint.work_order_no.is_not(None), _in_period(period))
            .order_by(Complaint.received_at, Complaint.id))
    yield from s.scalars(stmt)


@dataclass(frozen=True)
class ReturnRow:
    """A work order as the 诉件台账's return preview lists it."""

    complaint_id: int
    work_order_no: str
    received_on: date
    state: str  # 未发送 / 已发送 / 待重发


@requires("view")
def return_rows(ctx: AppContext, period: Period) -> list[ReturnRow]:
    """The period's work orders with their send state (what --only-unsent would leave out is 已发送)."""
    unit = get_station_name(ctx)  # 承办单位
    with ctx.db.session() as s:
        return [ReturnRow(c.id, c.work_order_no or "", to_local(c.received_at).date(),
                          send_state(c, _values(c, unit))) for c in _work_orders(s, period)]


def _mark(ctx: AppContext, rows: Sequence[tuple[int, Sequence[Any]]]) -> None:
    """Mark rows sent now, with the digest of what went, in one transaction."""
    sent_at = utcnow()
    with ctx.db.session() as s:
        for complaint_id, values in rows:
            # A Core update: a sent mark is no edit of the complaint, so its version (the handling dialog's
            # conflict check) stays as it is.
            s.execute(update(Complaint).where(Complaint.id == complaint_id)
                      .values(return_sent_at=sent_at, return_digest=digest(values)))


@requires("export")
def mark_sent(ctx: AppContext, period: Period) -> int:
    """Mark the period's work orders as sent without writing a file: for replies a station already typed into the
    platform by hand before it used the return file, so --only-unsent does not send them twice. Returns how many."""
    unit = get_station_name(ctx)  # 承办单位
    with ctx.db.session() as s:
        rows = [(c.id, _values(c, unit)) for c in _work_orders(s, period)]
    _mark(ctx, rows)
    return len(rows)


@requires("export")
def export_returns(ctx: AppContext, period: Period, path: str | os.PathLike[str], *, only_unsent: bool = False,
                   renames: Mapping[str, str] | None = None) -> ReturnResult:
    """Write the return file, then mark its rows sent (one transaction, after the file is safely on disk: a
    failure in between leaves rows unmarked, so they go again, never marked without having gone)."""
    if renames:
        set_return_layout(ctx, renames)
    headers = dict(return_layout(ctx))
    columns = [Column(headers[f.label], f.width, f.kind) for f in FIELDS]
    unit = get_station_name(ctx)  # 承办单位
    with ctx.db.session() as s:
        names = known_names(s)
        picked: list[tuple[int, str, tuple[Any, ...]]] = []
        for c in _work_orders(s, period):
            values = _values(c, unit)
            state = send_state(c, values)
            if only_unsent and state == SENT:
                continue
            picked.append((c.id, state, values))
        dissatisfied = count_dissatisfied_in(s, period)
    subtitle = (f"期间：{period.label}　不满意 {dissatisfied} 件　"
                f"{'仅未发送和待重发' if only_unsent else '全部工单'}　导出时间：{local_now():%Y-%m-%d %H:%M}")
    count = write_table(path, title="12345 工单回复回传", subtitle=subtitle, columns=columns,
                        rows=(_shown(values, names) for _i, _state, values in picked), sheet_name="回复回传")
    _mark(ctx, [(complaint_id, values) for complaint_id, _state, values in picked])
    audit.exported(ctx, "complaints", count)
    return ReturnResult(rows=count, resent=sum(1 for _i, state, _v in picked if state == RESEND),
                        dissatisfied=dissatisfied, path=str(path))
