"""What a start loads before the user sees the first page: the window and the dashboard, not the libraries and
modules that only later clicks need (issue 23: ReportLab, the demo generator and 开始使用 each cost 0.1–0.3 s); and
what it does before the first frame: no ORM mapper configuration (~50 ms), which waits for the first page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from controllers.core.context import AppContext
from ui.common.first_paint import PAINTED

ROOT = Path(__file__).resolve().parents[2]
# Loaded on demand only: PDFs, spreadsheets, schema upgrades, the cached theme's renderer.
LATE_LIBRARIES = {"reportlab", "PIL", "openpyxl", "alembic", "qt_material", "jinja2"}
LATE_MODULES = {
    "controllers.demo.generator",  # a demo is filled by `--demo` and the CLI, never by a start
    "ui.onboarding.guide",  # opens on a click of the dashboard's note, or after the window is painted
    "controllers.briefs.work_brief_charts",  # the PDF charts: the dashboard draws its own
}


def loaded_by(*modules: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `modules` (a start from this tree)."""
    code = f"import sys\nfor m in {modules!r}: __import__(m)\nprint(*sorted(sys.modules), sep='\\n')"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_window_and_the_first_page_leave_pdf_spreadsheet_and_demo_code_unloaded() -> None:
    loaded = loaded_by("cli", "cli.gui", "ui.shell.app", "ui.dashboard.page")
    assert "ui.dashboard.page" in loaded and "ui.shell.main_window" in loaded  # the check looked at a real start
    assert sorted(m for m in loaded if m.split(".")[0] in LATE_LIBRARIES) == []
    assert sorted(LATE_MODULES & loaded) == []


# A start of main.py that, at the first painted frame, says whether the ORM's mappers were configured by then.
AT_FIRST_FRAME = f"""
import os, runpy, sys
class Watch:
    def __init__(self, out): self.out = out
    def write(self, text):
        if {PAINTED!r} in text:
            from models.admin import Setting
            os.write(2, f"mappers configured: {{Setting.__mapper__.configured}}\\n".encode())
        return self.out.write(text)
    def __getattr__(self, name): return getattr(self.out, name)
sys.stdout = Watch(sys.stdout)
sys.argv[0] = "main.py"
runpy.run_path("main.py", run_name="__main__")
"""


def test_the_first_frame_is_painted_before_the_orm_maps_its_classes(sqlite_app_ctx: AppContext) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STATION_LEDGER_QUIT_WHEN_SHOWN": "1"}
    env.pop("STATION_LEDGER_DB", None)
    done = subprocess.run([sys.executable, "-c", AT_FIRST_FRAME, "--data-dir", str(sqlite_app_ctx.data_dir.root)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert PAINTED in done.stdout
    assert "mappers configured: False" in done.stderr
