"""CLI `export cases`: the case book, filtered like the list, written to an Excel file."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from cli.common import opened, output_file


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 2025-03-05") from None


def register(registry: Any) -> None:
    p = registry.export.add_parser(
        "cases", parents=[registry.common], help="导出案件台账",
        description="把案件台账（可按状态、类别、街镇、小区、日期、关键词筛选）导出为 Excel 文件。",
    )
    p.add_argument("--status", action="append", default=[], metavar="状态",
                   help="案件状态，可重复，例如 --status 登记 --status 核查")
    p.add_argument("--category", action="append", default=[], metavar="类别",
                   help="类别代码或名称（如 C03 或 群租），可重复")
    p.add_argument("--street", action="append", default=[], metavar="街镇", help="街镇名称，可重复")
    p.add_argument("--estate", action="append", default=[], metavar="小区", help="小区名称，可重复")
    p.add_argument("--officer", action="append", default=[], metavar="承办人", help="承办人姓名，可重复")
    p.add_argument("--source", action="append", default=[], metavar="来源", help="案件来源，可重复")
    p.add_argument("--from", dest="found_from", type=_date, metavar="日期", help="发现日期不早于（如 2025-01-01）")
    p.add_argument("--to", dest="found_to", type=_date, metavar="日期", help="发现日期不晚于（如 2025-12-31）")
    p.add_argument("--search", default="", metavar="关键词", help="在编号、事实、地点、当事人、备注中查找")
    p.add_argument("--overdue", action="store_true", help="只导出已逾期的案件")
    p.add_argument("--due-soon", action="store_true", help="只导出 3 个工作日内到期的案件")
    p.add_argument("--on-hold", action="store_true", help="只导出挂账的案件")
    p.add_argument("--referred", action="store_true", help="只导出已移交的案件")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
    p.set_defaults(command=cmd_export_cases)


def cmd_export_cases(args: argparse.Namespace) -> int:
    from controllers.cases.export import export_cases, filter_from_names
    from controllers.cases.listing import count_cases

    out = output_file(args.output, ".xlsx")
    with opened(args) as ctx:
        f = filter_from_names(
            ctx, statuses=args.status, categories=args.category, streets=args.street, estates=args.estate,
            officers=args.officer, sources=args.source, found_from=args.found_from, found_to=args.found_to,
            query=args.search, overdue=args.overdue, due_soon=args.due_soon, on_hold=args.on_hold,
            referred=args.referred,
        )
        total = count_cases(ctx, f)
        written = export_cases(ctx, f, out)
    print(f"已导出 {written} 件案件（共 {total} 件符合条件）：{out}")
    return 0
