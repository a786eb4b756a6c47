"""`python main.py --version` from the checkout: the same line the packaged `station-ledger --version` prints."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from models.paths import app_version

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_the_one_written_in_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        assert app_version() == tomllib.load(fh)["project"]["version"]


def test_main_prints_the_app_name_and_version() -> None:
    result = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"社区工作室台账 {app_version()}\n", "")
