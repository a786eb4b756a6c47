"""不满意 is not the end: the offer after an unhappy callback, and the count in the dashboard tile and the brief."""

from __future__ import annotations

from datetime import date, datetime

from controllers.briefs import work_brief_data
from controllers.complaints import entry as cc
from controllers.complaints.dissatisfied import count_dissatisfied, dissatisfied_offer
from controllers.core.periods import parse_period
from controllers.dashboard import goals
from models.cases import Case
from tests.unit.complaint_fixtures import make_reference


def _unhappy(ctx, ref, day: int, *, satisfaction: str = "不满意") -> int:
    cid = cc.create_complaint(ctx, channel="来电", received_at=datetime(2025, 3, day, 2, 0), complainant_name="张三",
                              complainant_phone="13812345678", estate_id=ref.meiling, category_id=ref.c05,
                              content="楼顶违法搭建")
    cc.update_handling(ctx, cid, expected_version=cc.get_complaint(ctx, cid).version, status="已回复", reply="已处理",
                       replied_on=date(2025, 3, day + 1), callback_on=date(2025, 3, day + 2), satisfaction=satisfaction)
    return cid


def test_offer_reopens_a_closed_case_opens_one_otherwise_and_clinic_on_the_second(app_ctx, pin_clock):
    pin_clock(date(2025, 3, 31))
    ref = make_reference(app_ctx)
    happy = _unhappy(app_ctx, ref, 2, satisfaction="满意")
    assert dissatisfied_offer(app_ctx, happy) is None
    first = _unhappy(app_ctx, ref, 3)
    offer = dissatisfied_offer(app_ctx, first)
    assert offer is not None and offer.open_case and not offer.propose_clinic and offer.reopen_to is None
    with app_ctx.db.session() as s:
        s.get(Case, ref.case_id).status = "结案"
    cc.link_to_case(app_ctx, first, ref.case_id)
    offer = dissatisfied_offer(app_ctx, first)
    assert (offer.reopen_to, offer.case_number, offer.open_case) == ("复查", "2025-长征-0001", False)
    second = _unhappy(app_ctx, ref, 5)  # same phone and category within the window: the same repeat group
    assert cc.get_complaint(app_ctx, second).group_size == 3
    offer = dissatisfied_offer(app_ctx, second)
    assert offer.dissatisfied_in_group == 2 and offer.propose_clinic


def test_dissatisfied_counts_in_tile_and_brief(app_ctx, pin_clock):
    pin_clock(date(2025, 3, 31))
    ref = make_reference(app_ctx)
    _unhappy(app_ctx, ref, 3)
    _unhappy(app_ctx, ref, 10)
    _unhappy(app_ctx, ref, 12, satisfaction="基本满意")
    q1 = parse_period("2025Q1")
    assert count_dissatisfied(app_ctx, q1) == 2
    tile = goals.goal_tiles(app_ctx, year=2025, today=date(2025, 3, 31)).tile("dissatisfied")
    assert (tile.actual, tile.last_year, tile.unit) == (2, 0, "件")
    data = work_brief_data.gather(app_ctx, q1, on=date(2025, 3, 31))
    assert (data.dissatisfied, data.dissatisfied_last_year) == (2, 0)
