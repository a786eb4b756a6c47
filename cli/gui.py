"""CLI `screenshot` and the GUI start (no subcommand): the two ways the command line opens windows.

Qt and ui/ are imported inside the commands only, so every other command (and `--help`) starts without them.
"""

from __future__ import annotations

import argparse

from cli.common import Registry, open_context, opened, output_file
from controllers.core.errors import UserError, ValidationError

PAGES_HELP = (
    "工作台/dashboard、案件台账/cases、诉件台账/complaints、培训宣传/trainings、会商/meetings、"
    "统计简报/stats、基础数据/reference、设置/settings"
)


def register(registry: Registry) -> None:
    sub, common = registry.sub, registry.common
    p = sub.add_parser("screenshot", parents=[common], help="离屏渲染一个页面并保存为 PNG",
                       description="在不显示窗口的情况下渲染主窗口的一个页面并保存为 PNG 图片。")
    p.add_argument("--page", required=True, metavar="页面", help=f"页面名称：{PAGES_HELP}")
    p.add_argument("-o", "--output", required=True, metavar="文件.png", help="输出的 PNG 文件")
    p.add_argument("--size", default="1440x900", metavar="宽x高", help="窗口尺寸（默认 1440x900）")
    p.set_defaults(command=cmd_screenshot)


def parse_size(text: str) -> tuple[int, int]:
    """'1440x900' -> (1440, 900); anything else is a ValidationError with a Chinese reason."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValidationError(f"尺寸“{text}”格式不对，请写成 宽x高，例如 1440x900。", field="size")
    width, height = (int(p) for p in parts)
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise ValidationError(f"尺寸“{text}”超出范围，宽和高都应在 200 到 8000 之间。", field="size")
    return width, height


def cmd_screenshot(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    out = output_file(args.output, ".png")
    if not out.parent.is_dir():
        raise ValidationError(f"输出文件夹“{out.parent}”不存在，请先创建。", field="output")
    from ui.shell.app import save_page_screenshot  # Qt only for the commands that need it

    with opened(args) as ctx:
        save_page_screenshot(ctx, args.page, out, size=size)
    print(f"已保存：{out}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from controllers.storage.integrity import CorruptDatabaseError
    from ui.shell.app import ask_server_password, offer_restore, run_gui, show_start_error

    try:
        ctx = open_context(args, ask_password=ask_server_password)
    except CorruptDatabaseError as exc:
        # A window user never sees stderr: offer the newest good backup in a dialog instead.
        if not offer_restore(args.data_dir_resolved, exc):
            raise
        ctx = open_context(args, ask_password=ask_server_password)
    except UserError as exc:
        show_start_error(exc)  # server down, wrong password...: a window user never sees stderr either
        raise
    try:
        return int(run_gui(ctx))
    finally:
        ctx.close()
