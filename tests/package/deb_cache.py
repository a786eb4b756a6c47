"""One .deb per source tree: the package test builds and unpacks it once; every worker (and the next run) reuses
the package and the unpacked root (read-only: every run writes only into its own HOME and data folder).

The key is a hash of everything that goes into the build: the app's files, the packaging files, the Python
version and every installed distribution's version; a change to any of them builds afresh. A lock keeps two
xdist workers from building at the same time (the second waits and then finds the first one's package).
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("main.py", "pyproject.toml", "packaging", "models", "controllers", "ui", "cli", "resources")
CACHE = Path(tempfile.gettempdir()) / "station-ledger-package-cache"


def source_key(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    digest.update(sys.version.encode())
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(installed).encode())
    return digest.hexdigest()[:20]


def cached_build() -> tuple[Path, Path]:
    """(the .deb for this source tree, the root `dpkg -x` unpacked it into), built now or found from before."""
    sys.path.insert(0, str(ROOT / "packaging"))  # packaging/ is build tooling beside the app, not a package of it
    from build_deb import build, deb_name, project_version

    CACHE.mkdir(parents=True, exist_ok=True)
    folder = CACHE / source_key()
    deb, root = folder / deb_name(project_version()), folder / "root"
    with (CACHE / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not root.exists():
            for old in CACHE.iterdir():  # one build kept: a stale tree's is of no further use
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            work = Path(tempfile.mkdtemp(prefix="station-ledger-build-"))
            try:
                built = build(work / "out", work)
                subprocess.run(["dpkg", "-x", str(built), str(work / "root")], check=True)
                folder.mkdir(exist_ok=True)
                built.rename(deb)
                # Renamed last, whole: a build stopped midway leaves no root, so the next run builds again.
                (work / "root").rename(root)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    return deb, root
