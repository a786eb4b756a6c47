"""Complaints per 10,000 residents (投诉万人比) for a period and a scope, in 件/万人 (never a percentage).

Rules:
- Complaints counted: received within the period's Shanghai days, attributed to an estate of the scope.
  "Without repeats" leaves out every complaint that repeats an earlier one (repeat_of_id set), so each
  repeat group counts once, through its first complaint.
- Population in force: for each estate, the latest EstatePopulation with as_of on or before the period's
  last day. A population recorded mid-year therefore applies to a year, and to every quarter or month
  ending after it; earlier periods keep the previous figure.
- Estates with no population in force are listed with their complaints and never counted as zero: their
  complaints stay out of the ratio (numerator and denominator both exclude them).
- Complaints without an estate cannot be put against any population; they are reported, not counted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from controllers.complaints import month_counts
from controllers.core.context import AppContext
from controllers.core.periods import Period, same_period_last_year
from controllers.core.permissions import requires

# The scope type moved to controllers.station.scopes (shared with the case statistics and briefs); re-exported here.
from controllers.station.scopes import (  # noqa: F401
    SCOPE_HELP,
    SCOPE_KINDS,
    Scope,
    parse_scope,
    scope_estate_ids,
    scope_estates,
)
from models.reference import EstatePopulation


@dataclass(frozen=True)
class EstateWithoutPopulation:
    """An estate of the scope with no population in force: listed, never counted as zero."""

    estate_id: int
    name: str
    complaints: int


@dataclass(frozen=True)
class Per10k:
    """The figures of one period for one scope."""

    period: str
    start: str
    end: str
    complaints: int  # counted in the ratio (estates with population only)
    complaints_without_repeats: int
    population: int
    per10k: float | None
    per10k_without_repeats: float | None
    estates_counted: int
    estates_without_population: list[EstateWithoutPopulation] = field(default_factory=list)
    complaints_without_estate: int = 0


@dataclass(frozen=True)
class Per10kReport:
    """A period beside the same period last year, with the change in 件/万人."""

    scope: str
    current: Per10k
    last_year: Per10k
    change: float | None
    change_without_repeats: float | None

    def as_json(self) -> dict[str, Any]:
        cur = asdict(self.current)
        return {
            "period": cur.pop("period"), "scope": self.scope, **cur, "unit": "件/万人",
            "last_year": asdict(self.last_year), "change": self.change,
            "change_without_repeats": self.change_without_repeats,
        }


@dataclass(frozen=True)
class EstatePer10k:
    """One estate's line in the ranking."""

    estate_id: int
    estate: str
    street: str
    committee: str
    complaints: int
    complaints_without_repeats: int
    population: int | None
    per10k: float | None
    per10k_without_repeats: float | None


def ratio(complaints: int, population: int) -> float | None:
    """件/万人 rounded to two decimals; None when there is no population to divide by."""
    return round(complaints * 10_000 / population, 2) if population > 0 else None


def _populations(s: Session, period: Period) -> dict[int, int]:
    """Estate id -> population in force at the period's end (latest as_of on or before it)."""
    latest = (
        select(EstatePopulation.estate_id, func.max(EstatePopulation.as_of).label("as_of"))
        .where(EstatePopulation.as_of <= period.end).group_by(EstatePopulation.estate_id).subquery()
    )
    stmt = select(EstatePopulation.estate_id, EstatePopulation.population).join(
        latest, and_(EstatePopulation.estate_id == latest.c.estate_id, EstatePopulation.as_of == latest.c.as_of)
    )
    return {int(e): int(p) for e, p in s.execute(stmt)}


def _counts(s: Session, period: Period) -> dict[int | None, tuple[int, int]]:
    """Estate id -> (complaints, complaints that are not repeats) in the period; None -> complaints without an
    estate (their repeats were never told apart: both figures the same). Whole months come from the kept month
    counts, the days of a partial month from the complaints' index (controllers.complaints.month_counts)."""
    counted = month_counts.by_estate(s, period)
    out: dict[int | None, tuple[int, int]] = {e: (n, n - r) for e, (n, r) in counted.items() if e is not None}
    no_estate = counted.get(None, (0, 0))[0]
    out[None] = (no_estate, no_estate)
    return out


def _figures(s: Session, period: Period, estates: list[tuple[int, str, str, str]], scope: Scope) -> Per10k:
    pops = _populations(s, period)
    counts = _counts(s, period)
    total = without = population = counted = 0
    missing: list[EstateWithoutPopulation] = []
    for eid, name, _street, _committee in estates:
        n, nr = counts.get(eid, (0, 0))
        if eid in pops:
            total, without, population, counted = total + n, without + nr, population + pops[eid], counted + 1
        else:
            missing.append(EstateWithoutPopulation(eid, name, n))
    # Complaints without an estate belong to a scope only when it covers every estate (district, or a station
    # whose area is not narrowed).
    no_estate = counts.get(None, (0, 0))[0] if scope_estate_ids(s, scope) is None else 0
    return Per10k(
        period=period.label, start=period.start.isoformat(), end=period.end.isoformat(), complaints=total,
        complaints_without_repeats=without, population=population, per10k=ratio(total, population),
        per10k_without_repeats=ratio(without, population), estates_counted=counted,
        estates_without_population=missing, complaints_without_estate=no_estate,
    )


def _diff(a: float | None, b: float | None) -> float | None:
    return round(a - b, 2) if a is not None and b is not None else None


@requires("view")
def per10k(ctx: AppContext, period: Period, scope: Scope | None = None) -> Per10kReport:
    """The figure for the period and scope beside the same period last year."""
    scope = scope or Scope()
    with ctx.db.session() as s:
        estates = scope_estates(s, scope)
        cur = _figures(s, period, estates, scope)
        last = _figures(s, same_period_last_year(period), estates, scope)
    return Per10kReport(
        scope=scope.label, current=cur, last_year=last, change=_diff(cur.per10k, last.per10k),
        change_without_repeats=_diff(cur.per10k_without_repeats, last.per10k_without_repeats),
    )


@requires("view")
def per10k_by_estate(ctx: AppContext, period: Period, scope: Scope | None = None) -> list[EstatePer10k]:
    """Every estate of the scope ranked by 件/万人, highest first; estates without population last."""
    scope = scope or Scope()
    with ctx.db.session() as s:
        estates = scope_estates(s, scope)
        pops = _populations(s, period)
        counts = _counts(s, period)
    out = []
    for eid, name, street, committee in estates:
        n, nr = counts.get(eid, (0, 0))
        pop = pops.get(eid)
        out.append(EstatePer10k(eid, name, street, committee, n, nr, pop,
                                ratio(n, pop) if pop else None, ratio(nr, pop) if pop else None))
    out.sort(key=lambda e: (e.per10k is None, -(e.per10k or 0.0), e.estate))
    return out
