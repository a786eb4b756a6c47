"""The formal brief as an office sends it (issue 22): 签发人/审核 and the 报/送/发 block from 设置, editable per
brief; 第 N 期 only on a formal brief (a preview says 预览); the body in a 仿宋-style face and the title in a
宋/黑 face when the machine has one, named in the result and the log, the bundled font otherwise."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from controllers.briefs.signoff import Signoff, get_signoff, set_signoff
from controllers.briefs.work_brief import write_work_brief
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import parse_period
from controllers.documents import pdf_fonts
from controllers.documents.pdf_fonts import BUNDLED_FONT, BUNDLED_LABEL, document_faces

OFFICE = Signoff(report_to="区城管执法局、区住房保障和房屋管理局", send_to="长征镇人民政府",
                 issue_to="各中队、各居民委员会、各物业服务企业", signer="张建国", reviewer="李明")


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def period():
    return parse_period(str(clock.today().year - 1))


def test_formal_brief_has_number_signers_and_distribution(app_ctx: AppContext, tmp_path: Path) -> None:
    set_signoff(app_ctx, OFFICE)
    formal = write_work_brief(app_ctx, period(), None, tmp_path / "f.pdf", formal=True)
    text = text_of(formal.path)
    assert formal.number == 1 and "第1期" in text and "预览" not in text
    for line in ("签发人：张建国", "审核：李明", "报：区城管执法局、区住房保障和房屋管理局", "送：长征镇人民政府",
                 "发：各中队、各居民委员会、各物业服务企业"):
        assert line in text
    # The 版记 block closes the document: nothing of the body follows it.
    assert text.index("发：各中队") > text.index("七、分级分类检查")


def test_a_preview_says_preview_not_an_issue_number(app_ctx: AppContext, tmp_path: Path) -> None:
    preview = write_work_brief(app_ctx, period(), None, tmp_path / "p.pdf")
    text = text_of(preview.path)
    assert preview.number is None and "预览" in text
    assert "第X期" not in text and not re.search(r"第\d+期", text)
    assert "签发人" not in text and "报：" not in text  # nothing set in 设置: no empty lines printed


def test_a_formal_brief_without_names_in_settings_leaves_lines_to_sign(app_ctx: AppContext, tmp_path: Path) -> None:
    formal = write_work_brief(app_ctx, period(), None, tmp_path / "f.pdf", formal=True)
    text = text_of(formal.path)
    assert "签发人：" in text and "审核：" in text
    assert text.index("审核：") > text.index("七、分级分类检查")  # at the end, under the text


def test_signers_edited_for_one_brief_leave_the_settings_alone(app_ctx: AppContext, tmp_path: Path) -> None:
    set_signoff(app_ctx, OFFICE)
    mine = Signoff(report_to="", send_to="", issue_to="本工作室各组", signer="王五", reviewer="")
    text = text_of(write_work_brief(app_ctx, period(), None, tmp_path / "x.pdf", signoff=mine).path)
    assert "签发人：王五" in text and "发：本工作室各组" in text
    assert "张建国" not in text and "报：" not in text and "审核" not in text
    assert get_signoff(app_ctx) == OFFICE


@pytest.mark.parametrize("field, value", [("signer", "张" * 31), ("report_to", "局" * 201)])
def test_an_overlong_line_is_refused_and_nothing_changes(app_ctx: AppContext, tmp_path: Path, field: str,
                                                        value: str) -> None:
    set_signoff(app_ctx, OFFICE)
    bad = Signoff(**{**OFFICE.__dict__, field: value})
    with pytest.raises(ValidationError, match="最多"):
        set_signoff(app_ctx, bad)
    with pytest.raises(ValidationError, match="最多"):
        write_work_brief(app_ctx, period(), None, tmp_path / "x.pdf", formal=True, signoff=bad)
    assert get_signoff(app_ctx) == OFFICE and not (tmp_path / "x.pdf").exists()


def test_installed_faces_are_found_named_and_embedded(app_ctx: AppContext, tmp_path: Path, monkeypatch,
                                                      caplog) -> None:
    fonts = tmp_path / "Fonts"
    (fonts / "sub").mkdir(parents=True)
    (fonts / "FandolFang-Regular.otf").write_bytes(b"OTTO not embeddable")  # CFF OpenType: skipped
    shutil.copy(BUNDLED_FONT, fonts / "sub" / "simfang.ttf")
    shutil.copy(BUNDLED_FONT, fonts / "simhei.ttf")
    faces = document_faces(None, [fonts])
    assert faces.body_label == "仿宋（simfang）（simfang.ttf）" and faces.title_label == "黑体（simhei）（simhei.ttf）"
    assert document_faces(None, [tmp_path / "none"]).body_label == BUNDLED_LABEL

    monkeypatch.setattr(pdf_fonts, "font_folders", lambda: [fonts])
    with caplog.at_level(logging.INFO):
        result = write_work_brief(app_ctx, period(), None, tmp_path / "b.pdf")
    assert result.fonts_used == "正文字体：仿宋（simfang）（simfang.ttf）；标题字体：黑体（simhei）（simhei.ttf）"
    assert result.fonts_used in caplog.text
    listed = subprocess.run(["pdffonts", str(result.path)], capture_output=True, text=True, check=True).stdout
    rows = listed.splitlines()[2:]
    # The copies hold the same face as the bundled file (ReportLab embeds it once); every font is embedded.
    assert any("DroidSansFallback" in row for row in rows) and all(row.split()[-5:-3] == ["yes", "yes"] for row in rows)
