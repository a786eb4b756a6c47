"""Training statistics: sessions and attendees per quarter by kind, and property companies' attendance record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from controllers.core import clock
from controllers.core.clock import to_local, utcnow
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.trainings.common import kind_choices
from models.reference import PropertyCompany
from models.trainings import Training, TrainingAttendee, TrainingKind


@dataclass(frozen=True)
class QuarterRow:
    """One quarter: sessions and attendees per kind (in QuarterTable.kinds order) and the totals."""

    year: int
    quarter: int
    sessions: tuple[int, ...]
    attendees: tuple[int, ...]

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.quarter}季度"

    @property
    def total_sessions(self) -> int:
        return sum(self.sessions)

    @property
    def total_attendees(self) -> int:
        return sum(self.attendees)


@dataclass(frozen=True)
class QuarterTable:
    """Quarters newest first; every kind is a column even in quarters where it did not happen."""

    kinds: tuple[str, ...]
    rows: tuple[QuarterRow, ...]


@dataclass(frozen=True)
class CompanyAttendance:
    """A property company's record: trainings its staff attended, people present, the last date (None = never)."""

    company_id: int
    company: str
    trainings: int
    people: int
    last_date: date | None


@dataclass(frozen=True)
class CompanyTraining:
    """A training a company's staff attended, with how many of them were present."""

    training_id: int
    day: date
    kind: str
    title: str
    people: int


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


@requires("view")
def quarterly_by_kind(ctx: AppContext, *, now: datetime | None = None) -> QuarterTable:
    """Sessions held (not the planned ones still ahead) and their head count, per Shanghai quarter and kind.

    The head count is the training's actual_count (it follows the attendance marks); none recorded counts 0.
    """
    cutoff = now or utcnow()
    kinds = kind_choices(ctx)
    column = {kind_id: i for i, (kind_id, _name) in enumerate(kinds)}
    table: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    with ctx.db.session() as s:
        stmt = select(Training.starts_at, Training.kind_id, Training.actual_count).where(Training.starts_at <= cutoff)
        for starts, kind_id, actual in s.execute(stmt):
            local = to_local(starts)
            assert local is not None
            sessions, people = table.setdefault(quarter_of(local.date()), ([0] * len(kinds), [0] * len(kinds)))
            sessions[column[kind_id]] += 1
            people[column[kind_id]] += actual or 0
    rows = tuple(QuarterRow(y, q, tuple(table[y, q][0]), tuple(table[y, q][1])) for y, q in sorted(table, reverse=True))
    return QuarterTable(tuple(name for _i, name in kinds), rows)


def _attended(ctx: AppContext, company_id: int | None = None) -> list[tuple[int, int, datetime, str, str]]:
    """(company id, training id, starts_at UTC, kind, title) for every attendee marked present with a company."""
    stmt = (select(TrainingAttendee.property_company_id, Training.id, Training.starts_at, TrainingKind.name,
                   Training.title)
            .join(Training, TrainingAttendee.training_id == Training.id).join(TrainingKind)
            .where(TrainingAttendee.attended.is_(True), TrainingAttendee.property_company_id.is_not(None)))
    if company_id is not None:
        stmt = stmt.where(TrainingAttendee.property_company_id == company_id)
    with ctx.db.session() as s:
        return [tuple(r) for r in s.execute(stmt)]  # type: ignore[misc]


@requires("view")
def company_attendance(ctx: AppContext) -> list[CompanyAttendance]:
    """Every property company with its attendance; those never present are listed too (last_date None)."""
    with ctx.db.session() as s:
        companies = list(s.execute(select(PropertyCompany.id, PropertyCompany.name).order_by(PropertyCompany.name)))
    trainings: dict[int, set[int]] = {}
    people: dict[int, int] = {}
    last: dict[int, date] = {}
    for company_id, training_id, starts, _kind, _title in _attended(ctx):
        local = to_local(starts)
        assert local is not None
        trainings.setdefault(company_id, set()).add(training_id)
        people[company_id] = people.get(company_id, 0) + 1
        if company_id not in last or local.date() > last[company_id]:
            last[company_id] = local.date()
    return [CompanyAttendance(cid, name, len(trainings.get(cid, ())), people.get(cid, 0), last.get(cid))
            for cid, name in companies]


@requires("view")
def company_trainings(ctx: AppContext, company_id: int) -> list[CompanyTraining]:
    """The trainings a company's staff attended, newest first."""
    found: dict[int, list[Any]] = {}
    for _cid, training_id, starts, kind, title in _attended(ctx, company_id):
        local = to_local(starts)
        assert local is not None
        entry = found.setdefault(training_id, [local.date(), kind, title, 0])
        entry[3] += 1
    rows = [CompanyTraining(tid, day, kind, title, n) for tid, (day, kind, title, n) in found.items()]
    return sorted(rows, key=lambda r: (r.day, r.training_id), reverse=True)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier; a day the month lacks falls back to its last day (2024-02-29 -> 2023-02-28)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@requires("view")
def companies_without_attendance(ctx: AppContext, *, today: date | None = None,
                                 months: int = 12) -> tuple[date, list[CompanyAttendance]]:
    """Companies none of whose staff attended a training since the same day `months` ago (the 房管局 list).

    Returns the cutoff date (counted from, inclusive) and the companies, never-attended first, then oldest first.
    """
    since = months_before(today or clock.today(), months)
    missing = [c for c in company_attendance(ctx) if c.last_date is None or c.last_date < since]
    missing.sort(key=lambda c: (c.last_date is not None, c.last_date or date.min, c.company))
    return since, missing

