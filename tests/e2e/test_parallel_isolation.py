"""The suite runs in parallel (pytest-xdist): what one worker writes or starts is its own, and goes with it.

A worker's PostgreSQL server is stopped and its folder removed however the worker ends: SIGKILL (what the xdist
controller does to a worker that does not come down, and what a CI timeout may do) runs no teardown, and the
postmaster lives in a session of its own, so without the reaper it would run on. The programs a test starts write
their caches into the session's own user folders, never into the developer's (or another worker's) ~/.cache.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import app_module_names
from tests.pg_server import find_bin_dir

LOADED_AT_COLLECTION = frozenset(sys.modules)  # what was loaded before any test of this run started
ROOT = Path(__file__).resolve().parents[2]

# A test process in miniature: starts a server, says where it is, then waits to be killed.
OWNER = """
import json, sys
from pathlib import Path
from tests.pg_server import PgServer
server = PgServer(Path(sys.argv[1]), label="reaper-test").start()
pid = int((server.data / "postmaster.pid").read_text().split()[0])
print(json.dumps({"root": str(server.root), "postmaster": pid, "reaper": server._reaper.pid}), flush=True)
sys.stdin.read()
"""


def _wait_for_exit(pid: int, timeout: float) -> bool:
    """True once `pid` (not our child, so no waitpid) has ended; a pidfd becomes readable when it does."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], timeout)
        return bool(readable)
    finally:
        os.close(fd)


@pytest.mark.postgresql
def test_a_killed_test_process_leaves_no_server_and_no_folder() -> None:
    bin_dir = find_bin_dir()
    assert bin_dir is not None
    owner = subprocess.Popen([sys.executable, "-c", OWNER, str(bin_dir)], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert owner.stdout is not None and owner.stderr is not None
    line = owner.stdout.readline()
    assert line, owner.stderr.read()
    started = json.loads(line)
    root, postmaster, reaper = Path(started["root"]), started["postmaster"], started["reaper"]
    assert root.is_dir() and _process_alive(postmaster)

    owner.send_signal(signal.SIGKILL)  # no finally, no atexit, no fixture teardown runs
    owner.wait(timeout=30)

    assert _wait_for_exit(reaper, timeout=120), "the reaper did not finish"
    assert _wait_for_exit(postmaster, timeout=30), "the server outlived its test process"
    assert not root.exists()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_programs_started_by_a_test_cache_into_the_sessions_own_folders(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """main.py renders the theme into the user's cache folder; here that folder is this session's, per worker."""
    probe = ("from platformdirs import user_cache_path, user_config_path, user_data_path, user_state_path\n"
             "for f in (user_cache_path, user_config_path, user_data_path, user_state_path):\n"
             "    print(f('station-ledger', appauthor=False))\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    session = tmp_path_factory.getbasetemp().resolve()
    folders = [Path(line).resolve() for line in result.stdout.splitlines()]
    assert len(folders) == 4
    for folder in folders:
        assert folder.is_relative_to(session), folder


def test_every_app_module_is_loaded_before_any_test_draws_examples() -> None:
    """Hypothesis takes some examples from the constants of the project modules loaded at the time: unless all
    are loaded first, a property test's examples depend on which tests ran before it on the same worker."""
    assert [name for name in app_module_names() if name not in LOADED_AT_COLLECTION] == []
