"""A past period prints the same a month later (issue 22): build a case history through the workflow, print the
2026Q3 work brief, the 2026 assessment sheet and read the dashboard's 2026 figures; then work the cases on (close,
re-date, hold and resume, new cases after the period; delete none) with the clock a month on and print again."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader

from controllers.assessment.sheet_pdf import write_assessment_sheet
from controllers.briefs.work_brief import write_work_brief
from controllers.cases import workflow
from controllers.cases.records import create_case, get_case, update_case
from controllers.cases.stats import case_stats
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from controllers.dashboard import goals
from controllers.documents.pdf_pages import cn_date
from tests.unit.case_fixtures import category_id, make_estate

Q3 = parse_period("2026Q3")
WAY = ("核查", "立案", "责令整改", "复查", "结案")


def text_of(path: Path) -> str:
    """The PDF's words, without the date of issue (the one line that may differ between two printings)."""
    words = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(path).pages))
    return words.replace(cn_date(clock.today()), "")


class Desk:
    def __init__(self, ctx: AppContext, pin) -> None:
        self.ctx, self._pin = ctx, pin
        self.estates = [make_estate(ctx, "甲小区", "长征镇"), make_estate(ctx, "乙小区", "桃浦镇")]

    def pin(self, day: date) -> None:
        """Move the clock to the day (noon) unless it is that day already: steps of one day keep their order."""
        if clock.today() != day:
            self._pin(day)

    def new(self, found: date, estate: int = 0) -> int:
        self.pin(found)
        return create_case(self.ctx, category_id=category_id(self.ctx, "C05" if estate == 0 else "C03"),
                           estate_id=self.estates[estate], source="巡查发现", found_date=found, facts="楼道堆物").id

    def move(self, case_id: int, to: str, on: date, **kw: object) -> None:
        self.pin(on)
        workflow.transition(self.ctx, case_id, to=to, expected_version=get_case(self.ctx, case_id).version,
                            reason="说明" if to in ("挂账", "不予立案") or kw.pop("reopen", False) else None, **kw)

    def walk(self, case_id: int, on: date, upto: str, deadline: date | None = None) -> None:
        for step in WAY[:WAY.index(upto) + 1]:
            self.move(case_id, step, on, **({"deadline": deadline} if step == "责令整改" else {}))

    def redate(self, case_id: int, deadline: date, on: date) -> None:
        self.pin(on)
        update_case(self.ctx, case_id, expected_version=get_case(self.ctx, case_id).version, deadline=deadline)


def history(d: Desk) -> dict[str, int]:
    """Cases registered, ordered, re-dated, held, closed and re-opened through the quarter."""
    c = {}
    c["overdue"] = d.new(date(2026, 7, 2))
    d.walk(c["overdue"], date(2026, 7, 3), "责令整改", deadline=date(2026, 8, 15))
    d.redate(c["overdue"], date(2026, 9, 10), date(2026, 8, 10))  # extended once, still overdue at 09-30
    c["running"] = d.new(date(2026, 9, 1), 1)
    d.walk(c["running"], date(2026, 9, 2), "责令整改", deadline=date(2026, 10, 20))
    c["held"] = d.new(date(2026, 7, 20))
    d.move(c["held"], "挂账", date(2026, 8, 1), review_date=date(2026, 10, 30))
    c["closed"] = d.new(date(2026, 7, 5), 1)
    d.walk(c["closed"], date(2026, 7, 6), "结案", deadline=date(2026, 7, 30))
    c["reopened"] = d.new(date(2026, 7, 8))
    d.walk(c["reopened"], date(2026, 7, 9), "结案", deadline=date(2026, 7, 25))
    d.move(c["reopened"], "复查", date(2026, 8, 20), reopen=True)
    d.move(c["reopened"], "结案", date(2026, 9, 5))
    c["fresh"] = d.new(date(2026, 9, 29))  # 登记, no deadline
    return c


def afterwards(d: Desk, c: dict[str, int], on: date) -> None:
    """A month on: everything that could change an as-of figure changes, nothing is deleted."""
    d.move(c["overdue"], "复查", on)
    d.move(c["overdue"], "结案", on)
    d.redate(c["running"], date(2026, 9, 20), on)  # now past (a typing error corrected), was not at 09-30
    d.move(c["held"], "登记", on)  # resumed: the hold's fields are cleared
    d.move(c["fresh"], "挂账", on, review_date=date(2027, 6, 30))
    d.move(c["closed"], "立案", on, reopen=True)
    d.new(on)  # new cases found after the period
    d.walk(d.new(on, 1), on, "责令整改", deadline=on)


def test_q3_brief_prints_the_same_a_month_later(app_ctx: AppContext, pin_clock, tmp_path: Path) -> None:
    d = Desk(app_ctx, pin_clock)
    c = history(d)
    pin_clock(datetime(2026, 10, 8, 2, 0, tzinfo=clock.SHANGHAI))
    first = tmp_path / "first.pdf"
    write_work_brief(app_ctx, Q3, None, first)
    before = text_of(first)
    assert "截至2026年9月30日，整改期限已过仍未办结的逾期案件1件，挂账案件1件。" in before
    assert "本期发现案件6件" in before and "结案率为33.3%（2/6）" in before
    stats_then = case_stats(app_ctx, Q3)

    afterwards(d, c, date(2026, 11, 8))
    pin_clock(datetime(2026, 11, 8, 20, 0, tzinfo=clock.SHANGHAI))
    now = case_stats(app_ctx, parse_period("2026"))
    assert (now.overdue, now.on_hold) == (2, 1)  # today's position differs: the Q3 brief must not follow it
    second = tmp_path / "second.pdf"
    write_work_brief(app_ctx, Q3, None, second)
    assert text_of(second) == before
    assert case_stats(app_ctx, Q3) == stats_then


def test_past_year_assessment_and_dashboard_read_the_same_a_month_later(app_ctx: AppContext, pin_clock,
                                                                       tmp_path: Path) -> None:
    d = Desk(app_ctx, pin_clock)
    c = history(d)
    pin_clock(date(2027, 1, 6))
    first = tmp_path / "first.pdf"
    write_assessment_sheet(app_ctx, 2026, None, first)
    dash = goals.figures(app_ctx, year=2026)
    assert dash.goals.tile("overdue").actual == 2  # at 12-31: the 08-15→09-10 and 10-20 deadlines had passed

    afterwards(d, c, date(2027, 2, 8))
    pin_clock(date(2027, 2, 8))
    second = tmp_path / "second.pdf"
    write_assessment_sheet(app_ctx, 2026, None, second)
    assert text_of(second) == text_of(first).replace(cn_date(date(2027, 1, 6)), "")
    assert goals.figures(app_ctx, year=2026) == dash


def test_cover_date_and_text_date_agree_on_shanghais_day(app_ctx: AppContext, pin_clock, tmp_path: Path) -> None:
    d = Desk(app_ctx, pin_clock)
    late = d.new(date(2026, 11, 2))
    d.walk(late, date(2026, 11, 3), "责令整改", deadline=date(2026, 11, 20))
    pin_clock(datetime(2026, 12, 6, 23, 30, tzinfo=UTC))  # 12-07 07:30 in Shanghai
    out = tmp_path / "q4.pdf"
    write_work_brief(app_ctx, parse_period("2026Q4"), None, out)  # the running quarter: as of Shanghai's today
    words = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(out).pages))
    assert words.count("2026年12月7日") == 2  # the cover's date of issue and section 三's 截至
    assert "截至2026年12月7日，整改期限已过仍未办结的逾期案件1件" in words
    assert "12月6日" not in words and "2026-12-06" not in words
