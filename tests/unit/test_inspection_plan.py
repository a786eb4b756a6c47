"""The inspection plan's arithmetic (controllers.inspections.plan): cycles, due days, grade changes, counts."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from controllers.core.workdays import WorkCalendar
from controllers.inspections import plan

A, B, C = 1, 2, 3
RULES = {A: plan.GradeRule(1, True), B: plan.GradeRule(2, True), C: plan.GradeRule(3, True)}
CAL = WorkCalendar(holidays=frozenset({date(2025, 10, 1), date(2025, 10, 2), date(2025, 10, 3)}),
                   makeup_days=frozenset({date(2025, 9, 28)}))
PROPS = settings(max_examples=150, deadline=None, derandomize=True, database=None)

days_2024_2026 = st.dates(date(2024, 1, 1), date(2026, 12, 31))
grades = st.sampled_from([A, B, C, None])
changes = st.lists(st.tuples(days_2024_2026, grades), max_size=4, unique_by=lambda c: c[0])


def test_grade_a_is_due_monthly_on_each_months_last_working_day() -> None:
    segs = plan.segments([], before_first=A)
    cycles = plan.cycles_due(segs, RULES, date(2025, 1, 1), date(2025, 12, 31), CAL)
    assert len(cycles) == 12
    assert cycles[0] == plan.Cycle(date(2025, 1, 1), date(2025, 1, 31), date(2025, 1, 31))
    # 2025-05-31 is a Saturday: the inspection is due on Friday the 30th.
    assert cycles[4].due_on == date(2025, 5, 30)


def test_without_the_working_day_flag_a_cycle_is_due_on_its_last_day() -> None:
    rules = {A: plan.GradeRule(1, False)}
    cycles = plan.cycles_due(plan.segments([], before_first=A), rules, date(2025, 5, 1), date(2025, 5, 31), CAL)
    assert [c.due_on for c in cycles] == [date(2025, 5, 31)]


def test_b_every_two_months_and_c_quarterly_follow_the_calendar() -> None:
    b = plan.cycles_due(plan.segments([], before_first=B), RULES, date(2025, 1, 1), date(2025, 12, 31), CAL)
    c = plan.cycles_due(plan.segments([], before_first=C), RULES, date(2025, 1, 1), date(2025, 12, 31), CAL)
    assert [x.start.month for x in b] == [1, 3, 5, 7, 9, 11]
    assert [(x.start, x.end) for x in c][2] == (date(2025, 7, 1), date(2025, 9, 30))


def test_a_grade_change_starts_its_own_cycles_on_its_date_and_the_cut_cycle_is_due_under_neither() -> None:
    segs = plan.segments([(date(2025, 3, 15), A)], before_first=C)
    cycles = plan.cycles_due(segs, RULES, date(2025, 1, 1), date(2025, 6, 30), CAL)
    # Q1 under C is cut on 14 March: not due. A's months run 15th to 14th from 15 March.
    assert [(c.start, c.end) for c in cycles] == [
        (date(2025, 3, 15), date(2025, 4, 14)), (date(2025, 4, 15), date(2025, 5, 14)),
        (date(2025, 5, 15), date(2025, 6, 14)),
    ]
    assert plan.grade_on(segs, date(2025, 3, 14)) == C and plan.grade_on(segs, date(2025, 3, 15)) == A


def test_counts_done_overdue_and_pending() -> None:
    cycles = plan.cycles_due(plan.segments([], before_first=A), RULES, date(2025, 1, 1), date(2025, 3, 31), CAL)
    counts = plan.count(cycles, [date(2025, 1, 10), date(2025, 1, 20)], today=date(2025, 3, 5))
    # January done (twice: still one), February missed and past, March not yet due.
    assert counts == plan.Counts(due=3, done=1, overdue=1)


def test_an_ungraded_estate_or_a_grade_without_frequency_owes_nothing() -> None:
    rules = {**RULES, 9: plan.GradeRule(None)}
    for grade in (None, 9):
        assert plan.cycles_due(plan.segments([], before_first=grade), rules, date(2025, 1, 1), date(2025, 12, 31),
                               CAL) == []


@st.composite
def visits(draw: st.DrawFn) -> list[date]:
    return sorted(draw(st.lists(days_2024_2026, max_size=30)))


@PROPS
@given(changes, grades, days_2024_2026, st.integers(0, 500), visits(), days_2024_2026)
def test_done_never_exceeds_due_or_visits_and_overdue_is_only_what_is_missed(
        chg: list[tuple[date, int | None]], first_grade: int | None, start: date, length: int, seen: list[date],
        today: date) -> None:
    segs = plan.segments(chg, before_first=first_grade)
    end = start + timedelta(days=length)
    counts = plan.count(plan.cycles_due(segs, RULES, start, end, CAL), seen, today)
    assert 0 <= counts.done <= counts.due
    assert counts.done <= len(seen)
    assert counts.done + counts.overdue <= counts.due
    assert counts.overdue == 0 or start < today


@PROPS
@given(changes, grades, days_2024_2026, st.integers(0, 400), st.integers(0, 400))
def test_due_grows_with_the_period(chg: list[tuple[date, int | None]], first_grade: int | None, start: date,
                                   length: int, more: int) -> None:
    segs = plan.segments(chg, before_first=first_grade)
    short = plan.cycles_due(segs, RULES, start, start + timedelta(days=length), CAL)
    longer = plan.cycles_due(segs, RULES, start, start + timedelta(days=length + more), CAL)
    assert len(short) <= len(longer)
    assert set(short) <= set(longer)


@PROPS
@given(changes, grades, days_2024_2026, grades, days_2024_2026, st.integers(0, 300), visits())
def test_a_grade_change_does_not_reach_back(chg: list[tuple[date, int | None]], first_grade: int | None,
                                            change_day: date, new_grade: int | None, start: date, length: int,
                                            seen: list[date]) -> None:
    """Whatever is decided on a day, every cycle that ended before that day stays exactly as it was."""
    chg = [c for c in chg if c[0] < change_day]
    before = plan.segments(chg, before_first=first_grade)
    after = plan.segments([*chg, (change_day, new_grade)], before_first=first_grade)
    end = start + timedelta(days=length)
    old = [c for c in plan.cycles_due(before, RULES, start, end, CAL) if c.end < change_day]
    new = [c for c in plan.cycles_due(after, RULES, start, end, CAL) if c.end < change_day]
    assert old == new
    for day in (start, end):
        if day < change_day:
            assert plan.grade_on(before, day) == plan.grade_on(after, day)


@PROPS
@given(days_2024_2026, st.integers(-30, 30))
def test_add_months_stays_in_the_target_month(day: date, months: int) -> None:
    moved = plan.add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
