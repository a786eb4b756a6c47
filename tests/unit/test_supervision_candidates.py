"""督办线索: each rule finds the item that looks like 不作为/慢作为/乱作为 and says why; an item already pressed by an
open order leaves the list; the per-state days are a station setting."""

from __future__ import annotations

from datetime import date

import pytest

from controllers.cases import referrals as case_referrals
from controllers.cases import workflow as case_workflow
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.meetings import actions as meeting_actions
from controllers.meetings import records as meetings
from controllers.orders.records import OrderInput, issue_order
from controllers.station.settings import get_stale_days, set_stale_days
from controllers.supervision.candidates import RULES, candidates
from models.complaints import Complaint
from tests.unit.case_fixtures import department_id, make_complaint, make_estate, make_staff, new_case

FOUND = date(2025, 3, 5)
TODAY = date(2025, 4, 30)


def _by_rule(ctx: AppContext) -> dict[str, list[tuple[str, int, str]]]:
    groups = candidates(ctx, today=TODAY)
    assert [g.rule for g in groups] == list(RULES)
    return {g.rule: [(c.subject, c.subject_id, c.reason) for c in g.items] for g in groups}


def test_each_rule_finds_its_item_and_an_open_order_takes_it_off(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(FOUND)
    estate = make_estate(app_ctx)
    stale = new_case(app_ctx, estate, officer_id=make_staff(app_ctx, "王明"))  # 登记 since 5 March: no event since
    overdue = new_case(app_ctx, estate)
    case_workflow.transition(app_ctx, overdue.id, to="核查", expected_version=overdue.version)
    referral = case_referrals.refer_case(app_ctx, overdue.id, department_id=department_id(app_ctx), reason="违建",
                                         referred_on=FOUND, reply_due=date(2025, 3, 20))
    late = make_complaint(app_ctx, estate, reply_due=date(2025, 4, 1), work_order_no="GD-1")
    unhappy = make_complaint(app_ctx, estate, status="已回复", satisfaction="不满意", callback_on=date(2025, 4, 2),
                             work_order_no="GD-2")
    root = make_complaint(app_ctx, estate, status="已回复", work_order_no="GD-3")
    for n in (4, 5):
        make_complaint(app_ctx, estate, status="已回复", repeat_of_id=root, work_order_no=f"GD-{n}")
    meeting = meetings.create_meeting(app_ctx, kind="例会", held_on=FOUND, title="例会")
    action = meeting_actions.add_action(app_ctx, meeting.id, description="清理堆物", owner="物业", due=date(2025, 4, 1))
    pin_clock(TODAY)
    found = _by_rule(app_ctx)
    assert ("案件", stale.id, "慢作为") in found["stale_case"]
    assert ("移交", referral.id, "慢作为") in found["referral"]
    assert ("诉件", late, "慢作为") in found["complaint_overdue"]
    assert ("诉件", unhappy, "不作为") in found["complaint_unsatisfied"]
    assert found["repeat_group"] == [("诉件", root, "不作为")]
    assert found["action"] == [("会商事项", action.id, "慢作为")]
    stale_item = next(c for g in candidates(app_ctx, today=TODAY) for c in g.items if c.subject_id == stale.id)
    assert stale_item.addressee == "王明" and "登记阶段已 3 个工作日以上无进展" in stale_item.why
    issue_order(app_ctx, OrderInput("案件", stale.id, "慢作为", "无进展"))
    issue_order(app_ctx, OrderInput("诉件", root, "不作为", "重复诉件", addressee="受理组"))
    after = _by_rule(app_ctx)
    assert ("案件", stale.id, "慢作为") not in after["stale_case"] and after["repeat_group"] == []


def test_a_reopened_case_is_a_wrong_action_candidate(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(FOUND)
    case = new_case(app_ctx)
    version = case.version
    for to in ("核查", "不予立案", "核查"):  # a decision not to open a case, then reopened
        version = case_workflow.transition(app_ctx, case.id, to=to, expected_version=version,
                                           note="复核", reason="复核").version
    pin_clock(TODAY)
    assert ("案件", case.id, "乱作为") in _by_rule(app_ctx)["wrong_case"]


def test_a_case_with_recent_events_is_not_stale(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(2025, 4, 29))
    case = new_case(app_ctx, found_date=date(2025, 4, 28))
    pin_clock(TODAY)
    assert ("案件", case.id, "慢作为") not in _by_rule(app_ctx)["stale_case"]


def test_stale_days_are_a_setting_validated_as_a_whole(app_ctx: AppContext) -> None:
    assert get_stale_days(app_ctx)["立案"] == 10
    assert set_stale_days(app_ctx, {"立案": "20"})["立案"] == 20
    for bad in ({"立案": 0}, {"立案": "十"}, {"结案": 5}, {"登记": 5, "核查": 999}):
        with pytest.raises(ValidationError):
            set_stale_days(app_ctx, bad)
    assert get_stale_days(app_ctx) == {"登记": 3, "核查": 5, "立案": 20, "责令整改": 15, "复查": 5}
    assert Complaint  # the model the rules read


def test_an_edit_after_closing_is_a_wrong_action_candidate_and_an_edit_before_is_not(app_ctx: AppContext,
                                                                                     pin_clock) -> None:
    from controllers.cases.common import add_event

    pin_clock(FOUND)
    estate = make_estate(app_ctx)
    edited_late, edited_early = new_case(app_ctx, estate), new_case(app_ctx, estate)
    with app_ctx.db.session() as s:
        add_event(s, edited_early.id, actor="甲", kind="修改", note="改地点")
    pin_clock(date(2025, 3, 20))
    with app_ctx.db.session() as s:
        for cid in (edited_late.id, edited_early.id):
            add_event(s, cid, actor="甲", kind="状态变更", from_status="复查", to_status="结案")
    pin_clock(date(2025, 3, 25))
    with app_ctx.db.session() as s:
        add_event(s, edited_late.id, actor="乙", kind="修改", note="改处理结果")
    pin_clock(TODAY)
    wrong = next(g for g in candidates(app_ctx, today=TODAY) if g.rule == "wrong_case")
    assert [(c.subject_id, c.why) for c in wrong.items] == [(edited_late.id, "时间线显示结案后修改 1 次")]
    assert wrong.total == 1 and wrong.items[0].since == date(2025, 3, 25)


def test_stale_cases_are_those_without_an_event_since_their_state_cutoff(app_ctx: AppContext, pin_clock) -> None:
    """The 慢作为 rule, read as "the last event is before the state's cutoff" (one index read per open case), finds
    exactly the cases the plain definition names: an open state's case with no timeline event at or after 00:00 of
    its cutoff day, events one second either side of that instant and a case with no events at all included."""
    from datetime import timedelta

    from sqlalchemy import delete, select, update

    from controllers.core.clock import day_start
    from controllers.core.workdays import load_calendar
    from controllers.supervision.candidates import working_days_before
    from models.cases import Case, CaseEvent

    pin_clock(FOUND)
    estate = make_estate(app_ctx)
    states = ("登记", "核查", "立案", "责令整改", "复查", "结案")
    made: list[tuple[int, str, timedelta | None]] = []
    for n, state in enumerate(states):
        for offset in (timedelta(seconds=-1), timedelta(0), timedelta(seconds=1), None):
            made.append((new_case(app_ctx, estate, place=f"{n}号楼").id, state, offset))
    stale_days = get_stale_days(app_ctx)
    with app_ctx.db.session() as s:
        calendar = load_calendar(s)
        for cid, state, offset in made:
            s.execute(update(Case).where(Case.id == cid).values(status=state))
            if offset is None:  # no timeline at all
                s.execute(delete(CaseEvent).where(CaseEvent.case_id == cid))
                continue
            cutoff = working_days_before(calendar, TODAY, stale_days.get(state, 1))
            s.execute(update(CaseEvent).where(CaseEvent.case_id == cid).values(at=day_start(cutoff) + offset))
    with app_ctx.db.session() as s:
        events: dict[int, list[object]] = {}
        for cid, at in s.execute(select(CaseEvent.case_id, CaseEvent.at)):
            events.setdefault(cid, []).append(at)
    expected = {cid for cid, state, _offset in made if state in stale_days and not any(
        at >= day_start(working_days_before(calendar, TODAY, stale_days[state])) for at in events.get(cid, []))}
    pin_clock(TODAY)
    found = {sid for _subject, sid, _reason in _by_rule(app_ctx)["stale_case"]}
    assert found == expected
    assert len(expected) == 10  # per open state: the event a second early and no event; the others are recent
