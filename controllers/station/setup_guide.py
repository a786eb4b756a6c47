"""Whether this station has been through the 开始使用 guide, and what the guide's steps have entered so far.

The mark is a station setting (no schema change): the guide opens by itself once, on a fresh database, and can be
reopened from 设置 at any time. A database that already holds cases (an upgrade, a restored backup) never gets
the guide forced on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.station.area import station_estate_ids
from models.admin import Setting
from models.cases import Case
from models.reference import Estate, Staff

SETUP_GUIDE_KEY = "setup_guide_done"


@dataclass(frozen=True)
class SetupState:
    """What a station has set up: the guide's mark and the counts its steps and the empty pages point at."""

    guide_done: bool
    estates: int  # the station's own estates (all estates when no area is set)
    staff: int
    cases: int


@requires("view")
def setup_state(ctx: AppContext) -> SetupState:
    with ctx.db.session() as s:
        ids = station_estate_ids(s)
        estates = select(func.count()).select_from(Estate)
        if ids is not None:
            estates = estates.where(Estate.id.in_(ids))
        return SetupState(
            guide_done=s.get(Setting, SETUP_GUIDE_KEY) is not None,
            estates=int(s.scalar(estates) or 0),
            staff=int(s.scalar(select(func.count()).select_from(Staff)) or 0),
            cases=int(s.scalar(select(func.count()).select_from(Case)) or 0),
        )


@requires("view")
def has_estates(ctx: AppContext) -> bool:
    """True when the station has at least one estate to register a case or a complaint against."""
    return setup_state(ctx).estates > 0


@requires("view")
def guide_due(ctx: AppContext) -> bool:
    """The guide opens by itself only on a database that was never set up: no mark and no case yet."""
    state = setup_state(ctx)
    return not state.guide_done and state.cases == 0


@requires("edit_settings")
def mark_guide_done(ctx: AppContext) -> None:
    """Remember that the guide was finished or put aside (it stays reachable from 设置)."""
    stamp = clock.now().isoformat(timespec="seconds")
    with ctx.db.session() as s:
        row = s.get(Setting, SETUP_GUIDE_KEY)
        if row is None:
            s.add(Setting(key=SETUP_GUIDE_KEY, value=stamp))
        else:
            row.value = stamp
