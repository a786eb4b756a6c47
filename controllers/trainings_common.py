"""Shared pieces of the training controllers: Shanghai local time, the dataclasses handed to the UI, pickers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from controllers.app import AppContext
from controllers.permissions import requires
from models.reference import PropertyCompany
from models.trainings import TrainingKind

Choice = tuple[int, str]

# Shanghai has kept UTC+8 without daylight saving since 1991: a fixed offset needs no tz database on Windows.
LOCAL_OFFSET = timedelta(hours=8)
# Only these kinds teach through cases (以案释法, 案例警示), so only they link example cases.
EXAMPLE_CASE_KINDS = ("以案释法", "案例警示")


def to_local(instant: datetime | None) -> datetime | None:
    """A stored naive-UTC instant as naive Shanghai wall time."""
    return None if instant is None else instant + LOCAL_OFFSET


def to_utc(local: datetime | None) -> datetime | None:
    """Naive Shanghai wall time (what the user typed) as the stored naive-UTC instant."""
    return None if local is None else local - LOCAL_OFFSET


def local_day_start_utc(day: date) -> datetime:
    """00:00 Shanghai on that day, as naive UTC: the boundary for date filters."""
    return datetime(day.year, day.month, day.day) - LOCAL_OFFSET


def fmt_when(starts: datetime, ends: datetime | None) -> str:
    """2025-03-05 09:00–11:00 (local times), the way the list and the sign-in sheet show a session."""
    text = starts.strftime("%Y-%m-%d %H:%M")
    if ends is None:
        return text
    return text + "–" + (ends.strftime("%H:%M") if ends.date() == starts.date() else ends.strftime("%Y-%m-%d %H:%M"))


@dataclass(frozen=True)
class AttendeeInput:
    """One attendee as typed, pasted or imported; `id` set for a row that already exists."""

    name: str
    organisation: str | None = None
    role: str | None = None
    phone: str | None = None
    property_company_id: int | None = None
    invited: bool = True
    attended: bool = False
    id: int | None = None


@dataclass(frozen=True)
class AttendeeRow:
    """An attendee as stored; phone is the full number (lists mask it with controllers.privacy)."""

    id: int
    position: int
    name: str
    organisation: str | None
    role: str | None
    phone: str | None
    property_company_id: int | None
    property_company: str | None
    invited: bool
    attended: bool


@dataclass(frozen=True)
class ExampleCase:
    """A case used as an example, with no personal data: number, category, estate and facts only."""

    id: int
    number: str
    category: str
    estate: str
    facts: str


@requires("view")
def kind_choices(ctx: AppContext) -> list[Choice]:
    """Training kinds in their display order."""
    with ctx.db.session() as s:
        stmt = select(TrainingKind.id, TrainingKind.name).order_by(TrainingKind.sort_order, TrainingKind.id)
        return [(i, n) for i, n in s.execute(stmt)]


@requires("view")
def property_company_choices(ctx: AppContext) -> list[Choice]:
    """Property companies by name, for the attendee grid's picker."""
    with ctx.db.session() as s:
        stmt = select(PropertyCompany.id, PropertyCompany.name).order_by(PropertyCompany.name)
        return [(i, n) for i, n in s.execute(stmt)]
