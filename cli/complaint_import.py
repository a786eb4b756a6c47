"""CLI `import-complaints FILE [--dry-run] [--json]`: import a 12345 work-order export (.xlsx/.csv)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import opened, print_json


def register(registry: Any) -> None:
    p = registry.sub.add_parser(
        "import-complaints", parents=[registry.common], help="导入 12345 工单（.xlsx 或 .csv）",
        description="把 12345 热线工单导出表导入诉件台账。自动识别表头（或使用上次为同样表头确认的列对应关系），"
                    "逐行校验；有错误的行不导入并列出行号和原因。同一工单号再次导入不会重复，状态变化会更新原诉件。",
    )
    p.add_argument("file", metavar="文件", help="12345 工单导出文件（.xlsx 或 .csv）")
    p.add_argument("--dry-run", action="store_true", help="只检查并统计，不写入数据")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出结果")
    p.set_defaults(command=cmd_import_complaints)


def cmd_import_complaints(args: argparse.Namespace) -> int:
    from controllers.complaints.importer import run_import

    with opened(args) as ctx:
        result = run_import(ctx, args.file, dry_run=args.dry_run)
    if args.json:
        print_json(result.as_json())
        return 0
    head = "检查完成（未写入数据）" if result.dry_run else "导入完成"
    print(f"{head}：共 {result.rows} 行，新增 {result.imported} 件，更新 {result.updated} 件，"
          f"重复 {result.duplicates} 行，错误 {len(result.errors)} 行，发现重复投诉 {result.repeats_found} 件。")
    for e in result.errors:
        print(f"  第 {e.row} 行：{e.reason}")
    if result.unmatched_estates:
        print(f"未匹配到小区的地址 {len(result.unmatched_estates)} 个（请在程序的导入结果中指定小区）：")
        for text in result.unmatched_estates:
            print(f"  {text}")
    return 0
