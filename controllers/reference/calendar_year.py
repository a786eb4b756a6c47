"""A whole year of holidays and make-up working days, pasted as text or read from a sheet, checked before saving.

The State Council publishes next year's arrangement each autumn; the administrator enters it in one go. What is
accepted (one entry per line, or sections):
    2027-01-01 元旦 休            2027年1月1日 元旦 放假          1月1日-1月3日 元旦          2027-02-07 调休上班
    放假日期：1月1日、2月10日至2月16日                           调休上班日期：2月7日、2月20日
Full-width digits and punctuation are folded, a weekday note in brackets （周五） is ignored, a range may end
with the day alone (1月1日至3日). The checks: every date in the stated year, a make-up day on a weekend, no day
both. A holiday on a weekend changes nothing (in China such a day is simply a weekend), so it is dropped with a
warning rather than refused: a pasted range 1月1日至3日 spans a weekend as a matter of course.

A sheet is read line by line the same way (controllers.holidays.year_sheet). Parsing never writes;
`write_year` replaces the year's entries inside the caller's transaction (controllers.holidays.year_entry wraps it
with the recomputation of the deadlines it moves).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.core.workdays import WorkCalendar, covered_years, mark_year_covered
from models.admin import CalendarDay

HOLIDAY = "节假日"
MAKEUP = "调休上班"
MAX_LINES = 400  # a year has about 30 entries; more is a wrong paste, refused before any work
MAX_RANGE_DAYS = 31
_WEEKDAYS = "一二三四五六日"

_SECTION = re.compile(r"^(放假日期|放假|节假日|休息日|调休上班日期|调休上班|上班日期|补班日期|补班)\s*(?::|$)\s*(.*)$")
_LABEL = re.compile(r"^([^\d:]{1,12}):\s*(.*)$")  # 元旦：1月1日至3日放假
_BRACKETS = re.compile(r"[(\[【〔][^)\]】〕]*[)\]】〕]")
_DATE = r"(?:(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{1,2})\s*月\s*(\d{1,2})\s*日?)"
_RANGE_END = r"(?:\s*(?:-|~|至|到|—|–)\s*(?:" + _DATE + r"|(\d{1,2})\s*日?(?![\d月年])))?"
_TOKEN = re.compile(_DATE + _RANGE_END)
_TOTAL = re.compile(r"共\s*\d+\s*天")  # 共3天: the notice's count, not a date
_NOISE = re.compile(r"[,，、;；。.!！\s\-~—–]+")
_KIND_WORDS = ("调休上班", "放假调休", "上班", "补班", "放假", "休息", "节假日", "调休", "班", "休", "假")


@dataclass(frozen=True)
class YearEntry:
    day: date
    kind: str  # HOLIDAY or MAKEUP
    name: str | None


@dataclass(frozen=True)
class YearPlan:
    """What a paste or a sheet says about one year: the entries to save, what was dropped, and what is wrong."""

    year: int
    entries: tuple[YearEntry, ...]
    warnings: tuple[str, ...]
    errors: tuple[str, ...]

    @property
    def holidays(self) -> frozenset[date]:
        return frozenset(e.day for e in self.entries if e.kind == HOLIDAY)

    @property
    def makeup_days(self) -> frozenset[date]:
        return frozenset(e.day for e in self.entries if e.kind == MAKEUP)

    def refusal(self) -> ValidationError | None:
        """The Chinese refusal a save of this plan gets, or None when it may be saved."""
        if self.errors:
            shown = "\n".join(self.errors[:10])
            more = f"\n……另有{len(self.errors) - 10}处问题" if len(self.errors) > 10 else ""
            return ValidationError(f"{self.year}年的节假日有{len(self.errors)}处问题，未保存：\n{shown}{more}")
        if not self.entries:
            return ValidationError(f"没有找到{self.year}年的任何节假日或调休上班日期，未保存。")
        return None


def fmt(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（周{_WEEKDAYS[day.weekday()]}）"


def check_year(year: object) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise ValidationError("年份应为2000至2100之间的四位数字。", field="year")
    return year


def _kind_of(text: str) -> str | None:
    if any(w in text for w in ("上班", "补班", "班")):
        return MAKEUP
    rest = text.replace("调休", "")
    if any(w in rest for w in ("放假", "休息", "节假日", "休", "假")):
        return HOLIDAY
    return MAKEUP if "调休" in text else None


def _name_of(text: str) -> str | None:
    for word in _KIND_WORDS:
        text = text.replace(word, " ")
    name = _NOISE.sub("", text).strip()
    return name[:40] if name and not re.search(r"\d", name) else None


def _day(year: str | None, month: str, day: str, default_year: int) -> date:
    try:
        return date(int(year) if year else default_year, int(month), int(day))
    except ValueError:
        raise ValueError(f"日期“{year + '年' if year else ''}{month}月{day}日”不存在") from None


def _days_of(match: re.Match[str], year: int) -> list[date]:
    g = match.groups()
    y, mo, d = (g[0], g[1], g[2]) if g[0] else (None, g[3], g[4])
    start = _day(y, mo, d, year)
    if g[5] or g[8]:  # a whole end date, with or without its year
        end = _day(g[5], g[6], g[7], start.year) if g[5] else _day(None, g[8], g[9], start.year)
    elif g[10]:  # 1月1日至3日: the end's day alone
        end = _day(str(start.year), str(start.month), g[10], year)
    else:
        return [start]
    if not start <= end <= start + timedelta(days=MAX_RANGE_DAYS):
        raise ValueError(f"日期范围“{match.group(0).strip()}”不对（结束应在开始之后，且不超过{MAX_RANGE_DAYS}天）")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


class _Collector:
    """Entries gathered line by line, with the checks that need the whole year (no day both kinds)."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.found: dict[date, YearEntry] = {}
        self.weekend_rest: set[date] = set()  # weekend holidays dropped: still a conflict beside a make-up day
        self.warnings: list[str] = []
        self.errors: list[str] = []

    def add(self, where: str, day: date, kind: str, name: str | None, *, from_range: bool) -> None:
        if day.year != self.year:
            self.errors.append(f"{where}：{fmt(day)}不在{self.year}年。")
            return
        weekend = day.weekday() >= 5
        if kind == MAKEUP and not weekend:
            self.errors.append(f"{where}：{fmt(day)}本来就是工作日，调休上班日应为周六或周日。")
            return
        before = self.found.get(day)
        if (before is not None and before.kind != kind) or (kind == MAKEUP and day in self.weekend_rest):
            self.errors.append(f"{where}：{fmt(day)}既录为节假日又录为调休上班，请只保留一种。")
            return
        if kind == HOLIDAY and weekend:
            self.weekend_rest.add(day)
            if not from_range:  # a range's weekend days are expected and not worth a line each
                self.warnings.append(f"{where}：{fmt(day)}本来就是休息日，不必录入为节假日，已略过。")
            return
        if before is None or (before.name is None and name):
            self.found[day] = YearEntry(day, kind, name)

    def line(self, where: str, raw: str, section: str | None) -> str | None:
        """Read one line; returns the section (放假/调休上班) that following lines default to."""
        text = _BRACKETS.sub(" ", unicodedata.normalize("NFKC", raw)).strip()
        if not text or text.startswith("#"):
            return section
        m = _SECTION.match(text)
        if m:
            section = _kind_of(m.group(1))
            text = m.group(2)
            if not text:
                return section
        label = None
        m = _LABEL.match(text)
        if m:
            label, text = _name_of(m.group(1)), m.group(2)
        found_any = False
        for part in re.split(r"[。;]", text):
            tokens = list(_TOKEN.finditer(part))
            rest = _TOTAL.sub(" ", _TOKEN.sub(" ", part))
            if not tokens:
                if re.search(r"\d", rest):
                    self.errors.append(f"{where}：无法识别日期“{part.strip()[:30]}”。")
                continue
            # A named date with no word for its kind (1月1日-1月3日 元旦) is a holiday: make-up days come marked.
            kind = _kind_of(rest) or section or (HOLIDAY if _name_of(rest) or label else None)
            if kind is None:
                self.errors.append(f"{where}：请写明是放假（休）还是调休上班（班）。")
                continue
            if re.search(r"\d", rest):
                self.errors.append(f"{where}：无法识别日期“{part.strip()[:30]}”。")
                continue
            name = _name_of(rest) or label
            for token in tokens:
                try:
                    days = _days_of(token, self.year)
                except ValueError as exc:
                    self.errors.append(f"{where}：{exc}。")
                    continue
                found_any = True
                for day in days:
                    self.add(where, day, kind, name, from_range=len(days) > 1)
        if not found_any and not any(e.startswith(f"{where}：") for e in self.errors):
            self.errors.append(f"{where}：没有找到日期。")
        return section

    def plan(self) -> YearPlan:
        entries = tuple(sorted(self.found.values(), key=lambda e: e.day))
        return YearPlan(self.year, entries, tuple(self.warnings), tuple(self.errors))


def parse_lines(year: int, lines: Iterable[tuple[str, str]]) -> YearPlan:
    """Read (where, text) lines for `year`: `where` names the line in messages (第3行)."""
    collector = _Collector(year)
    section: str | None = None
    for count, (where, text) in enumerate(lines, start=1):
        if count > MAX_LINES:
            collector.errors.append(f"内容超过{MAX_LINES}行，请只粘贴一年的节假日安排。")
            break
        section = collector.line(where, text, section)
    return collector.plan()


def parse_year_text(year: int, text: str) -> YearPlan:
    """Read pasted text for `year` (see the module docstring); never raises for what the text says."""
    year = check_year(year)
    if not isinstance(text, str):
        raise ValidationError("请粘贴节假日安排的文字。", field="text")
    return parse_lines(year, ((f"第{n}行", line) for n, line in enumerate(text.splitlines(), start=1)))


def parse_two_lists(year: int, holidays: str, makeups: str) -> YearPlan:
    """The same from two lists of dates: 放假日期 and 调休上班日期 (one date or range per line, or separated by 、)."""
    year = check_year(year)
    lines = []
    for title, text in (("放假日期", holidays), ("调休上班日期", makeups)):
        if not isinstance(text, str):
            raise ValidationError("请粘贴节假日安排的文字。", field="text")
        lines.append((title, f"{title}："))  # the section the following lines are read in
        lines += [(f"{title}第{n}行", line) for n, line in enumerate(text.splitlines(), start=1)]
    return parse_lines(year, lines)


def calendar_with_year(calendar: WorkCalendar, plan: YearPlan) -> WorkCalendar:
    """`calendar` with the plan's year replaced by the plan (and the year counted as covered): nothing is written."""
    def other_years(days: frozenset[date]) -> frozenset[date]:
        return frozenset(d for d in days if d.year != plan.year)
    return WorkCalendar(
        holidays=other_years(calendar.holidays) | plan.holidays,
        makeup_days=other_years(calendar.makeup_days) | plan.makeup_days,
        covered_years=calendar.covered_years | {plan.year},
    )


def write_year(s: Session, plan: YearPlan) -> int:
    """Make the year's calendar entries the plan's and mark the year covered (in the caller's transaction).

    Unchanged days keep their rows (and so their identity for the district exchange); returns how many rows were
    added, changed or removed."""
    refusal = plan.refusal()
    if refusal is not None:
        raise refusal
    existing = {d.day: d for d in s.scalars(select(CalendarDay).where(
        CalendarDay.day >= date(plan.year, 1, 1), CalendarDay.day <= date(plan.year, 12, 31)))}
    wanted = {e.day: e for e in plan.entries}
    changed = 0
    for day, old in existing.items():
        if day not in wanted:
            s.delete(old)
            changed += 1
    for day, entry in wanted.items():
        row = existing.get(day)
        if row is None:
            s.add(CalendarDay(day=day, kind=entry.kind, name=entry.name))
            changed += 1
        elif (row.kind, row.name) != (entry.kind, entry.name):
            row.kind, row.name = entry.kind, entry.name
            changed += 1
    mark_year_covered(s, plan.year)
    s.flush()
    return changed


@dataclass(frozen=True)
class Coverage:
    """What the calendar knows: the years covered (seeded or entered in full) and the latest of them."""

    years: tuple[int, ...]
    last: int | None


@requires("view")
def calendar_coverage(ctx: AppContext) -> Coverage:
    with ctx.db.session() as s:
        years = tuple(sorted(covered_years(s)))
    return Coverage(years, years[-1] if years else None)
