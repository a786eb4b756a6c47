"""Two ledgers the station keeps beside the case book: 移交台账 (every referral with its reply status and days) and
履职台账 (each property company: its C11 cases, the 失信记分 referrals after a penalty, the trainings its staff
attended). Both export to Excel as the other ledgers do; personal data masked unless asked for (audited).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from controllers.cases.referrals import DEMERIT_CATEGORY, DEMERIT_WORD
from controllers.core import audit, clock, privacy
from controllers.core.clock import local_now, to_local
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import export_text, mask_name
from controllers.documents.xlsx_writer import Column, export_subtitle, write_table
from controllers.station.views import view_estate_ids, view_phrase
from models.cases import Case, Referral
from models.complaints import Complaint
from models.reference import Category, Department, Estate, PropertyCompany
from models.trainings import Training, TrainingAttendee

REFERRAL_COLUMNS = (
    Column("移交日期", 12, "date"), Column("案件编号/工单号", 18), Column("类别", 18), Column("小区", 16),
    Column("移交部门", 14), Column("移交函号", 18), Column("移交事由", 40), Column("回复期限", 12, "date"),
    Column("状态", 8), Column("签收日期", 12, "date"), Column("回复日期", 12, "date"), Column("回函文号", 18),
    Column("回复内容", 40), Column("用时（天）", 10, "int"), Column("是否逾期", 8),
)
COMPANY_COLUMNS = (
    Column("物业服务企业", 24), Column("项目经理", 10), Column("管理小区数", 10, "int"),
    Column("C11 案件数", 10, "int"), Column("其中已处罚", 10, "int"), Column("失信记分移交", 12, "int"),
    Column("参加培训场次", 12, "int"), Column("参训人次", 10, "int"), Column("最近参训日期", 12, "date"),
)
_complaint_estate = aliased(Estate)


def referral_days(referred_on: date, replied_on: date | None, today: date) -> int:
    """Calendar days from referral to reply, or to today while the reply is awaited."""
    return ((replied_on or today) - referred_on).days


def _referral_rows(s: Session, estate_ids: list[int] | None, reveal_personal: bool, today: date) -> list[tuple]:
    stmt = (select(Referral, Case.number, Complaint.work_order_no, Category.name, Estate.name, _complaint_estate.name,
                   Department.name)
            .join(Department, Referral.department_id == Department.id)
            .outerjoin(Case, Referral.case_id == Case.id).outerjoin(Complaint, Referral.complaint_id == Complaint.id)
            .outerjoin(Category, Category.id == func.coalesce(Case.category_id, Complaint.category_id))
            .outerjoin(Estate, Case.estate_id == Estate.id)
            .outerjoin(_complaint_estate, Complaint.estate_id == _complaint_estate.id)
            .order_by(Referral.referred_on, Referral.id))
    if estate_ids is not None:
        stmt = stmt.where(func.coalesce(Case.estate_id, Complaint.estate_id).in_(estate_ids))
    rows = []
    shown = export_text(s, reveal_personal)
    for r, number, order_no, category, estate, c_estate, department in s.execute(stmt):
        overdue = r.replied_on is None and r.reply_due is not None and r.reply_due < today
        rows.append((r.referred_on, number or order_no or f"诉件#{r.complaint_id}", category or "",
                     estate or c_estate or "", department, r.letter_no, shown(r.reason), r.reply_due, r.status,
                     r.received_on, r.replied_on, r.reply_letter_no, shown(r.reply),
                     referral_days(r.referred_on, r.replied_on, today), "是" if overdue else ""))
    return rows


def _write_ledger(ctx: AppContext, path: str | os.PathLike[str], *, entity: str, title: str, sheet: str,
                  columns: Sequence[Column], rows: Callable[[Session, list[int] | None], list[tuple[Any, ...]]],
                  reveal_personal: bool) -> int:
    """One ledger to Excel: refused and audited unmasking, the view's estates, the subtitle, the audit of the export."""
    if reveal_personal:
        privacy.unmask(ctx, entity=entity)
    with ctx.db.session() as s:
        found = rows(s, view_estate_ids(ctx, s))
        subtitle = export_subtitle(view_phrase(ctx, s), local_now())
    count = write_table(path, title=title, subtitle=subtitle, columns=columns, rows=found, sheet_name=sheet)
    audit.exported(ctx, entity, count, personal=reveal_personal)
    return count


@requires("export")
def export_referrals(ctx: AppContext, path: str | os.PathLike[str], *, reveal_personal: bool = False) -> int:
    """移交台账: every referral of a case or complaint in the current view, oldest first."""
    today = clock.today()
    return _write_ledger(ctx, path, entity="referrals", title="移交台账", sheet="移交台账", columns=REFERRAL_COLUMNS,
                         rows=lambda s, ids: _referral_rows(s, ids, reveal_personal, today),
                         reveal_personal=reveal_personal)


def _company_rows(s: Session, estate_ids: list[int] | None, reveal_personal: bool) -> list[tuple]:
    estates = select(Estate.property_company_id, func.count()).group_by(Estate.property_company_id)
    c11 = (select(Case.property_company_id, func.count(), func.count(Case.penalty_decided_on))
           .join(Category).where(Category.code == DEMERIT_CATEGORY).group_by(Case.property_company_id))
    demerits = (select(Case.property_company_id, func.count()).join(Referral, Referral.case_id == Case.id)
                .join(Category, Case.category_id == Category.id)
                .where(Category.code == DEMERIT_CATEGORY, Referral.reason.contains(DEMERIT_WORD))
                .group_by(Case.property_company_id))
    if estate_ids is not None:
        estates = estates.where(Estate.id.in_(estate_ids))
        c11 = c11.where(Case.estate_id.in_(estate_ids))
        demerits = demerits.where(Case.estate_id.in_(estate_ids))
    # Rows without a company (an estate or case with none) are keyed None and simply never looked up.
    estate_n: dict[int | None, int] = {cid: n for cid, n in s.execute(estates)}
    c11_n: dict[int | None, tuple[int, int]] = {cid: (n, p) for cid, n, p in s.execute(c11)}
    demerit_n: dict[int | None, int] = {cid: n for cid, n in s.execute(demerits)}
    sessions: dict[int, set[int]] = {}
    people: Counter[int] = Counter()
    last: dict[int, date] = {}
    attended = (select(TrainingAttendee.property_company_id, Training.id, Training.starts_at)
                .join(Training, TrainingAttendee.training_id == Training.id)
                .where(TrainingAttendee.attended.is_(True), TrainingAttendee.property_company_id.is_not(None)))
    for company_id, training_id, starts in s.execute(attended):
        assert company_id is not None  # the query asks for attendees with a company
        sessions.setdefault(company_id, set()).add(training_id)
        people[company_id] += 1
        day = to_local(starts).date()
        last[company_id] = max(last.get(company_id, day), day)
    rows = []
    for c in s.scalars(select(PropertyCompany).order_by(PropertyCompany.name)):
        if estate_ids is not None and not estate_n.get(c.id) and not c11_n.get(c.id):
            continue  # a company with nothing in this view's estates belongs to another station's ledger
        manager = c.project_manager if reveal_personal else mask_name(c.project_manager)
        cases, penalised = c11_n.get(c.id, (0, 0))
        rows.append((c.name, manager or "", estate_n.get(c.id, 0), cases, penalised, demerit_n.get(c.id, 0),
                     len(sessions.get(c.id, ())), people[c.id], last.get(c.id)))
    return rows


@requires("export")
def export_company_ledger(ctx: AppContext, path: str | os.PathLike[str], *, reveal_personal: bool = False) -> int:
    """履职台账: every property company with its C11 cases, demerit referrals and trainings attended."""
    return _write_ledger(ctx, path, entity="property_companies", title="物业服务企业履职台账", sheet="履职台账",
                         columns=COMPANY_COLUMNS, rows=lambda s, ids: _company_rows(s, ids, reveal_personal),
                         reveal_personal=reveal_personal)
