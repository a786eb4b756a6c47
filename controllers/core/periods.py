"""Reporting periods as every CLI command and report names them: 2025, 2025Q1, 2025-03, 2025-01-01..2025-06-30."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from controllers.core.clock import day_start
from controllers.core.errors import ValidationError
from controllers.core.normalize import halfwidth

QUARTER_NAMES = ("一", "二", "三", "四")
YEAR_MIN, YEAR_MAX = 2000, 2100
HELP = "期间可写为年份（2025）、季度（2025Q1）、月份（2025-03）或日期范围（2025-01-01..2025-06-30）。"

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_RANGE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\.\.(\d{4}-\d{1,2}-\d{1,2})$")


@dataclass(frozen=True)
class Period:
    """An inclusive range of calendar days with the label reports print ("2025年第一季度")."""

    start: date
    end: date
    label: str
    kind: str  # year | quarter | month | range

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def instant_bounds(self) -> tuple[datetime, datetime]:
        """[from, to) in stored UTC instants covering the period's local days, for indexed range queries."""
        return day_start(self.start), day_start(self.end + timedelta(days=1))


def _check_year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(f"年份应在 {YEAR_MIN} 到 {YEAR_MAX} 之间。", field="period")
    return year


def _day(text: str) -> date:
    try:
        y, m, d = (int(x) for x in text.split("-"))
        return date(_check_year(y), m, d)
    except ValueError:
        raise ValidationError(f"日期“{text}”不存在，请检查月份和日。", field="period") from None


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), f"{y}年", "year")


def quarter(y: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    end = date(y, first + 2, calendar.monthrange(y, first + 2)[1])
    return Period(date(y, first, 1), end, f"{y}年第{QUARTER_NAMES[q - 1]}季度", "quarter")


def month(y: int, m: int) -> Period:
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y}年{m}月", "month")


def day_range(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError("日期范围的结束日期不能早于开始日期。", field="period")
    label = f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
    return Period(start, end, label, "range")


def parse_period(text: str | None) -> Period:
    """Parse the CLI period syntax; ValidationError in Chinese naming the accepted forms otherwise."""
    raw = halfwidth(text or "").strip().replace("－", "-")
    if not raw:
        raise ValidationError("请指定期间。" + HELP, field="period")
    if m := _YEAR.match(raw):
        return year(_check_year(int(m[1])))
    if m := _QUARTER.match(raw):
        return quarter(_check_year(int(m[1])), int(m[2]))
    if m := _MONTH.match(raw):
        mon = int(m[2])
        if not 1 <= mon <= 12:
            raise ValidationError(f"月份应在 1 到 12 之间（收到“{raw}”）。", field="period")
        return month(_check_year(int(m[1])), mon)
    if m := _RANGE.match(raw):
        return day_range(_day(m[1]), _day(m[2]))
    raise ValidationError(f"无法识别期间“{raw}”。" + HELP, field="period")


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def same_period_last_year(p: Period) -> Period:
    """The same months or days one year earlier (2025Q1 -> 2024Q1), labelled the same way."""
    y = p.start.year - 1
    if p.kind == "year":
        return year(y)
    if p.kind == "quarter":
        return quarter(y, (p.start.month - 1) // 3 + 1)
    if p.kind == "month":
        return month(y, p.start.month)
    start, end = _shift_year(p.start, -1), _shift_year(p.end, -1)
    if p.end.month == 2 and p.end.day == 28 and calendar.isleap(end.year):
        end = end.replace(day=29)  # a range to the end of February stays at the end of February
    return day_range(start, end)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def whole_months(p: Period) -> tuple[date, date] | None:
    """The first day of the first month the period covers entirely and the last day of the last one, or None when
    it covers no month entirely."""
    first = p.start if p.start.day == 1 else _next_month(p.start)
    after = _next_month(p.end) if _next_month(p.end) - timedelta(days=1) == p.end else p.end.replace(day=1)
    return (first, after - timedelta(days=1)) if first < after else None


def month_parts(p: Period) -> tuple[tuple[date, date] | None, list[Period]]:
    """The period as its whole months (first and last day, or None) and the days of the months it covers in part
    (none, one or two ranges at its edges): what counts kept per month read, and what is left to the records."""
    months = whole_months(p)
    if months is None:
        return None, [p]
    first, last = months
    edges = []
    if p.start < first:
        edges.append(day_range(p.start, first - timedelta(days=1)))
    if last < p.end:
        edges.append(day_range(last + timedelta(days=1), p.end))
    return months, edges
