"""Benchmark harness: a cached demo data directory and a registry of timed operations (`python -m bench`).

Add an operation from any module named bench/ops_*.py:

    from bench import BenchEnv, operation

    @operation("cases_page_ms")
    def cases_page(env: BenchEnv) -> float:
        ctx = env.context()                    # opened AppContext on the cached demo data
        with timer() as t:
            ...                                # the work to time
        return t.ms                            # milliseconds of this one run
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from controllers.core.context import AppContext

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BenchEnv:
    """What an operation gets: the cached data directory, the demo parameters, helpers to run the app."""

    data_dir: Path
    params: dict[str, int]
    db_url: str | None = None  # a server database (--db) instead of the data dir's SQLite file
    python: str = sys.executable
    child_rss_mb: dict[str, float] = field(default_factory=dict)
    # Other figures an operation measures on the way (a child's peak memory that is not the app's), reported as is.
    figures: dict[str, float] = field(default_factory=dict)
    _ctx: AppContext | None = None

    def context(self) -> AppContext:
        """An AppContext opened once on the cached data directory (closed by the harness)."""
        if self._ctx is None:
            from controllers.core.paths import DataDir
            from controllers.storage.opening import open_data_dir

            self._ctx = open_data_dir(DataDir(self.data_dir), db_url=self.db_url)
        return self._ctx

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None

    def app_env(self, **extra: str) -> dict[str, str]:
        """Environment for a child `python main.py`: offscreen, this data directory."""
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # An installed app starts from compiled bytecode: a shell that forbids writing it would time the compiling
        # of ~500 modules at every start (+0.8 s). The bytecode goes beside the demo data, not into the tree.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(ROOT / ".bench-cache" / "pycache")
        env["STATION_LEDGER_DATA"] = str(self.data_dir)
        env.pop("STATION_LEDGER_DB", None)
        if self.db_url:  # the environment, not argv: a password in the URL stays out of the process list
            env["STATION_LEDGER_DB"] = self.db_url
        env.update(extra)
        return env


@dataclass(frozen=True)
class Operation:
    """A named timed operation; `fn` returns the milliseconds of one run."""

    name: str
    fn: Callable[[BenchEnv], float]
    runs: int | None = None  # None: the --runs given on the command line


OPERATIONS: dict[str, Operation] = {}


OpFn = Callable[[BenchEnv], float]


def operation(name: str, *, runs: int | None = None) -> Callable[[OpFn], OpFn]:
    """Register fn under name; it is run `runs` times (default --runs) and the median reported."""

    def register(fn: OpFn) -> OpFn:
        if name in OPERATIONS:
            raise ValueError(f"benchmark operation {name!r} registered twice")
        OPERATIONS[name] = Operation(name, fn, runs)
        return fn

    return register


class Timer:
    """Elapsed milliseconds of a `with timer() as t:` block, in t.ms."""

    ms: float = 0.0


@contextmanager
def timer() -> Iterator[Timer]:
    t = Timer()
    start = time.perf_counter()
    try:
        yield t
    finally:
        t.ms = (time.perf_counter() - start) * 1000


def run_until_line(args: list[str], line: str | None, *, env: dict[str, str], timeout_s: float = 120,
                   cwd: Path = ROOT) -> tuple[float, float]:
    """Start a child, return (ms from start until it prints `line`, or until it ends when `line` is None, and its
    peak RSS in MB); it must exit 0."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd, text=True)
    watchdog = threading.Timer(timeout_s, proc.kill)
    watchdog.start()
    elapsed = None
    try:
        assert proc.stdout is not None
        for out in proc.stdout:
            if out.strip() == line and elapsed is None:
                elapsed = (time.perf_counter() - start) * 1000
        _pid, status, usage = os.wait4(proc.pid, 0)
        if line is None:
            elapsed = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr = proc.stderr.read() if proc.stderr else ""
    finally:
        watchdog.cancel()
    if elapsed is None or proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode} without {line!r}: {stderr[-2000:]}")
    return elapsed, rss_mb(usage)


def rss_mb(usage: Any) -> float:
    """ru_maxrss is KiB on Linux and bytes on macOS."""
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return round(usage.ru_maxrss * scale, 1)


def self_rss_mb() -> float:
    return rss_mb(resource.getrusage(resource.RUSAGE_SELF))
