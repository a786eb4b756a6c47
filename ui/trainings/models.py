"""Qt item models of the trainings page: thin adapters over the controllers' frozen rows, plus the attendee grid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from controllers.core.privacy import mask_phone
from controllers.storage.attachments import AttachmentInfo
from controllers.trainings.common import AttendeeInput, ExampleCase, fmt_when
from controllers.trainings.records import TrainingRow
from controllers.trainings.stats import CompanyAttendance, CompanyTraining, QuarterTable
from ui.common.rows_model import RIGHT, AnyIndex, RowsModel


class TrainingListModel(RowsModel):
    """The trainings list."""

    (COL_WHEN, COL_KIND, COL_TITLE, COL_VENUE, COL_ORGANISER, COL_DEPTS, COL_ESTATES, COL_PLANNED, COL_ACTUAL,
     COL_TYPICAL) = range(10)
    NUMERIC_COLS = frozenset({COL_PLANNED, COL_ACTUAL, COL_TYPICAL})

    def headers(self) -> list[str]:
        return [self.tr("Date and time"), self.tr("Kind"), self.tr("Title"), self.tr("Venue"), self.tr("Organiser"),
                self.tr("Joint departments"), self.tr("Estates"), self.tr("Planned"), self.tr("Present"),
                self.tr("Typical cases")]

    def value(self, row: TrainingRow, column: int) -> Any:
        if column == self.COL_WHEN:
            return fmt_when(row.starts_at, row.ends_at)
        return (None, row.kind, row.title, row.venue, row.organiser, row.departments, row.estates,
                row.planned_count, row.actual_count, row.typical_cases or None)[column]


class CompanyAttendanceModel(RowsModel):
    """Property companies with their training attendance."""

    COL_COMPANY, COL_TRAININGS, COL_PEOPLE, COL_LAST = range(4)
    NUMERIC_COLS = frozenset({COL_TRAININGS, COL_PEOPLE})

    def headers(self) -> list[str]:
        return [self.tr("Property company"), self.tr("Trainings attended"), self.tr("Staff present"),
                self.tr("Last attended")]

    def value(self, row: CompanyAttendance, column: int) -> Any:
        if column == self.COL_LAST and row.last_date is None:
            return self.tr("Never")
        return (row.company, row.trainings, row.people, row.last_date)[column]


class CompanyTrainingsModel(RowsModel):
    """The trainings one company's staff attended."""

    NUMERIC_COLS = frozenset({3})

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Kind"), self.tr("Title"), self.tr("Staff present")]

    def value(self, row: CompanyTraining, column: int) -> Any:
        return (row.day, row.kind, row.title, row.people)[column]


class ExampleCaseModel(RowsModel):
    """Cases used as examples: number, category, estate, facts; no party data."""

    def headers(self) -> list[str]:
        return [self.tr("Case number"), self.tr("Category"), self.tr("Estate"), self.tr("Facts")]

    def value(self, row: ExampleCase, column: int) -> Any:
        return (row.number, row.category, row.estate, row.facts)[column]


class QuarterModel(QAbstractTableModel):
    """Per quarter (rows): sessions and people present for each kind (columns), then the total."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = QuarterTable((), ())

    def set_table(self, table: QuarterTable) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.kinds) + 2

    def value(self, row: int, col: int) -> tuple[int, int] | str:
        """The quarter's label in column 0, else (sessions, people) of a kind, the last column the total."""
        q = self._table.rows[row]
        if col == 0:
            return q.label
        if col == len(self._table.kinds) + 1:
            return q.total_sessions, q.total_attendees
        return q.sessions[col - 1], q.attendees[col - 1]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._table.rows):
            return None
        value = self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, str):
                return value
            return self.tr("%1 sessions / %2 people").replace("%1", str(value[0])).replace("%2", str(value[1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        if section == 0:
            return self.tr("Quarter")
        return self._table.kinds[section - 1] if section <= len(self._table.kinds) else self.tr("Total")


class AttendeeGridModel(QAbstractTableModel):
    """The editable attendee grid; phones show masked and are typed in full (EditRole)."""

    COL_NAME, COL_ORG, COL_ROLE, COL_PHONE, COL_COMPANY, COL_INVITED, COL_ATTENDED = range(7)
    TEXT_FIELDS = {COL_NAME: "name", COL_ORG: "organisation", COL_ROLE: "role", COL_PHONE: "phone"}
    CHECK_FIELDS = {COL_INVITED: "invited", COL_ATTENDED: "attended"}

    def __init__(self, companies: Sequence[tuple[int, str]] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AttendeeInput] = []
        self.companies = dict(companies)
        self._headers = [self.tr("Name"), self.tr("Organisation"), self.tr("Role"), self.tr("Phone"),
                         self.tr("Property company"), self.tr("Invited"), self.tr("Present")]

    def set_rows(self, rows: Sequence[AttendeeInput]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AttendeeInput]:
        return list(self._rows)

    def append_rows(self, rows: Sequence[AttendeeInput]) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def insertRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not 0 <= row <= len(self._rows) or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._rows[row:row] = [AttendeeInput(name="") for _ in range(count)]
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row:row + count]
        self.endRemoveRows()
        return True

    def set_all_attended(self, value: bool) -> None:
        self._rows = [replace(r, attended=value) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_ATTENDED), self.index(len(self._rows) - 1, self.COL_ATTENDED))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.CHECK_FIELDS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if col in self.CHECK_FIELDS:
            if role == Qt.ItemDataRole.CheckStateRole:
                checked = getattr(row, self.CHECK_FIELDS[col])
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            return None
        if col == self.COL_COMPANY:
            if role == Qt.ItemDataRole.EditRole:
                return row.property_company_id
            if role == Qt.ItemDataRole.DisplayRole:
                return self.companies.get(row.property_company_id, "") if row.property_company_id else ""
            return None
        value = getattr(row, self.TEXT_FIELDS[col]) or ""
        if role == Qt.ItemDataRole.DisplayRole:
            # Personal data: the grid may be on a shared screen, so the number shows in full only while typed.
            return mask_phone(value) if col == self.COL_PHONE else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, col = self._rows[index.row()], index.column()
        if col in self.CHECK_FIELDS and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            new = replace(row, **{self.CHECK_FIELDS[col]: checked})
        elif col == self.COL_COMPANY and role == Qt.ItemDataRole.EditRole:
            new = replace(row, property_company_id=int(value) if value else None)
        elif col in self.TEXT_FIELDS and role == Qt.ItemDataRole.EditRole:
            new = replace(row, **{self.TEXT_FIELDS[col]: str(value or "").strip() or None})
            if col == self.COL_NAME:
                new = replace(new, name=new.name or "")
        else:
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._headers[section] if 0 <= section < len(self._headers) else None
            return str(section + 1)  # the row number the validation messages (第 3 行) refer to
        return super().headerData(section, orientation, role)


class AttachmentModel(RowsModel):
    """A training's materials and photos."""

    NUMERIC_COLS = frozenset({3})

    def headers(self) -> list[str]:
        return [self.tr("Kind"), self.tr("File"), self.tr("Caption"), self.tr("Size (KB)")]

    def value(self, row: AttachmentInfo, column: int) -> Any:
        return (row.kind, row.filename, row.caption, max(1, round(row.size_bytes / 1024)))[column]
