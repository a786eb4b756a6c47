"""Workbooks for the reference-data import tests, in the layouts the import must read (generated with openpyxl)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from controllers.core.context import AppContext
from models.reference import Estate, EstatePopulation, PropertyCompany, Staff


def workbook(path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]] | None = None) -> Path:
    """A workbook with the given sheets (rows as lists; None for an empty cell) and merged ranges per sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


def fill_template(template: Path, estates: list[list[Any]], staff: list[list[Any]] = ()) -> Path:  # type: ignore[assignment]
    """The downloaded template with rows typed below its example row, as a clerk fills it in."""
    wb = load_workbook(template)
    for row in estates:
        wb["小区"].append(row)
    for row in staff:
        wb["工作人员"].append(row)
    wb.save(template)
    return template


# A district sheet: a merged title, a two-row header with 物业服务企业 merged over its three columns, synonyms,
# a date in the population header, full-width digits, numbers stored as text, a street merged down its estates,
# trailing spaces, a column the import does not know, blank rows, a totals line and a note.
DISTRICT_ROWS: list[list[Any]] = [
    ["长征镇住宅小区基本情况表（2025年）", None, None, None, None, None, None, None, None, None, None],
    ["序号", "街镇", "居委", "小区", "总户数", "常住人口（2025年底）", "物业服务企业", None, None, "是否试点",
     "楼栋数"],
    [None, None, None, None, None, None, "名称", "项目经理", "联系电话", None, None],
    [1, "长征镇", "梅川一居委 ", "梅川一村 ", "１２００", "3,500", "上海梅川物业有限公司", "王建国", "021-62345678",
     "√", 30],
    [2, None, "梅川二居委", "梅川二村", 800, 2100, "上海梅川物业有限公司", "王建国", "021-62345678", "否", 12],
    [None] * 11,
    [3, "真如镇", "真如居委", "真如花园", "650户", "１８００", "真如物业服务公司", "李敏", "13812345678", "Y", 8],
    ["合计", None, None, None, 2650, 7400, None, None, None, None, 50],
    [None] * 11,
    ["注：人口为2025年底常住人口。"],
]
DISTRICT_MERGES = ["A1:K1", "G2:I2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "J2:J3", "K2:K3",
                   "B4:B5"]


def district_sheet(path: Path) -> Path:
    return workbook(path, {"Sheet1": DISTRICT_ROWS}, {"Sheet1": DISTRICT_MERGES})


def estates(ctx: AppContext) -> dict[str, Estate]:
    with ctx.db.session() as s:
        rows = s.scalars(select(Estate)).all()
        for e in rows:
            _ = e.property_company, e.populations, e.street
        s.expunge_all()
        return {e.name: e for e in rows}


def populations(ctx: AppContext, name: str) -> list[tuple[date, int]]:
    with ctx.db.session() as s:
        return [(p.as_of, p.population) for p in s.scalars(
            select(EstatePopulation).join(Estate).where(Estate.name == name).order_by(EstatePopulation.as_of))]


def companies(ctx: AppContext) -> dict[str, tuple[str | None, str | None]]:
    with ctx.db.session() as s:
        return {c.name: (c.project_manager, c.contact_phone) for c in s.scalars(select(PropertyCompany))}


def staff(ctx: AppContext) -> dict[str, tuple[str | None, str | None, str | None, bool]]:
    with ctx.db.session() as s:
        return {p.name: (p.badge_no, p.position, p.phone, p.active) for p in s.scalars(select(Staff))}
