"""The small lists' one rows model and the app's one set of item roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.common.rows_model import ID_ROLE, ROW_ROLE, SORT_ROLE, RowsModel

ROOT = Path(__file__).resolve().parents[2]
USES_USER_ROLE = re.compile(r"ItemDataRole\.UserRole\b")


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    count: int | None
    on: date | None
    at: datetime
    active: bool


class Model(RowsModel):
    COL_NAME, COL_COUNT, COL_ON, COL_AT, COL_ACTIVE = range(5)
    NUMERIC_COLS = frozenset({COL_COUNT})

    def headers(self) -> list[str]:
        return ["名称", "数量", "日期", "时间", "有效"]

    def value(self, row: Row, column: int) -> object:
        return (row.name, row.count, row.on, row.at, row.active)[column]


def test_the_roles_are_named_once_with_distinct_values() -> None:
    assert len({ROW_ROLE, ID_ROLE, SORT_ROLE}) == 3
    elsewhere = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "ui").rglob("*.py"))
                 if p.name != "rows_model.py" and USES_USER_ROLE.search(p.read_text(encoding="utf-8"))]
    assert elsewhere == []  # every model and item widget takes its roles from ui.common.rows_model


def test_rows_show_sort_and_identify(shell_app: QApplication, qtmodeltester) -> None:
    model = Model()
    rows = [Row(7, "甲", 12, date(2025, 3, 5), datetime(2025, 3, 5, 9, 30, 15), True),
            Row(9, "乙", None, None, datetime(2025, 3, 6, 14, 0), False)]
    model.set_rows(rows)
    qtmodeltester.check(model)
    cell = model.index

    def shown(r: int) -> list[object]:
        return [model.data(cell(r, c)) for c in range(5)]

    assert shown(0) == ["甲", "12", "2025-03-05", "2025-03-05 09:30", "是"]
    assert shown(1) == ["乙", "", "", "2025-03-06 14:00", ""]
    assert [model.data(cell(r, Model.COL_COUNT), SORT_ROLE) for r in range(2)] == [12, -1]  # empty sorts first
    assert model.data(cell(1, 0), ROW_ROLE) is rows[1] and model.data(cell(1, 3), ID_ROLE) == 9
    assert model.data(cell(0, Model.COL_COUNT), Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.row_of_id(9) == 1 and model.row_of_id(1) == -1
    model.set_rows([])
    assert model.rowCount() == 0
