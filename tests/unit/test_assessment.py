"""年度考核: every goal figure per street and estate is the dashboard's and the work brief's own number for the same
period and scope; departments and officers are counted as the module says; the CLI prints the issue's shape."""

from __future__ import annotations

import json
from datetime import date

import pytest

from controllers.assessment.figures import as_json, assessment
from controllers.briefs.work_brief_data import gather
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import REP, PermissionDenied, SignedInUser
from controllers.dashboard.goals import goal_tiles, set_year_targets, targets
from controllers.demo.generator import generate_demo
from controllers.station.scopes import Scope

TODAY = date(2026, 3, 15)


@pytest.fixture
def demo(app_ctx: AppContext, pin_clock) -> AppContext:
    pin_clock(TODAY)
    generate_demo(app_ctx, cases=600, complaints=1500, trainings=2, seed=11)
    return app_ctx


@pytest.mark.parametrize("year", [2025, 2026])  # a whole past year, and this year to date
def test_the_whole_scope_is_the_dashboard(demo: AppContext, year: int) -> None:
    a = assessment(demo, year)
    tiles = goal_tiles(demo, year=year)
    assert (a.period, a.last) == (tiles.current, tiles.last)
    assert a.total.tiles == tiles.plan_goals
    assert a.total.tile("cases").actual and a.estates and a.streets


def test_each_street_and_estate_is_the_work_brief(demo: AppContext) -> None:
    a = assessment(demo, 2025)
    checked = 0
    for unit, scope in [*((u, Scope("street", u.name)) for u in a.streets),
                        *((u, Scope("estate", u.name)) for u in a.estates[:6])]:
        brief = gather(demo, a.period, scope, on=TODAY)
        cur = brief.cases.current
        assert unit.tile("cases").actual == cur.found
        assert unit.tile("cases").last_year == brief.cases.last_year.found
        assert unit.tile("closure").actual == cur.closure.percent
        assert unit.tile("on_time").actual == cur.on_time.percent
        assert unit.tile("recurrence").actual == cur.recurrence.percent
        assert unit.tile("overdue").actual == brief.cases.overdue
        assert unit.tile("per10k").actual == brief.per10k.current.per10k
        assert unit.tile("per10k").last_year == brief.per10k.last_year.per10k
        assert unit.tile("per10k_no_repeats").actual == brief.per10k.current.per10k_without_repeats
        checked += 1
    assert checked >= 7
    # The streets add up to the whole: cases found are counted once each.
    assert sum(u.tile("cases").actual or 0 for u in a.streets) == a.total.tile("cases").actual


def test_year_targets_override_the_dashboard_targets_for_that_year_only(demo: AppContext) -> None:
    set_year_targets(demo, 2025, {"closure_percent": "80", "on_time_percent": 95})
    assert targets(demo, 2025)["closure_percent"] == 80.0 and targets(demo, 2026)["closure_percent"] == 90.0
    a = assessment(demo, 2025)
    assert a.targets["on_time_percent"] == 95.0 and a.total.tile("closure").target == 80.0
    assert goal_tiles(demo, year=2025).tile("closure").target == 80.0  # the dashboard shows the same target
    for bad in ({"closure_percent": "101"}, {"closure_percent": "abc"}, {"nope": 1}, {"closure_percent": "nan"}):
        with pytest.raises(ValidationError, match="未做任何更改"):
            set_year_targets(demo, 2025, bad)
    assert targets(demo, 2025)["closure_percent"] == 80.0


def test_departments_and_officers(demo: AppContext) -> None:
    data = as_json(assessment(demo, 2025))
    assert set(data) >= {"streets", "estates", "departments", "officers", "targets"}
    assert data["departments"] and set(data["departments"][0]) == {"name", "referrals", "on_time",
                                                                   "avg_reply_days", "returned"}
    assert data["officers"] and set(data["officers"][0]) == {"name", "cases", "on_time_rate", "open"}
    for d in data["departments"]:
        assert 0 <= d["on_time"] <= d["referrals"] and 0 <= d["returned"] <= d["referrals"]
    found = sum(o["cases"] for o in data["officers"])
    assert 0 < found <= data["total"]["cases"]["actual"]
    json.dumps(data, ensure_ascii=False)


def test_a_committee_representative_never_sees_the_assessment(demo: AppContext) -> None:
    demo.sign_in(SignedInUser(username="rep", display_name="代表", role=REP, user_id=1))
    with pytest.raises(PermissionDenied):
        assessment(demo, 2025)


def test_the_workbook_has_a_sheet_per_part_with_the_same_figures(demo: AppContext, tmp_path) -> None:
    from openpyxl import load_workbook

    from controllers.assessment.sheet import export_assessment

    a = assessment(demo, 2025)
    path = tmp_path / "考核.xlsx"
    rows = export_assessment(demo, 2025, None, path)
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["街镇", "小区", "部门", "承办人"]
    assert rows == 1 + len(a.streets) + len(a.estates) + len(a.departments) + len(a.officers)
    streets = list(wb["街镇"].iter_rows(values_only=True))
    header = streets[2]
    total = dict(zip(header, streets[3], strict=True))
    assert total["街镇"] == "全区（合计）" and total["案件数"] == a.total.tile("cases").actual
    assert total["结案率"] == a.total.tile("closure").actual and total["结案率目标"] == a.targets["closure_percent"]
    officers = list(wb["承办人"].iter_rows(values_only=True))[3:]
    assert [(r[0], r[1]) for r in officers] == [(o.name, o.cases) for o in a.officers]
