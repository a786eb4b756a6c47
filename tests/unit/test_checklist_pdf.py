"""The printable checklist and route sheet: one A4 per estate, the 13 categories, the grade of the day, no names."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.documents.pdf_fonts import pdf_fonts
from controllers.inspections import checklist, grades
from tests.unit.inspection_fixtures import grade_id, graded_estate

CODES = [f"C{i:02d}" for i in range(1, 14)]


def _text(path: Path) -> list[str]:
    return [p.extract_text().replace(" ", "").replace("\n", "") for p in PdfReader(path).pages]


def test_one_page_per_estate_after_a_route_sheet(app_ctx: AppContext, tmp_path: Path) -> None:
    estates = [graded_estate(app_ctx, "梅川小区", "A"), graded_estate(app_ctx, "长风小区", "C")]
    grades.change_estate_grade(app_ctx, estates[1], grade_id=grade_id(app_ctx, "B"), effective_from=date(2025, 6, 1))
    out = tmp_path / "检查表.pdf"
    result = checklist.write_checklists(app_ctx, estates, out, on=date(2025, 5, 20))
    assert (result.pages, result.estates) == (3, 2)
    route, first, second = _text(out)
    assert "巡查记录单" in route and "梅川小区" in route and "长风小区" in route
    assert "住宅小区分级分类检查表" in first and "梅川小区" in first and "每月一次" in first
    assert all(code in first for code in CODES) and "C99" not in first
    # The grade printed is the one in force on the day printed: B only from 1 June.
    assert "C级" in second and "每季度一次" in second
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts


def test_one_estate_prints_no_route_sheet_and_long_names_stay_on_one_page(app_ctx: AppContext,
                                                                          tmp_path: Path) -> None:
    estate = graded_estate(app_ctx, "梅川" * 40, "A")
    out = tmp_path / "one.pdf"
    assert checklist.write_checklists(app_ctx, [estate], out).pages == 1


def test_nothing_to_print_is_refused(app_ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="至少选择一个小区"):
        checklist.write_checklists(app_ctx, [], tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="已被删除"):
        checklist.write_checklists(app_ctx, [10**6], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_route_of_many_estates_breaks_onto_more_pages(tmp_path: Path) -> None:
    estates = [checklist.Particulars(f"小区{i}", "长征镇", "", "", None, "", "A级（重点管理）", "每月一次")
               for i in range(30)]
    result = checklist.render_checklists(estates, [("C01", "装修人未申报登记")], tmp_path / "r.pdf",
                                         station="长征镇社区工作室", on=date(2025, 5, 20), fonts=pdf_fonts())
    assert result.pages > 31
