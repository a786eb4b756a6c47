"""CLI `export meetings` (the meetings (会商) with decisions and action items to Excel) and `brief meeting`
(one meeting's minutes, 会商纪要, as a PDF)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import opened, output_file

KINDS = ("例会", "研讨会诊", "联合会商", "其他")  # checked again by the controller; here only for --help


def register(registry: Any) -> None:
    p = registry.export.add_parser("meetings", parents=[registry.common], help="导出会商记录",
                                   description="把会商（例会、研讨会诊、联合会商）及其决定、待办事项导出为 Excel。")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
    p.add_argument("--kind", choices=KINDS, metavar="类型", help=f"只导出某一类型：{'、'.join(KINDS)}")
    p.set_defaults(command=cmd_export_meetings)

    p = _brief_kinds(registry).add_parser("meeting", parents=[registry.common], help="会商纪要",
                                          description="为一次会商生成 A4 会商纪要（不含诉求人个人信息）。")
    p.add_argument("meeting_id", type=int, metavar="会商ID", help="会商记录的 ID（export meetings 导出表的 ID 列）")
    p.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
    p.set_defaults(command=cmd_brief_meeting)


def _brief_kinds(registry: Any) -> Any:
    """The `brief` command's kinds (case, work), to add `meeting` beside them.

    ui/cli_briefs.py owns `brief` and registers first (areas register in file-name order); argparse offers no
    public way to reach a parser's subcommands, so they are found among its actions.
    """
    brief = registry.sub.choices["brief"]
    return next(a for a in brief._actions if isinstance(a, argparse._SubParsersAction))


def cmd_export_meetings(args: argparse.Namespace) -> int:
    from controllers.meetings.export import export_meetings
    from controllers.meetings.records import MeetingFilter

    out = output_file(args.output, ".xlsx")
    with opened(args) as ctx:
        count = export_meetings(ctx, out, MeetingFilter(kind=args.kind))
    print(f"已导出 {count} 次会商：{out}")
    return 0


def cmd_brief_meeting(args: argparse.Namespace) -> int:
    from controllers.meetings.minutes import write_minutes

    out = output_file(args.output, ".pdf")
    with opened(args) as ctx:
        result = write_minutes(ctx, args.meeting_id, out)
    print(f"已生成会商纪要（{result.pages} 页）：{out}")
    return 0
