"""One case: create (from scratch, a complaint or a patrol), read with everything around it, edit safely.

Numbering: ``YYYY-<street short name>-NNNN``; year = the found date's year, street = the estate's street,
NNNN = max(seq) + 1 for that year and street, assigned inside the transaction that saves the case. The
UNIQUE(year, street_id, seq) constraint backs it: when two saves race, one gets an IntegrityError and the
whole save is retried with the next number, so numbers have no duplicates and no gaps. A number never
changes afterwards, even if the estate or date is corrected (it has been read out over the phone).

Edits carry the version the user loaded: a save made meanwhile raises ConflictError instead of being
overwritten. Each edit writes a 修改 event listing changed fields; personal data fields are listed as
“已修改” without their values, so the timeline never copies a party's ID number or phone.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from controllers.cases.common import CONFLICT_MESSAGE, add_event, check_version, fetch_case
from controllers.cases.view import CaseDetail, NewCase, build_detail
from controllers.core import clock
from controllers.core.clock import to_local, utcnow
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, NotFoundError, UserError, ValidationError
from controllers.core.permissions import requires
from controllers.core.workdays import load_calendar
from controllers.reference import checks as rc
from controllers.reference import choices as rd
from controllers.station.views import require_own_estate
from models.cases import Case, format_case_number
from models.complaints import Complaint
from models.enums import CASE_SOURCES
from models.reference import Category, Estate, PropertyCompany, Regulation, Staff, Street, category_regulations

log = logging.getLogger(__name__)

T = TypeVar("T")
# Two desks saving in lockstep can each lose the race once per save of the other: a handful of retries is
# not enough for a burst (a CI run saw 8 exhausted), so allow many, with a short random pause between them
# that breaks the lockstep.
NUMBER_RETRIES = 40
PERSONAL_FIELDS = frozenset({"party_name", "party_id_no", "party_phone"})
EDITABLE_FIELDS = (
    "category_id", "estate_id", "source", "found_date", "facts", "place", "party_name", "party_id_no",
    "party_phone", "officer_id", "property_company_id", "notes", "deadline", "measures", "result",
    "penalty_decided_on", "penalty_doc_no", "penalty_amount", "regulation_ids",
)


@dataclass(frozen=True)
class Proposal:
    """What a category proposes for a new case: its legal basis and rectification deadline."""

    category_id: int
    regulation_ids: tuple[int, ...]
    regulation_names: tuple[str, ...]
    deadline: date
    days: int
    working_days: bool
    referral_only: bool
    deadline_note: str = ""  # ESTIMATE_NOTE when the proposed deadline runs past the calendar's covered years


@dataclass(frozen=True)
class FormChoices:
    """Everything the case form's pickers offer, (id, label) pairs and closed vocabularies."""

    categories: tuple[tuple[int, str], ...]
    estates: tuple[tuple[int, str], ...]
    staff: tuple[tuple[int, str], ...]
    property_companies: tuple[tuple[int, str], ...]
    regulations: tuple[tuple[int, str], ...]
    departments: tuple[tuple[int, str], ...]
    category_codes: dict[int, str]
    sources: tuple[str, ...] = CASE_SOURCES


@requires("view")
def form_choices(ctx: AppContext) -> FormChoices:
    """The pickers' contents for the case form, read once when a case window opens."""
    with ctx.db.session() as s:
        companies = tuple((i, n) for i, n in s.execute(select(PropertyCompany.id, PropertyCompany.name)
                                                        .order_by(PropertyCompany.name)))
        regs = tuple((i, n) for i, n in s.execute(select(Regulation.id, Regulation.name)
                                                  .order_by(Regulation.annex_no.is_(None), Regulation.annex_no)))
        codes = {i: c for i, c in s.execute(select(Category.id, Category.code))}
    return FormChoices(
        categories=tuple(rd.category_choices(ctx)), estates=tuple(rd.estate_choices(ctx)),
        staff=tuple(rd.staff_choices(ctx)), property_companies=companies, regulations=regs,
        departments=tuple(rd.department_choices(ctx)), category_codes=codes,
    )


@dataclass(frozen=True)
class CaseDraft:
    """A new case's fields prefilled from a complaint; the user reviews them before saving."""

    complaint_id: int
    category_id: int | None
    estate_id: int | None
    place: str | None
    facts: str
    source: str
    found_date: date


@requires("view")
def propose_for_category(ctx: AppContext, category_id: int, *, start: date) -> Proposal:
    """The category's default regulations plus those that apply to every case, and its deadline from `start`."""
    with ctx.db.session() as s:
        return proposal_in(s, category_id, start)


def proposal_in(s: Session, category_id: int, start: date) -> Proposal:
    """propose_for_category inside the caller's session (the workflow's default 责令整改 deadline uses it)."""
    category = s.get(Category, category_id)
    if category is None:
        raise NotFoundError("找不到该案件类别，可能已被删除。请重新选择。")
    ordered = _default_regulations(s, category)
    calendar = load_calendar(s)
    deadline = calendar.deadline(start, category.deadline_days, working_days=category.working_days)
    return Proposal(
        category_id=category.id,
        regulation_ids=tuple(r.id for r in ordered),
        regulation_names=tuple(r.name for r in ordered),
        deadline=deadline,
        days=category.deadline_days,
        working_days=category.working_days,
        referral_only=category.referral_only,
        deadline_note=calendar.note_for(deadline) if category.working_days else "",
    )


def _default_regulations(s: Session, category: Category) -> list[Regulation]:
    """The category's regulations plus those that apply to every case, in annex order (one query)."""
    linked = select(category_regulations.c.regulation_id).where(category_regulations.c.category_id == category.id)
    regs = s.scalars(select(Regulation).where(or_(Regulation.id.in_(linked), Regulation.applies_to_all.is_(True))))
    return sorted(regs, key=lambda r: (r.annex_no is None, r.annex_no or 0, r.id))


def new_case_values(source: str | None = None) -> dict[str, Any]:
    """What the new-case form starts with: found today by Shanghai's calendar, on patrol unless `source` says."""
    return {"found_date": clock.today(), "source": source or CASE_SOURCES[0]}


@requires("edit_cases")
def draft_from_complaint(ctx: AppContext, complaint_id: int) -> CaseDraft:
    """Prefill a case from a complaint: where, what, which category; 12345 work orders keep their source."""
    with ctx.db.session() as s:
        c = s.get(Complaint, complaint_id)
        if c is None:
            raise NotFoundError("找不到该诉件，可能已被删除。请刷新列表。")
        if c.case_id is not None:
            raise ValidationError(f"该诉件已关联案件 {c.case.number if c.case else ''}，不能再生成新案件。")
        return CaseDraft(
            complaint_id=c.id,
            category_id=c.category_id,
            estate_id=c.estate_id,
            place=c.address,
            facts=c.content or "",
            source="12345热线" if c.channel == "12345热线" else "居民投诉",
            found_date=to_local(c.received_at).date(),
        )


def retry_numbering(action: Callable[[], T]) -> T:
    """Run a saving action, retrying when a concurrent save took the same case number first."""
    for attempt in range(NUMBER_RETRIES):
        try:
            return action()
        except IntegrityError as exc:
            if not _number_clash(exc) or attempt == NUMBER_RETRIES - 1:
                log.warning("integrity error saving a case: %s", exc.orig.__class__.__name__)
                raise UserError("无法保存该案件：与已有数据冲突。请检查后重试。") from exc
            log.info("case number taken by a concurrent save, retrying (%d)", attempt + 1)
            time.sleep(random.uniform(0, 0.02))
        except OperationalError as exc:
            if not _busy(exc) or attempt == NUMBER_RETRIES - 1:
                raise UserError("数据库正忙（其他窗口或电脑正在保存），请稍后重试。") from exc
    raise AssertionError("unreachable")


def _number_clash(exc: IntegrityError) -> bool:
    """The save broke a rule of the cases table (a number taken meanwhile): SQLite names columns, PG the table."""
    diag = getattr(exc.orig, "diag", None)
    if diag is not None and getattr(diag, "table_name", None):
        return bool(diag.table_name == "cases")
    return "cases." in str(exc.orig)


def _busy(exc: OperationalError) -> bool:
    """Worth retrying: SQLite's database lock, or a server's deadlock / serialization failure."""
    return "locked" in str(exc.orig) or getattr(exc.orig, "sqlstate", None) in ("40001", "40P01")


def _numbering_street(s: Session, street_id: int) -> Street:
    """The street a new case is numbered in, read (on a server: locked) once for the number and the case."""
    stmt = select(Street).where(Street.id == street_id)
    if s.get_bind().dialect.name != "sqlite":
        # Several desks number cases on one server at once: the street's row, locked until this transaction
        # commits, queues them, so each reads the maximum after the previous save committed. NO KEY UPDATE
        # leaves the row's key free for foreign-key checks. SQLite's single writer already serializes saves.
        stmt = stmt.with_for_update(key_share=True)
    return s.scalars(stmt).one()


def _next_seq(s: Session, year: int, street_id: int) -> int:
    """The next number in the street's year; call it after _numbering_street has locked the street."""
    top = s.scalar(select(func.max(Case.seq)).where(Case.year == year, Case.street_id == street_id))
    return (top or 0) + 1


def _lookup(s: Session, model: type, record_id: int | None, noun: str, field: str) -> Any:
    if record_id is None:
        return None
    obj = s.get(model, record_id)
    if obj is None:
        raise ValidationError(f"找不到所选的{noun}，可能已被删除。请重新选择。", field=field)
    return obj


def _clean_fields(s: Session, values: dict[str, Any], looked_up: dict[str, Any] | None = None) -> dict[str, Any]:
    """Validate the user-editable fields present in `values`; returns cleaned values.

    `looked_up` receives the category and estate looked up on the way, for a caller that needs them: the session
    holds its objects only while someone refers to them, so looking them up again would be another query.
    """
    out: dict[str, Any] = {}
    looked_up = {} if looked_up is None else looked_up
    for key, value in values.items():
        if key == "category_id":
            if value is None:
                raise ValidationError("请选择案件类别。", field=key)
            looked_up[key] = _lookup(s, Category, value, "案件类别", key)
        elif key == "estate_id":
            if value is None:
                raise ValidationError("请选择小区。", field=key)
            looked_up[key] = _lookup(s, Estate, value, "小区", key)
        elif key == "officer_id":
            _lookup(s, Staff, value, "承办人", key)
        elif key == "property_company_id":
            _lookup(s, PropertyCompany, value, "物业服务企业", key)
        elif key == "source":
            value = rc.one_of(value, CASE_SOURCES, field=key, label="案件来源")
        elif key == "found_date":
            if value is None:
                raise ValidationError("请填写发现日期。", field=key)
        elif key == "facts":
            value = rc.required_text(value, field=key, label="案件事实", max_len=4000)
        elif key in ("place", "party_name", "penalty_doc_no"):
            limits = {"place": ("地点", 200), "party_name": ("当事人", 100), "penalty_doc_no": ("处罚决定书号", 60)}
            label, max_len = limits[key]
            value = rc.text(value, field=key, label=label, max_len=max_len)
        elif key == "party_id_no":
            value = rc.text(value, field=key, label="当事人证件号", max_len=40)
        elif key == "party_phone":
            value = rc.phone(value, field=key, label="当事人电话")
        elif key in ("notes", "measures", "result"):
            label = {"notes": "备注", "measures": "处置措施", "result": "处理结果"}[key]
            value = rc.text(value, field=key, label=label, max_len=4000)
        elif key == "penalty_amount":
            value = rc.number(value, field=key, label="罚款金额（元）", minimum=0, maximum=100_000_000)
        elif key == "regulation_ids":
            ids = list(dict.fromkeys(value or ()))
            found = set(s.scalars(select(Regulation.id).where(Regulation.id.in_(ids)))) if ids else set()
            if len(found) != len(ids):
                raise ValidationError("所选的法律依据有的已被删除，请重新勾选。", field=key)
            value = ids
        elif key not in ("deadline", "penalty_decided_on"):
            raise TypeError(f"not an editable case field: {key}")
        out[key] = value
    found_date = out.get("found_date")
    if found_date is not None and found_date > clock.today():
        raise ValidationError("发现日期不能晚于今天。", field="found_date")
    return out


def _check_dates(case: Case) -> None:
    if case.deadline is not None and case.deadline < case.found_date:
        raise ValidationError("整改期限不能早于发现日期。", field="deadline")
    if case.penalty_decided_on is not None and case.penalty_decided_on < case.found_date:
        raise ValidationError("处罚决定日期不能早于发现日期。", field="penalty_decided_on")


def _link_complaints(s: Session, case: Case, complaint_ids: Iterable[int]) -> list[Complaint]:
    linked = []
    for cid in dict.fromkeys(complaint_ids):
        c = s.get(Complaint, cid)
        if c is None:
            raise NotFoundError("找不到要关联的诉件，可能已被删除。请刷新后重试。")
        if c.case_id is not None and c.case_id != case.id:
            raise ValidationError(f"诉件已关联案件 {c.case.number if c.case else ''}，不能重复关联。")
        c.case_id = case.id
        linked.append(c)
    return linked


def insert_case(
    s: Session, *, actor: str, fields: dict[str, Any], complaint_ids: Iterable[int] = (),
    recurrence_of_id: int | None = None, note: str | None = None,
) -> NewCase:
    """Validate, number and add a case with its 创建 event inside the caller's transaction."""
    looked_up: dict[str, Any] = {}
    values = _clean_fields(s, fields, looked_up)
    estate: Estate = looked_up["estate_id"]
    category: Category = looked_up["category_id"]
    if recurrence_of_id is not None:
        _lookup(s, Case, recurrence_of_id, "原案件", "recurrence_of_id")
    reg_ids = values.pop("regulation_ids", None)
    if reg_ids is None:
        regulations = _default_regulations(s, category)
    else:
        regulations = list(s.scalars(select(Regulation).where(Regulation.id.in_(reg_ids)))) if reg_ids else []
    if values.get("property_company_id") is None and category.code == "C11":
        values["property_company_id"] = estate.property_company_id
    year = values["found_date"].year
    street = _numbering_street(s, estate.street_id)
    seq = _next_seq(s, year, street.id)
    case = Case(
        number=format_case_number(year, street.short_name, seq),
        year=year, street_id=street.id, seq=seq, status="登记",
        recurrence_of_id=recurrence_of_id, **values,
        category=category, estate=estate, street=street,  # at hand for the detail shown after saving
    )
    case.regulations = regulations
    _check_dates(case)
    s.add(case)
    s.flush()
    linked = _link_complaints(s, case, complaint_ids)
    parts = [f"登记案件（来源：{case.source}）"]
    if linked:
        parts.append(f"关联诉件 {'、'.join(c.work_order_no or f'诉件#{c.id}' for c in linked)}")
    if note:
        parts.append(note)
    event = add_event(s, case.id, actor=actor, kind="创建", to_status="登记", note="；".join(parts))
    return NewCase(case, event, tuple(linked))


@requires("edit_cases")
def create_case(
    ctx: AppContext,
    *,
    category_id: int,
    estate_id: int,
    source: str,
    found_date: date,
    facts: str,
    place: str | None = None,
    party_name: str | None = None,
    party_id_no: str | None = None,
    party_phone: str | None = None,
    officer_id: int | None = None,
    property_company_id: int | None = None,
    notes: str | None = None,
    regulation_ids: Iterable[int] | None = None,
    deadline: date | None = None,
    complaint_ids: Iterable[int] = (),
    recurrence_of_id: int | None = None,
) -> CaseDetail:
    """Save a new case in status 登记 with its number; linked complaints point at it in the same transaction."""
    fields: dict[str, Any] = dict(
        category_id=category_id, estate_id=estate_id, source=source, found_date=found_date, facts=facts,
        place=place, party_name=party_name, party_id_no=party_id_no, party_phone=party_phone,
        officer_id=officer_id, property_company_id=property_company_id, notes=notes, deadline=deadline,
    )
    if regulation_ids is not None:
        fields["regulation_ids"] = list(regulation_ids)
    complaint_list = list(complaint_ids)

    def save() -> CaseDetail:
        with ctx.db.session(reuse_plans=True) as s:
            require_own_estate(s, estate_id)
            new = insert_case(s, actor=ctx.actor, fields=dict(fields), complaint_ids=complaint_list,
                              recurrence_of_id=recurrence_of_id)
            s.flush()
            # Built in the same transaction from what was just written: a server is not asked again.
            return build_detail(ctx, s, new)

    return retry_numbering(save)


@requires("view")
def get_case(ctx: AppContext, case_id: int, *, masked: bool = False) -> CaseDetail:
    """Everything the case window shows, complainants masked; `masked` masks the party and the free text even for
    a role that may see them (a brief printed without 显示完整信息)."""
    with ctx.db.session() as s:
        return build_detail(ctx, s, fetch_case(s, case_id), masked=masked)


def _shown(s: Session, key: str, value: Any) -> Any:
    """A value as the timeline records it: names instead of ids, ISO dates."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    model = {"category_id": Category, "estate_id": Estate, "officer_id": Staff,
             "property_company_id": PropertyCompany}.get(key)
    if model is not None:
        obj = s.get(model, value)
        return obj.name if obj is not None else str(value)  # type: ignore[attr-defined]
    return value


@requires("edit_cases")
def update_case(ctx: AppContext, case_id: int, *, expected_version: int, **fields: Any) -> CaseDetail:
    """Save edited fields if nobody saved the case since `expected_version`; one 修改 event lists the changes."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable case fields: {sorted(unknown)}")
    try:
        with ctx.db.session(reuse_plans=True) as s:
            case = fetch_case(s, case_id)
            require_own_estate(s, case.estate_id)
            check_version(case, expected_version)
            values = _clean_fields(s, fields)
            if "estate_id" in values:
                require_own_estate(s, values["estate_id"])
            changes: dict[str, Any] = {}
            reg_ids = values.pop("regulation_ids", None)
            if reg_ids is not None:
                before = [r.id for r in case.regulations]
                if sorted(before) != sorted(reg_ids):
                    regs = list(s.scalars(select(Regulation).where(Regulation.id.in_(reg_ids)))) if reg_ids else []
                    changes["regulation_ids"] = ["、".join(r.name for r in case.regulations) or None,
                                                 "、".join(r.name for r in regs) or None]
                    case.regulations = regs
            for key, value in values.items():
                old = getattr(case, key)
                if old == value:
                    continue
                changes[key] = "已修改" if key in PERSONAL_FIELDS else [_shown(s, key, old), _shown(s, key, value)]
                setattr(case, key, value)
            _check_dates(case)
            if changes:
                case.updated_at = utcnow()  # forces the row UPDATE that bumps the version
                add_event(s, case.id, actor=ctx.actor, kind="修改", changes=changes)
            s.flush()
            detail = build_detail(ctx, s, case)
    except StaleDataError as exc:
        raise ConflictError(CONFLICT_MESSAGE) from exc
    return detail
