"""The estate dialog's save with a grade change is one transaction: the particulars and the dated change land
together, and a failure half-way (after the particulars are written, while the change is recorded) keeps neither."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from controllers.core.errors import ValidationError
from controllers.inspections import grades
from controllers.reference import estates as est
from models.inspections import EstateGradeChange
from models.reference import Estate
from tests.unit.inspection_fixtures import grade_id, graded_estate


def _particulars(ctx, estate_id: int, **changed: object) -> dict[str, object]:
    d = est.get_estate(ctx, estate_id)
    return {"name": d.name, "street_id": d.street_id, "residents_committee": d.residents_committee,
            "address": d.address, "households": d.households, "pilot": d.pilot, "grade_id": d.grade_id,
            "property_company_id": d.property_company_id, "notes": d.notes, **changed}


def _state(ctx, estate_id: int) -> tuple[object, ...]:
    with ctx.db.session() as s:
        e = s.get(Estate, estate_id)
        changes = [(c.effective_from, c.grade_id) for c in s.scalars(select(EstateGradeChange))]
        return e.address, e.households, e.grade_id, changes


def test_particulars_and_the_dated_change_land_together(app_ctx, pin_clock) -> None:
    pin_clock(date(2025, 3, 10))
    estate_id = graded_estate(app_ctx, "梅岭小区", "C")
    a, c = grade_id(app_ctx, "A"), grade_id(app_ctx, "C")
    grades.update_estate_regraded(app_ctx, estate_id, new_grade_id=a, effective_from=date(2025, 3, 1),
                                  **_particulars(app_ctx, estate_id, address="梅岭路 1 号", households=800))
    assert _state(app_ctx, estate_id) == ("梅岭路 1 号", 800, a, [(date(2025, 3, 1), a)])
    grades.update_estate_regraded(app_ctx, estate_id, new_grade_id=c, effective_from=date(2025, 4, 1),
                                  **_particulars(app_ctx, estate_id, households=810))
    assert _state(app_ctx, estate_id)[1:] == (810, a, [(date(2025, 3, 1), a), (date(2025, 4, 1), c)])


def test_a_change_refused_half_way_leaves_nothing_changed(app_ctx, pin_clock) -> None:
    pin_clock(date(2025, 3, 10))
    estate_id = graded_estate(app_ctx, "梅岭小区", "C")
    a, b = grade_id(app_ctx, "A"), grade_id(app_ctx, "B")
    grades.change_estate_grade(app_ctx, estate_id, grade_id=b, effective_from=date(2025, 3, 1))
    before = _state(app_ctx, estate_id)
    # The particulars are written and flushed before the change is refused (already a change on that day).
    with pytest.raises(ValidationError, match="这一天已有分级调整"):
        grades.update_estate_regraded(app_ctx, estate_id, new_grade_id=a, effective_from=date(2025, 3, 1),
                                      **_particulars(app_ctx, estate_id, address="改过的地址", households=999))
    assert _state(app_ctx, estate_id) == before

