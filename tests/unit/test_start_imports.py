"""What a start loads before the user sees the first page: the window and the dashboard, not the libraries and
modules that only later clicks need (issue 23: ReportLab, the demo generator and 开始使用 each cost 0.1–0.3 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
