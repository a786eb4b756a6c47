"""Open cases' working-day dates recomputed when the holiday calendar changes (a year entered or changed).

Only a date the old calendar would have computed is moved: a rectification deadline equal to the category's working
days from the day the order was given (or the day the case was found, where the form proposes it), a referral's
reply date equal to DEFAULT_REPLY_WORKING_DAYS from the referral. A date a person typed differently is theirs and
stays. Closed cases (结案, 不予立案) are history and are not touched. Each move leaves an event on the case's
timeline, in the caller's transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from controllers.cases.common import add_event
from controllers.cases.referrals import DEFAULT_REPLY_WORKING_DAYS
from controllers.core.clock import to_local
from controllers.core.deadline_moves import DeadlineMove
from controllers.core.workdays import WorkCalendar
from models.cases import Case, CaseEvent, Referral

CLOSED = ("结案", "不予立案")


def _case_label(case: Case) -> str:
    return case.number


def _order_days(s: Session, case_ids: list[int]) -> dict[int, date]:
    """The local day each case was last ordered to rectify (责令整改)."""
    rows = s.execute(select(CaseEvent.case_id, CaseEvent.at)
                     .where(CaseEvent.case_id.in_(case_ids), CaseEvent.to_status == "责令整改")
                     .order_by(CaseEvent.at))
    return {case_id: to_local(at).date() for case_id, at in rows}


def _rectification_moves(s: Session, old: WorkCalendar, new: WorkCalendar) -> list[tuple[Case, date]]:
    cases = s.scalars(select(Case).options(joinedload(Case.category))
                      .where(Case.deadline.is_not(None), Case.status.not_in(CLOSED))).all()
    ordered = _order_days(s, [c.id for c in cases])
    moves = []
    for case in cases:
        category = case.category
        if category is None or not category.working_days or case.deadline is None:
            continue
        starts = [d for d in (ordered.get(case.id), case.found_date) if d is not None]
        start = next((d for d in starts if old.add_working_days(d, category.deadline_days) == case.deadline), None)
        if start is None:
            continue  # typed by hand, or computed on a calendar older than this one: not ours to move
        after = new.add_working_days(start, category.deadline_days)
        if after != case.deadline:
            moves.append((case, after))
    return moves


def move_case_deadlines(s: Session, old: WorkCalendar, new: WorkCalendar, *, actor: str | None,
                        reason: str) -> list[DeadlineMove]:
    """Recompute open cases' rectification deadlines and open referrals' reply dates from `old` to `new`.

    actor None: only report what would move (the preview), write nothing."""
    found: list[DeadlineMove] = []
    for case, after in _rectification_moves(s, old, new):
        assert case.deadline is not None
        found.append(DeadlineMove("整改期限", _case_label(case), case.id, case.deadline, after))
        if actor is not None:
            add_event(s, case.id, actor=actor, kind="修改",
                      note=f"整改期限因{reason}由 {case.deadline.isoformat()} 调整为 {after.isoformat()}",
                      changes={"deadline": [case.deadline.isoformat(), after.isoformat()]})
            case.deadline = after
    referrals = s.scalars(select(Referral).options(joinedload(Referral.case))
                          .where(Referral.status == "待回复", Referral.reply_due.is_not(None),
                                 Referral.case_id.is_not(None))).all()
    for referral in referrals:
        referred_case, due = referral.case, referral.reply_due
        if referred_case is None or due is None or referred_case.status in CLOSED:
            continue
        if old.add_working_days(referral.referred_on, DEFAULT_REPLY_WORKING_DAYS) != due:
            continue
        after = new.add_working_days(referral.referred_on, DEFAULT_REPLY_WORKING_DAYS)
        if after == due:
            continue
        found.append(DeadlineMove("移交回复期限", _case_label(referred_case), referred_case.id, due, after))
        if actor is not None:
            add_event(s, referred_case.id, actor=actor, kind="移交",
                      note=f"移交回复期限因{reason}由 {due.isoformat()} 调整为 {after.isoformat()}")
            referral.reply_due = after
    return found
