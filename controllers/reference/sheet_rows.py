"""The sheets of a reference-data workbook as rows to import: which sheet holds estates or staff, and each row
read into an EstateLine or StaffLine (or a Chinese reason). No database here; sheet_import matches and writes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from controllers.core.errors import UserError
from controllers.documents import tabular
from controllers.reference import sheet_fields as F

ESTATES, STAFF = "estates", "staff"
# A sheet named like this holds staff even when its header would also fit an estate list.
_STAFF_TITLES = ("工作人员", "人员", "队员", "执法")


@dataclass(frozen=True)
class EstateLine:
    """One estate row as read: text trimmed, numbers and flags parsed; None where the cell is blank."""

    street: str
    name: str
    committee: str | None
    address: str | None
    households: int | None
    population: int | None
    population_date: date | None
    company: str | None
    manager: str | None
    phone: str | None
    pilot: bool | None
    notes: str | None


@dataclass(frozen=True)
class StaffLine:
    """One staff row as read."""

    name: str
    badge: str | None
    position: str | None
    phone: str | None
    street: str | None
    active: bool | None


@dataclass(frozen=True)
class SheetRow:
    """A data row of a sheet: its line, or the reason it cannot be read. `row` is the number Excel shows."""

    sheet: str | None
    row: int
    kind: str  # ESTATES or STAFF
    line: EstateLine | StaffLine | None
    problem: str | None


@dataclass(frozen=True)
class _Sheet:
    table: tabular.Table
    kind: str
    header: F.Header


def read_rows(path: str | os.PathLike[str], *, today: date) -> tuple[str, list[SheetRow]]:
    """The file's name and every data row of its estate and staff sheets, in sheet and row order."""
    tables = tabular.read_tables(path)
    source = tables[0].source if tables else os.path.basename(os.fspath(path))
    sheets = [s for s in (_classify(t) for t in tables) if s is not None]
    if not sheets:
        if not any(t.rows for t in tables):
            raise UserError(f"“{source}”中没有数据。")
        raise UserError(f"“{source}”中找不到表头：前 {tabular.HEADER_SEARCH_ROWS} 行里没有“小区名称”或“姓名”列。"
                        "请使用“下载模板”得到的表格，或确认表头写有“街道”“小区名称”“常住人口”等列名。")
    return source, [row for sheet in sheets for row in _rows(sheet, today)]


def _classify(table: tabular.Table) -> _Sheet | None:
    """Estates, staff or neither, by the header found (and, when both fit, the sheet's name)."""
    if not table.rows:
        return None
    estates = F.find_header(table.rows, F.ESTATE_FIELDS)
    staff = F.find_header(table.rows, F.STAFF_FIELDS)
    if staff is not None and (estates is None or any(w in (table.sheet or "") for w in _STAFF_TITLES)):
        return _Sheet(table, STAFF, staff)
    return _Sheet(table, ESTATES, estates) if estates is not None else None


def _rows(sheet: _Sheet, today: date) -> Iterator[SheetRow]:
    table, header = sheet.table, sheet.header
    dated_header = F.header_date(header.label("population")) if sheet.kind == ESTATES else None
    for cells, number in zip(table.rows[header.index + 1 :], table.row_numbers[header.index + 1 :], strict=True):
        cells = list(cells)
        if F.skipped_row(cells) or F.is_example(cells, header.mapping):
            continue
        try:
            line: EstateLine | StaffLine = (_estate(cells, header.mapping, dated_header, today)
                                            if sheet.kind == ESTATES else _staff(cells, header.mapping))
        except F.RowProblem as exc:
            yield SheetRow(table.sheet, number, sheet.kind, None, exc.message)
        else:
            yield SheetRow(table.sheet, number, sheet.kind, line, None)


def _estate(cells: list[Any], mapping: dict[str, int], dated_header: date | None, today: date) -> EstateLine:
    def get(field: str) -> Any:
        return F.cell(cells, mapping, field)

    name = F.text_value(get("name"), "小区名称", 100)
    if name is None:
        raise F.RowProblem("缺少小区名称。")
    street = F.text_value(get("street"), "街道（镇）", 40)
    if street is None:
        raise F.RowProblem(f"小区“{name}”缺少所属街道（镇）。")
    population = F.count_value(get("population"), "常住人口", minimum=1, maximum=1_000_000, units="人")
    population_date = F.date_value(get("population_date"), "人口统计日期", latest=today)
    company = F.text_value(get("company"), "物业服务企业", 100)
    manager = F.text_value(get("manager"), "项目经理", 40)
    phone = F.phone_value(get("phone"), "联系电话")
    if company is None and (manager or phone):
        raise F.RowProblem("填写了项目经理或联系电话，但没有填写物业服务企业。")
    return EstateLine(
        street=street, name=name, committee=F.text_value(get("committee"), "居委会", 100),
        address=F.text_value(get("address"), "地址", 200),
        households=F.count_value(get("households"), "户数", minimum=0, maximum=100_000, units="户"),
        population=population,
        population_date=(population_date or dated_header) if population is not None else None,
        company=company, manager=manager, phone=phone, pilot=F.flag_value(get("pilot"), "是否试点"),
        notes=F.text_value(get("notes"), "备注", 4000),
    )


def _staff(cells: list[Any], mapping: dict[str, int]) -> StaffLine:
    def get(field: str) -> Any:
        return F.cell(cells, mapping, field)

    name = F.text_value(get("name"), "姓名", 40)
    if name is None:
        raise F.RowProblem("缺少姓名。")
    badge = F.text_value(get("badge"), "执法证号", 20)
    return StaffLine(name=name, badge=F.fold(badge) or None, position=F.text_value(get("position"), "职务", 40),
                     phone=F.phone_value(get("phone"), "联系电话"), street=F.text_value(get("street"), "所属街镇", 40),
                     active=F.flag_value(get("active"), "是否在岗"))
