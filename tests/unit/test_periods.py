"""The period syntax shared by every CLI command and report."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from controllers.core.errors import ValidationError
from controllers.core.periods import parse_period, same_period_last_year


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "2025年"),
        ("2025Q1", date(2025, 1, 1), date(2025, 3, 31), "2025年第一季度"),
        ("2024q4", date(2024, 10, 1), date(2024, 12, 31), "2024年第四季度"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024年2月"),
        ("2025-3", date(2025, 3, 1), date(2025, 3, 31), "2025年3月"),
        ("2025-01-01..2025-06-30", date(2025, 1, 1), date(2025, 6, 30), "2025年1月1日至2025年6月30日"),
        (" ２０２５ ", date(2025, 1, 1), date(2025, 12, 31), "2025年"),
    ],
)
def test_every_form_parses(text: str, start: date, end: date, label: str) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.label) == (start, end, label)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请指定期间"),
        ("去年", "无法识别期间"),
        ("2025Q5", "无法识别期间"),
        ("2025-13", "月份应在 1 到 12"),
        ("1999", "年份应在"),
        ("2025-02-30..2025-03-01", "不存在"),
        ("2025-06-30..2025-01-01", "不能早于"),
        ("2025-01-01..", "无法识别期间"),
    ],
)
def test_bad_input_says_what_is_accepted(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_period(text)


def test_same_period_last_year() -> None:
    assert same_period_last_year(parse_period("2025Q2")).label == "2024年第二季度"
    assert same_period_last_year(parse_period("2025")).end == date(2024, 12, 31)
    assert same_period_last_year(parse_period("2025-02")).end == date(2024, 2, 29)
    leap = same_period_last_year(parse_period("2024-02-29..2024-03-10"))
    assert (leap.start, leap.end) == (date(2023, 2, 28), date(2023, 3, 10))
    feb = same_period_last_year(parse_period("2025-01-01..2025-02-28"))
    assert feb.end == date(2024, 2, 29)


def test_instant_bounds_cover_shanghai_days() -> None:
    lo, hi = parse_period("2025-03").instant_bounds()
    assert lo == datetime(2025, 2, 28, 16, 0) and hi == datetime(2025, 3, 31, 16, 0)
