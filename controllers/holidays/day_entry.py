"""One calendar day added, changed or removed in 基础数据, with the deadlines it moves recomputed at once.

A day is a change of the calendar like a whole year: the open working-day deadlines computed on the old calendar
move in the same transaction, each moved case with a timeline event. A single day does not make its year covered
(that takes the whole year, year_entry).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.workdays import load_calendar
from controllers.holidays.deadline_moves import move_deadlines
from controllers.reference import checks as rc
from controllers.reference.lists import CalendarDayRow, check_day, delete_day_in, save_day_in

T = TypeVar("T")


def _with_moves(ctx: AppContext, change: Callable[[Session], tuple[T, date]]) -> T:
    with rc.write(ctx, "日历") as s:
        old = load_calendar(s)
        result, day = change(s)
        move_deadlines(s, old, load_calendar(s), actor=ctx.actor, reason=f"{day.year}年节假日修改")
        return result


def _saved(ctx: AppContext, day_id: int | None, day: date | None, kind: str, name: str | None) -> CalendarDayRow:
    checked = check_day(day, kind, name)

    def change(s: Session) -> tuple[CalendarDayRow, date]:
        row = save_day_in(s, day_id, *checked)
        return row, row.day
    return _with_moves(ctx, change)


@requires("edit_reference")
def create_calendar_day(ctx: AppContext, *, day: date | None, kind: str, name: str | None = None) -> CalendarDayRow:
    """Mark a day as a public holiday (节假日) or a make-up working day (调休上班)."""
    return _saved(ctx, None, day, kind, name)


@requires("edit_reference")
def update_calendar_day(ctx: AppContext, day_id: int, *, day: date | None, kind: str,
                        name: str | None = None) -> CalendarDayRow:
    return _saved(ctx, day_id, day, kind, name)


@requires("edit_reference")
def delete_calendar_day(ctx: AppContext, day_id: int) -> None:
    """Remove a calendar entry; the deadlines it moves are recomputed as an ordinary day's."""
    _with_moves(ctx, lambda s: (None, delete_day_in(s, day_id)))
