"""Bad input through the patrol form, its findings and the plan's reference data: success, or a Chinese refusal that
wrote nothing (the house pattern of tests/unit/bad_input_kit.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controllers.core.context import AppContext
from controllers.inspections import findings, grades, patrols
from models.enums import CHECK_RESULTS, PATROL_KINDS
from tests.unit.bad_input_kit import PROPERTY, attempt, datetimes, draw_id, draw_ids, opt_dates, opt_ints, opt_texts
from tests.unit.case_fixtures import make_estate, make_staff
from tests.unit.inspection_fixtures import morning_patrol

kinds = st.sampled_from(PATROL_KINDS) | opt_texts
results = st.sampled_from(CHECK_RESULTS) | opt_texts
roles = st.lists(st.sampled_from(("物业", "居委", "业委会")) | opt_texts, max_size=4)


@pytest.fixture
def ctx(app_ctx: AppContext, pin_clock) -> AppContext:
    pin_clock(date(2025, 3, 10))
    estates = [make_estate(app_ctx, name) for name in ("梅川小区", "长风小区")]
    morning_patrol(app_ctx, estates)
    make_staff(app_ctx, "李队员")
    return app_ctx


def _visit(data: st.DataObject, ctx: AppContext) -> patrols.VisitInput:
    checks = tuple(patrols.CheckInput(draw_id(data, ctx, "categories"), data.draw(results), data.draw(opt_texts),
                                      data.draw(opt_texts)) for _ in range(data.draw(st.integers(0, 3))))
    return patrols.VisitInput(draw_id(data, ctx, "estates"), tuple(data.draw(roles)), checks)


@PROPERTY
@given(data=st.data())
def test_patrol_form(ctx: AppContext, data: st.DataObject) -> None:
    form = patrols.PatrolInput(
        started_at=data.draw(st.none() | datetimes | st.just(datetime(2025, 3, 4, 9, 0))),
        kind=data.draw(kinds), officer_ids=tuple(draw_ids(data, ctx, "staff")),
        visits=tuple(_visit(data, ctx) for _ in range(data.draw(st.integers(0, 3)))),
        department_ids=tuple(draw_ids(data, ctx, "departments")), notes=data.draw(opt_texts))
    lines = [t for v in form.visits for c in v.checks for t in (c.result, c.place, c.note)]
    shown = [form.kind, form.notes, *(m for v in form.visits for m in v.met), *lines]
    attempt(ctx, lambda: patrols.record_patrol(ctx, form), *shown)
    patrol = draw_id(data, ctx, "patrols")
    attempt(ctx, lambda: patrols.update_patrol(ctx, patrol, form), *shown)


@PROPERTY
@given(data=st.data())
def test_findings_and_the_plan(ctx: AppContext, data: st.DataObject) -> None:
    line = draw_id(data, ctx, "patrol_checks")
    facts, reason, letter = data.draw(opt_texts), data.draw(opt_texts), data.draw(opt_texts)
    action = data.draw(st.sampled_from(("case", "referral", "spot")))
    if action == "case":
        attempt(ctx, lambda: findings.finding_to_case(ctx, line, facts=facts), facts)
    elif action == "referral":
        dept, due = draw_id(data, ctx, "departments", optional=True), data.draw(opt_dates)
        attempt(ctx, lambda: findings.finding_to_referral(ctx, line, department_id=dept, reason=reason,
                                                          letter_no=letter, reply_due=due), reason, letter)
    else:
        attempt(ctx, lambda: findings.fixed_on_spot(ctx, line))
    grade, months, flag = draw_id(data, ctx, "estate_grades"), data.draw(opt_ints), data.draw(st.booleans())
    attempt(ctx, lambda: grades.set_grade_plan(ctx, grade, inspection_months=months, inspection_working_days=flag))
    estate, day, note = draw_id(data, ctx, "estates"), data.draw(opt_dates), data.draw(opt_texts)
    new_grade = draw_id(data, ctx, "estate_grades", optional=True)
    attempt(ctx, lambda: grades.change_estate_grade(ctx, estate, grade_id=new_grade, effective_from=day, note=note),
            note)
