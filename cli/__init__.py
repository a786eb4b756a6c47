"""The scriptable command line: `python main.py [子命令]`; thin, every command calls one controller.

COMMANDS lists every area's module in the order `--help` shows them; each adds its commands with `register()`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cli import (
    assessment,
    backup,
    briefs,
    calendar,
    cases,
    complaint_import,
    complaints,
    data,
    exchange,
    export,
    gui,
    inspections,
    meetings,
    reference_import,
    replies,
    supervision,
    trainings,
)
from cli.common import ChineseParser, Registry
from controllers.core import start_gc
from controllers.core.errors import UserError, user_error_for
from models.paths import app_version, is_frozen

if TYPE_CHECKING:
    from controllers.core.paths import DataDir

log = logging.getLogger(__name__)

# Every area of the command line, in the order of `--help`; `export` comes before the areas that add export targets.
COMMANDS = (data, gui, export, backup, briefs, cases, complaints, exchange, complaint_import, reference_import,
            meetings, trainings, calendar, replies, supervision, assessment, inspections)


def build_parser() -> ChineseParser:
    """The whole command line; `--data-dir` is accepted before or after the subcommand."""
    common = ChineseParser(add_help=False)
    # SUPPRESS so a subcommand without the flag does not overwrite one given before the subcommand.
    common.add_argument("--data-dir", metavar="目录", default=argparse.SUPPRESS,
                        help="数据目录（默认：环境变量 STATION_LEDGER_DATA，否则为系统的应用数据目录）")
    common.add_argument("--db", metavar="地址", default=argparse.SUPPRESS,
                        help="数据库服务器地址，如 postgresql+psycopg://用户名@服务器/数据库名（默认：环境变量 "
                             "STATION_LEDGER_DB，否则为设置中保存的服务器，否则为数据目录中的本机数据库）；"
                             "local 表示本机数据库。密码不要写在这里：用 .pgpass 文件，或在启动时输入")
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                        help="打开演示数据（单独的“演示数据”目录，首次使用时自动生成；不会写入真实数据目录）")
    parser = ChineseParser(
        prog="station-ledger" if is_frozen() else "python main.py",
        description="社区工作室台账（Station Ledger）。不带子命令时启动图形界面。",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"社区工作室台账 {app_version()}",
                        help="显示版本号并退出")
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(title="子命令", metavar="子命令", parser_class=ChineseParser)

    registry = Registry(sub=sub, common=common)
    for area in COMMANDS:
        area.register(registry)
    return parser


def _setup(args: argparse.Namespace) -> DataDir:
    from controllers.storage import datadir
    from controllers.storage.log_setup import configure_logging

    data_dir = _demo_dir(args) if getattr(args, "demo", False) else datadir.resolve(getattr(args, "data_dir", None))
    args.data_dir_resolved = data_dir
    # Prepare first so the log file has a folder; an unusable folder is reported as a UserError.
    datadir.prepare(data_dir)
    configure_logging(data_dir, verbose=bool(os.environ.get("STATION_LEDGER_VERBOSE")))
    return data_dir


def _demo_dir(args: argparse.Namespace) -> DataDir:
    """The demo's own folder; --demo with another data dir or server is refused, so the two can never mix."""
    from controllers.core.errors import ValidationError
    from controllers.demo.sandbox import check_apart, demo_data_dir
    from controllers.storage import datadir

    if getattr(args, "data_dir", None) or getattr(args, "db", None):
        raise ValidationError("--demo 使用单独的演示数据目录，不能与 --data-dir 或 --db 一起使用。", field="demo")
    demo = demo_data_dir()
    check_apart(demo, datadir.resolve(None))
    return demo


def _hide_parameters(exc: BaseException | None) -> None:
    """Database errors quote the row they failed on, names and phones included: keep those out of the log."""
    while exc is not None:
        if hasattr(exc, "hide_parameters"):
            exc.hide_parameters = True
        exc = exc.__cause__ or exc.__context__


# What a shell reports for a program whose reader went away (128 + SIGPIPE), as `yes | head` ends.
EXIT_READER_GONE = 141


def run(argv: Sequence[str]) -> int:
    """Parse argv, run the command; 0 on success, 2 on bad input (one Chinese line), 1 on a crash, 141 when the
    reader of the output closed it early (`… | head`): quietly, for every command, since any may print."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # inside the try: what is still buffered may meet the closed pipe too
        return code
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_READER_GONE


def _drop_stdout() -> None:
    """Point stdout at the null device: Python flushes it again on the way out and would complain there."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (an embedding test): nothing is flushed to a pipe at exit
        pass


def _run(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
        if args.command is None and hasattr(args, "export_parser"):
            args.export_parser.error("请指定导出内容，例如 export cases -o 案件.xlsx")
    except SystemExit as exc:  # --help (0) or a bad argument (2, already reported)
        return int(exc.code or 0)
    command = args.command or gui.cmd_gui
    data_dir = None
    try:
        data_dir = _setup(args)
        if command is not gui.cmd_gui:
            start_gc.resume()  # the GUI resumes once its first page is built; a command's start is over here
        return int(command(args))
    except UserError as exc:
        log.info("command %s refused: %s", command.__name__, exc.__class__.__name__)
        sys.stderr.write(" ".join(exc.message.split()) + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("已中断。\n")
        return 130
    except BrokenPipeError:
        raise  # the reader went away: not a crash (run() ends quietly)
    except Exception as exc:
        _hide_parameters(exc)
        known = user_error_for(exc)
        if known is not None:  # e.g. another program held the database past the busy timeout
            log.info("command %s refused: %s", command.__name__, exc.__class__.__name__)
            sys.stderr.write(known.message + "\n")
            return 2
        log.exception("command %s failed", command.__name__)
        where = f"：{data_dir.logs}" if data_dir else ""
        sys.stderr.write(f"发生意外错误，操作未完成。详细信息已写入日志{where}\n")
        return 1
