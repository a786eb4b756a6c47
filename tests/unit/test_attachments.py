"""Evidence store: files kept once under their hash, originals untouched, limits, tamper detection."""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from controllers.core.errors import NotFoundError, ValidationError
from controllers.storage import attachments as att
from models.cases import Case, CaseEvent
from models.reference import Category, Estate, Street


def tiny_png(color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid 2x2 PNG, different bytes for different colours."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(color) * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def case_id(app_ctx) -> int:
    with app_ctx.db.session() as s:
        street = s.scalars(select(Street).order_by(Street.id)).first()
        category = s.scalars(select(Category).order_by(Category.id)).first()
        estate = Estate(name="测试小区", street=street)
        s.add(estate)
        s.flush()
        case = Case(
            number="2025-测试-0001", year=2025, street_id=street.id, seq=1, category_id=category.id,
            estate_id=estate.id, source="巡查发现", found_date=date(2025, 3, 5), facts="事实",
        )
        s.add(case)
        s.flush()
        return case.id


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "before.png"
    path.write_bytes(tiny_png())
    return path


def test_stores_copy_under_its_hash_and_leaves_original_alone(app_ctx, case_id, photo):
    original = photo.read_bytes()
    mtime = photo.stat().st_mtime_ns
    info = att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="整改前")
    sha = hashlib.sha256(original).hexdigest()
    assert info.sha256 == sha
    assert info.is_image and info.kind == "整改前" and info.filename == "before.png"
    stored = app_ctx.data_dir.attachments / sha[:2] / sha
    assert stored.read_bytes() == original
    assert photo.read_bytes() == original and photo.stat().st_mtime_ns == mtime
    assert att.open_attachment_path(app_ctx, info.id) == stored
    assert [a.id for a in att.list_attachments(app_ctx, owner="case", owner_id=case_id)] == [info.id]
    # no temporary files left behind
    assert not list(app_ctx.data_dir.attachments.glob(".incoming-*"))


def test_adding_evidence_shows_on_the_case_timeline(app_ctx, case_id, photo):
    att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="整改后")
    with app_ctx.db.session() as s:
        notes = s.scalars(select(CaseEvent.note).where(CaseEvent.case_id == case_id, CaseEvent.kind == "附件")).all()
    assert notes == ["添加附件“before.png”（整改后）"]


def test_same_file_twice_is_stored_once(app_ctx, case_id, photo, tmp_path):
    copy = tmp_path / "same-content.png"
    copy.write_bytes(photo.read_bytes())
    with app_ctx.db.session() as s:
        street_id, category_id, estate_id = s.execute(select(Case.street_id, Case.category_id, Case.estate_id)).one()
        other = Case(number="2025-测试-0002", year=2025, street_id=street_id, seq=2, category_id=category_id,
                     estate_id=estate_id, source="巡查发现", found_date=date(2025, 3, 6), facts="")
        s.add(other)
        s.flush()
        other_id = other.id
    a = att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="证据")
    again = att.store_attachment(app_ctx, source_path=copy, owner="case", owner_id=case_id, kind="证据")
    b = att.store_attachment(app_ctx, source_path=copy, owner="case", owner_id=other_id, kind="证据")
    assert again.id == a.id  # same owner, same content: one row
    assert b.id != a.id and b.sha256 == a.sha256
    files = [p for p in app_ctx.data_dir.attachments.rglob("*") if p.is_file()]
    assert len(files) == 1
    # removing one row keeps the file the other row still uses; removing the last deletes it
    att.remove_attachment(app_ctx, a.id)
    assert att.open_attachment_path(app_ctx, b.id).is_file()
    att.remove_attachment(app_ctx, b.id)
    assert not [p for p in app_ctx.data_dir.attachments.rglob("*") if p.is_file()]
    with pytest.raises(NotFoundError):
        att.open_attachment_path(app_ctx, b.id)


def test_refuses_files_over_50_mb(app_ctx, case_id, tmp_path):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(att.MAX_BYTES + 1)  # sparse: no real disk use
    with pytest.raises(ValidationError) as exc:
        att.store_attachment(app_ctx, source_path=big, owner="case", owner_id=case_id, kind="证据")
    assert "50 MB" in exc.value.message
    assert not [p for p in app_ctx.data_dir.attachments.rglob("*") if p.is_file()]


def test_exactly_50_mb_is_accepted(app_ctx, case_id, tmp_path):
    edge = tmp_path / "edge.pdf"
    with edge.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(att.MAX_BYTES)
    info = att.store_attachment(app_ctx, source_path=edge, owner="case", owner_id=case_id, kind="材料")
    assert info.size_bytes == att.MAX_BYTES and info.mime_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notes.docx", b"PK\x03\x04", "只能添加 JPG、PNG 照片或 PDF"),
        ("video.mp4", b"\x00\x00\x00\x18ftyp", "只能添加 JPG、PNG 照片或 PDF"),
        ("fake.jpg", b"%PDF-1.4 not a jpeg", "内容不是它的扩展名所说的类型"),
    ],
)
def test_refuses_wrong_types_with_a_chinese_message(app_ctx, case_id, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError) as exc:
        att.store_attachment(app_ctx, source_path=path, owner="case", owner_id=case_id, kind="证据")
    assert words in exc.value.message


def test_upper_case_extension_and_jpeg_accepted(app_ctx, case_id, tmp_path):
    path = tmp_path / "IMG_0001.JPG"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 100)
    info = att.store_attachment(app_ctx, source_path=path, owner="case", owner_id=case_id, kind="照片")
    assert info.mime_type == "image/jpeg"


def test_missing_source_and_unknown_owner(app_ctx, case_id, tmp_path, photo):
    with pytest.raises(ValidationError):
        att.store_attachment(app_ctx, source_path=tmp_path / "gone.png", owner="case", owner_id=case_id, kind="证据")
    with pytest.raises(NotFoundError):
        att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=999, kind="证据")
    with pytest.raises(NotFoundError):
        att.store_attachment(app_ctx, source_path=photo, owner="training", owner_id=1, kind="材料")
    with pytest.raises(ValidationError):
        att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="不存在的类别")


def _writable(path: Path) -> None:
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_a_changed_stored_file_is_reported_not_shown(app_ctx, case_id, photo):
    info = att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="证据")
    stored = att.stored_path(app_ctx, info.sha256)
    _writable(stored)
    stored.write_bytes(tiny_png((0, 255, 0)))
    with pytest.raises(att.TamperedError) as exc:
        att.open_attachment_path(app_ctx, info.id)
    assert "已被改动" in exc.value.message


def test_a_missing_stored_file_is_reported(app_ctx, case_id, photo):
    info = att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="证据")
    att.stored_path(app_ctx, info.sha256).unlink()
    with pytest.raises(att.TamperedError) as exc:
        att.open_attachment_path(app_ctx, info.id)
    assert "丢失" in exc.value.message


def test_retag_before_after(app_ctx, case_id, photo):
    info = att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case_id, kind="证据")
    changed = att.set_attachment_kind(app_ctx, info.id, kind="整改后", caption=" 东侧 ")
    assert (changed.kind, changed.caption) == ("整改后", "东侧")
    assert att.list_attachments(app_ctx, owner="case", owner_id=case_id)[0].kind == "整改后"
