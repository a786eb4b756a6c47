"""工作台 figures against a hand-made data set: every tile, chart series and today's-work line computed by hand.

Today is Sunday 2026-03-15, so this period is 2026-01-01..2026-03-15 and last year's is 2025-01-01..2025-03-15.
Estates: 甲小区 (pilot, 10,000 residents since 2024-12-31), 乙小区 (5,000 since 2024-12-31, 8,000 since
2026-02-01), 丙小区 (no population: its complaints stay out of every ratio).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from controllers.cases.stats import case_stats
from controllers.complaints.per10k import per10k
from controllers.core.context import AppContext
from controllers.core.periods import day_range
from controllers.dashboard.goals import figures
from controllers.dashboard.today import today_work
from controllers.station import area as station
from controllers.station import views
from controllers.station.scopes import Scope
from models.admin import Setting
from models.cases import Case, Referral, format_case_number
from models.complaints import Complaint
from models.meetings import Meeting, MeetingAction
from models.reference import Category, Department, Estate, EstatePopulation, Street

TODAY = date(2026, 3, 15)
COMPLAINANTS = (("张三丰", "13812345678"), ("欧阳娜娜", "13700001111"))
PARTY = ("李四光", "13998765432")
ROOM_PLACE = "3号楼502室"


@dataclass
class Built:
    """Ids of what the tests open or look for."""

    estates: dict[str, int]
    cases: dict[str, int]
    complaints: dict[str, int]
    meeting_id: int


def _utc(local: datetime) -> datetime:
    return local - timedelta(hours=8)


def build(ctx: AppContext) -> Built:
    """The hand-made data set described in the module docstring and in each test."""
    with ctx.db.session() as s:
        street = s.scalars(select(Street).order_by(Street.id)).first()
        assert street is not None
        cats = {c.code: c.id for c in s.scalars(select(Category))}
        dept = s.scalars(select(Department)).first()
        assert dept is not None
        estates = {}
        for name, pilot in (("甲小区", True), ("乙小区", False), ("丙小区", False)):
            e = Estate(name=name, street_id=street.id, pilot=pilot, residents_committee="甲居委会")
            s.add(e)
            s.flush()
            estates[name] = e.id
        s.add_all([
            EstatePopulation(estate_id=estates["甲小区"], as_of=date(2024, 12, 31), population=10_000),
            EstatePopulation(estate_id=estates["乙小区"], as_of=date(2024, 12, 31), population=5_000),
            EstatePopulation(estate_id=estates["乙小区"], as_of=date(2026, 2, 1), population=8_000),
        ])
        seqs: dict[int, int] = {}

        def case(key: str, code: str, found: date, status: str, *, estate: str = "甲小区", **extra: object) -> int:
            seqs[found.year] = seqs.get(found.year, 0) + 1
            c = Case(number=format_case_number(found.year, street.short_name, seqs[found.year]), year=found.year,
                     street_id=street.id, seq=seqs[found.year], category_id=cats[code], estate_id=estates[estate],
                     place=ROOM_PLACE, source="巡查发现", found_date=found, facts=f"{PARTY[0]}在{ROOM_PLACE}违法搭建",
                     party_name=PARTY[0], party_phone=PARTY[1], status=status, **extra)
            s.add(c)
            s.flush()
            return c.id

        cases = {
            "c1": case("c1", "C01", date(2026, 1, 5), "结案", closed_on=date(2026, 1, 20), deadline=date(2026, 1, 25),
                       followup_due=date(2026, 3, 10)),
            "c2": case("c2", "C01", date(2026, 2, 10), "结案", closed_on=date(2026, 3, 1), deadline=date(2026, 2, 20),
                       followup_due=date(2026, 6, 1)),
            "c3": case("c3", "C05", date(2026, 3, 1), "责令整改", deadline=date(2026, 3, 10)),
            "c4": case("c4", "C05", date(2026, 3, 10), "移交"),
            "c5": case("c5", "C05", date(2026, 3, 12), "登记", deadline=date(2026, 3, 17)),
            "l1": case("l1", "C01", date(2025, 1, 10), "结案", closed_on=date(2025, 2, 1), deadline=date(2025, 2, 10),
                       followup_due=date(2025, 5, 1), followup_done_on=date(2025, 5, 2)),
            "l2": case("l2", "C03", date(2025, 3, 1), "不予立案"),
            "l3": case("l3", "C01", date(2025, 3, 20), "登记"),
            "h1": case("h1", "C06", date(2025, 6, 1), "挂账", hold_review_date=date(2026, 3, 15)),
            "h2": case("h2", "C06", date(2025, 6, 2), "挂账", hold_review_date=date(2026, 4, 1)),
        }
        cases["r1"] = case("r1", "C01", date(2026, 3, 5), "登记", recurrence_of_id=cases["c1"])
        s.add_all([
            Referral(case_id=cases["c3"], department_id=dept.id, referred_on=date(2026, 2, 20),
                     reply_due=date(2026, 3, 1), status="待回复"),
            Referral(case_id=cases["c4"], department_id=dept.id, referred_on=date(2026, 3, 10), status="已回复"),
        ])

        n = [0]

        def complaint(estate: str | None, local: datetime, *, status: str = "已回复", callback: bool = True,
                      reply_due: date | None = None, repeat_of: int | None = None) -> int:
            n[0] += 1
            name, phone = COMPLAINANTS[n[0] % 2]
            c = Complaint(channel="12345热线", received_at=_utc(local), complainant_name=name,
                          complainant_phone=phone, estate_id=None if estate is None else estates[estate],
                          street_id=street.id, address=f"某路1弄{ROOM_PLACE}", category_id=cats["C05"],
                          content=f"{name}反映{ROOM_PLACE}搭建，电话{phone}", status=status,
                          reply_due=reply_due or local.date() + timedelta(days=7),
                          callback_on=local.date() + timedelta(days=3) if callback and status == "已回复" else None,
                          repeat_of_id=repeat_of, work_order_no=f"WO{n[0]:04d}")
            s.add(c)
            s.flush()
            return c.id

        first = complaint("甲小区", datetime(2026, 1, 10, 9))
        complaints = {
            "first": first,
            "repeat": complaint("甲小区", datetime(2026, 2, 5, 9), callback=False, repeat_of=first),
            "late_evening": complaint("甲小区", datetime(2026, 3, 14, 23, 30), status="待处理",
                                      reply_due=date(2026, 3, 20)),
            "overdue": complaint("乙小区", datetime(2026, 3, 1, 10), status="处理中", reply_due=date(2026, 3, 6)),
            "b2": complaint("乙小区", datetime(2026, 3, 1, 11)),
        }
        for day in (2, 3, 4, 5):
            complaint("丙小区", datetime(2026, 2, day, 10))
        complaint(None, datetime(2026, 2, 9, 10))
        complaint("甲小区", datetime(2025, 2, 1, 10))
        complaint("甲小区", datetime(2025, 2, 1, 11))
        complaint("甲小区", datetime(2025, 3, 16, 10))  # after last year's cut-off day: March chart only
        complaint("乙小区", datetime(2025, 1, 5, 10))

        m = Meeting(kind="例会", held_on=date(2026, 2, 20), title="二月例会")
        s.add(m)
        s.flush()
        s.add_all([MeetingAction(meeting_id=m.id, position=0, description="排查楼道堆物", due=date(2026, 3, 1)),
                   MeetingAction(meeting_id=m.id, position=1, description="已办", done=True, done_on=date(2026, 3, 2))])
        return Built(estates, cases, complaints, m.id)


@pytest.fixture
def built(app_ctx: AppContext, pin_clock) -> Built:
    pin_clock(TODAY)
    return build(app_ctx)


def test_per10k_tiles_year_to_date_against_the_same_days_last_year(app_ctx: AppContext, built: Built) -> None:
    goals = figures(app_ctx, today=TODAY).goals
    assert (goals.current.start, goals.current.end) == (date(2026, 1, 1), TODAY)
    assert (goals.last.start, goals.last.end) == (date(2025, 1, 1), date(2025, 3, 15))
    tile = goals.tile("per10k")
    # 甲 3 + 乙 2 complaints over 10,000 + 8,000 residents; last year 甲 2 + 乙 1 over 10,000 + 5,000.
    assert (tile.actual, tile.last_year, tile.target, tile.unit) == (2.78, 2.0, 1.9, "件/万人")
    assert tile.change == 0.78 and tile.met is False and tile.lower_is_better
    no_repeats = goals.tile("per10k_no_repeats")
    assert (no_repeats.actual, no_repeats.last_year, no_repeats.target) == (2.22, 2.0, 1.9)
    # The same figures as the complaint log's 投诉万人比 for the period.
    report = per10k(app_ctx, day_range(date(2026, 1, 1), TODAY))
    assert (report.current.per10k, report.current.per10k_without_repeats) == (tile.actual, no_repeats.actual)
    assert (report.last_year.per10k, report.last_year.per10k_without_repeats) == (2.0, 2.0)


def test_case_tiles(app_ctx: AppContext, built: Built) -> None:
    goals = figures(app_ctx, today=TODAY).goals
    cases = goals.tile("cases")
    assert (cases.actual, cases.last_year, cases.target) == (6, 2, 2)
    assert set(cases.by_category) == {("装修人未申报登记", 3, 1), ("违法搭建", 3, 0), ("群租", 0, 1)}
    closure = goals.tile("closure")  # c1, c2 closed of c1 c2 c3 c5 r1 (c4 移交 is not ours to close)
    assert (closure.actual, closure.last_year, closure.target, closure.numerator, closure.denominator) == (
        40.0, 100.0, 90.0, 2, 5)
    on_time = goals.tile("on_time")  # c1 closed before its deadline, c2 after
    assert (on_time.actual, on_time.last_year, on_time.met) == (50.0, 100.0, False)
    recurrence = goals.tile("recurrence")  # r1 repeats c1
    assert (recurrence.actual, recurrence.last_year, recurrence.target, recurrence.lower_is_better) == (
        50.0, 0.0, 5.0, True)
    overdue = goals.tile("overdue")
    assert (overdue.actual, overdue.target) == (1, 0)
    # Same definitions as the work brief's case statistics.
    stats = case_stats(app_ctx, day_range(date(2026, 1, 1), TODAY), on=TODAY)
    assert stats.current.found == 6 and stats.last_year.found == 2
    assert stats.current.closure.percent == 40.0 and stats.current.on_time.percent == 50.0
    assert stats.current.recurrence.percent == 50.0 and stats.overdue == 1


def test_targets_come_from_settings(app_ctx: AppContext, built: Built) -> None:
    with app_ctx.db.session() as s:
        s.add(Setting(key="dashboard_targets", value='{"closure_percent": 35, "per10k_cut_percent": 10}'))
    goals = figures(app_ctx, today=TODAY).goals
    assert goals.tile("closure").target == 35.0 and goals.tile("closure").met is True
    assert goals.tile("per10k").target == 1.8
    assert goals.tile("on_time").target == 90.0  # not set: default


def test_charts(app_ctx: AppContext, built: Built) -> None:
    charts = figures(app_ctx, today=TODAY).charts
    assert charts.months == (1, 2, 3)
    series = {s.name: s.counts for s in charts.case_series}
    assert series == {"装修人未申报登记": (1, 1, 1), "违法搭建": (0, 0, 3)}
    # Months: population in force at each month's end (乙 has 8,000 from 2026-02-01).
    assert charts.per10k_this_year == (0.67, 0.56, 1.67) + (None,) * 9
    assert charts.per10k_last_year == (0.67, 1.33, 0.67) + (None,) * 9
    assert [(e.name, e.complaints, e.population, e.per10k) for e in charts.top_estates] == [
        ("甲小区", 3, 10_000, 3.0), ("乙小区", 2, 8_000, 2.5)]  # 丙小区 has no population
    assert [(r.name, r.per10k) for r in charts.pilot] == [("试点小区", 3.0), ("试点小区", 2.0), ("其他小区", 2.5),
                                                         ("其他小区", 2.0)]


def test_empty_database_gives_empty_charts_and_no_ratios(app_ctx: AppContext) -> None:
    result = figures(app_ctx, today=TODAY)
    assert not result.charts.has_cases and not result.charts.has_per10k
    assert result.charts.top_estates == () and result.charts.pilot == ()
    assert result.goals.tile("per10k").actual is None and result.goals.tile("closure").actual is None
    assert all(s.total == 0 for s in today_work(app_ctx, today=TODAY).sections)


def test_today_work(app_ctx: AppContext, built: Built) -> None:
    work = today_work(app_ctx, today=TODAY)
    got = {s.key: (s.total, s.overdue) for s in work.sections}
    assert got == {"overdue": (1, 1), "due_soon": (1, 0), "followup": (1, 1), "referrals": (1, 1),
                   "complaints": (3, 1), "on_hold": (1, 0), "actions": (1, 1),
                   "orders": (0, 0), "inspections": (0, 0)}
    ids = {s.key: [(i.kind, i.id) for i in s.items] for s in work.sections}
    c, q = built.cases, built.complaints
    assert ids["overdue"] == [("case", c["c3"])] and ids["due_soon"] == [("case", c["c5"])]
    assert ids["followup"] == [("case", c["c1"])] and ids["on_hold"] == [("case", c["h1"])]
    assert ids["referrals"] == [("case", c["c3"])]
    assert ids["complaints"] == [("complaint", q["overdue"]), ("complaint", q["late_evening"]),
                                 ("complaint", q["repeat"])]
    assert ids["actions"] == [("meeting", built.meeting_id)]
    # Labels name the case or work order, never a person.
    labels = " ".join(i.label for s in work.sections for i in s.items)
    for secret in (PARTY[0], PARTY[1], *[x for pair in COMPLAINANTS for x in pair]):
        assert secret not in labels


def test_sections_are_capped_with_their_totals(app_ctx: AppContext, built: Built) -> None:
    work = today_work(app_ctx, today=TODAY, cap=1)
    complaints = work.section("complaints")
    assert complaints.total == 3 and len(complaints.items) == 1


def _add_outside_the_station(ctx: AppContext, built: Built) -> dict[str, int]:
    """An overdue case in 乙小区 (our street, another station's), and on another street 丁小区 (10,000 residents)
    with an overdue case and an overdue complaint; plus a complaint matched to no estate yet."""
    with ctx.db.session() as s:
        streets = list(s.scalars(select(Street).order_by(Street.id)))[:2]
        cat = s.scalar(select(Category.id).where(Category.code == "C05"))
        d = Estate(name="丁小区", street_id=streets[1].id)
        s.add(d)
        s.flush()
        s.add(EstatePopulation(estate_id=d.id, as_of=date(2024, 12, 31), population=10_000))
        ids = {}
        for key, street, estate, seq, found, deadline in (
                ("x", streets[0], built.estates["乙小区"], 100, date(2026, 3, 2), date(2026, 3, 5)),
                ("y", streets[1], d.id, 1, date(2026, 3, 3), date(2026, 3, 6))):
            c = Case(number=format_case_number(2026, street.short_name, seq), year=2026, street_id=street.id, seq=seq,
                     category_id=cat, estate_id=estate, source="巡查发现", found_date=found, facts="违法搭建",
                     status="责令整改", deadline=deadline)
            s.add(c)
            s.flush()
            ids[key] = c.id
        for key, estate_id, local, due in (("d", d.id, datetime(2026, 3, 2, 10), date(2026, 3, 5)),
                                           ("none", None, datetime(2026, 3, 10, 10), date(2026, 3, 17))):
            q = Complaint(channel="12345热线", received_at=_utc(local), complainant_name="王五", complainant_phone="1",
                          estate_id=estate_id, street_id=streets[1].id, address="某路", category_id=cat,
                          content="搭建", status="待处理", reply_due=due, work_order_no=f"WO-{key}")
            s.add(q)
            s.flush()
            ids[key] = q.id
        street_name = streets[0].name
    station.set_station_area(ctx, street=street_name, estate_ids=[built.estates["甲小区"]])
    return ids


def test_dashboard_follows_the_desks_view(app_ctx: AppContext, built: Built) -> None:
    extra = _add_outside_the_station(app_ctx, built)
    c = built.cases

    def counts() -> tuple[dict[str, tuple[int, int]], dict[str, list[int]], Any]:
        work = today_work(app_ctx, today=TODAY)
        got = {s.key: (s.total, s.overdue) for s in work.sections}
        return got, {s.key: [i.id for i in s.items] for s in work.sections}, figures(app_ctx, today=TODAY)

    # Station view = 甲小区 only: none of the added records, and not the complaint without an estate.
    got, ids, figs = counts()
    assert got == {"overdue": (1, 1), "due_soon": (1, 0), "followup": (1, 1), "referrals": (1, 1),
                   "complaints": (2, 0), "on_hold": (1, 0), "actions": (1, 1),
                   "orders": (0, 0), "inspections": (0, 0)}
    assert ids["overdue"] == [c["c3"]]
    goals = figs.goals
    assert (goals.tile("per10k").actual, goals.tile("per10k").last_year) == (3.0, 2.0)  # 甲 3 and 2 over 10,000
    assert (goals.tile("cases").actual, goals.tile("cases").last_year, goals.tile("overdue").actual) == (6, 2, 1)
    assert [(e.name, e.complaints) for e in figs.charts.top_estates] == [("甲小区", 3)]
    assert figs.charts.per10k_this_year == (1.0, 1.0, 1.0) + (None,) * 9
    assert figs.charts.per10k_last_year == (None, 2.0, 1.0) + (None,) * 9
    assert per10k(app_ctx, day_range(date(2026, 1, 1), TODAY), Scope("station")).current.per10k == 3.0

    # Street view: 甲乙丙 (乙's overdue case too), still without the complaint matched to no estate.
    views.set_view(app_ctx, "street")
    got, ids, figs = counts()
    assert (got["overdue"], got["complaints"]) == ((2, 2), (3, 1))
    assert ids["overdue"] == [extra["x"], c["c3"]]  # soonest deadline first
    assert (figs.goals.tile("cases").actual, figs.goals.tile("overdue").actual) == (7, 2)
    assert figs.goals.tile("per10k").actual == 2.78  # 甲 3 + 乙 2 over 18,000, as before 丁 was added

    # District view: everything, including 丁小区 and the complaint without an estate.
    views.set_view(app_ctx, "district")
    got, ids, figs = counts()
    assert (got["overdue"], got["complaints"]) == ((3, 3), (5, 2))
    assert extra["none"] in ids["complaints"] and extra["d"] in ids["complaints"]
    assert (figs.goals.tile("cases").actual, figs.goals.tile("overdue").actual) == (8, 3)
    assert figs.goals.tile("per10k").actual == 2.14  # 6 over 28,000
