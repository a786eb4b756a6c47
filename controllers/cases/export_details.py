"""The columns of a case a clerk needs to rebuild the case book in a spreadsheet, read in batches beside the list.

The case book's list rows (listing.CaseRow) carry what the screen shows; an export adds facts, party, closing,
penalty, company, legal basis, referrals with their replies and the 回头看 result. With personal data masked (the
default) the party's name is masked, its phone and ID never written, a place is cut to the building (12号楼) as
meeting mode does, and room numbers, phones and the party's name are masked in the free text: a room number beside
an estate points to a household as surely as a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from controllers.core.batches import with_extras
from controllers.core.privacy import export_text, mask_name, place_without_room
from controllers.documents.xlsx_writer import Column
from models.cases import Case, CaseEvent, Referral

FOLLOWUP_EVENT = "回头看"

DETAIL_COLUMNS = (
    Column("违法事实", 40), Column("当事人", 12), Column("整改措施", 30), Column("结案日期", 12, "date"),
    Column("处理结果", 30), Column("处罚决定日期", 12, "date"), Column("处罚决定书文号", 18),
    Column("罚款金额（元）", 12, "int"),
    Column("物业服务企业", 20), Column("法律依据", 36), Column("移交情况", 40), Column("部门回复", 40),
    Column("回头看日期", 12, "date"), Column("回头看结果", 30),
)


@dataclass(frozen=True)
class CaseDetails:
    """The export's extra values of one case, already masked as the export asks."""

    values: tuple[Any, ...]


def _referral_lines(refs: Sequence[Referral], text: Any) -> tuple[str, str]:
    sent, replies = [], []
    for r in sorted(refs, key=lambda r: (r.referred_on, r.id)):
        sent.append(f"{r.referred_on.isoformat()} 移交{r.department.name}（{r.status}）"
                    + (f"：{text(r.reason)}" if r.reason else ""))
        if r.reply or r.replied_on:
            when = r.replied_on.isoformat() if r.replied_on else ""
            replies.append(f"{r.department.name} {when} {text(r.reply) or ''}".strip())
    return "\n".join(sent), "\n".join(replies)


def _followup(events: Iterable[CaseEvent]) -> str:
    notes = [e.note for e in events if e.kind == FOLLOWUP_EVENT and e.note]
    return notes[-1] if notes else ""


def details_in(s: Session, ids: Sequence[int], *, reveal_personal: bool,
               text: Callable[[str | None], str]) -> dict[int, CaseDetails]:
    """The extra columns of these cases (one query per kind of thing, not per case)."""
    stmt = (select(Case).where(Case.id.in_(ids))
            .options(selectinload(Case.regulations), selectinload(Case.referrals).selectinload(Referral.department),
                     selectinload(Case.events), selectinload(Case.property_company)))
    out: dict[int, CaseDetails] = {}
    for c in s.scalars(stmt):
        party = c.party_name if reveal_personal else mask_name(c.party_name)
        sent, replies = _referral_lines(c.referrals, text)
        out[c.id] = CaseDetails((
            text(c.facts), party or "", text(c.measures), c.closed_on, text(c.result), c.penalty_decided_on,
            c.penalty_doc_no, c.penalty_amount, c.property_company.name if c.property_company else "",
            "、".join(r.name for r in c.regulations), sent, replies, c.followup_done_on, text(_followup(c.events)),
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
