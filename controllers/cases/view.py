"""The read side of one case: the plain dataclasses the case window shows, built from the ORM in one session."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.cases.referrals import ReferralInfo, case_referrals
from controllers.cases.states import Transition, allowed_transitions
from controllers.core import clock
from controllers.core.clock import to_local
from controllers.core.context import AppContext
from controllers.core.privacy import TextMasker, mask_name, mask_phone, may_unmask, text_masker
from controllers.core.workdays import estimate_note
from controllers.station.views import require_visible
from controllers.storage.attachments import AttachmentInfo, owner_attachments
from models.cases import Case, CaseEvent
from models.complaints import Complaint


@dataclass(frozen=True)
class Change:
    """One field changed by an edit; `hidden` for personal data recorded without values."""

    field: str
    label: str
    before: Any
    after: Any
    hidden: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    """One timeline event; `at` is Shanghai local time."""

    id: int
    at: datetime
    actor: str
    kind: str
    from_status: str | None
    to_status: str | None
    note: str | None
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class LinkedComplaint:
    """A complaint linked to the case, with the complainant masked."""

    id: int
    work_order_no: str | None
    channel: str
    received_at: datetime
    complainant: str
    phone: str
    content: str
    status: str


@dataclass(frozen=True)
class CaseLink:
    """Another case this one is related to (recurrence)."""

    id: int
    number: str
    status: str


@dataclass(frozen=True)
class CaseDetail:
    """Everything about one case, as the case window shows it."""

    id: int
    number: str
    status: str
    version: int
    category_id: int
    category_code: str
    category_name: str
    estate_id: int
    estate_name: str
    street_name: str
    place: str | None
    source: str
    found_date: date
    facts: str
    party_name: str | None
    party_id_no: str | None
    party_phone: str | None
    officer_id: int | None
    officer_name: str | None
    property_company_id: int | None
    property_company_name: str | None
    deadline: date | None
    measures: str | None
    result: str | None
    penalty_decided_on: date | None
    penalty_doc_no: str | None
    penalty_amount: int | None
    notes: str | None
    hold_reason: str | None
    hold_review_date: date | None
    closed_on: date | None
    followup_due: date | None
    followup_done_on: date | None
    regulation_ids: tuple[int, ...]
    regulation_names: tuple[str, ...]
    recurrence_of: CaseLink | None
    recurrences: tuple[CaseLink, ...]
    timeline: tuple[TimelineEntry, ...]
    attachments: tuple[AttachmentInfo, ...]
    referrals: tuple[ReferralInfo, ...]
    complaints: tuple[LinkedComplaint, ...]
    transitions: tuple[Transition, ...]
    today: date
    deadline_note: str = ""  # ESTIMATE_NOTE when the deadline runs past the calendar's covered years

    @property
    def followup_pending(self) -> bool:
        """Closed and the 回头看 not yet recorded."""
        return self.status == "结案" and self.followup_done_on is None

    @property
    def followup_is_due(self) -> bool:
        return self.followup_pending and self.followup_due is not None and self.followup_due <= self.today

    @property
    def overdue_referrals(self) -> int:
        return sum(1 for r in self.referrals if r.overdue)


def left_from(s: Session, case: Case) -> str | None:
    """For a case on hold or handed over: the state it was in before (from its last move into that state)."""
    if case.status not in ("挂账", "移交"):
        return None
    return s.scalar(
        select(CaseEvent.from_status)
        .where(CaseEvent.case_id == case.id, CaseEvent.to_status == case.status, CaseEvent.from_status.is_not(None))
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
        .limit(1)
    )


_LABELS = {
    "category_id": "类别", "estate_id": "小区", "source": "来源", "found_date": "发现日期", "facts": "案件事实",
    "place": "地点", "party_name": "当事人", "party_id_no": "当事人证件号", "party_phone": "当事人电话",
    "officer_id": "承办人", "property_company_id": "物业服务企业", "notes": "备注", "deadline": "整改期限",
    "measures": "处置措施", "result": "处理结果", "penalty_decided_on": "处罚决定日期",
    "penalty_doc_no": "处罚决定书号", "penalty_amount": "罚款金额", "regulation_ids": "法律依据",
}


def field_label(key: str) -> str:
    return _LABELS.get(key, key)


def _changes(raw: str | None, text: TextMasker) -> tuple[Change, ...]:
    if not raw:
        return ()
    out = []
    for key, value in json.loads(raw).items():
        if isinstance(value, list) and len(value) == 2:
            before, after = (text(v) if isinstance(v, str) else v for v in value)
            out.append(Change(key, field_label(key), before, after))
        else:
            out.append(Change(key, field_label(key), None, None, hidden=True))
    return tuple(out)


def _entry(e: CaseEvent, text: TextMasker) -> TimelineEntry:
    return TimelineEntry(id=e.id, at=to_local(e.at), actor=e.actor, kind=e.kind, from_status=e.from_status,
                         to_status=e.to_status, note=text(e.note), changes=_changes(e.changes, text))


def _complaint(c: Complaint, full: bool) -> LinkedComplaint:
    return LinkedComplaint(id=c.id, work_order_no=c.work_order_no, channel=c.channel,
                           received_at=to_local(c.received_at), complainant=mask_name(c.complainant_name),
                           phone=mask_phone(c.complainant_phone),
                           content=text_masker(full, (c.complainant_name,))(c.content) or "", status=c.status)


@dataclass(frozen=True)
class NewCase:
    """A case added in this transaction, with all that points at it: its 创建 event and the complaints linked.

    Nothing else can point at it yet (no other transaction sees it), so its detail needs no query for its timeline,
    complaints, recurrences, attachments or referrals: a round trip each on a server.
    """

    case: Case
    event: CaseEvent
    complaints: tuple[Complaint, ...]


def build_detail(ctx: AppContext, s: Session, record: Case | NewCase, *, masked: bool = False) -> CaseDetail:
    """What the case window shows, of a stored case or of one added in this transaction."""

    new: NewCase | None
    if isinstance(record, NewCase):
        new, case = record, record.case
    else:
        new, case = None, record
    # Every read of one case goes through here: a case of another station's estate is refused outside its view.
    require_visible(ctx, s, case.estate_id, noun="案件")
    today = clock.today()
    events: Iterable[CaseEvent] = (new.event,) if new else s.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.at, CaseEvent.id))
    complaints: Iterable[Complaint] = sorted(new.complaints, key=lambda c: c.received_at) if new else s.scalars(
        select(Complaint).where(Complaint.case_id == case.id).order_by(Complaint.received_at))
    recurrences: Iterable[Case] = () if new else s.scalars(
        select(Case).where(Case.recurrence_of_id == case.id).order_by(Case.id))
    regs = sorted(case.regulations, key=lambda r: (r.annex_no is None, r.annex_no or 0, r.id))
    prior = case.recurrence_of
    # 督导 read cases but never see a party's identity in full (PIPL); roles that edit cases need it.
    full = may_unmask(ctx) and not masked
    # Names and phones typed into the free text are masked for them too (the party's name wherever it recurs).
    text = text_masker(full, (case.party_name,))
    return CaseDetail(
        id=case.id, number=case.number, status=case.status, version=case.version,
        category_id=case.category_id, category_code=case.category.code, category_name=case.category.name,
        estate_id=case.estate_id, estate_name=case.estate.name, street_name=case.street.name,
        place=case.place, source=case.source, found_date=case.found_date, facts=text(case.facts) or "",
        party_name=case.party_name if full else mask_name(case.party_name),
        party_id_no=case.party_id_no if full else mask_phone(case.party_id_no),
        party_phone=case.party_phone if full else mask_phone(case.party_phone),
        officer_id=case.officer_id, officer_name=case.officer.name if case.officer else None,
        property_company_id=case.property_company_id,
        property_company_name=case.property_company.name if case.property_company else None,
        deadline=case.deadline, measures=text(case.measures), result=text(case.result),
        penalty_decided_on=case.penalty_decided_on, penalty_doc_no=case.penalty_doc_no,
        penalty_amount=case.penalty_amount, notes=text(case.notes), hold_reason=text(case.hold_reason),
        hold_review_date=case.hold_review_date, closed_on=case.closed_on, followup_due=case.followup_due,
        followup_done_on=case.followup_done_on,
        regulation_ids=tuple(r.id for r in regs), regulation_names=tuple(r.name for r in regs),
        recurrence_of=CaseLink(prior.id, prior.number, prior.status) if prior else None,
        recurrences=tuple(CaseLink(c.id, c.number, c.status) for c in recurrences),
        timeline=tuple(_entry(e, text) for e in events),
        attachments=() if new else tuple(owner_attachments(s, owner="case", owner_id=case.id)),
        referrals=() if new else tuple(case_referrals(s, case.id, today, full=full)),
        complaints=tuple(_complaint(c, full) for c in complaints),
        transitions=tuple(allowed_transitions(case.status, resumes_to=left_from(s, case))),
        today=today,
        deadline_note=estimate_note(s, case.deadline),
    )
