"""工作台 goal tiles (target and actual of the plan's goals) and chart data, from dashboard_figures' aggregates.

Targets (settings key `dashboard_targets`, JSON; any key missing takes its default):
- per10k_cut_percent (default 5): 投诉万人比 (with and without repeats) should be at least this much below the
  same period last year; the target is last year's figure × (1 − cut). No last-year figure → no target.
- cases: no fixed number; the target is "fewer than last year" (last year's count), since the plan wants
  violations to fall.
- closure_percent (default 90): 结案率 at least this. on_time_percent (default 90): 按期结案率 at least this.
- recurrence_percent (default 5): 复发率 at most this. overdue: 0 (the plan's 不作为、慢作为).
A year may have targets of its own (settings key `targets@YEAR`, the same JSON keys; 设置 and the 年度考核 edit
them): they override `dashboard_targets` for that year's tiles and its assessment, so both show the same target.
Every figure counts the estates of the desk's view only (controllers.station.views; see dashboard_figures).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.complaints.dissatisfied import count_dissatisfied_in
from controllers.complaints.per10k import ratio
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import Period, month
from controllers.core.permissions import requires
from controllers.dashboard.figures import (
    CaseAggregates,
    ComplaintAggregates,
    case_aggregates,
    case_passes,
    combined,
    complaint_aggregates,
    months_of,
    periods_for,
)
from controllers.station.views import view_estate_ids
from models.admin import Setting
from models.reference import Category

K = TypeVar("K")  # what names a unit of tiles_per_unit
TARGETS_KEY = "dashboard_targets"
YEAR_TARGETS_PREFIX = "targets@"  # + the year: that year's own targets
DEFAULT_TARGETS = {"per10k_cut_percent": 5.0, "closure_percent": 90.0, "on_time_percent": 90.0,
                   "recurrence_percent": 5.0}
TOP_ESTATES = 10


@dataclass(frozen=True)
class GoalTile:
    """One goal: actual this period, the same period last year, the target and which way is better."""

    key: str  # per10k | per10k_no_repeats | cases | closure | on_time | recurrence | overdue | dissatisfied
    actual: float | None
    last_year: float | None
    target: float | None
    unit: str  # 件/万人 | % | 件
    lower_is_better: bool
    numerator: int | None = None  # for rates: n of d
    denominator: int | None = None
    by_category: tuple[tuple[str, int, int], ...] = ()  # cases tile: (category, this period, last year)

    @property
    def met(self) -> bool | None:
        if self.actual is None or self.target is None:
            return None
        return self.actual <= self.target if self.lower_is_better else self.actual >= self.target

    @property
    def change(self) -> float | None:
        if self.actual is None or self.last_year is None:
            return None
        return round(self.actual - self.last_year, 2)


# Tiles the dashboard shows beside the plan's goals without being one (issue 21's 不满意 callbacks).
WATCHED_ONLY = frozenset({"dissatisfied"})


@dataclass(frozen=True)
class GoalTiles:
    """The tiles with the periods they measure."""

    current: Period
    last: Period
    tiles: tuple[GoalTile, ...]

    def tile(self, key: str) -> GoalTile:
        return next(t for t in self.tiles if t.key == key)

    @property
    def plan_goals(self) -> tuple[GoalTile, ...]:
        """The plan's goals, what the 年度考核 assesses: every tile but the 不满意 count beside them (a figure the
        dashboard watches, with no target in the plan)."""
        return tuple(t for t in self.tiles if t.key not in WATCHED_ONLY)


@dataclass(frozen=True)
class CategorySeries:
    """Cases found per month in one category (a stacked bar set)."""

    code: str
    name: str
    counts: tuple[int, ...]


@dataclass(frozen=True)
class EstateRatio:
    """An estate (or a group of estates) with its complaints per 10,000 residents."""

    name: str
    complaints: int
    population: int
    per10k: float | None


@dataclass(frozen=True)
class ChartData:
    """Everything the four charts draw; empty tuples mean nothing to draw (the page says 暂无数据)."""

    year: int
    months: tuple[int, ...]  # month numbers of the case chart (this period)
    case_series: tuple[CategorySeries, ...]
    per10k_this_year: tuple[float | None, ...]  # 12 months; None = no data or month not reached
    per10k_last_year: tuple[float | None, ...]
    top_estates: tuple[EstateRatio, ...]
    pilot: tuple[EstateRatio, ...]  # (pilot this period, pilot last year, rest this period, rest last year)

    @property
    def has_cases(self) -> bool:
        return any(sum(s.counts) for s in self.case_series)

    @property
    def has_per10k(self) -> bool:
        return any(v is not None for v in self.per10k_this_year + self.per10k_last_year)


def _overlay(out: dict[str, float], raw: str | None) -> None:
    """Take the valid values of a stored JSON object; a damaged setting changes nothing."""
    try:
        stored = json.loads(raw) if raw else {}
    except ValueError:
        stored = {}
    if isinstance(stored, dict):
        for key in out:
            value = stored.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100:
                out[key] = float(value)


@requires("view")
def targets(ctx: AppContext, year: int | None = None) -> dict[str, float]:
    """The station's targets (for `year`: its own where set), defaults filled in."""
    out = dict(DEFAULT_TARGETS)
    with ctx.db.session() as s:
        for key in (TARGETS_KEY, *(() if year is None else (f"{YEAR_TARGETS_PREFIX}{year}",))):
            row = s.get(Setting, key)
            _overlay(out, None if row is None else row.value)
    return out


TARGET_LABELS = {"per10k_cut_percent": "投诉万人比同比下降（%）", "closure_percent": "结案率（%）",
                 "on_time_percent": "按期结案率（%）", "recurrence_percent": "复发率上限（%）"}
YEAR_MIN, YEAR_MAX = 2000, 2100


@requires("edit_settings")
def set_year_targets(ctx: AppContext, year: int, values: dict[str, float | int | str]) -> dict[str, float]:
    """Store one year's targets (every value checked first: 0 to 100; a bad one stores nothing)."""
    if not YEAR_MIN <= int(year) <= YEAR_MAX:
        raise ValidationError(f"年度应在 {YEAR_MIN} 至 {YEAR_MAX} 之间。未做任何更改。", field="year")
    out = targets(ctx, year)
    for key, value in values.items():
        if key not in DEFAULT_TARGETS:
            raise ValidationError(f"“{key}”不是可设置的考核目标。未做任何更改。", field="targets")
        try:
            number = float(str(value).strip())
        except ValueError:
            number = -1.0
        if not 0 <= number <= 100:  # NaN and infinities fail this too
            raise ValidationError(f"{TARGET_LABELS[key]}应为 0 至 100 之间的数。未做任何更改。", field=key)
        out[key] = number
    with ctx.db.session() as s:
        setting_key = f"{YEAR_TARGETS_PREFIX}{int(year)}"
        row = s.get(Setting, setting_key)
        text = json.dumps(out, ensure_ascii=False, sort_keys=True)
        if row is None:
            s.add(Setting(key=setting_key, value=text))
        else:
            row.value = text
    return out


def _pct(n: int, d: int) -> float | None:
    return round(n * 100 / d, 1) if d else None


def _district(agg: ComplaintAggregates, index: int, p: Period, *, without_repeats: bool = False,
              estates: set[int] | None = None, label: str = "") -> EstateRatio:
    """投诉万人比 of a set of estates (all by default) in period `index` (0 this, 1 last year's)."""
    pops = agg.populations_on(p.end)
    n = pop = 0
    for eid in (estates if estates is not None else agg.estates.keys()):
        if eid in pops:
            count, repeats = agg.spans.get((eid, index), (0, 0))
            n, pop = n + count - (repeats if without_repeats else 0), pop + pops[eid]
    return EstateRatio(label, n, pop, ratio(n, pop))


def _tiles(cases: CaseAggregates, complaints: ComplaintAggregates, current: Period, last: Period,
           goals: dict[str, float]) -> tuple[GoalTile, ...]:
    out = []
    cut = 1 - goals["per10k_cut_percent"] / 100
    for key, without in (("per10k", False), ("per10k_no_repeats", True)):
        now = _district(complaints, 0, current, without_repeats=without).per10k
        before = _district(complaints, 1, last, without_repeats=without).per10k
        out.append(GoalTile(key, now, before, None if before is None else round(before * cut, 2), "件/万人", True))
    per_cat: dict[int, list[int]] = {}
    for (sp, cat, _ym), n in cases.found.items():
        per_cat.setdefault(cat, [0, 0])[sp] += n
    by_cat = tuple((cases.categories.get(c, ("", "未知类别"))[1], a, b)
                   for c, (a, b) in sorted(per_cat.items(), key=lambda kv: cases.categories.get(kv[0], ("", ""))[0]))
    found_now, found_last = sum(a for _n, a, _b in by_cat), sum(b for _n, _a, b in by_cat)
    out.append(GoalTile("cases", found_now, found_last, found_last or None, "件", True, by_category=by_cat))
    for key, num, den, goal, lower in (
        ("closure", cases.closed_of_found, cases.closable, goals["closure_percent"], False),
        ("on_time", cases.on_time, cases.with_deadline, goals["on_time_percent"], False),
        ("recurrence", cases.recurred, cases.closed, goals["recurrence_percent"], True),
    ):
        out.append(GoalTile(key, _pct(num[0], den[0]), _pct(num[1], den[1]), goal, "%", lower, num[0], den[0]))
    out.append(GoalTile("overdue", cases.overdue, None, 0, "件", True))
    return tuple(out)


def _month_ratio(agg: ComplaintAggregates, y: int, m: int) -> float | None:
    """None for a month without complaints (not reached yet, or before the data begins)."""
    n = agg.months.get((y, m), 0)
    return ratio(n, sum(agg.populations_on(month(y, m).end).values())) if n else None


def _charts(cases: CaseAggregates, complaints: ComplaintAggregates, current: Period, last: Period,
            on: date) -> ChartData:
    months = months_of(current)
    codes = sorted({cat for (sp, cat, _ym) in cases.found if sp == 0}, key=lambda c: cases.categories[c][0])
    series = tuple(CategorySeries(*cases.categories[c], tuple(cases.found.get((0, c, ym), 0) for ym in months))
                   for c in codes)
    y = current.start.year
    this_year = tuple(_month_ratio(complaints, y, m) for m in range(1, 13))
    last_year = tuple(_month_ratio(complaints, y - 1, m) for m in range(1, 13))
    pops = complaints.populations_on(current.end)
    ranked = []
    for eid, (name, _pilot) in complaints.estates.items():
        pop = pops.get(eid)
        count = complaints.spans.get((eid, 0), (0, 0))[0]
        if pop:
            ranked.append(EstateRatio(name, count, pop, ratio(count, pop)))
    ranked.sort(key=lambda e: (-(e.per10k or 0.0), e.name))
    top = tuple(e for e in ranked[:TOP_ESTATES] if e.complaints)
    pilots = {e for e, (_n, p) in complaints.estates.items() if p}
    rest = set(complaints.estates) - pilots
    pilot: tuple[EstateRatio, ...] = ()
    if pilots:
        pilot = (_district(complaints, 0, current, estates=pilots, label="试点小区"),
                 _district(complaints, 1, last, estates=pilots, label="试点小区"),
                 _district(complaints, 0, current, estates=rest, label="其他小区"),
                 _district(complaints, 1, last, estates=rest, label="其他小区"))
    return ChartData(y, tuple(m for _y, m in months), series, this_year, last_year, top, pilot)


@dataclass(frozen=True)
class Figures:
    """Goal tiles and chart data of one refresh (they share one pass per table)."""

    goals: GoalTiles
    charts: ChartData


def _aggregates(s: Session, current: Period, last: Period, *, on: date, ids: Collection[int] | None,
                months: bool) -> tuple[CaseAggregates, ComplaintAggregates]:
    """Both tables' aggregates for the estates `ids` (None: every estate, no condition at all)."""
    c_agg = case_aggregates(s, current, last, on=on, ids=ids)
    q_agg = complaint_aggregates(s, current, last, on=on, ids=ids, months=months)
    return c_agg, q_agg


def tiles_in_session(s: Session, current: Period, last: Period, *, on: date, goals: dict[str, float],
                     ids: Collection[int] | None) -> tuple[GoalTile, ...]:
    """The goal tiles of a set of estates, exactly as the dashboard counts them (the 年度考核 per street and
    estate)."""
    c_agg, q_agg = _aggregates(s, current, last, on=on, ids=ids, months=False)
    return _tiles(c_agg, q_agg, current, last, goals)


def tiles_per_unit(s: Session, current: Period, last: Period, *, on: date, goals: dict[str, float],
                   ids: Collection[int] | None, units: Mapping[K, Collection[int]]
                   ) -> tuple[tuple[GoalTile, ...], dict[K, tuple[GoalTile, ...]]]:
    """The goal tiles of all the estates `ids` (what tiles_in_session gives) and of each unit (a street, an estate: a
    set of estates) within them, read in one pass per table grouped by estate; each unit's tiles are what
    tiles_in_session gives for its estates (tested). The whole's cases are the sum of its estates' (every case has
    one); its complaints are read without the grouping, so those without an estate count where they did."""
    cases = case_passes(s, current, last, on=on, ids=ids, by_estate=True)
    complaints = complaint_aggregates(s, current, last, on=on, ids=ids, months=False)
    categories = {int(i): (str(c), str(n)) for i, c, n in s.execute(select(Category.id, Category.code,
                                                                           Category.name))}
    whole = _tiles(combined(list(cases.values()), categories), complaints, current, last, goals)
    out = {}
    for name, members in units.items():
        c_agg = combined([cases[e] for e in members if e in cases], categories)
        out[name] = _tiles(c_agg, complaints.restricted(members), current, last, goals)
    return whole, out


@requires("view")
def figures(ctx: AppContext, *, year: int | None = None, today: date | None = None) -> Figures:
    on = today or clock.today()
    current, last = periods_for(year, on)
    goals = targets(ctx, current.start.year)
    with ctx.db.session() as s:
        ids = view_estate_ids(ctx, s)  # None: the view covers everything and adds no condition
        c_agg, q_agg = _aggregates(s, current, last, on=on, ids=ids, months=True)
        # 不满意 callbacks (issue 21): no target, fewer is better, compared with the same days last year.
        unhappy = GoalTile("dissatisfied", count_dissatisfied_in(s, current, ids), count_dissatisfied_in(s, last, ids),
                           None, "件", True)
    return Figures(GoalTiles(current, last, (*_tiles(c_agg, q_agg, current, last, goals), unhappy)),
                   _charts(c_agg, q_agg, current, last, on))


@requires("view")
def goal_tiles(ctx: AppContext, *, year: int | None = None, today: date | None = None) -> GoalTiles:
    """The plan's goals for the year (to date) against the same days last year."""
    return figures(ctx, year=year, today=today).goals


@requires("view")
def chart_data(ctx: AppContext, *, year: int | None = None, today: date | None = None) -> ChartData:
    """The four charts' data for the year (to date)."""
    return figures(ctx, year=year, today=today).charts
