"""Estates (住宅小区) with their population history, contacts and aliases, and property companies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import mask_name, mask_phone, may_unmask, text_masker
from controllers.reference import checks as rc
from models.admin import user_estates
from models.cases import Case
from models.complaints import Complaint
from models.enums import ESTATE_CONTACT_ROLES
from models.reference import (
    Estate,
    EstateAlias,
    EstateContact,
    EstateGrade,
    EstatePopulation,
    PropertyCompany,
    Street,
)
from models.trainings import TrainingAttendee, training_estates

CONTACT_ROLES = ESTATE_CONTACT_ROLES  # for pickers: the UI does not import models
# More work on the saved estate in the save's own session (update_estate's `then`).
AlsoInSession = Callable[[Session, Estate], object]


@dataclass(frozen=True)
class PopulationInput:
    """A resident-population figure (常住人口) as of a date, and where it came from."""

    as_of: date | None
    population: int | None
    source: str | None = None


@dataclass(frozen=True)
class ContactInput:
    """A contact person of an estate; id is set when editing an existing one (keeps its UUID)."""

    role: str
    name: str
    phone: str | None = None
    note: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class EstateRow:
    """An estate as the list shows it; contact details are masked."""

    id: int
    name: str
    street_id: int
    street_name: str
    residents_committee: str | None
    address: str | None
    households: int | None
    population: int | None
    pilot: bool
    grade_name: str | None
    property_company_name: str | None
    aliases: tuple[str, ...]
    contact_summary: str


@dataclass(frozen=True)
class EstateDetail:
    """Everything the estate dialog edits, personal data unmasked."""

    id: int
    name: str
    street_id: int
    residents_committee: str | None
    address: str | None
    households: int | None
    pilot: bool
    grade_id: int | None
    property_company_id: int | None
    notes: str | None
    aliases: tuple[str, ...]
    populations: tuple[PopulationInput, ...]
    contacts: tuple[ContactInput, ...]


@dataclass(frozen=True)
class PropertyCompanyRow:
    """A property company and how many estates it manages."""

    id: int
    name: str
    project_manager: str | None
    contact_phone: str | None
    address: str | None
    notes: str | None
    estate_count: int


def population_in_force(populations: Sequence[PopulationInput], on: date) -> int | None:
    """The figure in force on a date: the latest one dated on or before it (None before the first)."""
    dated = [p for p in populations if p.as_of is not None and p.as_of <= on]
    return max(dated, key=lambda p: p.as_of or date.min).population if dated else None


@requires("view")
def population_on(ctx: AppContext, estate_id: int, *, on: date) -> int | None:
    """Resident population of an estate in force on a date: latest as_of <= date."""
    with ctx.db.session() as s:
        return s.scalar(
            select(EstatePopulation.population)
            .where(EstatePopulation.estate_id == estate_id, EstatePopulation.as_of <= on)
            .order_by(EstatePopulation.as_of.desc())
            .limit(1)
        )


def _contact_summary(contacts: Sequence[EstateContact]) -> str:
    return "；".join(f"{c.role} {mask_name(c.name)} {mask_phone(c.phone)}".strip() for c in contacts)


def _estate_row(e: Estate, today: date) -> EstateRow:
    pops = [PopulationInput(p.as_of, p.population) for p in e.populations]
    return EstateRow(
        e.id, e.name, e.street_id, e.street.name, e.residents_committee, e.address, e.households,
        population_in_force(pops, today), e.pilot, e.grade.name if e.grade else None,
        e.property_company.name if e.property_company else None,
        tuple(sorted(a.alias for a in e.aliases)), _contact_summary(e.contacts),
    )


@requires("view")
def list_estates(ctx: AppContext, *, street_id: int | None = None, today: date | None = None) -> list[EstateRow]:
    """Estates by street and name, with the population in force today and masked contacts."""
    with ctx.db.session() as s:
        stmt = (
            select(Estate)
            .join(Street)
            .options(selectinload(Estate.street), selectinload(Estate.grade), selectinload(Estate.property_company),
                     selectinload(Estate.aliases), selectinload(Estate.populations), selectinload(Estate.contacts))
            .order_by(Street.sort_order, Estate.name)
        )
        if street_id is not None:
            stmt = stmt.where(Estate.street_id == street_id)
        return [_estate_row(e, today or clock.today()) for e in s.scalars(stmt)]


@requires("view")
def get_estate(ctx: AppContext, estate_id: int) -> EstateDetail:
    """One estate with its aliases, population history and contacts (phones unmasked, for editing)."""
    full = may_unmask(ctx)  # contacts are people: masked for roles without personal-data access
    with ctx.db.session() as s:
        e = rc.fetch(s, Estate, estate_id, "小区")
        text = text_masker(full, (c.name for c in e.contacts))  # notes may repeat a contact's name or phone
        return EstateDetail(
            e.id, e.name, e.street_id, e.residents_committee, e.address, e.households, e.pilot, e.grade_id,
            e.property_company_id, text(e.notes), tuple(sorted(a.alias for a in e.aliases)),
            tuple(PopulationInput(p.as_of, p.population, p.source) for p in e.populations),
            tuple(ContactInput(c.role, c.name, c.phone, c.note, c.id) if full
                  else ContactInput(c.role, mask_name(c.name), mask_phone(c.phone), text(c.note), c.id)
                  for c in e.contacts),
        )


def _clean_children(
    aliases: Sequence[str], populations: Sequence[PopulationInput], contacts: Sequence[ContactInput]
) -> tuple[list[str], list[PopulationInput], list[ContactInput]]:
    clean_aliases: list[str] = []
    for a in aliases:
        alias = rc.text(a, field="aliases", label="别名", max_len=100)
        if alias and alias not in clean_aliases:
            clean_aliases.append(alias)
    clean_pops: list[PopulationInput] = []
    for i, p in enumerate(populations, 1):
        if p.as_of is None:
            raise ValidationError(f"人口记录第 {i} 行缺少日期。", field="populations")
        if p.population is None or p.population <= 0:
            raise ValidationError(f"人口记录第 {i} 行：常住人口应大于 0。", field="populations")
        if p.population > 1_000_000:
            raise ValidationError(f"人口记录第 {i} 行：常住人口不能超过 1000000。", field="populations")
        if any(q.as_of == p.as_of for q in clean_pops):
            raise ValidationError(f"人口记录中 {rc.fmt_day(p.as_of)} 出现了两次，每个日期只能有一个数字。",
                                  field="populations")
        source = rc.text(p.source, field="populations", label="人口来源", max_len=100)
        clean_pops.append(PopulationInput(p.as_of, p.population, source))
    clean_contacts: list[ContactInput] = []
    for i, c in enumerate(contacts, 1):
        role = rc.one_of(c.role, ESTATE_CONTACT_ROLES, field="contacts", label=f"联系人第 {i} 行的角色")
        name = rc.required_text(c.name, field="contacts", label=f"联系人第 {i} 行的姓名", max_len=40)
        phone = rc.phone(c.phone, field="contacts", label=f"联系人第 {i} 行的电话")
        note = rc.text(c.note, field="contacts", label=f"联系人第 {i} 行的备注", max_len=200)
        clean_contacts.append(ContactInput(role, name, phone, note, c.id))
    return clean_aliases, clean_pops, clean_contacts


def _apply_children(s: Session, e: Estate, aliases: list[str], pops: list[PopulationInput],
                    contacts: list[ContactInput]) -> None:
    # Rows that stay keep their identity (and UUID, for exchange between stations); others are replaced.
    keep_alias = {a.alias: a for a in e.aliases}
    e.aliases = [keep_alias.get(a) or EstateAlias(alias=a) for a in aliases]
    keep_pop = {p.as_of: p for p in e.populations}
    new_pops = []
    for p in pops:
        assert p.as_of is not None  # checked by _clean_children
        row = keep_pop.get(p.as_of) or EstatePopulation(as_of=p.as_of)
        row.population, row.source = p.population or 0, p.source
        new_pops.append(row)
    e.populations = new_pops
    keep_contact = {c.id: c for c in e.contacts}
    new_contacts = []
    for c in contacts:
        crow = keep_contact.get(c.id) if c.id is not None else None
        crow = crow or EstateContact()
        crow.role, crow.name, crow.phone, crow.note = c.role, c.name, c.phone, c.note
        new_contacts.append(crow)
    e.contacts = new_contacts


def _save_estate(ctx: AppContext, estate_id: int | None, *, name: str, street_id: int | None,
                 residents_committee: str | None, address: str | None, households: int | None, pilot: bool,
                 grade_id: int | None, property_company_id: int | None, notes: str | None,
                 aliases: Sequence[str], populations: Sequence[PopulationInput],
                 contacts: Sequence[ContactInput], then: AlsoInSession | None = None) -> EstateRow:
    name = rc.required_text(name, field="name", label="小区名称", max_len=100)
    if street_id is None:
        raise ValidationError("请选择所属街镇。", field="street")
    residents_committee = rc.text(residents_committee, field="residents_committee", label="居委会", max_len=100)
    address = rc.text(address, field="address", label="地址", max_len=200)
    households = rc.number(households, field="households", label="户数", minimum=0, maximum=100_000)
    notes = rc.text(notes, field="notes", label="备注", max_len=4000)
    clean_aliases, clean_pops, clean_contacts = _clean_children(aliases, populations, contacts)
    if name in clean_aliases:
        raise ValidationError(f"别名“{name}”与小区名称相同，无需重复填写。", field="aliases")
    with rc.write(ctx, "小区") as s:
        street = rc.fetch(s, Street, street_id, "街镇")
        rc.ensure_unique(s, Estate.name, name, exclude_id=estate_id, field="name",
                         extra=Estate.street_id == street_id, message=f"{street.name}已存在名为“{name}”的小区。")
        if grade_id is not None:
            rc.fetch(s, EstateGrade, grade_id, "分级分类")
        if property_company_id is not None:
            rc.fetch(s, PropertyCompany, property_company_id, "物业企业")
        for alias in clean_aliases:
            other = s.scalar(select(Estate.name).join(EstateAlias).where(EstateAlias.alias == alias,
                                                                         Estate.id != (estate_id or 0)))
            if other:
                raise ValidationError(f"别名“{alias}”已被小区“{other}”使用。", field="aliases")
        if estate_id is None:
            e = Estate()
            s.add(e)
        else:
            e = rc.fetch(s, Estate, estate_id, "小区")
            rc.touch(e)
        e.name, e.street_id, e.residents_committee, e.address = name, street_id, residents_committee, address
        e.households, e.pilot, e.grade_id, e.property_company_id = households, pilot, grade_id, property_company_id
        e.notes = notes
        _apply_children(s, e, clean_aliases, clean_pops, clean_contacts)
        s.flush()
        if then is not None:
            then(s, e)
            s.flush()
        s.refresh(e)
        return _estate_row(e, clock.today())


@requires("edit_reference")
def create_estate(ctx: AppContext, *, name: str, street_id: int | None, residents_committee: str | None = None,
                  address: str | None = None, households: int | None = None, pilot: bool = False,
                  grade_id: int | None = None, property_company_id: int | None = None, notes: str | None = None,
                  aliases: Sequence[str] = (), populations: Sequence[PopulationInput] = (),
                  contacts: Sequence[ContactInput] = ()) -> EstateRow:
    """Add an estate with its aliases, population history and contacts in one step."""
    return _save_estate(ctx, None, name=name, street_id=street_id, residents_committee=residents_committee,
                        address=address, households=households, pilot=pilot, grade_id=grade_id,
                        property_company_id=property_company_id, notes=notes, aliases=aliases,
                        populations=populations, contacts=contacts)


@requires("edit_reference")
def update_estate(ctx: AppContext, estate_id: int, *, name: str, street_id: int | None,
                  residents_committee: str | None = None, address: str | None = None, households: int | None = None,
                  pilot: bool = False, grade_id: int | None = None, property_company_id: int | None = None,
                  notes: str | None = None, aliases: Sequence[str] = (), populations: Sequence[PopulationInput] = (),
                  contacts: Sequence[ContactInput] = (), then: AlsoInSession | None = None) -> EstateRow:
    """Replace an estate's fields and child lists with what the dialog holds; `then` runs in the same transaction
    after them (a higher floor's part of the same save: a dated grade change), so both land or neither does."""
    return _save_estate(ctx, estate_id, name=name, street_id=street_id, residents_committee=residents_committee,
                        address=address, households=households, pilot=pilot, grade_id=grade_id,
                        property_company_id=property_company_id, notes=notes, aliases=aliases,
                        populations=populations, contacts=contacts, then=then)


@requires("edit_reference")
def delete_estate(ctx: AppContext, estate_id: int) -> None:
    """Delete an estate no case, complaint, training or account refers to (its own history goes with it)."""
    with rc.write(ctx, "小区") as s:
        e = rc.fetch(s, Estate, estate_id, "小区")
        rc.refuse_if_used("小区", [
            (rc.count(s, select(Case.id).where(Case.estate_id == estate_id)), "件案件"),
            (rc.count(s, select(Complaint.id).where(Complaint.estate_id == estate_id)), "件诉件"),
            (rc.count(s, select(training_estates.c.training_id)
                      .where(training_estates.c.estate_id == estate_id)), "次培训宣传"),
            (rc.count(s, select(user_estates.c.user_id).where(user_estates.c.estate_id == estate_id)), "个登录账号"),
        ])
        s.delete(e)


# ---- property companies --------------------------------------------------------------------------------------


def _estate_count(s: Session, c: PropertyCompany) -> int:
    return rc.count(s, select(Estate.id).where(Estate.property_company_id == c.id))


def _company_row(c: PropertyCompany, estate_count: int, *, full: bool) -> PropertyCompanyRow:
    """The company as lists show it; phones typed into its notes are masked for roles without personal data (the
    manager and the company's phone are the company's business contacts, shown to all)."""
    return PropertyCompanyRow(c.id, c.name, c.project_manager, c.contact_phone, c.address,
                              text_masker(full)(c.notes), estate_count)


@requires("view")
def list_property_companies(ctx: AppContext) -> list[PropertyCompanyRow]:
    with ctx.db.session() as s:
        counts = dict(s.execute(select(Estate.property_company_id, func.count())
                                .group_by(Estate.property_company_id)).all())
        full = may_unmask(ctx)
        return [_company_row(c, counts.get(c.id, 0), full=full)
                for c in s.scalars(select(PropertyCompany).order_by(PropertyCompany.name))]


@requires("view")
def get_property_company(ctx: AppContext, company_id: int) -> PropertyCompanyRow:
    with ctx.db.session() as s:
        c = rc.fetch(s, PropertyCompany, company_id, "物业企业")
        return _company_row(c, _estate_count(s, c), full=may_unmask(ctx))


def _save_company(ctx: AppContext, company_id: int | None, *, name: str, project_manager: str | None,
                  contact_phone: str | None, address: str | None, notes: str | None) -> PropertyCompanyRow:
    name = rc.required_text(name, field="name", label="企业名称", max_len=100)
    project_manager = rc.text(project_manager, field="project_manager", label="项目经理", max_len=40)
    contact_phone = rc.phone(contact_phone, field="contact_phone", label="联系电话")
    address = rc.text(address, field="address", label="地址", max_len=200)
    notes = rc.text(notes, field="notes", label="备注", max_len=4000)
    with rc.write(ctx, "物业企业") as s:
        rc.ensure_unique(s, PropertyCompany.name, name, exclude_id=company_id, field="name",
                         message=f"已存在名为“{name}”的物业企业。")
        if company_id is None:
            c = PropertyCompany()
            s.add(c)
        else:
            c = rc.fetch(s, PropertyCompany, company_id, "物业企业")
            rc.touch(c)
        c.name, c.project_manager, c.contact_phone, c.address, c.notes = (
            name, project_manager, contact_phone, address, notes)
        s.flush()
        return _company_row(c, _estate_count(s, c), full=True)  # the editor (edit_reference) sees it as typed


@requires("edit_reference")
def create_property_company(ctx: AppContext, *, name: str, project_manager: str | None = None,
                            contact_phone: str | None = None, address: str | None = None,
                            notes: str | None = None) -> PropertyCompanyRow:
    return _save_company(ctx, None, name=name, project_manager=project_manager, contact_phone=contact_phone,
                         address=address, notes=notes)


@requires("edit_reference")
def update_property_company(ctx: AppContext, company_id: int, *, name: str, project_manager: str | None = None,
                            contact_phone: str | None = None, address: str | None = None,
                            notes: str | None = None) -> PropertyCompanyRow:
    return _save_company(ctx, company_id, name=name, project_manager=project_manager, contact_phone=contact_phone,
                         address=address, notes=notes)


@requires("edit_reference")
def delete_property_company(ctx: AppContext, company_id: int) -> None:
    """Delete a company that manages no estate and has no training attendance on record."""
    with rc.write(ctx, "物业企业") as s:
        c = rc.fetch(s, PropertyCompany, company_id, "物业企业")
        rc.refuse_if_used("物业企业", [
            (rc.count(s, select(Estate.id).where(Estate.property_company_id == company_id)), "个小区"),
            (rc.count(s, select(TrainingAttendee.id)
                      .where(TrainingAttendee.property_company_id == company_id)), "人次培训记录"),
        ])
        s.delete(c)
