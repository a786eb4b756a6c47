"""Import of 12345 work orders (.xlsx/.csv) into the complaint log: inspect, map, validate, import in one go.

All valid rows go in ONE transaction: an error in a row only skips that row, while a cancel or an
unexpected failure rolls everything back, so a file is never half-imported. The work-order number is the
key: importing the same file again changes nothing, and a status that moved on updates the complaint.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from controllers.complaints import import_rows as R
from controllers.complaints.import_write import Writer
from controllers.core.clock import local_now, utcnow
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, UserError, ValidationError
from controllers.core.permissions import requires
from controllers.documents import tabular
from controllers.documents.xlsx_writer import Column, write_table
from models.admin import Setting
from models.complaints import Complaint
from models.reference import Estate, EstateAlias, Street

log = logging.getLogger(__name__)

MAPPING_KEY_PREFIX = "import_mapping."
PREVIEW_ROWS = 20
CHUNK = 1000

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class ImportCancelled(UserError):
    """The user cancelled the import; nothing was imported."""

    def __init__(self) -> None:
        super().__init__("导入已取消，没有导入任何数据。")


@dataclass(frozen=True)
class PreviewRow:
    """One parsed row of the preview: values per field (FIELDS order) and the reason it would be refused."""

    row: int
    values: tuple[str, ...]
    reason: str | None


@dataclass(frozen=True)
class ImportPreview:
    """What the mapping step shows: the detected header, the proposed mapping and the first rows."""

    path: str
    file_name: str
    header_row: int  # the header's row number in the spreadsheet
    columns: tuple[str, ...]  # column labels as written in the header
    mapping: Mapping[str, int]  # proposed: the remembered one for this layout, else the detected one
    detected: Mapping[str, int]
    remembered: bool
    layout_key: str
    total_rows: int  # data rows below the header
    sample: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number, raw cells) of the first rows
    fields: tuple[R.ImportField, ...] = R.FIELDS

    def missing_required(self, mapping: Mapping[str, int] | None = None) -> list[str]:
        """Labels of required fields the mapping leaves without a column."""
        m = self.mapping if mapping is None else mapping
        return [R.LABELS[k] for k in R.REQUIRED if m.get(k) is None or m[k] < 0]


@dataclass(frozen=True)
class RowError:
    """A refused row: its row number in the spreadsheet and the Chinese reason."""

    row: int
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """The outcome of an import (or of a dry run, which rolls back and reports the same figures)."""

    source: str
    rows: int
    imported: int
    updated: int
    duplicates: int
    errors: tuple[RowError, ...]
    unmatched_estates: tuple[str, ...]
    repeats_found: int
    dry_run: bool = False
    complaint_ids: tuple[int, ...] = field(default=(), repr=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "imported": self.imported, "updated": self.updated, "duplicates": self.duplicates,
            "errors": [{"row": e.row, "reason": e.reason} for e in self.errors],
            "unmatched_estates": list(self.unmatched_estates), "repeats_found": self.repeats_found,
        }


# ---------------------------------------------------------------- the file and its layout


@dataclass(frozen=True)
class _Sheet:
    table: tabular.Table
    header_index: int
    header: list[Any]
    detected: dict[str, int]
    layout_key: str


def layout_key(header: Sequence[Any]) -> str:
    """Settings key of a header layout: the SHA-1 of its normalised header cells."""
    text = "\x1f".join(tabular.normalise_header(c) for c in header)
    return MAPPING_KEY_PREFIX + hashlib.sha1(text.encode("utf-8")).hexdigest()


def _open_sheet(path: str | os.PathLike[str]) -> _Sheet:
    table = tabular.read_table(path)
    if not table.rows:
        raise UserError(f"“{table.source}”中没有数据。")
    index, detected = tabular.detect_header(table.rows, R.SYNONYMS)
    if not any(k in detected for k in R.REQUIRED):
        raise UserError(f"“{table.source}”中找不到表头行：前 {tabular.HEADER_SEARCH_ROWS} 行里没有“工单编号”“受理时间”"
                        "“诉求内容”等列名。请确认这是 12345 工单导出表。")
    header = list(table.rows[index])
    return _Sheet(table, index, header, detected, layout_key(header))


def _remembered(s: Session, sheet: _Sheet) -> dict[str, int] | None:
    row = s.get(Setting, sheet.layout_key)
    if row is None:
        return None
    try:
        data = json.loads(row.value)
        mapping = {str(k): int(v) for k, v in data["mapping"].items() if k in R.FIELD_KEYS}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # a damaged setting is ignored, the automatic mapping takes over
    width = max(len(sheet.header), sheet.table.width)
    return {k: v for k, v in mapping.items() if 0 <= v < width}


def _labels(sheet: _Sheet) -> tuple[str, ...]:
    width = max(len(sheet.header), sheet.table.width)
    cells = [*sheet.header, *[None] * (width - len(sheet.header))]
    return tuple(tabular.clean_text(c) or f"第{i + 1}列" for i, c in enumerate(cells))


@requires("import_complaints")
def inspect_file(ctx: AppContext, path: str | os.PathLike[str]) -> ImportPreview:
    """Read the file, find its header row, propose a mapping (remembered or detected) and parse nothing yet."""
    sheet = _open_sheet(path)
    with ctx.db.session() as s:
        remembered = _remembered(s, sheet)
    data = sheet.table.rows[sheet.header_index + 1 :]
    numbers = sheet.table.row_numbers[sheet.header_index + 1 :]
    return ImportPreview(
        path=str(path), file_name=sheet.table.source, header_row=sheet.table.row_numbers[sheet.header_index],
        columns=_labels(sheet), mapping=dict(remembered or sheet.detected), detected=dict(sheet.detected),
        remembered=remembered is not None, layout_key=sheet.layout_key, total_rows=len(data),
        sample=tuple((n, tuple(r)) for n, r in zip(numbers[:PREVIEW_ROWS], data[:PREVIEW_ROWS], strict=True)),
    )


def preview_rows(preview: ImportPreview, mapping: Mapping[str, int]) -> list[PreviewRow]:
    """The preview's rows parsed with a (possibly user-corrected) mapping; no database access."""
    out = []
    for number, cells in preview.sample:
        p = R.parse_row(number, cells, mapping)
        out.append(PreviewRow(number, R.display_values(p), p.reason or None))
    return out


@requires("import_complaints")
def remember_mapping(ctx: AppContext, preview: ImportPreview, mapping: Mapping[str, int]) -> None:
    """Store the confirmed mapping for this header layout (settings key import_mapping.<sha1>)."""
    with ctx.db.session() as s:
        _store_mapping(s, preview.layout_key, mapping)


def _store_mapping(s: Session, key: str, mapping: Mapping[str, int]) -> None:
    value = json.dumps({"mapping": {k: int(v) for k, v in mapping.items() if v is not None and v >= 0}},
                       ensure_ascii=False, sort_keys=True)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def check_mapping(mapping: Mapping[str, int]) -> None:
    """ValidationError unless every required field has a column and no column is used twice."""
    missing = [R.LABELS[k] for k in R.REQUIRED if mapping.get(k) is None or mapping[k] < 0]
    if missing:
        raise ValidationError("请为" + "、".join(f"“{m}”" for m in missing) + "选择对应的列。", field=missing[0])
    cols = [v for v in mapping.values() if v is not None and v >= 0]
    if len(cols) != len(set(cols)):
        raise ValidationError("同一列不能对应两个字段，请检查列的对应关系。")


# ---------------------------------------------------------------- import


IMPORT_RETRIES = 3


@requires("import_complaints")
def run_import(ctx: AppContext, path: str | os.PathLike[str], *, mapping: Mapping[str, int] | None = None,
               dry_run: bool = False, remember: bool = False, progress: Progress | None = None,
               cancel: Cancel | None = None) -> ImportResult:
    """Import every valid row in one transaction; mapping None = remembered for the layout, else automatic.

    Raises ImportCancelled when cancel() returns True (checked between chunks): nothing is imported then.
    On a shared server another desk may commit the same work orders while this import runs: the unique work
    order number then refuses the whole transaction, and the import runs again, finding them as duplicates.
    """
    for attempt in range(IMPORT_RETRIES):
        try:
            return _import_once(ctx, path, mapping=mapping, dry_run=dry_run, remember=remember, progress=progress,
                                cancel=cancel)
        except IntegrityError as exc:
            if "work_order_no" not in str(exc.orig):  # another rule broken: not a race, report it as it is
                raise
            if attempt == IMPORT_RETRIES - 1:
                raise UserError("其他电脑正在导入相同的工单，本次导入未保存。请稍后重新导入。") from exc
            log.info("work orders imported meanwhile by another desk, importing again (%d)", attempt + 1)
    raise AssertionError("unreachable")


def _import_once(ctx: AppContext, path: str | os.PathLike[str], *, mapping: Mapping[str, int] | None,
                 dry_run: bool, remember: bool, progress: Progress | None, cancel: Cancel | None) -> ImportResult:
    sheet = _open_sheet(path)
    rows = sheet.table.rows[sheet.header_index + 1 :]
    numbers = sheet.table.row_numbers[sheet.header_index + 1 :]
    total = len(rows)
    steps = 2 * total + 1
    report = progress or (lambda _d, _t: None)
    stop = cancel or (lambda: False)

    with ctx.db.session() as s:
        if mapping is None:
            mapping = _remembered(s, sheet) or sheet.detected
        check_mapping(mapping)
        parsed = []
        for i, (number, cells) in enumerate(zip(numbers, rows, strict=True)):
            parsed.append(R.parse_row(number, cells, mapping))
            if i % CHUNK == CHUNK - 1:
                report(i + 1, steps)
                if stop():
                    raise ImportCancelled
        report(total, steps)
        writer = Writer(s, ctx.actor)
        result = writer.write(parsed, report=lambda done: report(total + done, steps), stop=stop,
                              chunk=CHUNK, cancelled=ImportCancelled)
        if stop():
            raise ImportCancelled
        if dry_run:
            s.rollback()
        elif remember:
            _store_mapping(s, sheet.layout_key, mapping)
    report(steps, steps)
    result["errors"] = tuple(RowError(row, reason) for row, reason in result["errors"])
    return ImportResult(source=sheet.table.source, rows=total, dry_run=dry_run, **result)


def save_error_report(result: ImportResult, path: str | os.PathLike[str]) -> int:
    """Write the refused rows (row number, reason) as an .xlsx for the user to fix the file; returns the count."""
    stamp = local_now().strftime("%Y-%m-%d %H:%M")
    return write_table(
        path, title="12345 工单导入错误报告",
        subtitle=f"文件：{result.source}　共 {len(result.errors)} 行未导入　{stamp}",
        columns=[Column("行号", 8, "int"), Column("原因", 80)],
        rows=[(e.row, e.reason) for e in result.errors], sheet_name="错误",
    )


# ---------------------------------------------------------------- unmatched addresses


@dataclass(frozen=True)
class Resolution:
    """An unmatched address resolved to an estate: the alias stored and how many complaints got the estate."""

    alias: str
    estate_id: int
    complaints_updated: int


@requires("import_complaints")
def suggest_alias(ctx: AppContext, text: str) -> str:
    """The place-name part of an unmatched address, proposed as the alias to remember."""
    with ctx.db.session() as s:
        streets = [n for (n,) in s.execute(select(Street.name))]
    return R.suggest_alias(text, streets)


@requires("import_complaints")
def resolve_unmatched(ctx: AppContext, text: str, estate_id: int, *, alias: str | None = None) -> Resolution:
    """Remember `alias` (default: suggested from text) as an alias of the estate and set the estate on the
    complaints without one whose address contains it."""
    with ctx.db.session() as s:
        estate = s.get(Estate, estate_id)
        if estate is None:
            raise NotFoundError("所选小区已不存在，请重新选择。")
        streets = [n for (n,) in s.execute(select(Street.name))]
        name = tabular.clean_text(alias) or R.suggest_alias(text, streets)
        if len(name) < 2 or len(name) > 100:
            raise ValidationError("别名应为 2 到 100 个字。", field="alias")
        existing = s.scalar(select(EstateAlias).where(EstateAlias.alias == name))
        if existing is not None and existing.estate_id != estate_id:
            raise ValidationError(f"“{name}”已是另一个小区的别名，请换一个写法。", field="alias")
        if existing is None and R.match_text(name) != R.match_text(estate.name):
            s.add(EstateAlias(estate_id=estate_id, alias=name))
        ids = [cid for (cid,) in s.execute(
            select(Complaint.id).where(Complaint.estate_id.is_(None),  # LIKE, not instr(): PostgreSQL too
                                       Complaint.address.contains(name, autoescape=True)))]
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            s.execute(update(Complaint).where(Complaint.id.in_(part)).values(
                estate_id=estate_id, street_id=func.coalesce(Complaint.street_id, estate.street_id),
                version=Complaint.version + 1, updated_at=utcnow()), execution_options={"synchronize_session": False})
        return Resolution(alias=name, estate_id=estate_id, complaints_updated=len(ids))


__all__ = [
    "ImportCancelled", "ImportPreview", "ImportResult", "PreviewRow", "Resolution", "RowError", "check_mapping",
    "inspect_file", "preview_rows", "remember_mapping", "resolve_unmatched", "run_import", "save_error_report",
    "suggest_alias",
]
