"""The case book list (案件台账): combined filters, counts and windows of rows from indexed queries.

Deadlines, precisely:
- A case's rectification deadline is *running* only while the case is being worked on, i.e. its status is in
  DEADLINE_STATUSES (登记, 核查, 立案, 责令整改, 复查). It stops for 结案 and 不予立案 (finished), for 挂账 (a
  deliberate hold with its own review date) and for 移交 (handed to another department; the referral's reply
  deadline is tracked on the referral instead).
- overdue (已逾期): running and deadline < today.
- due soon (3个工作日内到期): running and today <= deadline <= the date 3 working days after today on the
  station's calendar (controllers.core.workdays), so a deadline after a weekend or a public holiday still counts
  when only 3 working days separate it from today; overdue cases are not "due soon".
- days_left: None unless running with a deadline; otherwise working days from today to the deadline (0 = due
  today), and for an overdue case minus the working days since the deadline (at least -1, so a deadline that
  passed on a weekend still reads as overdue).
- referred (已移交): status 移交, or a referral of the case still waiting for its reply (待回复).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.core.workdays import WorkCalendar, load_calendar
from controllers.station.views import where_in_view
from models import search
from models.cases import Case, Referral
from models.enums import CASE_SOURCES, CASE_STATUSES
from models.planner import unindexed
from models.reference import Category, Estate, Staff, Street

# The vocabularies the list's pickers offer (the ui layer reads them here, never from models).
STATUSES: tuple[str, ...] = CASE_STATUSES
SOURCES: tuple[str, ...] = CASE_SOURCES
DEADLINE_STATUSES = ("登记", "核查", "立案", "责令整改", "复查")
DUE_SOON_WORKING_DAYS = 3
DEFAULT_SORT = "found_date"


@dataclass(frozen=True)
class CaseFilter:
    """What the user asked to see; empty tuples and None mean "no restriction". All conditions combine (AND)."""

    statuses: tuple[str, ...] = ()
    category_ids: tuple[int, ...] = ()
    street_ids: tuple[int, ...] = ()
    estate_ids: tuple[int, ...] = ()
    officer_ids: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    found_from: date | None = None
    found_to: date | None = None
    overdue: bool = False
    due_soon: bool = False
    on_hold: bool = False
    referred: bool = False
    query: str = ""

    def is_empty(self) -> bool:
        return replace(self, query=self.query.strip()) == CaseFilter()


@dataclass(frozen=True)
class CaseRow:
    """One line of the case book."""

    id: int
    number: str
    status: str
    category: str
    estate: str
    place: str
    found_date: date
    deadline: date | None
    days_left: int | None
    officer: str
    source: str
    street: str = ""
    deadline_note: str = ""  # ESTIMATE_NOTE when the deadline runs past the calendar's covered years


_category = aliased(Category)
_estate = aliased(Estate)
_officer = aliased(Staff)

_STATUS_ORDER = case({s: i for i, s in enumerate(CASE_STATUSES)}, value=Case.status, else_=len(CASE_STATUSES))

# Sort key -> SQL expression; every column of the list has one. Ties are broken by case id (same direction).
SORT_KEYS: dict[str, Any] = {
    "number": Case.number,
    "status": _STATUS_ORDER,
    "category": _category.code,  # categories sort by their code (C01...), the order of the plan
    "estate": _estate.name,
    "place": Case.place,
    "found_date": Case.found_date,
    "deadline": Case.deadline,
    "officer": _officer.name,
    "source": Case.source,
}


def _conditions(f: CaseFilter, *, calendar: WorkCalendar | None, on: date,
                search_drives: bool = True) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.statuses:
        unknown = [s for s in f.statuses if s not in CASE_STATUSES]
        if unknown:
            raise ValidationError(f"未知的案件状态：{'、'.join(unknown)}。", field="statuses")
        if not (f.overdue or f.due_soon):
            conds.append(Case.status.in_(f.statuses))
    if f.category_ids:
        conds.append(Case.category_id.in_(f.category_ids))
    if f.street_ids:
        # A street holds a tenth of a station's cases: with the few open ones asked for (see _few_open), PostgreSQL
        # ANDed the street's 10,800 entries of the (year, street, seq) key with the 900 of (status, deadline) (1.2 of
        # 1.3 ms); the street is checked on those few rows instead.
        street = unindexed(Case.street_id) if _few_open(f) else Case.street_id
        conds.append(street.in_(f.street_ids))
    if f.estate_ids:
        conds.append(Case.estate_id.in_(f.estate_ids))
    if f.officer_ids:
        conds.append(Case.officer_id.in_(f.officer_ids))
    if f.sources:
        conds.append(Case.source.in_(f.sources))
    # With a running deadline asked for, the (status, deadline) index lists the few open cases: no date range may
    # lead SQLite's planner away from it (see _few_open).
    found = unindexed(Case.found_date) if _few_open(f) else Case.found_date
    if f.found_from is not None:
        conds.append(found >= f.found_from)
    if f.found_to is not None:
        conds.append(found <= f.found_to)
    if f.overdue or f.due_soon:
        # One list of statuses (the chosen ones that run a deadline): a second IN on the same column hides from
        # SQLite's planner that the (status, deadline) index narrows to a few open cases.
        running = tuple(s for s in f.statuses if s in DEADLINE_STATUSES) if f.statuses else DEADLINE_STATUSES
        conds.append(Case.status.in_(running or ("",)))
    if f.overdue:
        conds.append(Case.deadline < on)
    if f.due_soon:
        cal = calendar or WorkCalendar()
        conds += [Case.deadline >= on, Case.deadline <= cal.add_working_days(on, DUE_SOON_WORKING_DAYS)]
    if f.on_hold:
        conds.append(Case.status == "挂账")
    if f.referred:
        waiting = select(Referral.case_id).where(Referral.status == "待回复", Referral.case_id.is_not(None))
        conds.append((Case.status == "移交") | Case.id.in_(waiting))
    matching = search.matches("cases_fts", f.query, drives=search_drives)
    if matching is not None:
        conds.append(matching)
    return conds


def _calendar_if_needed(s: Session, f: CaseFilter) -> WorkCalendar | None:
    return load_calendar(s) if f.due_soon else None


def _few_open(f: CaseFilter) -> bool:
    """Overdue and due-soon cases are few (a case runs a deadline for days or weeks of the years a ledger spans), and
    the (status, deadline) index lists exactly them; SQLite's planner, which knows only the average status, would
    rather walk a found-date range of half the table (38 ms against 0.6 ms at 100,000 cases), or the deadline index
    in order for the sort (150 ms), so those terms are unindexed (models.planner) and the few are sorted."""
    return f.overdue or f.due_soon


def count_in_session(s: Session, f: CaseFilter, *, on: date | None = None,
                     extra: Sequence[ColumnElement[bool]] = ()) -> int:
    """`extra`: more conditions, e.g. the desk's view (controllers.station.views.where_in_view)."""
    on = on or clock.today()
    if not extra and replace(f, query="").is_empty():
        hits = search.index_hits(s, "cases_fts", f.query)  # a search alone: counted in the index
        if hits is not None:
            return hits
    conds = _conditions(f, calendar=_calendar_if_needed(s, f), on=on)
    stmt = select(func.count()).select_from(Case).where(*conds, *extra)
    return int(s.scalar(stmt) or 0)


@requires("view")
def count_cases(ctx: AppContext, f: CaseFilter) -> int:
    """How many cases the filter selects in the current view (no joins: reads the cases table and its indexes)."""
    with ctx.db.session() as s:
        return count_in_session(s, f, extra=where_in_view(ctx, s, Case.estate_id))


# Sort keys that need a joined table, and the join.
_SORT_JOINS = {
    "category": (_category, _category.id == Case.category_id),
    "estate": (_estate, _estate.id == Case.estate_id),
    "officer": (_officer, _officer.id == Case.officer_id),
}
_ROW_COLUMNS = (Case.id, Case.number, Case.status, _category.name, _estate.name, Case.place, Case.found_date,
                Case.deadline, _officer.name, Case.source, Street.name)


# Sort keys whose column has an index to walk in order (see search.walk_sort_index).
INDEXED_SORTS = frozenset({"number", "found_date", "deadline"})


def ids_statement(f: CaseFilter, *, calendar: WorkCalendar | None, on: date, sort: str,
                   descending: bool, extra: Sequence[ColumnElement[bool]] = (), walk: bool = False) -> Select[Any]:
    """The ordered ids only: the sort reads the cases table (one join at most), never the row's names.
    `walk`: a search with many hits, read by walking the sort's index (search.walk_sort_index)."""
    if sort not in SORT_KEYS:
        raise ValidationError(f"无法按“{sort}”排序。", field="sort")
    key = SORT_KEYS[sort]
    if _few_open(f) and sort in INDEXED_SORTS:
        key = unindexed(key)
    order = [key.desc(), Case.id.desc()] if descending else [key.asc(), Case.id.asc()]
    drives = not (walk and sort in INDEXED_SORTS)
    stmt = select(Case.id).where(*_conditions(f, calendar=calendar, on=on, search_drives=drives), *extra)
    stmt = stmt.order_by(*order)
    if sort in _SORT_JOINS:
        target, onclause = _SORT_JOINS[sort]
        stmt = stmt.outerjoin(target, onclause)
    return stmt


def _rows_by_id(s: Session, ids: list[int]) -> dict[int, tuple[object, ...]]:
    stmt = (
        select(*_ROW_COLUMNS)
        .join(_category, _category.id == Case.category_id)
        .join(_estate, _estate.id == Case.estate_id)
        .join(Street, Street.id == Case.street_id)
        .outerjoin(_officer, _officer.id == Case.officer_id)
        .where(Case.id.in_(ids))
    )
    return {int(r[0]): tuple(r) for r in s.execute(stmt)}


class DaysLeft:
    """Working days left per deadline, memoised: a list shares a few hundred distinct deadlines."""

    def __init__(self, calendar: WorkCalendar, on: date) -> None:
        self._calendar = calendar
        self._on = on
        self._memo: dict[date, int] = {}

    def note(self, deadline: date | None) -> str:
        return self._calendar.note_for(deadline)

    def __call__(self, status: str, deadline: date | None) -> int | None:
        if deadline is None or status not in DEADLINE_STATUSES:
            return None
        days = self._memo.get(deadline)
        if days is None:
            if deadline >= self._on:
                days = self._calendar.working_days_between(self._on, deadline)
            else:
                days = -max(1, self._calendar.working_days_between(deadline, self._on))
            self._memo[deadline] = days
        return days


def _to_row(r: tuple[object, ...], days_left: DaysLeft) -> CaseRow:
    (cid, number, status, category, estate, place, found, deadline, officer, source, street) = r
    return CaseRow(
        id=int(cid),  # type: ignore[call-overload]
        number=str(number), status=str(status), category=str(category), estate=str(estate),
        place=str(place or ""), found_date=found, deadline=deadline,  # type: ignore[arg-type]
        days_left=days_left(str(status), deadline),  # type: ignore[arg-type]
        officer=str(officer or ""), source=str(source), street=str(street),
        deadline_note=days_left.note(deadline),  # type: ignore[arg-type]
    )


@requires("view")
def fetch_window(ctx: AppContext, f: CaseFilter, *, sort: str = DEFAULT_SORT, descending: bool = True,
                 offset: int = 0, limit: int = 200) -> list[CaseRow]:
    """Rows offset..offset+limit of the filtered list in the given order."""
    on = clock.today()
    with ctx.db.session() as s:
        calendar = load_calendar(s)
        walk = search.walk_sort_index(s, "cases_fts", f.query, wanted=max(0, offset) + max(0, limit))
        stmt = ids_statement(f, calendar=calendar, on=on, sort=sort, descending=descending,
                              extra=where_in_view(ctx, s, Case.estate_id), walk=walk)
        ids: list[int] = list(s.scalars(stmt.offset(max(0, offset)).limit(max(0, limit))))
        rows = _rows_by_id(s, ids) if ids else {}
    days_left = DaysLeft(calendar, on)
    return [_to_row(rows[i], days_left) for i in ids if i in rows]


@requires("view")
def iter_rows(ctx: AppContext, f: CaseFilter, *, sort: str = DEFAULT_SORT, descending: bool = True,
              chunk: int = 2000) -> Iterator[CaseRow]:
    """Every row of the filtered list, streamed in chunks of ids from one cursor (for exports at 100k)."""
    on = clock.today()
    with ctx.db.session() as s:
        calendar = load_calendar(s)
        days_left = DaysLeft(calendar, on)
        stmt = ids_statement(f, calendar=calendar, on=on, sort=sort, descending=descending,
                              extra=where_in_view(ctx, s, Case.estate_id))
        result = s.execute(stmt.execution_options(yield_per=chunk))
        for part in result.partitions():
            ids = [int(r[0]) for r in part]
            rows = _rows_by_id(s, ids)
            for i in ids:
                if i in rows:
                    yield _to_row(rows[i], days_left)


@requires("view")
def position_of(ctx: AppContext, f: CaseFilter, case_id: int, *, sort: str = DEFAULT_SORT,
                descending: bool = True, near: int = 0, span: int = 400) -> int | None:
    """Row of a case in the list when it lies within `span` rows of `near` (to keep a selection), else None."""
    start = max(0, near - span // 2)
    ids = [r.id for r in fetch_window(ctx, f, sort=sort, descending=descending, offset=start, limit=span)]
    return start + ids.index(case_id) if case_id in ids else None
