"""Lists of patrols (the page and the xlsx export): filtered by days, kind and estate, within the current view.

A 居委代表 holds no `view` right and reads none of this: the list carries officers' names and notes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import TextMasker, known_names, may_unmask, text_masker
from controllers.station.views import view_estate_ids
from models.inspections import Patrol, PatrolCheck, PatrolVisit, patrol_departments, patrol_officers
from models.reference import Category, Department, Estate, Staff


@dataclass(frozen=True)
class PatrolFilter:
    """Which patrols to list: Shanghai days [first, last], one kind, one estate visited (None: any)."""

    first: date | None = None
    last: date | None = None
    kind: str | None = None
    estate_id: int | None = None


@dataclass(frozen=True)
class PatrolRow:
    """One patrol in a list or an export; `started_at` in Shanghai wall time."""

    id: int
    started_at: datetime
    kind: str
    officers: str
    departments: str
    estates: str
    findings: int
    cases: int
    referrals: int
    fixed_on_spot: int
    finding_categories: str
    notes: str | None


def _patrol_ids(ctx: AppContext, s: Session, f: PatrolFilter) -> list[int]:
    stmt = select(Patrol.id).order_by(Patrol.started_at.desc(), Patrol.id.desc())
    if f.first is not None:
        stmt = stmt.where(Patrol.started_at >= clock.day_start(f.first))
    if f.last is not None:
        stmt = stmt.where(Patrol.started_at < clock.day_start(f.last + timedelta(days=1)))
    if f.kind:
        stmt = stmt.where(Patrol.kind == f.kind)
    visited = select(PatrolVisit.patrol_id)
    if f.estate_id is not None:
        stmt = stmt.where(Patrol.id.in_(visited.where(PatrolVisit.estate_id == f.estate_id)))
    in_view = view_estate_ids(ctx, s)
    if in_view is not None:
        stmt = stmt.where(Patrol.id.in_(visited.where(PatrolVisit.estate_id.in_(in_view))))
    return list(s.scalars(stmt))


def _names(s: Session, link: Table, column: str, model: type[Staff | Department], ids: list[int]
           ) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    rows = s.execute(select(link.c.patrol_id, model.name).join(model, model.id == link.c[column])
                     .where(link.c.patrol_id.in_(ids)).order_by(model.id))
    for pid, name in rows:
        out[pid].append(name)
    return out


def _rows(s: Session, ids: list[int], shown: TextMasker) -> list[PatrolRow]:
    patrols = {p.id: p for p in s.scalars(select(Patrol).where(Patrol.id.in_(ids)))}
    officers = _names(s, patrol_officers, "staff_id", Staff, ids)
    departments = _names(s, patrol_departments, "department_id", Department, ids)
    estates: dict[int, list[str]] = defaultdict(list)
    for pid, name in s.execute(select(PatrolVisit.patrol_id, Estate.name).join(Estate)
                               .where(PatrolVisit.patrol_id.in_(ids)).order_by(PatrolVisit.position)):
        estates[pid].append(name)
    outcomes: dict[int, Counter[str]] = defaultdict(Counter)
    cats: dict[int, list[str]] = defaultdict(list)
    for pid, outcome, code in s.execute(
            select(PatrolVisit.patrol_id, PatrolCheck.outcome, Category.code)
            .join(PatrolCheck, PatrolCheck.visit_id == PatrolVisit.id).join(Category)
            .where(PatrolVisit.patrol_id.in_(ids), PatrolCheck.result == "发现问题")):
        outcomes[pid][outcome or ""] += 1
        cats[pid].append(code)
    out = []
    for pid in ids:
        p = patrols[pid]
        o = outcomes[pid]
        out.append(PatrolRow(pid, clock.to_local(p.started_at), p.kind, "、".join(officers[pid]),
                             "、".join(departments[pid]), "、".join(estates[pid]), sum(o.values()), o["立案"],
                             o["移交"], o["当场劝阻整改"], "、".join(sorted(set(cats[pid]))), shown(p.notes)))
    return out


@requires("view")
def list_patrols(ctx: AppContext, f: PatrolFilter | None = None) -> list[PatrolRow]:
    """The patrols the filter and the view select, newest first."""
    with ctx.db.session() as s:
        return _rows(s, _patrol_ids(ctx, s, f or PatrolFilter()), _masker(ctx, s))


def iter_patrol_rows(ctx: AppContext, s: Session, f: PatrolFilter, *, batch: int = 500) -> Iterator[PatrolRow]:
    """Like list_patrols in the caller's session, read in batches (an export of years of patrols)."""
    ids = _patrol_ids(ctx, s, f)
    shown = _masker(ctx, s)
    for i in range(0, len(ids), batch):
        yield from _rows(s, ids[i:i + batch], shown)


def _masker(ctx: AppContext, s: Session) -> TextMasker:
    """Officers' notes as they are for a role with personal data, names and numbers masked for the others."""
    full = may_unmask(ctx)
    return text_masker(full, () if full else known_names(s))
