"""Patrol records and their findings: a morning's round typed from paper, findings turned into work, coverage."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from controllers.cases import records as case_records
from controllers.cases import referrals as case_referrals
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.periods import parse_period
from controllers.core.permissions import REP, PermissionDenied, SignedInUser
from controllers.inspections import coverage, figures, findings, grades, listing, patrols
from controllers.inspections.export import export_patrols
from controllers.station.scopes import parse_scope
from controllers.storage import attachments
from models.cases import Attachment
from models.exchange import ExchangeTombstone
from models.inspections import Patrol, PatrolCheck
from tests.unit.case_fixtures import department_id, make_staff
from tests.unit.inspection_fixtures import codes, grade_id, graded_estate, morning_patrol


@pytest.fixture
def three(app_ctx: AppContext, pin_clock) -> list[int]:
    pin_clock(date(2025, 3, 10))
    return [graded_estate(app_ctx, "梅川小区", "A"), graded_estate(app_ctx, "长风小区", "B"),
            graded_estate(app_ctx, "真如小区", "C")]


def _finding(detail: patrols.PatrolDetail, code: str) -> patrols.CheckLine:
    return next(c for c in detail.findings if c.category_code == code)


def test_a_round_of_three_estates_typed_from_paper_reads_back(app_ctx: AppContext, three: list[int]) -> None:
    d = morning_patrol(app_ctx, three)
    assert d.started_at == datetime(2025, 3, 4, 9, 30) and d.kind == "分级分类检查"
    assert [v.estate for v in d.visits] == ["梅川小区", "长风小区", "真如小区"]
    assert d.visits[0].met == ("物业", "居委")
    assert sorted(c.category_code for c in d.findings) == ["C05", "C12", "C99"]
    assert patrols.get_patrol(app_ctx, d.id) == d
    with app_ctx.db.session() as s:  # stored as UTC: 09:30 in Shanghai is 01:30 UTC
        assert s.get(Patrol, d.id).started_at == datetime(2025, 3, 4, 1, 30)


def test_findings_become_a_case_a_referral_and_a_fix_on_the_spot(app_ctx: AppContext, three: list[int],
                                                                 tmp_path: Path) -> None:
    d = morning_patrol(app_ctx, three)
    photo = tmp_path / "roof.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"1" * 200)
    roof = _finding(d, "C05")
    attachments.store_attachment(app_ctx, source_path=photo, owner="finding", owner_id=roof.id, kind="整改前")

    made = findings.finding_to_case(app_ctx, roof.id)
    case = case_records.get_case(app_ctx, made.case_id)
    assert (case.source, case.estate_name, case.category_code, case.place, case.found_date) == (
        "巡查发现", "梅川小区", "C05", "5号楼顶", date(2025, 3, 4))
    assert case.facts == "楼顶新搭彩钢板房"
    with app_ctx.db.session() as s:
        carried = s.scalars(select(Attachment).where(Attachment.case_id == made.case_id)).all()
        assert [(a.filename, a.kind) for a in carried] == [("roof.jpg", "整改前")]
    origin = findings.patrol_of_case(app_ctx, made.case_id)
    assert origin is not None and (origin.patrol_id, origin.estate) == (d.id, "梅川小区")

    gas = _finding(d, "C99")
    assert findings.proposed_outcome(app_ctx, gas.id) == "移交"
    handed = findings.finding_to_referral(app_ctx, gas.id, department_id=department_id(app_ctx, "区房管局"),
                                          reason="燃气管道私接，请房管部门处理")
    referred = case_records.get_case(app_ctx, handed.case_id)
    assert referred.status == "移交" and referred.category_code == "C99"
    [ref] = case_referrals.list_referrals(app_ctx, case_id=handed.case_id)
    assert ref.status == "待回复" and ref.reply_due is not None and ref.reply_due > date(2025, 3, 10)

    spot = findings.fixed_on_spot(app_ctx, _finding(d, "C12").id)
    assert spot.case_id is None
    after = patrols.get_patrol(app_ctx, d.id)
    assert {c.category_code: (c.outcome, c.case_number) for c in after.findings} == {
        "C05": ("立案", case.number), "C99": ("移交", referred.number), "C12": ("当场劝阻整改", None)}
    with pytest.raises(ValidationError, match="不能重复处理"):
        findings.finding_to_case(app_ctx, roof.id)
    [row] = listing.list_patrols(app_ctx)
    assert (row.findings, row.cases, row.referrals, row.fixed_on_spot) == (3, 1, 1, 1)


def test_a_line_that_is_not_a_finding_opens_nothing(app_ctx: AppContext, three: list[int]) -> None:
    d = morning_patrol(app_ctx, three)
    clear = d.visits[2].checks[0]
    with pytest.raises(ValidationError, match="发现问题"):
        findings.finding_to_case(app_ctx, clear.id)
    with app_ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PatrolCheck).where(PatrolCheck.outcome.is_not(None))) == 0


@pytest.mark.parametrize(("change", "message"), [
    ({"started_at": datetime(2025, 3, 11, 9, 0)}, "不能晚于现在"),
    ({"started_at": None}, "请填写巡查日期"),
    ({"officer_ids": ()}, "至少一人"),
    ({"kind": "联合检查"}, "参加的部门"),
    ({"kind": "散步"}, "巡查类型"),
    ({"visits": ()}, "至少填写一个"),
])
def test_refusals_are_chinese_and_write_nothing(app_ctx: AppContext, three: list[int], change: dict,
                                                message: str) -> None:
    base = dict(started_at=datetime(2025, 3, 4, 9, 0), kind="日常巡查", officer_ids=(make_staff(app_ctx),),
                visits=(patrols.VisitInput(three[0]),))
    with pytest.raises(UserError, match=message):
        patrols.record_patrol(app_ctx, patrols.PatrolInput(**{**base, **change}))
    with app_ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Patrol)) == 0


def test_the_same_estate_twice_or_a_line_twice_is_refused(app_ctx: AppContext, three: list[int]) -> None:
    staff = (make_staff(app_ctx),)
    at = datetime(2025, 3, 4, 9, 0)
    with pytest.raises(ValidationError, match="只能填写一次"):
        patrols.record_patrol(app_ctx, patrols.PatrolInput(at, "日常巡查", staff, (
            patrols.VisitInput(three[0]), patrols.VisitInput(three[0]))))
    c05 = codes(app_ctx)["C05"]
    with pytest.raises(ValidationError, match="只能填写一行"):
        patrols.record_patrol(app_ctx, patrols.PatrolInput(at, "日常巡查", staff, (patrols.VisitInput(
            three[0], checks=(patrols.CheckInput(c05, "正常"), patrols.CheckInput(c05, "发现问题"))),)))


def test_editing_keeps_lines_and_refuses_to_drop_work(app_ctx: AppContext, three: list[int]) -> None:
    d = morning_patrol(app_ctx, three)
    roof = _finding(d, "C05")
    findings.finding_to_case(app_ctx, roof.id)
    officer = d.officer_ids
    keep_first = patrols.VisitInput(three[0], ("物业",), (patrols.CheckInput(roof.category_id, "发现问题", "5号楼顶",
                                                                           "改：彩钢板房约20平方米"),))
    edited = patrols.update_patrol(app_ctx, d.id, patrols.PatrolInput(
        datetime(2025, 3, 4, 10, 0), "分级分类检查", officer, (keep_first,)))
    [line] = edited.visits[0].checks
    assert line.id == roof.id and line.outcome == "立案" and line.note == "改：彩钢板房约20平方米"
    with pytest.raises(ValidationError, match="不能删去"):
        patrols.update_patrol(app_ctx, d.id, patrols.PatrolInput(
            datetime(2025, 3, 4, 10, 0), "分级分类检查", officer, (patrols.VisitInput(three[1]),)))
    with pytest.raises(ValidationError, match="不能改为"):
        patrols.update_patrol(app_ctx, d.id, patrols.PatrolInput(
            datetime(2025, 3, 4, 10, 0), "分级分类检查", officer,
            (patrols.VisitInput(three[0], checks=(patrols.CheckInput(roof.category_id, "正常"),)),)))
    with pytest.raises(ValidationError, match="不能删除"):
        patrols.delete_patrol(app_ctx, d.id)


def test_deleting_a_patrol_leaves_tombstones_for_it_and_its_lines(app_ctx: AppContext, three: list[int]) -> None:
    d = morning_patrol(app_ctx, three)
    patrols.delete_patrol(app_ctx, d.id)
    with app_ctx.db.session() as s:
        entities = {e for (e,) in s.execute(select(ExchangeTombstone.entity))}
        assert {"patrols", "patrol_visits", "patrol_checks"} <= entities
        assert s.scalar(select(func.count()).select_from(PatrolCheck)) == 0


def test_coverage_counts_due_done_and_overdue_per_grade(app_ctx: AppContext, three: list[int]) -> None:
    q1 = parse_period("2025Q1")
    before = coverage.coverage(app_ctx, q1, parse_scope("street:长征镇"), today=date(2025, 3, 10))
    by_name = {e.estate: e for e in before.estates}
    # A monthly: Jan, Feb overdue, Mar pending; B: Jan-Feb overdue, Mar-Apr due in Q2; C: Q1 pending.
    assert by_name["梅川小区"].counts == coverage.plan.Counts(3, 0, 2)
    assert by_name["长风小区"].counts == coverage.plan.Counts(1, 0, 1)
    assert by_name["真如小区"].counts == coverage.plan.Counts(1, 0, 0)
    morning_patrol(app_ctx, three)
    after = coverage.coverage(app_ctx, q1, parse_scope("street:长征镇"), today=date(2025, 3, 10))
    assert {e.estate: e.counts.done for e in after.estates} == {"梅川小区": 1, "长风小区": 0, "真如小区": 1}
    assert after.totals == coverage.plan.Counts(5, 2, 3)
    assert after.to_json()["totals"] == {"due": 5, "done": 2, "overdue": 3}


def test_a_daily_round_is_a_patrol_but_not_the_grades_inspection(app_ctx: AppContext, three: list[int]) -> None:
    morning_patrol(app_ctx, three, kind="日常巡查")
    rep = coverage.coverage(app_ctx, parse_period("2025-03"), parse_scope("estate:梅川小区"), today=date(2025, 4, 1))
    assert rep.estates[0].counts == coverage.plan.Counts(1, 0, 1)


def test_a_grade_change_applies_from_its_date(app_ctx: AppContext, three: list[int]) -> None:
    grades.change_estate_grade(app_ctx, three[2], grade_id=grade_id(app_ctx, "A"), effective_from=date(2025, 2, 1))
    rep = coverage.coverage(app_ctx, parse_period("2025Q1"), parse_scope("estate:真如小区"), today=date(2025, 3, 10))
    # January under C: no quarterly cycle ends by then (Q1 is cut); monthly from 1 Feb: Feb overdue, Mar pending.
    assert rep.estates[0].counts == coverage.plan.Counts(2, 0, 1) and rep.estates[0].grade.startswith("A")
    jan = coverage.coverage(app_ctx, parse_period("2025-01"), parse_scope("estate:真如小区"), today=date(2025, 3, 10))
    assert jan.estates[0].counts.due == 0 and jan.estates[0].grade.startswith("C")
    with pytest.raises(ValidationError, match="已有分级调整"):
        grades.change_estate_grade(app_ctx, three[2], grade_id=None, effective_from=date(2025, 2, 1))


def test_grade_frequency_is_editable_and_checked(app_ctx: AppContext, three: list[int]) -> None:
    b = grade_id(app_ctx, "B")
    plan = grades.set_grade_plan(app_ctx, b, inspection_months=1, inspection_working_days=False)
    assert plan.inspection_months == 1
    rep = coverage.coverage(app_ctx, parse_period("2025Q1"), parse_scope("estate:长风小区"), today=date(2025, 4, 1))
    assert rep.estates[0].counts.due == 3
    with pytest.raises(ValidationError):
        grades.set_grade_plan(app_ctx, b, inspection_months=13, inspection_working_days=True)


def test_a_residents_rep_sees_coverage_of_their_estates_but_no_patrol_or_notes(app_ctx: AppContext,
                                                                             three: list[int]) -> None:
    d = morning_patrol(app_ctx, three)
    app_ctx.sign_in(SignedInUser(username="rep", display_name="居委", role=REP, estate_ids=frozenset({three[0]}),
                                 user_id=99))
    rep = coverage.coverage(app_ctx, parse_period("2025Q1"), today=date(2025, 3, 10))
    assert [e.estate for e in rep.estates] == ["梅川小区"]
    assert "notes" not in str(rep.to_json()) and "楼顶" not in str(rep)
    for call in (lambda: patrols.get_patrol(app_ctx, d.id), lambda: listing.list_patrols(app_ctx)):
        with pytest.raises(PermissionDenied):
            call()


def test_export_writes_one_row_per_patrol(app_ctx: AppContext, three: list[int], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    officer = make_staff(app_ctx)
    morning_patrol(app_ctx, three, officer=officer)
    morning_patrol(app_ctx, three[:1], at=datetime(2025, 3, 5, 20, 0), kind="夜间巡查", officer=officer)
    out = tmp_path / "patrols.xlsx"
    assert export_patrols(app_ctx, out, listing.PatrolFilter(kind="夜间巡查")) == 1
    rows = list(load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    assert rows[0][2] == "夜间巡查" and rows[0][3] == "梅川小区"


def test_the_station_area_and_views_bound_patrols_and_coverage(app_ctx: AppContext, three: list[int]) -> None:
    from controllers.station import area, views

    d = morning_patrol(app_ctx, three)
    area.set_station_area(app_ctx, street="长征镇", estate_ids=three[:2])
    # An estate outside the station's area: no patrol recorded there here, its coverage only in the wider views.
    with pytest.raises(ValidationError, match="不属于本工作室"):
        patrols.record_patrol(app_ctx, patrols.PatrolInput(datetime(2025, 3, 5, 9, 0), "日常巡查", d.officer_ids,
                                                           (patrols.VisitInput(three[2]),)))
    own_only = patrols.record_patrol(app_ctx, patrols.PatrolInput(
        datetime(2025, 3, 5, 9, 0), "日常巡查", d.officer_ids, (patrols.VisitInput(three[0]),)))
    assert {r.id for r in listing.list_patrols(app_ctx)} == {d.id, own_only.id}
    assert [e.estate for e in coverage.coverage(app_ctx, parse_period("2025Q1"), today=date(2025, 3, 10)).estates
            ] == ["梅川小区", "长风小区"]
    views.set_view(app_ctx, "district")
    assert len(coverage.coverage(app_ctx, parse_period("2025Q1"), today=date(2025, 3, 10)).estates) == 3
    with pytest.raises(PermissionDenied, match="只读"):
        patrols.delete_patrol(app_ctx, own_only.id)


def test_figures_give_coverage_by_grade_and_street_and_what_findings_became(app_ctx: AppContext,
                                                                           three: list[int]) -> None:
    d = morning_patrol(app_ctx, three)
    findings.finding_to_case(app_ctx, _finding(d, "C05").id)
    findings.fixed_on_spot(app_ctx, _finding(d, "C12").id)
    f = figures.inspection_figures(app_ctx, parse_period("2025Q1"), today=date(2025, 3, 10))
    assert f.totals == coverage.plan.Counts(5, 2, 3) and f.patrols == 1
    assert [g for g, _c in f.by_grade] == ["A级（重点管理）", "B级（常规管理）", "C级（自治良好）"]
    assert dict(f.by_street)["长征镇"] == f.totals
    assert f.overdue_estates == ("梅川小区", "长风小区")
    assert {code for code, _n, _k in f.findings_by_category} == {"C05", "C12", "C99"}
    assert dict(f.outcomes) == {"立案": 1, "移交": 0, "当场劝阻整改": 1, "待处理": 1}
    assert f.outcome_share("立案") == pytest.approx(1 / 3)
