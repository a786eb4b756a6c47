"""Both briefs as a reader gets them: text extracted with pypdf against the database, fonts embedded,
page numbers on every page, hostile text printed literally, an empty period, 第 N 期 numbering."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from sqlalchemy import func, select

from bench.ops_briefs import make_photos
from controllers.briefs import work_brief
from controllers.briefs.case_brief import write_case_brief
from controllers.briefs.work_brief import issued_numbers, write_work_brief
from controllers.cases.as_of import cases_at
from controllers.cases.listing import DEADLINE_STATUSES
from controllers.complaints.per10k import per10k
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.periods import parse_period
from controllers.demo.generator import generate_demo
from controllers.documents.pdf_fonts import BUNDLED_FONT
from controllers.documents.pdf_pages import set_brief_font_path
from controllers.station import area as station
from controllers.station.scopes import parse_scope
from controllers.station.settings import get_station_name
from controllers.storage.attachments import store_attachment, stored_path
from models.cases import Case
from models.reference import Estate, Street
from models.trainings import Training
from tests.unit.case_fixtures import new_case

HOSTILE = "<b>粗体</b> & <script>x</script> 𠮷 㙟 a<b"


def pages_text(path: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(path).pages]


def flat(texts: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(texts))


def assert_numbered(texts: list[str]) -> None:
    n = len(texts)
    for i, text in enumerate(texts, start=1):
        assert f"第{i}页/共{n}页" in re.sub(r"\s+", "", text)


def assert_fonts_embedded(path: Path) -> None:
    # poppler-utils is a stated requirement: no silent skip.
    assert shutil.which("pdffonts"), "pdffonts missing: install poppler-utils"
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert any("DroidSansFallback" in line for line in lines) and any("Roboto" in line for line in lines)
    assert all(line.split()[-5:-3] == ["yes", "yes"] for line in lines)  # embedded, as a subset


def test_case_brief_text_photos_and_hostile_text(app_ctx: AppContext, tmp_path: Path, caplog) -> None:
    long_facts = HOSTILE + "楼顶违法搭建" * 600
    case = new_case(app_ctx, facts=long_facts, party_name="欧阳娜娜", party_phone="13812345678")
    photos = make_photos(tmp_path, 3)
    added = [store_attachment(app_ctx, source_path=p, owner="case", owner_id=case.id, kind=k, caption=f"照片{i}")
             for i, (p, k) in enumerate(zip(photos, ("整改前", "整改后", "证据"), strict=True))]
    stored_path(app_ctx, added[2].sha256).write_bytes(b"tampered")  # a changed evidence photo
    out = tmp_path / "case.pdf"
    with caplog.at_level(logging.WARNING):
        result = write_case_brief(app_ctx, case.id, out)
    texts = pages_text(out)
    text = flat(texts)
    assert result.pages == len(texts) >= 2
    assert_numbered(texts)
    assert_fonts_embedded(out)
    assert case.number in text and "内部资料" in text and "违法搭建" in text
    assert "<b>粗体</b>&<script>x</script>" in text  # markup printed literally
    assert "欧***" in text and "欧阳娜娜" not in text and "138****5678" in text
    assert "为保证证据真实，本简报不予打印" in text  # the tampered photo
    assert "U+20BB7" in caplog.text  # 𠮷 has no glyph in the bundled fonts: logged, not fatal
    meta = PdfReader(out).metadata
    assert meta.title == f"案件简报 {case.number}" and "社区工作室台账" in meta.author and meta.subject

    revealed = tmp_path / "case-reveal.pdf"
    write_case_brief(app_ctx, case.id, revealed, reveal_personal=True)
    assert "欧阳娜娜" in flat(pages_text(revealed))


@pytest.fixture
def demo_ctx(app_ctx: AppContext) -> AppContext:
    generate_demo(app_ctx, cases=600, complaints=1200, trainings=40, seed=3)
    return app_ctx


def test_work_brief_against_the_data(demo_ctx: AppContext, tmp_path: Path) -> None:
    period = parse_period(str(clock.today().year - 1))
    out = tmp_path / "work.pdf"
    result = write_work_brief(demo_ctx, period, None, out)
    texts = pages_text(out)
    text = flat(texts)
    assert_numbered(texts)
    assert_fonts_embedded(out)
    with demo_ctx.db.session() as s:
        then = cases_at(s, period.end)  # a year that is over: its cases as they stood on 31 December
        found = s.scalar(select(func.count()).select_from(then).where(
            then.found_date >= period.start, then.found_date <= period.end))
        closable = s.scalar(select(func.count()).select_from(then).where(
            then.found_date >= period.start, then.found_date <= period.end, then.status.not_in(("不予立案", "移交"))))
        closed = s.scalar(select(func.count()).select_from(then).where(
            then.found_date >= period.start, then.found_date <= period.end, then.status == "结案"))
    assert f"本期发现案件{found}件" in text
    assert f"结案率为{closed * 100 / closable:.1f}%（{closed}/{closable}）" in text
    for heading in ("住宅小区综合治理工作简报", "预览", "一、投诉万人比", "二、案件办理", "三、逾期与挂账案件",
                    "四、重复投诉处置", "五、教育培训和普法宣传", "六、试点小区与其他小区对比", "图1各类别案件数"):
        assert heading in text
    assert result.number is None and issued_numbers(demo_ctx, clock.today().year) == []
    meta = PdfReader(out).metadata
    assert period.label in meta.title and "全区" in meta.subject


def test_work_brief_section_inspections_by_grade_and_street(demo_ctx: AppContext, tmp_path: Path) -> None:
    """分级分类检查 (issue 19): the quarter's coverage by grade and street and what the findings became, as counted."""
    from controllers.inspections.figures import inspection_figures

    today = clock.today()
    period = parse_period(f"{today.year}Q{(today.month - 1) // 3 + 1}")
    out = tmp_path / "quarter.pdf"
    write_work_brief(demo_ctx, period, None, out)
    texts = pages_text(out)
    # A paragraph may run on to the next page (三号 body since issue 22): read past the page numbers between.
    text = re.sub(r"第\d+页/共\d+页", "", flat(texts))
    f = inspection_figures(demo_ctx, period, today=today)
    t, outcomes = f.totals, dict(f.outcomes)
    assert t.due and f.patrols  # the demo has a plan and patrols in the quarter
    assert "七、分级分类检查" in text and "按分级：" in text and "按街镇：" in text and "发现问题按类别：" in text
    assert f"本期按小区分级应检{t.due}次，已检{t.done}次" in text
    assert f"本期巡查检查{f.patrols}次，发现问题{sum(outcomes.values())}项，其中立案{outcomes['立案']}项" in text
    for grade, counts in f.by_grade:
        assert re.sub(r"\s+", "", f"{grade}{counts.due}{counts.done}{counts.overdue}") in text
    for street, counts in f.by_street:
        assert f"{street}{counts.due}{counts.done}{counts.overdue}" in text


def test_empty_period_says_none_everywhere(app_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    write_work_brief(app_ctx, parse_period("2019Q1"), None, out)
    text = flat(pages_text(out))
    assert text.count("本期无") == 7


def test_street_scope_and_unknown_scope(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "street.pdf"
    write_work_brief(demo_ctx, parse_period(str(clock.today().year - 1)), parse_scope("street:长征镇"), out)
    assert "街镇：长征镇" in PdfReader(out).metadata.subject
    with pytest.raises(UserError, match="找不到"):
        write_work_brief(demo_ctx, parse_period("2025"), parse_scope("estate:无此小区"), tmp_path / "x.pdf")


def test_formal_numbers_run_and_a_failed_brief_gives_its_number_back(app_ctx: AppContext, tmp_path: Path,
                                                                     monkeypatch) -> None:
    year = clock.today().year
    first = write_work_brief(app_ctx, parse_period("2025Q1"), None, tmp_path / "1.pdf", formal=True)
    write_work_brief(app_ctx, parse_period("2025Q1"), None, tmp_path / "p.pdf")  # a preview burns nothing
    second = write_work_brief(app_ctx, parse_period("2025Q2"), None, tmp_path / "2.pdf", formal=True)
    assert (first.number, second.number) == (1, 2)
    assert "第2期" in flat(pages_text(tmp_path / "2.pdf"))

    def broken(*_a, **_k):
        raise UserError("磁盘已满")

    monkeypatch.setattr(work_brief, "write_atomically", broken)
    with pytest.raises(UserError):
        write_work_brief(app_ctx, parse_period("2025Q3"), None, tmp_path / "3.pdf", formal=True)
    assert issued_numbers(app_ctx, year) == [1, 2]


def test_station_scope_prints_only_the_stations_estates(demo_ctx: AppContext, tmp_path: Path) -> None:
    with demo_ctx.db.session() as s:
        estates = dict(s.execute(select(Estate.id, Estate.name)).all())
        ours = list(s.scalars(select(Estate.id).join(Street).where(Street.name == "长征镇").order_by(Estate.id)))[:3]
    station.set_station_area(demo_ctx, street="长征镇", estate_ids=ours)
    period = parse_period(str(clock.today().year - 1))
    out = tmp_path / "station.pdf"
    write_work_brief(demo_ctx, period, parse_scope("station"), out)
    texts = pages_text(out)
    text = flat(texts)
    assert_numbered(texts)
    names = sorted(estates[i] for i in ours)
    # The heading names the station (from 设置) and the line below it the area, estate by estate.
    assert f"{period.label}{get_station_name(demo_ctx)}住宅小区综合治理工作情况" in text
    assert "统计范围：长征镇所选3个小区：" + "、".join(names) in text
    # Another estate's name appears nowhere (ranking, overdue and hold lists, repeat groups), unless it is
    # part of one of ours or of the street's name.
    others = [n for i, n in estates.items() if i not in ours and not any(n in m for m in [*names, "长征镇"])]
    assert others and not [n for n in others if n in text]
    with demo_ctx.db.session() as s:
        found = s.scalar(select(func.count()).select_from(Case).where(
            Case.found_date >= period.start, Case.found_date <= period.end, Case.estate_id.in_(ours)))
    assert f"本期发现案件{found}件" in text
    cur = per10k(demo_ctx, period, parse_scope("station")).current
    assert f"本期纳入统计的投诉{cur.complaints}件，常住人口{cur.population}人" in text
    assert "本工作室" in PdfReader(out).metadata.subject


def test_rates_are_defined_where_they_are_printed(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "work.pdf"
    write_work_brief(demo_ctx, parse_period(str(clock.today().year - 1)), None, out)
    text = flat(pages_text(out))
    assert "按期结案率：本期结案的案件中结案日期不晚于整改期限的案件占比" in text
    # With the demo's realistic dates most cases close by their deadline (the rate is not the old near-0 %).
    rate = float(re.search(r"按期结案率为([\d.]+)%", text).group(1))
    assert 60 < rate < 100


def test_station_with_no_estates_yet_reports_nothing(app_ctx: AppContext, tmp_path: Path) -> None:
    # A case elsewhere, long overdue: a station whose street has no estates must not list it.
    new_case(app_ctx, found_date=date(2025, 3, 5), deadline=date(2025, 3, 20))
    station.set_station_area(app_ctx, street="桃浦镇")
    out = tmp_path / "none.pdf"
    write_work_brief(app_ctx, parse_period("2025Q1"), parse_scope("station"), out)
    text = flat(pages_text(out))
    # the six sections and 分级分类检查 (issue 19) each say so
    assert text.count("本期无") == 7 and "统计范围：桃浦镇全部0个小区" in text


def test_overdue_list_follows_the_briefs_scope_not_the_desks_view(demo_ctx: AppContext, tmp_path: Path) -> None:
    period = parse_period(str(clock.today().year))  # the running year: overdue as of today
    with demo_ctx.db.session() as s:
        ours = list(s.scalars(select(Estate.id).join(Street).where(Street.name == "长征镇")))
        oldest_elsewhere = s.scalar(select(Case.number).where(
            Case.status.in_(DEADLINE_STATUSES), Case.deadline < clock.today(), Case.estate_id.not_in(ours))
            .order_by(Case.deadline, Case.id).limit(1))
    station.set_station_area(demo_ctx, street="长征镇")
    assert demo_ctx.view == "station" and oldest_elsewhere
    out = tmp_path / "district.pdf"
    write_work_brief(demo_ctx, period, parse_scope("district"), out)
    # The station's desk shows its own cases only, but a district brief lists the district's overdue cases.
    assert oldest_elsewhere in flat(pages_text(out))


def test_work_brief_prints_hostile_names_and_reasons_literally(demo_ctx: AppContext, tmp_path: Path) -> None:
    period = parse_period(str(clock.today().year - 1))
    lo, hi = period.instant_bounds()
    with demo_ctx.db.session() as s:
        then = cases_at(s, period.end)  # the first case on hold as the year ended that is still on the same hold
        held_id = s.scalar(select(then.id).join(Case, Case.id == then.id).where(then.status == "挂账",
                                                                                 then.hold_reason.is_not(None))
                           .order_by(then.found_date, then.id).limit(1))
        held = s.get(Case, held_id)
        held.hold_reason = HOSTILE + "等待" * 300  # long: cut in the table, never breaking the layout
        s.get(Estate, held.estate_id).name = "<i>小区</i>&amp;"
        training = s.scalars(select(Training).where(Training.starts_at >= lo, Training.starts_at < hi)).first()
        training.title = "<para>普法</para> & 宣传"
    out = tmp_path / "hostile.pdf"
    write_work_brief(demo_ctx, period, None, out)
    text = flat(pages_text(out))
    assert "<b>粗体</b>&<script>x</script>" in text and "<i>小区</i>&amp;" in text
    assert "<para>普法</para>&宣传" in text


def test_a_chosen_font_that_disappeared_falls_back_to_the_bundled_one(app_ctx: AppContext, tmp_path: Path,
                                                                       caplog) -> None:
    chosen = tmp_path / "仿宋.ttf"
    shutil.copyfile(BUNDLED_FONT, chosen)
    set_brief_font_path(app_ctx, str(chosen))
    chosen.unlink()  # the font was uninstalled since
    out = tmp_path / "fallback.pdf"
    with caplog.at_level(logging.WARNING):
        write_work_brief(app_ctx, parse_period("2019Q1"), None, out)
    assert "已改用内置字体" in caplog.text  # in Chinese: the CLI shows it on stderr
    assert_fonts_embedded(out)


def test_body_keeps_the_gbt_9704_margins(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "work.pdf"
    write_work_brief(demo_ctx, parse_period(str(clock.today().year - 1)), None, out)
    height = A4[1]
    for page in PdfReader(out).pages[:3]:
        spots: list[tuple[float, float]] = []

        def visit(text, cm, tm, _font, _size, spots=spots):
            if text.strip():
                spots.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        body = [(x, y) for x, y in spots if y > 35 * mm]  # the page number sits in the bottom margin
        assert body and min(x for x, _ in body) >= 28 * mm - 1
        assert max(y for _, y in body) <= height - 37 * mm
