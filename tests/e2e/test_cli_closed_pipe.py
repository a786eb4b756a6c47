"""Any command piped into a reader that stops early (`… | head -1`) ends quietly with 141, as `yes | head` does:
no traceback, no "发生意外错误", no "Exception ignored" at exit, and the log records no crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import ROOT

COMMANDS = [
    ("inspections", "--period", "2025Q1"),  # a command's own lines
    ("inspections", "--period", "2025Q1", "--json"),  # JSON for a script
    ("calendar", "show", "--year", "2025"),
]


def _into_closed_pipe(args: tuple[str, ...], data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout the write end of a pipe whose reader already left (the earliest a reader can stop)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {k: v for k, v in os.environ.items() if k != "STATION_LEDGER_DATA"}
    env.update(QT_QPA_PLATFORM="offscreen", STATION_LEDGER_DATA=str(data_dir))
    try:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, stdout=write_end,
                              stderr=subprocess.PIPE, timeout=300, check=False)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = _into_closed_pipe(args, tmp_path / "data")
    assert result.stderr.decode() == ""
    assert result.returncode == 141
    log = tmp_path / "data" / "logs"
    assert "Traceback" not in "".join(p.read_text(encoding="utf-8") for p in log.glob("*.log"))


def test_head_reads_the_first_line_and_the_command_still_ends_quietly(tmp_path: Path) -> None:
    """The same with a real reader that closes after its first line, as `head -n 1` does."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STATION_LEDGER_DATA": str(tmp_path / "data")}
    writer = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "calendar", "show", "--year", "2025"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout is not None
    first = writer.stdout.readline()
    writer.stdout.close()  # what head does after its line
    _out, err = writer.communicate(timeout=300)
    assert first.strip() and err.decode() == ""
    assert writer.returncode in (0, 141)  # 0 when everything fitted in the pipe before the reader left
