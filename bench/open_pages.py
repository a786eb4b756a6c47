"""`python -m bench.open_pages DATA_DIR`: the main window with the dashboard (figures in) and the case book (first
rows in) open, offscreen, then exit; the bench reads the process's peak RSS (ops_memory.py).

A district office keeps these two open all day: their memory at 1,000,000 cases is the figure issue 23 asks for.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from controllers.core.paths import DataDir
from controllers.storage.opening import open_data_dir
from ui.common import background
from ui.shell.app import build_main_window


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A --db run: the server database the bench passes in the environment (never in argv: it may hold a password).
    ctx = open_data_dir(DataDir(Path(argv[0])), db_url=os.environ.get("STATION_LEDGER_DB") or None)
    try:
        window = build_main_window(ctx, persist=False, page="dashboard")
        window.resize(1440, 900)
        window.show()
        dashboard = window.pages["dashboard"]
        if not dashboard.wait_until_ready(120_000):  # type: ignore[attr-defined]
            raise SystemExit("the dashboard did not load")
        cases = window.select_page("cases")
        while cases.model.loaded_rows() == 0 and cases.model.total() > 0:  # type: ignore[attr-defined]
            QApplication.processEvents()
        QApplication.processEvents()
        print("pages-open", flush=True)
        window.close()
        background.wait_all()
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
