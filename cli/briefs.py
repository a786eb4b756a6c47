"""CLI `brief case`, `brief work`, `brief assessment` and `brief notice`: a case brief, a period's work brief, a
year's assessment sheet (考核情况表) or a period's notice for the regular meeting (工作通报) as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cli.common import opened
from controllers.core.errors import ValidationError


def register(registry: Any) -> None:
    brief = registry.sub.add_parser("brief", help="生成案件简报或工作简报 PDF",
                                    description="生成供打印的 PDF 简报：单个案件的案件简报，或一个期间的工作简报。")
    kinds = brief.add_subparsers(dest="brief_kind", metavar="类型", required=True)
    p = kinds.add_parser("case", parents=[registry.common], help="案件简报",
                         description="为一个案件生成 A4 案件简报（当事人姓名和电话默认打码）。")
    p.add_argument("case_number", metavar="案件编号", help="例如 2025-长征-0037")
    p.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
    p.add_argument("--reveal-personal", action="store_true", help="显示当事人完整姓名和电话（默认打码）")
    p.set_defaults(command=cmd_brief_case)

    p = kinds.add_parser("work", parents=[registry.common], help="工作简报",
                         description="生成一个期间、一个范围的住宅小区综合治理工作简报；不写 --scope 时为本工作室"
                                     "（设置中本工作室的街镇和小区，未设置则为全部小区）。")
    p.add_argument("--period", required=True, metavar="期间", help="2025、2025Q1、2025-03 或 2025-01-01..2025-06-30")
    # A station prints its own brief: the default is its area, the district is one word away.
    p.add_argument("--scope", default="station", metavar="范围",
                   help="station（本工作室，默认）、district（全区）、street:街镇名、committee:居委会名"
                        " 或 estate:小区名")
    p.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
    p.add_argument("--formal", action="store_true", help="正式简报：编入下一期期号（默认为预览，不占期号）")
    p.set_defaults(command=cmd_brief_work)

    p = kinds.add_parser("assessment", parents=[registry.common], help="年度考核情况表",
                         description="生成一个年度（今年为截至今天）的年度考核情况表：街镇、小区的工作目标完成情况，"
                                     "部门移交办理情况，承办人案件情况。")
    p.add_argument("--year", type=int, metavar="年", help="考核年度，如 2025（默认今年）")
    p.add_argument("--scope", default="district", metavar="范围",
                   help="district（全区，默认）、station（本工作室）、street:街镇名 或 estate:小区名")
    p.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
    p.set_defaults(command=cmd_brief_assessment)

    p = kinds.add_parser("notice", parents=[registry.common], help="工作通报",
                         description="生成一个期间、一个范围的工作通报（例会用）：工作目标完成情况，工作滞后的小区和部门，"
                                     "未办结的督办事项，值得推广的做法。数字与年度考核、工作台同口径。")
    p.add_argument("--period", required=True, metavar="期间", help="2025、2025Q1、2025-03 或 2025-01-01..2025-06-30")
    p.add_argument("--scope", default="district", metavar="范围",
                   help="district（全区，默认）、station（本工作室）、street:街镇名、committee:居委会名"
                        " 或 estate:小区名")
    p.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
    p.set_defaults(command=cmd_brief_notice)


def _output(text: str) -> Path:
    out = Path(text).expanduser()
    if out.suffix.lower() != ".pdf":
        raise ValidationError(f"输出文件“{out}”应以 .pdf 结尾。", field="output")
    if not out.parent.is_dir():
        raise ValidationError(f"输出文件夹“{out.parent}”不存在，请先创建。", field="output")
    return out


def cmd_brief_case(args: argparse.Namespace) -> int:
    from controllers.briefs.case_brief import case_id_by_number, write_case_brief

    out = _output(args.output)
    with opened(args) as ctx:
        result = write_case_brief(ctx, case_id_by_number(ctx, args.case_number), out,
                                  reveal_personal=args.reveal_personal)
    print(f"已生成案件简报（{result.pages} 页）：{out}")
    return 0


def cmd_brief_work(args: argparse.Namespace) -> int:
    from controllers.briefs.work_brief import write_work_brief
    from controllers.core.periods import parse_period
    from controllers.station.scopes import parse_scope

    period, scope, out = parse_period(args.period), parse_scope(args.scope), _output(args.output)
    with opened(args) as ctx:
        result = write_work_brief(ctx, period, scope, out, formal=args.formal)
    issue = f"第 {result.number} 期" if result.number is not None else "预览"
    print(f"已生成工作简报（{issue}，{result.pages} 页）：{out}")
    return 0


def cmd_brief_assessment(args: argparse.Namespace) -> int:
    from controllers.assessment.sheet_pdf import write_assessment_sheet
    from controllers.station.scopes import parse_scope

    scope, out = parse_scope(args.scope), _output(args.output)
    with opened(args) as ctx:
        result = write_assessment_sheet(ctx, args.year, scope, out)
    print(f"已生成年度考核情况表（{result.pages} 页）：{out}")
    return 0


def cmd_brief_notice(args: argparse.Namespace) -> int:
    from controllers.assessment.notice_pdf import write_notice
    from controllers.core.periods import parse_period
    from controllers.station.scopes import parse_scope

    period, scope, out = parse_period(args.period), parse_scope(args.scope), _output(args.output)
    with opened(args) as ctx:
        result = write_notice(ctx, period, scope, out)
    print(f"已生成工作通报（{result.pages} 页）：{out}")
    return 0
