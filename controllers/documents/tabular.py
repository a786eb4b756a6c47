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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from controllers.core.errors import UserError
from controllers.core.normalize import normalize_phone
from controllers.documents import xlsx_cells as tabular_xlsx

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
    """Read an .xlsx or .csv file; raise UserError (Chinese) if it is missing or not a readable spreadsheet.

    What the file holds decides how it is read, not its name: a workbook saved as .csv is read as a workbook,
    and text saved as .xlsx as text. Of a workbook, the sheet the user last looked at (or the first with data)."""
    return _read(path, all_sheets=False)[0]


def read_tables(path: str | os.PathLike[str]) -> list[Table]:
    """Like read_table, but every sheet of a workbook in order (a CSV is one table); empty sheets included."""
    return _read(path, all_sheets=True)


def _read(path: str | os.PathLike[str], *, all_sheets: bool) -> list[Table]:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"找不到文件“{p}”，请确认文件位置后重试。")
    suffix = p.suffix.lower()
    try:
        with p.open("rb") as fh:
            head = fh.read(_CFB_SCAN)
    except OSError as exc:
        raise UserError(f"无法读取文件“{p.name}”（{exc.strerror or exc}），文件可能正被其他程序打开。") from exc
    if head.startswith(_CFB_MAGIC):
        if _ENCRYPTED_OOXML in head:
            raise UserError(f"“{p.name}”设置了打开密码，无法读取。请在 Excel 中取消密码并另存为 .xlsx 后再导入。")
        raise UserError(f"“{p.name}”是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再导入。")
    if head.startswith(b"PK\x03\x04") or (suffix in XLSX_SUFFIXES and head.startswith(b"PK")):
        sheets = tabular_xlsx.read_all_sheets(p) if all_sheets else [tabular_xlsx.read_workbook(p)]
        return [_keep(sorted(rows.items()), p.name, title) for title, rows in sheets]
    if suffix in CSV_SUFFIXES or suffix in XLSX_SUFFIXES:
        return [_read_csv(p, strict=suffix in XLSX_SUFFIXES)]
    raise UserError(f"“{p.name}”不是可导入的表格文件，请选择 .xlsx 或 .csv 文件。")


# An old .xls and a password-protected .xlsx are both OLE compound files; the latter has these streams.
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
_CFB_SCAN = 1024 * 1024


def _keep(rows: Iterable[tuple[int, list[Any]]], source: str, sheet: str | None) -> Table:
    """Drop blank rows and trailing empty cells, remembering each kept row's original number."""
    kept: list[list[Any]] = []
    numbers: list[int] = []
    for number, row in rows:
        cells = [None if (isinstance(v, str) and not v.strip()) else v for v in row]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            kept.append(cells)
            numbers.append(number)
    return Table(source=source, sheet=sheet, rows=kept, row_numbers=numbers)


def decode_text(data: bytes, *, strict: bool = False) -> str:
    """Decode CSV bytes: UTF-8 with or without BOM, UTF-16/32 with BOM, else GB18030 (what Chinese Excel writes).

    Not strict, undecodable bytes become U+FFFD; strict, they raise UnicodeDecodeError."""
    errors = "strict" if strict else "replace"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors=errors)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: its BOM starts the same
        return data.decode("utf-32", errors=errors)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors=errors)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # superset of GBK and GB2312
    except UnicodeDecodeError:
        return data.decode("utf-8", errors=errors)


# A CSV is read whole; a year of work orders is a few tens of MB.
MAX_CSV_BYTES = 256 * 1024 * 1024


def _read_csv(p: Path, *, strict: bool = False) -> Table:
    """A text table; `strict` (a file named .xlsx that is not a workbook) refuses text that does not decode."""
    not_text = (tabular_xlsx.damaged(p.name) if strict
                else UserError(f"“{p.name}”不是文本表格（CSV）文件，请选择 .xlsx 或 .csv 文件。"))
    try:
        if p.stat().st_size > MAX_CSV_BYTES:
            raise UserError(f"“{p.name}”过大，无法导入：请把表格拆成几个较小的文件（每个不超过几万行）。")
        data = p.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件“{p.name}”（{exc.strerror or exc}）。") from exc
    try:
        text = decode_text(data, strict=strict)
    except UnicodeDecodeError:
        raise not_text from None
    if "\x00" in text:  # binary data, or UTF-16 without its BOM
        raise not_text
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    rows: list[tuple[int, list[Any]]] = []
    limit = tabular_xlsx.MAX_COLUMNS
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
            if len(row) > limit and any(v.strip() for v in row[limit:]):
                raise tabular_xlsx.too_wide(p.name)
            if number > tabular_xlsx.MAX_ROW:
                raise UserError(f"“{p.name}”超过 {tabular_xlsx.MAX_ROW} 行，无法导入：请把表格拆成几个较小的文件。")
            rows.append((number, row[:limit]))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UserError(f"无法读取“{p.name}”：有一个单元格超过 {csv.field_size_limit()} 个字符，"
                            "可能是引号没有配对。请在 Excel 中检查后另存为 .xlsx 再试。") from exc
        raise UserError(f"无法读取“{p.name}”：CSV 格式有误（引号或分隔符不配对）。请在 Excel 中另存为 .xlsx 后再试。"
                        ) from exc
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
    """A phone number validated: the first of several, extension dropped, then controllers.core.normalize's digits.

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
