"""package_export_full_s / package_import_full_s: a full exchange package of the demo data (no --since), exported
with the command line and imported into a new, empty station, each in its own process so its peak memory shows.

The first exchange between two stations, or a full re-export, is the worst case a station meets. The package and
the receiving station live in a temp folder; the receiving station is always a SQLite data directory.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from bench import ROOT, BenchEnv, operation, run_until_line

_PACKAGE: dict[str, Path] = {}  # the package exported by the first operation, for the second


def _folder() -> Path:
    if "folder" not in _PACKAGE:
        _PACKAGE["folder"] = Path(tempfile.mkdtemp(prefix="bench-package-"))
        atexit.register(shutil.rmtree, _PACKAGE["folder"], ignore_errors=True)  # a full package is ~70 MB
    return _PACKAGE["folder"]


def _export(env: BenchEnv, path: Path) -> float:
    env.close()  # the app's own process, alone on its data, as a person runs it
    path.unlink(missing_ok=True)
    ms, rss = run_until_line([env.python, str(ROOT / "main.py"), "export-package", "-o", str(path)], None,
                             env=env.app_env(), timeout_s=1800)
    env.figures["package_export_rss_mb"] = max(rss, env.figures.get("package_export_rss_mb", 0.0))
    return ms


@operation("package_export_full_s", runs=1)
def package_export_full(env: BenchEnv) -> float:
    return _export(env, _folder() / "full.zip")


@operation("package_import_full_s", runs=1)
def package_import_full(env: BenchEnv) -> float:
    package = _folder() / "full.zip"
    if not package.is_file():
        _export(env, package)
    with tempfile.TemporaryDirectory(prefix="bench-station-") as station:
        child = env.app_env()
        child.pop("STATION_LEDGER_DB", None)
        child["STATION_LEDGER_DATA"] = station
        ms, rss = run_until_line([env.python, str(ROOT / "main.py"), "import-package", str(package)], None,
                                 env=child, timeout_s=1800)
    env.figures["package_import_rss_mb"] = max(rss, env.figures.get("package_import_rss_mb", 0.0))
    return ms
