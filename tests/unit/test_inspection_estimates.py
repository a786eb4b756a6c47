"""Inspection due dates in a year the working-day calendar does not cover carry the calendar's estimate note,
like every other working-day deadline (issue 19, point 2 of the rest), until someone enters that year."""

from __future__ import annotations

from datetime import date

from controllers.core.periods import quarter
from controllers.core.workdays import ESTIMATE_NOTE, seeded_years
from controllers.holidays.year_entry import enter_calendar_year
from controllers.inspections.coverage import coverage
from controllers.inspections.grades import set_grade_plan
from controllers.reference.calendar_year import parse_year_text
from tests.unit.inspection_fixtures import grade_id, graded_estate

NEXT = max(seeded_years()) + 1  # the first year the seed does not cover


def test_due_dates_in_an_uncovered_year_are_marked_until_the_year_is_entered(app_ctx, pin_clock) -> None:
    pin_clock(date(NEXT - 1, 12, 1))
    monthly, quarterly = graded_estate(app_ctx, "甲小区", "A"), graded_estate(app_ctx, "丙小区", "C")
    this_quarter = coverage(app_ctx, quarter(NEXT - 1, 4))
    assert this_quarter.due_note == "" and all(e.due_note == "" for e in this_quarter.estates)

    next_quarter = coverage(app_ctx, quarter(NEXT, 1))
    notes = {e.estate_id: e.due_note for e in next_quarter.estates}
    assert notes == {monthly: ESTIMATE_NOTE, quarterly: ESTIMATE_NOTE}
    assert next_quarter.due_note == ESTIMATE_NOTE
    assert next_quarter.totals.due == 3 + 1  # the counts themselves are unchanged by the note

    enter_calendar_year(app_ctx, parse_year_text(NEXT, f"{NEXT}-01-01 元旦 休"))
    entered = coverage(app_ctx, quarter(NEXT, 1))
    assert entered.due_note == "" and all(e.due_note == "" for e in entered.estates)


def test_a_grade_due_on_calendar_days_is_never_an_estimate(app_ctx, pin_clock) -> None:
    pin_clock(date(NEXT - 1, 12, 1))
    graded_estate(app_ctx, "甲小区", "A")
    set_grade_plan(app_ctx, grade_id(app_ctx, "A"), inspection_months=1, inspection_working_days=False)
    report = coverage(app_ctx, quarter(NEXT, 1))
    assert report.totals.due == 3 and report.due_note == ""
