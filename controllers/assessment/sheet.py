"""The 年度考核 workbook: one sheet each for streets, estates, departments and officers (考核情况表), the goals with
this period, last year and the target beside each, so a reader sees at once which goal is met."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from controllers.assessment.figures import TILE_NAMES, Assessment, UnitGoals, assessment
from controllers.core import audit
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.documents.xlsx_writer import Column, Sheet, write_sheets
from controllers.station.scopes import Scope
from controllers.station.settings import get_station_name

TILE_KEYS = tuple(TILE_NAMES)
MET = {True: "达标", False: "未达标", None: ""}


def _goal_columns(first: Sequence[Column]) -> list[Column]:
    cols = list(first)
    for key in TILE_KEYS:
        name = TILE_NAMES[key]
        cols += [Column(name, 10), Column(f"{name}（去年）", 10), Column(f"{name}目标", 10), Column(f"{name}评价", 8)]
    return cols


def _goal_row(head: Sequence[Any], unit: UnitGoals) -> list[Any]:
    row = list(head)
    for key in TILE_KEYS:
        t = unit.tile(key)
        row += [t.actual, t.last_year, t.target, MET[t.met]]
    return row


def sheets(a: Assessment, station: str) -> list[Sheet]:
    sub = f"{station}　{a.scope.label}　{a.period.label}（{a.period.start} 至 {a.period.end}），对比去年同期"
    return [
        Sheet("街镇", "年度考核情况表（街镇）", sub, _goal_columns([Column("街镇", 14)]),
              [_goal_row([a.total.name + "（合计）"], a.total), *(_goal_row([u.name], u) for u in a.streets)]),
        Sheet("小区", "年度考核情况表（小区）", sub, _goal_columns([Column("小区", 18), Column("街镇", 12)]),
              [_goal_row([u.name, u.street], u) for u in a.estates]),
        Sheet("部门", "年度考核情况表（部门移交办理）", sub,
              [Column("部门", 20), Column("移交件数", 10, "int"), Column("按期回复", 10, "int"),
               Column("平均回复工作日", 14), Column("退回", 8, "int")],
              [[d.name, d.referrals, d.on_time, d.avg_reply_days, d.returned] for d in a.departments]),
        Sheet("承办人", "年度考核情况表（承办人）", sub,
              [Column("承办人", 12), Column("案件数", 10, "int"), Column("按期结案率（%）", 14),
               Column("未结案件", 10, "int")],
              [[o.name, o.cases, o.on_time_rate, o.open] for o in a.officers]),
    ]


@requires("export")
def export_assessment(ctx: AppContext, year: int | None, scope: Scope | None, path: str | os.PathLike[str]) -> int:
    """Gather the year's assessment and write the workbook (atomically, as every export); the export is audited.
    Returns the rows written."""
    count = write_sheets(path, sheets(assessment(ctx, year, scope), get_station_name(ctx)))
    audit.exported(ctx, "assessment", count)
    return count
