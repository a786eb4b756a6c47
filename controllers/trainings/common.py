"""Shared pieces of the training controllers: the dataclasses handed to the UI, pickers, how a session's time reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.permissions import requires
from models.reference import PropertyCompany
from models.trainings import TrainingKind

Choice = tuple[int, str]

# Only these kinds teach through cases (以案释法, 案例警示), so only they link example cases.
EXAMPLE_CASE_KINDS = ("以案释法", "案例警示")


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
    """An attendee as stored; phone is the full number (lists mask it with controllers.core.privacy)."""

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
