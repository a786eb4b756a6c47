"""Import of estates, their property companies and station staff from Excel: our template or the district's own
sheets (sheet_rows reads them), matched against what is stored and written in ONE transaction.

A row with an error is listed with its reason and skipped whole (its company is not created either); anything
unexpected rolls everything back. An estate is matched by street + name (spaces and full-width folded, an alias
counts), a company by name, staff by 执法证号 or else by name. A blank cell never clears a stored value, so a sheet
without a column leaves that field alone and importing the same file again changes nothing. Streets are the
district's: an unknown one is an error, never created.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from controllers.core import audit, clock
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from controllers.reference.estates import PopulationInput, population_in_force
from controllers.reference.sheet_fields import match_key
from controllers.reference.sheet_rows import EstateLine, SheetRow, StaffLine, read_rows
from models.reference import Estate, EstatePopulation, PropertyCompany, Staff, Street

log = logging.getLogger(__name__)

KINDS = ("estates", "property_companies", "staff")
NEW, UPDATED, UNCHANGED, ERROR = "new", "updated", "unchanged", "error"


@dataclass(frozen=True)
class RowError:
    """A row not imported: its sheet, the row number Excel shows, and the Chinese reason."""

    sheet: str | None
    row: int
    message: str


@dataclass(frozen=True)
class RowOutcome:
    """What importing a row did (or, in a dry run, would do): for the preview."""

    sheet: str | None
    row: int
    kind: str  # "estates" or "staff"
    name: str
    outcome: str  # NEW, UPDATED, UNCHANGED or ERROR
    message: str = ""


@dataclass(frozen=True)
class ImportResult:
    """Counts per kind of record, the unchanged rows and the refused ones; a dry run reports the same."""

    source: str
    dry_run: bool
    imported: dict[str, int]
    updated: dict[str, int]
    unchanged: int
    errors: tuple[RowError, ...]
    rows: tuple[RowOutcome, ...] = field(default=(), repr=False)

    @property
    def changed(self) -> bool:
        return any(self.imported.values()) or any(self.updated.values())

    def as_json(self) -> dict[str, Any]:
        return {"imported": dict(self.imported), "updated": dict(self.updated), "unchanged": self.unchanged,
                "errors": [{"row": e.row, "message": e.message, "sheet": e.sheet} for e in self.errors]}


@requires("edit_reference")
def run_import(ctx: AppContext, path: str | os.PathLike[str], *, dry_run: bool = False) -> ImportResult:
    """Import every good row of the file's estate and staff sheets in one transaction (none when dry_run)."""
    today = clock.today()
    source, rows = read_rows(path, today=today)
    with rc.write(ctx, "基础数据") as s:
        plan = _Plan(s, source, today)
        outcomes = [plan.apply(r) for r in rows]
        s.flush()
        if dry_run:
            s.rollback()
        elif plan.changed:
            audit.record(ctx, "import", entity="estates", session=s,
                         detail={"rows": sum(o.outcome in (NEW, UPDATED) for o in outcomes)})
    return ImportResult(
        source=source, dry_run=dry_run, imported=dict(plan.imported), updated=dict(plan.updated),
        unchanged=sum(o.outcome == UNCHANGED for o in outcomes),
        errors=tuple(RowError(o.sheet, o.row, o.message) for o in outcomes if o.outcome == ERROR),
        rows=tuple(outcomes),
    )


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _street_keys(name: str) -> set[str]:
    """长征镇, 长征 and 长征镇街道 all name the same street."""
    key = match_key(name)
    return {key, re.sub(r"(街道办事处|街道|镇)$", "", key)} - {""}


class _Plan:
    """The database as the import sees it, and the changes so far; one per run, inside its transaction."""

    def __init__(self, s: Session, source: str, today: date) -> None:
        self.s = s
        self.today = today
        self.source = f"Excel 导入：{source}"[:100]
        self.imported = dict.fromkeys(KINDS, 0)
        self.updated = dict.fromkeys(KINDS, 0)
        self.streets: dict[str, Street] = {}
        for st in s.scalars(select(Street).order_by(Street.sort_order)):
            for key in _street_keys(st.name) | _street_keys(st.short_name):
                self.streets.setdefault(key, st)
        self.estates: dict[tuple[int, str], Estate] = {}
        for e in s.scalars(select(Estate).options(selectinload(Estate.aliases), selectinload(Estate.populations))):
            self.estates[(e.street_id, match_key(e.name))] = e
            for a in e.aliases:
                self.estates.setdefault((e.street_id, match_key(a.alias)), e)
        self.companies = {match_key(c.name): c for c in s.scalars(select(PropertyCompany))}
        self.staff = list(s.scalars(select(Staff)))
        self.seen: dict[Any, int] = {}  # what a row of this file already matched -> that row
        self.companies_done: set[str] = set()  # the first row naming a company sets its manager and phone

    @property
    def changed(self) -> bool:
        return any(self.imported.values()) or any(self.updated.values())

    def apply(self, row: SheetRow) -> RowOutcome:
        name = row.line.name if row.line else ""
        if row.problem is not None or row.line is None:
            return RowOutcome(row.sheet, row.row, row.kind, name, ERROR, row.problem or "")
        try:
            if isinstance(row.line, EstateLine):
                outcome = self._estate(row, row.line)
            else:
                assert isinstance(row.line, StaffLine)
                outcome = self._staff(row, row.line)
        except _Refused as exc:
            return RowOutcome(row.sheet, row.row, row.kind, name, ERROR, exc.message)
        return RowOutcome(row.sheet, row.row, row.kind, name, outcome)

    def _once(self, key: Any, row: SheetRow, what: str) -> None:
        first = self.seen.setdefault(key, row.row)
        if first != row.row:
            raise _Refused(f"{what}与第 {first} 行重复，只导入第 {first} 行。")

    def _street(self, name: str) -> Street:
        street = next((self.streets[k] for k in _street_keys(name) if k in self.streets), None)
        if street is None:
            raise _Refused(f"街镇“{name}”不在本区街镇名单中（街镇由区里统一设置，导入不会新增）。请检查名称。")
        return street

    # ---- estates ---------------------------------------------------------------------------------------------

    def _estate(self, row: SheetRow, line: EstateLine) -> str:
        # Everything that can refuse the row comes before the first change, so a row is never half-imported.
        street = self._street(line.street)
        key = (street.id, match_key(line.name))
        self._once(("estate", *key), row, f"{street.name}的小区“{line.name}”")
        estate = self.estates.get(key)
        company = self._company(line) if line.company else None
        if estate is None:
            estate = Estate(name=line.name, street_id=street.id, pilot=bool(line.pilot))
            self.s.add(estate)
            self.estates[key] = estate
            self._fill(estate, line, company)
            self._population(estate, line, new=True)
            self.imported["estates"] += 1
            return NEW
        changed = self._fill(estate, line, company)
        changed = self._population(estate, line, new=False) or changed
        if changed:
            rc.touch(estate)
            self.updated["estates"] += 1
            return UPDATED
        return UNCHANGED

    def _fill(self, estate: Estate, line: EstateLine, company: PropertyCompany | None) -> bool:
        given = {"residents_committee": line.committee, "address": line.address, "households": line.households,
                 "pilot": line.pilot, "notes": line.notes, "property_company": company}
        return _set_given(estate, given)

    def _population(self, estate: Estate, line: EstateLine, *, new: bool) -> bool:
        """A dated figure is stored on its date; an undated one as of today, unless it is already in force."""
        if line.population is None:
            return False
        existing = [] if new else list(estate.populations)
        if line.population_date is None:
            in_force = population_in_force([PopulationInput(p.as_of, p.population) for p in existing], self.today)
            if in_force == line.population:
                return False
        as_of = line.population_date or self.today
        same_day = next((p for p in existing if p.as_of == as_of), None)
        if same_day is None:
            estate.populations.append(EstatePopulation(as_of=as_of, population=line.population, source=self.source))
            return True
        if same_day.population == line.population:
            return False
        same_day.population, same_day.source = line.population, self.source
        return True

    def _company(self, line: EstateLine) -> PropertyCompany:
        assert line.company is not None
        key = match_key(line.company)
        company = self.companies.get(key)
        first_mention = key not in self.companies_done
        self.companies_done.add(key)
        if company is None:
            company = PropertyCompany(name=line.company, project_manager=line.manager, contact_phone=line.phone)
            self.s.add(company)
            self.companies[key] = company
            self.imported["property_companies"] += 1
        elif first_mention and _set_given(company, {"project_manager": line.manager,
                                                     "contact_phone": line.phone}):
            rc.touch(company)
            self.updated["property_companies"] += 1
        return company

    # ---- staff -----------------------------------------------------------------------------------------------

    def _staff(self, row: SheetRow, line: StaffLine) -> str:
        street = self._street(line.street) if line.street else None
        self._once(("badge", line.badge) if line.badge else ("staff", match_key(line.name)), row,
                   f"工作人员“{line.name}”")
        person = self._find_staff(line)
        given = {"name": line.name, "badge_no": line.badge, "position": line.position, "phone": line.phone,
                 "street_id": street.id if street else None, "active": line.active}
        if person is None:
            person = Staff(active=True)
            self.s.add(person)
            self.staff.append(person)
            _set_given(person, given)
            self.imported["staff"] += 1
            return NEW
        if _set_given(person, given):
            rc.touch(person)
            self.updated["staff"] += 1
            return UPDATED
        return UNCHANGED

    def _find_staff(self, line: StaffLine) -> Staff | None:
        if line.badge:
            by_badge = next((p for p in self.staff if p.badge_no == line.badge), None)
            if by_badge is not None:
                return by_badge
        key = match_key(line.name)
        # Without a badge on either side the name decides; a stored badge that differs is another person.
        same = [p for p in self.staff if match_key(p.name or "") == key and not (line.badge and p.badge_no)]
        if len(same) > 1:
            raise _Refused(f"已有 {len(same)} 名工作人员叫“{line.name}”，请填写执法证号以区分。")
        return same[0] if same else None


def _set_given(record: Any, values: dict[str, Any]) -> bool:
    """Set the values that were given (not None) and differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if value is not None and getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


__all__ = ["ImportResult", "RowError", "RowOutcome", "run_import"]
