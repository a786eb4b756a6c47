"""Demo patrols: two years of inspections with some estates behind, findings tied to the cases they produced."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.paths import DataDir
from controllers.core.periods import day_range
from controllers.demo.generator import generate_demo, last_day  # the demo's today (its days end there)
from controllers.inspections import coverage, findings
from controllers.storage.opening import open_data_dir
from models.cases import Case, Referral
from models.inspections import Patrol, PatrolCheck, PatrolVisit

SMALL = {"cases": 600, "complaints": 200, "trainings": 4}


@pytest.fixture
def demo_ctx(app_ctx: AppContext) -> AppContext:
    generate_demo(app_ctx, **SMALL, seed=5)
    return app_ctx


def _patrols(ctx: AppContext) -> list[tuple[object, ...]]:
    with ctx.db.session() as s:
        return [tuple(r) for r in s.execute(select(Patrol.started_at, Patrol.kind).order_by(Patrol.id))]


def test_two_years_of_patrols_cover_most_estates_and_leave_some_behind(demo_ctx: AppContext) -> None:
    today = clock.today()
    year = coverage.coverage(demo_ctx, day_range(today - timedelta(days=365), today - timedelta(days=1)))
    with_plan = [e for e in year.estates if e.counts.due]
    assert len(with_plan) >= 25
    share = year.totals.done / year.totals.due
    assert 0.75 < share < 0.98
    behind = [e for e in with_plan if e.counts.done / e.counts.due < 0.7]
    assert 1 <= len(behind) <= len(with_plan) // 3
    with demo_ctx.db.session() as s:
        kinds = set(s.scalars(select(Patrol.kind).distinct()))
        oldest = s.scalar(select(func.min(Patrol.started_at)))
    assert kinds == {"分级分类检查", "日常巡查", "专项整治", "联合检查", "夜间巡查"}
    assert clock.to_local(oldest).date() <= today - timedelta(days=700)


def test_every_patrol_found_case_comes_from_a_patrol_on_its_day_in_its_estate(demo_ctx: AppContext) -> None:
    with demo_ctx.db.session() as s:
        linked = s.execute(select(Case.id, Case.estate_id, Case.category_id, Case.found_date, Patrol.started_at,
                                  PatrolVisit.estate_id, PatrolCheck.category_id, PatrolCheck.outcome,
                                  PatrolCheck.referral_id)
                           .join(PatrolCheck, PatrolCheck.case_id == Case.id)
                           .join(PatrolVisit, PatrolVisit.id == PatrolCheck.visit_id)
                           .join(Patrol, Patrol.id == PatrolVisit.patrol_id)).all()
        referred = {c for (c,) in s.execute(select(Referral.case_id).where(Referral.case_id.is_not(None)))}
        unlinked_recent = s.scalar(select(func.count()).select_from(Case).where(
            Case.source == "巡查发现", Case.found_date >= last_day() - timedelta(days=700),
            Case.found_date < last_day(), Case.id.not_in(select(PatrolCheck.case_id).where(
                PatrolCheck.case_id.is_not(None)))))
        fixed = s.scalar(select(func.count()).select_from(PatrolCheck).where(PatrolCheck.outcome == "当场劝阻整改"))
    assert len(linked) > 50 and fixed > 10
    for case_id, estate, category, found, at, v_estate, v_category, outcome, referral in linked:
        assert (estate, category, found) == (v_estate, v_category, clock.to_local(at).date())
        assert (outcome == "移交") == (case_id in referred) == (referral is not None)
    assert unlinked_recent == 0
    origin = findings.patrol_of_case(demo_ctx, linked[0][0])
    assert origin is not None


def test_the_same_seed_gives_the_same_patrols(demo_ctx: AppContext, tmp_path_factory: pytest.TempPathFactory
                                              ) -> None:
    ctx = open_data_dir(DataDir(tmp_path_factory.mktemp("again") / "data"))
    try:
        generate_demo(ctx, **SMALL, seed=5)
        assert _patrols(ctx) == _patrols(demo_ctx)
    finally:
        ctx.close()
