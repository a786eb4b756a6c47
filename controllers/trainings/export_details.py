"""The columns of a training a clerk needs to rebuild the trainings ledger beside what the list shows: audience,
the property companies that came, the cases it used (典型案例 marked with their title) and the notes.

Trainings are exported without personal data: attendees appear only as their organisations, the notes go through
privacy.export_text (every known name, phone and room masked) and the venue is cut to the building.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core.batches import with_extras
from controllers.core.privacy import export_text
from controllers.documents.xlsx_writer import Column
from models.cases import Case, TypicalCase
from models.reference import Category, PropertyCompany
from models.trainings import Training, TrainingAttendee, training_cases

DETAIL_COLUMNS = (Column("对象", 20), Column("参加的物业服务企业", 30), Column("参训单位", 30),
                  Column("使用案例", 40), Column("典型案例数", 10, "int"), Column("备注", 40))


def _lines(pairs: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for key, text in pairs:
        if text and text not in out.setdefault(key, []):
            out[key].append(text)
    return out


def details_in(s: Session, ids: Sequence[int], text: Any) -> dict[int, tuple[Any, ...]]:
    """The extra columns of these trainings, one query per kind of thing."""
    companies = _lines((tid, name) for tid, name in s.execute(
        select(TrainingAttendee.training_id, PropertyCompany.name)
        .join(PropertyCompany, PropertyCompany.id == TrainingAttendee.property_company_id)
        .where(TrainingAttendee.training_id.in_(ids), TrainingAttendee.attended)
        .order_by(TrainingAttendee.training_id, PropertyCompany.name)))
    # An attendee's organisation is not personal data (a name would be); free text, so masked like notes.
    organisations = _lines((tid, text(org)) for tid, org in s.execute(
        select(TrainingAttendee.training_id, TrainingAttendee.organisation)
        .where(TrainingAttendee.training_id.in_(ids), TrainingAttendee.attended,
               TrainingAttendee.organisation.is_not(None))
        .order_by(TrainingAttendee.training_id, TrainingAttendee.position)))
    used: dict[int, list[str]] = {}
    typical: dict[int, int] = {}
    for tid, number, category, title in s.execute(
            select(training_cases.c.training_id, Case.number, Category.name, TypicalCase.title)
            .join(Case, Case.id == training_cases.c.case_id)
            .join(Category, Category.id == Case.category_id)
            .outerjoin(TypicalCase, TypicalCase.case_id == Case.id)
            .where(training_cases.c.training_id.in_(ids)).order_by(training_cases.c.training_id, Case.number)):
        # A typical case's title is a de-identified write-up's; a plain case shows only its number and category.
        used.setdefault(tid, []).append(f"{number} {category}" + (f"（典型案例：{title}）" if title else ""))
        typical[tid] = typical.get(tid, 0) + (1 if title else 0)
    out = {}
    for tid, audience, notes in s.execute(select(Training.id, Training.audience, Training.notes)
                                          .where(Training.id.in_(ids))):
        out[tid] = (text(audience), "、".join(companies.get(tid, [])), "、".join(organisations.get(tid, [])),
                    "\n".join(used.get(tid, [])), typical.get(tid, 0), text(notes))
    return out


def with_details(s: Session, rows: Iterable[Any]) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Each list row with its details, masked for an export without personal data."""
    text = export_text(s, False)
    return with_extras(rows, lambda ids: details_in(s, ids, text), ("", "", "", "", 0, ""))
