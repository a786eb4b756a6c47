"""Generic spreadsheet reading (.xlsx, .csv) into rows of values, header detection and value normalisers.

Domain-free on purpose: the complaint import and the training attendee import both build on it.
Row numbers are always the ORIGINAL spreadsheet row numbers (1-based), so an error message can point the
user at the row they see in Excel even after blank rows were skipped.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from controllers.errors import UserError
from controllers.normalize import normalize_phone

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Table:
    """The non-blank rows of one sheet, each with the row number the user sees in the spreadsheet."""

    source: str
    sheet: str | None
    rows: list[list[Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


# ---------------------------------------------------------------- reading


def read_table(path: str | os.PathLike[str]) -> Table:
    """Read an .xlsx or .csv file; raise UserError (Chinese) if it is missing or not a readable spreadsheet."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"找不到文件“{p}”，请确认文件位置后重试。")
    suffix = p.suffix.lower()
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UserError(f"无法读取文件“{p.name}”（{exc.strerror or exc}），文件可能正被其他程序打开。") from exc
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(f"“{p.name}”是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再导入。")
    if suffix in XLSX_SUFFIXES or head.startswith(b"PK\x03\x04"):
        return _read_xlsx(p)
    if suffix in CSV_SUFFIXES:
        return _read_csv(p)
    raise UserError(f"“{p.name}”不是可导入的表格文件，请选择 .xlsx 或 .csv 文件。")


def _keep(rows: list[list[Any]], source: str, sheet: str | None, first_number: int = 1) -> Table:
    """Drop blank rows and trailing empty cells, remembering each kept row's original number."""
    kept: list[list[Any]] = []
    numbers: list[int] = []
    for i, row in enumerate(rows):
        cells = [None if (isinstance(v, str) and not v.strip()) else v for v in row]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            kept.append(cells)
            numbers.append(i + first_number)
    return Table(source=source, sheet=sheet, rows=kept, row_numbers=numbers)


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _read_xlsx(p: Path) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise UserError(f"无法打开“{p.name}”：文件已损坏或不是 Excel 表格，请在 Excel 中另存为 .xlsx 后再试。") from exc
    try:
        sheets = list(wb.worksheets)
        if not sheets:
            raise UserError(f"“{p.name}”中没有工作表。")
        # The active sheet is the one the user last looked at; fall back to the first sheet with data.
        ordered = [wb.active, *[s for s in sheets if s is not wb.active]] if wb.active in sheets else sheets
        for ws in ordered:
            try:
                rows = _fast_rows(ws)
            except Exception:  # anything unusual in the XML: let openpyxl read it the slow way
                ws.reset_dimensions()  # some exporters write a wrong <dimension>; read every cell present
                rows = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
            _fill_merged(ws, rows)
            table = _keep(rows, p.name, ws.title)
            if table.rows:
                return table
        return Table(source=p.name, sheet=sheets[0].title)
    finally:
        wb.close()


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


def _fast_rows(ws: Any) -> list[list[Any]]:
    """The sheet's cell values by row (index 0 = row 1), parsed straight from the sheet XML.

    openpyxl builds objects per cell and per inline string (what many exporters, and openpyxl itself,
    write), so 10,000 rows take seconds; the sheet XML is regular enough to read with a few expressions in
    a fraction of that. Shared strings, date styles and the epoch still come from openpyxl; anything
    unexpected raises, and the caller falls back to openpyxl's reader.
    """
    from html import unescape

    from openpyxl.utils.datetime import from_excel

    shared = ws._shared_strings
    date_styles = ws.parent._date_formats
    epoch = ws.parent.epoch
    with ws._get_source() as src:
        xml = src.read().decode("utf-8")
    columns: dict[str, int] = {}
    rows: list[list[Any]] = []
    for row_match in _ROW_RE.finditer(xml):
        r = _attr(" " + row_match.group(1), ' r="')
        row_no = int(r) if r else len(rows) + 1
        cells: list[Any] = []
        for cell in _CELL_RE.finditer(row_match.group(2) or ""):
            # Plain string search beats parsing every attribute: a cell has at most r, s and t that matter.
            a = " " + cell.group(1).replace("\n", " ").replace("\t", " ")
            ref = _attr(a, ' r="')
            if ref:
                letters = ref.rstrip("0123456789")
                col = columns.get(letters)
                if col is None:
                    col = columns[letters] = _col_index(letters.encode())
            else:
                col = len(cells)
            body = cell.group(2) or ""
            kind = _attr(a, ' t="') or "n"
            value: Any = None
            if kind == "inlineStr":
                value = unescape("".join(_T_RE.findall(_RPH_RE.sub("", body)))) or None
            else:
                v = _V_RE.search(body)
                if v is not None:
                    text = v.group(1)
                    if kind == "s":
                        value = shared[int(text)]
                    elif kind in ("str", "e"):
                        value = unescape(text)
                    elif kind == "b":
                        value = text == "1"
                    elif kind == "d":
                        value = datetime.fromisoformat(text)
                    else:
                        num = float(text)
                        value = int(num) if num.is_integer() and text.lstrip("-").isdigit() else num
                        style = _attr(a, ' s="')
                        if style and int(style) in date_styles:
                            value = from_excel(num, epoch)
            if value is not None:
                cells.extend([None] * (col + 1 - len(cells)))
                cells[col] = value
        rows.extend([] for _ in range(row_no - len(rows)))
        rows[row_no - 1] = cells
    return rows


def _fill_merged(ws: Any, rows: list[list[Any]]) -> None:
    """Give every cell of a merged range the range's top-left value (Excel keeps it only there)."""
    # Read-only worksheets do not expose merged ranges; they sit at the end of the sheet XML.
    try:
        with ws._get_source() as src:
            xml = src.read()
    except (AttributeError, KeyError, OSError):
        return
    for c1, r1, c2, r2 in _MERGE_RE.findall(xml):
        top, bottom = int(r1) - 1, int(r2) - 1
        left, right = _col_index(c1), _col_index(c2)
        if top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= right:
                row.extend([None] * (right + 1 - len(row)))
            for c in range(left, right + 1):
                row[c] = value


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (what Chinese Excel writes)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # superset of GBK and GB2312
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def _read_csv(p: Path) -> Table:
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件“{p.name}”（{exc.strerror or exc}）。") from exc
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UserError(f"“{p.name}”不是文本表格（CSV）文件，请选择 .xlsx 或 .csv 文件。")
    text = decode_text(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise UserError(f"无法读取“{p.name}”：CSV 格式有误（{exc}）。请在 Excel 中另存为 .xlsx 后再试。") from exc
    return _keep(rows, p.name, None)


# ---------------------------------------------------------------- header detection


def normalise_header(value: Any) -> str:
    """Header text for comparison: full-width folded to half-width, no spaces, no marks like * or colons."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFKC", str(value)).casefold()
    return re.sub(r"[\s*:：()（）\[\]【】\"'“”]+", "", s)


def detect_header(rows: Sequence[Sequence[Any]], synonyms: Mapping[str, Sequence[str]], *,
                  search_rows: int = HEADER_SEARCH_ROWS) -> tuple[int, dict[str, int]]:
    """Pick the header row (among the first rows) matching the most fields; map each field to one column.

    A cell matches a field when it equals one of the field's synonyms after normalising, or failing that
    contains one (longest synonym first). Returns (index into rows, {field: column index}); the mapping is
    empty when no row looks like a header.
    """
    best: tuple[int, int, int] = (0, 0, 0)  # (score, -index, index)
    best_mapping: dict[str, int] = {}
    for index, row in enumerate(rows[:search_rows]):
        mapping, exact = match_columns(row, synonyms)
        score = len(mapping) * 2 + exact
        if score > best[0]:
            best, best_mapping = (score, -index, index), mapping
    return best[2], best_mapping


def match_columns(header: Sequence[Any], synonyms: Mapping[str, Sequence[str]]) -> tuple[dict[str, int], int]:
    """Map fields to columns of one header row; returns (mapping, number of exact matches)."""
    cells = [normalise_header(v) for v in header]
    syn = {f: [normalise_header(s) for s in words if normalise_header(s)] for f, words in synonyms.items()}
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for f, words in syn.items():
        for col, cell in enumerate(cells):
            if col not in used and cell and cell in words:
                mapping[f] = col
                used.add(col)
                break
    exact = len(mapping)
    candidates = sorted(
        ((len(w), f, col) for f, words in syn.items() if f not in mapping
         for w in words for col, cell in enumerate(cells) if col not in used and cell and w in cell),
        key=lambda t: (-t[0], t[2]),
    )
    for _length, f, col in candidates:
        if f not in mapping and col not in used:
            mapping[f] = col
            used.add(col)
    return mapping, exact


# ---------------------------------------------------------------- normalisers


def clean_text(value: Any) -> str | None:
    """Cell value as trimmed text (odd spaces folded, runs of blanks collapsed, line breaks kept); None if blank."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        s = value.strftime("%Y-%m-%d %H:%M") if value.time() != time(0) else value.strftime("%Y-%m-%d")
    elif isinstance(value, date):
        s = value.isoformat()
    else:
        s = str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    s = re.sub(r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]+", " ", s)
    s = "\n".join(line.strip() for line in s.split("\n")).strip()
    return s or None


def _fold(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


# Excel's day zero; serial numbers count days from here (1900 leap-year bug included).
_EXCEL_EPOCH = datetime(1899, 12, 30)
_DT_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]*(上午|下午|凌晨|晚上)?\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})?\s*分?"
    r"(?:\s*[:]?\s*(\d{1,2})(?:\.\d+)?\s*秒?)?)?$"
)
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$")


def parse_datetime(value: Any) -> datetime | None:
    """A date/time from a cell: Excel dates, serial numbers or text in the usual Chinese forms; None if blank.

    Raises ValueError (Chinese message) when the text is not a readable date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time(0))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's valid serial range
            # Serial floats carry binary noise (09:04:59.99...): round to the second.
            return _EXCEL_EPOCH + timedelta(seconds=round(float(value) * 86400))
        raise ValueError(f"日期“{value}”无法识别")
    s = _fold(value)
    if not s:
        return None
    m = _DT_RE.match(s)
    if m:
        y, mo, d, ampm, hh, mi, ss = m.groups()
        hour = int(hh or 0)
        if ampm in ("下午", "晚上") and hour < 12:
            hour += 12
        try:
            return datetime(int(y), int(mo), int(d), hour, int(mi or 0), int(ss or 0))
        except ValueError:
            raise ValueError(f"日期“{s}”不存在") from None
    m = _COMPACT_RE.match(s)
    if m:
        try:
            y, mo, d, hh, mi, ss = (int(g or 0) for g in m.groups())
            return datetime(y, mo, d, hh, mi, ss)
        except ValueError:
            raise ValueError(f"日期“{s}”不存在") from None
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return parse_datetime(float(s))
    raise ValueError(f"日期“{s}”无法识别")


def parse_date(value: Any) -> date | None:
    """The date part of parse_datetime; None if blank, ValueError if unreadable."""
    dt = parse_datetime(value)
    return None if dt is None else dt.date()


_PHONE_SPLIT_RE = re.compile(r"[/,;、，；]|\s{2,}|或")


def normalise_phone(value: Any) -> str | None:
    """A phone number validated: the first of several, extension dropped, then controllers.normalize's digits.

    '１３８ 1234-5678' -> '13812345678', '+86 138...' -> '138...', '021-62345678' -> '02162345678'.
    None if blank; ValueError (Chinese) if it is not a mobile, landline or local number.
    """
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = _fold(value)
    if not s:
        return None
    first = next((part for part in _PHONE_SPLIT_RE.split(s) if part.strip()), "")
    first = re.split(r"转|ext\.?|#", first, maxsplit=1, flags=re.IGNORECASE)[0]  # the extension is not dialled
    digits = normalize_phone(first) or ""
    if not digits.isdigit():
        raise ValueError(f"电话“{s}”含有非数字字符")
    if len(digits) == 11 and digits.startswith("1"):
        return digits
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        return digits
    if len(digits) in (7, 8) and not digits.startswith(("0", "1")):
        return digits
    if len(digits) == 5 and digits.startswith("1"):  # service numbers such as 12345 itself
        return digits
    raise ValueError(f"电话“{s}”位数不对")
