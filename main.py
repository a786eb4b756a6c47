"""Station Ledger entry point: `python main.py` starts the GUI; subcommands are the scriptable CLI."""

from __future__ import annotations

import sys

from controllers.core import start_gc


def main(argv: list[str] | None = None) -> int:
    start_gc.hold()  # before the start's imports, which make most of what the collector would walk
    from cli import run  # after the hold: cli loads the ORM and most of the app

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
