"""录入全年节假日: preview a year's list and what it would move, then save the year and the moved deadlines at once.

The calendar change and every deadline it moves are one transaction: a crash never leaves a case counting the old
holidays beside a calendar that has the new ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.deadline_moves import DeadlineMove
from controllers.core.permissions import requires
from controllers.core.workdays import load_calendar
from controllers.holidays.deadline_moves import move_deadlines
from controllers.reference.calendar_year import YearPlan, calendar_with_year, write_year


@dataclass(frozen=True)
class YearOutcome:
    """What entering a year does (preview) or did (save)."""

    plan: YearPlan
    changed_days: int  # calendar rows added, changed or removed (0 in a preview)
    moves: tuple[DeadlineMove, ...]

    @property
    def cases_moved(self) -> int:
        return len({m.case_id for m in self.moves if m.case_id is not None})


def _moves(s: Session, plan: YearPlan, *, actor: str | None) -> tuple[DeadlineMove, ...]:
    old = load_calendar(s)
    return move_deadlines(s, old, calendar_with_year(old, plan), actor=actor, reason=f"{plan.year}年节假日录入")


@requires("edit_reference")
def preview_calendar_year(ctx: AppContext, plan: YearPlan) -> YearOutcome:
    """The deadlines saving `plan` would move; writes nothing (a refused plan shows its errors, no moves)."""
    if plan.refusal() is not None:
        return YearOutcome(plan, 0, ())
    with ctx.db.session() as s:
        moves = _moves(s, plan, actor=None)
        s.rollback()
    return YearOutcome(plan, 0, moves)


@requires("edit_reference")
def enter_calendar_year(ctx: AppContext, plan: YearPlan) -> YearOutcome:
    """Save the year (its entries replace the year's old ones, the year counts as covered) and move the deadlines."""
    refusal = plan.refusal()
    if refusal is not None:
        raise refusal
    with ctx.db.session() as s:
        moves = _moves(s, plan, actor=ctx.actor)  # computed on the calendar before the year is written
        changed = write_year(s, plan)
    return YearOutcome(plan, changed, moves)
