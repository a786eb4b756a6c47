"""督办单: issued by a supervisor on a case, complaint, referral or action item, answered, closed, on the timeline,
numbered 督办〔年〕N号 per station and year, printed as one A4 notice; refusals in Chinese leave nothing behind."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from controllers.cases import records as case_records
from controllers.cases import referrals as case_referrals
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import STAFF, SUPERVISOR, PermissionDenied, SignedInUser
from controllers.meetings import actions as meeting_actions
from controllers.meetings import records as meetings
from controllers.orders import notice_pdf
from controllers.orders.records import (
    OrderInput,
    answer_order,
    close_order,
    issue_order,
    list_orders,
    order_number,
    orders_for,
)
from models.supervision import SupervisionOrder
from tests.unit.bad_input_kit import PROPERTY, attempt, ints, texts
from tests.unit.case_fixtures import department_id, make_complaint, make_estate, make_staff, new_case

MONDAY = date(2025, 3, 10)


def _sign_in(ctx: AppContext, role: str) -> None:
    ctx.sign_in(SignedInUser(username=f"u-{role}", display_name=f"{role}甲", role=role, user_id=1))


def test_order_on_a_case_is_numbered_on_the_timeline_answered_and_closed(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(MONDAY)
    officer = make_staff(app_ctx, "王明")
    case = new_case(app_ctx, officer_id=officer)
    _sign_in(app_ctx, SUPERVISOR)
    first = issue_order(app_ctx, OrderInput("案件", case.id, "慢作为", "十个工作日无进展", working_days=5))
    second = issue_order(app_ctx, OrderInput("案件", case.id, "不作为", "未按期复查", working_days=3))
    assert (first.number_text, second.number_text) == ("督办〔2025〕1号", "督办〔2025〕2号")
    # The case's officer is pressed by default; 5 working days from Monday 10 March is Monday 17 March.
    assert (first.addressee, first.staff_id, first.deadline) == ("王明", officer, date(2025, 3, 17))
    assert first.status == "待办理"
    _sign_in(app_ctx, STAFF)
    answered = answer_order(app_ctx, first.id, answer="已约谈当事人，拆除中")
    assert (answered.status, answered.answered_by) == ("已答复", "工作人员甲")
    _sign_in(app_ctx, SUPERVISOR)
    closed = close_order(app_ctx, first.id, note="核实已拆除")
    assert closed.status == "已办结" and [o.number for o in list_orders(app_ctx, open_only=True)] == [2]
    notes = [e.note for e in case_records.get_case(app_ctx, case.id).timeline if e.note and "督办〔2025〕1号" in e.note]
    assert len(notes) == 3 and "慢作为" in notes[0] and "答复" in notes[1] and "办结" in notes[2]


def test_numbers_restart_each_year_and_items_without_timeline_keep_the_orders_history(app_ctx: AppContext,
                                                                                       pin_clock) -> None:
    pin_clock(date(2025, 12, 30))
    complaint = make_complaint(app_ctx, make_estate(app_ctx), work_order_no="GD2025-001")
    issue_order(app_ctx, OrderInput("诉件", complaint, "慢作为", "逾期未回复", addressee="受理组"))
    pin_clock(date(2026, 1, 5))
    order = issue_order(app_ctx, OrderInput("诉件", complaint, "其他", "回访不满意", addressee="受理组"))
    assert order.number_text == "督办〔2026〕1号" and order.subject_label == "诉件 GD2025-001"
    answer_order(app_ctx, order.id, answer="已重新答复")
    history = [step for o in orders_for(app_ctx, "诉件", complaint) for step in o.history]
    assert [what.split(" ")[1][:2] for _day, _who, what in history] == ["下达", "下达", "答复"]


def test_referral_presses_its_department_and_the_action_item_its_owner(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(MONDAY)
    case = new_case(app_ctx)
    referral = case_referrals.refer_case(app_ctx, case.id, department_id=department_id(app_ctx), reason="违法建筑",
                                         referred_on=date(2025, 2, 1))
    order = issue_order(app_ctx, OrderInput("移交", referral.id, "慢作为", "逾期未回函"))
    assert order.addressee == "区规划资源局" and order.case_id == case.id
    assert any("督办〔2025〕1号" in (e.note or "") for e in case_records.get_case(app_ctx, case.id).timeline)
    meeting = meetings.create_meeting(app_ctx, kind="例会", held_on=date(2025, 2, 1), title="例会")
    action = meeting_actions.add_action(app_ctx, meeting.id, description="清理楼道堆物", owner="物业李经理")
    order = issue_order(app_ctx, OrderInput("会商事项", action.id, "不作为", "未落实"))
    assert order.addressee == "物业李经理" and order.case_id is None


def test_refusals_in_chinese(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(MONDAY)
    case = new_case(app_ctx)  # no officer: the supervisor must say who is pressed
    with pytest.raises(ValidationError, match="请指定督办对象"):
        issue_order(app_ctx, OrderInput("案件", case.id, "慢作为", "无进展"))
    with pytest.raises(NotFoundError):
        issue_order(app_ctx, OrderInput("案件", 10**6, "慢作为", "无进展", addressee="王明"))
    order = issue_order(app_ctx, OrderInput("案件", case.id, "慢作为", "无进展", addressee="王明"))
    with pytest.raises(ValidationError, match="尚未答复"):
        close_order(app_ctx, order.id)
    _sign_in(app_ctx, STAFF)
    with pytest.raises(PermissionDenied, match="不能下达或办结督办单"):
        issue_order(app_ctx, OrderInput("案件", case.id, "慢作为", "无进展", addressee="王明"))
    _sign_in(app_ctx, SUPERVISOR)
    with pytest.raises(PermissionDenied, match="不能答复督办单"):
        answer_order(app_ctx, order.id, answer="好")


@PROPERTY
@given(data=st.data())
def test_bad_orders_are_refused_in_chinese_and_change_nothing(app_ctx: AppContext, data: st.DataObject) -> None:
    case_id = _one_case(app_ctx)
    item = OrderInput(
        data.draw(st.sampled_from(["案件", "诉件", "督办", ""])),
        data.draw(st.one_of(st.just(case_id), ints)),
        data.draw(st.one_of(st.sampled_from(["慢作为", "不作为", "瞎作为"]), texts)),
        data.draw(texts), working_days=data.draw(st.one_of(ints, texts)),
        addressee=data.draw(st.one_of(st.none(), texts)))
    made = attempt(app_ctx, lambda: issue_order(app_ctx, item, today=MONDAY), item.reason_text, item.addressee)
    if made is not None:
        assert 1 <= made.working_days <= 60 and made.reason_text.strip()
        attempt(app_ctx, lambda: answer_order(app_ctx, made.id, answer=data.draw(texts)))


def _one_case(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        from models.cases import Case

        found = s.scalar(select(Case.id).limit(1))
    return found or new_case(ctx).id


def test_notice_is_one_a4_page_with_the_number(app_ctx: AppContext, tmp_path: Path, pin_clock) -> None:
    pin_clock(MONDAY)
    case = new_case(app_ctx, officer_id=make_staff(app_ctx, "王明"))
    order = issue_order(app_ctx, OrderInput("案件", case.id, "慢作为", "联系电话13912345678的当事人未整改"))
    result = notice_pdf.write_order_notice(app_ctx, order.id, tmp_path / "督办.pdf")
    assert result.pages == 1 and result.number == 1
    text = subprocess.run(["pdftotext", "-layout", str(result.path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "督办〔2025〕1号" in text and "督办通知单" in text and "王明" in text
    assert "13912345678" not in text and "139****5678" in text


def test_order_number_form() -> None:
    assert order_number(2026, 12) == "督办〔2026〕12号"


def test_orders_table_keeps_one_subject(app_ctx: AppContext) -> None:
    from sqlalchemy.exc import IntegrityError

    case = new_case(app_ctx)
    with pytest.raises(IntegrityError), app_ctx.db.session() as s:
        s.add(SupervisionOrder(station_name="站", year=2025, number=1, subject="案件", subject_label="x", reason="其他",
                               reason_text="x", addressee="x", issued_on=MONDAY, issued_by="x", working_days=1,
                               deadline=MONDAY, status="待办理"))
    assert case.id
