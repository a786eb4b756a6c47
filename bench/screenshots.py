"""`python -m bench.screenshots DIR [--size WxH ...]`: one PNG per main page and size, on a small demo data directory.

The default sizes are the ones the desk must fit: 1366×728 (a 1366×768 office screen less its taskbar) and
1920×1080. With several sizes the files are named `<page>_<W>x<H>.png` so the sizes sit side by side for looking
at; with one size they are `<page>.png` (what the README shows, `make screenshots`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bench import ROOT
from bench.__main__ import build_demo

PAGES = ("dashboard", "cases", "complaints", "trainings", "meetings", "stats", "supervision", "reference", "settings")
PARAMS = {"cases": 3000, "complaints": 6000, "trainings": 60}
SIZES = ("1366x728", "1920x1080")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screenshots")
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots")
    parser.add_argument("--size", action="append", dest="sizes", metavar="WxH", help="repeatable; default: " +
                        ", ".join(SIZES))
    parser.add_argument("--page", action="append", dest="pages", choices=PAGES, help="repeatable; default: all")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args.out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    data_dir, _meta = build_demo(PARAMS)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    sizes = args.sizes or list(SIZES)
    for size in sizes:
        for page in args.pages or PAGES:
            target = out_dir / (f"{page}_{size}.png" if len(sizes) > 1 else f"{page}.png")
            cmd = [sys.executable, str(ROOT / "main.py"), "screenshot", "--data-dir", str(data_dir), "--page", page,
                   "-o", str(target), "--size", size]
            result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
            if result.returncode != 0:
                sys.stderr.write(f"{page} {size}: {result.stderr.strip()}\n")
                return result.returncode
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
