"""Qt item models of the 巡查检查 page: thin adapters over the inspection controllers' frozen rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from controllers.inspections.coverage import EstateCoverage
from controllers.inspections.listing import PatrolRow
from controllers.inspections.patrols import CheckLine
from ui.common.rows_model import RowsModel
from ui.common.tints import WARNING_TINT


class PatrolListModel(RowsModel):
    """The patrols list: when, kind, officers, estates in route order, findings and what they became."""

    COL_WHEN, COL_KIND, COL_OFFICERS, COL_ESTATES, COL_FINDINGS, COL_BECAME = range(6)
    NUMERIC_COLS = frozenset({COL_FINDINGS})

    def headers(self) -> list[str]:
        return [self.tr("Date and time"), self.tr("Kind"), self.tr("Officers"), self.tr("Estates visited"),
                self.tr("Findings"), self.tr("What they became")]

    def value(self, row: PatrolRow, column: int) -> Any:
        if column == self.COL_BECAME:
            return self.became(row)
        return (row.started_at, row.kind, row.officers, row.estates, row.findings)[column]

    def became(self, row: PatrolRow) -> str:
        """“立案 1 · 移交 1 · 待处理 1”: every finding counted once."""
        pending = row.findings - row.cases - row.referrals - row.fixed_on_spot
        parts = [(self.tr("case"), row.cases), (self.tr("referred"), row.referrals),
                 (self.tr("fixed on the spot"), row.fixed_on_spot), (self.tr("pending"), pending)]
        return " · ".join(f"{label} {n}" for label, n in parts if n)

    def tooltip(self, row: PatrolRow, column: int) -> str | None:
        if column == self.COL_FINDINGS and row.finding_categories:
            return row.finding_categories
        return None


class CoverageModel(RowsModel):
    """Coverage per estate for a period: grade, inspections due, done, overdue."""

    COL_ESTATE, COL_STREET, COL_GRADE, COL_DUE, COL_DONE, COL_OVERDUE = range(6)
    NUMERIC_COLS = frozenset({COL_DUE, COL_DONE, COL_OVERDUE})

    def headers(self) -> list[str]:
        return [self.tr("Estate"), self.tr("Street"), self.tr("Grade"), self.tr("Due"), self.tr("Done"),
                self.tr("Overdue")]

    def value(self, row: EstateCoverage, column: int) -> Any:
        if column == self.COL_GRADE:
            return row.grade or self.tr("Not graded")
        return (row.estate, row.street, None, row.counts.due, row.counts.done, row.counts.overdue)[column]

    def background(self, row: EstateCoverage, column: int) -> QColor | None:
        return WARNING_TINT if row.counts.overdue else None

    def tooltip(self, row: EstateCoverage, column: int) -> str | None:
        return row.due_note or None if column == self.COL_DUE else None


class FindingsModel(RowsModel):
    """A patrol's findings (发现问题 lines) with what each became."""

    COL_ESTATE, COL_CATEGORY, COL_PLACE, COL_NOTE, COL_BECAME = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Estate"), self.tr("Category"), self.tr("Place"), self.tr("Note"), self.tr("Became")]

    def value(self, row: tuple[str, CheckLine], column: int) -> Any:
        estate, line = row
        if column == self.COL_BECAME:
            return self.became(line)
        return (estate, f"{line.category_code} {line.category}", line.place, line.note)[column]

    def became(self, line: CheckLine) -> str:
        if line.outcome is None:
            return self.tr("Pending: case, referral or fixed on the spot")
        if line.case_number:
            return f"{line.outcome} · {line.case_number}"
        return line.outcome

    def background(self, row: tuple[str, CheckLine], column: int) -> QColor | None:
        """A finding still waiting to become a case, a referral or fixed on the spot: the whole line warns."""
        return WARNING_TINT if row[1].outcome is None else None
