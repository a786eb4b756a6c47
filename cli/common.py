"""What every command of the command line shares: the Chinese parser, opening the database, JSON and progress."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from controllers.core.errors import ValidationError

if TYPE_CHECKING:
    from controllers.core.context import AppContext
    from controllers.core.paths import DataDir
    from controllers.storage.connection import PasswordPrompt

log = logging.getLogger(__name__)


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


@dataclass
class Registry:
    """What an area's CLI module gets to add its commands: `sub.add_parser(...)`, `export.add_parser(...)`.

    Pass `parents=[registry.common]` so `--data-dir` works on the new command too.
    """

    sub: Any
    common: ChineseParser
    export: Any = None  # the `export` command's targets, added by cli.export


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
    from controllers.storage.opening import open_data_dir

    if getattr(args, "demo", False):
        return open_demo(args.data_dir_resolved)
    return open_data_dir(args.data_dir_resolved, db_url=server_url(args, ask_password=ask_password))


def open_demo(data_dir: DataDir) -> AppContext:
    """The demo folder's own database (never a server), filled with demo data on its first use."""
    from controllers.demo.sandbox import fill_demo
    from controllers.storage.opening import open_data_dir

    ctx = open_data_dir(data_dir)
    try:
        if fill_demo(ctx):
            print(f"已在“{data_dir.root}”生成演示数据。", file=sys.stderr)
    except BaseException:
        ctx.close()
        raise
    return ctx


def server_url(args: argparse.Namespace, *, ask_password: PasswordPrompt | None = None) -> str | None:
    """The server URL to open (password included, in memory only), or None for the data dir's SQLite file."""
    from controllers.storage import connection, server_config

    if getattr(args, "db_url_resolved", None):  # the GUI opens twice after a restore: ask only once
        return str(args.db_url_resolved)
    target = server_config.choose_target(args.data_dir_resolved, option=getattr(args, "db", None))
    if not target.is_server:
        return None
    log.info("database: server %s (from %s)", target.display, target.source)
    args.db_url_resolved = connection.connect_target(target, ask_password or terminal_password_prompt())
    return str(args.db_url_resolved)


def terminal_password_prompt() -> PasswordPrompt | None:
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


def progress_printer() -> Callable[[str, int, int], None]:
    started = time.perf_counter()

    def show(stage: str, done: int, total: int) -> None:
        sys.stderr.write(f"[{time.perf_counter() - started:6.1f} 秒] {stage}：{done}/{total}\n")
        sys.stderr.flush()

    return show


def output_file(text: str, suffix: str) -> Path:
    """The file a command writes, refused in Chinese unless its name ends with `suffix` (.xlsx, .pdf, .png)."""
    out = Path(text).expanduser()
    if out.suffix.lower() != suffix:
        raise ValidationError(f"输出文件“{out}”应以 {suffix} 结尾。", field="output")
    return out
