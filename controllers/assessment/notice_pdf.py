"""工作通报: the notice for the regular meeting (例会) as a PDF in the 简报 layout: the work brief's masthead, a title
naming the period and scope, then four short parts (progress against goals, furthest behind, open 督办, good
practice to spread). Typesetting is the shared helpers' (controllers.documents.pdf_pages, the work brief's masthead).
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from controllers.assessment.a4_sheet import render_a4
from controllers.assessment.figures import TILE_NAMES, shown
from controllers.assessment.notice import Notice, notice
from controllers.briefs.work_brief import masthead
from controllers.core import audit, clock
from controllers.core.context import AppContext
from controllers.core.periods import Period
from controllers.core.permissions import requires
from controllers.documents.pdf_pages import BriefResult, Text
from controllers.station.scopes import Scope

TITLE = "工作通报"
MET = {True: "达标", False: "未达标", None: "无目标"}


def _target(tile: Any) -> str:
    if tile.target is None:
        return "—"
    return f"{tile.target:g}{'%' if tile.unit == '%' else ' ' + tile.unit}"


def _progress(t: Text, n: Notice) -> list[Any]:
    total = n.assessment.total
    met = sum(1 for tile in total.tiles if tile.met is True)
    judged = sum(1 for tile in total.tiles if tile.met is not None)
    out = [t.p(f"本期 {judged} 项有目标的工作指标中，{met} 项达标、{judged - met} 项未达标。")]
    rows = [[TILE_NAMES[tile.key], shown(tile), shown(replace(tile, actual=tile.last_year)), _target(tile),
             MET[tile.met]] for tile in total.tiles]
    out.append(t.table(["指标", "本期", "去年同期", "目标", "评价"], rows,
                       [55 * mm, 30 * mm, 30 * mm, 30 * mm, 20 * mm], align_right=(1, 2, 3)))
    return out


def _behind(t: Text, n: Notice) -> list[Any]:
    out: list[Any] = []
    if n.estates_behind:
        out += t.head("未达标指标较多的小区：", "h2")
        out.append(t.table(["小区", "街镇", "未达标项数", "未达标指标"],
                           [[u.name, u.street, k, "、".join(TILE_NAMES[x.key] for x in u.tiles if x.met is False)]
                            for u, k in n.estates_behind],
                           [40 * mm, 30 * mm, 22 * mm, 73 * mm], align_right=(2,)))
    else:
        out.append(t.p("各小区的工作指标均已达标。"))
    if n.departments_behind:
        out += t.head("移交办理滞后的部门：", "h2")
        out.append(t.table(["部门", "移交件数", "按期回复", "平均回复（工作日）", "退回"],
                           [[d.name, d.referrals, d.on_time, "—" if d.avg_reply_days is None else d.avg_reply_days,
                             d.returned] for d in n.departments_behind],
                           [55 * mm, 25 * mm, 25 * mm, 35 * mm, 25 * mm], align_right=(1, 2, 3, 4)))
    else:
        out.append(t.p("各部门的移交均按期回复，无退回。"))
    return out


def _orders(t: Text, n: Notice) -> list[Any]:
    if not n.orders:
        return [t.p("本范围内没有未办结的督办单。")]
    late = sum(1 for o in n.orders if o.overdue)
    return [t.p(f"未办结的督办单 {len(n.orders)} 件，其中逾期未办理 {late} 件。"),
            t.table(["督办单", "督办事项", "事由", "督办对象", "期限", "状态"],
                    [[o.number_text, o.subject_label, o.reason, o.addressee, o.deadline.isoformat(),
                      o.status + ("（逾期）" if o.overdue else "")] for o in n.orders],
                    [30 * mm, 40 * mm, 16 * mm, 27 * mm, 24 * mm, 28 * mm])]


def _good(t: Text, n: Notice) -> list[Any]:
    out: list[Any] = []
    if n.fastest:
        out += t.head("办结最快的案件：", "h2")
        out.append(t.table(["案件编号", "小区", "类别", "发现", "结案", "用时（工作日）"],
                           [[c.number, c.estate, c.category, c.found.isoformat(), c.closed.isoformat(),
                             c.working_days] for c in n.fastest],
                           [30 * mm, 30 * mm, 33 * mm, 22 * mm, 22 * mm, 28 * mm], align_right=(5,)))
    else:
        out.append(t.p("本期没有结案的案件。"))
    if n.falls:
        out += t.head("投诉万人比下降最多的小区：", "h2")
        out.append(t.table(["小区", "街镇", "本期（件/万人）", "去年同期（件/万人）", "下降"],
                           [[f.estate, f.street, f"{f.now:g}", f"{f.last_year:g}", f"{f.fall:g}"] for f in n.falls],
                           [40 * mm, 30 * mm, 32 * mm, 36 * mm, 25 * mm], align_right=(2, 3, 4)))
    else:
        out.append(t.p("本期没有投诉万人比同比下降的小区。"))
    return out


def story(t: Text, n: Notice, station: str, title: str) -> list[Any]:
    a = n.assessment
    out = masthead(t, title, TITLE, station, clock.today())
    where = "" if a.scope.kind == "district" else a.scope.label
    out.append(t.p(f"{a.period.label}{where}工作通报", "title"))
    out.append(t.p(f"统计期间 {a.period.start} 至 {a.period.end}，对比去年同期 {a.last.start} 至 {a.last.end}。",
                   "subtitle"))
    out.append(Spacer(1, 3 * mm))
    for head, part in (("一、工作目标完成情况", _progress), ("二、工作滞后的小区和部门", _behind),
                       ("三、未办结的督办事项", _orders), ("四、值得推广的做法", _good)):
        out += t.head(head)
        out += part(t, n)
    return out


def render_notice(ctx: AppContext, n: Notice, path: str | os.PathLike[str]) -> BriefResult:
    return render_a4(ctx, path, lambda t, station, title: story(t, n, station, title),
                     doc_title=f"{TITLE} {n.assessment.period.label} {n.assessment.scope.label}", keyword="工作通报")


@requires("print")
def write_notice(ctx: AppContext, period: Period, scope: Scope | None, path: str | os.PathLike[str]) -> BriefResult:
    """Gather the period's notice and print it; the print is audited."""
    result = render_notice(ctx, notice(ctx, period, scope), path)
    audit.exported(ctx, "notice", 1, action="print")
    return result
