"""Answering with templates in the handling dialog and the case window, editing them in 基础数据, and the offer a
不满意 callback brings (reopen the linked case, or a 研讨会诊 for the group's second 不满意)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QApplication

from controllers.cases import records as case_records
from controllers.complaints import entry as cc
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from models.cases import Case
from tests.unit.complaint_fixtures import make_reference
from ui.case_detail.window import CaseWindow
from ui.common import background
from ui.complaints import dissatisfied as offer_ui
from ui.complaints.handling_dialog import HandlingDialog
from ui.reference.page import ReferenceDataPage

SHOTS = "/tmp/i21-returns"


def _complaint(ctx: AppContext, ref, received: datetime, **more) -> int:
    return cc.create_complaint(ctx, channel="12345热线", received_at=received, complainant_name="张三",
                               complainant_phone="13812345678", estate_id=ref.meiling, category_id=ref.c05,
                               content="楼顶违法搭建", address="梅岭小区12号楼502室", **more)


def test_handling_dialog_inserts_a_filled_template_that_stays_editable(shell_app: QApplication, qtbot,
                                                                      app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(2025, 3, 10))
    ref = make_reference(app_ctx)
    cid = _complaint(app_ctx, ref, datetime(2025, 3, 3, 2, 0), work_order_no="GD1")
    dialog = HandlingDialog(app_ctx, cid)
    qtbot.addWidget(dialog)
    picker = dialog.templates
    assert [t.kind for t in picker.templates][:2] == ["受理告知", "办理结果"]
    picker.select_kind("受理告知")
    picker.insert_button.click()
    text = dialog.reply.toPlainText()
    assert text.startswith("您好！您反映的梅岭小区违法搭建问题") and "2025年3月3日" in text
    assert "张三" not in text and "13812345678" not in text
    dialog.reply.setPlainText(text + "（补充：已约谈）")
    dialog.status.setCurrentText("已回复")
    dialog.replied_on.setDate(dialog.replied_on.date().fromString("2025-03-05", "yyyy-MM-dd"))
    dialog.show()
    dialog.grab().save(f"{SHOTS}/handling_dialog_template.png")
    dialog.save()
    qtbot.waitUntil(lambda: background.running() == 0)
    assert cc.get_complaint(app_ctx, cid).reply.endswith("（补充：已约谈）")


def test_case_window_offers_the_case_templates(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    ref = make_reference(app_ctx)
    window = CaseWindow(app_ctx, ref.case_id)
    qtbot.addWidget(window)
    window.replies.picker.select_kind("办理结果")
    window.replies.picker.insert_button.click()
    assert "2025-长征-0001" in window.replies.text.toPlainText()
    window.tabs.setCurrentWidget(window.replies)
    window.show()
    window.grab().save(f"{SHOTS}/case_window_templates.png")
    window.replies.copy()
    assert "2025-长征-0001" in QApplication.clipboard().text()


def test_reference_page_lists_and_edits_templates(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    page = ReferenceDataPage(app_ctx)
    qtbot.addWidget(page)
    panel = page.show_kind("reply_templates")
    assert panel.model.rowCount() >= 13 * 5
    page.resize(1366, 700)
    page.show()
    page.grab().save(f"{SHOTS}/reference_templates.png")


@pytest.mark.parametrize("second", [False, True])
def test_dissatisfied_callback_offers_reopen_then_clinic(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                         pin_clock, monkeypatch: pytest.MonkeyPatch,
                                                         second: bool) -> None:
    pin_clock(date(2025, 3, 20))
    ref = make_reference(app_ctx)
    with app_ctx.db.session() as s:
        s.get(Case, ref.case_id).status = "结案"
        s.get(Case, ref.case_id).closed_on = date(2025, 3, 15)
    first = _complaint(app_ctx, ref, datetime(2025, 3, 3, 2, 0), work_order_no="GD1")
    cc.link_to_case(app_ctx, first, ref.case_id)
    target = first
    if second:
        cc.update_handling(app_ctx, first, expected_version=cc.get_complaint(app_ctx, first).version,
                           status="已回复", reply="已处理", replied_on=date(2025, 3, 16),
                           callback_on=date(2025, 3, 17), satisfaction="不满意")
        target = _complaint(app_ctx, ref, datetime(2025, 3, 5, 2, 0), work_order_no="GD2")
        cc.link_to_case(app_ctx, target, ref.case_id)
    asked: list[list[str]] = []
    clinic: list[bool] = []

    def ask(_parent, offer):
        asked.append([key for key, _label in offer_ui.choices(offer)])
        return offer_ui.REOPEN

    monkeypatch.setattr(offer_ui, "ask", ask)
    dialog = HandlingDialog(app_ctx, target)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "group_to_clinic", lambda: clinic.append(True))
    dialog.status.setCurrentText("已回复")
    dialog.reply.setPlainText("已处理")
    for edit, day in ((dialog.replied_on, "2025-03-16"), (dialog.callback_on, "2025-03-18")):
        edit.setDate(edit.date().fromString(day, "yyyy-MM-dd"))
    dialog.satisfaction.setCurrentText("不满意")
    dialog.save()
    qtbot.waitUntil(lambda: bool(asked) and background.running() == 0)
    expected = [offer_ui.REOPEN, offer_ui.CLINIC, offer_ui.LATER] if second else [offer_ui.REOPEN, offer_ui.LATER]
    assert asked == [expected]
    case = case_records.get_case(app_ctx, ref.case_id)
    assert case.status == "复查"  # reopened through the workflow's own move, with the work order as reason


def test_return_file_button_exports_and_marks_sent(shell_app: QApplication, qtbot, app_ctx: AppContext, pin_clock,
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from controllers.complaints import returns as rf
    from ui.complaints.page import ComplaintLogPage
    from ui.complaints.return_dialog import ReturnFileDialog

    pin_clock(date(2025, 3, 20))
    ref = make_reference(app_ctx)
    _complaint(app_ctx, ref, datetime(2025, 3, 3, 2, 0), work_order_no="GD1")
    page = ComplaintLogPage(app_ctx)
    qtbot.addWidget(page)
    opened: list[ReturnFileDialog] = []
    monkeypatch.setattr(ReturnFileDialog, "exec", lambda self: opened.append(self) or 0)
    page.return_button.click()
    [dialog] = opened
    assert dialog.period.text() == "2025-03"
    dialog.columns.item(2, 1).setText("处理意见")
    monkeypatch.setattr(dialog, "ask_path", lambda: str(tmp_path / "回传"))
    monkeypatch.setattr("ui.complaints.return_dialog.QMessageBox.information", lambda *a: None)
    dialog.show()
    dialog.grab().save(f"{SHOTS}/return_dialog.png")
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result_ is not None)
    assert dialog.result_.rows == 1 and (tmp_path / "回传.xlsx").exists()
    assert [r.state for r in rf.return_rows(app_ctx, parse_period("2025-03"))] == [rf.SENT]
    assert dict(rf.return_layout(app_ctx))["答复内容"] == "处理意见"


def test_typical_case_tab_marks_edits_and_prints(shell_app: QApplication, qtbot, app_ctx: AppContext, pin_clock,
                                                 monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from controllers.cases import typical as tc

    pin_clock(date(2025, 4, 1))
    ref = make_reference(app_ctx)
    window = CaseWindow(app_ctx, ref.case_id)
    qtbot.addWidget(window)
    panel = window.typical
    assert not panel.mark_button.isEnabled()  # 立案: not closed yet
    with app_ctx.db.session() as s:
        case = s.get(Case, ref.case_id)
        case.status, case.closed_on, case.party_name = "结案", date(2025, 3, 20), "李四"
        case.facts = "李四在梅岭小区12号楼502室楼顶搭建"
    window.reload()
    assert panel.mark_button.isEnabled()
    panel.mark_button.click()
    qtbot.waitUntil(lambda: panel.detail is not None)
    assert panel.fields["facts"].toPlainText() == "当事人在某小区某室楼顶搭建。"
    panel.fields["facts"].setPlainText("当事人李四在楼顶搭建。")
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.error.isHidden())
    assert "李四" in panel.error.text()
    panel.fields["facts"].setPlainText("当事人在楼顶搭建阳光房。")
    panel.save_button.click()
    qtbot.waitUntil(lambda: background.running() == 0 and panel.error.isHidden())
    assert tc.get_typical(app_ctx, ref.case_id).facts == "当事人在楼顶搭建阳光房。"
    monkeypatch.setattr(panel, "ask_pdf_path", lambda: str(tmp_path / "警示.pdf"))
    monkeypatch.setattr("ui.case_detail.typical_panel.QMessageBox.information", lambda *a: None)
    panel.pdf_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "警示.pdf").exists())
    panel.copy_text()
    assert "【基本案情】" in QApplication.clipboard().text()
    window.tabs.setCurrentWidget(panel)
    window.show()
    window.grab().save(f"{SHOTS}/case_window_typical.png")


def test_case_book_exports_the_other_ledgers(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                            monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from openpyxl import load_workbook

    from ui.cases.page import CaseBookPage

    make_reference(app_ctx)
    page = CaseBookPage(app_ctx)
    qtbot.addWidget(page)
    button = page.ledgers_button
    monkeypatch.setattr(button, "ask_path", lambda suggested: str(tmp_path / suggested))
    monkeypatch.setattr("ui.cases.ledger_button.QMessageBox.information", lambda *a: None)
    button.companies_action.trigger()
    qtbot.waitUntil(lambda: button.written is not None)
    assert load_workbook(button.written).active["A1"].value == "物业服务企业履职台账"
    button.written = None
    button.referrals_action.trigger()
    qtbot.waitUntil(lambda: button.written is not None)
    assert load_workbook(button.written).active["A1"].value == "移交台账"
    page.resize(1366, 700)
    page.show()
    page.grab().save(f"{SHOTS}/case_book_ledgers.png")


def test_no_category_means_no_template_offered(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    cid = cc.create_complaint(app_ctx, channel="来电", content="反映问题，未分类")
    dialog = HandlingDialog(app_ctx, cid)
    qtbot.addWidget(dialog)
    assert not dialog.templates.insert_button.isEnabled() and dialog.templates.chosen() is None
    assert dialog.templates.combo.currentText() == "（该类别暂无模板）"
    dialog.templates.insert()
    assert dialog.reply.toPlainText() == ""
