"""工作台 and inspections: this quarter's coverage for the tile, and the estates behind on their inspections in
today's list (most behind first), within the current view."""

from __future__ import annotations

from datetime import date, datetime

from controllers.core.context import AppContext
from controllers.dashboard.today import today_work
from tests.unit.case_fixtures import make_staff
from tests.unit.inspection_fixtures import graded_estate, morning_patrol

TODAY = date(2025, 3, 20)


def test_estates_behind_on_inspections_are_in_todays_work(app_ctx: AppContext, pin_clock) -> None:
    pin_clock(TODAY)
    behind = graded_estate(app_ctx, "梅岭小区", "A")  # monthly: January and February passed without one
    kept_up = graded_estate(app_ctx, "桃源小区", "A")
    officer = make_staff(app_ctx)
    for day in (datetime(2025, 1, 15, 9, 0), datetime(2025, 2, 14, 9, 0)):
        morning_patrol(app_ctx, [kept_up], at=day, officer=officer)
    morning_patrol(app_ctx, [behind], at=datetime(2025, 2, 20, 9, 0), kind="日常巡查", officer=officer)  # no inspection
    work = today_work(app_ctx, today=TODAY)
    section = work.section("inspections")
    assert [(i.kind, i.id) for i in section.items] == [("estate", behind)]
    assert section.total == section.overdue == 1
    assert section.items[0].label.startswith("梅岭小区（A") and section.items[0].note == "逾期未检 2 次"
    assert work.inspections is not None
    assert work.inspections.period.label == "2025年第一季度"
    totals = work.inspections.totals
    assert (totals.done, totals.overdue) == (2, 2) and totals.due >= 4
