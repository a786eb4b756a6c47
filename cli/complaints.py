"""CLI for the complaint log: `stats complaints` (投诉万人比) and `export complaints` (Excel)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import opened, output_file, print_json
from controllers.core.errors import UserError


def _stats_targets(registry: Any) -> Any:
    """The `stats` command's sub-commands, shared with other areas (the first module to need it creates it)."""
    stats = registry.sub.choices.get("stats")
    if stats is None:
        stats = registry.sub.add_parser("stats", parents=[registry.common], help="统计数据",
                                        description="输出统计数据，例如 stats complaints --period 2025Q1。")
        stats.set_defaults(command=_no_target)
        stats.targets = stats.add_subparsers(title="统计内容", metavar="内容")
    return stats.targets


def _no_target(_args: argparse.Namespace) -> int:
    raise UserError("请指定统计内容，例如 stats complaints --period 2025Q1")


def register(registry: Any) -> None:
    p = _stats_targets(registry).add_parser(
        "complaints", parents=[registry.common], help="投诉万人比",
        description="计算一个期间和范围的投诉万人比（件/万人），含剔除重复投诉的数值，并与上年同期比较。",
    )
    p.add_argument("--period", required=True, metavar="期间",
                   help="年份 2025、季度 2025Q1、月份 2025-03 或日期范围 2025-01-01..2025-06-30")
    p.add_argument("--scope", default="district", metavar="范围",
                   help="district（全区，默认）、station（本工作室）、street:长征镇、committee:居委会名"
                        " 或 estate:小区名")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(command=cmd_stats_complaints)

    e = registry.export.add_parser(
        "complaints", parents=[registry.common], help="导出诉件台账",
        description="把诉件台账（可按渠道、状态、类别、街镇、小区、期间、关键词筛选）导出为 Excel 文件；"
                    "投诉人姓名和电话默认脱敏。",
    )
    e.add_argument("--period", metavar="期间", help="受理期间：2025、2025Q1、2025-03 或 2025-01-01..2025-06-30")
    e.add_argument("--channel", action="append", default=[], metavar="渠道", help="来源渠道，可重复")
    e.add_argument("--status", action="append", default=[], metavar="状态", help="办理状态，可重复")
    e.add_argument("--category", action="append", default=[], metavar="类别", help="类别代码或名称，可重复")
    e.add_argument("--street", action="append", default=[], metavar="街镇", help="街镇名称，可重复")
    e.add_argument("--estate", action="append", default=[], metavar="小区", help="小区名称或别名，可重复")
    e.add_argument("--search", default="", metavar="关键词", help="在工单号、内容、地址、投诉人中查找")
    e.add_argument("--overdue", action="store_true", help="只导出答复逾期的诉件")
    e.add_argument("--repeat", action="store_true", help="只导出重复投诉")
    e.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
    e.set_defaults(command=cmd_export_complaints)


def _fmt(value: float | None) -> str:
    return "—（无人口数据）" if value is None else f"{value:.2f} 件/万人"


def cmd_stats_complaints(args: argparse.Namespace) -> int:
    from controllers.complaints.per10k import parse_scope, per10k
    from controllers.core.periods import parse_period

    period = parse_period(args.period)
    scope = parse_scope(args.scope)
    with opened(args) as ctx:
        rep = per10k(ctx, period, scope)
    if args.json:
        print_json(rep.as_json())
        return 0
    cur, last = rep.current, rep.last_year
    print(f"{rep.scope}　{cur.period}（{cur.start} 至 {cur.end}）")
    print(f"诉件 {cur.complaints} 件（剔除重复后 {cur.complaints_without_repeats} 件），常住人口 {cur.population} 人")
    print(f"投诉万人比：{_fmt(cur.per10k)}；剔除重复投诉：{_fmt(cur.per10k_without_repeats)}")
    print(f"上年同期 {last.period}：{_fmt(last.per10k)}；剔除重复投诉：{_fmt(last.per10k_without_repeats)}")
    if rep.change is not None:
        print(f"同比变化：{rep.change:+.2f} 件/万人")
    if cur.estates_without_population:
        listed = "、".join(f"{e.name}（{e.complaints} 件）" for e in cur.estates_without_population)
        print(f"无人口数据、未计入的小区：{listed}")
    if cur.complaints_without_estate:
        print(f"未关联小区、未计入的诉件：{cur.complaints_without_estate} 件")
    return 0


def cmd_export_complaints(args: argparse.Namespace) -> int:
    from controllers.complaints.listing import count_complaints, export_complaints, filter_from_names
    from controllers.core.periods import parse_period

    out = output_file(args.output, ".xlsx")
    period = parse_period(args.period) if args.period else None
    with opened(args) as ctx:
        f = filter_from_names(
            ctx, channels=args.channel, statuses=args.status, categories=args.category, streets=args.street,
            estates=args.estate, received_from=period.start if period else None,
            received_to=period.end if period else None, query=args.search, overdue=args.overdue, repeat=args.repeat,
        )
        total = count_complaints(ctx, f)
        written = export_complaints(ctx, f, out)
    print(f"已导出 {written} 件诉件（共 {total} 件符合条件）：{out}")
    return 0
