"""会商 page's 导出纪要 PDF: the save-as dialog (stubbed) picks the file, the PDF is written off the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from controllers.core.context import AppContext
from controllers.meetings import records as mt
from ui.meetings import page as page_module
from ui.meetings.page import MeetingsPage


@pytest.fixture
def page(shell_app: QApplication, qtbot: Any, app_ctx: AppContext) -> MeetingsPage:
    mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 6, 1), title="6月例会 <b>&", decisions="按期整改")
    widget = MeetingsPage(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget


def test_export_minutes_through_the_save_dialog(page: MeetingsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    assert not page.minutes_button.isEnabled()  # nothing selected yet
    page.view.selectRow(0)
    assert page.minutes_button.isEnabled()
    asked: list[str] = []

    def fake_save(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "纪要"), filters  # no suffix typed: .pdf is added

    monkeypatch.setattr(page_module.QFileDialog, "getSaveFileName", fake_save)
    page.minutes_button.click()
    assert asked and asked[0].startswith("会商纪要_2025-06-01_6月例会") and asked[0].endswith(".pdf")
    qtbot.waitUntil(lambda: not page.minutes_busy(), timeout=30_000)
    out = tmp_path / "纪要.pdf"
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "")
    assert "会商纪要" in text and "6月例会<b>&" in text and "按期整改" in text
    assert str(out) in page.minutes_status.text() and page.minutes_button.isEnabled()


def test_cancelled_dialog_writes_nothing_and_a_gone_meeting_says_so(
    page: MeetingsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext, tmp_path: Path
) -> None:
    page.view.selectRow(0)
    monkeypatch.setattr(page_module.QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    page.minutes_button.click()
    assert not page.minutes_busy() and list(tmp_path.glob("*.pdf")) == []

    mt.delete_meeting(app_ctx, page.selected_meeting().id)  # deleted elsewhere while the list still shows it
    errors: list[str] = []
    monkeypatch.setattr(MeetingsPage, "show_error", lambda self, text: errors.append(text))
    monkeypatch.setattr(page_module.QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "x.pdf"), "PDF"))
    page.minutes_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert "已不存在" in errors[0] and not (tmp_path / "x.pdf").exists()
    assert not page.minutes_status.isVisible()
