"""The backup taken before every package import (issue 16): a package changes many records at once, so the data as
it was just before must be one click away, in the backups folder under a name that says why it was made.

In street-server mode there are no local file backups (the server's administrator backs the database up), so none
is taken there, as for a restore. A package refused or cancelled changed nothing, and its backup is then taken away
again: a refusal leaves the file system as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path

from controllers.backup import backups as backup
from controllers.core.context import AppContext
from controllers.core.errors import UserError

log = logging.getLogger(__name__)

# station-ledger-2025-03-05-0905-import-导入交换包前.zip; kept by the rota like the backups before a restore.
REASON = "import"


def backup_before_import(ctx: AppContext) -> backup.BackupInfo | None:
    """Back the data up before an import; None in street-server mode. UserError when no backup could be written."""
    if backup.server_mode(ctx):
        return None
    try:
        # Not recorded as "the last backup": that one tells whether today's daily backup is still due.
        info = backup.make_backup(ctx, reason=REASON, record=False)
    except OSError as exc:
        raise UserError(f"导入交换包前无法备份当前数据（{exc.strerror or '写入出错'}），未导入任何数据。"
                        "请检查数据目录所在磁盘的空间和权限。") from exc
    if not Path(info.path).is_file():
        raise UserError(f"导入交换包前未能备份当前数据（{info.message}），未导入任何数据。")
    if not info.ok:
        log.warning("backup before import has a problem: %s", info.message)
    return info


def discard_backup(info: backup.BackupInfo) -> None:
    """Remove the backup of an import that changed nothing (and its copy in the second folder)."""
    for path in (info.path, info.second_path):
        if path:
            Path(path).unlink(missing_ok=True)
