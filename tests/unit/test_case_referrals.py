"""Referrals: letter, receipt, reply, overdue flags, the C11 demerit proposal and a company's record."""

from __future__ import annotations

from datetime import date

import pytest

from controllers.cases import records as case_records
from controllers.cases import referrals as ref
from controllers.core.errors import ValidationError
from tests.unit.case_fixtures import category_id, department_id, make_estate, new_case


def test_refer_receive_reply(app_ctx):
    d = new_case(app_ctx)
    r = ref.refer_case(app_ctx, d.id, department_id=department_id(app_ctx), reason="请协助调取规划图纸",
                       referred_on=date(2025, 3, 6), letter_no="普城管函〔2025〕12号", reply_due=date(2025, 3, 20))
    assert (r.status, r.overdue, r.case_number) == ("待回复", True, d.number)  # today is after the due date
    r = ref.record_receipt(app_ctx, r.id, received_on=date(2025, 3, 7))
    assert r.received_on == date(2025, 3, 7) and r.overdue  # received but not answered: still overdue
    r = ref.record_reply(app_ctx, r.id, replied_on=date(2025, 3, 18), reply="经核查属违法建筑",
                         reply_letter_no="普规资函〔2025〕5号")
    assert (r.status, r.overdue, r.reply_letter_no) == ("已回复", False, "普规资函〔2025〕5号")
    detail = case_records.get_case(app_ctx, d.id)
    assert detail.status == "登记"  # an assist request does not hand the case over
    assert [e.kind for e in detail.timeline] == ["创建", "移交", "移交", "移交"]
    assert "经核查属违法建筑" in detail.timeline[-1].note


def test_referral_input_checks(app_ctx):
    d = new_case(app_ctx)
    with pytest.raises(ValidationError):
        ref.refer_case(app_ctx, d.id, department_id=department_id(app_ctx), reason=" ", referred_on=date(2025, 3, 6))
    with pytest.raises(ValidationError):
        ref.refer_case(app_ctx, d.id, department_id=department_id(app_ctx), reason="事项",
                       referred_on=date(2025, 3, 6), reply_due=date(2025, 3, 1))
    r = ref.refer_case(app_ctx, d.id, department_id=department_id(app_ctx), reason="事项", referred_on=date(2025, 3, 6))
    with pytest.raises(ValidationError):
        ref.record_reply(app_ctx, r.id, replied_on=date(2025, 3, 7), reply="")
    with pytest.raises(ValidationError):
        ref.record_receipt(app_ctx, r.id, received_on=date(2025, 3, 1))


def test_overdue_list(app_ctx):
    d = new_case(app_ctx)
    dept = department_id(app_ctx)
    late = ref.refer_case(app_ctx, d.id, department_id=dept, reason="甲", referred_on=date(2025, 3, 6),
                          reply_due=date(2025, 3, 10))
    ref.refer_case(app_ctx, d.id, department_id=dept, reason="乙", referred_on=date(2025, 3, 6),
                   reply_due=date(2025, 4, 30))
    answered = ref.refer_case(app_ctx, d.id, department_id=dept, reason="丙", referred_on=date(2025, 3, 6),
                              reply_due=date(2025, 3, 9))
    ref.record_reply(app_ctx, answered.id, replied_on=date(2025, 3, 8), reply="已办")
    assert [r.id for r in ref.list_overdue_referrals(app_ctx, today=date(2025, 4, 1))] == [late.id]


def test_c11_penalty_proposes_a_demerit_referral_once(app_ctx):
    estate = make_estate(app_ctx, company="安居物业")
    d = new_case(app_ctx, estate, category_id=category_id(app_ctx, "C11"), facts="物业未劝阻违法搭建")
    assert ref.propose_demerit_referral(app_ctx, d.id) is None  # no penalty yet
    d = case_records.update_case(app_ctx, d.id, expected_version=d.version, penalty_decided_on=date(2025, 4, 1),
                                 penalty_doc_no="普城管罚〔2025〕8号", penalty_amount=5000)
    p = ref.propose_demerit_referral(app_ctx, d.id, on=date(2025, 4, 2))
    assert p is not None and p.department_name == "区房管局"
    assert "安居物业" in p.reason and "失信记分" in p.reason and "普城管罚〔2025〕8号" in p.reason
    assert p.reply_due > date(2025, 4, 2)
    ref.refer_case(app_ctx, d.id, department_id=p.department_id, reason=p.reason, referred_on=date(2025, 4, 2),
                   reply_due=p.reply_due)
    assert ref.propose_demerit_referral(app_ctx, d.id) is None  # already referred
    record = ref.property_company_record(app_ctx, d.property_company_id)
    assert record.company_name == "安居物业"
    assert [c.number for c in record.cases] == [d.number]
    assert [r.department_name for r in record.referrals] == ["区房管局"]


def test_other_categories_get_no_demerit_proposal(app_ctx):
    d = new_case(app_ctx)
    d = case_records.update_case(app_ctx, d.id, expected_version=d.version, penalty_decided_on=date(2025, 4, 1))
    assert ref.propose_demerit_referral(app_ctx, d.id) is None
