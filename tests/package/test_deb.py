"""`make package`'s .deb, unpacked with `dpkg -x` into a temp root and run from there as a clerk would run it:
through /usr/bin/station-ledger, with no project venv on PATH, a fresh HOME and a fresh data folder.

Needs dpkg-deb, PyInstaller and binutils (skipped with the reason otherwise); the build (about 3 minutes here)
happens once per source tree (tests/package/deb_cache.py), so a second run or a second xdist worker reuses it.
It runs in the SQLite run only: the package does not change with the database engine.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.migrate import SCHEMA_HEAD
from models.paths import app_version
from tests.package.deb_cache import cached_build

if shutil.which("dpkg-deb") is None or shutil.which("dpkg") is None:
    pytest.skip("dpkg-deb not found: the .deb package is built and checked on Debian-based systems only",
                allow_module_level=True)
if shutil.which("objdump") is None:
    pytest.skip("objdump not found (Debian package binutils): PyInstaller cannot build the .deb without it",
                allow_module_level=True)
if importlib.util.find_spec("PyInstaller") is None:
    pytest.skip("PyInstaller not installed (`make install` installs it): the .deb cannot be built",
                allow_module_level=True)

ALLOWED = ("usr/lib/station-ledger/", "usr/bin/station-ledger", "usr/share/applications/station-ledger.desktop",
           "usr/share/icons/hicolor/", "usr/share/doc/station-ledger/")
# Parent folders dpkg lists for the paths above; they hold nothing else of ours.
PARENTS = {"", "usr", "usr/lib", "usr/bin", "usr/share", "usr/share/applications", "usr/share/icons",
           "usr/share/doc"}


@pytest.fixture(scope="module", autouse=True)
def _sqlite_run_only(engine_name: str) -> None:
    if engine_name != "sqlite":
        pytest.skip("the package does not depend on the database engine: checked in the SQLite run only")


@pytest.fixture(scope="module")
def deb() -> Path:
    return cached_build()[0]


@pytest.fixture(scope="module")
def installed() -> Path:
    """The package unpacked with `dpkg -x` into a temp root, as `dpkg -i` would lay it out under /."""
    return cached_build()[1]


@pytest.fixture
def clean_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A desktop session's environment on a machine without the project: system PATH only, a new HOME."""
    home = tmp_path / "home"
    home.mkdir()
    yield {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen"}


def run_installed(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # cwd is the temp HOME, so nothing from the checkout is importable by accident.
    return subprocess.run([str(root / "usr/bin/station-ledger"), *args], env=env, cwd=env["HOME"],
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_deb_is_named_and_versioned_from_pyproject(deb: Path) -> None:
    assert deb.name == f"station-ledger_{app_version()}_amd64.deb"
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
                            capture_output=True, text=True, check=True).stdout
    assert f"Version: {app_version()}" in fields
    assert "Architecture: amd64" in fields
    # The xcb platform plugin's libraries come from Debian, not from the build machine.
    assert "libxcb-cursor0" in fields and "libxkbcommon-x11-0" in fields
    assert "python" not in fields.lower()  # the bundle carries its own Python


def test_the_package_installs_only_its_own_paths_and_runs_no_scripts(deb: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    paths = [line.split(maxsplit=5)[5].split(" -> ")[0].removeprefix("./").rstrip("/")
             for line in listing.splitlines()]
    outside = [p for p in paths if p not in PARENTS and not (p + "/").startswith(ALLOWED) and p not in ALLOWED]
    assert outside == []
    assert any(p.startswith("usr/lib/station-ledger/_internal/resources/fonts/") for p in paths)
    control = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True).stdout
    # No maintainer script exists that could touch a user's data folder on upgrade or removal.
    for script in ("preinst", "postinst", "prerm", "postrm"):
        assert script not in control


def test_the_desktop_entry_names_the_app_in_chinese_and_its_icon_exists(installed: Path) -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive (Name[zh_CN])
    entry.read(installed / "usr/share/applications/station-ledger.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name[zh_CN]"] == "社区工作室台账"
    assert desktop["Name"] == "社区工作室台账"
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert (installed / "usr/bin" / desktop["Exec"].split()[0]).exists()
    assert "Office" in desktop["Categories"].split(";")
    icons = list((installed / "usr/share/icons/hicolor").glob(f"*/apps/{desktop['Icon']}.*"))
    assert icons and all(icon.stat().st_size > 0 for icon in icons)


def test_the_installed_binary_prints_its_version(installed: Path, clean_env: dict[str, str]) -> None:
    result = run_installed(installed, clean_env, "--version")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, f"社区工作室台账 {app_version()}", "")


def test_the_installed_binary_runs_the_cli_on_a_fresh_data_dir(installed: Path, clean_env: dict[str, str]) -> None:
    data = Path(clean_env["HOME"]) / "台账数据"
    shipped = sorted(installed.rglob("*"))
    init = run_installed(installed, clean_env, "--data-dir", str(data), "init")
    assert init.returncode == 0, init.stderr
    info = run_installed(installed, clean_env, "--data-dir", str(data), "info", "--json")
    assert info.returncode == 0, info.stderr
    figures = json.loads(info.stdout)
    # Migrations and seed data came from inside the bundle: the schema is at head and the streets are seeded.
    assert figures["schema_version"] == SCHEMA_HEAD
    assert figures["counts"]["streets"] > 0
    reference = run_installed(installed, clean_env, "--data-dir", str(data), "reference", "--json")
    assert reference.returncode == 0, reference.stderr
    assert json.loads(reference.stdout)["categories"]
    # A verified backup from inside the bundle: its deflate (ISA-L) and checks came along.
    saved = run_installed(installed, clean_env, "--data-dir", str(data), "backup", "-o", str(data / "b.zip"))
    assert saved.returncode == 0, saved.stderr
    with zipfile.ZipFile(data / "b.zip") as zf:
        assert zf.testzip() is None and json.loads(zf.read("manifest.json"))["verified"] is True
    bad = run_installed(installed, clean_env, "--data-dir", str(data), "screenshot", "--page", "没有这页", "-o",
                        str(data / "x.png"))
    # A refusal from inside the bundle is still one Chinese line (the frozen app's error path works too).
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1 and "Traceback" not in bad.stderr
    # Nothing was written beside the installed files (no bytecode, no cache): removing the package leaves nothing.
    assert sorted(installed.rglob("*")) == shipped


def test_the_installed_binary_draws_the_dashboard(installed: Path, clean_env: dict[str, str]) -> None:
    from PySide6.QtGui import QImage

    data = Path(clean_env["HOME"]) / "data"
    png = Path(clean_env["HOME"]) / "工作台.png"
    result = run_installed(installed, clean_env, "--data-dir", str(data), "screenshot", "--page", "dashboard",
                           "-o", str(png))
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 600
    keep = os.environ.get("STATION_LEDGER_KEEP_PACKAGE_SCREENSHOT")
    if keep:  # for a person to look at the installed app's rendering (Chinese in the bundled font)
        shutil.copy2(png, keep)
