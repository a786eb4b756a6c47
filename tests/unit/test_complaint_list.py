"""The complaint log list: filters, search, windows, group sizes, masking in the list and the export."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from controllers.complaints import entry as cc
from controllers.complaints import listing as cl
from controllers.complaints.listing import ComplaintFilter
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from tests.unit.complaint_fixtures import Ref, make_reference

MONDAY = datetime(2025, 3, 3, 1, 0)  # 09:00 Shanghai
TODAY = date(2025, 3, 20)


@pytest.fixture
def ref(app_ctx: AppContext, pin_clock) -> Ref:
    pin_clock(TODAY)
    r = make_reference(app_ctx)
    add = cc.create_complaint
    # 1: 12345, 群租 at 梅岭, repeated by 2 (same phone); 3: 违法搭建 at 真如, overdue; 4: anonymous letter, replied.
    add(app_ctx, channel="12345热线", received_at=MONDAY, complainant_name="张三", complainant_phone="13812345678",
        estate_id=r.meiling, address="梅岭北路100弄3号", category_id=r.c03, content="楼上群租", work_order_no="W1",
        reply_due=date(2025, 3, 28))
    add(app_ctx, channel="来电", received_at=MONDAY + timedelta(days=2), complainant_name="张三",
        complainant_phone="13812345678", estate_id=r.meiling, category_id=r.c03, content="再次反映群租",
        reply_due=date(2025, 3, 28))
    add(app_ctx, channel="来访", received_at=MONDAY + timedelta(days=5), complainant_name="欧阳娜娜",
        complainant_phone="13900001111", estate_id=r.zhenru, address="真如路8号", category_id=r.c05,
        content="屋顶违法搭建", reply_due=date(2025, 3, 14))
    letter = add(app_ctx, channel="信件", received_at=MONDAY + timedelta(days=10), content="小广告很多",
                 estate_id=r.meiling, category_id=r.c05)
    cc.update_handling(app_ctx, letter, expected_version=1, status="已回复", reply="已清理",
                       replied_on=date(2025, 3, 14))
    return r


def _contents(ctx: AppContext, f: ComplaintFilter) -> list[str]:
    rows = cl.fetch_window(ctx, f, offset=0, limit=50)
    assert cl.count_complaints(ctx, f) == len(rows)
    return [r.content for r in rows]


def test_newest_first_with_masked_personal_data(app_ctx: AppContext, ref: Ref) -> None:
    rows = cl.fetch_window(app_ctx, ComplaintFilter())
    assert [r.content for r in rows] == ["小广告很多", "屋顶违法搭建", "再次反映群租", "楼上群租"]
    visit = rows[1]
    assert visit.complainant_name == "欧***" and visit.complainant_phone == "139****1111"
    assert visit.received_at == datetime(2025, 3, 8, 9, 0) and visit.street == "真如镇街道"
    assert rows[0].complainant_name == "" and rows[0].complainant_phone == ""
    assert [r.group_size for r in rows] == [1, 1, 2, 2]
    revealed = cl.fetch_window(app_ctx, ComplaintFilter(), reveal_personal=True)
    assert revealed[1].complainant_phone == "13900001111"


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (ComplaintFilter(channels=("12345热线",)), ["楼上群租"]),
        (ComplaintFilter(statuses=("已回复",)), ["小广告很多"]),
        (ComplaintFilter(overdue=True), ["屋顶违法搭建"]),
        (ComplaintFilter(repeat=True), ["再次反映群租", "楼上群租"]),
        (ComplaintFilter(received_from=date(2025, 3, 5), received_to=date(2025, 3, 8)),
         ["屋顶违法搭建", "再次反映群租"]),
        (ComplaintFilter(query="群租"), ["再次反映群租", "楼上群租"]),
        (ComplaintFilter(query="真如路"), ["屋顶违法搭建"]),
        (ComplaintFilter(query="W1"), ["楼上群租"]),
        (ComplaintFilter(query="群租", channels=("来电",)), ["再次反映群租"]),
    ],
)
def test_filters_and_search(app_ctx: AppContext, ref: Ref, f: ComplaintFilter, expected: list[str]) -> None:
    assert _contents(app_ctx, f) == expected


def test_filters_by_reference_ids(app_ctx: AppContext, ref: Ref) -> None:
    assert _contents(app_ctx, ComplaintFilter(street_ids=(ref.other_street_id,))) == ["屋顶违法搭建"]
    assert len(_contents(app_ctx, ComplaintFilter(estate_ids=(ref.meiling,)))) == 3
    assert _contents(app_ctx, ComplaintFilter(category_ids=(ref.c05,), estate_ids=(ref.meiling,))) == ["小广告很多"]


def test_windows_page_through_the_list(app_ctx: AppContext, ref: Ref) -> None:
    page1 = cl.fetch_window(app_ctx, ComplaintFilter(), offset=0, limit=3)
    page2 = cl.fetch_window(app_ctx, ComplaintFilter(), offset=3, limit=3)
    assert len(page1) == 3 and len(page2) == 1
    oldest_first = cl.fetch_window(app_ctx, ComplaintFilter(), sort="received_at", descending=False)
    assert oldest_first[0].content == "楼上群租"


def test_bad_filters_say_what_is_wrong(app_ctx: AppContext, ref: Ref) -> None:
    with pytest.raises(ValidationError, match="未知的办理状态"):
        cl.count_complaints(app_ctx, ComplaintFilter(statuses=("结案",)))
    with pytest.raises(ValidationError, match="结束日期不能早于"):
        cl.count_complaints(app_ctx, ComplaintFilter(received_from=date(2025, 3, 5), received_to=date(2025, 3, 1)))
    with pytest.raises(ValidationError, match="无法按"):
        cl.fetch_window(app_ctx, ComplaintFilter(), sort="nope")


def test_export_masks_personal_data_by_default(app_ctx: AppContext, ref: Ref, tmp_path: Path) -> None:
    out = tmp_path / "诉件.xlsx"
    f = ComplaintFilter(estate_ids=(ref.zhenru,))
    assert cl.export_complaints(app_ctx, f, out) == 1
    ws = load_workbook(out).active
    assert ws is not None
    assert ws["A1"].value == "诉件台账" and "小区：真如小区" in ws["A2"].value
    header = [c.value for c in ws[3]]
    row = dict(zip(header, [c.value for c in ws[4]], strict=True))
    assert row["投诉人"] == "欧***" and row["联系电话"] == "139****1111"
    assert row["受理时间"] == datetime(2025, 3, 8, 9, 0) and row["答复逾期"] == "是"
    assert "13900001111" not in str([c.value for r in ws.iter_rows() for c in r])
    cl.export_complaints(app_ctx, f, out, reveal_personal=True)
    assert load_workbook(out).active["E4"].value == "13900001111"  # type: ignore[index]
