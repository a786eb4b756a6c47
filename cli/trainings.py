"""CLI `export trainings` and `signin-sheet`: the trainings list to Excel, a training's sign-in sheet to PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cli.common import opened
from controllers.core.errors import ValidationError


def _positive_id(text: str) -> int:
    if not text.strip().isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的培训编号（应为正整数，见 export trainings 的第一列）")
    return int(text)


def _rows(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"“{text}”不是 0 或更大的整数")
    return int(text)


def register(registry: Any) -> None:
    p = registry.export.add_parser("trainings", parents=[registry.common], help="导出培训宣传台账",
                                   description="把教育培训和普法宣传记录导出为 Excel 文件（第一列为培训编号 ID）。")
    p.add_argument("-o", "--output", required=True, metavar="文件.xlsx", help="输出的 Excel 文件")
    p.set_defaults(command=cmd_export_trainings)

    p = registry.sub.add_parser("signin-sheet", parents=[registry.common], help="生成培训签到表 PDF",
                                description="为一次培训生成 A4 签到表（PDF）：已邀请人员预先填好姓名，其余为空白行。")
    p.add_argument("training_id", type=_positive_id, metavar="培训编号", help="培训的 ID（export trainings 的第一列）")
    p.add_argument("-o", "--output", required=True, metavar="文件.pdf", help="输出的 PDF 文件")
    p.add_argument("--blank-rows", type=_rows, default=None, metavar="行数",
                   help="空白行数（默认：有名单时 4 行，无名单时 36 行）")
    p.set_defaults(command=cmd_signin_sheet)


def _output(text: str, suffix: str) -> Path:
    out = Path(text).expanduser()
    if out.suffix.lower() != suffix:
        raise ValidationError(f"输出文件“{out}”应以 {suffix} 结尾。", field="output")
    if not out.parent.is_dir():
        raise ValidationError(f"输出文件夹“{out.parent}”不存在，请先创建。", field="output")
    return out


def cmd_export_trainings(args: argparse.Namespace) -> int:
    from controllers.trainings.export import export_trainings

    out = _output(args.output, ".xlsx")
    with opened(args) as ctx:
        count = export_trainings(ctx, out)
    print(f"已导出 {count} 条培训宣传记录：{out}")
    return 0


def cmd_signin_sheet(args: argparse.Namespace) -> int:
    from controllers.trainings.signin_sheet import write_signin_sheet

    out = _output(args.output, ".pdf")
    with opened(args) as ctx:
        result = write_signin_sheet(ctx, args.training_id, out, blank_rows=args.blank_rows)
    print(f"已生成签到表（{result.pages} 页，{result.rows} 行）：{out}")
    return 0
