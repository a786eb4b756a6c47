"""A throwaway PostgreSQL server for the tests: initdb into a temp folder, listen on a private unix socket only.

Used instead of pytest-postgresql because the tests may run as root (CI containers) and the postgres server
refuses to: here the server runs as an unprivileged account (`postgres` when Debian's package made it, else
`nobody`) through runuser, and the folder is handed to that account. No TCP port is opened, so parallel test
runs (and the xdist workers of one run, each with a server of its own) never collide on a port.

Every server has a reaper: a small process of its own session that waits for the test process to end, however it
ends (a finished run, Ctrl-C, SIGTERM, an xdist worker killed by its controller, SIGKILL), then stops the server
and removes its folder. Run as `python tests/pg_server.py --reap ROOT BIN_DIR [ACCOUNT]`.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

PORT = 5432  # only names the socket file inside our private folder; no TCP listener
SUPERUSER = "postgres"


def find_bin_dir() -> Path | None:
    """The folder holding initdb/pg_ctl/postgres: from PATH (symlinks resolved) or Debian's versioned folders."""
    found = shutil.which("pg_ctl")
    if found:
        real = Path(found).resolve().parent
        if (real / "initdb").exists() and (real / "postgres").exists():
            return real
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        folder = Path(candidate)
        if (folder / "pg_ctl").exists() and (folder / "initdb").exists():
            return folder
    return None


def _version_key(path: str) -> float:
    try:
        return float(Path(path).parent.name)
    except ValueError:
        return 0.0


def _server_account() -> str | None:
    """None when we are not root; otherwise the unprivileged account the server runs as."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            import pwd

            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' account exists for the server")


class PgServer:
    """One running server; `url(dbname)` gives a SQLAlchemy URL, `admin(sql)` runs SQL as the superuser."""

    def __init__(self, bin_dir: Path, *, label: str = "") -> None:
        self.bin_dir = bin_dir
        self.account = _server_account()
        # The label (an xdist worker id) only makes a leftover folder say whose it was; mkdtemp alone is unique.
        self.root = Path(tempfile.mkdtemp(prefix=f"station-ledger-pg-{label}-" if label else "station-ledger-pg-"))
        # Started before anything is put in the folder, so even a failed initdb leaves nothing behind.
        self._reaper = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--reap", str(self.root), str(bin_dir), self.account or ""],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)  # out of the terminal's process group: Ctrl-C must not end it before its work
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.socket_dir.mkdir()
        if self.account is not None:
            # The server account must own its folders; root (the test process) can use them anyway.
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, user=self.account)
            shutil.chown(self.socket_dir, user=self.account)

    def _run(self, *args: str) -> None:
        _run_as(self.account, self.bin_dir, self.root, *args)

    def start(self) -> PgServer:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        # Durability settings off: a test database is thrown away, and fsync dominates create/drop database.
        options = (f"-k {self.socket_dir} -p {PORT} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "start", "-w", "-s", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options)
        return self

    def stop(self) -> None:
        """Have the reaper stop the server and remove the folder now, and wait for it: one way down for every end."""
        assert self._reaper.stdin is not None
        self._reaper.stdin.close()
        self._reaper.wait(timeout=120)

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{dbname}?host={self.socket_dir}&port={PORT}"

    def admin(self, *statements: str) -> None:
        """Run statements outside a transaction (CREATE/DROP DATABASE need that) in the maintenance database."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=PORT, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql)  # type: ignore[arg-type]


class DatabasePool:
    """Copies of a template database made ahead by a background thread, and dropped behind, one per test.

    A copy costs a few tenths of a second (CREATE DATABASE checkpoints); making the next one while a test runs
    hides most of that, since the work happens in the server's processes, not in the test's.
    """

    def __init__(self, server: PgServer, template: str, *, ahead: int = 2) -> None:
        self.server = server
        self.template = template
        self.ahead = ahead
        self._ready: queue.Queue[str | BaseException] = queue.Queue()
        self._drops: queue.Queue[str] = queue.Queue()
        self._closing = threading.Event()
        self._numbers = itertools.count(1)
        self._thread = threading.Thread(target=self._work, name="pg-database-pool", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        while not self._closing.is_set():
            try:
                self._drop(self._drops.get_nowait())  # drops first: they free the server's disk
                continue
            except queue.Empty:
                pass
            if self._ready.qsize() < self.ahead:  # only this thread adds, so the size only shrinks meanwhile
                try:
                    self._ready.put(self._create())
                except BaseException as exc:  # handed to the test waiting for a database
                    self._ready.put(exc)
                continue
            with contextlib.suppress(queue.Empty):
                self._drop(self._drops.get(timeout=0.05))

    def _create(self) -> str:
        name = f"test_{os.getpid()}_{next(self._numbers)}"
        # FILE_COPY: copying a small template's files beats WAL-logging every block (PostgreSQL 15's default).
        self.server.admin(f"CREATE DATABASE {name} TEMPLATE {self.template} STRATEGY FILE_COPY")
        return name

    def _drop(self, name: str) -> None:
        self.server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def take(self) -> str:
        """A fresh copy of the template, waiting for the thread if none is ready."""
        item = self._ready.get(timeout=120)
        if isinstance(item, BaseException):
            raise item
        return item

    def give_back(self, name: str) -> None:
        """Drop the database later, in the background."""
        self._drops.put(name)

    def close(self) -> None:
        """Stop the thread; leftover databases go with the server."""
        self._closing.set()
        self._thread.join(timeout=60)


def _run_as(account: str | None, bin_dir: Path, cwd: Path, *args: str) -> None:
    cmd = [str(bin_dir / args[0]), *args[1:]]
    if account is not None:
        cmd = ["runuser", "-u", account, "--", *cmd]
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)


def reap(root: Path, bin_dir: Path, account: str | None) -> None:
    """Wait for the test process to close our stdin (it does so on stop(); the system does when it dies), then
    stop the server if one was started in `root` and remove the folder."""
    sys.stdin.buffer.read()
    data = root / "data"
    if (data / "postmaster.pid").exists():
        with contextlib.suppress(subprocess.CalledProcessError):  # already gone: the folder goes anyway
            _run_as(account, bin_dir, root, "pg_ctl", "stop", "-s", "-m", "immediate", "-D", str(data))
    shutil.rmtree(root, ignore_errors=True)


def database_url(ctx: Any) -> str | None:
    """What open_data_dir(ctx.data_dir, db_url=...) needs to reopen ctx's database: None for its SQLite file."""
    return None if ctx.db.is_sqlite else ctx.db.engine.url.render_as_string(hide_password=False)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--reap":
        reap(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] or None)
    else:
        sys.exit("usage: python tests/pg_server.py --reap ROOT BIN_DIR ACCOUNT")
