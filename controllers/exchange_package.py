"""Reading an exchange package: its manifest and deletions up front, its rows and files as they are applied.

A whole station's book is close to a million rows: read whole, it took 3.4 GB to import. Rows are read a chunk at a
time from the open zip (each table's JSON array holds a row per line, see exchange_export.write_rows) and
attachments are copied to disk as they are read, each checked against its SHA-256 name. Whatever is wrong with the
package surfaces as BadPackageError (Chinese); the caller applies everything in one transaction, so a package
found bad halfway changes nothing.
"""

from __future__ import annotations

import json
import os
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from controllers.app import AppContext
from controllers.attachments import copy_into_store, stored_path
from controllers.errors import UserError
from controllers.exchange_deletions import Deletion
from controllers.exchange_export import DELETIONS_MEMBER, FORMAT, FORMAT_VERSION
from controllers.exchange_schema import PortableRow

ROW_CHUNK = 2000
# What a damaged or hand-edited package raises while it is read (zipfile reports a bad CRC as BadZipFile).
DAMAGE = (ValueError, TypeError, KeyError, AttributeError, zipfile.BadZipFile, zipfile.LargeZipFile)


class BadPackageError(UserError):
    """The file is not a readable exchange package; nothing was written."""


@dataclass
class Package:
    """An open package whose manifest and deletions were checked; rows and files are read on demand."""

    path: Path
    zf: zipfile.ZipFile
    manifest: dict[str, Any]
    deletions: list[Deletion] = field(default_factory=list)

    @property
    def station(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["station_uuid"])

    @property
    def exported_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["exported_at"])

    def damaged(self) -> BadPackageError:
        return BadPackageError(f"交换包“{self.path.name}”已损坏或不完整，未导入任何数据。请让对方重新导出。")

    def rows(self, table: str) -> Iterator[list[PortableRow]]:
        """The table's rows, a chunk at a time; BadPackageError on a damaged member (errors of the caller's own
        work between chunks pass through as they are)."""
        chunks = self._parse(table)
        while True:
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            except DAMAGE as exc:
                raise self.damaged() from exc
            except OSError as exc:
                raise BadPackageError(f"无法读取交换包“{self.path}”（{exc.strerror or exc}）。") from exc
            yield chunk

    def _parse(self, table: str) -> Iterator[list[PortableRow]]:
        member = f"records/{table}.json"
        if member not in self.zf.namelist():
            return
        with self.zf.open(member) as raw:
            first = raw.readline()
            if first.strip() != b"[":
                # One JSON text on one line: an empty table, or a package written before rows went one per line.
                data = json.loads(first + raw.read())
                if not isinstance(data, list):
                    raise ValueError(member)
                for start in range(0, len(data), ROW_CHUNK):
                    yield [PortableRow.from_json(table, r) for r in data[start:start + ROW_CHUNK]]
                return
            chunk: list[PortableRow] = []
            closed = False
            for line in raw:
                text = line.strip()
                if closed or not text:
                    raise ValueError(member)  # nothing may follow the closing bracket, and no blank lines
                if text == b"]":
                    closed = True
                    continue
                chunk.append(PortableRow.from_json(table, json.loads(text.removesuffix(b","))))
                if len(chunk) == ROW_CHUNK:
                    yield chunk
                    chunk = []
            if not closed:
                raise ValueError(member)  # cut off
            if chunk:
                yield chunk

    def store_files(self, ctx: AppContext) -> int:
        """Copy the attachments in, each checked against its hash before it takes its name; returns new ones.

        Content-addressed, so harmless if the database part then fails: nothing points at a file until its row does.
        """
        written = 0
        for name in self.zf.namelist():
            if not name.startswith("attachments/") or name == "attachments/":
                continue
            sha = name.split("/", 1)[1]
            if stored_path(ctx, sha).exists():
                continue
            try:
                with self.zf.open(name) as src:
                    copy_into_store(ctx, src, name=name, expected_sha=sha)
            except DAMAGE as exc:  # a bad CRC, or content that does not match its name
                raise self.damaged() from exc
            written += 1
        return written


@contextmanager
def open_package(path: str | os.PathLike[str]) -> Iterator[Package]:
    """Open a package and check its manifest and deletions; BadPackageError (Chinese) on anything wrong."""
    p = Path(path).expanduser()
    if not p.is_file():
        raise BadPackageError(f"找不到交换包文件“{p}”。")
    try:
        zf = zipfile.ZipFile(p)
    except zipfile.BadZipFile as exc:
        raise BadPackageError(f"“{p.name}”不是 zip 文件，不是台账交换包，未导入任何数据。") from exc
    except OSError as exc:
        raise BadPackageError(f"无法读取交换包“{p}”（{exc.strerror or exc}）。") from exc
    with zf:
        yield _checked(p, zf)


def _checked(p: Path, zf: zipfile.ZipFile) -> Package:
    names = set(zf.namelist())
    if "manifest.json" not in names:
        raise BadPackageError(f"“{p.name}”不是台账交换包（缺少清单），未导入任何数据。")
    package = Package(path=p, zf=zf, manifest={})
    try:
        manifest = json.loads(zf.read("manifest.json"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BadPackageError(f"“{p.name}”不是台账交换包，未导入任何数据。")
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise BadPackageError(f"交换包格式版本为 {version}，本程序只能读取版本 {FORMAT_VERSION}。"
                                  "请双方使用相同版本的台账程序后重新导出。")
        uuid.UUID(manifest["station_uuid"])
        datetime.fromisoformat(manifest["exported_at"])
        gone = json.loads(zf.read(DELETIONS_MEMBER)) if DELETIONS_MEMBER in names else []
        if not isinstance(gone, list):
            raise ValueError(DELETIONS_MEMBER)
        package.manifest, package.deletions = manifest, [Deletion.from_json(d) for d in gone]
    except DAMAGE as exc:
        raise package.damaged() from exc
    return package

