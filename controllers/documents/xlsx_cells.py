"""The cells of an .xlsx workbook, read from a file nobody vouches for (a 12345 export, a list someone mailed).

The zip is checked before openpyxl opens it (parts, sizes, encryption), the sheet is read within Excel's own
limits into sparse rows (a cell claiming row two billion costs nothing), and any damage ends as one Chinese
UserError. XML entities are never expanded: openpyxl parses through defusedxml (a dependency for that reason)
and the sheet reader refuses a DTD outright, as the Office Open XML packaging rules do.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any, TypeVar

from controllers.core.errors import UserError

log = logging.getLogger(__name__)

Rows = dict[int, list[Any]]  # spreadsheet row number (1-based) -> cell values by column (0-based)
T = TypeVar("T")

# Excel's own limits: a reference past them is damage, not data.
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
# Columns the app reads. Imports have a few dozen; a value further right is refused rather than silently dropped.
MAX_COLUMNS = 1024
# Unpacked sizes. A year of one street's 12345 work orders is about 50 MB of sheet XML.
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_PARTS = 5000
# Cells that merged ranges may fill, all ranges together (overlapping ranges would otherwise multiply).
MAX_MERGED_CELLS = 5_000_000


class Unusual(Exception):
    """The sheet XML is valid but not in the shape the fast reader expects: openpyxl's parser reads it."""


def damaged(name: str) -> UserError:
    return UserError(f"无法打开“{name}”：文件已损坏或不是 Excel 表格，请在 Excel 中另存为 .xlsx 后再试。")


def check_package(p: Path) -> None:
    """Refuse, before anything is unpacked, a zip that is encrypted, holds too many parts or unpacks too big.

    zipfile stops reading a part at its declared size, so checking the declared sizes bounds what is read."""
    try:
        with zipfile.ZipFile(p) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise damaged(p.name) from exc
    if any(i.flag_bits & 0x1 for i in parts):
        raise UserError(f"“{p.name}”设置了密码，无法读取。请在 Excel 中取消密码并另存为 .xlsx 后再导入。")
    if len(parts) > MAX_PARTS or any(i.file_size > MAX_PART_BYTES for i in parts) \
            or sum(i.file_size for i in parts) > MAX_TOTAL_BYTES:
        raise UserError(f"“{p.name}”过大，无法导入：请把表格拆成几个较小的文件（每个不超过几万行）。")


def guarded(name: str, read: Callable[[], T]) -> T:
    """Run a read of the workbook: any failure but a UserError means the file is damaged. openpyxl's warnings
    (English, about styles or extensions the app does not use) are not shown to the user."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read()
    except UserError:
        raise
    except Exception as exc:  # whatever a crafted file makes a parser raise, it is unreadable
        # To the log file only (a warning would reach the console in English); never the cells: personal data.
        log.info("unreadable workbook (%s)", type(exc).__name__)
        raise damaged(name) from exc


def sheet_rows(ws: Any, name: str) -> Rows:
    """The sheet's values as sparse rows, merged ranges filled with their top-left value."""
    with ws._get_source() as src:
        data = src.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise damaged(name)
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in head or b"<\x00!\x00" in head:  # a DTD, or UTF-16 XML hiding one
        raise damaged(name)
    try:
        rows = fast_rows(data.decode("utf-8"), ws, name)
    except (UserError, Damaged):
        raise
    except Exception:  # anything unusual in the XML: openpyxl's parser reads it the slow way
        rows = parsed_rows(data, ws, name)
    fill_merged(data, rows, name)
    return rows


class Damaged(Exception):
    """The sheet breaks the format: a row or column outside Excel's limits, a string index outside the table."""


def _row_number(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_ROW:
        raise Damaged
    return int(text)


def _column(letters: str) -> int:
    """0-based index of column letters A..XFD."""
    if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isalpha() or not letters.isupper():
        raise Damaged
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    if n > MAX_COLUMN:
        raise Damaged
    return n - 1


def too_wide(name: str) -> UserError:
    return UserError(f"“{name}”有超过 {MAX_COLUMNS} 列的数据，无法导入：请删去多余的列后再试。")


def _put(rows: Rows, row_no: int, col: int, value: Any, name: str) -> None:
    if value is None:
        return
    if col >= MAX_COLUMNS:
        raise too_wide(name)
    cells = rows.setdefault(row_no, [])
    if len(cells) <= col:
        cells.extend([None] * (col + 1 - len(cells)))
    cells[col] = value


# Bodies are matched as "runs of non-< characters, or a < that does not close the element": much faster
# than a lazy .*? on megabytes of XML.
_ROW_RE = re.compile(r"<(?:\w+:)?row\b([^>]*?)(?:/>|>([^<]*(?:<(?!/(?:\w+:)?row>)[^<]*)*)</(?:\w+:)?row>)")
_CELL_RE = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>([^<]*(?:<(?!/(?:\w+:)?c>)[^<]*)*)</(?:\w+:)?c>)")
_V_RE = re.compile(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_T_RE = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
_RPH_RE = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)


def _attr(attrs: str, key: str) -> str | None:
    i = attrs.find(key)
    if i < 0:
        return None
    i += len(key)
    return attrs[i : attrs.index('"', i)]


def fast_rows(xml: str, ws: Any, name: str) -> Rows:
    """The sheet's cell values, parsed straight from the sheet XML.

    openpyxl builds objects per cell and per inline string (what many exporters, and openpyxl itself,
    write), so 10,000 rows take seconds; the sheet XML is regular enough to read with a few expressions in
    a fraction of that. Shared strings, date styles and the epoch still come from openpyxl; a shape it does not
    expect raises Unusual (openpyxl's parser then reads the sheet), a reference past Excel's limits Damaged.
    """
    from openpyxl.utils.datetime import from_excel

    shared = ws._shared_strings
    date_styles = ws.parent._date_formats
    epoch = ws.parent.epoch
    rows: Rows = {}
    row_no = 0
    columns: dict[str, int] = {}
    for row_match in _ROW_RE.finditer(xml):
        if "'" in row_match.group(1):
            raise Unusual  # attributes in single quotes: valid XML the expressions below do not read
        r = _attr(" " + row_match.group(1), ' r="')
        row_no = _row_number(r) if r is not None else row_no + 1
        cells: list[Any] = []
        col = -1
        for cell in _CELL_RE.finditer(row_match.group(2) or ""):
            # Plain string search beats parsing every attribute: a cell has at most r, s and t that matter.
            a = " " + cell.group(1).replace("\n", " ").replace("\t", " ")
            if "'" in a:
                raise Unusual
            ref = _attr(a, ' r="')
            if ref is None:
                col += 1
            else:
                letters = ref.rstrip("0123456789")
                col = columns.get(letters, -1)
                if col < 0:
                    col = columns[letters] = _column(letters)
                if ref[len(letters):] != r:
                    _row_number(ref[len(letters):])  # the cell's own row must be a real row too
            body = cell.group(2) or ""
            kind = _attr(a, ' t="') or "n"
            value: Any = None
            if kind == "inlineStr":
                value = unescape("".join(_T_RE.findall(_RPH_RE.sub("", body)))) or None
            else:
                v = _V_RE.search(body)
                if v is not None and kind == "s":  # most cells: inlined, it saves a call per cell
                    index = int(v.group(1))
                    if not 0 <= index < len(shared):
                        raise Damaged  # openpyxl would take -1 as the last string
                    value = shared[index]
                elif v is not None:
                    value = _typed(v.group(1), kind, a, date_styles, epoch, from_excel)
            if value is not None:
                if col >= MAX_COLUMNS:
                    raise too_wide(name)
                cells.extend([None] * (col + 1 - len(cells)))
                cells[col] = value
        if cells:
            rows[row_no] = cells
    return rows


def _typed(text: str, kind: str, attrs: str, date_styles: Any, epoch: Any, from_excel: Any) -> Any:
    """A cell's value from its <v> text by type (t="s" is read by the caller)."""
    if kind in ("str", "e"):
        return unescape(text)
    if kind == "b":
        return text == "1"
    if kind == "d":
        from openpyxl.utils.datetime import from_ISO8601  # rare: ISO dates are written by few programs

        try:
            return from_ISO8601(text)
        except (ValueError, OverflowError):
            return unescape(text)  # left as text: the row is refused with “日期无法识别”
    num = float(text)
    value = int(num) if num.is_integer() and text.lstrip("-").isdigit() else num
    style = _attr(attrs, ' s="')
    if style and int(style) in date_styles:
        try:
            return from_excel(num, epoch)
        except (ValueError, OverflowError):
            return value  # a serial no calendar has: the row's date check refuses it in Chinese
    return value


def parsed_rows(data: bytes, ws: Any, name: str) -> Rows:
    """openpyxl's own sheet parser (through defusedxml), without its filling of missing rows."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    parser = WorkSheetParser(io.BytesIO(data), _StrictStrings(ws._shared_strings), data_only=True, epoch=book.epoch,
                             date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    rows: Rows = {}
    for row_no, cells in parser.parse():
        if not 1 <= row_no <= MAX_ROW:
            raise Damaged
        for cell in cells:
            if not 1 <= cell["column"] <= MAX_COLUMN:
                raise Damaged
            _put(rows, row_no, cell["column"] - 1, cell["value"], name)
    return rows


class _StrictStrings:
    """The shared-string table for openpyxl's parser, refusing the indexes Python would wrap around (-1)."""

    def __init__(self, strings: Any) -> None:
        self.strings = strings

    def __getitem__(self, index: int) -> Any:
        if not 0 <= index < len(self.strings):
            raise Damaged
        return self.strings[index]


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def fill_merged(xml: bytes, rows: Rows, name: str) -> None:
    """Give every cell of a merged range the range's top-left value (Excel keeps it only there).

    Ranges are clipped to the rows and columns that hold data, and all ranges together may fill at most
    MAX_MERGED_CELLS cells: a range over the whole sheet costs what the data costs, not 17 billion cells."""
    if not rows:
        return
    last = max(rows)
    width = max(len(r) for r in rows.values())
    budget = MAX_MERGED_CELLS
    for c1, r1, c2, r2 in _MERGE_RE.findall(xml):
        top, bottom = _row_number(r1.decode()), min(_row_number(r2.decode()), last)
        left, right = _column(c1.decode()), min(_column(c2.decode()), width - 1)
        if top > bottom or left > right:
            continue
        budget -= (bottom - top + 1) * (right - left + 1)
        if budget < 0:
            raise damaged(name)
        first = rows.get(top, [])
        value = first[left] if left < len(first) else None
        for r in range(top, bottom + 1):
            if r not in rows and value is None:
                continue
            cells = rows.setdefault(r, [])
            if len(cells) <= right:
                cells.extend([None] * (right + 1 - len(cells)))
            cells[left : right + 1] = [value] * (right + 1 - left)


def _has_data(rows: Rows) -> bool:
    return any(v is not None and not (isinstance(v, str) and not v.strip()) for r in rows.values() for v in r)


def read_workbook(p: Path) -> tuple[str, Rows]:
    """The title and rows of the sheet to import: the active one (the sheet the user last looked at), else the
    first other sheet with data; the first sheet with no rows when none has any."""
    return _with_workbook(p, lambda wb: _chosen_sheet(wb, p.name))


def read_all_sheets(p: Path) -> list[tuple[str, Rows]]:
    """The title and rows of every sheet in workbook order, for an import that reads several (小区 and 工作人员)."""
    return _with_workbook(p, lambda wb: [(ws.title, _rows_of(ws, p.name)) for ws in wb.worksheets])


def _with_workbook(p: Path, use: Callable[[Any], T]) -> T:
    from openpyxl import load_workbook

    check_package(p)

    def read() -> T:
        # Opened as a stream: openpyxl refuses a path that does not end in .xlsx, and a workbook saved as .csv
        # is still a workbook.
        with p.open("rb") as fh:
            wb = load_workbook(fh, read_only=True, data_only=True)
            try:
                return use(wb)
            finally:
                wb.close()

    return guarded(p.name, read)


def _rows_of(ws: Any, name: str) -> Rows:
    try:
        return sheet_rows(ws, name)
    except Damaged:
        raise damaged(name) from None


def _chosen_sheet(wb: Any, name: str) -> tuple[str, Rows]:
    sheets = list(wb.worksheets)
    if not sheets:
        raise UserError(f"“{name}”中没有工作表。")
    ordered = [wb.active, *[s for s in sheets if s is not wb.active]] if wb.active in sheets else sheets
    for ws in ordered:
        rows = _rows_of(ws, name)
        if _has_data(rows):
            return ws.title, rows
    return sheets[0].title, {}
