"""A second program on the data directory for the restore race: opens it, commits a case, says so, waits, commits
another, closes. Each line is printed only after its commit returned, so the parent synchronises on lines, not sleeps.

Run as `python -m tests.e2e.lock_holder DATA_DIR`; a refused open prints the Chinese message on stderr, exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from controllers.core.errors import UserError
from controllers.core.paths import DataDir
from controllers.storage.opening import open_data_dir
from tests.e2e.crash_writer import add_case


def main(argv: list[str]) -> int:
    try:
        ctx = open_data_dir(DataDir(Path(argv[0])))
    except UserError as exc:
        sys.stderr.write(exc.message + "\n")
        return 2
    try:
        for line in ("ready", "done"):
            with ctx.db.session() as s:
                case = add_case(s, facts=f"另一个程序登记的案件（{line}）")
            sys.stdout.write(f"{line} {case.uuid}\n")
            sys.stdout.flush()
            if line == "ready":
                sys.stdin.readline()  # the parent tries its restore meanwhile
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
