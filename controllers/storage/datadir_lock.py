"""Who may use a data directory: every program that opens its database shares it, a restore must have it alone.

Why: a restore replaces the database file. A program that had it open (the GUI, `import-complaints`, an import of a
package) would go on writing into the file that was just replaced, report success, and its rows would be in neither
the restored database nor the backup taken before the restore. So:

- every AppContext on the data directory's SQLite file holds a *shared* lock on ``<data dir>/.station-ledger.lock``
  for as long as it is open (`hold_shared` / `release`);
- a restore takes the lock *exclusively* (`exclusive`): refused while any other program holds it; while the restore
  runs, every program that tries to open the data directory is refused with "正在从备份恢复……".

One process keeps one lock per data directory, however many contexts it opens (the GUI opens helper contexts while it
restores): the first holder takes the operating-system lock, the last one lets it go. A process restoring from the
GUI holds the shared lock itself, so the restore *upgrades* it, which succeeds only when no other process has it.

POSIX: flock(2) on the lock file (shared and exclusive locks; released by the kernel when a process dies, so a killed
program never leaves the directory locked). Windows has only exclusive byte-range locks (msvcrt.locking): a shared
holder locks one byte of its own (chosen from its process id) in a range after byte 0, a restore locks byte 0 and the
whole range. A program opening the data dir while a restore runs therefore finds its byte taken and is refused, and a
restore finds some byte taken while any program has the directory open. Two programs whose ids pick the same byte
would refuse each other at start (one in 65,536): the second one's message says the data is in use.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from controllers.core.errors import DataDirError

LOCK_NAME = ".station-ledger.lock"
RESTORE_RUNNING = ("正在从备份恢复数据，恢复期间不能打开或修改台账数据。请等恢复完成后再试"
                   "（恢复完成后图形界面会自动重新启动）。")
IN_USE = ("数据目录正被另一个台账程序使用（例如已打开的台账窗口，或正在运行的导入命令），为防止数据丢失，"
          "没有恢复。请先关闭它们再恢复。未做任何更改。")

_WINDOWS_SLOTS = 65_536  # byte 0 is the restore's own; shared holders take one of bytes 1..65,536


class LockBusy(Exception):
    """The operating system refused the lock without waiting (someone else holds it)."""


@dataclass
class _Held:
    fd: int
    count: int  # contexts of this process holding it
    exclusive: bool


_lock = threading.Lock()
_held: dict[Path, _Held] = {}


def _path(root: Path) -> Path:
    return root.resolve() / LOCK_NAME


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _slot() -> int:
        return 1 + os.getpid() % _WINDOWS_SLOTS

    def _lock_range(fd: int, start: int, length: int) -> None:
        os.lseek(fd, start, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, length)
        except OSError:
            raise LockBusy from None

    def _unlock_range(fd: int, start: int, length: int) -> None:
        os.lseek(fd, start, os.SEEK_SET)
        with suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, length)

    def _os_shared(fd: int) -> None:
        _lock_range(fd, _slot(), 1)

    def _os_exclusive(fd: int, *, holding_shared: bool) -> None:
        if holding_shared:
            _unlock_range(fd, _slot(), 1)
        try:
            _lock_range(fd, 0, _WINDOWS_SLOTS + 1)
        except LockBusy:
            if holding_shared:
                _lock_range(fd, _slot(), 1)
            raise

    def _os_downgrade(fd: int) -> None:
        _unlock_range(fd, 0, _WINDOWS_SLOTS + 1)
        _lock_range(fd, _slot(), 1)

    def _os_unlock(fd: int, *, exclusive: bool) -> None:
        if exclusive:
            _unlock_range(fd, 0, _WINDOWS_SLOTS + 1)
        else:
            _unlock_range(fd, _slot(), 1)

else:
    import fcntl

    def _flock(fd: int, operation: int) -> None:
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy from None

    def _os_shared(fd: int) -> None:
        _flock(fd, fcntl.LOCK_SH)

    def _os_exclusive(fd: int, *, holding_shared: bool) -> None:
        # flock converts a held shared lock in place; without LOCK_NB it would wait for the other holders.
        _flock(fd, fcntl.LOCK_EX)

    def _os_downgrade(fd: int) -> None:
        _flock(fd, fcntl.LOCK_SH)

    def _os_unlock(fd: int, *, exclusive: bool) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise DataDirError(
            f"无法使用数据目录“{path.parent}”（{exc.strerror or exc}），请检查权限或换一个目录。") from None


def hold_shared(root: Path) -> None:
    """Count one more user of the data directory in this process; DataDirError while a restore runs elsewhere."""
    path = _path(root)
    with _lock:
        held = _held.get(path)
        if held is not None:
            held.count += 1
            return
        fd = _open(path)
        try:
            _os_shared(fd)
        except LockBusy:
            os.close(fd)
            raise DataDirError(RESTORE_RUNNING) from None
        _held[path] = _Held(fd=fd, count=1, exclusive=False)


def release(root: Path) -> None:
    """One user of the data directory in this process fewer; the last one lets the operating-system lock go."""
    path = _path(root)
    with _lock:
        held = _held.get(path)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _held[path]
        _os_unlock(held.fd, exclusive=held.exclusive)
        os.close(held.fd)


def alone(root: Path) -> bool:
    """True when no other program has the data directory open right now (checked by briefly locking it alone).

    Used at start to clean up what a killed restore left behind: only safe when nobody else may be using it.
    """
    path = _path(root)
    with _lock:
        held = _held.get(path)
        if held is not None and (held.exclusive or held.count > 1):
            return False  # a restore, or other contexts of this process, may be writing temporaries right now
        fd = held.fd if held is not None else _open(path)
        try:
            try:
                _os_exclusive(fd, holding_shared=held is not None)
            except LockBusy:
                return False
            if held is not None:
                _os_downgrade(fd)
            else:
                _os_unlock(fd, exclusive=True)
            return True
        finally:
            if held is None:
                os.close(fd)


@contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """Have the data directory alone for the block (a restore); DataDirError in Chinese when another program has it.

    Contexts this process opens inside the block (a safety backup, the migration after the swap) share the lock.
    """
    path = _path(root)
    with _lock:
        held = _held.get(path)
        if held is not None and held.exclusive:
            raise DataDirError(RESTORE_RUNNING)
        fd = held.fd if held is not None else _open(path)
        try:
            _os_exclusive(fd, holding_shared=held is not None)
        except LockBusy:
            if held is None:
                os.close(fd)
            raise DataDirError(IN_USE) from None
        if held is None:
            held = _held[path] = _Held(fd=fd, count=1, exclusive=True)
        else:
            held.exclusive, held.count = True, held.count + 1
    try:
        yield
    finally:
        with _lock:
            held.exclusive = False
            held.count -= 1
            if held.count > 0:
                _os_downgrade(held.fd)
            else:
                _held.pop(path, None)
                _os_unlock(held.fd, exclusive=True)
                os.close(held.fd)
