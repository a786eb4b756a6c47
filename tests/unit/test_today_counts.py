"""今日工作's counts read as index ranges (a part as the whole less its small complement) and its referrals listed in
the (status, reply_due) index's order are what a plain reading of every row gives, on generated ledgers, on both
engines (`--engine=postgresql`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from controllers.core.context import AppContext
from controllers.dashboard.today import today_work
from models.cases import Case, Referral, format_case_number
from models.complaints import Complaint
from models.enums import CASE_STATUSES, COMPLAINT_STATUSES, REFERRAL_STATUSES
from models.reference import Category, Department, Estate, Street

TODAY = date(2026, 6, 10)
near = st.integers(-3, 3).map(lambda n: TODAY + timedelta(days=n))  # before, on and after today
maybe_day = st.none() | near
complaint_rows = st.lists(st.tuples(st.sampled_from(COMPLAINT_STATUSES), maybe_day), max_size=20)
# (status, followup due, followup done, hold review date, referrals: (status, reply due))
case_rows = st.lists(st.tuples(st.sampled_from(CASE_STATUSES), maybe_day, st.booleans(), maybe_day,
                               st.lists(st.tuples(st.sampled_from(REFERRAL_STATUSES), maybe_day), max_size=3)),
                     max_size=15)


def _fill(ctx: AppContext, complaints: list, cases: list) -> None:
    with ctx.db.session() as s:
        for table in (Referral, Complaint, Case):
            s.execute(delete(table))
        street = s.scalars(select(Street).order_by(Street.id).limit(1)).one()
        estate = s.scalars(select(Estate).order_by(Estate.id).limit(1)).first()
        if estate is None:
            estate = Estate(name="生成小区", street=street)
            s.add(estate)
        category = s.scalars(select(Category).order_by(Category.id).limit(1)).one()
        dept = s.scalars(select(Department).order_by(Department.id).limit(1)).one()
        for status, due in complaints:
            s.add(Complaint(channel="来电", content="生成的诉件", received_at=datetime(2026, 6, 1, 2), status=status,
                            reply_due=due, estate=estate))
        for i, (status, followup_due, done, hold, referrals) in enumerate(cases, start=1):
            c = Case(number=format_case_number(2026, street.short_name, i), year=2026, street=street, seq=i,
                     category=category, estate=estate, source="巡查发现", found_date=date(2026, 5, 1), status=status,
                     followup_due=followup_due, followup_done_on=TODAY if done else None, hold_review_date=hold,
                     facts="生成的案件")
            s.add(c)
            s.flush()
            for r_status, r_due in referrals:
                s.add(Referral(case_id=c.id, department_id=dept.id, referred_on=date(2026, 5, 2), reply_due=r_due,
                               status=r_status))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(complaints=complaint_rows, cases=case_rows)
def test_today_counts_are_what_a_plain_reading_counts(app_ctx, pin_clock, complaints, cases):
    pin_clock(TODAY)
    _fill(app_ctx, complaints, cases)
    work = today_work(app_ctx, today=TODAY)
    with app_ctx.db.session() as s:
        plain_complaints = s.execute(select(Complaint.status, Complaint.reply_due)).all()
        plain_cases = s.execute(select(Case.id, Case.status, Case.followup_due, Case.followup_done_on,
                                       Case.hold_review_date)).all()
        plain_referrals = s.execute(select(Referral.id, Referral.case_id, Referral.status, Referral.reply_due)).all()

    awaiting = [due for status, due in plain_complaints if status != "已回复"]
    section = work.section("complaints")
    callbacks = sum(1 for status, _d in plain_complaints if status == "已回复")  # received in the window, no callback
    assert (section.total, section.overdue) == (len(awaiting) + callbacks,
                                                sum(1 for due in awaiting if due is not None and due < TODAY))

    followup = [due for _i, status, due, done, _h in plain_cases
                if status == "结案" and done is None and due is not None and due <= TODAY]
    assert (work.section("followup").total, work.section("followup").overdue) == (
        len(followup), sum(1 for due in followup if due < TODAY))
    hold = [h for _i, status, _f, _d, h in plain_cases if status == "挂账" and h is not None and h <= TODAY]
    assert (work.section("on_hold").total, work.section("on_hold").overdue) == (
        len(hold), sum(1 for h in hold if h < TODAY))

    waiting = [(rid, case_id, due) for rid, case_id, status, due in plain_referrals if status == "待回复"]
    section = work.section("referrals")
    assert (section.total, section.overdue) == (len(waiting),
                                                sum(1 for _r, _c, due in waiting if due is not None and due < TODAY))
    ordered = sorted(waiting, key=lambda r: (r[2] is None, r[2] or TODAY, r[0]))
    assert [(i.id, i.due) for i in section.items] == [(c, due) for _r, c, due in ordered][:len(section.items)]
    assert len(section.items) == min(len(ordered), 30)


OPEN = ("待处理", "处理中", "已办结")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(complaints=st.lists(st.tuples(st.sampled_from((*COMPLAINT_STATUSES, "已办结", "已办结", "已办结", "已办结")),
                                     maybe_day), min_size=60, max_size=120))
def test_today_lists_the_oldest_of_each_open_status_soonest_due_first(app_ctx, pin_clock, complaints):
    """60-120 complaints, mostly 已办结, so a status may hold enough of them to be read by walking the primary key (more
    than the square root of 30 x all of them), and sorted from its index range when fewer
    (controllers.dashboard.today._oldest_first): the list is the same either way."""
    pin_clock(TODAY)
    _fill(app_ctx, complaints, [])
    items = [i for i in today_work(app_ctx, today=TODAY).section("complaints").items if i.note == "待答复"]
    with app_ctx.db.session() as s:
        plain = s.execute(select(Complaint.id, Complaint.status, Complaint.reply_due).order_by(Complaint.id)).all()
    oldest = [row for status in OPEN for row in [(cid, due) for cid, st_, due in plain if st_ == status][:30]]
    expected = sorted(oldest, key=lambda r: (r[1] is None, r[1] or TODAY, r[0]))[:30]
    assert [(i.id, i.due) for i in items] == expected
