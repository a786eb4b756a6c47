"""A file written once, front to back, that can prove the disk gives back what was written.

zipfile given a file it cannot seek in writes each member's CRC and sizes after its data (a data descriptor, part
of the zip format since its first version) instead of going back to patch the member's header, so every byte of
the zip is written exactly once, in order. The CRC-32 of everything written is then one number, and reading the
written file and comparing that number shows whether any byte of any member came back different. It is done in
two parts so the zip's last member (the manifest) can say how the first part went: everything up to it, then the
manifest and the zip's directory.
Inflating every member again to check it against its own CRC proves the same about the disk at about ten times
the work (2.1 s against 0.2 s for the 100,000-case station's 232 MB backup).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1024 * 1024


class ForwardOnlyFile:
    """The file-like object a zipfile.ZipFile is given to write to: no seeking, a running CRC-32 of what is written."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)  # what zipfile reports as the zip's file name
        self._file: BinaryIO = path.open("wb")
        self._size = 0
        self._checked = 0  # bytes already read back and found right
        self._crc = 0  # of what was written after them

    def write(self, data: bytes) -> int:
        written = self._file.write(data)
        self._crc = zlib.crc32(data, self._crc)
        self._size += written
        return written

    def tell(self) -> int:
        return self._size

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("a backup zip is written front to back")  # zipfile then writes data descriptors

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ForwardOnlyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reads_back(self) -> bool:
        """True when what was written since the last call reads back from the file exactly as it was written."""
        self._file.flush()
        crc = 0
        with open(self.name, "rb") as fh:
            fh.seek(self._checked)
            while chunk := fh.read(_CHUNK):
                crc = zlib.crc32(chunk, crc)
            size = fh.tell()  # nothing more in the file than was written either
        ok = (crc, size) == (self._crc, self._size)
        self._checked, self._crc = self._size, 0
        return ok
