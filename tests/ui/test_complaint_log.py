"""The 诉件台账 page: keyboard-only entry, handling, case links, the windowed model, filters and 投诉万人比."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from controllers.complaints import entry as cc
from controllers.core.context import AppContext
from tests.ui.slow_kit import SlowCall
from tests.unit.complaint_fixtures import Ref, make_reference
from ui import case_detail, complaint_import
from ui.common.events import Change, data_events, notify
from ui.complaints.entry_form import QuickEntryDialog
from ui.complaints.handling_dialog import HandlingDialog
from ui.complaints.page import ComplaintLogPage
from ui.complaints.per10k_dialog import Per10kDialog


@pytest.fixture
def ref(app_ctx: AppContext) -> Ref:
    return make_reference(app_ctx)


def _complaint(ctx: AppContext, ref: Ref, **kw: object) -> int:
    args: dict[str, object] = dict(channel="来电", received_at=datetime(2025, 3, 3, 1, 0), complainant_name="张三",
                                   complainant_phone="13812345678", estate_id=ref.meiling, category_id=ref.c03,
                                   content="楼上群租")
    args.update(kw)
    return cc.create_complaint(ctx, **args)  # type: ignore[arg-type]


def test_entry_form_by_keyboard_alone(shell_app: QApplication, qtbot, app_ctx: AppContext, ref: Ref) -> None:
    page = ComplaintLogPage(app_ctx)
    qtbot.addWidget(page)
    page.show()  # the form opens from the visible log
    before = page.model.total()
    dialog = QuickEntryDialog(app_ctx, page)  # the page owns it: it goes with the page at the end
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.channel)
    expected = [dialog.channel, dialog.received, dialog.name, dialog.phone, dialog.estate, dialog.address,
                dialog.category, dialog.content, dialog.reply_due]
    assert QApplication.focusWidget() is dialog.channel
    seen = [dialog.channel]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected

    dialog.channel.setFocus()
    qtbot.keyClick(dialog.channel, Qt.Key.Key_Down)  # 12345热线 -> 来电
    assert dialog.channel.currentText() == "来电"
    dialog.name.setText("李四")  # Chinese cannot be typed with keyClicks
    qtbot.keyClicks(dialog.phone, "139 0000 1111")
    dialog.estate.setText("梅岭北块")  # an alias: type-ahead offers it, saving resolves it
    dialog.category.setFocus()
    qtbot.keyClick(dialog.category, Qt.Key.Key_Down)
    dialog.content.insertPlainText("夜间装修噪音")
    due = dialog.reply_due.date()
    assert due > dialog.received.date()  # proposed from the channel's working days
    qtbot.keyClick(dialog.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result() == QuickEntryDialog.DialogCode.Accepted)  # saved off the GUI thread
    assert dialog.result() == QuickEntryDialog.DialogCode.Accepted and dialog.created_id is not None
    saved = cc.get_complaint(app_ctx, dialog.created_id, reveal_personal=True)
    assert (saved.channel, saved.estate, saved.complainant_phone, saved.content) == (
        "来电", "梅岭小区", "13900001111", "夜间装修噪音")
    assert saved.category.startswith("C01")
    qtbot.waitUntil(lambda: page.model.total() == before + 1)  # the page refreshed on the data signal


def test_entry_form_shows_chinese_errors_next_to_fields(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                        ref: Ref) -> None:
    dialog = QuickEntryDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: dialog.operation is not None and not dialog.operation.running)
    assert dialog.result() != QuickEntryDialog.DialogCode.Accepted
    assert dialog.errors["content"].isVisible() and "请填写诉求内容" in dialog.errors["content"].text()
    dialog.content.insertPlainText("群租")
    dialog.estate.setText("不存在小区")
    dialog.save().wait()
    assert "没有名为" in dialog.errors["estate_id"].text() and not dialog.errors["content"].isVisible()


def test_handling_dialog_records_the_reply(shell_app: QApplication, qtbot, app_ctx: AppContext, ref: Ref) -> None:
    cid = _complaint(app_ctx, ref)
    dialog = HandlingDialog(app_ctx, cid)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentText("已回复")
    dialog.save().wait()
    assert not dialog.error.isHidden() and "答复内容" in dialog.error.text()
    dialog.reply.setPlainText("已上门劝导，群租已清退")
    dialog.replied_on.setDate(QDate(2025, 3, 5))
    dialog.save().wait()
    assert dialog.result() == HandlingDialog.DialogCode.Accepted
    d = cc.get_complaint(app_ctx, cid)
    assert (d.status, d.replied_on) == ("已回复", date(2025, 3, 5))


def test_handling_dialog_fits_a_1366x768_screen_without_overlaps(shell_app: QApplication, qtbot,
                                                                 app_ctx: AppContext, ref: Ref) -> None:
    long = "楼上群租，住了十几个人，夜里吵闹，楼道堆物，存在消防隐患。" * 12
    for day in (3, 4, 5, 6):
        last = _complaint(app_ctx, ref, received_at=datetime(2025, 3, day, 1, 0), content=long)
    dialog = HandlingDialog(app_ctx, last)
    qtbot.addWidget(dialog)
    dialog.reply.setPlainText("已上门劝导。" * 80)
    dialog.show()
    qtbot.waitExposed(dialog)
    # Title bar and taskbar leave about 700 of 768 pixels; the smallest the dialog allows must fit in them.
    smallest = dialog.minimumSizeHint()
    assert smallest.height() <= 700 and smallest.width() <= 1366 - 100
    dialog.resize(smallest)
    qtbot.waitUntil(lambda: dialog.size() == smallest)
    fields = [dialog.status, dialog.reply, dialog.replied_on, dialog.callback_on, dialog.satisfaction, dialog.note,
              dialog.case_number, dialog.link_button, dialog.new_case_button, dialog.group_case_button]
    rects = [w.rect().translated(w.mapTo(dialog, w.rect().topLeft())) for w in fields]
    for i, a in enumerate(rects):
        assert all(not a.intersects(b) for b in rects[i + 1:]), fields[i]
        assert dialog.rect().contains(a)
    assert dialog.reply.height() >= 96  # a few lines of reply stay visible


def test_handling_dialog_links_a_case_and_turns_a_group_into_one(shell_app: QApplication, qtbot,
                                                                 app_ctx: AppContext, ref: Ref,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first = _complaint(app_ctx, ref)
    second = _complaint(app_ctx, ref, received_at=datetime(2025, 3, 5, 1, 0))
    dialog = HandlingDialog(app_ctx, second)
    qtbot.addWidget(dialog)
    assert not dialog.group_box.isHidden() and "2" in dialog.group_box.title()
    dialog.case_number.setText("2025-长征-0001")
    slow = SlowCall(monkeypatch, cc, "link_to_case", lambda: (dialog.case_number.text(), dialog.isVisible()))
    dialog.show()
    with qtbot.waitSignal(data_events().changed, timeout=20000) as notice:
        dialog.link_button.click()
    slow.stop()
    assert slow.blocked_while(("2025-长征-0001", True))  # the dialog stayed live while the link was on its way
    assert notice.args == [Change.COMPLAINTS]
    assert "2025-长征-0001" in dialog.case_label.text() and dialog.case_number.text() == ""

    calls: list[int] = []
    monkeypatch.setattr(case_detail, "new_case",
                        lambda ctx, parent, complaint_id: calls.append(complaint_id) or ref.case_id)
    with qtbot.waitSignal(data_events().changed, timeout=5000):
        dialog.group_case_button.click()
    assert calls == [first]  # the case is prefilled from the group's first complaint
    assert cc.get_complaint(app_ctx, first).case_id == ref.case_id


def test_page_model_filters_and_search(shell_app: QApplication, qtbot, qtmodeltester, app_ctx: AppContext,
                                       ref: Ref) -> None:
    _complaint(app_ctx, ref)
    _complaint(app_ctx, ref, received_at=datetime(2025, 3, 4, 1, 0), content="再次反映群租")
    _complaint(app_ctx, ref, complainant_phone=None, category_id=ref.c05, content="违法搭建", estate_id=ref.zhenru)
    page = ComplaintLogPage(app_ctx)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    assert page.count_label.text() == "共 3 件"
    row = page.model.row_at(0)
    assert row is not None and row.complainant_name in ("张*", "")
    names = {page.model.index(r, page.model.COL_COMPLAINANT).data() for r in range(3)}
    assert "张* 138****5678" in names and not any("13812345678" in n for n in names)
    groups = [page.model.index(r, page.model.COL_GROUP).data() for r in range(3)]
    assert sorted(groups) == ["", "2", "2"]
    page.filters.repeat.setChecked(True)
    assert page.count_label.text() == "共 2 件"
    page.filters.clear()
    page.search.setText("搭建")
    page.apply_filters()
    assert page.model.total() == 1 and page.model.index(0, page.model.COL_CONTENT).data() == "违法搭建"
    qtmodeltester.check(page.model)


def test_export_runs_in_the_worker_with_names_masked(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                    ref: Ref, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _complaint(app_ctx, ref)
    page = ComplaintLogPage(app_ctx)
    qtbot.addWidget(page)
    target = tmp_path / "诉件.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    with qtbot.waitSignal(page.exported, timeout=30000):
        page.export_masked_action.trigger()  # the administrator's button offers masked first, full on request
        assert not page.export_button.isEnabled()
    cells = [c for row in load_workbook(target).active.iter_rows(values_only=True) for c in row if c]
    assert "楼上群租" in cells and "13812345678" not in " ".join(map(str, cells))
    assert told and str(target) in told[0] and page.export_button.isEnabled()


def test_headers_are_readable_and_a_refresh_keeps_the_selection(shell_app: QApplication, qtbot,
                                                                app_ctx: AppContext, ref: Ref) -> None:
    first = _complaint(app_ctx, ref)
    _complaint(app_ctx, ref, received_at=datetime(2025, 3, 4, 1, 0), content="再次反映群租")
    page = ComplaintLogPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1440 - 200, 800)
    page.show()
    qtbot.waitExposed(page)
    header = page.view.horizontalHeader()
    group = page.model.COL_GROUP
    assert page.model.headerData(group, Qt.Orientation.Horizontal) == "重复"
    # The theme pads header text by 24 px a side: the column leaves room for the two characters themselves.
    text = header.fontMetrics().horizontalAdvance("重复")
    assert header.sectionSize(group) >= text + 48
    page.view.selectRow(1)
    assert page.selected_id() == first
    _complaint(app_ctx, ref, received_at=datetime(2025, 1, 1, 1, 0), content="更早的诉件")  # sorts last
    notify(Change.COMPLAINTS)
    assert page.count_label.text() == "共 3 件" and page.selected_id() == first


def test_import_button_opens_the_wizard(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    page = ComplaintLogPage(app_ctx)
    qtbot.addWidget(page)
    shown: list[str] = []
    monkeypatch.setattr(complaint_import, "run_import_wizard", lambda ctx, parent: shown.append("wizard") or True)
    page.import_button.click()
    assert shown == ["wizard"]


def test_per10k_panel(shell_app: QApplication, qtbot, app_ctx: AppContext, ref: Ref) -> None:
    _complaint(app_ctx, ref)
    dialog = Per10kDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.period.setText("2025Q1")
    dialog.scope_kind.setCurrentIndex(3)
    dialog.scope_name.setText("梅岭小区")
    dialog.compute_button.click()
    assert "2.50 件/万人" in dialog.result.text() and "%" not in dialog.result.text()
    dialog.period.setText("去年")
    dialog.compute_button.click()
    assert "无法识别期间" in dialog.result.text()
