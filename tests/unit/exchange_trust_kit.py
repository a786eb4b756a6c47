"""Helpers for the issue-16 package tests: a package with a photo, rewriting one member of it, and the check that a
refused import leaves the database, the attachment store and the backups folder exactly as they were."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.storage import attachments
from models.cases import Case
from tests.unit.bad_input_kit import attempt
from tests.unit.exchange_kit import some_work

PHOTO = b"\x89PNG\r\n\x1a\n" + b"issue-16 evidence" * 8


def package_with_photo(ctx: AppContext, folder: Path, **options: Any) -> Path:
    """some_work with a photo attached to the case, exported to folder/good.zip."""
    ids = some_work(ctx)
    photo = folder / "现场.png"
    photo.write_bytes(PHOTO)
    with ctx.db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.uuid == ids["case"]))
    attachments.store_attachment(ctx, source_path=photo, owner="case", owner_id=case_id, kind="整改前")
    path = folder / "good.zip"
    exchange_export.export_package(ctx, path, **options)
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, content: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    items = content.items() if isinstance(content, dict) else content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
    return path


def with_manifest(good: Path, dst: Path, change: Callable[[dict[str, Any]], Any]) -> Path:
    content = members(good)
    manifest = json.loads(content["manifest.json"])
    change(manifest)
    content["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    return write_zip(dst, content)


def with_rows(good: Path, dst: Path, table: str, change: Callable[[list[dict[str, Any]]], Any]) -> Path:
    content = members(good)
    rows = json.loads(content[f"records/{table}.json"])
    change(rows)
    content[f"records/{table}.json"] = json.dumps(rows, ensure_ascii=False).encode()
    return write_zip(dst, content)


def files_of(ctx: AppContext) -> set[str]:
    """Every file in the attachment store and the backups folder (what an import may add)."""
    out = set()
    for folder in (ctx.data_dir.attachments, ctx.data_dir.backups):
        if folder.is_dir():
            out |= {str(p.relative_to(ctx.data_dir.root)) for p in folder.rglob("*") if p.is_file()}
    return out


def import_or_refuse(ctx: AppContext, path: Path, *given: Any) -> exchange_import.ImportResult | None:
    """Import; on a refusal check the message is Chinese and that neither the database nor a file changed."""
    before = files_of(ctx)
    result = attempt(ctx, lambda: exchange_import.import_package(ctx, path), *given)
    if result is None:
        assert files_of(ctx) == before, "a refused package left files behind"
    return result
