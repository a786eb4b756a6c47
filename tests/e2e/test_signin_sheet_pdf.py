"""The sign-in sheet PDF: every invited name, page count from the row height, header on every page, fonts embedded."""

from __future__ import annotations

import math
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.trainings import signin_sheet as sheet
from controllers.trainings.common import AttendeeInput, kind_choices
from controllers.trainings.records import TrainingInput, create_training

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = "伟芳娜敏静"


@pytest.fixture
def training_60(app_ctx: AppContext) -> int:
    names = [SURNAMES[i % 20] + GIVEN[i // 20] + "明" for i in range(60)]
    assert len(set(names)) == 60
    people = tuple(AttendeeInput(name, f"第{i}物业公司") for i, name in enumerate(names))
    return create_training(app_ctx, TrainingInput(
        kind_id=kind_choices(app_ctx)[0][0], title="物业企业违法行为发现报告培训", starts_at=datetime(2025, 5, 6, 9, 0),
        ends_at=datetime(2025, 5, 6, 11, 0), venue="长征镇社区文化活动中心", organiser="城管社区工作室",
        attendees=people)).id


def test_sheet_with_60_names(app_ctx: AppContext, training_60: int, tmp_path: Path) -> None:
    out = tmp_path / "签到表.pdf"
    result = sheet.write_signin_sheet(app_ctx, training_60, out, blank_rows=0)

    # Expected pages from the layout: the frame below the heading band holds the header row plus whole rows.
    frame = sheet.PAGE_HEIGHT - sheet.TOP_MARGIN - sheet.HEADING_HEIGHT - sheet.BOTTOM_MARGIN
    per_page = math.floor((frame - sheet.HEADER_ROW_HEIGHT) / sheet.ROW_HEIGHT)
    expected = math.ceil(60 / per_page)
    reader = PdfReader(out)
    assert len(reader.pages) == expected == result.pages
    assert result.rows == 60

    texts = [page.extract_text() for page in reader.pages]
    whole = "".join(texts).replace(" ", "").replace("\n", "")
    for i in range(60):
        name = SURNAMES[i % 20] + GIVEN[i // 20] + "明"
        assert name in whole, name
    for number, text in enumerate(texts, start=1):
        flat = text.replace(" ", "").replace("\n", "")
        for header in sheet.HEADERS:
            assert header in flat, (number, header)
        assert "物业企业违法行为发现报告培训" in flat
        assert f"第{number}页/共{expected}页" in flat
    assert "2025-05-0609:00–11:00" in whole  # digits render (Latin fallback font)

    # Every font on every page is embedded TrueType.
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_pdffonts_reports_embedded_fonts(app_ctx: AppContext, training_60: int, tmp_path: Path) -> None:
    # poppler-utils is a stated requirement (README apt line, installed by .ci/run): no silent skip.
    assert shutil.which("pdffonts"), "pdffonts missing: install poppler-utils"
    out = tmp_path / "s.pdf"
    sheet.write_signin_sheet(app_ctx, training_60, out)
    lines = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert any("DroidSansFallback" in line for line in lines)
    assert lines and all(line.split()[-5] == "yes" for line in lines)  # the "emb" column


def test_blank_sheet_and_bad_input(app_ctx: AppContext, tmp_path: Path) -> None:
    tid = create_training(app_ctx, TrainingInput(kind_id=kind_choices(app_ctx)[1][0], title="小讲堂",
                                                 starts_at=datetime(2025, 5, 6, 9, 0))).id
    result = sheet.write_signin_sheet(app_ctx, tid, tmp_path / "a.pdf", blank_rows=5)
    assert (result.pages, result.rows) == (1, 5)
    result = sheet.write_signin_sheet(app_ctx, tid, tmp_path / "b.pdf")
    assert result.rows == sheet.DEFAULT_BLANK_ROWS_EMPTY
    with pytest.raises(ValidationError):
        sheet.write_signin_sheet(app_ctx, tid, tmp_path / "c.pdf", blank_rows=-1)
    with pytest.raises(NotFoundError):
        sheet.write_signin_sheet(app_ctx, 999, tmp_path / "d.pdf")
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["a.pdf", "b.pdf"]  # no temp files left behind


@pytest.mark.parametrize("invited", [1, 10, 14, 15, 16, 30, 33])
def test_the_default_sheet_prints_whole_pages_with_room_for_walk_ins(app_ctx: AppContext, tmp_path: Path,
                                                                     invited: int) -> None:
    """No last page with two lonely rows: the blank rows for walk-ins (at least four) fill the last page."""
    people = tuple(AttendeeInput(SURNAMES[i % 20] + GIVEN[i // 20] + "明", "长征镇") for i in range(invited))
    training = create_training(app_ctx, TrainingInput(
        kind_id=kind_choices(app_ctx)[0][0], title="垃圾分类培训", starts_at=datetime(2025, 5, 6, 9, 0),
        ends_at=datetime(2025, 5, 6, 11, 0), attendees=people)).id
    result = sheet.write_signin_sheet(app_ctx, training, tmp_path / "签到表.pdf")
    per_page = sheet.rows_per_page()
    assert result.rows == result.pages * per_page  # every page full of rows
    assert result.rows - invited >= sheet.DEFAULT_BLANK_ROWS_EXTRA
    assert result.pages == len(PdfReader(tmp_path / "签到表.pdf").pages) == math.ceil((invited + 4) / per_page)
