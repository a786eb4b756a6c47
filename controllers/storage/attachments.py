"""Evidence and material files: stored once under their SHA-256 in the data directory, re-hashed when opened.

Used by cases (photos, documents), trainings (materials, photos), meetings and patrols' findings. A file is
copied, never moved or changed: the original stays where the user had it. The stored copy lives at
``attachments/<sha[:2]>/<sha>`` (in street server mode under the shared folder named in 设置: see
server_config.attachments_root) and is written through a temporary file and an atomic rename, so a crash
never leaves half a file under a real hash. Adding the same content twice keeps one stored copy; adding it
twice to the same owner returns the row already there. Opening re-hashes the copy: a changed or missing
file raises TamperedError and is never shown.
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, UserError, ValidationError
from controllers.core.permissions import require, requires
from controllers.storage.server_config import attachments_root
from models.cases import Attachment, Case, CaseEvent
from models.enums import ATTACHMENT_KINDS
from models.inspections import PatrolCheck
from models.meetings import Meeting
from models.trainings import Training

log = logging.getLogger(__name__)

Owner = Literal["case", "training", "meeting", "finding"]

MAX_BYTES = 50 * 1024 * 1024
# Extension -> (MIME type, accepted leading bytes): the content must match what the name claims.
FILE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "pdf": ("application/pdf", (b"%PDF-",)),
}
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})
_CHUNK = 1024 * 1024
_OWNERS: dict[str, tuple[type, str, str]] = {
    # owner kind -> (model, foreign-key column on Attachment, noun in messages)
    "case": (Case, "case_id", "案件"),
    "training": (Training, "training_id", "培训记录"),
    "meeting": (Meeting, "meeting_id", "会议记录"),
    # A patrol's finding (a 发现问题 checklist line): its photos go with it into the case it becomes.
    "finding": (PatrolCheck, "patrol_check_id", "巡查发现"),
}


class TamperedError(UserError):
    """The stored copy no longer matches the hash recorded when it was added (changed or missing)."""


@dataclass(frozen=True)
class AttachmentInfo:
    """One attached file as lists and viewers need it."""

    id: int
    owner: str
    owner_id: int
    sha256: str
    filename: str
    mime_type: str | None
    size_bytes: int
    kind: str
    caption: str | None
    created_at: datetime

    @property
    def is_image(self) -> bool:
        return self.mime_type in IMAGE_TYPES


# A stored hash is exactly 64 lowercase hex characters. Anything else (a path, "../x", an absolute name) would make
# the store read, copy or delete a file outside it, so every path into the store is built through store_relpath.
_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_sha256(value: object) -> bool:
    """True for a well-formed stored hash (64 lowercase hex characters), the only thing a store path is built from."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def store_relpath(sha256: str) -> PurePosixPath:
    """``<sha[:2]>/<sha>`` inside the store; raises ValueError for anything that is not a well-formed hash."""
    if not is_sha256(sha256):
        raise ValueError("not a stored file hash")
    return PurePosixPath(sha256[:2], sha256)


def open_in_store(root: Path, sha256: str) -> io.BufferedReader:
    """Open the stored copy under `root` for reading without ever leaving the store.

    ValueError for a malformed hash; OSError when the copy is missing, is a link (a link in the store could point
    anywhere on the disk) or is not a regular file (a device or a FIFO would never end).
    """
    relpath = store_relpath(sha256)
    if (root / relpath.parts[0]).is_symlink() or (root / relpath).is_symlink():
        raise OSError(errno.ELOOP, "link in the attachment store")
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; regular files ignore it.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(root / relpath, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file")
    return io.open(fd, "rb")  # noqa: UP020 - typed as BufferedReader (hashlib.file_digest wants readinto)


def hash_in_store(root: Path, sha256: str) -> str:
    """The SHA-256 of the stored copy (read through open_in_store); raises as it does."""
    with open_in_store(root, sha256) as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def damaged_record_message(filename: str) -> str:
    """A row whose hash is not a hash (a crafted package or backup, an edited database): never used as a path."""
    return (f"附件“{filename}”的记录已损坏（文件标识无效），无法打开，也不会读取或删除任何文件。"
            "可以删除这条附件记录后重新添加原件。")


def stored_path(ctx: AppContext, sha256: str, *, for_writing: bool = False) -> Path:
    """Where the copy of a file with this hash lives (the data dir's, or in server mode the shared, folder)."""
    return attachments_root(ctx, for_writing=for_writing) / store_relpath(sha256)


def _owner_column(owner: str) -> Any:
    if owner not in _OWNERS:
        raise ValueError(f"unknown attachment owner {owner!r}")
    return getattr(Attachment, _OWNERS[owner][1])


def _check_owner(s: Session, owner: str, owner_id: int) -> None:
    model, _col, noun = _OWNERS[owner]
    if s.get(model, owner_id) is None:
        raise NotFoundError(f"找不到该{noun}，可能已被删除。请刷新后重试。")


def _info(row: Attachment) -> AttachmentInfo:
    owner, owner_id = next(
        (kind, getattr(row, col)) for kind, (_m, col, _n) in _OWNERS.items() if getattr(row, col) is not None
    )
    return AttachmentInfo(
        id=row.id,
        owner=owner,
        owner_id=owner_id,
        sha256=row.sha256,
        filename=row.filename,
        mime_type=row.mime_type,
        size_bytes=row.size_bytes,
        kind=row.kind,
        caption=row.caption,
        created_at=row.created_at,
    )


def _check_source(path: Path) -> str:
    """Refuse missing, oversized and unsupported files before reading them; return the MIME type."""
    ext = path.suffix.lower().lstrip(".")
    if ext not in FILE_TYPES:
        raise ValidationError(
            f"不支持“{path.name}”这种文件。只能添加 JPG、PNG 照片或 PDF 文件。", field="source_path"
        )
    try:
        size = path.stat().st_size
    except OSError:
        raise ValidationError(f"找不到文件“{path.name}”或无法读取，请重新选择。", field="source_path") from None
    if not path.is_file():
        raise ValidationError(f"“{path.name}”不是文件，请重新选择。", field="source_path")
    if size > MAX_BYTES:
        raise ValidationError(
            f"文件“{path.name}”有 {size / 1024 / 1024:.1f} MB，超过 50 MB 的上限。请压缩或缩小后再添加。",
            field="source_path",
        )
    mime, magics = FILE_TYPES[ext]
    with path.open("rb") as fh:
        head = fh.read(16)
    if not any(head.startswith(m) for m in magics):
        raise ValidationError(
            f"文件“{path.name}”的内容不是它的扩展名所说的类型（可能已损坏或改了扩展名），请检查后重新选择。",
            field="source_path",
        )
    return mime


def _copy_in(ctx: AppContext, source: Path) -> tuple[str, int, bool]:
    """Copy a chosen file into the store while hashing it; returns (sha256, size, newly stored)."""
    with source.open("rb") as src:
        return copy_into_store(ctx, src, name=source.name, max_bytes=MAX_BYTES)


def copy_into_store(ctx: AppContext, src: IO[bytes], *, name: str, max_bytes: int | None = None,
                    expected_sha: str | None = None) -> tuple[str, int, bool]:
    """Copy a stream into the store while hashing it, durably and read-only; returns (sha256, size, newly stored).

    `expected_sha`: the hash the content must have (a file arriving under its hash, from an exchange package);
    ValueError, and nothing stored, when it does not.
    """
    root = attachments_root(ctx, for_writing=True)
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=root)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as dst:
            while chunk := src.read(_CHUNK):
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:  # the file grew after the check
                    raise ValidationError(f"文件“{name}”超过 50 MB 的上限。", field="source_path")
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        sha = digest.hexdigest()
        if expected_sha is not None and sha != expected_sha:
            raise ValueError(f"{name}: content does not match its hash")
        final = root / store_relpath(sha)
        if final.exists():
            tmp.unlink()
            return sha, size, False
        final.parent.mkdir(exist_ok=True)
        # Read-only: a stored copy is evidence; nothing in the app ever writes to it again.
        tmp.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, final)
        return sha, size, True
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _case_event(s: Session, owner: str, owner_id: int, note: str, actor: str) -> None:
    # Evidence is part of the case record, so adding or removing it shows on the case's timeline.
    if owner == "case":
        s.add(CaseEvent(case_id=owner_id, actor=actor, kind="附件", note=note))


_EDIT_PERMISSION = {"case": "edit_cases", "training": "edit_trainings", "meeting": "edit_meetings",
                    "finding": "edit_patrols"}


def _require_owner_edit(ctx: AppContext, owner: str) -> None:
    """Changing evidence is changing its record: the case, training or meeting permission decides."""
    require(ctx, _EDIT_PERMISSION[owner])


def store_attachment(
    ctx: AppContext,
    *,
    source_path: str | os.PathLike[str],
    owner: Owner,
    owner_id: int,
    kind: str,
    caption: str | None = None,
) -> AttachmentInfo:
    """Copy a jpg/png/pdf (at most 50 MB) into the store and attach it to a case, training or meeting."""
    column = _owner_column(owner)
    _require_owner_edit(ctx, owner)
    if kind not in ATTACHMENT_KINDS:
        raise ValidationError(f"附件类别应为：{'、'.join(ATTACHMENT_KINDS)}。", field="kind")
    caption = (caption or "").strip() or None
    if caption is not None and len(caption) > 200:
        raise ValidationError("附件说明不能超过 200 个字。", field="caption")
    source = Path(source_path)
    mime = _check_source(source)
    with ctx.db.session() as s:
        _check_owner(s, owner, owner_id)
    sha, size, created = _copy_in(ctx, source)
    try:
        with ctx.db.session() as s:
            _check_owner(s, owner, owner_id)
            existing = s.scalar(select(Attachment).where(column == owner_id, Attachment.sha256 == sha).limit(1))
            if existing is not None:
                return _info(existing)
            row = Attachment(
                sha256=sha, filename=source.name[:255], mime_type=mime, size_bytes=size, kind=kind, caption=caption
            )
            setattr(row, _OWNERS[owner][1], owner_id)
            s.add(row)
            _case_event(s, owner, owner_id, f"添加附件“{source.name}”（{kind}）", ctx.actor)
            s.flush()
            return _info(row)
    except BaseException:
        if created:
            _discard_if_unused(ctx, sha)
        raise


@requires("view")
def list_attachments(ctx: AppContext, *, owner: Owner, owner_id: int) -> list[AttachmentInfo]:
    """The owner's files, oldest first."""
    with ctx.db.session() as s:
        return owner_attachments(s, owner=owner, owner_id=owner_id)


def owner_attachments(s: Session, *, owner: Owner, owner_id: int) -> list[AttachmentInfo]:
    """Like list_attachments, inside the caller's session (for controllers building a larger view)."""
    column = _owner_column(owner)
    rows = s.scalars(select(Attachment).where(column == owner_id).order_by(Attachment.created_at, Attachment.id))
    return [_info(r) for r in rows]


@requires("view")
def get_attachment(ctx: AppContext, attachment_id: int) -> AttachmentInfo:
    with ctx.db.session() as s:
        row = s.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError("找不到该附件，可能已被删除。请刷新后重试。")
        return _info(row)


@requires("view")
def open_attachment_path(ctx: AppContext, attachment_id: int) -> Path:
    """The stored copy's path, after checking its hash; raises TamperedError if it changed or vanished."""
    info = get_attachment(ctx, attachment_id)
    if not is_sha256(info.sha256):
        log.warning("attachment %s: malformed hash in its record", attachment_id)
        raise TamperedError(damaged_record_message(info.filename))
    root = attachments_root(ctx)
    try:
        actual = hash_in_store(root, info.sha256)
    except FileNotFoundError:
        log.warning("attachment %s: stored file missing", attachment_id)
        raise TamperedError(
            f"附件“{info.filename}”的存档文件已丢失，无法打开。请从备份恢复数据目录，或删除该附件后重新添加原件。"
        ) from None
    except OSError as exc:
        log.warning("attachment %s: stored file unreadable (%s)", attachment_id, exc.__class__.__name__)
        raise TamperedError(f"附件“{info.filename}”的存档文件无法读取（不是普通文件或无法访问），为保证证据真实"
                            "不予显示。请从备份恢复数据目录。") from None
    if actual != info.sha256:
        log.warning("attachment %s: stored file changed (hash mismatch)", attachment_id)
        raise TamperedError(
            f"附件“{info.filename}”的存档文件已被改动，与添加时不一致，为保证证据真实不予显示。"
            "请从备份恢复数据目录，或删除该附件后重新添加原件。"
        )
    return root / store_relpath(info.sha256)


@requires("view")
def set_attachment_kind(
    ctx: AppContext, attachment_id: int, *, kind: str, caption: str | None = None
) -> AttachmentInfo:
    """Re-tag a file (整改前 / 整改后...) and optionally change its caption."""
    if kind not in ATTACHMENT_KINDS:
        raise ValidationError(f"附件类别应为：{'、'.join(ATTACHMENT_KINDS)}。", field="kind")
    with ctx.db.session() as s:
        row = s.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError("找不到该附件，可能已被删除。请刷新后重试。")
        _require_owner_edit(ctx, _info(row).owner)
        if row.kind != kind:
            info = _info(row)
            _case_event(s, info.owner, info.owner_id, f"附件“{row.filename}”改为“{kind}”", ctx.actor)
            row.kind = kind
        if caption is not None:
            row.caption = caption.strip()[:200] or None
        s.flush()
        return _info(row)


@requires("view")
def remove_attachment(ctx: AppContext, attachment_id: int) -> None:
    """Detach a file; the stored copy is deleted only when no other record still uses the same content."""
    with ctx.db.session() as s:
        row = s.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError("找不到该附件，可能已被删除。请刷新后重试。")
        info = _info(row)
        _require_owner_edit(ctx, info.owner)
        _case_event(s, info.owner, info.owner_id, f"删除附件“{row.filename}”", ctx.actor)
        s.delete(row)
    _discard_if_unused(ctx, info.sha256)


def _discard_if_unused(ctx: AppContext, sha256: str) -> None:
    discard_unused(ctx, [sha256])


def files_of(s: Session, owner: str, owner_ids: Iterable[int]) -> set[str]:
    """The stored files (hashes) of these records' attachments, read before the records are deleted."""
    ids = list(owner_ids)
    if not ids:
        return set()
    return set(s.scalars(select(Attachment.sha256).where(_owner_column(owner).in_(ids))))


def discard_unused(ctx: AppContext, hashes: Iterable[str]) -> None:
    """Delete the stored copies no attachment uses any more. Call it after the deleting transaction committed,
    never inside it: a rollback would bring the rows back and they would point at files already gone."""
    wanted = []
    for sha256 in dict.fromkeys(hashes):
        if is_sha256(sha256):
            wanted.append(sha256)
        else:  # a damaged record names no file of ours: nothing to delete
            log.warning("removed an attachment record with a malformed hash; no file deleted")
    if not wanted:
        return
    with ctx.db.session() as s:
        used = set(s.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(wanted))))
    for sha256 in wanted:
        if sha256 in used:
            continue
        try:
            stored_path(ctx, sha256).unlink(missing_ok=True)
        except (OSError, UserError):  # the record is gone already; an unmounted shared folder keeps a stray file
            log.warning("could not delete unused attachment file %s", sha256[:12])
