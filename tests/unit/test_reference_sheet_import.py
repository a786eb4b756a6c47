"""Issue 18 point 3: estates, property companies and staff from Excel (our template and the district's sheets)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.reference import estates as est
from controllers.reference import lists, people, sheet_import, sheet_template
from controllers.reference.sheet_fields import header_date
from models.admin import AuditEntry
from tests.unit.bad_input_kit import assert_chinese_message, fingerprint
from tests.unit.reference_sheet_kit import (
    companies,
    district_sheet,
    estates,
    fill_template,
    populations,
    staff,
    workbook,
)

TODAY = date(2026, 3, 2)
ZERO = {"estates": 0, "property_companies": 0, "staff": 0}


@pytest.fixture
def ctx(app_ctx: AppContext, pin_clock) -> AppContext:  # type: ignore[no-untyped-def]
    pin_clock(TODAY)
    return app_ctx


def _template(ctx: AppContext, tmp_path: Path) -> Path:
    path = tmp_path / "模板.xlsx"
    sheet_template.write_template(ctx, path)
    return path


# ---- the template ------------------------------------------------------------------------------------------------


def test_template_has_both_sheets_with_chinese_headers_and_a_marked_example(ctx: AppContext, tmp_path: Path) -> None:
    wb = load_workbook(_template(ctx, tmp_path))
    assert wb.sheetnames == ["小区", "工作人员"]
    header = [c.value for c in wb["小区"][3]]
    assert header[:4] == ["序号", "街道（镇）", "居委会", "小区名称"]
    assert {"常住人口", "人口统计日期", "物业服务企业", "物业项目经理", "是否试点"} <= set(header)
    assert [c.value for c in wb["工作人员"][3]][:3] == ["序号", "姓名", "执法证号"]
    assert wb["小区"]["A4"].value == "示例" and wb["工作人员"]["A4"].value == "示例"
    assert "长征镇" in wb["小区"]["A2"].value  # the instructions name the district's streets


def test_template_left_as_downloaded_imports_nothing(ctx: AppContext, tmp_path: Path) -> None:
    result = sheet_import.run_import(ctx, _template(ctx, tmp_path))
    assert (result.imported, result.updated, result.unchanged, result.errors) == (ZERO, ZERO, 0, ())
    assert estates(ctx) == {} and staff(ctx) == {}


def test_filled_template_imports_estates_companies_populations_and_staff(ctx: AppContext, tmp_path: Path) -> None:
    path = fill_template(_template(ctx, tmp_path), estates=[
        [1, "长征镇", "梅岭居委", "梅岭小区", "梅岭北路100弄", 900, 2400, date(2025, 12, 31), "上海梅岭物业有限公司",
         "赵敏", "021-52345678", "是", None],
        [2, "真如镇街道", None, "清涧新村", None, None, 1500, None, "上海梅岭物业有限公司", None, None, "否", "老小区"],
    ], staff=[[1, "陈晓", "31012345", "队长", "13900001111", "长征镇", "是"],
              [2, "周强", None, "队员", None, None, "否"]])
    result = sheet_import.run_import(ctx, path)
    assert result.errors == ()
    assert result.imported == {"estates": 2, "property_companies": 1, "staff": 2}
    assert result.updated == ZERO and result.unchanged == 0
    got = estates(ctx)
    meiling = got["梅岭小区"]
    assert (meiling.street.name, meiling.residents_committee, meiling.address, meiling.households, meiling.pilot) == (
        "长征镇", "梅岭居委", "梅岭北路100弄", 900, True)
    assert meiling.property_company is not None and meiling.property_company.name == "上海梅岭物业有限公司"
    assert got["清涧新村"].street.name == "真如镇街道" and got["清涧新村"].notes == "老小区"
    assert populations(ctx, "梅岭小区") == [(date(2025, 12, 31), 2400)]
    assert populations(ctx, "清涧新村") == [(TODAY, 1500)]  # no date anywhere: as of the import
    assert companies(ctx) == {"上海梅岭物业有限公司": ("赵敏", "021-52345678")}
    assert staff(ctx) == {"陈晓": ("31012345", "队长", "13900001111", True), "周强": (None, "队员", None, False)}
    # the estate list shows the imported population as the one in force
    assert {r.name: r.population for r in est.list_estates(ctx)} == {"梅岭小区": 2400, "清涧新村": 1500}


# ---- the district's own sheet -----------------------------------------------------------------------------------


def test_district_sheet_with_title_merged_header_synonyms_and_totals(ctx: AppContext, tmp_path: Path) -> None:
    result = sheet_import.run_import(ctx, district_sheet(tmp_path / "长征镇小区.xlsx"))
    assert result.errors == ()
    assert result.imported == {"estates": 3, "property_companies": 2, "staff": 0}
    got = estates(ctx)
    assert sorted(got) == ["梅川一村", "梅川二村", "真如花园"]  # trailing spaces gone; totals and note skipped
    one, two, zhenru = got["梅川一村"], got["梅川二村"], got["真如花园"]
    assert (one.residents_committee, one.households, one.pilot) == ("梅川一居委", 1200, True)  # full-width digits
    assert two.street.name == "长征镇"  # the street cell merged down its estates
    assert (two.households, two.pilot) == (800, False)
    assert (zhenru.street.name, zhenru.households, zhenru.pilot) == ("真如镇街道", 650, True)  # 650户, Y
    assert populations(ctx, "梅川一村") == [(date(2025, 12, 31), 3500)]  # the header's date: 2025年底
    assert populations(ctx, "真如花园") == [(date(2025, 12, 31), 1800)]
    assert companies(ctx) == {"上海梅川物业有限公司": ("王建国", "021-62345678"),
                              "真如物业服务公司": ("李敏", "13812345678")}
    assert one.property_company_id == two.property_company_id


def test_second_import_of_the_same_file_changes_nothing(ctx: AppContext, tmp_path: Path) -> None:
    path = district_sheet(tmp_path / "小区.xlsx")
    sheet_import.run_import(ctx, path)
    before = fingerprint(ctx)
    again = sheet_import.run_import(ctx, path)
    assert (again.imported, again.updated, again.unchanged, again.errors) == (ZERO, ZERO, 3, ())
    assert fingerprint(ctx) == before


def test_an_estate_is_matched_by_street_and_normalised_name_and_updated(ctx: AppContext, tmp_path: Path) -> None:
    street = next(s.id for s in lists.list_streets(ctx) if s.name == "长征镇")
    est.create_estate(ctx, name="梅川 一村", street_id=street, households=1000, address="梅川路1弄",
                      populations=[est.PopulationInput(date(2024, 12, 31), 3000)])
    result = sheet_import.run_import(ctx, district_sheet(tmp_path / "小区.xlsx"))
    assert result.imported["estates"] == 2 and result.updated["estates"] == 1
    one = estates(ctx)["梅川 一村"]  # not renamed, not duplicated
    assert (one.households, one.address) == (1200, "梅川路1弄")  # the sheet has no address: kept
    assert populations(ctx, "梅川 一村") == [(date(2024, 12, 31), 3000), (date(2025, 12, 31), 3500)]


def test_undated_population_already_in_force_is_unchanged(ctx: AppContext, tmp_path: Path) -> None:
    rows = [["街道", "小区名称", "常住人口"], ["长征镇", "梅岭小区", 2400]]
    path = workbook(tmp_path / "a.xlsx", {"小区": rows})
    assert sheet_import.run_import(ctx, path).imported["estates"] == 1
    again = sheet_import.run_import(ctx, path)
    assert again.updated == ZERO and again.unchanged == 1
    assert populations(ctx, "梅岭小区") == [(TODAY, 2400)]


# ---- bad rows ----------------------------------------------------------------------------------------------------


def test_bad_rows_are_listed_with_their_excel_row_and_good_rows_imported(ctx: AppContext, tmp_path: Path) -> None:
    rows = [
        ["小区基础数据"],
        ["街道（镇）", "小区名称", "户数", "常住人口", "人口统计日期", "物业服务企业", "联系电话", "是否试点"],
        ["长征镇", "好小区", 100, 300, "2025-12-31", "好物业", "021-1234567", "是"],   # row 3: good
        ["火星街道", "外星小区", 100, 300, None, "坏物业", None, None],                  # 4: unknown street
        ["长征镇", None, 100, 300, None, None, None, None],                              # 5: no name
        ["长征镇", "户数小区", "很多", None, None, None, None, None],                    # 6: households not a number
        ["长征镇", "人口小区", None, 0, None, None, None, None],                         # 7: population 0
        ["长征镇", "试点小区", None, None, None, None, None, "也许"],                    # 8: flag unreadable
        ["长征镇", "好小区", 100, 300, None, None, None, None],                          # 9: duplicate of row 3
        ["长征镇", "电话小区", None, None, None, "某物业", "打这个号", None],             # 10: phone not digits
        ["长征镇", "日期小区", None, 300, "2099-01-01", None, None, None],               # 11: date after today
        ["长征镇", "经理小区", None, None, None, None, "13812345678", None],             # 12: phone, no company
        ["长征镇", "长" * 101, None, None, None, None, None, None],                      # 13: name too long
    ]
    result = sheet_import.run_import(ctx, workbook(tmp_path / "b.xlsx", {"小区": rows}))
    assert result.imported == {"estates": 1, "property_companies": 1, "staff": 0}
    assert [e.row for e in result.errors] == list(range(4, 14))
    for e in result.errors:
        assert e.sheet == "小区"
        assert_chinese_message(UserError(e.message))
    reasons = {e.row: e.message for e in result.errors}
    assert "火星街道" in reasons[4] and "不会新增" in reasons[4]
    assert "缺少小区名称" in reasons[5]
    assert "户数" in reasons[6] and "第 3 行重复" in reasons[9]
    assert sorted(estates(ctx)) == ["好小区"] and "坏物业" not in companies(ctx)  # a refused row creates nothing


def test_failure_midway_leaves_nothing(ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = district_sheet(tmp_path / "小区.xlsx")
    calls = []
    real = sheet_import._Plan._population

    def breaks_on_the_third(self, estate, line, *, new):  # type: ignore[no-untyped-def]
        calls.append(line.name)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(self, estate, line, new=new)

    monkeypatch.setattr(sheet_import._Plan, "_population", breaks_on_the_third)
    before = fingerprint(ctx)
    with pytest.raises(RuntimeError):
        sheet_import.run_import(ctx, path)
    assert fingerprint(ctx) == before and len(calls) == 3


def test_dry_run_reports_the_same_and_writes_nothing(ctx: AppContext, tmp_path: Path) -> None:
    path = district_sheet(tmp_path / "小区.xlsx")
    before = fingerprint(ctx)
    dry = sheet_import.run_import(ctx, path, dry_run=True)
    assert fingerprint(ctx) == before
    real = sheet_import.run_import(ctx, path)
    assert dry.as_json() == real.as_json() and dry.dry_run and not real.dry_run
    assert [(o.row, o.outcome) for o in dry.rows] == [(4, "new"), (5, "new"), (7, "new")]


def test_json_shape(ctx: AppContext, tmp_path: Path) -> None:
    rows = [["街道", "小区名称"], ["长征镇", "甲小区"], ["无名街道", "乙小区"]]
    got = sheet_import.run_import(ctx, workbook(tmp_path / "c.xlsx", {"名单": rows})).as_json()
    assert got == {"imported": {"estates": 1, "property_companies": 0, "staff": 0},
                   "updated": {"estates": 0, "property_companies": 0, "staff": 0}, "unchanged": 0,
                   "errors": [{"row": 3, "message": got["errors"][0]["message"], "sheet": "名单"}]}


# ---- staff -------------------------------------------------------------------------------------------------------


def test_staff_matched_by_badge_or_else_by_name(ctx: AppContext, tmp_path: Path) -> None:
    people.create_staff(ctx, name="陈晓", badge_no="31012345", position="队员")
    people.create_staff(ctx, name="王芳")
    people.create_staff(ctx, name="王芳")
    rows = [["姓名", "执法证号", "职务", "手机", "在岗"],
            ["陈晓", "３１０１２３４５", "队长", "13900001111", "是"],  # badge in full-width digits: the same person
            ["周强", None, "队员", None, None],
            ["王芳", None, "队员", None, None]]  # two 王芳 without a badge: which one?
    result = sheet_import.run_import(ctx, workbook(tmp_path / "s.xlsx", {"工作人员": rows}))
    assert result.imported["staff"] == 1 and result.updated["staff"] == 1
    assert [(e.row, "执法证号" in e.message) for e in result.errors] == [(4, True)]
    assert staff(ctx)["陈晓"] == ("31012345", "队长", "13900001111", True)


def test_both_sheets_of_one_workbook(ctx: AppContext, tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"小区": [["街道", "小区"], ["长征", "甲小区"]],
                                          "工作人员": [["姓名", "职务"], ["陈晓", "队员"], ["", "队员"]]})
    result = sheet_import.run_import(ctx, path)
    assert result.imported == {"estates": 1, "property_companies": 0, "staff": 1}
    assert [(e.sheet, e.row) for e in result.errors] == [("工作人员", 3)]
    assert estates(ctx)["甲小区"].street.name == "长征镇"  # the short name names the street too


# ---- files that are not estate lists ---------------------------------------------------------------------------


def test_csv_is_read_too(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "小区.csv"
    path.write_text("街道,小区名称,常住人口\n长征镇,甲小区,１２００\n", encoding="utf-8")
    assert sheet_import.run_import(ctx, path).imported["estates"] == 1


@pytest.mark.parametrize("rows", [[["工单编号", "受理时间"], ["W1", "2025-01-01"]], []])
def test_a_sheet_without_a_header_is_refused_in_chinese(ctx: AppContext, tmp_path: Path, rows: list) -> None:
    with pytest.raises(UserError) as info:
        sheet_import.run_import(ctx, workbook(tmp_path / "x.xlsx", {"工单": rows}))
    assert_chinese_message(info.value)


def test_import_is_audited(ctx: AppContext, tmp_path: Path) -> None:
    sheet_import.run_import(ctx, district_sheet(tmp_path / "小区.xlsx"))
    with ctx.db.session() as s:
        actions = {(a.action, a.entity) for a in s.scalars(select(AuditEntry))}
    assert ("import", "estates") in actions and ("create", "estates") in actions


@pytest.mark.parametrize(("header", "expected"), [
    ("常住人口（2025年底）", date(2025, 12, 31)), ("常住人口(2025年6月)", date(2025, 6, 30)),
    ("人口（2025-06-15）", date(2025, 6, 15)), ("常住人口（2026年初）", date(2026, 1, 1)),
    ("常住人口（人）", None), ("常住人口（2025年13月）", None),
])
def test_a_date_in_the_population_header(header: str, expected: date | None) -> None:
    assert header_date(header) == expected


def test_an_example_row_typed_over_is_imported_the_untouched_one_skipped(ctx: AppContext, tmp_path: Path) -> None:
    path = _template(ctx, tmp_path)
    wb = load_workbook(path)
    wb["小区"]["D4"] = "梅岭小区"  # the clerk typed their estate over the example and left 示例 in 序号
    wb.save(path)
    result = sheet_import.run_import(ctx, path)
    assert result.imported == {"estates": 1, "property_companies": 1, "staff": 0}  # 工作人员's example: skipped
    assert sorted(estates(ctx)) == ["梅岭小区"]
