"""Reading an exchange package: its manifest and deletions up front, its rows and files as they are applied.

A whole station's book is close to a million rows: read whole, it took 3.4 GB to import. Rows are read a chunk at a
time from the open zip (each table's JSON array holds a row per line, see exchange_export.write_rows) and
attachments are copied to disk as they are read, each checked against its SHA-256 name. Whatever is wrong with the
package surfaces as BadPackageError (Chinese); the caller applies everything in one transaction, so a package
found bad halfway changes nothing.
"""

from __future__ import annotations

import json
import lzma
import os
import shutil
import uuid
import zipfile
import zlib
from collections.abc import Generator, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import select

from controllers.core import gc_hold
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.exchange.background_io import blocks_read_ahead
from controllers.exchange.deletions import Deletion
from controllers.exchange.export import DELETIONS_MEMBER, FORMAT, FORMAT_VERSION
from controllers.exchange.manifest import MANIFEST_BYTES, FutureStamp, check_manifest, checked_stamp, latest_allowed
from controllers.exchange.schema import PortableRow, package_tables
from controllers.storage.attachments import MAX_BYTES, copy_into_store, is_sha256, stored_path
from controllers.storage.server_config import attachments_root
from models.cases import Attachment

ROW_CHUNK = 2000
# What a damaged or hand-edited package raises while it is read: zipfile reports a bad CRC as BadZipFile, a damaged
# deflate stream as zlib.error or EOFError; JSON nested a million deep ends in RecursionError, a stamp at the end of
# time brought to UTC in OverflowError.
DAMAGE = (ValueError, TypeError, KeyError, AttributeError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error,
          lzma.LZMAError, EOFError, NotImplementedError, RecursionError, OverflowError)
# One row is a line of JSON: none comes near this (a case's longest texts are a few thousand characters), and a
# line without end must not be read into memory whole.
ROW_BYTES = 16 * 1024 * 1024
READ_BLOCK = 1024 * 1024
LEGACY_TABLE_BYTES = 256 * 1024 * 1024  # a table written as one JSON text (packages of before rows went by line)
DELETIONS_BYTES = 64 * 1024 * 1024  # a tombstone is about 150 bytes: 400,000 deletions
# What one package may add to the attachment store, on top of the 50 MB cap per file: 20 GiB (400 files at the cap,
# years of a station's photos in a full package), and never so much that the disk holding the database and its
# backups is left with less than STORE_RESERVE free.
PACKAGE_FILES_BYTES = 20 * 1024**3
STORE_RESERVE = 1024**3
_COPY_CHUNK = 1024 * 1024


class BadPackageError(UserError):
    """The file is not a readable exchange package; nothing was written."""


def _future(stamp: datetime) -> BadPackageError:
    when = "遥远的未来" if stamp.year > 2100 else f"{stamp:%Y-%m-%d}"
    return BadPackageError(f"交换包中有时间为{when}的记录，晚于本机时间一天以上：对方或本机电脑的日期设置有误，"
                           "未导入任何数据。请校准电脑日期后让对方重新导出。")


def _member_kind(name: str) -> str | None:
    """What a member of a package is ("manifest", "deletions", "records", "file"), or None for a stranger."""
    if name == "manifest.json":
        return "manifest"
    if name == DELETIONS_MEMBER:
        return "deletions"
    folder, _, rest = name.partition("/")
    if folder == "records" and rest.endswith(".json") and rest.removesuffix(".json") in package_tables():
        return "records"
    if folder == "attachments" and is_sha256(rest):
        return "file"
    return None


def _read_limited(src: IO[bytes], limit: int) -> bytes:
    """At most `limit` bytes (ValueError past it), whatever the zip's directory declared."""
    data = src.read(limit + 1)
    if len(data) > limit:
        raise ValueError("member larger than allowed")
    return data


def member_lines(raw: IO[bytes]) -> Generator[bytes, None, None]:
    """The rest of a member a line at a time (without its newline), read a block at a time: ZipExtFile.readline per
    row was a twentieth of importing a full package (issue 23). ValueError for a line of ROW_BYTES or more, before
    more of it is read. Close it (or read it to the end) before closing `raw`: a thread reads `raw` ahead of it."""
    rest: list[bytes] = []  # the start of a line whose end is not read yet, in pieces (joined once: no re-copying)
    rest_bytes = 0
    # Inflated and checked on a thread of its own while the rows of the block before are read (background_io).
    with closing(blocks_read_ahead(raw, READ_BLOCK)) as blocks:
        for block in blocks:
            if b"\n" not in block:
                rest.append(block)
                rest_bytes += len(block)
                if rest_bytes >= ROW_BYTES:
                    raise ValueError("row")  # a row longer than any real one
                continue
            lines = b"".join([*rest, block]).split(b"\n")
            last = lines.pop()
            for line in lines:
                if len(line) >= ROW_BYTES:
                    raise ValueError("row")
                yield line
            rest, rest_bytes = [last], len(last)
            if rest_bytes >= ROW_BYTES:
                raise ValueError("row")
    if rest_bytes:
        yield b"".join(rest)


_JSON_NUL = b"\\u0000"  # the only way a NUL character gets into a JSON string (a raw one is not JSON)


def row_json(text: bytes) -> tuple[Any, bool]:
    """json.loads(text.removesuffix(b",")) for a row's line, and whether a string in it may hold a NUL character.

    A line as exports write it (`{"...},` in UTF-8) is read by orjson, three times faster. What orjson takes is
    what json takes, with the same values, except numbers beyond 64 bits (a float, where json makes an int): no
    reader takes either kind, and both are true where only truth is asked (an empty "refs"). What orjson refuses
    (NaN, lone surrogates, nesting past 1024, ...) and any other line goes to json.loads, which decides: json takes
    some of it. Raises what json.loads raises."""
    if text.startswith(b'{"'):  # json.loads reads such bytes as UTF-8 (its detect_encoding), as orjson does
        try:
            data = orjson.loads(text[:-1] if text.endswith(b",") else text)
        except orjson.JSONDecodeError:
            pass
        else:
            return data, _JSON_NUL in text
    return json.loads(text.removesuffix(b",")), True


def _line_chunks(table: str, member: str, lines: Iterator[bytes]) -> Iterator[list[PortableRow]]:
    """The rows of a member's lines after its opening `[`, a chunk at a time (ValueError for anything but a row per
    line and the closing `]`, or a member cut off)."""
    closed = ended = False
    while not ended:
        chunk: list[PortableRow] = []
        # The collector held while a chunk is made (never across a yield): rows hold no cycles, and its runs
        # while thousands of new objects pile up were a fifth of reading them (issue 23). Counted with an
        # import's own hold (gc_hold), so neither turns it back on under the other.
        with gc_hold.held():
            for line in lines:
                text = line.strip()
                if closed or not text:
                    raise ValueError(member)  # nothing may follow the closing bracket, and no blank lines
                if text == b"]":
                    closed = True
                    continue
                data, may_hold_nul = row_json(text)
                chunk.append(PortableRow.from_json(table, data, may_hold_nul=may_hold_nul))
                if len(chunk) == ROW_CHUNK:
                    break
            else:
                ended = True
        if ended and not closed:
            raise ValueError(member)  # cut off
        if chunk:
            yield chunk


@dataclass
class Package:
    """An open package whose manifest and deletions were checked; rows and files are read on demand."""

    path: Path
    zf: zipfile.ZipFile
    manifest: dict[str, Any]
    deletions: list[Deletion] = field(default_factory=list)
    latest: datetime = field(default_factory=latest_allowed)  # no stamp in the package may be later

    @property
    def station(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["station_uuid"])

    @property
    def exported_at(self) -> datetime:
        return checked_stamp(self.manifest["exported_at"], self.latest)

    @property
    def with_personal_data(self) -> bool:
        return self.manifest["with_personal_data"] is True

    def damaged(self) -> BadPackageError:
        return BadPackageError(f"交换包“{self.path.name}”已损坏或不完整，未导入任何数据。请让对方重新导出。")

    def refusal(self, exc: BaseException) -> BadPackageError:
        """The Chinese refusal for something wrong found while reading."""
        if isinstance(exc, FutureStamp):
            return _future(exc.stamp)
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            return BadPackageError(f"无法读取交换包“{self.path}”（{exc.strerror or '读取出错'}），未导入任何数据。")
        return self.damaged()

    def rows(self, table: str) -> Iterator[list[PortableRow]]:
        """The table's rows, a chunk at a time; BadPackageError on a damaged member or a stamp in the future (errors
        of the caller's own work between chunks pass through as they are)."""
        chunks = self._parse(table)
        latest = self.latest
        while True:
            try:
                chunk = next(chunks)
                for row in chunk:
                    if row.created_at > latest or row.updated_at > latest:  # checked_stamp's test, without a call
                        checked_stamp(row.created_at, latest)
                        checked_stamp(row.updated_at, latest)
            except StopIteration:
                return
            except (*DAMAGE, OSError) as exc:
                raise self.refusal(exc) from exc
            yield chunk

    def _parse(self, table: str) -> Iterator[list[PortableRow]]:
        member = f"records/{table}.json"
        if member not in self.zf.namelist():
            return
        with self.zf.open(member) as raw:
            first = raw.readline(ROW_BYTES)
            if first.strip() != b"[":
                # One JSON text on one line: an empty table, or a package written before rows went one per line.
                data = json.loads(first + _read_limited(raw, LEGACY_TABLE_BYTES))
                if not isinstance(data, list):
                    raise ValueError(member)
                for start in range(0, len(data), ROW_CHUNK):
                    yield [PortableRow.from_json(table, r) for r in data[start:start + ROW_CHUNK]]
                return
            with closing(member_lines(raw)) as lines:  # its reading thread ends before `raw` closes
                yield from _line_chunks(table, member, lines)

    def _wanted_files(self) -> set[str]:
        """The hashes the package's attachment rows name: the only files it may bring."""
        return {str(row.fields["sha256"]) for chunk in self.rows("attachments") for row in chunk}

    def store_files(self, ctx: AppContext, added: list[str]) -> int:
        """Copy the attachments in, each checked against its hash before it takes its name; returns new ones.

        Each hash newly stored is appended to `added` as soon as it is there, so a caller whose import then fails
        can take them out again (remove_new_files). Sizes are checked as the zip declares them before anything is
        written, and again as the bytes are read (a declared size can lie).
        """
        wanted = self._wanted_files()
        members = [(info, info.filename.split("/", 1)[1]) for info in self.zf.infolist()
                   if _member_kind(info.filename) == "file"]
        if any(sha not in wanted for _info, sha in members):
            raise self.damaged()  # a file no record of the package points at: not what an export writes
        new = [(info, sha) for info, sha in members if not stored_path(ctx, sha).exists()]
        _check_room(ctx, sum(info.file_size for info, _sha in new))
        for info, sha in new:
            try:
                with self.zf.open(info) as src:
                    _sha, _size, created = copy_into_store(ctx, src, name=info.filename, max_bytes=MAX_BYTES,
                                                           expected_sha=sha)
            except (*DAMAGE, OSError) as exc:  # a bad CRC, a broken stream, content that does not match its name
                raise self.refusal(exc) from exc
            if created:
                added.append(sha)
        return len(added)


def _check_room(ctx: AppContext, total: int) -> None:
    """Refuse a package whose files would pass the per-package limit or fill the disk of the store."""
    root = attachments_root(ctx, for_writing=True)
    probe = root if root.exists() else root.parent
    free = shutil.disk_usage(probe).free if probe.exists() else None
    if total > PACKAGE_FILES_BYTES or (free is not None and total > free - STORE_RESERVE):
        raise BadPackageError(f"交换包中的附件共 {total / 1024**3:.1f} GB，超过一次导入的上限或本机磁盘的剩余空间，"
                              "未导入任何数据。请让对方用 --since 分批导出，或先清理磁盘。")


def remove_new_files(ctx: AppContext, added: list[str]) -> None:
    """Take out of the store the files an import that failed had added, unless a record points at one meanwhile."""
    if not added:
        return
    with ctx.db.session() as s:
        used = set(s.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(added))))
    for sha in added:
        if sha not in used:
            stored_path(ctx, sha).unlink(missing_ok=True)
    added.clear()


@contextmanager
def open_package(path: str | os.PathLike[str]) -> Iterator[Package]:
    """Open a package and check its manifest and deletions; BadPackageError (Chinese) on anything wrong."""
    p = Path(path).expanduser()
    if not p.is_file():
        raise BadPackageError(f"找不到交换包文件“{p}”。")
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, *DAMAGE) as exc:
        raise BadPackageError(f"“{p.name}”不是 zip 文件，不是台账交换包，未导入任何数据。") from exc
    except OSError as exc:
        raise BadPackageError(f"无法读取交换包“{p}”（{exc.strerror or '读取出错'}），未导入任何数据。") from exc
    with zf:
        yield _checked(p, zf)


def _check_members(package: Package) -> None:
    """Every member one an export writes, once, readable without a password, of a sane size."""
    infos = package.zf.infolist()
    names = [i.filename for i in infos]
    if len(set(names)) != len(names) or any(_member_kind(n) is None for n in names):
        raise package.damaged()  # a second copy of a member, or a stranger (../x, /etc/x, anything else)
    if any(i.flag_bits & 0x1 for i in infos):
        raise BadPackageError(f"交换包“{package.path.name}”中的文件已加密，无法读取，未导入任何数据。"
                              "台账导出的交换包从不加密，请让对方重新导出。")
    limits = {"manifest": MANIFEST_BYTES, "deletions": DELETIONS_BYTES, "file": MAX_BYTES}
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise package.damaged()
        limit = limits.get(_member_kind(info.filename) or "")
        if limit is not None and info.file_size > limit:
            raise package.damaged()


def _checked(p: Path, zf: zipfile.ZipFile) -> Package:
    package = Package(path=p, zf=zf, manifest={})
    try:
        if "manifest.json" not in zf.namelist():
            raise BadPackageError(f"“{p.name}”不是台账交换包（缺少清单），未导入任何数据。")
        _check_members(package)
        with zf.open("manifest.json") as raw:
            manifest = json.loads(_read_limited(raw, MANIFEST_BYTES))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BadPackageError(f"“{p.name}”不是台账交换包，未导入任何数据。")
        version = manifest.get("format_version")
        if isinstance(version, bool) or version != FORMAT_VERSION:
            shown = version if isinstance(version, int) and not isinstance(version, bool) else "未知"
            raise BadPackageError(f"交换包格式版本为 {shown}，本程序只能读取版本 {FORMAT_VERSION}。"
                                  "请双方使用相同版本的台账程序后重新导出。")
        check_manifest(manifest, package.latest)
        gone: Any = []
        if DELETIONS_MEMBER in zf.namelist():
            with zf.open(DELETIONS_MEMBER) as raw:
                gone = json.loads(_read_limited(raw, DELETIONS_BYTES))
        if not isinstance(gone, list):
            raise ValueError(DELETIONS_MEMBER)
        deletions = [Deletion.from_json(d) for d in gone]
        for d in deletions:
            checked_stamp(d.deleted_at, package.latest)
            checked_stamp(d.updated_at, package.latest)
        package.manifest, package.deletions = manifest, deletions
    except (*DAMAGE, OSError) as exc:
        raise package.refusal(exc) from exc
    return package
