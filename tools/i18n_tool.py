"""Updates and checks the Chinese translations: one .ts per ui area, compiled to .qm beside it.

Usage: python -m tools.i18n_tool           update every area's .ts with lupdate, then build the .qm files
       python -m tools.i18n_tool --check   change nothing; exit 1 listing unfinished translations or stale .qm
Areas: each subpackage ui/<pkg>/ is its own area '<pkg>' (ui/shell, ui/common, ui/settings, one per screen area);
ui/ itself holds no module with text since issue 17.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGE = "zh_CN"


@dataclass(frozen=True)
class Area:
    """One translation unit: its name, its source files and its .ts file."""

    name: str
    sources: tuple[Path, ...]

    @property
    def ts(self) -> Path:
        return I18N_DIR / f"{self.name}_{LANGUAGE}.ts"

    @property
    def qm(self) -> Path:
        return self.ts.with_suffix(".qm")


def areas(ui_dir: Path = UI_DIR) -> list[Area]:
    """One area per subpackage, found on disk so new subpackages are covered automatically. (There used to be a
    'shell' area of the files directly in ui/: it would now clash with ui/shell/ and empty its .ts.)"""
    found = []
    for pkg in sorted(p for p in ui_dir.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        found.append(Area(pkg.name, tuple(sorted(pkg.rglob("*.py")))))
    return [a for a in found if a.sources]


def _tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (the venv), else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 into this environment")
    return found


def lupdate(area: Area, ts: Path) -> None:
    # -locations none keeps line numbers out of the .ts, so a code edit does not churn the translations.
    cmd = [_tool("pyside6-lupdate"), *map(str, area.sources), "-ts", str(ts), "-no-obsolete",
           "-locations", "none", "-source-language", "en", "-target-language", LANGUAGE, "-silent"]
    subprocess.run(cmd, check=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)


def unfinished(ts: Path) -> list[str]:
    """'context: source' for every message whose translation is missing, empty or marked unfinished."""
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        ctx_name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            forms = [] if tr is None else list(tr.iter("numerusform")) if message.get("numerus") == "yes" else [tr]
            finished = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            if not (finished and forms and all((f.text or "").strip() for f in forms)):
                problems.append(f"{ctx_name}: {message.findtext('source', '')}")
    return problems


def check(ui_dir: Path = UI_DIR) -> list[str]:
    """Run lupdate on temporary copies and list every problem; the working tree is not touched."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for area in areas(ui_dir):
            copy = Path(tmp) / area.ts.name
            if area.ts.exists():
                shutil.copy(area.ts, copy)
            lupdate(area, copy)
            problems += [f"{area.ts.name}: untranslated: {p}" for p in unfinished(copy)]
            if not area.qm.exists():
                problems.append(f"{area.qm.name}: missing, run python -m tools.i18n_tool")
            elif area.ts.exists():
                # Compare content rather than mtimes: a git checkout gives both files arbitrary times.
                fresh = Path(tmp) / area.qm.name
                lrelease(area.ts, fresh)
                if fresh.read_bytes() != area.qm.read_bytes():
                    problems.append(f"{area.qm.name}: older than {area.ts.name}, run python -m tools.i18n_tool")
    return problems


def update(ui_dir: Path = UI_DIR) -> list[Path]:
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for area in areas(ui_dir):
        lupdate(area, area.ts)
        lrelease(area.ts, area.qm)
        written.append(area.qm)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.i18n_tool", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list unfinished translations, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for line in problems:
            print(line)
        return 1 if problems else 0
    for qm in update():
        print(f"built {qm.relative_to(ROOT)}")
    left = [p for a in areas() for p in unfinished(a.ts)]
    if left:
        print(f"{len(left)} translation(s) still to fill in; see python -m tools.i18n_tool --check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
