"""What a meeting discusses: cases looked up by number and complaint repeat groups, shown without personal data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import blank_rooms, mask_free_text
from models import search
from models.cases import Case
from models.complaints import Complaint
from models.reference import Category, Estate

SUMMARY_CHARS = 40  # minutes and the dialog show the gist of a complaint, not its whole text
MAX_CHAIN = 20  # a repeat chain is one link deep by design; the cap only guards against a corrupt loop


@dataclass(frozen=True)
class CaseItem:
    """A case discussed in a meeting, as the minutes list it."""

    id: int
    number: str
    category: str
    estate: str
    status: str


@dataclass(frozen=True)
class ComplaintItem:
    """A complaint discussed in a meeting: no complainant name, phone or address (minutes are shared)."""

    id: int
    group_id: int  # the first complaint of its repeat group (its own id when it is not a repeat)
    work_order_no: str | None
    received_on: date
    estate: str
    category: str
    summary: str


@dataclass(frozen=True)
class RepeatGroup:
    """A complaint with its repeats, offered for a case clinic (研讨会诊)."""

    root_id: int
    work_order_no: str | None
    received_on: date
    estate: str
    category: str
    summary: str
    size: int


def summarize(text: str | None, names: Iterable[str | None] = ()) -> str:
    """The text on one line, cut to SUMMARY_CHARS characters, with room numbers blanked out and phone numbers and
    the given names (the complainant's) masked."""
    flat = " ".join((text or "").split())
    # Minutes are shared with residents' reps: a complaint's text often names the complainant, their flat or phone.
    flat = mask_free_text(blank_rooms(flat), names, blank_numbers=True)
    return flat if len(flat) <= SUMMARY_CHARS else flat[: SUMMARY_CHARS - 1] + "…"


def _category_label(code: str | None, name: str | None) -> str:
    return f"{code} {name}" if code else ""


# ---- cases ----------------------------------------------------------------------------------------------------


def _case_query() -> Select[int, str, str, str, str, str]:
    return (select(Case.id, Case.number, Category.code, Category.name, Estate.name, Case.status)
            .join(Category, Case.category_id == Category.id).join(Estate, Case.estate_id == Estate.id))


def case_items(session: Session, case_ids: Iterable[int]) -> list[CaseItem]:
    """Cases by id, in case-number order."""
    ids = list(case_ids)
    if not ids:
        return []
    rows = session.execute(_case_query().where(Case.id.in_(ids)).order_by(Case.number))
    return [CaseItem(i, num, _category_label(code, cat), est, st) for i, num, code, cat, est, st in rows]


def resolve_case_numbers(session: Session, numbers: Sequence[str]) -> list[int]:
    """Case ids for the numbers, in the given order; an unknown number raises with the number in the message."""
    wanted = [n.strip() for n in numbers if n and n.strip()]
    found = dict(session.execute(select(Case.number, Case.id).where(Case.number.in_(wanted))).all())
    for number in wanted:
        if number not in found:
            raise ValidationError(f"没有编号为“{number}”的案件，请核对案件编号（例如 2025-长征-0037）。", field="cases")
    return list(dict.fromkeys(found[n] for n in wanted))


@requires("view")
def find_case(ctx: AppContext, number: str) -> CaseItem:
    """The case with this number, for the dialog's 添加 button; NotFoundError names the number."""
    if not number.strip():
        raise ValidationError("请输入案件编号，例如 2025-长征-0037。", field="cases")
    with ctx.db.session() as s:
        [case_id] = resolve_case_numbers(s, [number])
        return case_items(s, [case_id])[0]


@requires("view")
def case_number_suggestions(ctx: AppContext, text: str, *, limit: int = 20) -> list[str]:
    """Case numbers containing the typed text (“0037”, “长征-00”), newest first, for type-ahead."""
    text = text.strip()
    if not text:
        return []
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    stmt = select(Case.number).where(Case.number.like(pattern, escape="\\"))
    # The case search index narrows 100,000 cases to the few holding the text; LIKE then keeps number matches.
    found = search.matches("cases_fts", text)
    if found is not None:
        stmt = stmt.where(found)
    with ctx.db.session() as s:
        return list(s.scalars(stmt.order_by(Case.year.desc(), Case.number.desc()).limit(limit)))


# ---- complaint groups -----------------------------------------------------------------------------------------


def group_root(session: Session, complaint_id: int) -> int:
    """The first complaint of the group a complaint belongs to (follows repeat_of_id)."""
    current = complaint_id
    for _ in range(MAX_CHAIN):
        parent = session.scalar(select(Complaint.repeat_of_id).where(Complaint.id == current))
        if parent is None or parent == current:
            return current
        current = parent
    return current


def group_member_ids(session: Session, root_id: int) -> list[int]:
    """Every complaint of a repeat group: the root and the complaints pointing at it, oldest first."""
    stmt = (select(Complaint.id).where(or_(Complaint.id == root_id, Complaint.repeat_of_id == root_id))
            .order_by(Complaint.received_at, Complaint.id))
    return list(session.scalars(stmt))


def resolve_work_order(session: Session, work_order_no: str) -> int:
    """The id of the complaint with this 12345 work-order number; ValidationError if there is none."""
    number = work_order_no.strip()
    if not number:
        raise ValidationError("请输入 12345 工单号。", field="complaints")
    found = session.scalar(select(Complaint.id).where(Complaint.work_order_no == number))
    if found is None:
        raise ValidationError(f"没有工单号为“{number}”的诉件，请核对 12345 工单号。", field="complaints")
    return found


def complaint_items(session: Session, complaint_ids: Iterable[int]) -> list[ComplaintItem]:
    """Complaints by id, grouped by repeat group (group's first complaint first), oldest first within a group."""
    ids = list(complaint_ids)
    if not ids:
        return []
    stmt = (select(Complaint.id, Complaint.repeat_of_id, Complaint.work_order_no, Complaint.received_at,
                   Estate.name, Category.code, Category.name, Complaint.content, Complaint.complainant_name)
            .outerjoin(Estate, Complaint.estate_id == Estate.id)
            .outerjoin(Category, Complaint.category_id == Category.id)
            .where(Complaint.id.in_(ids)))
    items = [ComplaintItem(i, rep or i, wo, at.date(), est or "", _category_label(code, cat),
                           summarize(content, (name,)))
             for i, rep, wo, at, est, code, cat, content, name in session.execute(stmt)]
    first_seen: dict[int, date] = {}
    for item in sorted(items, key=lambda c: c.received_on):
        first_seen.setdefault(item.group_id, item.received_on)
    return sorted(items, key=lambda c: (first_seen[c.group_id], c.group_id, c.received_on, c.id))


@requires("view")
def find_complaint_group(ctx: AppContext, *, work_order_no: str | None = None,
                         complaint_id: int | None = None) -> list[ComplaintItem]:
    """The whole repeat group of the complaint with that work-order number (or id), for the dialog."""
    with ctx.db.session() as s:
        if complaint_id is None:
            complaint_id = resolve_work_order(s, work_order_no or "")
        elif s.get(Complaint, complaint_id) is None:
            raise NotFoundError("该诉件已不存在，请刷新后重试。")
        return complaint_items(s, group_member_ids(s, group_root(s, complaint_id)))


def expand_groups(session: Session, complaint_ids: Iterable[int]) -> list[int]:
    """The given complaints plus every other member of their repeat groups (linking a group links all)."""
    result: dict[int, None] = {}
    for cid in complaint_ids:
        if session.get(Complaint, cid) is None:
            raise ValidationError("所选诉件已不存在，请刷新后重新选择。", field="complaints")
        for member in group_member_ids(session, group_root(session, cid)):
            result[member] = None
    return list(result)


@requires("view")
def repeat_groups(ctx: AppContext, *, limit: int = 100) -> list[RepeatGroup]:
    """The most recently active repeat groups (a complaint with at least one repeat), for a case clinic pick."""
    repeat = aliased(Complaint)
    with ctx.db.session() as s:
        counts = (select(repeat.repeat_of_id.label("root"), func.count().label("n"),
                         func.max(repeat.received_at).label("last"))
                  .where(repeat.repeat_of_id.is_not(None)).group_by(repeat.repeat_of_id)
                  .order_by(func.max(repeat.received_at).desc()).limit(limit).subquery())
        stmt = (select(Complaint.id, Complaint.work_order_no, Complaint.received_at, Estate.name, Category.code,
                       Category.name, Complaint.content, counts.c.n, Complaint.complainant_name)
                .join(counts, counts.c.root == Complaint.id)
                .outerjoin(Estate, Complaint.estate_id == Estate.id)
                .outerjoin(Category, Complaint.category_id == Category.id)
                .order_by(counts.c.last.desc()))
        return [RepeatGroup(i, wo, at.date(), est or "", _category_label(code, cat), summarize(content, (name,)),
                            n + 1)
                for i, wo, at, est, code, cat, content, n, name in s.execute(stmt)]
