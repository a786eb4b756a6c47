"""Inspection coverage at 1,000 estates × two years of inspections, on a small synthetic data directory of its own.

The demo's estates number in the hundreds; the figure the issue asks for needs 1,000 graded estates, so they are
built here once per harness run (about 15,000 inspection visits in 3,000 patrols, no checklist lines: coverage
never reads them) and the whole two-year period and one quarter are timed.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench import BenchEnv, operation, timer

if TYPE_CHECKING:
    from controllers.core.context import AppContext

ESTATES = 1000
FIRST, LAST = date(2024, 1, 1), date(2025, 12, 31)
_built: dict[str, object] = {}


def _synthetic() -> AppContext:
    """Open (building on first use) the synthetic data directory: 1,000 estates graded A/B/C, two years of rounds."""
    if "ctx" in _built:
        return _built["ctx"]  # type: ignore[return-value]
    from sqlalchemy import insert, select

    from controllers.core.paths import DataDir
    from controllers.storage.opening import open_data_dir
    from models.inspections import Patrol, PatrolVisit
    from models.reference import Estate, EstateGrade, Street

    folder = Path(tempfile.mkdtemp(prefix="bench-inspections-"))
    ctx = open_data_dir(DataDir(folder / "data"))
    atexit.register(_remove, ctx, folder)
    stamp = datetime(2024, 1, 1)
    with ctx.db.engine.begin() as conn:
        grades = list(conn.scalars(select(EstateGrade.id).order_by(EstateGrade.sort_order)))
        months = {g: m for g, m in conn.execute(select(EstateGrade.id, EstateGrade.inspection_months))}
        street = conn.scalar(select(Street.id).limit(1))
        estates = [{"id": i + 1, "uuid": uuid.uuid4(), "created_at": stamp, "updated_at": stamp,
                    "name": f"测试小区{i:04d}", "street_id": street, "pilot": False, "grade_id": grades[i % 3]}
                   for i in range(ESTATES)]
        conn.execute(insert(Estate), estates)
        patrols, visits = [], []
        for e in estates:
            step = months[e["grade_id"]]
            for k in range(0, 24, step):
                if (e["id"] * 7 + k) % 10 == 0:  # one cycle in ten missed
                    continue
                day = date(FIRST.year + k // 12, k % 12 + 1, 1) + timedelta(days=(e["id"] + k) % 25)
                at = datetime(day.year, day.month, day.day, 1, 30)
                pid = len(patrols) + 1
                patrols.append({"id": pid, "uuid": uuid.uuid4(), "created_at": at, "updated_at": at,
                                "started_at": at, "kind": "分级分类检查"})
                visits.append({"uuid": uuid.uuid4(), "created_at": at, "updated_at": at, "patrol_id": pid,
                               "estate_id": e["id"], "position": 0, "met_property": True, "met_committee": False,
                               "met_owners_committee": False})
        conn.execute(insert(Patrol), patrols)
        conn.execute(insert(PatrolVisit), visits)
    _built["ctx"] = ctx
    _built["visits"] = len(visits)
    return ctx


def _remove(ctx: AppContext, folder: Path) -> None:
    """The synthetic directory goes when the harness ends: it is rebuilt in seconds."""
    ctx.close()
    shutil.rmtree(folder, ignore_errors=True)


def _time(env: BenchEnv, first: date, last: date) -> float:
    from controllers.core.periods import day_range
    from controllers.inspections.coverage import coverage

    ctx = _synthetic()
    env.figures["coverage_visits"] = float(_built["visits"])  # type: ignore[arg-type]
    with timer() as t:
        report = coverage(ctx, day_range(first, last), today=date(2026, 1, 1))
    assert len(report.estates) >= ESTATES
    return t.ms


@operation("coverage_1000x2y_ms")
def coverage_two_years(env: BenchEnv) -> float:
    """Coverage of 1,000 estates over two years (24/12/8 cycles each by grade)."""
    return _time(env, FIRST, LAST)


@operation("coverage_1000_quarter_ms")
def coverage_quarter(env: BenchEnv) -> float:
    """Coverage of 1,000 estates for one quarter (what the 工作台 tile will ask)."""
    return _time(env, date(2025, 10, 1), LAST)
