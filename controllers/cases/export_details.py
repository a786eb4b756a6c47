"""The columns of a case a clerk needs to rebuild the case book in a spreadsheet, read in batches beside the list.

The case book's list rows (listing.CaseRow) carry what the screen shows; an export adds facts, party, closing,
penalty, company, legal basis, referrals with their replies and the 回头看 result. With personal data masked (the
default) the party's name is masked, its phone left out (written only in full exports), a place is cut to the
building (12号楼) as meeting mode does, and room numbers, phones and the party's name are masked in the free text:
a room number beside an estate points to a household as surely as a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core.batches import with_extras
from controllers.core.privacy import export_text, mask_name, place_without_room
from controllers.documents.xlsx_writer import Column
from models.cases import Case, CaseEvent, Referral, case_regulations
from models.reference import Department, PropertyCompany, Regulation

FOLLOWUP_EVENT = "回头看"

DETAIL_COLUMNS = (
    Column("违法事实", 40), Column("当事人", 12), Column("当事人电话", 14), Column("整改措施", 30),
    Column("结案日期", 12, "date"),
    Column("处理结果", 30), Column("处罚决定日期", 12, "date"), Column("处罚决定书文号", 18),
    Column("罚款金额（元）", 12, "int"),
    Column("物业服务企业", 20), Column("法律依据", 36), Column("移交情况", 40), Column("部门回复", 40),
    Column("回头看日期", 12, "date"), Column("回头看结果", 30),
)


@dataclass(frozen=True)
class CaseDetails:
    """The export's extra values of one case, already masked as the export asks."""

    values: tuple[Any, ...]


def _referral_lines(s: Session, ids: Sequence[int], text: Callable[[str | None], str]) -> dict[int, tuple[str, str]]:
    """Per case: its referrals (date, department, state, matter) and the departments' replies, one per line."""
    sent: dict[int, list[str]] = {}
    replies: dict[int, list[str]] = {}
    rows = s.execute(select(Referral.case_id, Referral.referred_on, Department.name, Referral.status, Referral.reason,
                            Referral.replied_on, Referral.reply)
                     .join(Department, Referral.department_id == Department.id)
                     .where(Referral.case_id.in_(ids)).order_by(Referral.referred_on, Referral.id))
    for case_id, on, department, status, reason, replied_on, reply in rows:
        if case_id is None:  # never: the query asks for these cases' referrals (the column allows complaint-only ones)
            continue
        sent.setdefault(case_id, []).append(f"{on.isoformat()} 移交{department}（{status}）"
                                            + (f"：{text(reason)}" if reason else ""))
        if reply or replied_on:
            when = replied_on.isoformat() if replied_on else ""
            replies.setdefault(case_id, []).append(f"{department} {when} {text(reply)}".strip())
    return {cid: ("\n".join(sent[cid]), "\n".join(replies.get(cid, []))) for cid in sent}


def _followups(s: Session, ids: Sequence[int]) -> dict[int, str]:
    """Per case: the note of its latest 回头看 (only those events are read, not the whole timeline)."""
    rows = s.execute(select(CaseEvent.case_id, CaseEvent.note)
                     .where(CaseEvent.case_id.in_(ids), CaseEvent.kind == FOLLOWUP_EVENT, CaseEvent.note.is_not(None))
                     .order_by(CaseEvent.at, CaseEvent.id))
    return {case_id: note or "" for case_id, note in rows}  # the latest wins (notes are not null here)


def _regulations(s: Session, ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    rows = s.execute(select(case_regulations.c.case_id, Regulation.name)
                     .join(Regulation, Regulation.id == case_regulations.c.regulation_id)
                     .where(case_regulations.c.case_id.in_(ids)).order_by(Regulation.annex_no, Regulation.name))
    for case_id, name in rows:
        found.setdefault(case_id, []).append(name)
    return {cid: "、".join(names) for cid, names in found.items()}


def details_in(s: Session, ids: Sequence[int], *, reveal_personal: bool,
               text: Callable[[str | None], str]) -> dict[int, CaseDetails]:
    """The extra columns of these cases: one Core query per kind of thing, never per case, and no ORM objects (an
    ORM load of each case's timeline tripled the time of a 20,000-case export)."""
    referrals, followups, regulations = _referral_lines(s, ids, text), _followups(s, ids), _regulations(s, ids)
    rows = s.execute(select(Case.id, Case.facts, Case.party_name, Case.party_phone, Case.measures, Case.closed_on,
                            Case.result, Case.penalty_decided_on, Case.penalty_doc_no, Case.penalty_amount,
                            PropertyCompany.name, Case.followup_done_on)
                     .outerjoin(PropertyCompany, Case.property_company_id == PropertyCompany.id)
                     .where(Case.id.in_(ids)))
    out: dict[int, CaseDetails] = {}
    for cid, facts, party, phone, measures, closed, result, penalty_on, doc_no, amount, company, followup_on in rows:
        sent, replies = referrals.get(cid, ("", ""))
        out[cid] = CaseDetails((
            text(facts), (party if reveal_personal else mask_name(party)) or "",
            (phone or "") if reveal_personal else "", text(measures), closed, text(result),
            penalty_on, doc_no, amount, company or "", regulations.get(cid, ""), sent, replies, followup_on,
            text(followups.get(cid)),
        ))
    return out


def shown_place(place: str | None, *, reveal_personal: bool) -> str:
    """The place column: as typed when personal data is shown, else cut to the building."""
    return (place or "") if reveal_personal else place_without_room(place)


def with_details(s: Session, rows: Iterable[Any], *, reveal_personal: bool) -> Iterator[tuple[Any, CaseDetails]]:
    """Each list row with its details, read a batch at a time so a 100,000-case export stays in bounded memory."""
    text = export_text(s, reveal_personal)
    return with_extras(rows, lambda ids: details_in(s, ids, reveal_personal=reveal_personal, text=text),
                       CaseDetails(("",) * len(DETAIL_COLUMNS)))


def days_between(start: date | None, end: date | None) -> int | None:
    return (end - start).days if start and end else None
