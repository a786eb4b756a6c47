"""A year of holidays from a sheet (.xlsx or .csv) with columns 日期, 类型, 名称, found by name or a common synonym.

Each row is read as a pasted line would be (controllers.reference.calendar_year), so a sheet and a paste accept
the same forms and get the same checks; messages name the row the user sees in the spreadsheet.
"""

from __future__ import annotations

import os
from datetime import date

from controllers.core.errors import ValidationError
from controllers.documents import tabular
from controllers.reference.calendar_year import YearPlan, check_year, parse_lines

SHEET_COLUMNS = {
    "day": ["日期", "日子", "时间"],
    "kind": ["类型", "类别", "安排", "放假/上班", "休/班", "性质"],
    "name": ["名称", "节日", "节日名称", "节假日名称", "假日", "说明", "备注"],
}


def read_year_sheet(year: int, path: str | os.PathLike[str]) -> YearPlan:
    """Read a sheet with columns 日期, 类型, 名称 (found by name or synonym); each row is read as a pasted line."""
    year = check_year(year)
    table = tabular.read_table(path)
    index, columns = tabular.detect_header(table.rows, SHEET_COLUMNS)
    if "day" not in columns:
        raise ValidationError("表中没有找到“日期”列，请检查表头（日期、类型、名称）。")
    lines = []
    for row, number in zip(table.rows[index + 1:], table.row_numbers[index + 1:], strict=True):
        cells = {f: (row[c] if c < len(row) else None) for f, c in columns.items()}
        day = cells["day"]
        if isinstance(day, date):  # an Excel date cell (a datetime at midnight): its day, as a pasted line has it
            day = day.strftime("%Y-%m-%d")
        parts = [tabular.clean_text(v) or "" for v in (day, cells.get("name"), cells.get("kind"))]
        if any(parts):
            lines.append((f"第{number}行", " ".join(parts)))
    return parse_lines(year, lines)
