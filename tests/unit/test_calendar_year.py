"""A year of holidays entered in one go (issue 18.7): reading pasted text and sheets, the checks, the estimate
marking past the covered years, and the recomputation of open deadlines with a timeline event on each case."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from controllers.cases import workflow as wf
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.workdays import ESTIMATE_NOTE, WorkCalendar, covered_years, load_calendar, seeded_years
from controllers.holidays import day_entry
from controllers.holidays.year_entry import enter_calendar_year, preview_calendar_year
from controllers.holidays.year_sheet import read_year_sheet
from controllers.reference.calendar_year import (
    HOLIDAY,
    MAKEUP,
    parse_two_lists,
    parse_year_text,
)
from models.admin import CalendarDay
from models.cases import Case, CaseEvent, Referral
from models.complaints import Complaint
from tests.unit.bad_input_kit import PROPERTY, assert_chinese_message, attempt, texts
from tests.unit.case_fixtures import department_id, make_complaint, make_estate, new_case

# A made-up 2027 (the State Council publishes the real one): 元旦 on Friday 1 January, a make-up Sunday 10 January.
YEAR_TEXT = "2027-01-01 元旦 休\n2027-01-10 调休上班\n２０２７年２月８日-２月１２日 春节\n"


def test_pasted_lines_in_the_common_forms_are_read() -> None:
    plan = parse_year_text(2027, YEAR_TEXT + "国庆节：10月1日（周五）至7日（周四）放假调休，共7天。\n")
    assert plan.errors == ()
    days = {e.day: (e.kind, e.name) for e in plan.entries}
    assert days[date(2027, 1, 1)] == (HOLIDAY, "元旦")
    assert days[date(2027, 1, 10)] == (MAKEUP, None)
    assert [d for d in days if d.month == 2] == [date(2027, 2, d) for d in (8, 9, 10, 11, 12)]
    # The range's weekend (2 and 3 October) is a weekend anyway: dropped without a line of its own.
    assert sorted(d.day for d in days if d.month == 10) == [1, 4, 5, 6, 7]
    assert days[date(2027, 10, 4)] == (HOLIDAY, "国庆节")


def test_two_lists_放假_and_调休上班() -> None:
    plan = parse_two_lists(2027, "1月1日\n5月3日至5月5日", "1月10日、5月8日")
    assert plan.errors == ()
    assert plan.holidays == {date(2027, 1, 1), date(2027, 5, 3), date(2027, 5, 4), date(2027, 5, 5)}
    assert plan.makeup_days == {date(2027, 1, 10), date(2027, 5, 8)}


@pytest.mark.parametrize(("line", "expected"), [
    ("2027-01-04 调休上班", "本来就是工作日，调休上班日应为周六或周日"),
    ("2026-12-31 元旦 休", "不在2027年"),
    ("2027-02-30 休", "不存在"),
    ("2027-03-01", "请写明是放假（休）还是调休上班（班）"),
    ("元旦 放假", "没有找到日期"),
    ("2027-01-05 休\n2027-01-05 补班", "调休上班日应为周六或周日"),
    ("1月1日 休\n2027-01-01 上班", "调休上班日应为周六或周日"),
    ("2027-01-09 休\n2027-01-09 调休上班", "既录为节假日又录为调休上班"),
    ("3月5日-2月1日 休", "日期范围"),
])
def test_bad_lines_are_refused_in_chinese(line: str, expected: str) -> None:
    plan = parse_year_text(2027, line)
    refusal = plan.refusal()
    assert refusal is not None
    assert expected in refusal.message
    assert_chinese_message(refusal, [line])


def test_a_weekend_holiday_is_dropped_with_a_warning() -> None:
    plan = parse_year_text(2027, "2027-01-02 元旦 休\n2027-01-01 元旦 休")
    assert plan.errors == ()
    assert [e.day for e in plan.entries] == [date(2027, 1, 1)]
    assert plan.warnings == ("第1行：2027年1月2日（周六）本来就是休息日，不必录入为节假日，已略过。",)


def test_a_sheet_with_synonym_headers_and_a_title_row(tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["2027年节假日安排"])
    ws.append(["日  期", "节日名称", "安排"])
    ws.append([datetime(2027, 1, 1), "元旦", "放假"])
    ws.append(["2027年1月10日", None, "上班"])
    ws.append(["２月８日", "春节", "休"])
    ws.append([None, None, None])
    ws.append(["2027-01-11", None, "补班"])  # a Monday
    path = tmp_path / "假日.xlsx"
    wb.save(path)
    plan = read_year_sheet(2027, path)
    assert {(e.day, e.kind) for e in plan.entries} == {
        (date(2027, 1, 1), HOLIDAY), (date(2027, 1, 10), MAKEUP), (date(2027, 2, 8), HOLIDAY)}
    assert plan.errors == ("第7行：2027年1月11日（周一）本来就是工作日，调休上班日应为周六或周日。",)


def test_estimates_are_marked_past_the_covered_years(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        calendar = load_calendar(s)
    last = max(seeded_years())
    assert calendar.last_covered_year == last
    assert not calendar.is_estimate(date(last, 12, 31))
    assert calendar.is_estimate(date(last + 1, 1, 1))
    assert calendar.note_for(date(last + 1, 1, 4)) == ESTIMATE_NOTE
    assert calendar.shown(date(last + 1, 1, 4)) == f"≈{last + 1}-01-04"
    assert calendar.shown(date(last, 1, 5)) == f"{last}-01-05"
    assert not calendar.is_estimate(date(2000, 5, 1))  # before the calendar starts: history, not an estimate
    assert not WorkCalendar().is_estimate(date(2099, 1, 1))  # nothing known: nothing claimed


def _rectifying(ctx: AppContext, estate: int, found: date):
    detail = new_case(ctx, estate, found_date=found)
    for step in ("核查", "立案", "责令整改"):
        detail = wf.transition(ctx, detail.id, to=step, expected_version=detail.version, reason="原因说明")
    return detail


def test_entering_a_year_moves_open_deadlines_with_an_event_and_leaves_others(app_ctx: AppContext,
                                                                               pin_clock) -> None:
    pin_clock(date(2026, 12, 21))  # a Monday; 15 working days (C05) run into 2027
    estate = make_estate(app_ctx)
    open_case = _rectifying(app_ctx, estate, date(2026, 12, 18))
    assert open_case.deadline == date(2027, 1, 11)  # 元旦 counted as a working day: an estimate
    closed = _rectifying(app_ctx, estate, date(2026, 12, 18))
    for step in ("复查", "结案"):
        closed = wf.transition(app_ctx, closed.id, to=step, expected_version=closed.version, reason="原因说明")
    typed = new_case(app_ctx, estate, found_date=date(2026, 12, 18))
    typed = wf.transition(app_ctx, typed.id, to="核查", expected_version=typed.version, reason="原因说明")
    # 10 working days from 21 December, 元旦 counted: 4 January (the form's proposal).
    referred = wf.transition(app_ctx, typed.id, to="移交", expected_version=typed.version, reason="移交规划资源局",
                             department_id=department_id(app_ctx), reply_due=date(2027, 1, 4))
    # 5 working days (来电) from 28 December, 元旦 counted: 4 January.
    complaint = make_complaint(app_ctx, estate, channel="来电", received_at=datetime(2026, 12, 28, 2, 0))
    with app_ctx.db.session() as s:
        s.get(Complaint, complaint).reply_due = date(2027, 1, 4)
        events_before = s.scalar(select(func.count()).select_from(CaseEvent))
    plan = parse_year_text(2027, YEAR_TEXT)

    preview = preview_calendar_year(app_ctx, plan)
    with app_ctx.db.session() as s:
        assert s.get(Case, open_case.id).deadline == date(2027, 1, 11)  # the preview wrote nothing
        assert s.scalar(select(func.count()).select_from(CaseEvent)) == events_before
    outcome = enter_calendar_year(app_ctx, plan)

    assert {(m.what, m.before, m.after) for m in preview.moves} == {(m.what, m.before, m.after) for m in outcome.moves}
    with app_ctx.db.session() as s:
        # 元旦 off and Sunday 10 January on: 15 working days from 21 December still end on 11 January (one day
        # more off, one more on), so that case is left alone; the referral and the complaint move by the holiday.
        assert s.get(Case, open_case.id).deadline == date(2027, 1, 11)
        assert s.get(Case, closed.id).deadline == closed.deadline
        assert s.scalar(select(Referral.reply_due).where(Referral.case_id == referred.id)) == date(2027, 1, 5)
        assert s.get(Complaint, complaint).reply_due == date(2027, 1, 5)
        notes = s.scalars(select(CaseEvent.note).where(CaseEvent.case_id == referred.id)).all()
        assert 2027 in covered_years(s)
        assert s.scalar(select(func.count()).select_from(CalendarDay).where(CalendarDay.day >= date(2027, 1, 1))) == 7
    assert "移交回复期限因2027年节假日录入由 2027-01-04 调整为 2027-01-05" in notes
    assert {m.what for m in outcome.moves} == {"移交回复期限", "诉件答复期限"}


def test_a_moved_rectification_deadline_gets_a_timeline_event(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(2026, 12, 28))  # Monday: 15 working days end on 18 January when 元旦 is counted
    case = _rectifying(app_ctx, make_estate(app_ctx), date(2026, 12, 25))
    assert case.deadline == date(2027, 1, 18)
    outcome = enter_calendar_year(app_ctx, parse_year_text(2027, "2027-01-01 元旦 休\n2027-01-04 元旦 休"))
    assert outcome.cases_moved == 1
    with app_ctx.db.session() as s:
        assert s.get(Case, case.id).deadline == date(2027, 1, 20)
        notes = s.scalars(select(CaseEvent.note).where(CaseEvent.case_id == case.id)).all()
    assert "整改期限因2027年节假日录入由 2027-01-18 调整为 2027-01-20" in notes
    # Entering the same year again moves nothing more: the deadline is already the new calendar's.
    again = enter_calendar_year(app_ctx, parse_year_text(2027, "2027-01-01 元旦 休\n2027-01-04 元旦 休"))
    assert again.moves == () and again.changed_days == 0


def test_a_typed_deadline_and_a_closed_case_are_not_touched(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(2026, 12, 28))
    estate = make_estate(app_ctx)
    typed = new_case(app_ctx, estate, found_date=date(2026, 12, 25))
    for step in ("核查", "立案"):
        typed = wf.transition(app_ctx, typed.id, to=step, expected_version=typed.version, reason="原因说明")
    typed = wf.transition(app_ctx, typed.id, to="责令整改", expected_version=typed.version,
                          deadline=date(2027, 1, 14))
    closed = _rectifying(app_ctx, estate, date(2026, 12, 25))
    for step in ("复查", "结案"):
        closed = wf.transition(app_ctx, closed.id, to=step, expected_version=closed.version, reason="原因说明")
    outcome = enter_calendar_year(app_ctx, parse_year_text(2027, "2027-01-01 元旦 休\n2027-01-04 元旦 休"))
    assert outcome.moves == ()
    with app_ctx.db.session() as s:
        assert s.get(Case, typed.id).deadline == date(2027, 1, 14)
        assert s.get(Case, closed.id).deadline == date(2027, 1, 18)


def test_a_refused_year_changes_nothing(app_ctx: AppContext) -> None:
    plan = parse_year_text(2027, "2027-01-01 休\n2027-01-04 调休上班")
    with pytest.raises(UserError) as caught:
        enter_calendar_year(app_ctx, plan)
    assert "调休上班日应为周六或周日" in caught.value.message
    with app_ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(CalendarDay).where(CalendarDay.day >= date(2027, 1, 1))) == 0
        assert 2027 not in covered_years(s)


def test_entering_a_year_replaces_that_year_only(app_ctx: AppContext) -> None:
    enter_calendar_year(app_ctx, parse_year_text(2027, "2027-01-01 元旦 休\n2027-05-03 劳动节 休"))
    enter_calendar_year(app_ctx, parse_year_text(2027, "2027-01-01 元旦 休"))
    with app_ctx.db.session() as s:
        days = s.scalars(select(CalendarDay.day).where(CalendarDay.day >= date(2027, 1, 1))).all()
        assert days == [date(2027, 1, 1)]
        assert s.scalar(select(func.count()).select_from(CalendarDay).where(CalendarDay.day < date(2027, 1, 1))) > 50


# Pasted text as people paste it: the house's awkward strings, lines in the accepted forms with a wrong part, and
# anything hypothesis makes up; mixed into several lines.
_LINE_PARTS = st.sampled_from(["2027-01-01", "2027年1月1日", "１月１日", "1月1日-1月3日", "1月1日至3日", "2月30日",
                               "2026-12-31", "2027-01-04", "2027-01-09", "13月1日", "1月1日-12月31日", "元旦",
                               "休", "班", "调休上班", "放假日期：", "调休上班日期：", "（周五）", "、", "共3天"])
_LINES = st.lists(st.one_of(texts, st.lists(_LINE_PARTS, max_size=5).map(" ".join)), max_size=6).map("\n".join)


@PROPERTY
@given(text=_LINES, year=st.one_of(st.just(2027), st.integers(1990, 2110)))
def test_pasted_text_is_saved_or_refused_in_chinese_with_nothing_changed(app_ctx: AppContext, text: str,
                                                                        year: int) -> None:
    def enter() -> object:
        return enter_calendar_year(app_ctx, parse_year_text(year, text))
    outcome = attempt(app_ctx, enter, text)
    if outcome is not None:
        with app_ctx.db.session() as s:
            assert year in covered_years(s)
    plan = parse_year_text(2027, text) if 2000 <= year <= 2100 else None
    for message in plan.errors + plan.warnings if plan else ():
        assert_chinese_message(UserError(message), [text])


def test_one_day_added_in_基础数据_moves_deadlines_too_but_covers_no_year(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(2026, 12, 28))
    case = _rectifying(app_ctx, make_estate(app_ctx), date(2026, 12, 25))
    assert case.deadline == date(2027, 1, 18)
    row = day_entry.create_calendar_day(app_ctx, day=date(2027, 1, 1), kind="节假日", name="元旦")
    with app_ctx.db.session() as s:
        assert s.get(Case, case.id).deadline == date(2027, 1, 19)
        notes = s.scalars(select(CaseEvent.note).where(CaseEvent.case_id == case.id)).all()
        assert 2027 not in covered_years(s)  # one day is not the year's whole list
    assert "整改期限因2027年节假日修改由 2027-01-18 调整为 2027-01-19" in notes
    day_entry.delete_calendar_day(app_ctx, row.id)
    with app_ctx.db.session() as s:
        assert s.get(Case, case.id).deadline == date(2027, 1, 18)
