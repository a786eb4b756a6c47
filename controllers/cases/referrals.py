"""Referrals (移交) of cases to departments: letter, receipt, reply (回函), overdue replies, C11 demerit proposals.

A referral here does not by itself change the case's status: a case can ask a department to assist (e.g.
区规划资源局 for C05 evidence) while it stays with the station. Handing the whole case over is the workflow's
移交 transition (controllers.cases.workflow), which creates a referral through `add_referral`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.cases.common import add_event, fetch_case
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import may_unmask, text_masker
from controllers.core.workdays import WorkCalendar, covered_years, load_calendar
from models.cases import Case, Referral
from models.reference import Category, Department, PropertyCompany

# Working days a department is given to reply when the station proposes a reply date.
DEFAULT_REPLY_WORKING_DAYS = 10
HOUSING_BUREAU = "区房管局"
DEMERIT_CATEGORY = "C11"
DEMERIT_WORD = "失信记分"


@dataclass(frozen=True)
class ReferralInfo:
    """A referral as the case window and the overdue list show it."""

    id: int
    case_id: int | None
    case_number: str | None
    department_id: int
    department_name: str
    referred_on: date
    letter_no: str | None
    reason: str | None
    reply_due: date | None
    status: str
    received_on: date | None
    reply_letter_no: str | None
    replied_on: date | None
    reply: str | None
    overdue: bool
    reply_due_note: str = ""  # ESTIMATE_NOTE while the reply date awaited runs past the calendar's covered years


@dataclass(frozen=True)
class ReferralProposal:
    """A referral the station is advised to make; the UI offers it, the user decides."""

    case_id: int
    department_id: int
    department_name: str
    reason: str
    reply_due: date


@dataclass(frozen=True)
class CompanyCase:
    """One C11 case on a property company's record."""

    id: int
    number: str
    status: str
    found_date: date
    estate_name: str
    penalty_decided_on: date | None
    penalty_doc_no: str | None


@dataclass(frozen=True)
class CompanyRecord:
    """A property company's record: its C11 cases and the referrals made about them."""

    company_id: int
    company_name: str
    cases: tuple[CompanyCase, ...]
    referrals: tuple[ReferralInfo, ...]


def referral_info(r: Referral, today: date, *, full: bool = True) -> ReferralInfo:
    """full=False (a role without personal data) masks names and phones in the reason and reply."""
    text = text_masker(full, (r.case.party_name if r.case is not None else None,))
    return ReferralInfo(
        id=r.id,
        case_id=r.case_id,
        case_number=r.case.number if r.case is not None else None,
        department_id=r.department_id,
        department_name=r.department.name,
        referred_on=r.referred_on,
        letter_no=r.letter_no,
        reason=text(r.reason),
        reply_due=r.reply_due,
        status=r.status,
        received_on=r.received_on,
        reply_letter_no=r.reply_letter_no,
        replied_on=r.replied_on,
        reply=text(r.reply),
        overdue=r.reply_due is not None and r.reply_due < today and r.status == "待回复",
    )


def _clean(value: str | None, *, label: str, field: str, max_len: int) -> str | None:
    cleaned = (value or "").strip() or None
    if cleaned is not None and len(cleaned) > max_len:
        raise ValidationError(f"{label}不能超过 {max_len} 个字。", field=field)
    return cleaned


def add_referral(
    s: Session,
    case: Case,
    *,
    actor: str,
    department_id: int | None,
    reason: str | None,
    referred_on: date,
    letter_no: str | None = None,
    reply_due: date | None = None,
) -> Referral:
    """Create the referral row and its timeline event inside the caller's transaction."""
    if department_id is None:
        raise ValidationError("请选择移交的部门。", field="department_id")
    department = s.get(Department, department_id)
    if department is None:
        raise NotFoundError("找不到该部门，可能已被删除。请重新选择。")
    reason = _clean(reason, label="移交事项", field="reason", max_len=2000)
    if reason is None:
        raise ValidationError("请填写移交事项（移交什么、为什么）。", field="reason")
    if reply_due is not None and reply_due < referred_on:
        raise ValidationError("回复期限不能早于移交日期。", field="reply_due")
    referral = Referral(
        case_id=case.id,
        department_id=department.id,
        referred_on=referred_on,
        letter_no=_clean(letter_no, label="移交函号", field="letter_no", max_len=60),
        reason=reason,
        reply_due=reply_due,
        status="待回复",
    )
    s.add(referral)
    add_event(s, case.id, actor=actor, kind="移交", note=f"移交{department.name}：{reason}")
    return referral


@requires("view")
def default_reply_due(ctx: AppContext, *, start: date) -> date:
    """The reply date the form proposes: DEFAULT_REPLY_WORKING_DAYS working days after the referral."""
    with ctx.db.session() as s:
        return load_calendar(s).add_working_days(start, DEFAULT_REPLY_WORKING_DAYS)


@requires("edit_cases")
def refer_case(
    ctx: AppContext,
    case_id: int,
    *,
    department_id: int,
    reason: str,
    referred_on: date,
    letter_no: str | None = None,
    reply_due: date | None = None,
) -> ReferralInfo:
    """Refer a case (or a part of it) to a department without changing the case's status."""
    with ctx.db.session() as s:
        case = fetch_case(s, case_id)
        r = add_referral(s, case, actor=ctx.actor, department_id=department_id, reason=reason,
                         referred_on=referred_on, letter_no=letter_no, reply_due=reply_due)
        s.flush()
        return referral_info(r, clock.today())


def _fetch(s: Session, referral_id: int) -> Referral:
    r = s.get(Referral, referral_id)
    if r is None:
        raise NotFoundError("找不到该移交记录，可能已被删除。请刷新后重试。")
    return r


@requires("edit_cases")
def record_receipt(ctx: AppContext, referral_id: int, *, received_on: date) -> ReferralInfo:
    """The department acknowledged receiving the referral."""
    with ctx.db.session() as s:
        r = _fetch(s, referral_id)
        if received_on < r.referred_on:
            raise ValidationError("签收日期不能早于移交日期。", field="received_on")
        r.received_on = received_on
        if r.case_id is not None:
            add_event(s, r.case_id, actor=ctx.actor, kind="移交", note=f"{r.department.name}已签收移交函")
        s.flush()
        return referral_info(r, clock.today())


@requires("edit_cases")
def record_reply(
    ctx: AppContext, referral_id: int, *, replied_on: date, reply: str, reply_letter_no: str | None = None
) -> ReferralInfo:
    """The department replied (回函): the referral is answered and no longer overdue."""
    text = _clean(reply, label="回复内容", field="reply", max_len=4000)
    if text is None:
        raise ValidationError("请填写部门回复的内容。", field="reply")
    with ctx.db.session() as s:
        r = _fetch(s, referral_id)
        if replied_on < r.referred_on:
            raise ValidationError("回复日期不能早于移交日期。", field="replied_on")
        r.replied_on = replied_on
        r.reply = text
        r.reply_letter_no = _clean(reply_letter_no, label="回函号", field="reply_letter_no", max_len=60)
        if r.received_on is None:
            r.received_on = replied_on  # a reply proves receipt
        r.status = "已回复"
        if r.case_id is not None:
            add_event(s, r.case_id, actor=ctx.actor, kind="移交", note=f"{r.department.name}回函：{text}")
        s.flush()
        return referral_info(r, clock.today())


@requires("view")
def list_referrals(ctx: AppContext, *, case_id: int) -> list[ReferralInfo]:
    with ctx.db.session() as s:
        return case_referrals(s, case_id, clock.today(), full=may_unmask(ctx))


def case_referrals(s: Session, case_id: int, today: date, *, full: bool = True) -> list[ReferralInfo]:
    rows = s.scalars(select(Referral).where(Referral.case_id == case_id).order_by(Referral.referred_on, Referral.id))
    infos = [referral_info(r, today, full=full) for r in rows]
    waiting = [i.reply_due for i in infos if i.status == "待回复" and i.reply_due is not None]
    if not waiting:
        return infos  # nothing awaited: no estimate to tell (and no extra query)
    coverage = WorkCalendar(covered_years=covered_years(s))
    return [replace(i, reply_due_note=coverage.note_for(i.reply_due)) if i.status == "待回复" else i for i in infos]


@requires("view")
def list_overdue_referrals(ctx: AppContext, *, today: date | None = None) -> list[ReferralInfo]:
    """Referrals still waiting for a reply after their reply date, oldest due first."""
    day = today or clock.today()
    with ctx.db.session() as s:
        rows = s.scalars(
            select(Referral)
            .where(Referral.status == "待回复", Referral.reply_due.is_not(None), Referral.reply_due < day)
            .order_by(Referral.reply_due, Referral.id)
        )
        full = may_unmask(ctx)
        return [referral_info(r, day, full=full) for r in rows]


@requires("view")
def propose_demerit_referral(ctx: AppContext, case_id: int, *, on: date | None = None) -> ReferralProposal | None:
    """For a C11 case with a penalty decided: propose asking 区房管局 for the company's 失信记分.

    None when the case is not C11, has no penalty yet, or already has such a referral.
    """
    day = on or clock.today()
    with ctx.db.session() as s:
        case = fetch_case(s, case_id)
        if case.category.code != DEMERIT_CATEGORY or case.penalty_decided_on is None:
            return None
        bureau = s.scalar(select(Department).where(Department.name == HOUSING_BUREAU))
        if bureau is None:
            return None
        done = s.scalar(
            select(Referral.id).where(
                Referral.case_id == case.id,
                Referral.department_id == bureau.id,
                Referral.reason.contains(DEMERIT_WORD),
            )
        )
        if done is not None:
            return None
        company = case.property_company.name if case.property_company else "该小区物业服务企业"
        doc = f"（处罚决定书 {case.penalty_doc_no}）" if case.penalty_doc_no else ""
        reason = (
            f"{company}在{case.estate.name}未履行发现、劝阻、报告义务，已于"
            f"{case.penalty_decided_on.isoformat()}被行政处罚{doc}，请按规定对该企业（项目经理）予以{DEMERIT_WORD}。"
        )
        due = load_calendar(s).add_working_days(day, DEFAULT_REPLY_WORKING_DAYS)
        return ReferralProposal(case_id=case.id, department_id=bureau.id, department_name=bureau.name,
                                reason=reason, reply_due=due)


@requires("view")
def property_company_record(ctx: AppContext, company_id: int) -> CompanyRecord:
    """A property company's C11 cases and the referrals about them (for the company's page)."""
    today = clock.today()
    with ctx.db.session() as s:
        company = s.get(PropertyCompany, company_id)
        if company is None:
            raise NotFoundError("找不到该物业服务企业，可能已被删除。请刷新列表。")
        cases = s.scalars(
            select(Case)
            .join(Category, Case.category_id == Category.id)
            .where(Case.property_company_id == company_id, Category.code == DEMERIT_CATEGORY)
            .order_by(Case.found_date.desc(), Case.id.desc())
        ).all()
        ids = [c.id for c in cases]
        referrals = s.scalars(
            select(Referral).where(Referral.case_id.in_(ids)).order_by(Referral.referred_on, Referral.id)
        ).all() if ids else []
        return CompanyRecord(
            company_id=company.id,
            company_name=company.name,
            cases=tuple(
                CompanyCase(id=c.id, number=c.number, status=c.status, found_date=c.found_date,
                            estate_name=c.estate.name, penalty_decided_on=c.penalty_decided_on,
                            penalty_doc_no=c.penalty_doc_no)
                for c in cases
            ),
            referrals=tuple(referral_info(r, today, full=may_unmask(ctx)) for r in referrals),
        )
