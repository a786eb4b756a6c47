"""Every kind of PDF the app prints, filled with text built to hit the Chinese line-breaking rules (issue 22), read
back line by line with pdftotext: no line starts with a closing mark or ends with an opening one, no number is cut
from its unit, no percentage from its bracket, no header word is cut inside (see pdf_lines_kit).

The text: estate names long and bracketed, numbers with units at every offset of a line (so some fall at a line's
end), many repeat groups (a capped list), a long training title and organisations, a long meeting decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from controllers.assessment.sheet_pdf import write_assessment_sheet
from controllers.briefs.case_brief import write_case_brief
from controllers.briefs.typical_case_pdf import write_typical_pdf
from controllers.briefs.work_brief import write_work_brief
from controllers.cases import typical as tc
from controllers.cases import workflow as wf
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from controllers.demo.generator import generate_demo
from controllers.inspections.checklist import write_checklists
from controllers.meetings import actions as ma
from controllers.meetings import records as mt
from controllers.meetings.minutes import write_minutes
from controllers.orders.notice_pdf import write_order_notice
from controllers.orders.records import OrderInput, issue_order
from controllers.station.scopes import parse_scope
from controllers.trainings import signin_sheet
from controllers.trainings.common import AttendeeInput, kind_choices
from controllers.trainings.records import TrainingInput, create_training
from models.cases import Case
from models.reference import Estate
from tests.e2e.pdf_lines_kit import faults, segments
from tests.unit.case_fixtures import new_case

# Figures with units at every offset: the k-th sentence is shifted by k characters, so some unit lands at a line end.
HITTER = "".join(f"{'违法搭建群租'[: k % 6]}第{k}次核查共发现 {k * 37} 件/万人，按期结案率 93.1%（285/306），"
                 f"整改期限 15 个工作日，截至2026年9月30日共 {k + 2} 组。" for k in range(1, 25))


def _long_estate_names(ctx: AppContext) -> None:
    with ctx.db.session() as s:
        for i, estate in enumerate(s.scalars(select(Estate).order_by(Estate.id)), start=1):
            estate.name = f"{estate.name}（梅川路{i * 37}弄东区）"


def _an_estate(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(Estate.id).order_by(Estate.id).limit(1))


def _case_brief(ctx: AppContext, out: Path) -> None:
    d = new_case(ctx, _an_estate(ctx), facts=HITTER, place="梅川路1200弄（东区）15号楼顶")
    d = wf.transition(ctx, d.id, to="挂账", expected_version=d.version, reason="等待规划部门回复。" + HITTER[:300],
                      review_date=clock.today() + timedelta(days=9))
    write_case_brief(ctx, d.id, out)


def _typical(ctx: AppContext, out: Path) -> None:
    with ctx.db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.status == "结案").order_by(Case.id).limit(1))
    tc.mark_typical(ctx, case_id)
    tc.update_typical(ctx, case_id, facts=HITTER[:260], handling=HITTER[40:240])
    write_typical_pdf(ctx, case_id, out)


def _minutes(ctx: AppContext, out: Path) -> None:
    m = mt.create_meeting(ctx, kind="研讨会诊", held_on=date(2025, 6, 1), title="群租问题联合会诊（第 3 次）",
                          venue="长征镇社区文化活动中心（三楼会议室）", people_present="城管 王队长、居委 赵主任",
                          decisions=HITTER[:1200],
                          actions=[ma.ActionInput(HITTER[:80], "城管社区工作室", date(2025, 6, 5))],
                          today=date(2025, 6, 10))
    write_minutes(ctx, m.id, out, today=date(2025, 6, 10))


def _signin(ctx: AppContext, out: Path) -> None:
    people = tuple(AttendeeInput(f"赵{'伟芳娜敏静'[i % 5]}{i}", f"上海梅川（第{i}）物业服务有限公司第 {i} 项目部")
                   for i in range(40))
    tid = create_training(ctx, TrainingInput(
        kind_id=kind_choices(ctx)[0][0], title="物业企业违法行为发现报告培训（第 2 期，共 15 个工作日）",
        starts_at=datetime(2025, 5, 6, 9, 0), ends_at=datetime(2025, 5, 6, 11, 0),
        venue="长征镇社区文化活动中心（三楼）", organiser="城管社区工作室", attendees=people)).id
    signin_sheet.write_signin_sheet(ctx, tid, out)


def _checklists(ctx: AppContext, out: Path) -> None:
    with ctx.db.session() as s:
        ids = list(s.scalars(select(Estate.id).order_by(Estate.id).limit(3)))
    write_checklists(ctx, ids, out)


def _notice(ctx: AppContext, out: Path) -> None:
    case = new_case(ctx, _an_estate(ctx))
    order = issue_order(ctx, OrderInput("案件", case.id, "慢作为", HITTER[:480], addressee="长征镇城管中队（第 2 组）"))
    write_order_notice(ctx, order.id, out)


def _brief(period: str, scope: str | None = None) -> Callable[[AppContext, Path], None]:
    def build(ctx: AppContext, out: Path) -> None:
        year = clock.today().year - 1
        write_work_brief(ctx, parse_period(period.format(year=year)),
                         parse_scope(scope) if scope else None, out)
    return build


def _assessment(ctx: AppContext, out: Path) -> None:
    write_assessment_sheet(ctx, clock.today().year - 1, None, out)


KINDS: dict[str, Callable[[AppContext, Path], None]] = {
    "工作简报（全年）": _brief("{year}"), "工作简报（季度）": _brief("{year}Q3", "street:长征镇"),
    "工作简报（月）": _brief("{year}-7"),
    "案件简报": _case_brief, "案例警示": _typical, "会商纪要": _minutes, "签到表": _signin, "检查表": _checklists,
    "督办通知": _notice, "考核表": _assessment,
}


@pytest.fixture
def rich_ctx(app_ctx: AppContext) -> AppContext:
    generate_demo(app_ctx, cases=600, complaints=1500, trainings=30, seed=5)
    _long_estate_names(app_ctx)
    return app_ctx


def test_no_pdf_breaks_a_chinese_line_rule(rich_ctx: AppContext, tmp_path: Path) -> None:
    found: dict[str, list[str]] = {}
    for kind, build in KINDS.items():
        out = tmp_path / f"{kind}.pdf"
        build(rich_ctx, out)
        found[kind] = faults(out)
    # Section 四 lists the first 30 of the period's repeat groups and says so.
    year_text = re.sub(r"\s+", "", "".join(segments(tmp_path / "工作简报（全年）.pdf")))
    assert re.search(r"（列出前30组，共(\d+)组）", year_text) and int(re.search(r"共(\d+)组）", year_text)[1]) > 30
    bad = {k: v for k, v in found.items() if v}
    assert not bad, "\n".join(f"{k}: {line}" for k, v in bad.items() for line in v)


def test_the_checker_sees_each_fault(tmp_path: Path) -> None:
    """The kit itself: a PDF drawn line by line with each fault is caught (so a quiet run means something)."""
    from reportlab.pdfgen import canvas

    from controllers.documents.pdf_fonts import pdf_fonts

    fonts = pdf_fonts()
    out = tmp_path / "bad.pdf"
    c = canvas.Canvas(str(out))
    for i, line in enumerate(["投诉万人比为 0.8 件/万", "人，较去年同期下降", "，结案率为 93.1%", "（285/306）和（",
                              "不含重复万人", "比"]):
        left = 72.0
        for font, chunk in fonts.runs(line):
            c.setFont(font, 12)
            c.drawString(left, 700 - i * 20, chunk)
            left += c.stringWidth(chunk, font, 12)
    c.save()
    text = "\n".join(faults(out))
    for expected in ("starts with ，", "ends with （", "unit split", "percentage split", "word 不含重复万人比 split"):
        assert expected in text
