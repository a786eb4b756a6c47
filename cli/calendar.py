"""CLI `calendar import-year` and `calendar show`: a year of holidays entered from a file or a pipe, and the calendar.

A pasted list (text, any of the forms controllers.reference.calendar_year reads) or a sheet (.xlsx/.csv with
日期, 类型, 名称) is checked whole; a refusal lists every bad line in Chinese, exits 2 and saves nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cli.common import opened, print_json
from controllers.core.errors import ValidationError

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
MAX_TEXT_BYTES = 1024 * 1024  # a year's list is a few kilobytes


def _year(text: str) -> int:
    if not (text.strip().isascii() and text.strip().isdigit()) or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的年份（应为2000至2100之间的四位数字）")
    return int(text)


def register(registry: Any) -> None:
    p = registry.sub.add_parser("calendar", parents=[registry.common], help="节假日日历：录入全年、查看",
                                description="节假日与调休上班日历：工作日期限按它计算。")
    sub = p.add_subparsers(title="操作", metavar="操作", required=True, parser_class=type(p))
    q = sub.add_parser("import-year", parents=[registry.common], help="录入一年的节假日和调休上班日期",
                       description="从文件或标准输入（-）录入一年的节假日和调休上班日期，替换该年原有记录；"
                                   "文字每行一条，如“2027-01-01 元旦 休”“2027-02-07 调休上班”“1月1日-1月3日 元旦”，"
                                   "或“放假日期：”“调休上班日期：”两段；也可以是含 日期、类型、名称 列的 Excel/CSV 表。"
                                   "已算出的工作日期限随之重算，案件时间线记下调整。")
    q.add_argument("year", type=_year, metavar="年份")
    q.add_argument("file", metavar="文件|-", help="文字文件、Excel/CSV 表，或 - 表示从标准输入读取")
    q.add_argument("--dry-run", action="store_true", help="只检查并列出将调整的期限，不保存")
    q.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    q.set_defaults(command=cmd_import_year)
    q = sub.add_parser("show", parents=[registry.common], help="查看节假日日历",
                       description="列出节假日和调休上班日期，以及日历已覆盖的年份。")
    q.add_argument("--year", type=_year, default=None, metavar="年份", help="只看这一年")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q.set_defaults(command=cmd_show)


def _read_text(source: str) -> str:
    from controllers.documents.tabular import decode_text

    if source == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise ValidationError(f"找不到文件“{path}”，请确认文件位置后重试。", field="file")
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_TEXT_BYTES + 1)
        except OSError:
            raise ValidationError(f"无法读取文件“{path}”。", field="file") from None
    if len(data) > MAX_TEXT_BYTES:
        raise ValidationError("内容太长：一年的节假日安排只有几十行。", field="file")
    return decode_text(data)


def cmd_import_year(args: argparse.Namespace) -> int:
    from controllers.holidays.year_entry import enter_calendar_year, preview_calendar_year
    from controllers.holidays.year_sheet import read_year_sheet
    from controllers.reference.calendar_year import parse_year_text

    if args.file != "-" and Path(args.file).suffix.lower() in SHEET_SUFFIXES:
        plan = read_year_sheet(args.year, Path(args.file).expanduser())
    else:
        plan = parse_year_text(args.year, _read_text(args.file))
    refusal = plan.refusal()
    if refusal is not None:
        raise refusal
    with opened(args) as ctx:
        outcome = preview_calendar_year(ctx, plan) if args.dry_run else enter_calendar_year(ctx, plan)
    if args.json:
        print_json({
            "year": plan.year, "saved": not args.dry_run,
            "holidays": sorted(plan.holidays), "makeup_days": sorted(plan.makeup_days),
            "warnings": list(plan.warnings), "moved": [asdict(m) for m in outcome.moves],
        })
        return 0
    for warning in plan.warnings:
        print(f"提示：{warning}")
    for m in outcome.moves:
        print(f"{m.what} {m.record}：{m.before.isoformat()} → {m.after.isoformat()}")
    done = "检查通过（未保存）" if args.dry_run else "已录入"
    print(f"{done}{plan.year}年：节假日 {len(plan.holidays)} 天，调休上班 {len(plan.makeup_days)} 天；"
          f"{'将' if args.dry_run else '已'}调整期限 {len(outcome.moves)} 项。")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from controllers.reference.calendar_year import calendar_coverage
    from controllers.reference.lists import list_calendar_days

    with opened(args) as ctx:
        coverage = calendar_coverage(ctx)
        days = list_calendar_days(ctx, year=args.year)
    if args.json:
        print_json({"covered_years": list(coverage.years), "last_covered_year": coverage.last,
                    "days": [{"day": d.day, "kind": d.kind, "name": d.name} for d in days]})
        return 0
    print(f"日历已覆盖：{'、'.join(str(y) for y in coverage.years) or '无'}")
    for d in days:
        print(f"{d.day.isoformat()}  {d.kind}  {d.name or ''}".rstrip())
    return 0
