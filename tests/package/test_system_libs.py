"""packaging/system_libs.py: the libraries a frozen folder takes from the system, which become the .deb's Depends."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))  # build tooling, not an app package
from system_libs import PACKAGE_OF, depends, needed_names, system_libraries

needs_objdump = pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) not found")


def objdump_needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


@needs_objdump
@pytest.mark.parametrize("program", ["python", "objdump", "dpkg-deb"])
def test_needed_names_reads_what_objdump_reads(program: str) -> None:
    path = Path(sys.executable if program == "python" else shutil.which(program) or "").resolve()
    assert needed_names(path) == objdump_needed(path)


def test_a_library_the_table_does_not_know_stops_the_build(tmp_path: Path) -> None:
    bundle = tmp_path / "station-ledger"
    bundle.mkdir()
    # dpkg-deb needs the C library (known) and compression libraries; drop a fake entry to get one unknown.
    program = Path(shutil.which("dpkg-deb") or sys.executable).resolve()
    shutil.copy2(program, bundle / "tool")
    known = {name: package for name, package in PACKAGE_OF.items() if name != "libc.so.6"}
    with pytest.raises(SystemExit, match=r"libc\.so\.6 \(needed by tool\)"):
        depends(bundle, table=known)


def test_a_library_the_bundle_carries_is_not_a_dependency(tmp_path: Path) -> None:
    bundle = tmp_path / "station-ledger"
    bundle.mkdir()
    program = Path(sys.executable).resolve()
    shutil.copy2(program, bundle / "python")
    names = needed_names(program)
    (bundle / names[0]).write_bytes(b"")  # the bundle now carries the first library the program names
    needed = system_libraries(bundle)
    assert names[0] not in needed
    assert set(needed) == set(names[1:]) - {n for n in names if n.startswith("ld-linux")}
