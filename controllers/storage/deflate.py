"""Deflating zip members with ISA-L (python-isal) instead of zlib: the same deflate stream, five times faster.

A backup's database (855 MB at a 100,000-case station) deflates in 1.3 s at ISA-L's level 1 against 6.7-9.2 s at
zlib's level 1, to the same size (231 MB against 232 MB); any zip reader inflates it, zlib included, since the
format is deflate's. zipfile has no way to be given a compressor, so a member it has just opened for writing has
its compressor exchanged before the first byte goes in. Should a later Python name that attribute differently, the
exchange does nothing and zlib deflates as before: slower, never wrong.
"""

from __future__ import annotations

import zipfile
from typing import IO

from isal import isal_zlib

# ISA-L's levels run 0-3; 1 shrinks as much as zlib's level 1 (3.7x for a database, about 6x for JSON lines).
LEVEL = 1


def deflating(member: IO[bytes]) -> IO[bytes]:
    """`member` (from ZipFile.open(name, "w") on a ZIP_DEFLATED member, nothing written yet), deflated by ISA-L."""
    info = getattr(member, "_zinfo", None)
    if (info is not None and info.compress_type == zipfile.ZIP_DEFLATED and hasattr(member, "_compressor")
            and getattr(member, "_compress_size", None) == 0):
        member._compressor = isal_zlib.compressobj(LEVEL, isal_zlib.DEFLATED, -15)
    return member
