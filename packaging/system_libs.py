"""The shared libraries the frozen app takes from the target system, and the Debian packages that provide them.

The bundle carries Qt, Python and the Python packages' own libraries; everything it would otherwise copy from the
build machine's /lib or /usr/lib is left out and comes from Debian instead, so the package never ships an older
libstdc++ or libX11 than the desktop's own graphics drivers expect. `ldd` on the frozen folder lists what the
bundle needs from the system; the build stops when a library is not in this table (a new dependency is a decision,
not an accident), and the table's packages are the .deb's Depends.
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")

# soname -> Debian package (Debian 12 names; each is on a standard Debian desktop).
PACKAGE_OF = {
    # the C and C++ runtimes
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "libpthread.so.0": "libc6",
    "libresolv.so.2": "libc6", "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
    # Python's own extension modules (ssl/hashlib, sqlite3, ctypes, bz2, lzma, uuid, zlib)
    "libssl.so.3": "libssl3", "libcrypto.so.3": "libssl3", "libsqlite3.so.0": "libsqlite3-0",
    "libffi.so.8": "libffi8", "libbz2.so.1.0": "libbz2-1.0", "liblzma.so.5": "liblzma5", "libuuid.so.1": "libuuid1",
    "libz.so.1": "zlib1g",
    # Qt core and GUI: OpenGL dispatch, fonts, glib's event loop, D-Bus, compression, Kerberos (QtNetwork via QtPdf)
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3", "libzstd.so.1": "libzstd1", "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1", "libgssapi_krb5.so.2": "libgssapi-krb5-2", "libxkbcommon.so.0": "libxkbcommon0",
    # printing (the CUPS print-support plugin)
    "libcups.so.2": "libcups2",
    # the xcb platform plugin (X11 desktops, and XWayland)
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-glx.so.0": "libxcb-glx0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1", "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    # the Wayland platform plugin
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def elf_files(bundle: Path) -> list[Path]:
    """The executable and every shared object in the frozen folder."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or os.access(path, os.X_OK)):
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed_names(elf: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file: the libraries it names itself, not their own."""
    data = elf.read_bytes()
    if data[4] != 2 or data[5] != 1:  # ELFCLASS64, ELFDATA2LSB: the only kind an amd64 bundle holds
        raise ValueError(f"{elf}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab_offset = sections[link][4]
        for pos in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:  # DT_NULL ends the table
                break
            if tag == 1:  # DT_NEEDED: an offset into the linked string table
                start = strtab_offset + value
                names.append(data[start:data.index(b"\0", start)].decode())
    return names


def system_libraries(bundle: Path) -> dict[str, set[str]]:
    """soname -> the bundle files that name it and that the bundle does not carry (the system must provide it)."""
    inside = {path.name for path in bundle.rglob("*.so*")}
    needed: dict[str, set[str]] = {}
    for elf in elf_files(bundle):
        for name in needed_names(elf):
            if name not in inside and not name.startswith("ld-linux"):
                needed.setdefault(name, set()).add(elf.relative_to(bundle).as_posix())
    return needed


def unresolved(bundle: Path) -> set[str]:
    """Libraries `ldd` cannot find for some file of the bundle on this machine (its Depends not all installed)."""
    missing: set[str] = set()
    for elf in elf_files(bundle):
        result = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, check=False)
        missing |= {line.split()[0] for line in result.stdout.splitlines() if "=> not found" in line}
    return missing


def depends(bundle: Path, table: dict[str, str] = PACKAGE_OF) -> list[str]:
    """The Debian packages the bundle needs; stops the build on a library the table does not know."""
    needed = system_libraries(bundle)
    unknown = {name: sorted(users)[:3] for name, users in needed.items() if name not in table}
    if unknown:
        lines = "\n".join(f"  {name} (needed by {', '.join(users)})" for name, users in sorted(unknown.items()))
        raise SystemExit(f"libraries not in packaging/system_libs.py PACKAGE_OF:\n{lines}")
    return sorted({table[name] for name in needed})
