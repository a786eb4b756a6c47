"""The case brief as a supervisor reads it (issue 22): the timeline in sentences a person would write, the
header's two fields on their own lines, a 挂账 case's review date and how long ago it passed."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from controllers.briefs.case_brief import write_case_brief
from controllers.cases import workflow as wf
from controllers.cases.hold_review import months_past, overdue_words, reason_clause, review_line
from controllers.cases.records import update_case
from controllers.cases.view import CaseDetail
from controllers.core import clock
from controllers.core.context import AppContext
from tests.unit.case_fixtures import new_case


def held_case(ctx: AppContext) -> CaseDetail:
    """登记 on 2025-03-05, 责令整改 with a deadline, the deadline moved, then 挂账 until 2025-04-01."""
    with clock.pin(date(2025, 3, 5)):
        d = new_case(ctx)
        for to, extra in (("核查", {}), ("立案", {}), ("责令整改", {"deadline": date(2025, 4, 10)})):
            d = wf.transition(ctx, d.id, to=to, expected_version=d.version, **extra)
        d = update_case(ctx, d.id, expected_version=d.version, deadline=date(2025, 4, 20))
        return wf.transition(ctx, d.id, to="挂账", expected_version=d.version, reason="等待规划部门回复。",
                             review_date=date(2025, 4, 1))


def layout_lines(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def squeezed(lines: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(lines))


def test_timeline_reads_as_sentences(app_ctx: AppContext, tmp_path: Path, pin_clock) -> None:
    case = held_case(app_ctx)
    pin_clock(date(2026, 12, 6))
    out = tmp_path / "case.pdf"
    write_case_brief(app_ctx, case.id, out)
    text = squeezed(layout_lines(out))
    assert "2025-03-05登记（" in text
    assert "整改期限定为2025-04-10" in text
    assert "整改期限由2025-04-10改为2025-04-20" in text
    assert "由立案转为责令整改" in text
    for wrong in ("创建：", "—至", "“空”", "由“", "。；"):
        assert wrong not in text


def test_header_fields_on_their_own_lines(app_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "case.pdf"
    write_case_brief(app_ctx, new_case(app_ctx).id, out)
    lines = layout_lines(out)
    number = [line for line in lines if "案件编号：" in line]
    made = [line for line in lines if "生成时间：" in line]
    assert number and made and not set(number) & set(made)


def test_held_case_shows_its_review_date_and_that_it_passed(app_ctx: AppContext, tmp_path: Path, pin_clock) -> None:
    case = held_case(app_ctx)
    pin_clock(date(2026, 12, 6))
    out = tmp_path / "case.pdf"
    write_case_brief(app_ctx, case.id, out)
    text = squeezed(layout_lines(out))
    assert "复核日期" in text and "2025-04-01，已过期20个月" in text
    assert "等待规划部门回复" in text and "回复。，" not in text


def test_review_words() -> None:
    assert months_past(date(2025, 2, 24), date(2026, 12, 6)) == 21  # the case
    assert months_past(date(2025, 2, 24), date(2025, 3, 23)) == 0
    assert overdue_words(date(2025, 2, 24), date(2025, 3, 1)) == "已过期 5 天"
    assert overdue_words(date(2025, 2, 24), date(2025, 2, 24)) == ""
    assert review_line(date(2025, 2, 24), date(2026, 12, 6)) == "2025-02-24，已过期 21 个月"
    assert review_line(date(2027, 1, 1), date(2026, 12, 6)) == "2027-01-01（尚未到期）"
    assert reason_clause("等待规划部门回复。") == "等待规划部门回复"
