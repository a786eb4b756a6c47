"""苗头 (early warnings): an estate's complaints in a category rising clearly against its own last months and last
year is flagged with the figures in words; one rising only against a quiet past but matching last year is not; three
estates rising in one category make a 普遍性难点; a flag goes to a new 研讨会诊 with its complaints."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError
from controllers.core.permissions import SUPERVISOR, PermissionDenied, SignedInUser
from controllers.meetings import records as meetings
from controllers.supervision.warnings import MIN_COUNT, early_warnings, send_to_clinic
from tests.unit.case_fixtures import category_id, make_complaint, make_estate

TODAY = date(2025, 6, 30)


def _complaints(ctx: AppContext, estate: int, category: int, n: int, day: date) -> None:
    for i in range(n):
        make_complaint(ctx, estate, category_id=category, received_at=datetime(day.year, day.month, day.day, 2, i))


@pytest.fixture
def rising(app_ctx: AppContext, pin_clock) -> dict[str, int]:
    pin_clock(TODAY)
    cat, other = category_id(app_ctx, "C05"), category_id(app_ctx, "C01")
    ids = {name: make_estate(app_ctx, name) for name in ("甲小区", "乙小区", "丙小区", "丁小区")}
    for name in ("甲小区", "乙小区", "丙小区"):
        _complaints(app_ctx, ids[name], cat, 1, TODAY - timedelta(days=60))  # quiet months before
        _complaints(app_ctx, ids[name], cat, 6, TODAY - timedelta(days=5))  # then six in the last 30 days
    # 丁小区: six now, but six in the same weeks last year too: seasonal, not a rise.
    _complaints(app_ctx, ids["丁小区"], cat, 6, TODAY - timedelta(days=5))
    _complaints(app_ctx, ids["丁小区"], cat, 6, date(2024, 6, 25))
    # Four in another category: under the minimum count.
    _complaints(app_ctx, ids["甲小区"], other, MIN_COUNT - 1, TODAY - timedelta(days=3))
    return {**ids, "cat": cat}


def test_rises_are_flagged_with_their_figures_and_seasonal_ones_are_not(app_ctx: AppContext,
                                                                         rising: dict[str, int]) -> None:
    found = early_warnings(app_ctx)
    flagged = {(w.estate, w.source, w.category_id) for w in found.estates}
    assert flagged == {(n, "诉件", rising["cat"]) for n in ("甲小区", "乙小区", "丙小区")}
    one = found.estates[0]
    assert (one.recent, one.before, one.last_year) == (6, 0.3, 0)
    assert "近 30 天诉件 6 件" in one.why and "去年同期 0 件" in one.why and "6.0 倍" in one.why
    [spread] = found.widespread
    assert spread.estates == ("丙小区", "乙小区", "甲小区") and "3 个小区同时上升" in spread.why


def test_a_flag_goes_to_a_new_clinic_with_its_complaints(app_ctx: AppContext, rising: dict[str, int]) -> None:
    found = early_warnings(app_ctx)
    detail = send_to_clinic(app_ctx, found.widespread[0].key)
    assert detail.kind == "研讨会诊" and detail.held_on == TODAY and "普遍性难点" in detail.title
    assert len(detail.complaints) == 18  # the six recent ones of each of the three estates
    one = send_to_clinic(app_ctx, found.estates[0].key)
    assert len(one.complaints) == 6 and len(meetings.list_meetings(app_ctx, meetings.MeetingFilter())) == 2
    with pytest.raises(NotFoundError, match="请刷新列表"):
        send_to_clinic(app_ctx, "诉件:999:999")
    app_ctx.sign_in(SignedInUser(username="s", display_name="督导甲", role=SUPERVISOR, user_id=1))
    with pytest.raises(PermissionDenied):
        send_to_clinic(app_ctx, found.estates[0].key)
    assert len(meetings.list_meetings(app_ctx, meetings.MeetingFilter())) == 2
