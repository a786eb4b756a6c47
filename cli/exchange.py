"""CLI for moving data between databases: migrate-to (to a server), export-package / import-package, conflicts."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from cli.common import opened, print_json, progress_printer, terminal_password_prompt
from controllers.core.clock import to_local


def register(registry: Any) -> None:
    p = registry.sub.add_parser(
        "migrate-to", parents=[registry.common], help="把本工作室的数据复制到 --db 指定的数据库（如街镇服务器）",
        description="把当前数据目录中的全部数据复制到 --db 指定的数据库：先升级目标库结构，再按 UUID 逐表复制"
                    "（已有记录只在本地较新时更新，不会重复），最后逐表核对数量和内容。可重复运行，中断后再运行即可继续。")
    # The target comes from the shared --db option (registry.common); the source is always the data dir's file.
    p.add_argument("--attachments", metavar="目录",
                   help="目标使用的附件文件夹（共享文件夹）；省略时 SQLite 目标用其旁边的 attachments 文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(command=cmd_migrate_to)

    p = registry.sub.add_parser(
        "export-package", parents=[registry.common], help="导出交换包（给没有网络连接的工作室）",
        description="把某日以来新增、修改或删除的记录连同附件导出为一个 .zip 交换包。个人信息（姓名、电话、证件号）"
                    "默认不导出，加 --with-personal-data 才包含，并记入审计日志。")
    p.add_argument("--since", metavar="日期", help="只导出该日（含）以来修改的记录，如 2025-03-01；省略则导出全部")
    p.add_argument("-o", "--output", required=True, metavar="文件.zip", help="输出的交换包文件")
    p.add_argument("--with-personal-data", action="store_true", help="包含姓名、电话和证件号（将记入审计日志）")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(command=cmd_export_package)

    p = registry.sub.add_parser(
        "import-package", parents=[registry.common], help="导入其他工作室的交换包",
        description="导入交换包：新记录加入，只在对方修改过的记录更新，未变的跳过；对方删除而本机未修改的记录"
                    "一并删除。双方都修改过、或一方删除而另一方修改过的记录列为冲突，不会覆盖或删除，留待人工处理"
                    "（见 exchange-conflicts）。重复导入同一个包不会改变任何数据。导入前自动备份当前数据（备份文件名以 "
                    "-import.zip 结尾）；有问题的交换包整个拒绝，不改变任何数据。")
    p.add_argument("package", metavar="文件.zip", help="交换包文件")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(command=cmd_import_package)

    p = registry.sub.add_parser(
        "exchange-conflicts", parents=[registry.common], help="列出或处理交换包导入时的冲突",
        description="列出待处理的冲突；用 --keep-mine 或 --take-theirs 加冲突编号处理一条冲突。")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--keep-mine", type=int, metavar="编号", help="保留本地版本")
    group.add_argument("--take-theirs", type=int, metavar="编号", help="采用对方版本")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.set_defaults(command=cmd_conflicts)


def _target_url(raw: str | None) -> str:
    """The target URL with a password asked at the terminal if the server wants one (never stored)."""
    from controllers.core.errors import ValidationError

    if not raw or not raw.strip():
        raise ValidationError("请用 --db 指定目标数据库，例如 --db postgresql+psycopg://用户名@服务器/数据库名。",
                              field="db")
    if raw.strip().lower().startswith("sqlite"):
        return raw.strip()  # another SQLite file (tests, a copy for a colleague): nothing to ask
    from controllers.storage import connection

    return connection.connect_target(connection.server_target("option", raw), terminal_password_prompt())


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from controllers.exchange.migrate_to import migrate_to
    from controllers.storage.opening import open_data_dir

    target = _target_url(getattr(args, "db", None))
    ctx = open_data_dir(args.data_dir_resolved)  # the source: this data dir's own SQLite file, whatever --db says
    try:
        report = migrate_to(ctx, target, attachments_dir=args.attachments, progress=progress_printer())
    finally:
        ctx.close()
    if args.json:
        print_json({**asdict(report), "ok": report.ok})
    else:
        print(f"目标数据库：{report.target}（用时 {report.seconds:.1f} 秒）")
        print(f"新增 {report.inserted} 条，更新 {report.updated} 条，未变 {report.unchanged} 条，"
              f"目标较新而保留 {report.kept_newer} 条")
        print(f"{'表':<22}{'本地':>8}{'目标':>8}{'已找到':>8}  内容校验")
        for c in report.checks:
            mark = "一致" if c.source_hash == c.target_hash else "不一致"
            print(f"{c.table:<22}{c.source:>8}{c.target:>8}{c.found:>8}  {c.source_hash} {mark}")
        if report.attachments_dir:
            print(f"附件：复制 {report.attachments_copied} 个到 {report.attachments_dir}"
                  + (f"，本地缺失 {report.attachments_missing} 个" if report.attachments_missing else ""))
        else:
            print("附件：未复制（目标是服务器数据库时，请用 --attachments 指定共享附件文件夹）")
    if not report.ok:
        bad = "、".join(c.table for c in report.checks if not c.ok)
        sys.stderr.write(f"核对未通过：{bad} 的记录数或内容与本地不一致。请重新运行本命令；仍不一致请联系管理员。\n")
        return 2
    return 0


def cmd_export_package(args: argparse.Namespace) -> int:
    from controllers.exchange.export import export_package, parse_since

    since = parse_since(args.since)
    with opened(args) as ctx:
        summary = export_package(ctx, args.output, since=since, with_personal_data=args.with_personal_data)
    if args.json:
        print_json(asdict(summary))
        return 0
    total = sum(summary.counts.values())
    deleted = f"，{summary.deletions} 条删除" if summary.deletions else ""
    print(f"交换包已导出：{summary.path}（{total} 条记录{deleted}，{summary.attachments} 个附件"
          f"{'，含个人信息' if summary.with_personal_data else '，不含个人信息'}）")
    return 0


def cmd_import_package(args: argparse.Namespace) -> int:
    from controllers.exchange.importer import import_package

    with opened(args) as ctx:
        result = import_package(ctx, args.package)
    if args.json:
        print_json(asdict(result))
        return 0
    print(f"已导入来自“{result.station_name}”的交换包（导出于 {to_local(result.exported_at):%Y-%m-%d %H:%M}）：")
    print(f"  新增 {result.inserted} 条，更新 {result.updated} 条，删除 {result.deleted} 条，"
          f"未变 {result.unchanged} 条，本地较新保留 {result.kept} 条，附件 {result.attachments} 个")
    if result.conflicts:
        print(f"  冲突 {len(result.conflicts)} 条（未覆盖、未删除，请处理）：")
        for c in result.conflicts:
            print(f"    #{c.id} {c.entity_label} {c.label}（{c.kind}）")
    if result.backup_path:
        print(f"  导入前的数据已备份到：{result.backup_path}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from controllers.exchange.deletions import DELETED_HERE, DELETED_THERE
    from controllers.exchange.importer import list_conflicts, resolve_conflict

    with opened(args) as ctx:
        if args.keep_mine is not None or args.take_theirs is not None:
            take = args.take_theirs is not None
            done = resolve_conflict(ctx, args.take_theirs if take else args.keep_mine, take_theirs=take)
            print(f"冲突 #{done.id} 已处理：{done.resolution}")
            return 0
        rows = list_conflicts(ctx)
    if args.json:
        print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("没有待处理的冲突。")
    for r in rows:
        mine, theirs = to_local(r.mine_updated_at), to_local(r.theirs_updated_at)
        here = "本地删除于" if r.kind == DELETED_HERE else "本地修改于"
        there = "对方删除于" if r.kind == DELETED_THERE else "对方修改于"
        print(f"#{r.id} {r.entity_label} {r.label}：{r.kind}（来自“{r.station_name}”，"
              f"{here} {mine:%Y-%m-%d %H:%M}，{there} {theirs:%Y-%m-%d %H:%M}）")
    return 0
