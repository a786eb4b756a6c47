"""The work brief's charts in the printed PDF: a period still running says how far it goes; a past one does not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from controllers.briefs.work_brief import write_work_brief
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from controllers.demo.generator import generate_demo
from tests.e2e.test_briefs_pdf import flat, pages_text


def test_a_running_quarter_marks_its_month_and_a_past_one_does_not(app_ctx: AppContext, tmp_path: Path,
                                                                   pin_clock) -> None:
    pin_clock(date(2026, 11, 15))
    generate_demo(app_ctx, cases=400, complaints=400, trainings=5, seed=5)
    running, past = tmp_path / "q4.pdf", tmp_path / "q3.pdf"
    write_work_brief(app_ctx, parse_period("2026Q4"), None, running)
    write_work_brief(app_ctx, parse_period("2026Q3"), None, past)
    now = flat(pages_text(running))
    assert "图2各月发现案件数" in now
    assert "本月截至11月15日" in now and "本期截至11月15日" in now  # 图 2's legend and 图 1's note
    before = flat(pages_text(past))
    assert "图2各月发现案件数" in before and "本月截至" not in before and "本期截至" not in before
