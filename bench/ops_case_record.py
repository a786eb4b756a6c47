"""case_save_ms: register a case and save one edit to it on the 100k demo data, then remove it again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bench import BenchEnv, operation, timer
from models.cases import Case
from models.reference import Category, Estate


@operation("case_save_ms")
def case_save(env: BenchEnv) -> float:
    from controllers.cases import records as cr

    ctx = env.context()
    with ctx.db.session() as s:
        estate_id = s.scalar(select(Estate.id).order_by(Estate.id).limit(1))
        category_id = s.scalar(select(Category.id).where(Category.code == "C05"))
    with timer() as t:
        detail = cr.create_case(ctx, category_id=category_id, estate_id=estate_id, source="巡查发现",
                                found_date=date(2025, 6, 1), facts="基准测试：楼顶违法搭建", place="1号楼顶")
        cr.update_case(ctx, detail.id, expected_version=detail.version, place="2号楼顶", party_name="测试")
    # Leave the cached demo data as it was: the case, its events and its search entry go again.
    with ctx.db.session() as s:
        case = s.get(Case, detail.id)
        if case is not None:
            case.regulations = []
            s.delete(case)
    return t.ms
