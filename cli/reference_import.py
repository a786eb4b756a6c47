"""CLI `template reference -o FILE.xlsx` and `import-reference FILE [--dry-run] [--json]`: estates, property
companies and staff from Excel (our template or the district's own sheets)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import ChineseParser, opened, output_file, print_json

_NOUNS = {"estates": ("小区", "个"), "property_companies": ("物业企业", "家"), "staff": ("工作人员", "名")}


def register(registry: Any) -> None:
    template = registry.sub.add_parser("template", parents=[registry.common], help="生成导入模板（Excel）",
                                       description="生成可填写后导入的 Excel 模板。")
    targets = template.add_subparsers(title="模板", metavar="模板", parser_class=ChineseParser, required=True)
    p = targets.add_parser("reference", parents=[registry.common], help="基础数据模板：小区、工作人员",
                           description="生成基础数据导入模板：“小区”和“工作人员”两个工作表，中文表头，第 4 行为示例"
                                       "（导入时自动跳过）。填好后用 import-reference 导入。")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
    p.set_defaults(command=cmd_template_reference)

    p = registry.sub.add_parser(
        "import-reference", parents=[registry.common], help="从 Excel 导入小区、物业企业和工作人员",
        description="导入基础数据模板，或区里自己的小区名单（自动识别表头和常见列名）。有错误的行不导入并列出行号和"
                    "原因；合计行和空行自动跳过。小区按“街道（镇）+小区名称”识别，再次导入同一文件不会重复；"
                    "空白单元格不会清除已有数据。街镇须为本区已有街镇，不会自动新增。",
    )
    p.add_argument("file", metavar="文件", help="Excel（.xlsx）或 CSV 文件")
    p.add_argument("--dry-run", action="store_true", help="只检查并统计，不写入数据")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出结果")
    p.set_defaults(command=cmd_import_reference)


def cmd_template_reference(args: argparse.Namespace) -> int:
    from controllers.reference.sheet_template import write_template

    out = output_file(args.output, ".xlsx")
    with opened(args) as ctx:
        write_template(ctx, out)
    print(f"已生成基础数据模板：{out}")
    return 0


def _figures(counts: dict[str, int]) -> str:
    return "、".join(f"{_NOUNS[k][0]} {n} {_NOUNS[k][1]}" for k, n in counts.items())


def cmd_import_reference(args: argparse.Namespace) -> int:
    from controllers.reference.sheet_import import run_import

    with opened(args) as ctx:
        result = run_import(ctx, args.file, dry_run=args.dry_run)
    if args.json:
        print_json(result.as_json())
        return 0
    head = "检查完成（未写入数据）" if result.dry_run else "导入完成"
    print(f"{head}：新增 {_figures(result.imported)}；更新 {_figures(result.updated)}；"
          f"无变化 {result.unchanged} 行；错误 {len(result.errors)} 行。")
    for e in result.errors:
        where = f"“{e.sheet}”" if e.sheet else ""
        print(f"  {where}第 {e.row} 行：{e.message}")
    return 0
