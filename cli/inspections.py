"""CLI `inspections` (coverage of the inspection plan per estate), `export patrols`, `patrol add` and `checklist`
(the printable checklists and route sheet)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from typing import Any

from cli.common import opened, output_file, print_json

KINDS = ("分级分类检查", "日常巡查", "专项整治", "联合检查", "夜间巡查")  # checked again by the controller


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 2025-03-05") from None


def _when(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        raise argparse.ArgumentTypeError(f"时间“{text}”格式不对，请写成 2025-03-05 09:30") from None


def register(registry: Any) -> None:
    p = registry.sub.add_parser("inspections", parents=[registry.common], help="分级分类检查覆盖情况",
                                description="按小区统计一个期间的应检、已检、逾期未检次数（按各小区当时的分级和检查周期）。")
    p.add_argument("--period", required=True, metavar="期间", help="2025、2025Q1、2025-03 或 2025-01-01..2025-06-30")
    p.add_argument("--scope", default="district", metavar="范围",
                   help="station、district（默认）、street:街镇名、committee:居委会名 或 estate:小区名")
    p.add_argument("--json", action="store_true", help="输出 JSON（供脚本使用）")
    p.set_defaults(command=cmd_inspections)

    p = registry.export.add_parser("patrols", parents=[registry.common], help="导出巡查检查记录",
                                   description="把巡查、检查记录（小区、队员、发现问题及处理结果）导出为 Excel。")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
    p.add_argument("--from", dest="first", type=_date, metavar="日期", help="巡查日期不早于（如 2025-01-01）")
    p.add_argument("--to", dest="last", type=_date, metavar="日期", help="巡查日期不晚于（如 2025-12-31）")
    p.add_argument("--kind", choices=KINDS, metavar="类型", help=f"只导出某一类型：{'、'.join(KINDS)}")
    p.add_argument("--estate", metavar="小区", help="只导出巡查过该小区的记录")
    p.set_defaults(command=cmd_export_patrols)

    p = registry.sub.add_parser("patrol", parents=[registry.common], help="巡查记录",
                                description="巡查检查记录：add 补录一次巡查（如按纸质巡查单录入）。")
    actions = p.add_subparsers(title="操作", metavar="操作")
    add = actions.add_parser("add", parents=[registry.common], help="补录一次巡查",
                             description="补录一次巡查或检查：时间、类型、队员、小区，以及发现的问题。")
    add.add_argument("--at", required=True, type=_when, metavar="时间", help="巡查开始时间，如 2025-03-05 09:30")
    add.add_argument("--kind", required=True, choices=KINDS, metavar="类型", help="、".join(KINDS))
    add.add_argument("--officer", action="append", required=True, metavar="队员", help="队员姓名或工号，可重复")
    add.add_argument("--estate", action="append", required=True, metavar="小区", help="巡查的小区，可重复，按路线顺序")
    add.add_argument("--department", action="append", default=[], metavar="部门", help="联合检查的参加部门，可重复")
    add.add_argument("--found", action="append", default=[], metavar="小区/类别/地点/说明",
                     help="一处发现问题，如 梅川小区/C05/5号楼顶/新搭彩钢板房，可重复")
    add.add_argument("--notes", metavar="说明", help="巡查情况")
    add.set_defaults(command=cmd_patrol_add)
    p.set_defaults(command=lambda args: p.error("请指定操作，例如 patrol add"))

    p = registry.sub.add_parser(
        "checklist", parents=[registry.common], help="打印分级分类检查表",
        description="为小区打印 A4 分级分类检查表（每个小区一页）；多个小区时另附一页巡查记录单。")
    p.add_argument("--estate", action="append", required=True, metavar="小区", help="小区名称，可重复，按路线顺序")
    p.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
    p.set_defaults(command=cmd_checklist)


def cmd_inspections(args: argparse.Namespace) -> int:
    from controllers.core.periods import parse_period
    from controllers.core.workdays import ESTIMATE_MARK
    from controllers.inspections.coverage import coverage
    from controllers.station.scopes import parse_scope

    period, scope = parse_period(args.period), parse_scope(args.scope)
    with opened(args) as ctx:
        report = coverage(ctx, period, scope)
    if args.json:
        print_json(report.to_json())
        if report.due_note:  # stdout keeps the promised shape; the person running it still reads the caveat
            sys.stderr.write(f"注：部分应检日期{report.due_note}。\n")
        return 0
    print(f"{report.scope_label}　{period.label}（{period.start} 至 {period.end}）")
    for e in report.estates:
        mark = ESTIMATE_MARK if e.due_note else ""
        c = e.counts
        print(f"{e.estate}　{e.grade or '未分级'}　应检 {mark}{c.due}　已检 {c.done}　逾期 {c.overdue}")
    t = report.totals
    print(f"合计：应检 {t.due}，已检 {t.done}，逾期未检 {t.overdue}")
    if report.due_note:
        print(f"注：标“{ESTIMATE_MARK}”的小区应检日期{report.due_note}。")
    return 0


def cmd_export_patrols(args: argparse.Namespace) -> int:
    from controllers.inspections.export import export_patrols
    from controllers.inspections.listing import PatrolFilter
    from controllers.inspections.names import resolve

    out = output_file(args.output, ".xlsx")
    with opened(args) as ctx:
        estate = resolve(ctx, officers=(), estates=[args.estate])[1][0] if args.estate else None
        f = PatrolFilter(first=args.first, last=args.last, kind=args.kind, estate_id=estate)
        count = export_patrols(ctx, out, f, estate_name=args.estate)
    print(f"已导出 {count} 次巡查：{out}")
    return 0


def _finding(text: str) -> Any:
    from controllers.core.errors import ValidationError
    from controllers.inspections.names import NamedFinding

    parts = [p.strip() for p in text.replace("／", "/").split("/")]
    if len(parts) < 2 or not parts[0] or not parts[1] or len(parts) > 4:
        raise ValidationError(f"发现问题“{text}”应写成 小区/类别/地点/说明（地点和说明可省略）。", field="found")
    return NamedFinding(*parts)


def cmd_patrol_add(args: argparse.Namespace) -> int:
    from controllers.inspections import patrols
    from controllers.inspections.names import resolve

    named = [_finding(t) for t in args.found]
    with opened(args) as ctx:
        officers, estates, departments, found = resolve(ctx, officers=args.officer, estates=args.estate,
                                                        departments=args.department, findings=named)
        checks: dict[int, list[patrols.CheckInput]] = {}
        for estate, category, place, note in found:
            checks.setdefault(estate, []).append(patrols.CheckInput(category, "发现问题", place, note))
        visits = tuple(patrols.VisitInput(e, checks=tuple(checks.pop(e, ()))) for e in estates)
        if checks:
            from controllers.core.errors import ValidationError

            raise ValidationError("发现问题所写的小区不在本次巡查的小区中，请用 --estate 加上该小区。", field="found")
        detail = patrols.record_patrol(ctx, patrols.PatrolInput(args.at, args.kind, tuple(officers), visits,
                                                                tuple(departments), args.notes))
    print(f"已记录巡查 #{detail.id}：{detail.started_at:%Y-%m-%d %H:%M} {detail.kind}，"
          f"{len(detail.visits)} 个小区，发现问题 {len(detail.findings)} 处")
    return 0


def cmd_checklist(args: argparse.Namespace) -> int:
    from controllers.inspections.checklist import write_checklists
    from controllers.inspections.names import resolve

    out = output_file(args.output, ".pdf")
    with opened(args) as ctx:
        estates = resolve(ctx, officers=(), estates=args.estate)[1]
        result = write_checklists(ctx, estates, out)
    print(f"已生成检查表（{result.estates} 个小区，{result.pages} 页）：{out}")
    return 0
