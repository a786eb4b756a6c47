"""工作通报 (issue 20 point 4): its figures are the assessment's (and so the dashboard's and the work brief's) for the
same period and scope; the lists are ranked as the module says; the PDF embeds its fonts and prints those figures and
the open 督办单 of its scope only."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controllers.assessment.figures import assessment, shown
from controllers.assessment.notice import notice, unmet
from controllers.assessment.notice_pdf import write_notice
from controllers.briefs.work_brief_data import gather
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from controllers.dashboard.goals import goal_tiles
from controllers.orders.records import OrderInput, issue_order
from controllers.station.scopes import Scope, parse_scope
from controllers.supervision.candidates import candidates
from models.cases import Case
from models.reference import Estate
from tests.unit.bad_input_kit import PROPERTY, attempt, texts

TODAY = date(2026, 3, 15)


@pytest.fixture
def demo(year_demo: AppContext) -> AppContext:
    return year_demo  # tests/conftest.py: today is TODAY


def test_a_years_notice_is_the_assessment_and_the_dashboard(demo: AppContext) -> None:
    n = notice(demo, parse_period("2025"))
    a = assessment(demo, 2025)
    assert n.assessment == a
    assert n.assessment.total.tiles == goal_tiles(demo, year=2025).plan_goals


def test_a_quarters_notice_is_the_work_briefs(demo: AppContext) -> None:
    period = parse_period("2025Q3")
    street = assessment(demo, 2025).streets[0].name
    for scope in (Scope(), Scope("street", street)):
        n = notice(demo, period, scope)
        brief = gather(demo, period, scope, on=TODAY)
        total = n.assessment.total
        assert (n.assessment.period.start, n.assessment.period.end) == (period.start, period.end)
        assert total.tile("cases").actual == brief.cases.current.found
        assert total.tile("closure").actual == brief.cases.current.closure.percent
        assert total.tile("per10k").actual == brief.per10k.current.per10k
        assert total.tile("per10k").last_year == brief.per10k.last_year.per10k


def test_the_lists_are_ranked_as_said(demo: AppContext) -> None:
    n = notice(demo, parse_period("2025"))
    assert n.estates_behind and n.fastest and n.departments_behind
    counts = [k for _u, k in n.estates_behind]
    assert counts == sorted(counts, reverse=True) and all(k == unmet(u) > 0 for u, k in n.estates_behind)
    # No estate left out is further behind than the last one listed.
    listed = {u.name for u, _k in n.estates_behind}
    assert all(unmet(u) <= counts[-1] for u in n.assessment.estates if u.name not in listed)
    days = [c.working_days for c in n.fastest]
    assert days == sorted(days)
    assert all(date(2025, 1, 1) <= c.closed <= date(2025, 12, 31) and c.found <= c.closed for c in n.fastest)
    assert all(f.fall > 0 for f in n.falls) and [f.fall for f in n.falls] == sorted((f.fall for f in n.falls),
                                                                                    reverse=True)
    shares = [d.on_time / d.referrals for d in n.departments_behind]
    assert shares == sorted(shares)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_pdf_prints_the_figures_and_only_its_scopes_orders(demo: AppContext, tmp_path: Path) -> None:
    case = next(c for g in candidates(demo) for c in g.items if c.subject == "案件")
    order = issue_order(demo, OrderInput("案件", case.subject_id, "慢作为", "长期无进展", working_days=5))
    a = assessment(demo, 2025)
    estate_street = {u.name: u.street for u in a.estates}
    with demo.db.session() as s:
        estate = s.get(Estate, s.get(Case, case.subject_id).estate_id).name
    own, other = estate_street[estate], next(u.name for u in a.streets if u.name != estate_street[estate])

    result = write_notice(demo, parse_period("2025"), Scope("street", own), tmp_path / "通报.pdf")
    fonts = subprocess.run(["pdffonts", str(result.path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)  # every font embedded
    text = _pdf_text(result.path)
    total = notice(demo, parse_period("2025"), Scope("street", own)).assessment.total
    assert total.tiles == next(u for u in a.streets if u.name == own).tiles  # the assessment's street line
    for key in ("cases", "closure", "per10k"):
        assert shown(total.tile(key)) in text
    for head in ("工作目标完成情况", "工作滞后的小区和部门", "未办结的督办事项", "值得推广的做法", "办结最快的案件"):
        assert head in text
    assert order.number_text in text and case.label in text

    elsewhere = _pdf_text(write_notice(demo, parse_period("2025"), Scope("street", other), tmp_path / "b.pdf").path)
    assert order.number_text not in elsewhere
    assert all(o.number_text in elsewhere for o in notice(demo, parse_period("2025"), Scope("street", other)).orders)


PERIODS = st.one_of(texts, st.sampled_from(["2025", "2025Q4", "2025-03", "2025-01-01..2025-06-30", "2025Q5",
                                            "2025-13", "2025-02-30..2025-03-01", "1999", "2025-06-30..2025-01-01"]))
SCOPES = st.one_of(texts, st.sampled_from(["district", "station", "street:长征镇", "estate:没有", "committee:",
                                           "street:", "planet:x", "estate:梅川小区"]))


@PROPERTY
@given(data=st.data())
def test_any_period_and_scope_prints_a_notice_or_is_refused_in_chinese(app_ctx: AppContext, tmp_path: Path,
                                                                       data: st.DataObject) -> None:
    """What a user types after `brief notice --period … --scope …` (or the page passes): a notice, or one Chinese
    refusal with nothing written, no file left behind."""
    period_text, scope_text = data.draw(PERIODS), data.draw(SCOPES)
    target = tmp_path / "通报.pdf"
    target.unlink(missing_ok=True)

    def print_it() -> object:
        return write_notice(app_ctx, parse_period(period_text), parse_scope(scope_text), target)

    if attempt(app_ctx, print_it, period_text, scope_text) is None:
        assert not target.exists()
    else:
        assert target.read_bytes().startswith(b"%PDF")
