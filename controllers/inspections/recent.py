"""An estate's recent patrols as meeting mode shows them to a room: date, kind and the categories found.

Meeting mode's controller (controllers.meetings, floor 6 beside this package) cannot import inspections, so its
window composes this read with its own. Only what a room may see: no officers' names, no notes or places (free
text typed by staff may name the people they met), no departments. Checked like meeting mode: the right to hold a
meeting and, for a 居委代表, their own estates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.permissions import require_estates, requires
from models.inspections import Patrol, PatrolCheck, PatrolVisit
from models.reference import Category, Estate

FOUND = "发现问题"
RECENT_DAYS = 365
MAX_VISITS = 20


@dataclass(frozen=True)
class RecentFinding:
    """One category found at a visit and what it became (None: not handled yet)."""

    code: str
    category: str
    outcome: str | None


@dataclass(frozen=True)
class RecentVisit:
    """One estate on one patrol: the local day, the kind, the estate and its findings (empty: all clear)."""

    day: date
    kind: str
    estate: str
    findings: tuple[RecentFinding, ...]


@requires("meeting_mode")
def recent_patrols(ctx: AppContext, estate_ids: tuple[int, ...], *, today: date | None = None,
                   days: int = RECENT_DAYS, limit: int = MAX_VISITS) -> tuple[RecentVisit, ...]:
    """The visits to these estates in the last `days` days, newest first, at most `limit`."""
    require_estates(ctx, estate_ids)
    on = today or clock.today()
    lo, hi = clock.day_start(on - timedelta(days=days)), clock.day_start(on + timedelta(days=1))
    with ctx.db.session() as s:
        visits = s.execute(
            select(PatrolVisit.id, Patrol.started_at, Patrol.kind, Estate.name)
            .join(Patrol, Patrol.id == PatrolVisit.patrol_id).join(Estate, Estate.id == PatrolVisit.estate_id)
            .where(PatrolVisit.estate_id.in_(estate_ids), Patrol.started_at >= lo, Patrol.started_at < hi)
            .order_by(Patrol.started_at.desc(), PatrolVisit.id.desc()).limit(limit)).all()
        found: dict[int, list[RecentFinding]] = defaultdict(list)
        if visits:
            for visit_id, code, name, outcome in s.execute(
                    select(PatrolCheck.visit_id, Category.code, Category.name, PatrolCheck.outcome)
                    .join(Category, Category.id == PatrolCheck.category_id)
                    .where(PatrolCheck.visit_id.in_([v[0] for v in visits]), PatrolCheck.result == FOUND)
                    .order_by(Category.sort_order, Category.code)):
                found[visit_id].append(RecentFinding(code, name, outcome))
    return tuple(RecentVisit(clock.to_local(at).date(), kind, estate, tuple(found[vid]))
                 for vid, at, kind, estate in visits)
