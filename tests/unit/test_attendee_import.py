"""Attendee import: header below a title row, synonyms, blank rows, bad rows with their numbers, all-or-nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.reference.estates import create_property_company
from controllers.trainings.attendees import AttendeePreview, import_attendees, parse_pasted, read_attendees_file
from controllers.trainings.common import AttendeeInput, kind_choices
from controllers.trainings.records import TrainingInput, create_training, get_training


@pytest.fixture
def training_id(app_ctx: AppContext) -> int:
    return create_training(app_ctx, TrainingInput(kind_id=kind_choices(app_ctx)[0][0], title="物业培训",
                                                  starts_at=datetime(2025, 5, 6, 9, 0))).id


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_xlsx_with_title_row_blank_rows_and_bad_rows(app_ctx: AppContext, training_id: int, tmp_path: Path) -> None:
    company = create_property_company(app_ctx, name="上海甲物业有限公司").id
    path = _xlsx(tmp_path / "名单.xlsx", [
        ["物业企业培训签到名单"],                                   # row 1: title
        [],                                                          # row 2: blank
        ["序号", "名字", "工作单位", "岗位", "手机"],                 # row 3: header by synonyms
        [1, "张三", "上海甲物业有限公司", "项目经理", "138 1234 5678"],  # row 4
        [None, None, None, None, None],                              # row 5: blank
        [2, "", "某单位", "", ""],                                   # row 6: no name
        [3, "李四", "街道", "干部", "12abc"],                         # row 7: bad phone
        [4, "王五", "居委会", "书记", 13900001111],                   # row 8: number cell
    ])
    preview = read_attendees_file(app_ctx, path)
    assert preview.header_row == 3
    assert [p.name for p in preview.people] == ["张三", "王五"]
    assert preview.row_numbers == (4, 8)
    assert [(e.row, e.message) for e in preview.errors] == [
        (6, "第 6 行：请填写姓名。"), (7, "第 7 行：电话“12abc”含有非数字字符。")]
    zhang = preview.people[0]
    assert (zhang.organisation, zhang.role, zhang.phone, zhang.property_company_id) == (
        "上海甲物业有限公司", "项目经理", "13812345678", company)

    detail = import_attendees(app_ctx, training_id, preview)
    assert [a.name for a in detail.attendees] == ["张三", "王五"]


def test_cancelled_import_adds_nobody(app_ctx: AppContext, training_id: int, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "名单.xlsx", [["姓名", "单位"], ["张三", "甲"], ["李四", "乙"]])
    preview = read_attendees_file(app_ctx, path)
    assert len(preview.people) == 2
    # The user cancels the preview: import_attendees is never called, and reading saved nothing.
    assert get_training(app_ctx, training_id).attendees == ()


def test_file_without_name_column_is_refused(app_ctx: AppContext, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "x.xlsx", [["单位", "电话"], ["甲", "13812345678"]])
    with pytest.raises(UserError, match="姓名"):
        read_attendees_file(app_ctx, path)


def test_nothing_is_half_imported_when_the_write_fails(app_ctx: AppContext, training_id: int, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "x.xlsx", [["姓名", "物业公司"], ["张三", None], ["李四", None]])
    preview = read_attendees_file(app_ctx, path)
    # A company deleted between preview and import: the whole import is refused, no one is added.
    gone = AttendeeInput(name="李四", property_company_id=999)
    broken = AttendeePreview((preview.people[0], gone), preview.row_numbers, preview.errors, preview.header_row)
    with pytest.raises(UserError):
        import_attendees(app_ctx, training_id, broken)
    assert get_training(app_ctx, training_id).attendees == ()


def test_pasted_text_with_and_without_header() -> None:
    companies = [(7, "甲物业")]
    text = "姓名\t单位\t职务\t联系电话\r\n张三\t甲物业\t经理\t13812345678\r\n\r\n李四\t\t\t\r\n"
    with_header = parse_pasted(text, companies)
    assert with_header.header_row == 1
    assert [(p.name, p.property_company_id) for p in with_header.people] == [("张三", 7), ("李四", None)]
    assert with_header.row_numbers == (2, 4)
    bare = parse_pasted("王五\t乙单位\t志愿者\t13900001111\n\t丙\n", companies)
    assert bare.header_row is None
    assert [(p.name, p.organisation, p.role, p.phone) for p in bare.people] == [
        ("王五", "乙单位", "志愿者", "13900001111")]
    assert [(e.row, e.message) for e in bare.errors] == [(2, "第 2 行：请填写姓名。")]


def test_unknown_property_company_is_a_row_error() -> None:
    preview = parse_pasted("姓名\t物业公司\n张三\t不存在物业\n", [(1, "甲物业")])
    assert preview.people == ()
    assert preview.errors[0].row == 2 and "不在物业服务企业名单中" in preview.errors[0].message
