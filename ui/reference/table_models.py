"""Qt table models for the reference lists: one thin adapter per kind over the controllers' frozen rows."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from controllers.core.privacy import mask_phone
from controllers.reference.estates import ContactInput, EstateRow, PopulationInput, PropertyCompanyRow
from controllers.reference.legal import CategoryRow, RegulationRow
from controllers.reference.lists import CalendarDayRow, NamedRow, StreetRow
from controllers.reference.people import DepartmentRow, StaffRow
from ui.common.rows_model import AnyIndex, RowsModel

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


class StreetTableModel(RowsModel):
    """Streets and towns."""

    COL_NAME, COL_SHORT_NAME, COL_KIND, COL_ESTATES = range(4)
    NUMERIC_COLS = frozenset({COL_ESTATES})

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Short name (in case numbers)"), self.tr("Kind"), self.tr("Estates")]

    def value(self, row: StreetRow, column: int) -> Any:
        return (row.name, row.short_name, row.kind, row.estate_count)[column]


class EstateTableModel(RowsModel):
    """Estates; contacts appear masked."""

    (COL_NAME, COL_STREET, COL_COMMITTEE, COL_HOUSEHOLDS, COL_POPULATION, COL_PILOT, COL_GRADE, COL_COMPANY,
     COL_CONTACTS, COL_ALIASES) = range(10)
    NUMERIC_COLS = frozenset({COL_HOUSEHOLDS, COL_POPULATION})

    def headers(self) -> list[str]:
        return [self.tr("Estate"), self.tr("Street"), self.tr("Residents' committee"), self.tr("Households"),
                self.tr("Population"), self.tr("Pilot"), self.tr("Grade"), self.tr("Property company"),
                self.tr("Contacts"), self.tr("Aliases")]

    def value(self, row: EstateRow, column: int) -> Any:
        return (row.name, row.street_name, row.residents_committee, row.households, row.population, row.pilot,
                row.grade_name, row.property_company_name, row.contact_summary, row.aliases)[column]


class PropertyCompanyTableModel(RowsModel):
    """Property companies."""

    COL_NAME, COL_MANAGER, COL_PHONE, COL_ADDRESS, COL_ESTATES = range(5)
    NUMERIC_COLS = frozenset({COL_ESTATES})

    def headers(self) -> list[str]:
        return [self.tr("Company"), self.tr("Project manager"), self.tr("Phone"), self.tr("Address"),
                self.tr("Estates")]

    def value(self, row: PropertyCompanyRow, column: int) -> Any:
        return (row.name, row.project_manager, row.contact_phone, row.address, row.estate_count)[column]


class StaffTableModel(RowsModel):
    """Station staff."""

    COL_NAME, COL_BADGE, COL_POSITION, COL_PHONE, COL_STREET, COL_ACTIVE = range(6)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Badge no."), self.tr("Position"), self.tr("Phone"), self.tr("Street"),
                self.tr("Active")]

    def value(self, row: StaffRow, column: int) -> Any:
        return (row.name, row.badge_no, row.position, row.phone, row.street_name, row.active)[column]


class CategoryTableModel(RowsModel):
    """Enforcement categories with deadline and default legal basis."""

    COL_CODE, COL_NAME, COL_DEADLINE, COL_REFERRAL_ONLY, COL_ACTIVE, COL_REGULATIONS = range(6)

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Category"), self.tr("Deadline"), self.tr("Referral only"),
                self.tr("Active"), self.tr("Legal basis")]

    def value(self, row: CategoryRow, column: int) -> Any:
        deadline = (self.tr("%1 working days") if row.working_days else self.tr("%1 days")).replace(
            "%1", str(row.deadline_days))
        return (row.code, row.name, deadline, row.referral_only, row.active, row.regulation_names)[column]


class RegulationTableModel(RowsModel):
    """Regulations of the annex."""

    COL_ANNEX, COL_NAME, COL_ALL, COL_ARTICLES = range(4)
    NUMERIC_COLS = frozenset({COL_ANNEX})

    def headers(self) -> list[str]:
        return [self.tr("Annex no."), self.tr("Regulation"), self.tr("Applies to every case"), self.tr("Articles")]

    def value(self, row: RegulationRow, column: int) -> Any:
        return (row.annex_no, row.name, row.applies_to_all, row.articles)[column]


class DepartmentTableModel(RowsModel):
    """Departments and their duties."""

    COL_NAME, COL_DUTY, COL_REFERRAL, COL_CONTACT = range(4)

    def headers(self) -> list[str]:
        return [self.tr("Department"), self.tr("Duty"), self.tr("Typical referral"), self.tr("Contact")]

    def value(self, row: DepartmentRow, column: int) -> Any:
        return (row.name, row.duty, row.typical_referral, row.contact)[column]


class CalendarTableModel(RowsModel):
    """Holidays and make-up working days of a year."""

    COL_DAY, COL_WEEKDAY, COL_KIND, COL_NAME = range(4)

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Weekday"), self.tr("Kind"), self.tr("Name")]

    def value(self, row: CalendarDayRow, column: int) -> Any:
        return (row.day, "周" + WEEKDAYS[row.day.weekday()], row.kind, row.name)[column]


class NamedTableModel(RowsModel):
    """A simple editable list (estate grades, training kinds) with its use count."""

    COL_NAME, COL_ORDER, COL_USES = range(3)
    NUMERIC_COLS = frozenset({COL_ORDER, COL_USES})

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Order"), self.tr("In use")]

    def value(self, row: NamedRow, column: int) -> Any:
        return (row.name, row.sort_order, row.use_count)[column]


class PopulationTableModel(RowsModel):
    """An estate's population history inside the estate dialog."""

    COL_AS_OF, COL_POPULATION, COL_SOURCE = range(3)
    NUMERIC_COLS = frozenset({COL_POPULATION})

    def headers(self) -> list[str]:
        return [self.tr("As of"), self.tr("Population"), self.tr("Source")]

    def value(self, row: PopulationInput, column: int) -> Any:
        return (row.as_of, row.population, row.source)[column]

    def add(self, item: PopulationInput) -> None:
        """Insert keeping the history in date order."""
        pos = sum(1 for r in self._rows if r.as_of and item.as_of and r.as_of < item.as_of)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._rows.insert(pos, item)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()


class ContactTableModel(RowsModel):
    """An estate's contacts inside the estate dialog; shows real phones (the dialog is for editing)."""

    COL_ROLE, COL_NAME, COL_PHONE, COL_NOTE = range(4)
    EDITABLE = (COL_NAME, COL_PHONE, COL_NOTE)

    def __init__(self, parent: Any = None, *, masked: bool = False) -> None:
        super().__init__(parent)
        self.masked = masked

    def headers(self) -> list[str]:
        return [self.tr("Role"), self.tr("Name"), self.tr("Phone"), self.tr("Note")]

    def value(self, row: ContactInput, column: int) -> Any:
        phone = mask_phone(row.phone) if self.masked else row.phone
        return (row.role, row.name, phone, row.note)[column]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in self.EDITABLE and not self.masked:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self.display(self.value(self._rows[index.row()], index.column()))
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in self.EDITABLE:
            return False
        old = self._rows[index.row()]
        text = str(value or "").strip() or None
        fields = {self.COL_NAME: "name", self.COL_PHONE: "phone", self.COL_NOTE: "note"}
        # The name is required, so an emptied name stays "" and the controller reports it on save.
        new_value = (text or "") if index.column() == self.COL_NAME else text
        self._rows[index.row()] = replace(old, **{fields[index.column()]: new_value})
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def add(self, item: ContactInput) -> None:
        pos = len(self._rows)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._rows.append(item)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
