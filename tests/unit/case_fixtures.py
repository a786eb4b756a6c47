"""Helpers for case tests: reference rows the seed does not have (estates, staff, companies), a quick case."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from controllers.cases import records as case_records
from controllers.cases.view import CaseDetail
from controllers.core.context import AppContext
from models.complaints import Complaint
from models.reference import Category, Department, Estate, PropertyCompany, Staff, Street


def street_id(ctx: AppContext, name: str = "长征镇") -> int:
    with ctx.db.session() as s:
        return s.scalar(select(Street.id).where(Street.name == name))


def make_estate(ctx: AppContext, name: str = "梅川小区", street: str = "长征镇", company: str | None = None) -> int:
    with ctx.db.session() as s:
        st = s.scalar(select(Street).where(Street.name == street))
        estate = Estate(name=name, street=st, address="梅川路 100 弄")
        s.add(estate)
        if company:
            estate.property_company = s.scalar(select(PropertyCompany).where(PropertyCompany.name == company)) or (
                PropertyCompany(name=company, project_manager="李经理")
            )
        s.add(estate)
        s.flush()
        return estate.id


def category_id(ctx: AppContext, code: str = "C05") -> int:
    with ctx.db.session() as s:
        return s.scalar(select(Category.id).where(Category.code == code))


def department_id(ctx: AppContext, name: str = "区规划资源局") -> int:
    with ctx.db.session() as s:
        return s.scalar(select(Department.id).where(Department.name == name))


def make_staff(ctx: AppContext, name: str = "王队员") -> int:
    with ctx.db.session() as s:
        person = Staff(name=name, badge_no="31000" + str(abs(hash(name)) % 1000))
        s.add(person)
        s.flush()
        return person.id


def make_complaint(ctx: AppContext, estate_id: int | None, *, channel: str = "12345热线", **extra: Any) -> int:
    from datetime import datetime

    with ctx.db.session() as s:
        c = Complaint(
            channel=channel, received_at=extra.pop("received_at", datetime(2025, 3, 4, 2, 30)),
            complainant_name="张三丰", complainant_phone="13812345678", estate_id=estate_id,
            address="梅川路 100 弄 5 号楼", category_id=extra.pop("category_id", None),
            content="楼顶有人违法搭建彩钢板房", **extra,
        )
        s.add(c)
        s.flush()
        return c.id


def new_case(ctx: AppContext, estate_id: int | None = None, **overrides: Any) -> CaseDetail:
    fields: dict[str, Any] = dict(
        category_id=category_id(ctx, "C05"),
        estate_id=estate_id or make_estate(ctx),
        source="巡查发现",
        found_date=date(2025, 3, 5),
        facts="5号楼顶违法搭建",
        place="5号楼顶",
    )
    fields.update(overrides)
    return case_records.create_case(ctx, **fields)
