"""Demo dates read like a station's real year: most cases reviewed and closed by their deadline, some late,
some open past it, so the on-time rate (按期结案率) and the overdue list show plausible figures."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from controllers.cases.listing import DEADLINE_STATUSES
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.demo.generator import generate_demo
from models.cases import Case, CaseEvent


def test_most_cases_close_by_their_deadline_and_some_do_not(app_ctx: AppContext) -> None:
    generate_demo(app_ctx, cases=800, complaints=0, trainings=0, seed=5)
    with app_ctx.db.session() as s:
        closed = s.execute(select(Case.id, Case.deadline, Case.closed_on)
                           .where(Case.status == "结案", Case.deadline.is_not(None))).all()
        reviewed = dict(s.execute(select(CaseEvent.case_id, CaseEvent.at).where(CaseEvent.to_status == "复查")).all())
        open_ = s.execute(select(Case.deadline).where(Case.status.in_(DEADLINE_STATUSES))).scalars().all()
        total = len(s.scalars(select(Case.id)).all())
    on_time = [c for c in closed if c.closed_on <= c.deadline]
    assert 0.75 <= len(on_time) / len(closed) <= 0.95, len(on_time) / len(closed)
    # Closed at (or a day after) the review, never before it.
    assert all(0 <= (c.closed_on - reviewed[c.id].date()).days <= 1 for c in closed)
    overdue = [d for d in open_ if d is not None and d < clock.today()]
    assert 0 < len(overdue) < 0.05 * total


def test_the_latest_month_is_an_ordinary_month(app_ctx: AppContext) -> None:
    # Open cases are found recently; too many of them made the current quarter's brief read found +255 %.
    generate_demo(app_ctx, cases=2400, complaints=0, trainings=0, seed=5)
    with app_ctx.db.session() as s:
        recent = len(s.scalars(select(Case.id).where(Case.found_date > clock.today() - timedelta(days=30))).all())
    assert recent < 1.6 * 2400 / 24  # two years of cases: 100 a month on average
