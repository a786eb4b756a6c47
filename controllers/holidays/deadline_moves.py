"""Every stored working-day date a calendar change moves, recomputed in the caller's transaction (one place for the
year entry and single-day edits): open cases' rectification deadlines and referral reply dates (each move on the
case's timeline), open complaints' reply deadlines."""

from __future__ import annotations

from sqlalchemy.orm import Session

from controllers.cases.deadline_moves import move_case_deadlines
from controllers.complaints.reply_moves import move_reply_deadlines
from controllers.core.deadline_moves import DeadlineMove
from controllers.core.workdays import WorkCalendar


def move_deadlines(s: Session, old: WorkCalendar, new: WorkCalendar, *, actor: str | None,
                   reason: str) -> tuple[DeadlineMove, ...]:
    """actor None: only report what would move (a preview), write nothing."""
    return (*move_case_deadlines(s, old, new, actor=actor, reason=reason),
            *move_reply_deadlines(s, old, new, write=actor is not None))
