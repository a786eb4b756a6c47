"""controllers.demo.generator: realistic, consistent, reproducible demo data that never mixes with real data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from controllers.cases.records import get_case
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.paths import DataDir
from controllers.core.permissions import STAFF, SignedInUser
from controllers.dashboard.today import today_work
from controllers.demo.base import DemoEnv
from controllers.demo.generator import generate_demo
from controllers.orders.records import list_orders
from controllers.storage.opening import open_data_dir
from controllers.supervision.warnings import MIN_COUNT, early_warnings
from models.admin import CalendarDay, User
from models.cases import Case, CaseEvent, Referral
from models.complaints import Complaint
from models.reference import Category, Estate, EstatePopulation, Staff
from models.trainings import Training, TrainingAttendee, TrainingKind

SMALL = {"cases": 300, "complaints": 500, "trainings": 10}


@pytest.fixture
def demo_ctx(app_ctx: AppContext) -> AppContext:
    generate_demo(app_ctx, **SMALL, seed=3)
    return app_ctx


@pytest.fixture
def other_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    ctx = open_data_dir(DataDir(tmp_path_factory.mktemp("other") / "data"))
    yield ctx
    ctx.close()


def _cases(ctx: AppContext) -> list[tuple[str, str, str]]:
    with ctx.db.session() as s:
        return [tuple(r) for r in s.execute(select(Case.number, Case.facts, Case.status).order_by(Case.id))]


def test_same_seed_gives_the_same_data_and_another_seed_other_data(demo_ctx: AppContext, other_ctx: AppContext,
                                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    generate_demo(other_ctx, **SMALL, seed=3)
    assert _cases(demo_ctx) == _cases(other_ctx)
    third = open_data_dir(DataDir(tmp_path_factory.mktemp("third") / "data"))
    try:
        generate_demo(third, **SMALL, seed=4)
        assert _cases(third) != _cases(demo_ctx)
    finally:
        third.close()


def test_refuses_negative_counts_and_a_second_run(demo_ctx: AppContext, other_ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="负数"):
        generate_demo(other_ctx, cases=-1, complaints=0, trainings=0, seed=1)
    with pytest.raises(ValidationError, match="已有"):
        generate_demo(demo_ctx, cases=1, complaints=1, trainings=0, seed=1)
    with demo_ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == SMALL["cases"]


def test_timeline_matches_each_cases_status(demo_ctx: AppContext) -> None:
    with demo_ctx.db.session() as s:
        for case in s.scalars(select(Case)):
            events = [e for e in case.events if e.kind not in ("回头看", "备注")]  # notes (督办) change no state
            assert events[0].kind == "创建" and events[0].to_status == "登记"
            assert events[-1].to_status == case.status
            assert [e.at for e in case.events] == sorted(e.at for e in case.events)
            assert all(e.actor for e in events)
            assert {r.annex_no for r in case.regulations} >= ({2} if case.category.code != "C99" else set())
            if case.status == "结案":
                assert case.closed_on and case.followup_due == case.closed_on + timedelta(days=90)
            if case.status == "挂账":
                assert case.hold_reason and case.hold_review_date
            if case.status in ("责令整改", "复查", "结案", "挂账"):
                assert case.deadline is not None and case.measures
            if case.status == "移交":
                assert case.referrals
        assert s.scalar(select(func.count()).select_from(CaseEvent)) > SMALL["cases"] * 2
        assert s.scalar(select(func.count()).select_from(Referral)) > 0


def test_working_day_deadlines_skip_weekends_and_holidays(demo_ctx: AppContext) -> None:
    with demo_ctx.db.session() as s:
        holidays = set(s.scalars(select(CalendarDay.day).where(CalendarDay.kind == "节假日")))
        makeup = set(s.scalars(select(CalendarDay.day).where(CalendarDay.kind == "调休上班")))

        def working(d: date) -> bool:
            return d in makeup or (d.weekday() < 5 and d not in holidays)

        checked = 0
        for case in s.scalars(select(Case).join(Category).where(Case.deadline.is_not(None), Category.working_days)):
            ordered = next(e for e in case.events if e.to_status == "责令整改").at.date()
            days = [ordered + timedelta(days=i) for i in range(1, (case.deadline - ordered).days + 1)]
            assert working(case.deadline)
            assert sum(working(d) for d in days) == case.category.deadline_days
            checked += 1
        assert checked > 10


def test_reference_side_is_plausible(demo_ctx: AppContext) -> None:
    with demo_ctx.db.session() as s:
        estates = list(s.scalars(select(Estate)))
        assert len(estates) >= 30 and sum(e.pilot for e in estates) == 15
        assert len({e.street_id for e in estates}) == 10
        assert all(e.residents_committee and e.address and e.households for e in estates)
        pops = list(s.scalars(select(EstatePopulation.population)))
        assert pops and all(700 <= p <= 13000 for p in pops)
        assert all(1 <= len(e.populations) <= 3 for e in estates)
        assert s.scalar(select(func.count()).select_from(Staff)) == 30
        kinds = set(s.scalars(select(TrainingKind.name).join(Training, Training.kind_id == TrainingKind.id)))
        assert kinds == set(s.scalars(select(TrainingKind.name)))
        assert s.scalar(select(func.count()).where(TrainingAttendee.property_company_id.is_not(None))) > 0
        phones = list(s.scalars(select(Complaint.complainant_phone).where(Complaint.complainant_phone.is_not(None))))
        assert all(p.startswith(("1380000", "1390000", "1580000", "1860000", "1770000", "1350000", "1500000",
                                 "1880000")) for p in phones)
        assert s.scalar(select(func.count()).where(Complaint.case_id.is_not(None))) > 0


def test_zero_counts_give_reference_side_only(app_ctx: AppContext) -> None:
    summary = generate_demo(app_ctx, cases=0, complaints=0, trainings=0, seed=1)
    assert summary["cases"] == summary["complaints"] == summary["trainings"] == 0
    assert summary["estates"] == 30


def test_add_working_days_skips_weekends_holidays_and_counts_makeup_days() -> None:
    env = DemoEnv(1, date(2024, 9, 27), holidays={date(2024, 10, d) for d in range(1, 8)},
                  makeup_days={date(2024, 10, 12)}, progress=None)
    friday = env.today_idx  # 2024-09-27 is a Friday
    assert env.days[env.add_days(friday, 1, True)] == date(2024, 9, 30)
    assert env.days[env.add_days(friday, 2, True)] == date(2024, 10, 8)  # National Day week skipped
    assert env.days[env.add_days(friday, 5, True)] == date(2024, 10, 11)
    assert env.days[env.add_days(friday, 6, True)] == date(2024, 10, 12)  # a Saturday made a working day
    assert env.days[env.add_days(friday, 3, False)] == date(2024, 9, 30)


@pytest.mark.sqlite_file  # the deferral is SQLite's ignore_check_constraints pragma
def test_checks_skipped_during_the_load_are_verified_after_it(app_ctx: AppContext) -> None:
    from sqlalchemy.exc import IntegrityError

    from controllers.demo.base import deferred_checks
    from models.base import Base
    from models.reference import Street

    with pytest.raises(RuntimeError, match="streets"), app_ctx.db.engine.begin() as conn, \
            deferred_checks(conn, Base.metadata):
        conn.exec_driver_sql("INSERT INTO streets (id, uuid, created_at, updated_at, name, short_name, kind, "
                             "sort_order) VALUES (99, 'x', '2024-01-01', '2024-01-01', '某街道', '某', '区', 0)")
    with app_ctx.db.session() as s:
        assert s.get(Street, 99) is None  # rolled back
    # The connection goes back to the pool enforcing CHECK constraints again.
    with pytest.raises(IntegrityError), app_ctx.db.session() as s:
        s.add(Street(name="某街道", short_name="某", kind="区"))


def test_demo_replies_use_the_reply_templates(demo_ctx: AppContext) -> None:
    """Most demo replies are a category's template filled in (issue 21): no field left unfilled, none personal."""
    with demo_ctx.db.session() as s:
        replies = list(s.scalars(select(Complaint.reply).where(Complaint.reply.is_not(None))))
        names = set(s.scalars(select(Complaint.complainant_name).where(Complaint.complainant_name.is_not(None))))
    templated = [r for r in replies if r.startswith("您好！您反映的")]
    assert len(templated) > len(replies) / 2
    assert not any("{" in r or "（待填写）" in r for r in templated)
    assert not any(n in r for r in templated for n in names if len(n) >= 2)


def test_demo_has_supervision_orders_in_every_state_and_early_warnings(demo_ctx: AppContext) -> None:
    """Issue 20: the 督查督办 page and the 工作台 show something real in the demo."""
    orders = list_orders(demo_ctx)
    assert {o.status for o in orders} == {"待办理", "已答复", "已办结"} and len(orders) >= 3
    assert any(o.overdue for o in orders)  # one still waiting past its deadline
    assert [o.number for o in sorted(orders, key=lambda o: o.issued_on)] == list(range(1, len(orders) + 1))
    for o in orders:
        assert o.staff_id is not None and o.case_id is not None and o.deadline > o.issued_on
        notes = [e.note or "" for e in get_case(demo_ctx, o.case_id).timeline]
        assert sum(o.number_text in n for n in notes) == {"待办理": 1, "已答复": 2, "已办结": 3}[o.status]
    # The officer pressed finds the open one on the 工作台 (a staff account linked to them).
    pressed = next(o for o in orders if o.status == "待办理")
    with demo_ctx.db.session() as s:
        user = User(username="officer", display_name="承办人", password_hash="x", role=STAFF, staff_id=pressed.staff_id)
        s.add(user)
        s.flush()
        user_id = user.id
    demo_ctx.sign_in(SignedInUser(username="officer", display_name="承办人", role=STAFF, user_id=user_id))
    listed = [i.id for i in today_work(demo_ctx).section("orders").items]
    assert pressed.id in listed
    found = early_warnings(demo_ctx)
    assert len(found.estates) >= 3 and found.widespread
    assert all(w.recent >= MIN_COUNT for w in found.estates)


@pytest.mark.parametrize("local_hour", [2, 12, 23])
def test_demo_stamps_never_run_more_than_a_day_ahead(app_ctx: AppContext, local_hour: int) -> None:
    """Made at any hour of Shanghai's day (02:00 is 18:00 UTC the day before), no record is stamped later than an
    exchange package may be (latest_allowed): a demo station's package is taken by any other station."""
    from datetime import datetime

    from controllers.core import clock
    from controllers.exchange.manifest import latest_allowed

    with clock.pin(datetime(2026, 12, 8, local_hour, tzinfo=clock.SHANGHAI)):
        generate_demo(app_ctx, cases=150, complaints=300, trainings=10, seed=5)
        latest = latest_allowed()
    with app_ctx.db.session() as s:
        for model in (Case, CaseEvent, Complaint, Referral, Training):
            newest = s.scalar(select(func.max(model.updated_at)))
            assert newest is not None and newest <= latest, (model.__tablename__, newest, latest)
            assert s.scalar(select(func.max(model.created_at))) <= latest
        assert s.scalar(select(func.max(Complaint.received_at))) <= latest
