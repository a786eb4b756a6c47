"""统计简报 page: a preview is generated off the GUI thread and shown in the PDF view; save-as writes the file."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from controllers.briefs.work_brief import issued_numbers
from controllers.core.context import AppContext
from tests.unit.case_fixtures import new_case
from ui.common.brief_worker import brief_worker
from ui.stats import page as stats_page
from ui.stats.page import StatsPage


def _page(qtbot, app_ctx: AppContext) -> StatsPage:
    page = StatsPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_work_brief_preview_and_save(shell_app: QApplication, qtbot, app_ctx: AppContext, tmp_path: Path,
                                     monkeypatch) -> None:
    page = _page(qtbot, app_ctx)
    # Before the first preview the page says what to do instead of showing an empty grey view.
    assert page.preview_area.currentWidget() is page.empty_state and not page.view.isVisible()
    page.period_kind.setCurrentIndex(page.period_kind.findData("quarter"))
    page.year.setValue(2025)
    page.quarter.setCurrentIndex(0)
    # The station's own brief is the default scope (本工作室), needing no name.
    assert page.period_text() == "2025Q1" and page.scope_text() == "station"
    assert not page.scope_name.isEnabled()
    with qtbot.waitSignal(page.document.statusChanged, timeout=20000):
        page.preview_button.click()
        qtbot.waitUntil(page.wait_idle, timeout=20000)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=5000)
    assert page.preview_area.currentWidget() is page.view and page.view.isVisible()
    assert page.result is not None and page.result.number is None  # a preview takes no number
    assert issued_numbers(app_ctx, page.result_year()) == []
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    target = tmp_path / "简报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    page.save_as()
    assert target.read_bytes().startswith(b"%PDF-")


def test_official_brief_takes_a_number(shell_app: QApplication, qtbot, app_ctx: AppContext, monkeypatch) -> None:
    page = _page(qtbot, app_ctx)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.formal_button.click()
    qtbot.waitUntil(page.wait_idle, timeout=20000)
    assert page.result is not None and page.result.number == 1
    assert issued_numbers(app_ctx, page.result_year()) == [1]


def test_case_brief_and_unknown_number(shell_app: QApplication, qtbot, app_ctx: AppContext, tmp_path: Path) -> None:
    case = new_case(app_ctx)
    page = _page(qtbot, app_ctx)
    page.kind.setCurrentIndex(page.kind.findData("case"))
    page.case_number.setText("2099-长征-9999")
    page.preview_button.click()
    assert "没有编号" in page.status.text() and page.result is None
    page.case_number.setText(case.number)
    page.preview_button.click()
    qtbot.waitUntil(page.wait_idle, timeout=20000)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=5000)
    assert page.result is not None and case.number in page.result.title


def test_scope_choices_give_the_scope_text(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    page = _page(qtbot, app_ctx)
    assert [page.scope_kind.itemData(i) for i in range(page.scope_kind.count())] == [
        "station", "district", "street", "committee", "estate"]
    assert page.scope_kind.itemText(0) == "本工作室"  # the Chinese translation is loaded
    page.scope_kind.setCurrentIndex(page.scope_kind.findData("district"))
    assert page.scope_text() == "district" and not page.scope_name.isEnabled()
    page.scope_kind.setCurrentIndex(page.scope_kind.findData("street"))
    page.scope_name.setCurrentText("长征镇")
    assert page.scope_text() == "street:长征镇" and page.scope_name.isEnabled()


def test_print_goes_through_the_print_dialog(shell_app: QApplication, qtbot, app_ctx: AppContext, tmp_path: Path,
                                             monkeypatch) -> None:
    page = _page(qtbot, app_ctx)
    page.preview_button.click()
    qtbot.waitUntil(page.wait_idle, timeout=20000)
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=5000)
    printed = tmp_path / "printed.pdf"

    class AcceptingDialog:
        """The system print dialog, answered: print to a PDF file."""

        DialogCode = QPrintDialog.DialogCode

        def __init__(self, printer: QPrinter, _parent) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def exec(self) -> QPrintDialog.DialogCode:
            return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(stats_page, "QPrintDialog", AcceptingDialog)
    page.print_brief()
    assert len(PdfReader(printed).pages) == page.document.pageCount() == page.result.pages


def test_cancel_stops_a_generation_and_writes_nothing(app_ctx: AppContext, tmp_path: Path, qtbot) -> None:
    from controllers.briefs.work_brief import write_work_brief
    from controllers.core.periods import parse_period

    out = tmp_path / "out"
    out.mkdir()
    target = out / "never.pdf"
    worker = brief_worker(lambda progress, cancel: write_work_brief(app_ctx, parse_period("2025Q1"), None, target,
                                                                   progress=progress, cancel=cancel))
    worker.cancel()  # as the Cancel button does, before the worker reaches its first step
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.run()
    assert list(out.iterdir()) == []  # not even a half-written temporary file


def test_signers_from_settings_edited_for_one_brief(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                   monkeypatch) -> None:
    """Issue 22: 设置 → 简报签发与报送 fills the brief page's lines; a change there prints in this brief only."""
    from controllers.briefs.signoff import Signoff, get_signoff
    from ui.settings.brief_signoff_panel import BriefSignoffPanel

    panel = BriefSignoffPanel(app_ctx)
    qtbot.addWidget(panel)
    panel.fields.report_to.setText("区城管执法局")
    panel.fields.signer.setText("张建国")
    panel.fields.reviewer.setText("李明")
    assert panel.save().wait()
    assert get_signoff(app_ctx) == Signoff(report_to="区城管执法局", signer="张建国", reviewer="李明")
    assert panel.message.text() == "已保存，正式简报将印出这些内容。"

    page = _page(qtbot, app_ctx)
    assert page.signoff.signer.text() == "张建国" and page.signoff.report_to.text() == "区城管执法局"
    page.signoff.signer.setText("王五")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.formal_button.click()
    qtbot.waitUntil(page.wait_idle, timeout=20000)
    text = "".join(p.extract_text() for p in PdfReader(page.result.path).pages).replace(" ", "")
    assert "签发人：王五" in text and "报：区城管执法局" in text and "第1期" in text
    assert "正文字体：" in page.status.text()  # the dialog says which faces printed it
    assert get_signoff(app_ctx).signer == "张建国"
    QApplication.processEvents()  # let the layout take the two-line status before the picture
    page.grab().save("/tmp/s8-i22print/stats_page_signoff.png")
    panel.grab().save("/tmp/s8-i22print/settings_signoff.png")
