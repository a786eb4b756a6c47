"""The columns of a reference-data sheet (小区, 工作人员) and how one cell becomes a value; no database here.

The template's headers are each field's first synonym; the other synonyms are what district sheets write. A cell
is read the way a clerk typed it: full-width digits, numbers stored as text, “1,200 户”, 是/否/√/Y/1 for flags,
trailing spaces. A value that cannot be read raises RowProblem with the Chinese reason shown beside its row.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from controllers.core.errors import ValidationError
from controllers.documents import tabular
from controllers.reference import checks as rc

# Which estate field each header names. Order matters only for the template (first synonym = template header).
ESTATE_FIELDS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号"),
    "street": ("街道（镇）", "街道", "街镇", "所属街道", "所属街镇", "街道镇", "所属街道（镇）", "镇"),
    "committee": ("居委会", "居委", "居委会名称", "所属居委", "所属居委会", "居民委员会"),
    "name": ("小区名称", "小区", "住宅小区", "住宅小区名称", "小区名"),
    "address": ("地址", "小区地址", "坐落地址", "门牌地址"),
    "households": ("户数", "总户数", "住户数", "户数（户）"),
    "population": ("常住人口", "人口数", "常住人口（人）", "常住人口数", "人口"),
    "population_date": ("人口统计日期", "统计日期", "人口日期", "人口截至日期"),
    "company": ("物业服务企业", "物业公司", "物业企业", "物业服务企业名称", "物业公司名称", "物业企业名称",
                "物业管理单位"),
    "manager": ("物业项目经理", "项目经理", "物业经理"),
    "phone": ("物业联系电话", "联系电话", "项目经理电话", "电话", "联系方式"),
    "pilot": ("是否试点", "试点", "试点小区", "是否试点小区"),
    "notes": ("备注",),
}
STAFF_FIELDS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号"),
    "name": ("姓名", "工作人员", "人员姓名", "执法人员"),
    "badge": ("执法证号", "执法证编号", "执法证件号", "证号"),
    "position": ("职务", "岗位", "职位"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码"),
    "street": ("所属街镇", "街道（镇）", "街道", "街镇", "所属街道"),
    "active": ("是否在岗", "在岗", "状态"),
}

# The example row of the template carries this in 序号 and these names; left in, it is skipped. A clerk who typed
# their own estate over it (keeping 示例 in 序号) meant it: a marked row with another name is imported.
EXAMPLE_MARK = "示例"
EXAMPLE_ESTATE, EXAMPLE_STAFF = "示例小区", "示例人员"
# A totals line (合计 35 个小区) and a note under the table (注：人口为 2025 年底数) are not data rows.
_TOTALS = ("合计", "总计", "小计", "共计")
_NOTES = ("注:", "注1", "说明", "填表", "制表", "审核", "数据来源", "备注:")

_YES = frozenset({"是", "√", "✓", "✔", "y", "yes", "1", "true", "对", "有", "试点", "在岗", "在职"})
_NO = frozenset({"否", "×", "✗", "✘", "x", "n", "no", "0", "false", "不是", "无", "非试点", "离岗", "停用", "离职"})


class RowProblem(Exception):
    """A cell or row that cannot be imported; `message` is the Chinese reason shown beside the row."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def fold(value: Any) -> str:
    """Cell text for reading: full-width folded to half-width, spaces trimmed (None and blanks give "")."""
    text = tabular.clean_text(value)
    return unicodedata.normalize("NFKC", text) if text else ""


def match_key(value: str) -> str:
    """A name as compared, not as stored: full-width folded, no spaces at all, case folded (梅川 一村 = 梅川一村)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).casefold()


def skipped_row(cells: list[Any]) -> bool:
    """A totals line or a note under the table: not a data row, and not an error either."""
    texts = [match_key(fold(c)) for c in cells if fold(c)]
    if not texts:
        return True
    if any(t.startswith(_TOTALS) for t in texts):
        return True
    return len(texts) == 1 and texts[0].startswith(_NOTES)


def is_example(cells: list[Any], mapping: dict[str, int]) -> bool:
    """The template's example row, left in: marked 示例 in 序号 and still naming the example."""
    marked = match_key(fold(cell(cells, mapping, "seq"))) == EXAMPLE_MARK
    return marked and match_key(fold(cell(cells, mapping, "name"))) in (EXAMPLE_ESTATE, EXAMPLE_STAFF)


def cell(cells: list[Any], mapping: dict[str, int], field: str) -> Any:
    col = mapping.get(field)
    return cells[col] if col is not None and col < len(cells) else None


def text_value(value: Any, label: str, max_len: int) -> str | None:
    """Trimmed text (runs of blanks folded, full-width letters kept as typed), refused as the dialogs refuse it."""
    try:
        return rc.text(tabular.clean_text(value), field="sheet", label=label, max_len=max_len)
    except ValidationError as exc:
        raise RowProblem(exc.message) from None


def phone_value(value: Any, label: str) -> str | None:
    """A phone as the dialogs take one (digits, spaces, + - and brackets), full-width folded; a number cell
    (13812345678.0) is its digits."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return rc.phone(fold(value), field="sheet", label=label)
    except ValidationError as exc:
        raise RowProblem(exc.message) from None


def count_value(value: Any, label: str, *, minimum: int, maximum: int, units: str) -> int | None:
    """A whole number from a number cell or from text (“１２００”, “1,200”, “1200 户”); None when blank."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")) or value != int(value):  # NaN, inf, 1.5
            raise RowProblem(f"{label}应为整数（现在是“{value}”）。")
        number = int(value)
    else:
        text = fold(value)
        if not text:
            return None
        digits = re.sub(rf"[,，\s]|[{units}]$", "", text)
        if re.fullmatch(r"\d{1,12}(\.0+)?", digits) is None:
            raise RowProblem(f"{label}应为整数（现在是“{text[:40]}”）。")
        number = int(digits.split(".")[0])
    if not minimum <= number <= maximum:
        raise RowProblem(f"{label}应在 {minimum} 到 {maximum} 之间（现在是 {number}）。")
    return number


def flag_value(value: Any, label: str) -> bool | None:
    """是/否, √/×, Y/N, 1/0 (and the like) as True/False; None when blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = match_key(fold(value))
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise RowProblem(f"{label}应填“是”或“否”（现在是“{fold(value)[:40]}”）。")


def date_value(value: Any, label: str, *, latest: date) -> date | None:
    """A date cell or date text; None when blank; refused when unreadable or after `latest` (today)."""
    try:
        day = tabular.parse_date(value)
    except ValueError as exc:
        raise RowProblem(f"{label}：{exc}。") from None
    if day is not None and day > latest:
        raise RowProblem(f"{label}不能晚于今天（现在是 {day.isoformat()}）。")
    return day


_HEADER_DAY = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})")
_HEADER_MONTH = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*月?")
_HEADER_YEAR = re.compile(r"(\d{4})\s*年?\s*(初)?")


def header_date(header: Any) -> date | None:
    """The date a population column's header names: 常住人口（2025年底）is 2025-12-31, （2025年6月）the month's
    last day, （2025年初）1 January, （2025-06-30）that day. None when the header holds no date."""
    text = fold(header)
    try:
        if m := _HEADER_DAY.search(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _HEADER_MONTH.search(text):
            year, month = int(m[1]), int(m[2])
            return date(year, month, calendar.monthrange(year, month)[1])
        if m := _HEADER_YEAR.search(text):
            return date(int(m[1]), 1, 1) if m[2] else date(int(m[1]), 12, 31)
    except ValueError:  # 2025年13月: not a date after all
        return None
    return None


@dataclass(frozen=True)
class Header:
    """Where a sheet's header is and which column holds which field."""

    index: int  # into the table's kept rows
    mapping: dict[str, int]
    score: int
    cells: tuple[Any, ...]  # the header's text, two rows joined where the header has two

    def label(self, field: str) -> Any:
        col = self.mapping.get(field)
        return self.cells[col] if col is not None and col < len(self.cells) else None


def find_header(rows: list[list[Any]], fields: dict[str, tuple[str, ...]]) -> Header | None:
    """The header row among the first rows: the one naming the most fields. A two-row header (物业服务企业 merged
    above 名称 / 项目经理 / 联系电话) is read as the two rows joined. None unless the name column is found."""
    best: Header | None = None
    for index, row in enumerate(rows[: tabular.HEADER_SEARCH_ROWS]):
        candidates = [list(row)]
        if index:
            above = rows[index - 1]
            candidates.append([_joined(above[c] if c < len(above) else None, v) for c, v in enumerate(row)])
        for header in candidates:
            mapping, exact = tabular.match_columns(header, fields)
            score = len(mapping) * 2 + exact
            if "name" in mapping and (best is None or score > best.score):
                best = Header(index, mapping, score, tuple(header))
    return best


def _joined(above: Any, below: Any) -> str | None:
    a, b = fold(above), fold(below)
    return a if a == b else (a + b) or None
