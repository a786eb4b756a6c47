"""`python -m bench.screenshots DIR`: one PNG per main page, rendered offscreen on a small demo data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench import ROOT
from bench.__main__ import build_demo

PAGES = ("dashboard", "cases", "complaints", "trainings", "meetings", "stats", "reference", "settings")
PARAMS = {"cases": 3000, "complaints": 6000, "trainings": 60}
SIZE = "1440x900"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0] if args else "docs/screenshots").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    data_dir, _meta = build_demo(PARAMS)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for page in PAGES:
        target = out_dir / f"{page}.png"
        cmd = [sys.executable, str(ROOT / "main.py"), "screenshot", "--data-dir", str(data_dir), "--page", page,
               "-o", str(target), "--size", SIZE]
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(f"{page}: {result.stderr.strip()}\n")
            return result.returncode
        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
