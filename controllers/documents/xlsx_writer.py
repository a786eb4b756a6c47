"""Writes a list as an Excel workbook the way offices expect: title, filters and time, Chinese headers, real dates.

The one place the app writes .xlsx files (tests/unit/test_xlsx_text_cells.py checks nothing else imports openpyxl
to write). Text is always written as text: openpyxl would store "=HYPERLINK(...)" as a live formula and "#N/A" as
an error, so such cells are written as explicit strings, and text a spreadsheet would take for a formula when
edited is also marked with the cell's quotePrefix (Excel's leading apostrophe), which leaves the text shown as is.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from controllers.core.errors import UserError

if TYPE_CHECKING:
    from openpyxl.styles import Font, PatternFill

# The control characters openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE), kept here so that merely importing
# this module (every list controller does, at start-up) does not import openpyxl (~0.2 s).
_ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# What openpyxl stores as an error cell rather than text (openpyxl.cell.cell.ERROR_CODES, copied for the same
# reason); a 12345 export or a pasted note can hold "#N/A" as plain text.
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
# Spreadsheets start a formula at these characters (full-width forms fold to them), also after leading blanks.
_FORMULA_STARTS = frozenset("=+-@")
_LEADING_BLANKS = " \t\r\n\u00a0\u3000"


@dataclass(frozen=True)
class Column:
    """One exported column: Chinese header, width in characters, and how its values are written."""

    header: str
    width: int = 12
    kind: str = "text"  # text | int | date | datetime


_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm"}
PROGRESS_EVERY = 1000  # rows between progress reports and cancel checks

Progress = Callable[[int], None]  # rows written so far
Cancel = Callable[[], bool]


class ExportCancelled(UserError):
    """The user cancelled an export; no file was written."""

    def __init__(self) -> None:
        super().__init__("导出已取消，没有写入文件。")


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: title and subtitle rows above the Chinese headers, then the rows."""

    name: str
    title: str
    subtitle: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def write_table(path: str | os.PathLike[str], *, title: str, subtitle: str, columns: Sequence[Column],
                rows: Iterable[Sequence[Any]], sheet_name: str = "台账", progress: Progress | None = None,
                cancel: Cancel | None = None) -> int:
    """Write the workbook atomically (a half-written file never replaces a good one); returns the row count.

    `progress(rows written)` and `cancel()` are called every PROGRESS_EVERY rows (and before the first);
    a cancel raises ExportCancelled before anything reaches the disk."""
    return write_sheets(path, [Sheet(sheet_name, title, subtitle, columns, rows)], progress=progress, cancel=cancel)


def write_sheets(path: str | os.PathLike[str], sheets: Sequence[Sheet], *, progress: Progress | None = None,
                 cancel: Cancel | None = None) -> int:
    """Several sheets in one workbook, written as write_table writes one; returns the rows of all sheets."""
    from openpyxl import Workbook

    target = Path(path)
    if not target.parent.is_dir():
        raise UserError(f"文件夹“{target.parent}”不存在，请换一个保存位置。")
    wb = Workbook(write_only=True)
    count = 0
    written: list[Any] = []
    try:
        for sheet in sheets:
            ws = wb.create_sheet(sheet.name[:31])
            written.append(ws)
            count = _fill(ws, sheet, count, progress, cancel)
        if cancel is not None and cancel():
            raise ExportCancelled
    except BaseException:
        for ws in written:
            _discard(ws)
        raise
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"无法保存“{target}”（{exc.strerror or exc}），文件可能正被其他程序打开。") from exc
    return count


def _fill(ws: Any, sheet: Sheet, count: int, progress: Progress | None, cancel: Cancel | None) -> int:
    """Write one sheet's title, subtitle, header and rows; returns the running row count."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for i, col in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A4"
    ws.append([_cell(ws, sheet.title, font=Font(bold=True, size=14))])
    ws.append([_cell(ws, sheet.subtitle, font=Font(color="555555"))])
    header_fill = PatternFill("solid", fgColor="DDE7F3")
    ws.append([_cell(ws, c.header, font=Font(bold=True), fill=header_fill) for c in sheet.columns])
    for row in sheet.rows:
        if count % PROGRESS_EVERY == 0:
            if cancel is not None and cancel():
                raise ExportCancelled
            if progress is not None:
                progress(count)
        ws.append([_value(ws, col, v) for col, v in zip(sheet.columns, row, strict=True)])
        count += 1
    return count


def _discard(ws: Any) -> None:
    """Close an abandoned write-only sheet and delete the temporary file its rows went to (left alone, openpyxl
    keeps the file until the program ends and complains when the half-written sheet is collected)."""
    with contextlib.suppress(Exception):  # only tidying up: the reason the export stopped is what matters
        ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            writer.cleanup()


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read the text as a formula if it were typed in: "=1+1", " @SUM", "＝A1"."""
    start = text.lstrip(_LEADING_BLANKS)[:1]
    return bool(start) and unicodedata.normalize("NFKC", start)[:1] in _FORMULA_STARTS


def _cell(ws: Any, value: Any, *, font: Font | None = None, fill: PatternFill | None = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=_clean(value))
    if isinstance(cell.value, str):
        _as_text(cell)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


def _as_text(cell: Any) -> None:
    """Store the cell's string as a string (t="inlineStr"), whatever openpyxl guessed from its first character."""
    cell.data_type = "s"
    if looks_like_formula(cell.value):
        cell.quotePrefix = True


def _value(ws: Any, col: Column, value: Any) -> Any:
    if value is None:
        return None
    if col.kind in _FORMATS and isinstance(value, (date, datetime)):
        from openpyxl.styles import Alignment

        cell = _cell(ws, value)
        cell.number_format = _FORMATS[col.kind]
        cell.alignment = Alignment(horizontal="left")
        return cell
    value = _clean(value)
    if isinstance(value, str) and (value in _ERROR_CODES or looks_like_formula(value)):
        return _cell(ws, value)
    # Any other string openpyxl already stores as a string; a plain value here keeps big exports fast (a cell
    # object per text cell costs 40 % more time).
    return value


def _clean(value: Any) -> Any:
    """Control characters (pasted or imported text can hold them) make openpyxl refuse the whole file: drop them."""
    return _ILLEGAL_CHARACTERS.sub("", value) if isinstance(value, str) else value


def export_subtitle(filters: Sequence[str], exported_at: datetime) -> str:
    """The second row: which filters produced the list and when it was exported."""
    shown = "；".join(filters) if filters else "全部"
    return f"筛选条件：{shown}　导出时间：{exported_at:%Y-%m-%d %H:%M}"
