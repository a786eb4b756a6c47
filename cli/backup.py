"""CLI `backup [-o FILE]` and `restore FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import Registry, opened


def register(registry: Registry) -> None:
    p = registry.sub.add_parser(
        "backup", parents=[registry.common], help="备份数据库和附件",
        description="把数据库和它引用的附件备份为一个 .zip 文件并校验（默认放在数据目录的 backups 文件夹）。",
    )
    p.add_argument("-o", "--output", metavar="文件.zip", help="备份文件的位置（默认：数据目录/backups/）")
    p.set_defaults(command=cmd_backup)

    p = registry.sub.add_parser(
        "restore", parents=[registry.common], help="从备份文件恢复",
        description="先校验备份文件，再备份当前数据库，然后用备份替换当前数据库并恢复附件。"
                    "数据库损坏时也可使用：损坏的文件会保留，不会删除。",
    )
    p.add_argument("file", metavar="备份文件.zip", help="要恢复的备份文件")
    p.set_defaults(command=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from controllers.backup.backups import make_backup

    output = Path(args.output).expanduser().resolve() if args.output else None
    with opened(args) as ctx:
        info = make_backup(ctx, reason="manual", output=output)
    size_mb = info.size_bytes / 1024 / 1024
    print(f"备份文件：{info.path}（{size_mb:.1f} MB，附件 {info.attachments} 个，用时 {info.seconds:.1f} 秒）")
    if info.second_path:
        print(f"第二备份位置：{info.second_path}")
    if info.second_error:
        sys.stderr.write(info.second_error + "\n")
    if not info.ok:
        sys.stderr.write(info.message + "\n")
        return 1
    print(info.message)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from controllers.backup.backups import SERVER_MODE_MESSAGE, ServerModeError
    from controllers.backup.restore import describe, restore_backup
    from controllers.storage.server_config import choose_target

    if choose_target(args.data_dir_resolved, option=getattr(args, "db", None)).is_server:
        # Restoring would replace the desk's unused SQLite file and look like it restored the server.
        raise ServerModeError(SERVER_MODE_MESSAGE + "要恢复这台电脑上的本机数据库文件，请加 --db local。")
    # Not `opened(args)`: restoring must work when the current database is damaged and cannot be opened.
    info = restore_backup(args.data_dir_resolved, Path(args.file))
    print(describe(info))
    return 0
