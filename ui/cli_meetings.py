"""CLI `export meetings`: the meetings (会商) with their decisions and action items to Excel."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from controllers.errors import ValidationError

KINDS = ("例会", "研讨会诊", "联合会商", "其他")  # checked again by the controller; here only for --help


def register(registry: Any) -> None:
    p = registry.export.add_parser("meetings", parents=[registry.common], help="导出会商记录",
                                   description="把会商（例会、研讨会诊、联合会商）及其决定、待办事项导出为 Excel。")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
    p.add_argument("--kind", choices=KINDS, metavar="类型", help=f"只导出某一类型：{'、'.join(KINDS)}")
    p.set_defaults(command=cmd_export_meetings)


def cmd_export_meetings(args: argparse.Namespace) -> int:
    from controllers.meetings import MeetingFilter
    from controllers.meetings_export import export_meetings
    from ui.cli import opened

    out = Path(args.output).expanduser()
    if out.suffix.lower() != ".xlsx":
        raise ValidationError(f"输出文件“{out}”应以 .xlsx 结尾。", field="output")
    with opened(args) as ctx:
        count = export_meetings(ctx, out, MeetingFilter(kind=args.kind))
    print(f"已导出 {count} 次会商：{out}")
    return 0
