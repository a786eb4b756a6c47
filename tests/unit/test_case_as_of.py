"""A case as it stood at the end of a day (controllers.cases.as_of): each state rule against a timeline built through
the workflow, the set-based statement against an event-by-event replay of the demo's timelines, and the brief,
the case statistics and the dashboard of a past period unchanged by what happens afterwards."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from controllers.cases import workflow
from controllers.cases.as_of import cases_at, holds_then, rolled_back_day, standing_day
from controllers.cases.records import create_case, get_case, update_case
from controllers.cases.stats import case_stats
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from controllers.core.workdays import WorkCalendar
from controllers.demo.generator import generate_demo
from models.cases import Case, CaseEvent
from tests.unit.case_fixtures import category_id, make_estate

Q3 = parse_period("2026Q3")
Q3_END = date(2026, 9, 30)


def _new(ctx: AppContext, estate: int, found: date, deadline: date | None = None) -> int:
    return create_case(ctx, category_id=category_id(ctx, "C05"), estate_id=estate, source="巡查发现",
                       found_date=found, facts="楼道堆物", deadline=deadline).id


def _move(ctx: AppContext, case_id: int, to: str, **kw: object) -> None:
    workflow.transition(ctx, case_id, to=to, expected_version=get_case(ctx, case_id).version, **kw)


def _then(ctx: AppContext, case_id: int, day: date) -> tuple[str, date | None, date | None]:
    with ctx.db.session() as s:
        c = cases_at(s, day)
        row = s.execute(select(c.status, c.deadline, c.closed_on).where(c.id == case_id)).one_or_none()
    return (str(row[0]), row[1], row[2]) if row else ("（不存在）", None, None)


@pytest.fixture
def estate(app_ctx: AppContext) -> int:
    return make_estate(app_ctx, "甲小区", "长征镇")


def test_standing_day_is_the_periods_end_once_it_is_over() -> None:
    assert standing_day(Q3, date(2026, 12, 7)) == Q3_END and rolled_back_day(Q3, date(2026, 12, 7)) == Q3_END
    assert standing_day(Q3, date(2026, 9, 15)) == date(2026, 9, 15) and rolled_back_day(Q3, date(2026, 9, 15)) is None
    assert rolled_back_day(Q3, Q3_END) is None  # its last day: still running, read as now


def test_overdue_then_uses_the_deadline_then(app_ctx: AppContext, estate: int, pin_clock) -> None:
    pin_clock(date(2026, 8, 1))
    case_id = _new(app_ctx, estate, date(2026, 8, 1))
    _move(app_ctx, case_id, "核查")
    _move(app_ctx, case_id, "立案")
    _move(app_ctx, case_id, "责令整改", deadline=date(2026, 9, 10))
    pin_clock(date(2026, 10, 20))  # after the quarter: a new deadline, then the review
    update_case(app_ctx, case_id, expected_version=get_case(app_ctx, case_id).version, deadline=date(2026, 11, 30))
    _move(app_ctx, case_id, "复查")
    # At 09-30 the case was 责令整改 with 09-10 as its deadline: overdue then, whatever it is now.
    assert _then(app_ctx, case_id, Q3_END) == ("责令整改", date(2026, 9, 10), None)
    assert _then(app_ctx, case_id, date(2026, 8, 15)) == ("责令整改", date(2026, 9, 10), None)
    assert case_stats(app_ctx, Q3).overdue == 1  # today's deadline (11-30) is not past: overdue 0 now
    assert case_stats(app_ctx, parse_period("2026")).overdue == 0


def test_on_hold_then_with_that_holds_words(app_ctx: AppContext, estate: int, pin_clock) -> None:
    pin_clock(date(2026, 9, 1))
    case_id = _new(app_ctx, estate, date(2026, 9, 1))
    _move(app_ctx, case_id, "挂账", reason="当事人出国；待返沪后处理", review_date=date(2026, 10, 15))
    pin_clock(date(2026, 10, 16))
    _move(app_ctx, case_id, "登记")  # 恢复办理 after the quarter: the hold's fields are cleared now
    assert get_case(app_ctx, case_id).hold_reason is None
    assert _then(app_ctx, case_id, Q3_END)[0] == "挂账"
    with app_ctx.db.session() as s:
        assert holds_then(s, [case_id], Q3_END) == {case_id: ("当事人出国；待返沪后处理", date(2026, 10, 15))}
    assert case_stats(app_ctx, Q3).on_hold == 1 and case_stats(app_ctx, parse_period("2026")).on_hold == 0


def test_open_then_though_closed_and_reopened_since(app_ctx: AppContext, estate: int, pin_clock) -> None:
    pin_clock(date(2026, 7, 1))
    open_then = _new(app_ctx, estate, date(2026, 7, 1))
    closed_then = _new(app_ctx, estate, date(2026, 7, 1))
    for to in ("核查", "立案", "责令整改", "复查", "结案"):
        _move(app_ctx, closed_then, to, **({"deadline": date(2026, 7, 20)} if to == "责令整改" else {}))
    pin_clock(date(2026, 10, 5))
    for to in ("核查", "立案", "责令整改", "复查", "结案"):
        _move(app_ctx, open_then, to, **({"deadline": date(2026, 10, 20)} if to == "责令整改" else {}))
    _move(app_ctx, closed_then, "复查", reason="回访发现未整改到位")  # re-opened: closed_on cleared now
    assert _then(app_ctx, open_then, Q3_END) == ("登记", None, None)
    assert _then(app_ctx, closed_then, Q3_END) == ("结案", date(2026, 7, 20), date(2026, 7, 1))
    q3 = case_stats(app_ctx, Q3).current
    assert (q3.closure.numerator, q3.closure.denominator) == (1, 2) and q3.closed_in_period == 1


def test_a_case_found_after_the_day_did_not_exist_then(app_ctx: AppContext, estate: int, pin_clock) -> None:
    pin_clock(date(2026, 10, 3))
    later = _new(app_ctx, estate, date(2026, 10, 2))
    backlog = _new(app_ctx, estate, date(2026, 9, 28))  # found in September, entered in October: open then
    _move(app_ctx, backlog, "核查")
    assert _then(app_ctx, later, Q3_END)[0] == "（不存在）" and _then(app_ctx, later, date(2026, 10, 3))[0] == "登记"
    assert _then(app_ctx, backlog, Q3_END)[0] == "登记"


def _replay(events: list[tuple[int, datetime, str | None, str | None, str | None]], hi: datetime
            ) -> dict[int, tuple[str, date | None]]:
    """Status and deadline at `hi` by walking each case's timeline forward (what as_of computes set-wise)."""
    out: dict[int, tuple[str, date | None]] = {}
    for case_id, at, kind, to_status, changes in events:
        if at >= hi:
            continue
        status, deadline = out.get(case_id, ("登记", None))
        if to_status is not None:
            status = to_status
        if changes and "deadline" in (loaded := json.loads(changes)):
            after = loaded["deadline"][1]
            deadline = date.fromisoformat(after) if after else None
        out[case_id] = (status, deadline)
        assert kind is not None
    return out


@pytest.mark.parametrize("day", [date(2025, 3, 31), date(2025, 12, 31), date(2026, 6, 30)])
def test_set_based_statement_agrees_with_a_replay_of_every_timeline(app_ctx: AppContext, day: date) -> None:
    generate_demo(app_ctx, cases=400, complaints=50, trainings=2, seed=7)
    hi = clock.day_start(day + timedelta(days=1))
    with app_ctx.db.session() as s:
        c = cases_at(s, day)
        events = [tuple(r) for r in s.execute(select(CaseEvent.case_id, CaseEvent.at, CaseEvent.kind,
                                                     CaseEvent.to_status, CaseEvent.changes)
                                              .order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id))]
        stood = {int(i): (str(st), d) for i, st, d in s.execute(select(c.id, c.status, c.deadline))}
        found_by = set(s.scalars(select(Case.id).where(Case.found_date <= day)))
        total = s.scalar(select(func.count()).select_from(Case))
    expected = _replay(events, hi)  # type: ignore[arg-type]
    assert stood == {i: v for i, v in expected.items() if i in found_by}
    assert 0 < len(stood) < total  # some cases were found after the day, some before


def test_working_days_between_counts_as_a_walk_over_the_days() -> None:
    holidays = frozenset({date(2025, 10, 1), date(2025, 10, 2), date(2024, 12, 31), date(2026, 1, 1)})
    cal = WorkCalendar(holidays=holidays, makeup_days=frozenset({date(2025, 9, 28)}))

    def walked(a: date, b: date) -> int:
        if b < a:
            return -walked(b, a)
        return sum(cal.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))

    start = date(2024, 11, 1)
    tried = 0
    for i in range(0, 800, 7):
        for span in (-400, -31, -1, 0, 1, 6, 45, 370):
            a = start + timedelta(days=i)
            assert cal.working_days_between(a, a + timedelta(days=span)) == walked(a, a + timedelta(days=span))
            tried += 1
    assert tried > 900


@pytest.mark.parametrize("note", [
    "原因：当事人出国；复核日期定为 2026-10-15",  # the workflow's words now (复查 is a workflow state)
    "原因：当事人出国；复查日期定为 2026-10-15",  # before the hold's date was called 复核日期
    "原因：当事人出国；复查日期 2026-10-15",  # the oldest notes
])
def test_a_holds_words_read_from_its_note_in_every_wording(app_ctx: AppContext, estate: int, pin_clock,
                                                           note: str) -> None:
    pin_clock(date(2026, 9, 1))
    case_id = _new(app_ctx, estate, date(2026, 9, 1))
    _move(app_ctx, case_id, "挂账", reason="当事人出国", review_date=date(2026, 10, 15))
    with app_ctx.db.session() as s:  # an event written before the hold's fields were recorded as changes
        event = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.to_status == "挂账")).one()
        event.note, event.changes = note, None
    pin_clock(date(2026, 10, 16))
    _move(app_ctx, case_id, "登记")
    with app_ctx.db.session() as s:
        assert holds_then(s, [case_id], Q3_END) == {case_id: ("当事人出国", date(2026, 10, 15))}


def test_a_new_hold_notes_its_review_date_as_复核日期(app_ctx: AppContext, estate: int, pin_clock) -> None:
    pin_clock(date(2026, 9, 1))
    case_id = _new(app_ctx, estate, date(2026, 9, 1))
    _move(app_ctx, case_id, "挂账", reason="当事人出国", review_date=date(2026, 10, 15))
    with app_ctx.db.session() as s:
        notes = " ".join(n or "" for n in s.scalars(select(CaseEvent.note).where(CaseEvent.case_id == case_id)))
    assert "复核日期定为 2026-10-15" in notes and "复查日期" not in notes
