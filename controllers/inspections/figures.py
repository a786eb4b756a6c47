"""The figures of inspections for a period (the work brief's section 分级分类检查 and the 工作台 tile read them):
coverage by grade and by street, findings by category, and what the findings became.

Counts only: no notes, no officers, no names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import Period
from controllers.core.permissions import requires
from controllers.inspections import plan
from controllers.inspections.coverage import coverage
from controllers.station.scopes import Scope
from models.inspections import Patrol, PatrolCheck, PatrolVisit
from models.reference import Category

OUTCOMES = ("立案", "移交", "当场劝阻整改", "待处理")


@dataclass(frozen=True)
class InspectionFigures:
    period: Period
    scope_label: str
    totals: plan.Counts
    by_grade: tuple[tuple[str, plan.Counts], ...]  # grade name ("未分级" last), in grade order
    by_street: tuple[tuple[str, plan.Counts], ...]
    overdue_estates: tuple[str, ...]
    patrols: int
    findings_by_category: tuple[tuple[str, str, int], ...]  # (code, name, findings), most first
    outcomes: tuple[tuple[str, int], ...]  # OUTCOMES with their counts

    def outcome_share(self, outcome: str) -> float | None:
        total = sum(n for _o, n in self.outcomes)
        return None if not total else dict(self.outcomes)[outcome] / total


def _group(rows: list[tuple[str, plan.Counts]]) -> tuple[tuple[str, plan.Counts], ...]:
    sums: dict[str, plan.Counts] = defaultdict(plan.Counts)
    for key, counts in rows:
        sums[key] = sums[key] + counts
    return tuple(sums.items())


@requires("view")
def inspection_figures(ctx: AppContext, period: Period, scope: Scope | None = None, *,
                       today: date | None = None) -> InspectionFigures:
    """Coverage and findings of the period within the scope and the current view (coverage applies the view)."""
    report = coverage(ctx, period, scope, today=today)
    shown = [e.estate_id for e in report.estates]
    rows = sorted(report.estates, key=lambda e: (e.grade == "", e.grade))
    lo, hi = clock.day_start(period.start), clock.day_start(period.end + timedelta(days=1))
    with ctx.db.session() as s:
        visits = select(PatrolVisit.id).where(PatrolVisit.estate_id.in_(shown))
        found = (select(Category.code, Category.name, PatrolCheck.outcome, func.count())
                 .join(PatrolCheck, PatrolCheck.category_id == Category.id)
                 .join(PatrolVisit, PatrolVisit.id == PatrolCheck.visit_id)
                 .join(Patrol, Patrol.id == PatrolVisit.patrol_id)
                 .where(PatrolCheck.result == "发现问题", Patrol.started_at >= lo, Patrol.started_at < hi,
                        PatrolCheck.visit_id.in_(visits))
                 .group_by(Category.code, Category.name, PatrolCheck.outcome))
        by_category: Counter[tuple[str, str]] = Counter()
        outcomes: Counter[str] = Counter()
        for code, name, outcome, n in s.execute(found):
            by_category[(code, name)] += n
            outcomes[outcome or "待处理"] += n
        patrols = s.scalar(select(func.count(func.distinct(Patrol.id))).join(PatrolVisit)
                           .where(Patrol.started_at >= lo, Patrol.started_at < hi,
                                  PatrolVisit.estate_id.in_(shown))) or 0
    return InspectionFigures(
        period, report.scope_label, report.totals,
        _group([(e.grade or "未分级", e.counts) for e in rows]),
        _group([(e.street, e.counts) for e in sorted(report.estates, key=lambda e: e.street)]),
        tuple(e.estate for e in report.overdue_estates), int(patrols),
        tuple((c, n, k) for (c, n), k in sorted(by_category.items(), key=lambda x: (-x[1], x[0][0]))),
        tuple((o, outcomes[o]) for o in OUTCOMES))
