"""Meeting mode's controller: only safe fields, places cut to the building, and the 居委转交 quick form."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from controllers.complaints.entry import get_complaint
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.privacy import place_without_room
from controllers.meetings.meeting_mode import meeting_view, raise_matter, scope_choices
from tests.unit.test_dashboard import COMPLAINANTS, PARTY, TODAY, Built, build


@pytest.mark.parametrize(("place", "shown"), [
    ("3号楼502室", "3号楼"), ("18号楼1402", "18号楼"), ("长寿路100弄3号502室", "长寿路100弄3号"),
    ("5幢2单元301室", "5幢"), ("502室", ""), ("12号楼楼道", "12号楼楼道"), ("小区东门", "小区东门"),
    ("花园内13812345678", "花园内"), ("", ""), (None, ""),
])
def test_place_keeps_the_building_only(place: str | None, shown: str) -> None:
    assert place_without_room(place) == shown


@pytest.fixture
def built(app_ctx: AppContext, pin_clock) -> Built:
    pin_clock(TODAY)
    return build(app_ctx)


def _committee(ctx: AppContext):
    return next(c for c in scope_choices(ctx) if c.kind == "committee" and c.name == "甲居委会")


def test_view_has_figures_and_no_personal_data(app_ctx: AppContext, built: Built) -> None:
    v = meeting_view(app_ctx, _committee(app_ctx), today=TODAY)
    assert v.scope_label == "居委会：甲居委会" and len(v.estates) == 3
    # Open = not 结案 / 不予立案: c3 c4 c5 r1 l3 h1 h2.
    assert v.open_case_total == 7 and {c.place for c in v.open_cases} == {"3号楼"}
    assert v.closed_this_year == 2
    assert (v.complaints_this_year, v.complaints_last_year) == (9, 3)  # 甲 3 + 乙 2 + 丙 4 (no ratio needed)
    assert v.complaints_open == 2
    assert v.per10k is not None and v.per10k.current.per10k == 2.78
    text = repr(asdict(v))
    for secret in (PARTY[0], PARTY[1], "502", *[x for pair in COMPLAINANTS for x in pair]):
        assert secret not in text


def test_quick_form_creates_a_committee_referral(app_ctx: AppContext, built: Built) -> None:
    new_id = raise_matter(app_ctx, estate_id=built.estates["乙小区"], category_id=None,
                          description="楼道有人堆放杂物", place="7号楼302室")
    detail = get_complaint(app_ctx, new_id, reveal_personal=True)
    assert detail.channel == "居委转交" and detail.complainant_name == "" and detail.complainant_phone == ""
    assert detail.address == "7号楼" and detail.content == "楼道有人堆放杂物" and detail.estate == "乙小区"
    assert detail.reply_due is not None and detail.reply_due >= clock.today()
    with pytest.raises(ValidationError) as err:
        raise_matter(app_ctx, estate_id=built.estates["乙小区"], category_id=None, description="  ")
    assert err.value.field == "description"
