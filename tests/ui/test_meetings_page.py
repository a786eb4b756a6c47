"""会商 page: create a meeting with an action item through the dialog, tick actions off on the 待办 tab, models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.meetings import actions as ma
from controllers.meetings import records as mt
from tests.unit.test_meetings import seed_items
from ui.common.events import Change, data_events
from ui.common.tints import WARNING_TINT
from ui.meetings import models as mm
from ui.meetings.dialog import MeetingDialog
from ui.meetings.page import MeetingsPage


@pytest.fixture
def page(shell_app: QApplication, qtbot: Any, app_ctx: AppContext) -> MeetingsPage:
    widget = MeetingsPage(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1180, 720)
    widget.show()
    return widget


def run_dialog(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None], fill: Callable[[MeetingDialog], None]
               ) -> MeetingDialog:
    """Replace the modal exec(): fill the dialog, press Save, report whether it closed."""
    seen: dict[str, MeetingDialog] = {}

    def fake_exec(self: MeetingsPage, dialog: QDialog) -> bool:
        assert isinstance(dialog, MeetingDialog)
        seen["dialog"] = dialog
        fill(dialog)
        dialog.ok_button.click()
        dialog.operation.wait()  # the save runs off the GUI thread; the window stays live meanwhile
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(MeetingsPage, "exec_dialog", fake_exec)
    action()
    return seen["dialog"]


def texts(model: Any, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_create_meeting_with_case_complaint_group_and_action_item(
    page: MeetingsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    items = seed_items(app_ctx)

    def fill(d: MeetingDialog) -> None:
        d.kind.setCurrentText("研讨会诊")
        d.held_on.setDate(QDate(2025, 6, 1))
        d.title_edit.setText("群租重复投诉会诊")
        d.venue.setText("工作室会议室")
        first_dept = next(iter(d.department_boxes.values()))
        first_dept.click()
        d.decisions.setPlainText("联合执法，限期整改")
        d.case_edit.setText(items.case_numbers[0])
        d.add_case_button.click()
        d.work_order_edit.setText("WO-0002")
        d.add_complaint_button.click()
        d.add_action_button.click()
        row = d.action_model.rowCount() - 1
        d.action_model.setData(d.action_model.index(row, mm.ActionEditModel.COL_DESCRIPTION), "上门核查群租")
        d.action_model.setData(d.action_model.index(row, mm.ActionEditModel.COL_OWNER), "城管社区工作室")

    with qtbot.waitSignal(data_events().changed, check_params_cb=lambda change: change is Change.MEETINGS):
        dialog = run_dialog(monkeypatch, page.new_button.click, fill)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.windowTitle() == "新建会商"
    assert texts(page.proxy, mm.MeetingTableModel.COL_TITLE) == ["群租重复投诉会诊"]
    assert texts(page.proxy, mm.MeetingTableModel.COL_COMPLAINTS) == ["3"]  # the whole repeat group
    assert page.selected_meeting() is not None and page.selected_meeting().title == "群租重复投诉会诊"
    detail = mt.meeting_detail(app_ctx, page.selected_meeting().id)
    assert [c.number for c in detail.cases] == [items.case_numbers[0]]
    assert [(a.description, a.owner, a.due) for a in detail.actions] == [
        ("上门核查群租", "城管社区工作室", date(2025, 6, 1) + timedelta(days=mm.DEFAULT_DUE_DAYS))]
    assert len(detail.departments) == 1
    assert page.action_model.rowCount() == 1  # the 待办 tab lists the new open item


def test_dialog_keeps_open_on_missing_title_and_unknown_case(
    page: MeetingsPage, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    seed_items(app_ctx)

    def fill(d: MeetingDialog) -> None:
        d.case_edit.setText("2025-长征-9999")
        d.add_case_button.click()
        assert "2025-长征-9999" in d.message.text()
        assert d.case_model.rowCount() == 0
        d.tabs.setCurrentIndex(2)

    dialog = run_dialog(monkeypatch, page.new_button.click, fill)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "请填写会商主题，例如“2025年3月例会”。"
    assert dialog.tabs.currentIndex() == 0  # brought forward to the title field
    assert mt.list_meetings(app_ctx) == []


def test_mark_action_done_from_open_items_tab(page: MeetingsPage, qtbot: Any, app_ctx: AppContext) -> None:
    past = clock.today() - timedelta(days=3)
    mt.create_meeting(app_ctx, kind="例会", held_on=past - timedelta(days=30), title="上月例会",
                      actions=[ma.ActionInput("逾期的事", "房管局", past), ma.ActionInput("没有期限的事")])
    page.refresh()
    page.tabs.setCurrentIndex(1)
    assert page.tabs.tabText(1) == "待办事项（2）"
    model = page.action_model
    assert texts(model, mm.OpenActionTableModel.COL_DESCRIPTION) == ["逾期的事", "没有期限的事"]
    assert texts(model, mm.OpenActionTableModel.COL_DUE)[0] == past.isoformat() + "（已逾期）"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == WARNING_TINT
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "已逾期 1 项" in page.actions_hint.text()
    assert not page.done_button.isEnabled()

    page.action_view.selectRow(0)
    with qtbot.waitSignal(data_events().changed):
        page.done_button.click()
    assert texts(model, mm.OpenActionTableModel.COL_DESCRIPTION) == ["没有期限的事"]
    assert page.tabs.tabText(1) == "待办事项（1）"
    [meeting] = mt.list_meetings(app_ctx)
    done = next(a for a in mt.meeting_detail(app_ctx, meeting.id).actions if a.description == "逾期的事")
    assert (done.done, done.done_on) == (True, clock.today())


def test_filters_and_delete(page: MeetingsPage, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext,
                            qtbot: Any) -> None:
    mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 3, 1), title="三月例会", decisions="加强巡查")
    mt.create_meeting(app_ctx, kind="研讨会诊", held_on=date(2025, 5, 1), title="群租会诊")
    page.refresh()
    assert page.count_label.text() == "共 2 次会商"
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("研讨会诊"))
    assert texts(page.proxy, mm.MeetingTableModel.COL_TITLE) == ["群租会诊"]
    page.kind_filter.setCurrentIndex(0)
    page.text_filter.setText("巡查")
    assert texts(page.proxy, mm.MeetingTableModel.COL_TITLE) == ["三月例会"]
    page.text_filter.clear()
    page.date_from.setDate(QDate(2025, 4, 1))
    assert texts(page.proxy, mm.MeetingTableModel.COL_TITLE) == ["群租会诊"]
    page.date_from.setDate(page.date_from.minimumDate())
    assert page.date_from.text() == "不限"

    page.view.selectRow(0)
    asked: list[str] = []
    monkeypatch.setattr(MeetingsPage, "confirm", lambda self, text: asked.append(text) or True)
    page.delete_button.click()
    assert "群租会诊" in asked[0] and "所议案件和诉件不受影响" in asked[0]
    qtbot.waitUntil(lambda: texts(page.proxy, mm.MeetingTableModel.COL_TITLE) == ["三月例会"])


def test_edit_existing_meeting_untick_done_and_remove_group(
    page: MeetingsPage, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    items = seed_items(app_ctx)
    detail = mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 6, 1), title="六月例会",
                               complaint_ids=[items.lone, items.root], actions=[ma.ActionInput("甲", done=True)])
    page.refresh()
    page.view.selectRow(0)

    def fill(d: MeetingDialog) -> None:
        assert d.windowTitle() == "编辑会商"
        assert d.complaint_model.rowCount() == 4
        d.complaint_view.setCurrentIndex(d.complaint_model.index(0, 0))  # the repeat group comes first
        d.remove_group_button.click()
        index = d.action_model.index(0, mm.ActionEditModel.COL_DONE)
        d.action_model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)

    run_dialog(monkeypatch, page.edit_button.click, fill)
    after = mt.meeting_detail(app_ctx, detail.id)
    assert [c.id for c in after.complaints] == [items.lone]
    assert [a.done for a in after.actions] == [False]
    assert page.action_model.rowCount() == 1


def test_every_model_passes_the_model_tester(qtmodeltester: Any, app_ctx: AppContext, shell_app: QApplication
                                              ) -> None:
    items = seed_items(app_ctx)
    detail = mt.create_meeting(app_ctx, kind="研讨会诊", held_on=date(2025, 6, 1), title="会诊",
                               case_numbers=list(items.case_numbers), complaint_ids=[items.root, items.lone],
                               actions=[ma.ActionInput("甲", due=date(2025, 6, 2)), ma.ActionInput("乙")])
    meetings = mm.MeetingTableModel()
    meetings.set_rows(mt.list_meetings(app_ctx))
    actions = mm.OpenActionTableModel()
    actions.set_rows(ma.open_actions(app_ctx))
    cases = mm.CaseItemModel()
    cases.set_rows(detail.cases)
    complaints = mm.ComplaintItemModel()
    complaints.set_rows(detail.complaints)
    grid = mm.ActionEditModel()
    grid.set_items([ma.ActionInput(a.description, a.owner, a.due, a.done, id=a.id) for a in detail.actions])
    grid.add_item(date(2025, 6, 1))
    for model in (meetings, actions, cases, complaints, grid):
        qtmodeltester.check(model)
    assert texts(complaints, mm.ComplaintItemModel.COL_GROUP) == ["1", "1", "1", "2"]
    assert grid.data(grid.index(2, mm.ActionEditModel.COL_DUE), Qt.ItemDataRole.EditRole) == QDate(2025, 6, 15)


def test_meeting_list_marks_overdue_action_count_in_red(shell_app: QApplication, app_ctx: AppContext) -> None:
    mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 3, 1), title="三月例会",
                      actions=[ma.ActionInput("逾期", due=date(2025, 3, 8)), ma.ActionInput("无期限")])
    model = mm.MeetingTableModel()
    model.set_rows(mt.list_meetings(app_ctx))
    cell = model.index(0, mm.MeetingTableModel.COL_OPEN)
    assert model.data(cell) == "2"
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) == WARNING_TINT
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == "其中 1 项已逾期"
    assert model.data(model.index(0, mm.MeetingTableModel.COL_TITLE), Qt.ItemDataRole.BackgroundRole) is None
