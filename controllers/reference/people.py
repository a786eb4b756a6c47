"""Station staff (工作人员) and the departments (部门) cases are referred to."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from models.admin import User
from models.cases import Case, Referral
from models.meetings import meeting_departments
from models.reference import Department, Staff, Street
from models.trainings import training_departments


@dataclass(frozen=True)
class StaffRow:
    """A member of station staff."""

    id: int
    name: str
    badge_no: str | None
    position: str | None
    phone: str | None
    street_id: int | None
    street_name: str | None
    active: bool


@dataclass(frozen=True)
class DepartmentRow:
    """A department with its duty in the plan and what is typically referred to it."""

    id: int
    name: str
    duty: str | None
    typical_referral: str | None
    contact: str | None
    sort_order: int


# ---- staff ---------------------------------------------------------------------------------------------------


def _staff_row(p: Staff) -> StaffRow:
    return StaffRow(p.id, p.name, p.badge_no, p.position, p.phone, p.street_id,
                    p.street.name if p.street else None, p.active)


@requires("view")
def list_staff(ctx: AppContext, *, include_inactive: bool = True) -> list[StaffRow]:
    """Staff, active first, by name."""
    with ctx.db.session() as s:
        stmt = select(Staff).order_by(Staff.active.desc(), Staff.name, Staff.id)
        if not include_inactive:
            stmt = stmt.where(Staff.active.is_(True))
        return [_staff_row(p) for p in s.scalars(stmt)]


@requires("view")
def get_staff(ctx: AppContext, staff_id: int) -> StaffRow:
    with ctx.db.session() as s:
        return _staff_row(rc.fetch(s, Staff, staff_id, "工作人员"))


def _save_staff(ctx: AppContext, staff_id: int | None, *, name: str, badge_no: str | None, position: str | None,
                phone: str | None, street_id: int | None, active: bool) -> StaffRow:
    name = rc.required_text(name, field="name", label="姓名", max_len=40)
    badge_no = rc.text(badge_no, field="badge_no", label="执法证号", max_len=20)
    position = rc.text(position, field="position", label="职务", max_len=40)
    phone = rc.phone(phone, field="phone")
    with rc.write(ctx, "工作人员") as s:
        rc.ensure_unique(s, Staff.badge_no, badge_no, exclude_id=staff_id, field="badge_no",
                         message=f"执法证号“{badge_no}”已登记给其他工作人员。")
        if street_id is not None:
            rc.fetch(s, Street, street_id, "街镇")
        if staff_id is None:
            p = Staff()
            s.add(p)
        else:
            p = rc.fetch(s, Staff, staff_id, "工作人员")
            rc.touch(p)
        p.name, p.badge_no, p.position, p.phone = name, badge_no, position, phone
        p.street_id, p.active = street_id, active
        s.flush()
        s.refresh(p, ["street"])
        return _staff_row(p)


@requires("edit_reference")
def create_staff(ctx: AppContext, *, name: str, badge_no: str | None = None, position: str | None = None,
                 phone: str | None = None, street_id: int | None = None, active: bool = True) -> StaffRow:
    """Add a member of staff: an officer cases can be assigned to."""
    return _save_staff(ctx, None, name=name, badge_no=badge_no, position=position, phone=phone,
                       street_id=street_id, active=active)


@requires("edit_reference")
def update_staff(ctx: AppContext, staff_id: int, *, name: str, badge_no: str | None = None,
                 position: str | None = None, phone: str | None = None, street_id: int | None = None,
                 active: bool = True) -> StaffRow:
    return _save_staff(ctx, staff_id, name=name, badge_no=badge_no, position=position, phone=phone,
                       street_id=street_id, active=active)


@requires("edit_reference")
def delete_staff(ctx: AppContext, staff_id: int) -> None:
    """Delete a member of staff with no cases or account; someone who left is set inactive instead."""
    with rc.write(ctx, "工作人员") as s:
        p = rc.fetch(s, Staff, staff_id, "工作人员")
        rc.refuse_if_used("工作人员", [
            (rc.count(s, select(Case.id).where(Case.officer_id == staff_id)), "件案件"),
            (rc.count(s, select(User.id).where(User.staff_id == staff_id)), "个登录账号"),
        ], hint="如已离岗，可将其设为停用。")
        s.delete(p)


# ---- departments ---------------------------------------------------------------------------------------------


def _dept_row(d: Department) -> DepartmentRow:
    return DepartmentRow(d.id, d.name, d.duty, d.typical_referral, d.contact, d.sort_order)


@requires("view")
def list_departments(ctx: AppContext) -> list[DepartmentRow]:
    with ctx.db.session() as s:
        return [_dept_row(d) for d in s.scalars(select(Department).order_by(Department.sort_order, Department.id))]


@requires("view")
def get_department(ctx: AppContext, department_id: int) -> DepartmentRow:
    with ctx.db.session() as s:
        return _dept_row(rc.fetch(s, Department, department_id, "部门"))


def _save_department(ctx: AppContext, department_id: int | None, *, name: str, duty: str | None,
                     typical_referral: str | None, contact: str | None) -> DepartmentRow:
    name = rc.required_text(name, field="name", label="部门名称", max_len=60)
    duty = rc.text(duty, field="duty", label="职责", max_len=4000)
    typical_referral = rc.text(typical_referral, field="typical_referral", label="常见移交事项", max_len=4000)
    contact = rc.text(contact, field="contact", label="联系方式", max_len=100)
    with rc.write(ctx, "部门") as s:
        rc.ensure_unique(s, Department.name, name, exclude_id=department_id, field="name",
                         message=f"已存在名为“{name}”的部门。")
        if department_id is None:
            d = Department(sort_order=(s.scalar(select(func.max(Department.sort_order))) or 0) + 1)
            s.add(d)
        else:
            d = rc.fetch(s, Department, department_id, "部门")
            rc.touch(d)
        d.name, d.duty, d.typical_referral, d.contact = name, duty, typical_referral, contact
        s.flush()
        return _dept_row(d)


@requires("edit_reference")
def create_department(ctx: AppContext, *, name: str, duty: str | None = None, typical_referral: str | None = None,
                      contact: str | None = None) -> DepartmentRow:
    return _save_department(ctx, None, name=name, duty=duty, typical_referral=typical_referral, contact=contact)


@requires("edit_reference")
def update_department(ctx: AppContext, department_id: int, *, name: str, duty: str | None = None,
                      typical_referral: str | None = None, contact: str | None = None) -> DepartmentRow:
    return _save_department(ctx, department_id, name=name, duty=duty, typical_referral=typical_referral,
                            contact=contact)


@requires("edit_reference")
def delete_department(ctx: AppContext, department_id: int) -> None:
    """Delete a department no referral, training or meeting names."""
    with rc.write(ctx, "部门") as s:
        d = rc.fetch(s, Department, department_id, "部门")
        rc.refuse_if_used("部门", [
            (rc.count(s, select(Referral.id).where(Referral.department_id == department_id)), "条移交记录"),
            (rc.count(s, select(training_departments.c.training_id)
                      .where(training_departments.c.department_id == department_id)), "次培训宣传"),
            (rc.count(s, select(meeting_departments.c.meeting_id)
                      .where(meeting_departments.c.department_id == department_id)), "次会商"),
        ])
        s.delete(d)
