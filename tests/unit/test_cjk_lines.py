"""The Chinese line-breaking rules (controllers.documents.cjk_lines) on their own: where a line may start, which
table headers stay whole, and wrapped paragraphs that never break where the rules forbid (hypothesis: a hostile
mix of marks, digits, units, spaces and CJK at random widths)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle

from controllers.documents.cjk_lines import (
    CANNOT_END,
    CANNOT_START,
    CjkParagraph,
    HeaderParagraph,
    break_points,
    fit_size,
    header_words,
)
from controllers.documents.pdf_fonts import cjk_style, pdf_fonts


def pieces(text: str, **kw: bool) -> list[str]:
    ok = break_points(text, **kw)
    cuts = [i for i in range(len(text) + 1) if ok[i]]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def test_marks_numbers_units_and_dates_stay_together() -> None:
    assert "93.1%（285/306），" in pieces("按期办结率 93.1%（285/306），较去年")
    assert "0.8 件/万人（-20.0%）。" in pieces("下降 0.8 件/万人（-20.0%）。")
    assert "15 个工作日" in pieces("期限 15 个工作日")
    assert "2026年9月30日" in pieces("截至2026年9月30日")
    assert not any(p.endswith("（") for p in pieces("共（285/306）和（甲）"))  # "（" goes with what follows
    assert "2026-02-04" in pieces("改为 2026-02-04")


def test_headers_break_only_between_words() -> None:
    assert header_words("不含重复万人比") == ["不含重复万人比"]
    assert header_words("违规处置生活垃圾") == ["违规处置生活垃圾"]
    assert header_words("万人比（件/万人）") == ["万人比", "（件/万人）"]
    assert header_words("去年同期（件）") == ["去年同期", "（件）"]


def test_a_header_shrinks_until_each_word_fits() -> None:
    fonts = pdf_fonts()
    width = fonts.width("不含重复万人", 9.5)  # one character short of the word at full size
    size = fit_size("不含重复万人比", width, fonts.width, 9.5)
    assert size < 9.5 and fonts.width("不含重复万人比", size) <= width
    assert fit_size("排名", width, fonts.width, 9.5) == 9.5


def _lines(text: str, width: float, para_class: type[CjkParagraph] = CjkParagraph) -> list[str]:
    fonts = pdf_fonts()
    style: ParagraphStyle = cjk_style("t", font=fonts.cjk, size=10)
    para = para_class(fonts.markup(text), style)
    para.wrap(width, 10_000)
    return ["".join(str(w.text) for w in line.words) for line in para.blPara.lines]


def test_a_wrapped_header_breaks_between_its_words() -> None:
    assert _lines("万人比（件/万人）", 60, HeaderParagraph) == ["万人比", "（件/万人）"]
    assert _lines("不含重复万人比", 75, HeaderParagraph) == ["不含重复万人比"]


ALPHABET = st.sampled_from(list(CANNOT_START + CANNOT_END + "0123456789.%/ 件人天万个工作日年月日违法搭建群租ab-"))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(text=st.text(ALPHABET, min_size=1, max_size=120), width=st.integers(min_value=20, max_value=300))
def test_wrapped_lines_break_only_where_allowed(text: str, width: int) -> None:
    """Nothing is lost, and every break is allowed unless the line before had no allowed break at all."""
    text = " ".join(text.split())  # a Paragraph folds runs of spaces and trims the ends: compare like with like
    if not text:
        return
    lines = _lines(text, width)
    assert "".join(lines) == text
    ok = break_points(text)
    start = 0
    for line in lines[:-1]:
        end = start + len(line)
        if not ok[end]:
            assert not any(ok[start + 1:end]), (text, lines)
        start = end


def test_a_heading_never_ends_a_page_without_its_table(tmp_path) -> None:
    """Issue 22: "挂账案件：" printed at a page's foot with its table (a tall first row) on the next page."""
    import subprocess

    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from controllers.documents.pdf_pages import BOTTOM, PAGE_HEIGHT, TOP, Text, build_a4

    t = Text(pdf_fonts(), base=16)
    rows = [["2025-长寿-0041", "等待规划部门回复" * 6, "2026-01-02"]] * 3
    story = [Spacer(1, PAGE_HEIGHT - TOP - BOTTOM - 32 * mm), *t.head("挂账案件：", "h2"),
             t.table(["案件编号", "挂账原因", "复核日期"], rows, [40 * mm, 30 * mm, 30 * mm])]
    out = tmp_path / "h.pdf"
    build_a4(str(out), story, t.fonts, {"pages": 0}, title="t", station="s", subject="s")
    pages = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    holder = next(p for p in pages if "挂账案件：" in p)
    assert "案件编号" in holder and "2025-长寿-0041" in holder
