"""The case book list: every filter alone and combined, sort keys, search, deadlines across a holiday, export."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from controllers.cases import listing as cl
from controllers.cases.export import export_cases, filter_description, filter_from_names
from controllers.cases.listing import CaseFilter, count_cases, fetch_window
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from tests.unit.case_list_data import add_case, reference_ids

TODAY = date(2025, 9, 30)  # the Tuesday before the National Day holiday (Oct 1-8; Oct 11 a make-up day)


@pytest.fixture
def book(app_ctx: AppContext, pin_clock) -> dict:
    pin_clock(TODAY)
    ref = reference_ids(app_ctx)
    ids = {
        "old_closed": add_case(app_ctx, ref, status="结案", found=date(2025, 1, 5), deadline=date(2025, 2, 1),
                               facts="群租房屋已整改", category="C03"),
        "overdue": add_case(app_ctx, ref, status="责令整改", found=date(2025, 8, 1), deadline=date(2025, 9, 29),
                            facts="违法搭建阳光房", category="C05", officer=1),
        "due_soon": add_case(app_ctx, ref, street=1, status="复查", found=date(2025, 9, 1),
                             deadline=date(2025, 10, 10), category="C05", facts="屋顶搭建", source="居民投诉"),
        "after_window": add_case(app_ctx, ref, street=1, status="责令整改", found=date(2025, 9, 2),
                                 deadline=date(2025, 10, 13), category="C06", place="楼道"),
        "on_hold": add_case(app_ctx, ref, status="挂账", found=date(2025, 4, 1), deadline=date(2025, 5, 1),
                            category="C02", officer=None),
        "referred": add_case(app_ctx, ref, status="移交", found=date(2025, 6, 1), category="C99"),
        "open_referral": add_case(app_ctx, ref, status="立案", found=date(2025, 6, 2), referral="待回复"),
        "replied_referral": add_case(app_ctx, ref, status="立案", found=date(2025, 6, 3), referral="已回复"),
    }
    return {"ref": ref, "ids": ids}


def ids_of(ctx: AppContext, f: CaseFilter, **kw) -> set[int]:
    rows = fetch_window(ctx, f, offset=0, limit=1000, **kw)
    assert len(rows) == count_cases(ctx, f)
    return {r.id for r in rows}


def test_no_filter_lists_everything_newest_first(app_ctx, book):
    rows = fetch_window(app_ctx, CaseFilter())
    assert count_cases(app_ctx, CaseFilter()) == len(book["ids"])
    assert [r.found_date for r in rows] == sorted((r.found_date for r in rows), reverse=True)


def test_each_filter_alone(app_ctx, book):
    ref, ids = book["ref"], book["ids"]
    assert ids_of(app_ctx, CaseFilter(statuses=("结案", "挂账"))) == {ids["old_closed"], ids["on_hold"]}
    assert ids_of(app_ctx, CaseFilter(category_ids=(ref["categories"]["C05"],))) == {ids["overdue"], ids["due_soon"]}
    assert ids_of(app_ctx, CaseFilter(street_ids=(ref["streets"][1][0],))) == {ids["due_soon"], ids["after_window"]}
    # A running deadline asked for: the street is then checked on the few open cases (unindexed), same answer.
    assert ids_of(app_ctx, CaseFilter(street_ids=(ref["streets"][1][0],), due_soon=True)) == {ids["due_soon"]}
    assert ids_of(app_ctx, CaseFilter(street_ids=(ref["streets"][0][0],), overdue=True)) == {ids["overdue"]}
    assert ids_of(app_ctx, CaseFilter(estate_ids=(ref["estates"][1],))) == {ids["due_soon"], ids["after_window"]}
    assert ids_of(app_ctx, CaseFilter(officer_ids=(ref["officers"][1],))) == {ids["overdue"]}
    assert ids_of(app_ctx, CaseFilter(sources=("居民投诉",))) == {ids["due_soon"]}
    between = CaseFilter(found_from=date(2025, 6, 1), found_to=date(2025, 6, 2))
    assert ids_of(app_ctx, between) == {ids["referred"], ids["open_referral"]}
    assert ids_of(app_ctx, CaseFilter(found_from=date(2025, 9, 1))) == {ids["due_soon"], ids["after_window"]}
    assert ids_of(app_ctx, CaseFilter(found_to=date(2025, 1, 31))) == {ids["old_closed"]}
    assert ids_of(app_ctx, CaseFilter(on_hold=True)) == {ids["on_hold"]}
    # 移交 status, or a referral still waiting for its reply; a replied referral is no longer "referred".
    assert ids_of(app_ctx, CaseFilter(referred=True)) == {ids["referred"], ids["open_referral"]}


def test_overdue_and_due_soon_count_working_days_across_the_holiday(app_ctx, book):
    ids = book["ids"]
    # Closed (结案) and held (挂账) cases have past deadlines but are not overdue: their deadline stopped.
    assert ids_of(app_ctx, CaseFilter(overdue=True)) == {ids["overdue"]}
    # Oct 1-8 are holidays, Oct 9, 10 and the make-up Saturday Oct 11 are the 3 working days: Oct 10 is due soon,
    # Monday Oct 13 is not, although it is only 13 calendar days away.
    assert ids_of(app_ctx, CaseFilter(due_soon=True)) == {ids["due_soon"]}
    rows = {r.id: r for r in fetch_window(app_ctx, CaseFilter(), limit=100)}
    assert rows[ids["due_soon"]].days_left == 2
    assert rows[ids["after_window"]].days_left == 4
    assert rows[ids["overdue"]].days_left == -1
    assert rows[ids["old_closed"]].days_left is None
    assert rows[ids["on_hold"]].days_left is None


def test_overdue_after_the_holiday_counts_working_days_only(app_ctx, book, pin_clock):
    pin_clock(date(2025, 10, 9))
    rows = {r.id: r for r in fetch_window(app_ctx, CaseFilter(overdue=True), limit=100)}
    # Deadline Sep 29; Sep 30 and Oct 9 are the working days since (the holiday week does not count).
    assert rows[book["ids"]["overdue"]].days_left == -2


def test_filters_combine(app_ctx, book):
    ref, ids = book["ref"], book["ids"]
    f = CaseFilter(statuses=("责令整改", "复查"), category_ids=(ref["categories"]["C05"],),
                   found_from=date(2025, 7, 1), overdue=True)
    assert ids_of(app_ctx, f) == {ids["overdue"]}
    assert ids_of(app_ctx, CaseFilter(street_ids=(ref["streets"][1][0],), query="搭建")) == {ids["due_soon"]}
    assert ids_of(app_ctx, CaseFilter(on_hold=True, referred=True)) == set()


@pytest.mark.parametrize(("term", "expected"), [
    ("群", {"old_closed"}), ("搭建", {"overdue", "due_soon"}), ("违法搭", {"overdue"}),
    ("违法搭建", {"overdue"}), ("违法搭建阳", {"overdue"}), ("违法搭建阳光", {"overdue"}), ("楼道", {"after_window"}),
    ("阳光 违法", {"overdue"}), ("不存在", set()),
])
def test_search_finds_chinese_substrings_of_any_length(app_ctx, book, term, expected):
    assert ids_of(app_ctx, CaseFilter(query=term)) == {book["ids"][k] for k in expected}


def test_search_by_case_number(app_ctx, book):
    number = fetch_window(app_ctx, CaseFilter(), limit=1)[0].number
    assert number in {r.number for r in fetch_window(app_ctx, CaseFilter(query=number))}


@pytest.mark.parametrize("key", list(cl.SORT_KEYS))
def test_every_column_sorts_both_ways_and_windows_agree(app_ctx, book, key):
    up = [r.id for r in fetch_window(app_ctx, CaseFilter(), sort=key, descending=False)]
    down = [r.id for r in fetch_window(app_ctx, CaseFilter(), sort=key, descending=True)]
    assert up == down[::-1]  # ties broken by id in the same direction, so reversal is exact
    paged = [r.id for off in range(0, len(up), 3)
             for r in fetch_window(app_ctx, CaseFilter(), sort=key, descending=False, offset=off, limit=3)]
    assert paged == up


def test_sort_by_status_follows_the_workflow(app_ctx, book):
    statuses = [r.status for r in fetch_window(app_ctx, CaseFilter(), sort="status", descending=False)]
    order = [cl.STATUSES.index(s) for s in statuses]
    assert order == sorted(order)


def test_unknown_sort_or_status_is_refused(app_ctx, book):
    with pytest.raises(ValidationError):
        fetch_window(app_ctx, CaseFilter(), sort="nonsense")
    with pytest.raises(ValidationError):
        count_cases(app_ctx, CaseFilter(statuses=("完成",)))


def test_export_writes_title_filters_headers_and_real_dates(app_ctx, book, tmp_path):
    ref = book["ref"]
    f = CaseFilter(statuses=("责令整改", "复查"), street_ids=(ref["streets"][1][0],), query="楼")
    path = tmp_path / "cases.xlsx"
    written = export_cases(app_ctx, f, path, exported_at=datetime(2025, 9, 30, 10, 5))
    assert written == count_cases(app_ctx, f) == 2
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "案件台账"
    assert "状态：责令整改、复查" in rows[1][0] and f"街镇：{ref['streets'][1][2]}" in rows[1][0]
    assert "关键词：楼" in rows[1][0] and "2025-09-30 10:05" in rows[1][0]
    assert rows[2][:3] == ("案件编号", "状态", "类别")
    data = rows[3:]
    assert len(data) == 2
    assert all(isinstance(r[6], datetime) for r in data)  # found date is a date cell, not text
    assert {r[8] for r in data} == {"剩 2 个工作日", "剩 4 个工作日"}


def test_filter_description_names_everything(app_ctx, book):
    ref = book["ref"]
    f = CaseFilter(category_ids=(ref["categories"]["C03"],), officer_ids=(ref["officers"][0],),
                   found_from=date(2025, 1, 1), overdue=True, due_soon=True, on_hold=True, referred=True)
    text = "；".join(filter_description(app_ctx, f))
    for part in ("类别：群租", "承办人：王承办", "发现日期：2025-01-01 至 不限", "已逾期", "3个工作日内到期", "挂账",
                 "已移交"):
        assert part in text
    assert filter_description(app_ctx, CaseFilter()) == []


def test_filter_from_names_resolves_codes_and_names_and_lists_valid_values(app_ctx, book):
    ref = book["ref"]
    f = filter_from_names(app_ctx, categories=["C05", "群租"], streets=[ref["streets"][1][2]], estates=["测试小区2"])
    assert f.category_ids == (ref["categories"]["C05"], ref["categories"]["C03"])
    assert f.estate_ids == (ref["estates"][1],)
    with pytest.raises(ValidationError, match=r"可选：.*C01 装修人未申报登记"):
        filter_from_names(app_ctx, categories=["不是类别"])
    with pytest.raises(ValidationError, match="可选：登记"):
        filter_from_names(app_ctx, statuses=["完成"])
    with pytest.raises(ValidationError, match="长征镇"):
        filter_from_names(app_ctx, streets=["火星街道"])
