"""The guide's two small lists: the estates entered so far and the station's staff."""

from __future__ import annotations

from typing import Any

from controllers.reference.estates import EstateRow
from controllers.reference.people import StaffRow
from ui.common.rows_model import RowsModel


class EstatesSoFarModel(RowsModel):
    COL_NAME, COL_STREET, COL_COMMITTEE, COL_POPULATION, COL_COMPANY, COL_PILOT = range(6)
    NUMERIC_COLS = frozenset({COL_POPULATION})

    def headers(self) -> list[str]:
        return [self.tr("Estate"), self.tr("Street"), self.tr("Residents' committee"), self.tr("Population"),
                self.tr("Property company"), self.tr("Pilot")]

    def value(self, row: EstateRow, column: int) -> Any:
        return (row.name, row.street_name, row.residents_committee, row.population, row.property_company_name,
                row.pilot)[column]


class StaffSoFarModel(RowsModel):
    """Name and position only: the guide never shows a phone number."""

    COL_NAME, COL_POSITION, COL_ACTIVE = range(3)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Position"), self.tr("Active")]

    def value(self, row: StaffRow, column: int) -> Any:
        return (row.name, row.position, row.active)[column]
