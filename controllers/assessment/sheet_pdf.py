"""考核情况表: the assessment as a PDF in the 简报 layout (the work brief's masthead, a title naming the period and
scope), one table per part: goals per street (and the whole scope), per estate, departments, officers.

Each goal cell shows the actual figure over its target and 达标/未达标, so a reader sees which goals are met without a
second table.
No personal data: officers are staff, departments are units, estates are places.
"""

from __future__ import annotations

import os
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from controllers.assessment.a4_sheet import render_a4
from controllers.assessment.figures import TILE_NAMES, Assessment, UnitGoals, assessment
from controllers.briefs.work_brief import masthead
from controllers.core import audit, clock
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.dashboard.goals import GoalTile
from controllers.documents.cjk_lines import CjkParagraph
from controllers.documents.pdf_pages import BriefResult, Text
from controllers.station.scopes import Scope

TITLE = "年度考核情况表"
NAME_WIDTH = 28 * mm
GOAL_WIDTH = 20 * mm


MET = {True: "达标", False: "未达标", None: ""}


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:g}{'%' if unit == '%' else ''}"  # 90.0 → 90: the narrow columns keep one figure a line


def _cell(text: Text, tile: GoalTile) -> Paragraph:
    """The actual figure, and under it the target with 达标 / 未达标 (the unit is in the column's header)."""
    line = text.markup(_figure(tile.actual, tile.unit))
    if tile.target is not None:
        line += "<br/>" + text.markup(f"目标 {_figure(tile.target, tile.unit)}") + "<br/>" + text.markup(MET[tile.met])
    return CjkParagraph(line, text.styles["cell_right"])


def _goal_table(t: Text, units: list[UnitGoals], *, first: str) -> Any:
    units_of = {u.tiles[i].key: u.tiles[i].unit for u in units[:1] for i in range(len(u.tiles))}
    headers = [first, *(f"{name}（{units_of.get(k, '')}）" if units_of.get(k) == "件/万人" else name
                        for k, name in TILE_NAMES.items())]
    rows = [[u.name, *(_cell(t, u.tile(k)) for k in TILE_NAMES)] for u in units]
    return t.table(headers, rows, [NAME_WIDTH, *([GOAL_WIDTH] * len(TILE_NAMES))],
                   align_right=tuple(range(1, len(headers))))


def story(t: Text, a: Assessment, station: str, title: str) -> list[Any]:
    out = masthead(t, title, TITLE, station, clock.today())
    out.append(t.p(f"{a.period.label}{'' if a.scope.kind == 'district' else a.scope.label}工作目标完成情况", "title"))
    out.append(t.p(f"统计期间 {a.period.start} 至 {a.period.end}，对比去年同期 {a.last.start} 至 {a.last.end}；"
                   "每格上为实际，下为目标及是否达标。", "subtitle"))
    out.append(Spacer(1, 3 * mm))
    out += t.head("一、街镇")
    out.append(_goal_table(t, [a.total, *a.streets], first="街镇"))
    out += t.head("二、小区")
    out.append(_goal_table(t, list(a.estates), first="小区") if a.estates else t.p("本期无数据。"))
    out += t.head("三、部门移交办理")
    out.append(t.table(["部门", "移交件数", "按期回复", "平均回复（工作日）", "退回"],
                       [[d.name, d.referrals, d.on_time, "—" if d.avg_reply_days is None else d.avg_reply_days,
                         d.returned] for d in a.departments],
                       [60 * mm, 25 * mm, 25 * mm, 35 * mm, 20 * mm], align_right=(1, 2, 3, 4))
               if a.departments else t.p("本期无移交。"))
    out += t.head("四、承办人")
    out.append(t.table(["承办人", "案件数", "按期结案率", "未结案件"],
                       [[o.name, o.cases, "—" if o.on_time_rate is None else f"{o.on_time_rate}%", o.open]
                        for o in a.officers],
                       [50 * mm, 30 * mm, 35 * mm, 30 * mm], align_right=(1, 2, 3))
               if a.officers else t.p("本期无案件。"))
    return out


def render_sheet(ctx: AppContext, a: Assessment, path: str | os.PathLike[str]) -> BriefResult:
    return render_a4(ctx, path, lambda t, station, title: story(t, a, station, title),
                     doc_title=f"{TITLE} {a.period.label} {a.scope.label}", keyword="年度考核")


@requires("print")
def write_assessment_sheet(ctx: AppContext, year: int | None, scope: Scope | None,
                           path: str | os.PathLike[str]) -> BriefResult:
    """Gather the year's assessment and print it; the print is audited."""
    result = render_sheet(ctx, assessment(ctx, year, scope), path)
    audit.exported(ctx, "assessment", 1, action="print")
    return result
