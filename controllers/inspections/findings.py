"""Findings become work in one step: a 发现问题 checklist line becomes a case, a referral, or 当场劝阻整改.

- 立案: a case with source 巡查发现, the line's estate, category and place, found on the patrol's day, the patrol's
  first officer in charge, and the finding's photos carried over (new attachment rows on the same stored files).
- 移交 (a matter not ours: C99, or anything the user marks): a referral needs a subject to hang its reply tracking
  on (list_overdue_referrals, the case's referral list, 移交办结 all start from a case), so the finding becomes a
  case in status 移交 with the referral, exactly the state a case referred through the workflow is in. The case
  number is the ledger's record that the matter was handed over; nothing else about referrals changes.
- 当场劝阻整改: fixed on the spot; counted in the figures, no case.
Each is one transaction; the line keeps what it became (outcome, case, referral), the case's timeline names the
patrol it came from, and `patrol_of_case` finds it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.cases.common import add_event
from controllers.cases.records import insert_case, retry_numbering
from controllers.cases.referrals import DEFAULT_REPLY_WORKING_DAYS, add_referral
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import require, requires
from controllers.core.workdays import load_calendar
from controllers.station.views import require_own_estate, require_visible
from models.cases import Attachment, Case
from models.inspections import Patrol, PatrolCheck, PatrolVisit

SOURCE = "巡查发现"


@dataclass(frozen=True)
class FindingResult:
    """What a finding became."""

    check_id: int
    outcome: str
    case_id: int | None = None
    case_number: str | None = None
    referral_id: int | None = None


@dataclass(frozen=True)
class PatrolOrigin:
    """The patrol a case came from, as the case window names it."""

    patrol_id: int
    started_at: datetime  # Shanghai wall time
    kind: str
    estate: str
    category_code: str


@requires("view")
def proposed_outcome(ctx: AppContext, check_id: int) -> str:
    """What the form proposes for a finding: 移交 for a referral-only category (C99), otherwise 立案."""
    with ctx.db.session() as s:
        return "移交" if _open_finding(ctx, s, check_id).category.referral_only else "立案"


def _open_finding(ctx: AppContext, s: Session, check_id: int) -> PatrolCheck:
    line = s.get(PatrolCheck, check_id)
    if line is None:
        raise NotFoundError("找不到该巡查发现，可能已被删除。请刷新后重试。")
    require_visible(ctx, s, line.visit.estate_id, noun="巡查发现")
    if line.result != "发现问题":
        raise ValidationError("只有检查结果为“发现问题”的项目才能立案、移交或记为当场劝阻整改。", field="outcome")
    if line.outcome is not None:
        raise ValidationError(f"该发现已处理（{line.outcome}），不能重复处理。", field="outcome")
    return line


def _new_case(ctx: AppContext, s: Session, line: PatrolCheck, facts: str | None) -> Case:
    visit: PatrolVisit = line.visit
    patrol: Patrol = visit.patrol
    require_own_estate(s, visit.estate_id)
    found = clock.to_local(patrol.started_at)
    note = f"来自{found:%Y-%m-%d %H:%M}的{patrol.kind}（巡查记录 #{patrol.id}）"
    fields = {
        "category_id": line.category_id, "estate_id": visit.estate_id, "source": SOURCE,
        "found_date": found.date(), "facts": facts if facts is not None else (line.note or line.category.name),
        "place": line.place, "officer_id": patrol.officers[0].id if patrol.officers else None,
    }
    case = insert_case(s, actor=ctx.actor, fields=fields, note=note).case
    for photo in s.scalars(select(Attachment).where(Attachment.patrol_check_id == line.id)
                           .order_by(Attachment.id)):
        # The same stored file (one copy under its hash), now also evidence of the case.
        s.add(Attachment(sha256=photo.sha256, filename=photo.filename, mime_type=photo.mime_type,
                         size_bytes=photo.size_bytes, kind=photo.kind, caption=photo.caption,
                         taken_at=photo.taken_at, case_id=case.id))
    line.case_id = case.id
    return case


@requires("edit_cases")
def finding_to_case(ctx: AppContext, check_id: int, *, facts: str | None = None) -> FindingResult:
    """Open a case (source 巡查发现) for a finding, its photos carried over; one transaction."""
    require(ctx, "edit_patrols")

    def save() -> FindingResult:
        with ctx.db.session() as s:
            line = _open_finding(ctx, s, check_id)
            case = _new_case(ctx, s, line, facts)
            line.outcome = "立案"
            s.flush()
            return FindingResult(line.id, "立案", case.id, case.number)

    return retry_numbering(save)


@requires("edit_cases")
def finding_to_referral(ctx: AppContext, check_id: int, *, department_id: int | None, reason: str | None = None,
                        letter_no: str | None = None, reply_due: date | None = None) -> FindingResult:
    """Hand a finding over to a department (线索移交): a case in status 移交 with its referral; one transaction."""
    require(ctx, "edit_patrols")

    def save() -> FindingResult:
        with ctx.db.session() as s:
            line = _open_finding(ctx, s, check_id)
            day = clock.today()
            case = _new_case(ctx, s, line, reason)
            s.flush()
            due = reply_due or load_calendar(s).add_working_days(day, DEFAULT_REPLY_WORKING_DAYS)
            referral = add_referral(s, case, actor=ctx.actor, department_id=department_id,
                                    reason=reason or case.facts, referred_on=day, letter_no=letter_no,
                                    reply_due=due)
            add_event(s, case.id, actor=ctx.actor, kind="状态变更", from_status=case.status, to_status="移交")
            case.status = "移交"
            s.flush()
            line.outcome, line.referral_id = "移交", referral.id
            s.flush()
            return FindingResult(line.id, "移交", case.id, case.number, referral.id)

    return retry_numbering(save)


@requires("edit_patrols")
def fixed_on_spot(ctx: AppContext, check_id: int) -> FindingResult:
    """Record that the finding was stopped and put right on the spot (当场劝阻整改): counted, no case."""
    with ctx.db.session() as s:
        line = _open_finding(ctx, s, check_id)
        line.outcome = "当场劝阻整改"
        s.flush()
        return FindingResult(line.id, line.outcome)


@requires("view")
def patrol_of_case(ctx: AppContext, case_id: int) -> PatrolOrigin | None:
    """The patrol a case came from (None for a case opened otherwise)."""
    with ctx.db.session() as s:
        return origin_in(s, case_id)


def origin_in(s: Session, case_id: int) -> PatrolOrigin | None:
    line = s.scalar(select(PatrolCheck).where(PatrolCheck.case_id == case_id).limit(1))
    if line is None:
        return None
    patrol = line.visit.patrol
    return PatrolOrigin(patrol.id, clock.to_local(patrol.started_at), patrol.kind, line.visit.estate.name,
                        line.category.code)
