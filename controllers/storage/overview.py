"""Read-only overviews of a data directory: schema version and record counts, and the reference data."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from controllers.core.context import AppContext
from controllers.core.permissions import requires
from models import migrate
from models.cases import Case
from models.complaints import Complaint
from models.meetings import Meeting
from models.reference import Category, Department, Estate, PropertyCompany, Regulation, Street
from models.trainings import Training

COUNTED = {
    "streets": Street,
    "estates": Estate,
    "property_companies": PropertyCompany,
    "categories": Category,
    "regulations": Regulation,
    "departments": Department,
    "cases": Case,
    "complaints": Complaint,
    "trainings": Training,
    "meetings": Meeting,
}


@dataclass(frozen=True)
class DataInfo:
    """What `info` reports: schema revision, folder and how many records of each kind."""

    schema_version: str | None
    data_dir: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoryInfo:
    """A category with the names of the regulations it cites by default."""

    code: str
    name: str
    legal_basis: list[str]
    deadline_days: int
    working_days: bool


@dataclass(frozen=True)
class RegulationInfo:
    """A regulation of the plan's annex."""

    annex_no: int | None
    name: str


@dataclass(frozen=True)
class DepartmentInfo:
    """A department and its duty in the plan."""

    name: str
    duty: str | None


@dataclass(frozen=True)
class StreetInfo:
    """A street or town of the district."""

    name: str
    short_name: str
    kind: str


@dataclass(frozen=True)
class ReferenceInfo:
    """All reference data `reference` prints."""

    categories: list[CategoryInfo]
    regulations: list[RegulationInfo]
    departments: list[DepartmentInfo]
    streets: list[StreetInfo]


@requires("view")
def data_info(ctx: AppContext) -> DataInfo:
    """Schema revision and record counts of the opened data directory."""
    with ctx.db.session() as s:
        counts = {key: int(s.scalar(select(func.count()).select_from(model)) or 0) for key, model in COUNTED.items()}
    return DataInfo(
        schema_version=migrate.current_revision(ctx.db.engine),
        data_dir=str(ctx.data_dir.root),
        counts=counts,
    )


@requires("view")
def reference_info(ctx: AppContext) -> ReferenceInfo:
    """The reference data as it stands now (seeded, then maybe edited by the station)."""
    with ctx.db.session() as s:
        categories = [
            CategoryInfo(
                code=c.code,
                name=c.name,
                legal_basis=[r.name for r in c.regulations],
                deadline_days=c.deadline_days,
                working_days=c.working_days,
            )
            for c in s.scalars(select(Category).order_by(Category.sort_order, Category.code))
        ]
        regulations = [
            RegulationInfo(annex_no=r.annex_no, name=r.name)
            for r in s.scalars(select(Regulation).order_by(Regulation.annex_no, Regulation.id))
        ]
        departments = [
            DepartmentInfo(name=d.name, duty=d.duty)
            for d in s.scalars(select(Department).order_by(Department.sort_order, Department.id))
        ]
        streets = [
            StreetInfo(name=t.name, short_name=t.short_name, kind=t.kind)
            for t in s.scalars(select(Street).order_by(Street.sort_order, Street.id))
        ]
    return ReferenceInfo(categories=categories, regulations=regulations, departments=departments, streets=streets)
