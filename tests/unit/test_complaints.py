"""Complaint entry, handling and links to cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from controllers.complaints import entry as cc
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, ValidationError
from models.cases import Case
from models.complaints import Complaint
from tests.unit.complaint_fixtures import Ref, make_reference

# Monday 2025-03-03 09:00 Shanghai
MONDAY = datetime(2025, 3, 3, 1, 0)


@pytest.fixture
def ref(app_ctx: AppContext) -> Ref:
    return make_reference(app_ctx)


@pytest.fixture(autouse=True)
def pinned_today(pin_clock) -> date:
    today = date(2025, 3, 20)
    pin_clock(today)
    return today


def _new(ctx: AppContext, ref: Ref, **kw: object) -> int:
    args: dict[str, object] = dict(channel="来电", received_at=MONDAY, complainant_name="张三",
                                   complainant_phone="138 1234 5678", estate_id=ref.meiling,
                                   address="梅岭北路100弄3号", category_id=ref.c03, content="楼上群租，人员进出频繁")
    args.update(kw)
    return cc.create_complaint(ctx, **args)  # type: ignore[arg-type]


def test_entry_stores_the_complaint_with_the_channel_reply_deadline(app_ctx: AppContext, ref: Ref) -> None:
    cid = _new(app_ctx, ref)
    d = cc.get_complaint(app_ctx, cid)
    assert d.status == "待处理" and d.estate == "梅岭小区" and d.category == "C03 群租"
    assert d.received_at == datetime(2025, 3, 3, 9, 0)
    assert d.reply_due == date(2025, 3, 10)  # 5 working days after Monday
    assert d.complainant_name == "张*" and d.complainant_phone == "138****5678"
    assert cc.get_complaint(app_ctx, cid, reveal_personal=True).complainant_phone == "13812345678"
    letter = _new(app_ctx, ref, channel="信件", complainant_phone=None, address=None)
    assert cc.get_complaint(app_ctx, letter).reply_due == date(2025, 3, 24)  # 15 working days


def test_reply_days_per_channel_is_a_setting(app_ctx: AppContext, ref: Ref) -> None:
    from models.admin import Setting

    with app_ctx.db.session() as s:
        s.add(Setting(key="reply_days.来电", value="2"))
    assert cc.default_reply_due(app_ctx, channel="来电", received_on=date(2025, 3, 7)) == date(2025, 3, 11)


def test_anonymous_entry_is_allowed(app_ctx: AppContext, ref: Ref) -> None:
    cid = cc.create_complaint(app_ctx, channel="来访", content="小广告", received_at=MONDAY)
    d = cc.get_complaint(app_ctx, cid)
    assert d.complainant_name == "" and d.estate == "" and d.group_size == 1


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"content": "  "}, "content", "请填写诉求内容"),
        ({"channel": "微信"}, "channel", "来源渠道应为"),
        ({"complainant_phone": "一三八"}, "complainant_phone", "联系电话只能包含数字"),
        ({"reply_due": date(2025, 3, 1)}, "reply_due", "答复期限不能早于受理日期"),
        ({"received_at": datetime(2099, 1, 1)}, "received_at", "不能晚于现在"),
    ],
)
def test_entry_validation_in_chinese(app_ctx: AppContext, ref: Ref, kw: dict[str, object], field: str,
                                     message: str) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        _new(app_ctx, ref, **kw)
    assert err.value.field == field


def test_duplicate_work_order_is_refused(app_ctx: AppContext, ref: Ref) -> None:
    _new(app_ctx, ref, channel="12345热线", work_order_no="25030300001")
    with pytest.raises(ValidationError, match="已登记过"):
        _new(app_ctx, ref, channel="12345热线", work_order_no="25030300001")


def test_entry_links_a_repeat(app_ctx: AppContext, ref: Ref) -> None:
    first = _new(app_ctx, ref)
    again = _new(app_ctx, ref, received_at=MONDAY + timedelta(days=3), complainant_phone="+86 13812345678")
    d = cc.get_complaint(app_ctx, again)
    assert d.repeat_of_id == first and d.group_size == 2
    assert cc.get_complaint(app_ctx, first).group_size == 2


def test_estate_type_ahead_knows_aliases(app_ctx: AppContext, ref: Ref) -> None:
    names = {(n.text, n.estate) for n in cc.estate_names(app_ctx)}
    assert ("梅岭北块", "梅岭小区") in names and ("真如小区", "真如小区") in names
    assert cc.resolve_estate(app_ctx, "梅岭北块") == ref.meiling
    assert cc.resolve_estate(app_ctx, "") is None
    with pytest.raises(ValidationError, match="没有名为"):
        cc.resolve_estate(app_ctx, "不存在小区")


def test_handling_records_reply_and_callback(app_ctx: AppContext, ref: Ref) -> None:
    cid = _new(app_ctx, ref)
    d = cc.get_complaint(app_ctx, cid)
    saved = cc.update_handling(app_ctx, cid, expected_version=d.version, status="已回复", reply="已上门核查",
                               replied_on=date(2025, 3, 5), callback_on=date(2025, 3, 6), satisfaction="满意",
                               callback_note="居民认可")
    assert saved.status == "已回复" and saved.satisfaction == "满意" and saved.version == d.version + 1
    with pytest.raises(ConflictError, match="他人修改"):
        cc.update_handling(app_ctx, cid, expected_version=d.version, status="处理中")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"status": "已回复"}, "请填写答复内容和答复日期"),
        ({"status": "处理中", "satisfaction": "满意"}, "请同时填写回访日期"),
        ({"status": "处理中", "replied_on": date(2025, 3, 1)}, "不能早于受理日期"),
        ({"status": "处理中", "replied_on": date(2025, 3, 5), "callback_on": date(2025, 3, 4)}, "不能早于答复日期"),
        ({"status": "处理中", "replied_on": date(2025, 4, 5)}, "不能晚于今天"),
        ({"status": "关闭"}, "办理状态应为"),
    ],
)
def test_handling_validation(app_ctx: AppContext, ref: Ref, kw: dict[str, object], message: str) -> None:
    cid = _new(app_ctx, ref)
    with pytest.raises(ValidationError, match=message):
        cc.update_handling(app_ctx, cid, expected_version=1, **kw)  # type: ignore[arg-type]


def test_overdue_reply_is_flagged(app_ctx: AppContext, ref: Ref) -> None:
    cid = _new(app_ctx, ref, reply_due=date(2025, 3, 19))
    assert cc.get_complaint(app_ctx, cid).overdue
    on_time = _new(app_ctx, ref, reply_due=date(2025, 3, 20), complainant_phone=None, address=None)
    assert not cc.get_complaint(app_ctx, on_time).overdue


def test_linking_to_a_closed_case_flags_the_reply(app_ctx: AppContext, ref: Ref) -> None:
    cid = _new(app_ctx, ref)
    case = cc.find_case(app_ctx, " 2025-长征-0001 ")
    cc.link_to_case(app_ctx, cid, case.id)
    assert cc.get_complaint(app_ctx, cid).case_number == "2025-长征-0001"
    assert cc.get_complaint(app_ctx, cid).flag == ""
    with app_ctx.db.session() as s:
        s.execute(update(Case).where(Case.id == case.id).values(status="结案"))
    assert cc.get_complaint(app_ctx, cid).flag == "案件已结案，待回复"
    with pytest.raises(ValidationError, match="没有编号为"):
        cc.find_case(app_ctx, "2025-长征-9999")


def test_a_repeat_group_becomes_one_case(app_ctx: AppContext, ref: Ref) -> None:
    first = _new(app_ctx, ref)
    second = _new(app_ctx, ref, received_at=MONDAY + timedelta(days=2))
    third = _new(app_ctx, ref, received_at=MONDAY + timedelta(days=4))
    assert cc.group_first(app_ctx, third) == first
    assert cc.link_group_to_case(app_ctx, second, ref.case_id) == 3
    with app_ctx.db.session() as s:
        linked = set(s.scalars(select(Complaint.id).where(Complaint.case_id == ref.case_id)))
    assert linked == {first, second, third}
