"""显示号码: the full number of one record for a role that may see personal data, one audit entry per reveal,
refused in Chinese for every other role, never logged."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from sqlalchemy import func, select

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, UserError, ValidationError
from controllers.core.permissions import ADMIN, NOBODY, REP, STAFF, SUPERVISOR, PermissionDenied, SignedInUser
from controllers.station import area as station
from controllers.station import views
from controllers.station.reveal import reveal_phone
from models.admin import AuditEntry
from models.cases import Case
from models.complaints import Complaint
from tests.unit.case_fixtures import make_complaint, make_estate, new_case

PHONE = "13812345678"  # make_complaint's complainant
PARTY = "021-62345678"


def _as(ctx: AppContext, role: str | None) -> AppContext:
    ctx.sign_in(NOBODY if role is None else SignedInUser(username=f"user-{role}", display_name="小王", role=role))
    return ctx


def _entries(ctx: AppContext, action: str = "reveal_phone") -> list[AuditEntry]:
    with ctx.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


@pytest.mark.parametrize("role", [ADMIN, STAFF])
def test_reveal_returns_the_full_number_and_audits_once_per_reveal(app_ctx: AppContext, role: str, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    estate = make_estate(app_ctx)
    complaint = make_complaint(app_ctx, estate)
    case = new_case(app_ctx, estate, party_phone=PARTY).id
    with app_ctx.db.session() as s:
        complaint_uuid = s.scalar(select(Complaint.uuid).where(Complaint.id == complaint))
        case_uuid = s.scalar(select(Case.uuid).where(Case.id == case))
    ctx = _as(app_ctx, role)

    assert reveal_phone(ctx, "complaint", complaint) == PHONE
    assert reveal_phone(ctx, "complaint", complaint) == PHONE
    assert reveal_phone(ctx, "case", case) == PARTY

    entries = _entries(ctx)
    assert [(e.entity, e.entity_uuid, e.username) for e in entries] == [
        ("complaints", str(complaint_uuid), f"user-{role}"), ("complaints", str(complaint_uuid), f"user-{role}"),
        ("cases", str(case_uuid), f"user-{role}")]
    # The number is in no audit entry and in no log line.
    assert not any(PHONE in (e.detail or "") or "62345678" in (e.detail or "") for e in entries)
    assert PHONE not in caplog.text and "62345678" not in caplog.text


@pytest.mark.parametrize("role, refusal", [(SUPERVISOR, "督导账号"), (REP, "居委代表账号"), (None, "请先登录")])
def test_other_roles_are_refused_in_chinese_and_nothing_is_revealed(app_ctx: AppContext, role: str | None,
                                                                      refusal: str) -> None:
    complaint = make_complaint(app_ctx, make_estate(app_ctx))
    ctx = _as(app_ctx, role)
    with pytest.raises(PermissionDenied) as err:
        reveal_phone(ctx, "complaint", complaint)
    assert err.value.message.startswith(refusal) and "查看完整的个人信息" in err.value.message
    assert PHONE not in err.value.message
    assert _entries(ctx) == []
    assert len(_entries(ctx, "denied")) == 1


def test_refusals_for_a_missing_record_an_unknown_kind_and_no_number(app_ctx: AppContext) -> None:
    estate = make_estate(app_ctx)
    with app_ctx.db.session() as s:  # an anonymous visitor: no number to call back
        anonymous = Complaint(channel="来访", received_at=datetime(2025, 3, 4, 2, 30), content="楼道堆物",
                              estate_id=estate)
        s.add(anonymous)
        s.flush()
        anonymous_id = anonymous.id
    with pytest.raises(NotFoundError, match="找不到该诉件"):
        reveal_phone(app_ctx, "complaint", 10**7)
    with pytest.raises(NotFoundError, match="找不到该案件"):
        reveal_phone(app_ctx, "case", 10**7)
    with pytest.raises(ValidationError, match="只能显示诉件投诉人或案件当事人的电话号码"):
        reveal_phone(app_ctx, "estate", 1)
    case = new_case(app_ctx, estate).id  # no party phone
    with pytest.raises(UserError, match="该案件没有登记电话号码"):
        reveal_phone(app_ctx, "case", case)
    with pytest.raises(UserError, match="该诉件没有登记电话号码"):
        reveal_phone(app_ctx, "complaint", anonymous_id)
    assert _entries(app_ctx) == []


def test_a_record_outside_the_view_is_refused(app_ctx: AppContext) -> None:
    ours = make_estate(app_ctx, "梅川小区")
    theirs = make_estate(app_ctx, "怒江苑")
    complaint = make_complaint(app_ctx, theirs)
    station.set_station_area(app_ctx, street="长征镇", estate_ids=[ours])
    views.set_view(app_ctx, "station")
    with pytest.raises(UserError, match="该诉件不属于本工作室的范围"):
        reveal_phone(app_ctx, "complaint", complaint)
    with app_ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "reveal_phone")) == 0
