"""Deadlines count working days on the editable calendar, across holidays and make-up days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete

from controllers.core.workdays import WorkCalendar, load_calendar
from models.admin import CalendarDay


def test_plain_week_skips_the_weekend():
    cal = WorkCalendar()
    assert cal.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)  # Friday + 1 = Monday
    assert cal.add_working_days(date(2025, 3, 7), 0) == date(2025, 3, 7)


def test_national_day_2025_holiday_and_make_up_days(app_ctx):
    with app_ctx.db.session() as s:
        cal = load_calendar(s)
    # Sat 27 Sep; Sun 28 Sep is a make-up working day; 1-8 Oct off; Sat 11 Oct worked.
    assert cal.add_working_days(date(2025, 9, 27), 1) == date(2025, 9, 28)
    assert cal.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert cal.add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert cal.deadline(date(2025, 9, 30), 3, working_days=False) == date(2025, 10, 3)
    assert cal.working_days_between(date(2025, 9, 30), date(2025, 10, 11)) == 3
    assert cal.working_days_between(date(2025, 10, 11), date(2025, 9, 30)) == -3


def test_calendar_edits_change_deadlines(app_ctx):
    with app_ctx.db.session() as s:
        s.execute(delete(CalendarDay).where(CalendarDay.day == date(2025, 10, 8)))
    with app_ctx.db.session() as s:
        cal = load_calendar(s)
    assert cal.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 8)
