"""The reference-data template: a workbook with sheets 小区 and 工作人员 that sheet_import reads back.

Each sheet has a title, a line of instructions naming the district's streets, the Chinese headers (each field's
first synonym in sheet_fields) and one example row. The example is marked 示例 in 序号 and skipped by the import,
so a clerk who fills in the rows below it and leaves it in imports nothing twice and nothing false.
"""

from __future__ import annotations

import os
from datetime import date

from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.documents.xlsx_writer import Column, Sheet, write_sheets
from controllers.reference.sheet_fields import ESTATE_FIELDS, EXAMPLE_ESTATE, EXAMPLE_MARK, EXAMPLE_STAFF, STAFF_FIELDS
from models.reference import Street

# (field, width, kind) in the template's column order; the header is the field's first synonym.
_ESTATE_COLUMNS = (("seq", 6, "text"), ("street", 12, "text"), ("committee", 14, "text"), ("name", 18, "text"),
                   ("address", 22, "text"), ("households", 8, "int"), ("population", 10, "int"),
                   ("population_date", 13, "date"), ("company", 24, "text"), ("manager", 12, "text"),
                   ("phone", 15, "text"), ("pilot", 9, "text"), ("notes", 24, "text"))
_STAFF_COLUMNS = (("seq", 6, "text"), ("name", 10, "text"), ("badge", 14, "text"), ("position", 12, "text"),
                  ("phone", 15, "text"), ("street", 12, "text"), ("active", 10, "text"))


@requires("view")
def write_template(ctx: AppContext, path: str | os.PathLike[str]) -> int:
    """Write the template to `path` (atomically); returns the number of sheets."""
    with ctx.db.session() as s:
        streets = list(s.scalars(select(Street.name).order_by(Street.sort_order, Street.id)))
    street = streets[0] if streets else "某某镇"
    known = "、".join(streets) if streets else "（尚未设置街镇，请先在“基础数据—街镇”中添加）"
    skipped = f"第 4 行是示例（序号为“{EXAMPLE_MARK}”），导入时自动跳过，可保留也可删除；从第 5 行起填写。"
    estates = Sheet(
        name="小区", title="住宅小区基础数据",
        subtitle=(f"{skipped}街道（镇）须为本区已有街镇：{known}。小区按“街道（镇）+小区名称”识别，重复导入只更新有变化"
                  "的内容，空白单元格不会清除已有数据。是否试点填“是”或“否”；人口统计日期不填时按导入当天计。"),
        columns=[Column(ESTATE_FIELDS[f][0], w, k) for f, w, k in _ESTATE_COLUMNS],
        rows=[(EXAMPLE_MARK, street, "梅川一居委", EXAMPLE_ESTATE, "梅川路100弄", 1200, 3500, date(2025, 12, 31),
               "某某物业管理有限公司", "王经理", "021-62345678", "是", "本行为示例，不会导入")],
    )
    staff = Sheet(
        name="工作人员", title="工作室工作人员",
        subtitle=(f"{skipped}有执法证号的按证号识别，没有的按姓名识别。是否在岗填“是”或“否”，"
                  "不填按在岗计。"),
        columns=[Column(STAFF_FIELDS[f][0], w, k) for f, w, k in _STAFF_COLUMNS],
        rows=[(EXAMPLE_MARK, EXAMPLE_STAFF, "31000000", "队员", "13800000000", street, "是")],
    )
    write_sheets(path, [estates, staff])
    return 2
