"""The supervision page's lists: candidates for a 督办单 (grouped by rule), the 督办单 themselves, and the 年度考核's
streets/estates, departments and officers."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from controllers.assessment.figures import TILE_NAMES, DepartmentLine, OfficerLine, UnitGoals, shown
from controllers.orders.records import OrderRow
from controllers.supervision.candidates import Candidate, CandidateGroup
from controllers.supervision.warnings import EstateWarning, Widespread
from ui.common.estimates import marked_day
from ui.common.rows_model import RowsModel
from ui.common.tints import WARNING_TINT

TILE_KEYS = tuple(TILE_NAMES)


class CandidateTableModel(RowsModel):
    """One line per candidate, in the controller's rule order: rule, item, suggested reason, why, who."""

    COL_RULE, COL_ITEM, COL_REASON, COL_WHY, COL_ADDRESSEE = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Rule"), self.tr("Item"), self.tr("Reason"), self.tr("Why"), self.tr("Responsible")]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._titles: dict[str, str] = {}  # rule → its title, from the last groups shown

    def set_groups(self, groups: tuple[CandidateGroup, ...]) -> None:
        self._titles = {g.rule: g.title for g in groups}
        self.set_rows([c for g in groups for c in g.items])

    def value(self, row: Candidate, column: int) -> Any:
        return (self._titles.get(row.rule, row.rule), row.label, row.reason, row.why, row.addressee)[column]


class OrderTableModel(RowsModel):
    """Every 督办单, newest first: number, item, reason, addressee, deadline, status, answer."""

    COL_NUMBER, COL_ITEM, COL_REASON, COL_ADDRESSEE, COL_DEADLINE, COL_STATUS, COL_ANSWER = range(7)

    def headers(self) -> list[str]:
        return [self.tr("Number"), self.tr("Item"), self.tr("Reason"), self.tr("Pressed"), self.tr("Deadline"),
                self.tr("Status"), self.tr("Answer")]

    def value(self, row: OrderRow, column: int) -> Any:
        return (row.number_text, row.subject_label, f"{row.reason}：{row.reason_text}", row.addressee,
                marked_day(row.deadline, row.deadline_note),
                row.status, row.answer or "")[column]

    def background(self, row: OrderRow, column: int) -> QColor | None:
        return WARNING_TINT if row.overdue and column in (self.COL_DEADLINE, self.COL_STATUS) else None

    def tooltip(self, row: OrderRow, column: int) -> str | None:
        if column == self.COL_DEADLINE and row.deadline_note:
            return row.deadline_note
        return "\n".join(f"{day} {who}：{what}" for day, who, what in row.history)


class GoalsTableModel(RowsModel):
    """Streets or estates (UnitGoals): each goal as “actual（目标 target）”, tinted when not met."""

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Street"), self.tr("Complaints per 10k"),
                self.tr("Per 10k without repeats"), self.tr("Cases"), self.tr("Closure rate"),
                self.tr("On-time rate"), self.tr("Recurrence rate"), self.tr("Overdue")]

    NUMERIC_COLS = frozenset(range(2, 9))

    def value(self, row: UnitGoals, column: int) -> Any:
        if column == 0:
            return row.name
        if column == 1:
            return row.street
        tile = row.tile(TILE_KEYS[column - 2])
        text = shown(tile)
        if tile.target is not None:
            text += self.tr(" (target %1)").replace("%1", f"{tile.target:g}")
        return text

    def background(self, row: UnitGoals, column: int) -> QColor | None:
        return WARNING_TINT if column >= 2 and row.tile(TILE_KEYS[column - 2]).met is False else None


class DepartmentTableModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Department"), self.tr("Referrals"), self.tr("Replied on time"),
                self.tr("Average working days to reply"), self.tr("Returned")]

    NUMERIC_COLS = frozenset(range(1, 5))

    def value(self, row: DepartmentLine, column: int) -> Any:
        return (row.name, row.referrals, row.on_time, row.avg_reply_days, row.returned)[column]


class OfficerTableModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Officer"), self.tr("Cases"), self.tr("On-time rate (%)"), self.tr("Open cases")]

    NUMERIC_COLS = frozenset(range(1, 4))

    def value(self, row: OfficerLine, column: int) -> Any:
        return (row.name, row.cases, row.on_time_rate, row.open)[column]


class WarningTableModel(RowsModel):
    """苗头 flags: 普遍性难点 first, then each estate's; what rose and by how much, in words."""

    def headers(self) -> list[str]:
        return [self.tr("Flag"), self.tr("Recent"), self.tr("Why")]

    def value(self, row: EstateWarning | Widespread, column: int) -> Any:
        recent = row.recent if isinstance(row, EstateWarning) else sum(w.recent for w in row.warnings)
        return (row.label, recent, row.why)[column]

    def background(self, row: EstateWarning | Widespread, column: int) -> QColor | None:
        return WARNING_TINT if isinstance(row, Widespread) and column == 0 else None
