"""Small case books for the case-list tests: cases written through the ORM (so the search index follows)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from controllers.core.context import AppContext
from models.cases import Case, Referral, format_case_number
from models.reference import Category, Department, Estate, Staff, Street


def reference_ids(ctx: AppContext) -> dict[str, Any]:
    """Two streets with an estate each, two officers, the categories by code, a department."""
    with ctx.db.session() as s:
        streets = s.scalars(select(Street).order_by(Street.sort_order, Street.id)).all()[:2]
        estates = []
        for i, street in enumerate(streets):
            estate = Estate(name=f"测试小区{i + 1}", street_id=street.id)
            s.add(estate)
            estates.append(estate)
        officers = [Staff(name="王承办"), Staff(name="李承办")]
        s.add_all(officers)
        s.flush()
        cats = {c.code: c.id for c in s.scalars(select(Category))}
        dept = s.scalars(select(Department)).first()
        assert dept is not None
        return {"streets": [(st.id, st.short_name, st.name) for st in streets], "estates": [e.id for e in estates],
                "officers": [o.id for o in officers], "categories": cats, "department": dept.id}


def add_case(ctx: AppContext, ref: dict[str, Any], *, street: int = 0, category: str = "C01",
             status: str = "登记", found: date = date(2025, 3, 1), deadline: date | None = None,
             officer: int | None = 0, source: str = "巡查发现", facts: str = "", place: str = "1号楼",
             referral: str | None = None) -> int:
    """One case; `referral` adds a referral with that status."""
    street_id, short, _name = ref["streets"][street]
    with ctx.db.session() as s:
        seq = (s.scalar(select(Case.seq).where(Case.street_id == street_id).order_by(Case.seq.desc())) or 0) + 1
        case = Case(number=format_case_number(found.year, short, seq), year=found.year, street_id=street_id, seq=seq,
                    category_id=ref["categories"][category], estate_id=ref["estates"][street], place=place,
                    source=source, found_date=found, facts=facts, status=status, deadline=deadline,
                    officer_id=None if officer is None else ref["officers"][officer])
        s.add(case)
        s.flush()
        if referral is not None:
            s.add(Referral(case_id=case.id, department_id=ref["department"], referred_on=found, status=referral))
        return case.id
