"""Deadlines past the calendar's covered years are marked wherever they are shown, and 工作台 reminds the
administrator to enter next year's holidays from December on (issue 18.7)."""

from __future__ import annotations

import re
from datetime import date, datetime

from pypdf import PdfReader

from controllers.briefs.case_brief import write_case_brief
from controllers.cases import listing as case_list
from controllers.cases import records as case_records
from controllers.cases import workflow as wf
from controllers.complaints import entry as complaints
from controllers.complaints import listing as complaint_list
from controllers.core.context import AppContext
from controllers.core.permissions import SUPERVISOR, SignedInUser
from controllers.core.workdays import ESTIMATE_NOTE, seeded_years
from controllers.dashboard.today import today_work
from controllers.holidays.year_entry import enter_calendar_year
from controllers.reference.calendar_year import parse_year_text
from tests.unit.case_fixtures import category_id, department_id, make_complaint, make_estate, new_case

NEXT = max(seeded_years()) + 1  # the first year the seed does not cover


def _ordered_case(ctx: AppContext, found: date):
    detail = new_case(ctx, make_estate(ctx), found_date=found)
    for step in ("核查", "立案", "责令整改"):
        detail = wf.transition(ctx, detail.id, to=step, expected_version=detail.version, reason="原因说明")
    return detail


def test_a_deadline_into_an_uncovered_year_is_marked_everywhere_until_the_year_is_entered(
        app_ctx: AppContext, pin_clock, tmp_path) -> None:
    pin_clock(date(NEXT - 1, 12, 29))
    case = _ordered_case(app_ctx, date(NEXT - 1, 12, 28))
    assert case.deadline is not None and case.deadline.year == NEXT
    assert case.deadline_note == ESTIMATE_NOTE  # the case window
    proposal = case_records.propose_for_category(app_ctx, category_id(app_ctx), start=date(NEXT - 1, 12, 29))
    assert proposal.deadline_note == ESTIMATE_NOTE  # the new-case form's proposal
    row = next(r for r in case_list.fetch_window(app_ctx, case_list.CaseFilter()) if r.id == case.id)
    assert row.deadline_note == ESTIMATE_NOTE  # the case list's deadline column
    complaint = make_complaint(app_ctx, None, channel="来电", received_at=datetime(NEXT - 1, 12, 28, 2, 0),
                               reply_due=date(NEXT, 1, 4))
    assert complaints.get_complaint(app_ctx, complaint).reply_due_note == ESTIMATE_NOTE  # the handling dialog
    crow = next(r for r in complaint_list.fetch_window(app_ctx, complaint_list.ComplaintFilter()) if r.id == complaint)
    assert crow.reply_due_note == ESTIMATE_NOTE  # the complaint list
    work = today_work(app_ctx)
    assert [i.due_note for i in work.section("complaints").items] == [ESTIMATE_NOTE]  # 工作台's today list
    brief = write_case_brief(app_ctx, case.id, tmp_path / "brief.pdf")
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(brief.path).pages))
    assert ESTIMATE_NOTE in text  # the case brief PDF

    enter_calendar_year(app_ctx, parse_year_text(NEXT, f"{NEXT}-01-01 元旦 休"))
    assert case_records.get_case(app_ctx, case.id).deadline_note == ""
    assert complaints.get_complaint(app_ctx, complaint).reply_due_note == ""
    assert all(i.due_note == "" for s in today_work(app_ctx).sections for i in s.items)


def test_a_deadline_inside_the_covered_years_is_not_marked(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(NEXT - 1, 6, 1))
    case = _ordered_case(app_ctx, date(NEXT - 1, 6, 1))
    assert case.deadline_note == ""
    assert all(r.deadline_note == "" for r in case_list.fetch_window(app_ctx, case_list.CaseFilter()))


def test_the_reminder_comes_in_december_and_goes_once_next_year_is_entered(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(NEXT - 1, 6, 15))
    assert today_work(app_ctx).calendar_reminder == ""
    pin_clock(date(NEXT - 1, 12, 1))
    assert f"请录入{NEXT}年的节假日" in today_work(app_ctx).calendar_reminder
    pin_clock(date(NEXT, 3, 1))  # the year came and nobody entered it: said louder
    assert f"尚未录入{NEXT}年的节假日" in today_work(app_ctx).calendar_reminder
    enter_calendar_year(app_ctx, parse_year_text(NEXT, f"{NEXT}-01-01 元旦 休"))
    assert today_work(app_ctx).calendar_reminder == ""


def test_the_reminder_is_for_those_who_may_enter_holidays(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(NEXT - 1, 12, 10))
    app_ctx.sign_in(SignedInUser(username="督导", display_name="督导", role=SUPERVISOR))
    assert today_work(app_ctx).calendar_reminder == ""


def test_a_referral_awaiting_a_reply_into_an_uncovered_year_is_marked(app_ctx: AppContext, pin_clock,
                                                                      tmp_path) -> None:
    pin_clock(date(NEXT - 1, 12, 28))
    detail = new_case(app_ctx, make_estate(app_ctx), found_date=date(NEXT - 1, 12, 28))
    detail = wf.transition(app_ctx, detail.id, to="核查", expected_version=detail.version, reason="原因说明")
    detail = wf.transition(app_ctx, detail.id, to="移交", expected_version=detail.version, reason="移交规划资源局",
                           department_id=department_id(app_ctx), reply_due=date(NEXT, 1, 11))
    assert [r.reply_due_note for r in detail.referrals] == [ESTIMATE_NOTE]
    brief = write_case_brief(app_ctx, detail.id, tmp_path / "brief.pdf")
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(brief.path).pages))
    assert f"{NEXT}-01-11（估算）" in text and f"注：标“（估算）”的日期：{ESTIMATE_NOTE}" in text
