"""The case state machine: every allowed and every refused move, what each needs, closing, follow-up, recurrence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from controllers.cases import states
from controllers.cases import workflow as wf
from controllers.cases.records import get_case, propose_for_category
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, ValidationError
from controllers.core.paths import DataDir
from controllers.station import settings
from controllers.storage.opening import open_data_dir
from models.cases import Referral
from models.enums import CASE_STATUSES
from tests.unit.case_fixtures import department_id, make_estate, new_case

# The specification, written out independently of the module's table.
ALLOWED = {
    "登记": {"核查", "挂账", "移交"},
    "核查": {"立案", "不予立案", "挂账", "移交"},
    "立案": {"责令整改", "挂账", "移交"},
    "不予立案": {"核查"},
    "责令整改": {"复查", "挂账", "移交"},
    "复查": {"结案", "责令整改", "挂账", "移交"},
    "结案": {"复查", "立案"},
    "挂账": {"立案"},  # back to where it left: these cases go on hold from 立案
    "移交": {"核查", "结案"},  # back to where it left (核查) or closed after the department handled it
}
PATHS = {
    "登记": [],
    "核查": ["核查"],
    "立案": ["核查", "立案"],
    "不予立案": ["核查", "不予立案"],
    "责令整改": ["核查", "立案", "责令整改"],
    "复查": ["核查", "立案", "责令整改", "复查"],
    "结案": ["核查", "立案", "责令整改", "复查", "结案"],
    "挂账": ["核查", "立案", "挂账"],
    "移交": ["核查", "移交"],
}


@pytest.fixture(scope="module")
def ctx(tmp_path_factory) -> Iterator[AppContext]:
    """One data dir for the whole matrix (each test makes its own case): 81 data dirs would be slow."""
    context = open_data_dir(DataDir(tmp_path_factory.mktemp("workflow") / "data"))
    context.estate_id = make_estate(context)  # type: ignore[attr-defined]
    yield context
    context.close()


def move(ctx, detail, to, **extra):
    args = dict(reason="原因说明", review_date=clock.today() + timedelta(days=30),
                department_id=department_id(ctx), note="备注")
    args.update(extra)
    return wf.transition(ctx, detail.id, to=to, expected_version=detail.version, **args)


def case_in(ctx, status):
    detail = new_case(ctx, ctx.estate_id)
    for step in PATHS[status]:
        detail = move(ctx, detail, step)
    assert detail.status == status
    return detail


@pytest.mark.parametrize("target", CASE_STATUSES)
@pytest.mark.parametrize("start", CASE_STATUSES)
def test_transition_matrix(ctx, start, target):
    detail = case_in(ctx, start)
    offered = {t.to for t in detail.transitions}
    assert offered == ALLOWED[start]
    events_before = len(detail.timeline)
    if target in ALLOWED[start]:
        after = move(ctx, detail, target)
        assert after.status == target and after.version == detail.version + 1
        event = after.timeline[-1]
        assert (event.from_status, event.to_status, event.actor) == (start, target, ctx.actor)
        assert event.kind == ("重新打开" if start in ("结案", "不予立案") else "状态变更")
        assert event.note.startswith("备注")
    else:
        with pytest.raises(ValidationError) as exc:
            move(ctx, detail, target)
        assert "不能直接" in exc.value.message or "已是" in exc.value.message
        unchanged = get_case(ctx, detail.id)
        assert unchanged.status == start and len(unchanged.timeline) == events_before


def test_refusal_message_says_what_to_do_first():
    assert states.refusal_message("登记", "结案") == "“登记”状态的案件不能直接结案，请先核查。"


@pytest.mark.parametrize(
    ("start", "to", "missing", "field"),
    [("核查", "不予立案", {"reason": None}, "reason"), ("立案", "挂账", {"reason": ""}, "reason"),
     ("立案", "挂账", {"review_date": None}, "review_date"), ("核查", "移交", {"department_id": None}, "department_id"),
     ("结案", "复查", {"reason": " "}, "reason"), ("立案", "责令整改", {"deadline": date(2020, 1, 1)}, "deadline")],
)
def test_moves_refuse_missing_requirements(ctx, start, to, missing, field):
    detail = case_in(ctx, start)
    with pytest.raises(ValidationError) as exc:
        move(ctx, detail, to, **missing)
    assert exc.value.field == field


def test_hold_records_reason_and_review_date_and_resumes_where_it_left(ctx):
    detail = case_in(ctx, "责令整改")
    review = clock.today() + timedelta(days=14)
    held = move(ctx, detail, "挂账", reason="当事人住院", review_date=review)
    assert (held.hold_reason, held.hold_review_date) == ("当事人住院", review)
    assert [t.to for t in held.transitions] == ["责令整改"]
    back = move(ctx, held, "责令整改")
    assert back.hold_reason is None and back.hold_review_date is None


def test_refer_creates_a_referral(ctx):
    detail = case_in(ctx, "核查")
    referred = move(ctx, detail, "移交", reason="非城管执法事项", letter_no="普城管移〔2025〕3号",
                    reply_due=clock.today() + timedelta(days=10))
    [r] = referred.referrals
    assert (r.department_name, r.reason, r.letter_no, r.status) == ("区规划资源局", "非城管执法事项",
                                                                    "普城管移〔2025〕3号", "待回复")
    with ctx.db.session() as s:
        assert s.scalar(select(Referral.case_id).where(Referral.id == r.id)) == detail.id


def test_rectification_deadline_defaults_to_the_category_proposal(ctx):
    detail = case_in(ctx, "立案")
    ordered = move(ctx, detail, "责令整改", deadline=None, on=date(2025, 9, 26))
    assert ordered.deadline == propose_for_category(ctx, detail.category_id, start=date(2025, 9, 26)).deadline
    assert "整改期限定为 2025-10-23" in ordered.timeline[-1].note
    again = move(ctx, move(ctx, ordered, "复查"), "责令整改", deadline=clock.today() + timedelta(days=5))
    assert again.deadline == clock.today() + timedelta(days=5)


def test_closing_sets_follow_up_from_settings_and_reopening_clears_it(ctx):
    settings.set_followup_days(ctx, 30)
    try:
        detail = case_in(ctx, "复查")
        closed = move(ctx, detail, "结案", on=date(2025, 5, 1))
        assert closed.closed_on == date(2025, 5, 1) and closed.followup_due == date(2025, 5, 31)
        assert closed.followup_is_due  # today is after 2025-05-31
        reopened = move(ctx, closed, "复查", reason="整改后又反弹")
        assert reopened.closed_on is None and reopened.followup_due is None
        assert reopened.timeline[-1].kind == "重新打开" and "整改后又反弹" in reopened.timeline[-1].note
    finally:
        settings.set_followup_days(ctx, 90)


def test_follow_up_without_recurrence(ctx):
    closed = move(ctx, case_in(ctx, "复查"), "结案", on=date(2025, 5, 1))
    assert wf.record_followup(ctx, closed.id, found_again=False, note="已拆除，未反弹", on=date(2025, 8, 1)) is None
    after = get_case(ctx, closed.id)
    assert after.followup_done_on == date(2025, 8, 1) and not after.followup_pending
    assert after.timeline[-1].kind == "回头看"
    with pytest.raises(ValidationError):
        wf.record_followup(ctx, closed.id, found_again=False, note="再看一次", on=date(2025, 8, 2))


def test_follow_up_finding_it_again_opens_a_linked_case(ctx):
    closed = move(ctx, case_in(ctx, "复查"), "结案", on=date(2025, 5, 1))
    new = wf.record_followup(ctx, closed.id, found_again=True, note="原处又搭了雨棚", on=date(2025, 8, 1))
    assert new is not None and new.id != closed.id
    assert new.recurrence_of.id == closed.id and new.status == "登记"
    assert (new.category_id, new.estate_id, new.place, new.found_date) == (
        closed.category_id, closed.estate_id, closed.place, date(2025, 8, 1))
    old = get_case(ctx, closed.id)
    assert [c.id for c in old.recurrences] == [new.id]
    assert new.number in old.timeline[-1].note


def test_follow_up_only_for_closed_cases(ctx):
    detail = case_in(ctx, "复查")
    with pytest.raises(ValidationError):
        wf.record_followup(ctx, detail.id, found_again=False, note="看过", on=date(2025, 8, 1))


def test_stale_version_is_refused(ctx):
    detail = case_in(ctx, "登记")
    move(ctx, detail, "核查")
    with pytest.raises(ConflictError):
        move(ctx, detail, "核查")  # still holding the version from before
