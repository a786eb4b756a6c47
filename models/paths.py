"""Where the app's own files live (fonts, translations, seed data, migrations) and which version it is.

From a source checkout they sit in the checkout; in the frozen build (packaging/station-ledger.spec) PyInstaller
unpacks them into the bundle folder, sys._MEIPASS, laid out as in the checkout, so one root serves both.
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "station-ledger"


def app_root() -> Path:
    """The folder holding resources/, models/migrations and pyproject.toml: the frozen bundle or the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


APP_ROOT = app_root()
RESOURCES_DIR = APP_ROOT / "resources"
SEED_FILE = RESOURCES_DIR / "seed" / "reference.json"
MIGRATIONS_DIR = APP_ROOT / "models" / "migrations"


def is_frozen() -> bool:
    """True in the packaged app, where sys.executable is the app itself rather than a Python interpreter."""
    return bool(getattr(sys, "frozen", False))


def app_version() -> str:
    """The version written once, in pyproject.toml (the frozen build carries the file); an installed wheel without
    it answers from its metadata."""
    try:
        with (APP_ROOT / "pyproject.toml").open("rb") as fh:
            return str(tomllib.load(fh)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        try:
            return metadata.version(DISTRIBUTION)
        except metadata.PackageNotFoundError:
            return "未知"
