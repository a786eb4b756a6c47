"""backup_s: one verified daily backup (online copy, integrity_check, counts, deflated zip) of the demo data;
exit_backup_s: the shorter backup on exit (quick_check, stored zip). Both go to a temp folder, not recorded."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench import BenchEnv, operation, timer


def _timed_backup(env: BenchEnv, reason: str) -> float:
    from controllers.backup.backups import make_backup

    ctx = env.context()
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as folder, timer() as t:
        info = make_backup(ctx, reason=reason, target_dir=Path(folder), record=False)
    if not info.ok:
        raise RuntimeError(f"backup verification failed: {info.message}")
    return t.ms


@operation("backup_s", runs=1)
def backup_daily(env: BenchEnv) -> float:
    return _timed_backup(env, "daily")


@operation("exit_backup_s", runs=1)
def backup_exit(env: BenchEnv) -> float:
    return _timed_backup(env, "exit")
