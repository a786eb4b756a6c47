"""The scriptable command line: `python main.py [子命令]`; thin, every command calls one controller."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from controllers.errors import UserError, ValidationError, user_error_for

if TYPE_CHECKING:
    from controllers.app import AppContext
    from controllers.connection import PasswordPrompt
    from controllers.datadir import DataDir

log = logging.getLogger(__name__)

PAGES_HELP = (
    "工作台/dashboard、案件台账/cases、诉件台账/complaints、培训宣传/trainings、会商/meetings、"
    "统计简报/stats、基础数据/reference、设置/settings"
)

COUNT_LABELS = {
    "streets": "街镇", "estates": "住宅小区", "property_companies": "物业服务企业", "categories": "执法事项类别",
    "regulations": "法律法规", "departments": "部门", "cases": "案件", "complaints": "诉件", "trainings": "培训宣传",
    "meetings": "会商", "estate_populations": "人口记录", "estate_contacts": "小区联系人", "staff": "工作人员",
    "case_events": "案件时间线记录", "case_regulations": "案件法律依据", "referrals": "移交",
    "repeat_complaints": "重复投诉",
    "training_attendees": "培训人员", "meeting_actions": "会商待办事项",
}

# argparse's own words, in Chinese: users never see English (argparse looks up `_` at call time).
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "expected one argument": "需要提供一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _zh(text: str) -> str:
    return _ARGPARSE_ZH.get(text, text)


def _zh_n(singular: str, plural: str, n: int) -> str:
    return "需要 %s 个值" if "expected" in singular else (singular if n == 1 else plural)


argparse._ = _zh  # type: ignore[attr-defined]
argparse.ngettext = _zh_n  # type: ignore[attr-defined]


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Chinese line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        line = " ".join(message.split())
        sys.stderr.write(f"错误：{line}。用 --help 查看用法。\n")
        raise SystemExit(2)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} 不能为负数，请给出 0 或更大的整数")
    return value


def parse_size(text: str) -> tuple[int, int]:
    """'1440x900' -> (1440, 900); anything else is a ValidationError with a Chinese reason."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValidationError(f"尺寸“{text}”格式不对，请写成 宽x高，例如 1440x900。", field="size")
    width, height = (int(p) for p in parts)
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise ValidationError(f"尺寸“{text}”超出范围，宽和高都应在 200 到 8000 之间。", field="size")
    return width, height


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
    parser = ChineseParser(
        prog="python main.py",
        description="社区工作室台账（Station Ledger）。不带子命令时启动图形界面。",
        parents=[common],
    )
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(title="子命令", metavar="子命令", parser_class=ChineseParser)

    p = sub.add_parser("init", parents=[common], help="创建或升级数据目录并写入基础数据",
                       description="创建或升级数据目录，并写入方案中的基础数据（可重复运行）。")
    p.set_defaults(command=cmd_init)

    p = sub.add_parser("info", parents=[common], help="显示数据目录概况",
                       description="显示数据库版本、数据目录和各类记录数量。")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(command=cmd_info)

    p = sub.add_parser("reference", parents=[common], help="列出基础数据",
                       description="列出执法事项类别、法律法规、部门职责和街镇。")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(command=cmd_reference)

    p = sub.add_parser("demo", parents=[common], help="生成演示数据",
                       description="在空的数据目录中生成可复现的演示数据（已有案件或诉件时拒绝执行）。")
    p.add_argument("--cases", type=_count, default=3000, metavar="数量", help="案件数（默认 3000）")
    p.add_argument("--complaints", type=_count, default=6000, metavar="数量", help="诉件数（默认 6000）")
    p.add_argument("--trainings", type=_count, default=120, metavar="数量", help="培训宣传次数（默认 120）")
    p.add_argument("--seed", type=int, default=1, metavar="种子", help="随机种子，相同种子生成相同数据（默认 1）")
    p.set_defaults(command=cmd_demo)

    p = sub.add_parser("screenshot", parents=[common], help="离屏渲染一个页面并保存为 PNG",
                       description="在不显示窗口的情况下渲染主窗口的一个页面并保存为 PNG 图片。")
    p.add_argument("--page", required=True, metavar="页面", help=f"页面名称：{PAGES_HELP}")
    p.add_argument("-o", "--output", required=True, metavar="文件.png", help="输出的 PNG 文件")
    p.add_argument("--size", default="1440x900", metavar="宽x高", help="窗口尺寸（默认 1440x900）")
    p.set_defaults(command=cmd_screenshot)

    export = sub.add_parser("export", parents=[common], help="导出台账为 Excel",
                            description="把台账导出为 Excel 文件（.xlsx）。")
    export_targets = export.add_subparsers(title="导出内容", metavar="内容", parser_class=ChineseParser)
    export.set_defaults(command=None, export_parser=export)
    _register_extensions(Registry(sub=sub, export=export_targets, common=common))
    return parser


@dataclass(frozen=True)
class Registry:
    """What an area's CLI module gets to add its commands: `sub.add_parser(...)`, `export.add_parser(...)`.

    Pass `parents=[registry.common]` so `--data-dir` works on the new command too.
    """

    sub: Any
    export: Any
    common: ChineseParser


def _register_extensions(registry: Registry) -> None:
    """Each area adds its commands from its own module ui/cli_<area>.py with `register(registry)`."""
    folder = Path(__file__).resolve().parent
    for path in sorted(folder.glob("cli_*.py")):
        module = importlib.import_module(f"ui.{path.stem}")
        module.register(registry)


@contextmanager
def opened(args: argparse.Namespace, *, ask_password: PasswordPrompt | None = None) -> Iterator[AppContext]:
    """The database opened (checked, migrated, seeded) for one command, closed afterwards."""
    ctx = open_context(args, ask_password=ask_password)
    try:
        yield ctx
    finally:
        ctx.close()


def open_context(args: argparse.Namespace, *, ask_password: PasswordPrompt | None = None) -> AppContext:
    """Open the database this command uses: --db > STATION_LEDGER_DB > the server in 设置 > the data dir's file."""
    from controllers.app import open_data_dir

    return open_data_dir(args.data_dir_resolved, db_url=server_url(args, ask_password=ask_password))


def server_url(args: argparse.Namespace, *, ask_password: PasswordPrompt | None = None) -> str | None:
    """The server URL to open (password included, in memory only), or None for the data dir's SQLite file."""
    from controllers import connection, server_config

    if getattr(args, "db_url_resolved", None):  # the GUI opens twice after a restore: ask only once
        return str(args.db_url_resolved)
    target = server_config.choose_target(args.data_dir_resolved, option=getattr(args, "db", None))
    if not target.is_server:
        return None
    log.info("database: server %s (from %s)", target.display, target.source)
    args.db_url_resolved = connection.connect_target(target, ask_password or _terminal_password_prompt())
    return str(args.db_url_resolved)


def _terminal_password_prompt() -> PasswordPrompt | None:
    """getpass when someone sits at a terminal; None in scripts, so they fail with a hint about .pgpass."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None

    def ask(user: str, shown: str, again: bool) -> str | None:
        import getpass

        if again:
            sys.stderr.write("密码不正确，请重新输入。\n")
        try:
            return getpass.getpass(f"数据库 {shown} 用户“{user}”的密码：", stream=sys.stderr)
        except EOFError:
            return None

    return ask


def _json_value(value: Any) -> Any:
    """Dates and instants as ISO text; anything else JSON does not know is a bug, not output."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=_json_value) + "\n")


def cmd_init(args: argparse.Namespace) -> int:
    with opened(args):
        pass
    print(f"数据目录已就绪：{args.data_dir_resolved.root}")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from controllers.info import data_info
    from controllers.server_config import current_database

    with opened(args) as ctx:
        info = data_info(ctx)
        database = current_database(ctx)
    if args.json:
        print_json(asdict(info))
        return 0
    labels = COUNT_LABELS
    print(f"数据目录：{info.data_dir}")
    print(f"数据库：{'服务器 ' if database.is_server else ''}{database.display}")
    print(f"数据库版本：{info.schema_version or '未初始化'}")
    for key, label in labels.items():
        print(f"  {label}：{info.counts.get(key, 0)}")
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    from controllers.info import reference_info

    with opened(args) as ctx:
        ref = reference_info(ctx)
    if args.json:
        print_json(asdict(ref))
        return 0
    print("执法事项类别：")
    for c in ref.categories:
        unit = "个工作日" if c.working_days else "天"
        basis = "、".join(c.legal_basis) or "无（移交其他部门）"
        print(f"  {c.code} {c.name}（整改期限 {c.deadline_days} {unit}；依据：{basis}）")
    print("法律法规（附件清单）：")
    for r in ref.regulations:
        print(f"  {r.annex_no or '-'}. {r.name}")
    print("部门职责：")
    for d in ref.departments:
        print(f"  {d.name}：{d.duty or ''}")
    print("街镇：")
    print("  " + "、".join(s.name for s in ref.streets))
    return 0


def _progress_printer() -> Callable[[str, int, int], None]:
    started = time.perf_counter()

    def show(stage: str, done: int, total: int) -> None:
        sys.stderr.write(f"[{time.perf_counter() - started:6.1f} 秒] {stage}：{done}/{total}\n")
        sys.stderr.flush()

    return show


def cmd_demo(args: argparse.Namespace) -> int:
    from controllers.demo import generate_demo

    with opened(args) as ctx:
        started = time.perf_counter()
        summary = generate_demo(ctx, cases=args.cases, complaints=args.complaints, trainings=args.trainings,
                                seed=args.seed, progress=_progress_printer())
    elapsed = time.perf_counter() - started
    counts = "，".join(f"{COUNT_LABELS.get(k, k)} {v}" for k, v in summary.items())
    print(f"演示数据已生成（{elapsed:.1f} 秒）：{counts}")
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    out = Path(args.output).expanduser()
    if out.suffix.lower() != ".png":
        raise ValidationError(f"输出文件“{out}”应以 .png 结尾。", field="output")
    if not out.parent.is_dir():
        raise ValidationError(f"输出文件夹“{out.parent}”不存在，请先创建。", field="output")
    from ui.shell.app import save_page_screenshot  # Qt only for the commands that need it

    with opened(args) as ctx:
        save_page_screenshot(ctx, args.page, out, size=size)
    print(f"已保存：{out}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from controllers.backup_check import CorruptDatabaseError
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


def _setup(args: argparse.Namespace) -> DataDir:
    from controllers import datadir
    from controllers.logsetup import configure_logging

    data_dir = datadir.resolve(getattr(args, "data_dir", None))
    args.data_dir_resolved = data_dir
    # Prepare first so the log file has a folder; an unusable folder is reported as a UserError.
    datadir.prepare(data_dir)
    configure_logging(data_dir, verbose=bool(os.environ.get("STATION_LEDGER_VERBOSE")))
    return data_dir


def _hide_parameters(exc: BaseException | None) -> None:
    """Database errors quote the row they failed on, names and phones included: keep those out of the log."""
    while exc is not None:
        if hasattr(exc, "hide_parameters"):
            exc.hide_parameters = True
        exc = exc.__cause__ or exc.__context__


def run(argv: Sequence[str]) -> int:
    """Parse argv, run the command; 0 on success, 2 on bad input (one Chinese line), 1 on a crash."""
    try:
        args = build_parser().parse_args(list(argv))
        if args.command is None and hasattr(args, "export_parser"):
            args.export_parser.error("请指定导出内容，例如 export cases -o 案件.xlsx")
    except SystemExit as exc:  # --help (0) or a bad argument (2, already reported)
        return int(exc.code or 0)
    command = args.command or cmd_gui
    data_dir = None
    try:
        data_dir = _setup(args)
        return int(command(args))
    except UserError as exc:
        log.info("command %s refused: %s", command.__name__, exc.__class__.__name__)
        sys.stderr.write(" ".join(exc.message.split()) + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("已中断。\n")
        return 130
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
