"""CLI `export <内容>`: the command whose targets (cases, complaints, trainings, meetings) the areas add."""

from __future__ import annotations

from cli.common import ChineseParser, Registry


def register(registry: Registry) -> None:
    sub, common = registry.sub, registry.common
    export = sub.add_parser("export", parents=[common], help="导出台账为 Excel",
                            description="把台账导出为 Excel 文件（.xlsx）。")
    export_targets = export.add_subparsers(title="导出内容", metavar="内容", parser_class=ChineseParser)
    export.set_defaults(command=None, export_parser=export)
    registry.export = export_targets
