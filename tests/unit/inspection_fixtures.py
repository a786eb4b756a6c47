"""Helpers for the inspection tests: graded estates, officers, a morning's patrol typed from the paper sheet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.inspections import patrols
from models.reference import Category, Estate, EstateGrade
from tests.unit.case_fixtures import make_estate, make_staff


def grade_id(ctx: AppContext, letter: str) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(EstateGrade.id).where(EstateGrade.name.startswith(letter)))


def graded_estate(ctx: AppContext, name: str, letter: str = "A") -> int:
    estate_id = make_estate(ctx, name)
    with ctx.db.session() as s:
        s.get(Estate, estate_id).grade_id = grade_id(ctx, letter)
    return estate_id


def codes(ctx: AppContext) -> dict[str, int]:
    with ctx.db.session() as s:
        return {code: cid for code, cid in s.execute(select(Category.code, Category.id))}


def morning_patrol(ctx: AppContext, estates: list[int], *, at: datetime = datetime(2025, 3, 4, 9, 30),
                   kind: str = "分级分类检查", officer: int | None = None) -> patrols.PatrolDetail:
    """Three estates, the first with two findings (C05 and C99), the second with one (C12), the third all clear."""
    c = codes(ctx)
    lines = {
        0: (patrols.CheckInput(c["C05"], "发现问题", place="5号楼顶", note="楼顶新搭彩钢板房"),
            patrols.CheckInput(c["C99"], "发现问题", place="小区南门", note="燃气管道私接"),
            patrols.CheckInput(c["C01"], "正常")),
        1: (patrols.CheckInput(c["C12"], "发现问题", place="3号楼门厅", note="电动车停放堵塞通道"),),
        2: (patrols.CheckInput(c["C07"], "正常"), patrols.CheckInput(c["C09"], "不适用")),
    }
    visits = tuple(patrols.VisitInput(e, ("物业", "居委") if i == 0 else (), lines.get(i, ()))
                   for i, e in enumerate(estates))
    return patrols.record_patrol(ctx, patrols.PatrolInput(
        started_at=at, kind=kind, officer_ids=(officer or make_staff(ctx, "王队员"),), visits=visits,
        notes="补录纸质巡查单"))
