"""Attendee lists from a spreadsheet: .xlsx/.csv files or tab-separated text pasted from Excel.

Built on controllers.documents.tabular (the complaint import's reader): header row found by synonyms even below a title
row, blank rows skipped, every bad row listed with its ORIGINAL row number and a Chinese reason. Reading only
previews; `import_attendees` then adds every valid row in one transaction, so cancelling imports nothing.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.permissions import requires
from controllers.documents import tabular
from controllers.trainings.common import AttendeeInput, Choice, property_company_choices
from controllers.trainings.records import TrainingDetail, add_attendees, validate_attendee

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "人员姓名", "参会人", "参训人员"),
    "organisation": ("单位", "工作单位", "所在单位", "单位名称"),
    "role": ("职务", "岗位", "身份", "职位"),
    "phone": ("电话", "联系电话", "手机", "手机号", "手机号码", "联系方式"),
    "company": ("物业公司", "物业服务企业", "物业企业", "所属物业"),
}
# Pasted rows with no header row are read in the grid's own column order.
POSITIONAL = ("name", "organisation", "role", "phone", "company")


@dataclass(frozen=True)
class RowError:
    """A row that cannot be imported: its number as the user sees it, and why."""

    row: int
    message: str


@dataclass(frozen=True)
class AttendeePreview:
    """What a file or paste would add: valid people (with their row numbers) and the rows refused."""

    people: tuple[AttendeeInput, ...]
    row_numbers: tuple[int, ...]
    errors: tuple[RowError, ...]
    header_row: int | None


def _company_lookup(companies: Sequence[Choice]) -> dict[str, int]:
    return {tabular.normalise_header(name): cid for cid, name in companies}


def _row(values: Sequence[Any], columns: dict[str, int], companies: dict[str, int], line: int) -> AttendeeInput:
    def cell(key: str) -> str | None:
        col = columns.get(key)
        return tabular.clean_text(values[col]) if col is not None and col < len(values) else None

    try:
        phone = tabular.normalise_phone(cell("phone"))
    except ValueError as exc:
        raise ValidationError(f"第 {line} 行：{exc}。", field="phone") from exc
    organisation, company_text = cell("organisation"), cell("company")
    company_id = None
    if company_text:
        company_id = companies.get(tabular.normalise_header(company_text))
        if company_id is None:
            raise ValidationError(f"第 {line} 行：物业公司“{company_text}”不在物业服务企业名单中，"
                                  "请核对名称或先在“基础数据”中添加。", field="company")
    elif organisation:
        # Staff of a property company usually give the company as their 单位: link it so the company's record counts it.
        company_id = companies.get(tabular.normalise_header(organisation))
    person = AttendeeInput(name=cell("name") or "", organisation=organisation or company_text, role=cell("role"),
                           phone=phone, property_company_id=company_id)
    return validate_attendee(person, line)


def _preview(rows: Sequence[Sequence[Any]], numbers: Sequence[int], companies: Sequence[Choice], *,
             header_required: bool) -> AttendeePreview:
    header_index, columns = tabular.detect_header(rows, SYNONYMS)
    if "name" not in columns:
        if header_required:
            raise UserError("没有找到“姓名”列。请确认表格有一行表头（如：姓名、单位、职务、联系电话）后再导入。")
        header_index, columns = -1, {key: i for i, key in enumerate(POSITIONAL)}
    lookup = _company_lookup(companies)
    people: list[AttendeeInput] = []
    kept: list[int] = []
    errors: list[RowError] = []
    for values, line in zip(rows[header_index + 1:], numbers[header_index + 1:], strict=True):
        try:
            people.append(_row(values, columns, lookup, line))
            kept.append(line)
        except ValidationError as exc:
            errors.append(RowError(line, exc.message))
    return AttendeePreview(tuple(people), tuple(kept), tuple(errors),
                           numbers[header_index] if header_index >= 0 else None)


@requires("edit_trainings")
def read_attendees_file(ctx: AppContext, path: str | os.PathLike[str]) -> AttendeePreview:
    """Preview an .xlsx/.csv attendee list (nothing is saved); the file needs a header row with 姓名."""
    table = tabular.read_table(path)
    if not table.rows:
        raise UserError("表格是空的，没有可导入的人员。")
    return _preview(table.rows, table.row_numbers, property_company_choices(ctx), header_required=True)


def parse_pasted(text: str, companies: Sequence[Choice]) -> AttendeePreview:
    """Rows pasted from a spreadsheet (tab-separated, header row optional), numbered as pasted lines."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    # Excel quotes cells containing line breaks; the csv module undoes that.
    try:
        for line, values in enumerate(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t"),
                                      start=1):
            if any(v.strip() for v in values):
                rows.append(values)
                numbers.append(line)
    except csv.Error as exc:  # a quote never closed runs into the csv module's field size limit
        raise UserError("粘贴的内容无法识别：有一个单元格过长，可能是引号没有配对。请检查后重新粘贴。") from exc
    return _preview(rows, numbers, companies, header_required=False)


@requires("edit_trainings")
def import_attendees(ctx: AppContext, training_id: int, preview: AttendeePreview) -> TrainingDetail:
    """Add the preview's valid people to the training: all in one transaction."""
    if not preview.people:
        raise UserError("没有可导入的人员：所有行都有错误，请修改表格后重新导入。")
    return add_attendees(ctx, training_id, list(preview.people))
