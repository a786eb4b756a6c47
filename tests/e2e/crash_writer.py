"""Writes cases in a loop for the crash-safety test; prints each case's uuid after its commit returned.

Run as `python -m tests.e2e.crash_writer DATA_DIR`; the parent kills it with SIGKILL at random moments.
Also imported by the backup tests for `add_case`, which writes one case the way the case book stores it.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from controllers.core.paths import DataDir
from controllers.storage.opening import open_data_dir
from models.cases import Case, CaseEvent
from models.reference import Category, Estate, Street


def _estate(s: Session) -> Estate:
    estate = s.scalars(select(Estate).order_by(Estate.id).limit(1)).first()
    if estate is None:
        street = s.scalars(select(Street).order_by(Street.id).limit(1)).one()
        estate = Estate(name="测试小区", street_id=street.id)
        s.add(estate)
        s.flush()
    return estate


def add_case(s: Session, facts: str) -> Case:
    """One case plus its 创建 event in the caller's transaction (as the case book writes them)."""
    estate = _estate(s)
    street = s.get(Street, estate.street_id)
    assert street is not None
    category = s.scalars(select(Category).order_by(Category.id).limit(1)).one()
    year = 2025
    seq = (s.scalar(select(func.max(Case.seq)).where(Case.year == year, Case.street_id == street.id)) or 0) + 1
    case = Case(number=f"{year}-{street.short_name}-{seq:04d}", year=year, street_id=street.id, seq=seq,
                category_id=category.id, estate_id=estate.id, source="巡查发现", found_date=date(2025, 3, 5),
                facts=facts, status="登记")
    s.add(case)
    s.flush()
    s.add(CaseEvent(case_id=case.id, actor="测试", kind="创建", to_status="登记"))
    return case


def main(argv: list[str]) -> int:
    ctx = open_data_dir(DataDir(Path(argv[0])))
    n = 0
    while True:
        n += 1
        with ctx.db.session() as s:
            case = add_case(s, facts=f"第 {n} 件：占道经营，" + "内容" * 200)
        # Printed only after commit returned: the parent treats every printed uuid as durable.
        sys.stdout.write(f"{case.uuid}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
