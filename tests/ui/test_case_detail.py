"""The case window: register through the dialog, the whole loop by its buttons, a photo, a referral, unsaved edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from controllers.cases import records as cr
from controllers.cases import referrals as ref
from controllers.storage import attachments as att
from tests.ui.slow_kit import SlowCall
from tests.unit.case_fixtures import category_id, department_id, make_complaint, make_estate, new_case
from tests.unit.test_attachments import tiny_png
from ui import case_detail
from ui.case_detail import asks, evidence
from ui.case_detail.new_dialog import NewCaseDialog
from ui.case_detail.window import CaseWindow
from ui.common.events import Change, data_events
from ui.common.tints import WARNING_TINT


@pytest.fixture
def estate(app_ctx) -> int:
    return make_estate(app_ctx, "梅川小区", "长征镇")


@pytest.fixture
def window(qtbot, app_ctx, estate):
    def make(case_id: int) -> CaseWindow:
        w = CaseWindow(app_ctx, case_id)
        qtbot.addWidget(w)
        w.show()
        return w

    return make


def test_register_a_patrol_finding_through_the_dialog(qtbot, app_ctx, estate):
    dialog = NewCaseDialog(app_ctx, source="巡查发现")
    qtbot.addWidget(dialog)
    form = dialog.form
    form.category.setCurrentIndex(form.category.findText("C05 违法搭建"))
    assert form.deadline.value() is not None  # the category proposed a deadline
    assert len(form.regulation_ids()) == 3  # and ticked its legal basis
    form.estate.setEditText("梅川小区")
    form.place.setText("5号楼顶")
    form.facts.setPlainText("楼顶搭建彩钢板房约20平方米")
    form.party_name.setText("赵六")
    # The save runs on a worker thread: as long as the other background saves of the suite allow (it ends at the
    # signal; 2 s was once not enough with both engines' suites side by side on two busy cores).
    with qtbot.waitSignal(data_events().changed, timeout=20000) as signal:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert signal.args == [Change.CASES]
    assert dialog.result() == NewCaseDialog.DialogCode.Accepted
    detail = cr.get_case(app_ctx, dialog.case_id)
    assert detail.number.endswith("-长征-0001") and detail.source == "巡查发现"
    assert (detail.place, detail.party_name, detail.category_code) == ("5号楼顶", "赵六", "C05")


def test_a_missing_field_keeps_the_dialog_open(qtbot, app_ctx, estate, monkeypatch):
    dialog = NewCaseDialog(app_ctx)
    qtbot.addWidget(dialog)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    dialog.form.estate.setEditText("梅川小区")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: bool(warnings))
    assert dialog.case_id is None and warnings == ["请填写案件事实。"]
    assert "border" in dialog.form.facts.styleSheet()


def test_new_case_from_a_complaint_links_it(qtbot, app_ctx, estate, monkeypatch):
    complaint = make_complaint(app_ctx, estate, work_order_no="GD001")
    monkeypatch.setattr(NewCaseDialog, "exec", lambda self: (self.form.category.setCurrentIndex(0), self.save().wait())
                        and self.result())
    case_id = case_detail.new_case(app_ctx, None, complaint_id=complaint)
    assert case_id is not None
    detail = cr.get_case(app_ctx, case_id)
    assert detail.source == "12345热线" and [c.work_order_no for c in detail.complaints] == ["GD001"]
    assert detail.complaints[0].complainant == "张**"


def test_the_whole_loop_by_the_buttons(qtbot, app_ctx, estate, window, monkeypatch):
    case = new_case(app_ctx, estate)
    w = window(case.id)
    asked = []

    def answer(parent, move, **kwargs):
        asked.append(move.to)
        return {"deadline": kwargs["proposed_deadline"]} if move.to == "责令整改" else {"note": f"到{move.to}"}

    monkeypatch.setattr(asks, "ask_transition", answer)
    for label, status in [("开始核查", "核查"), ("立案", "立案"), ("责令整改", "责令整改"), ("复查", "复查"),
                          ("结案", "结案")]:
        buttons = w.move_buttons()
        assert label in buttons, f"{label} not offered in {w.detail.status}"
        buttons[label].click()
        qtbot.waitUntil(lambda: not w.busy)  # the move runs off the GUI thread
        assert w.detail.status == status and w.status.text() == status
    assert asked == ["核查", "立案", "责令整改", "复查", "结案"]
    assert set(w.move_buttons()) == {"重新打开（回到复查）", "重新打开（回到立案）"}
    assert w.detail.deadline is not None and w.detail.closed_on is not None
    assert w.timeline.topLevelItemCount() == 6  # 创建 + five moves, newest first
    assert "复查 → 结案" in w.timeline.topLevelItem(0).text(3)


def test_refused_move_shows_the_controllers_message(qtbot, app_ctx, estate, window, monkeypatch):
    case = new_case(app_ctx, estate)
    w = window(case.id)
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    monkeypatch.setattr(asks, "ask_transition", lambda *a, **k: {})
    from controllers.cases.states import Transition

    w.do_transition(Transition("结案", "结案"))
    qtbot.waitUntil(lambda: not w.busy)
    assert messages == ["“登记”状态的案件不能直接结案，请先核查。"]


def test_attach_a_photo_by_the_add_button(qtbot, app_ctx, estate, window, monkeypatch, tmp_path):
    photo = tmp_path / "现场.png"
    photo.write_bytes(tiny_png())
    w = window(new_case(app_ctx, estate).id)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    with qtbot.waitSignal(w.evidence.changed, timeout=5000):
        w.evidence.add_button.click()
    assert w.evidence.list.count() == 1
    assert w.detail.attachments[0].kind == "整改前" and w.detail.attachments[0].filename == "现场.png"
    assert not w.evidence.list.item(0).icon().isNull()
    opened = []
    monkeypatch.setattr(evidence, "open_file", opened.append)
    w.evidence.list.item(0).setSelected(True)
    w.evidence.open_button.click()
    assert opened == [att.stored_path(app_ctx, w.detail.attachments[0].sha256)]
    with qtbot.waitSignal(w.evidence.changed, timeout=5000):
        w.evidence.after_button.click()
    assert w.detail.attachments[0].kind == "整改后"


def test_a_tampered_photo_is_flagged_and_not_opened(qtbot, app_ctx, estate, window, monkeypatch, tmp_path):
    photo = tmp_path / "p.png"
    photo.write_bytes(tiny_png())
    case = new_case(app_ctx, estate)
    info = att.store_attachment(app_ctx, source_path=photo, owner="case", owner_id=case.id, kind="证据")
    stored = att.stored_path(app_ctx, info.sha256)
    stored.chmod(0o600)
    stored.write_bytes(tiny_png((1, 2, 3)))
    w = window(case.id)
    assert "已被改动" in w.evidence.list.item(0).toolTip()
    warnings, opened = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(evidence, "open_file", opened.append)
    w.evidence.list.item(0).setSelected(True)
    w.evidence.open_button.click()
    assert opened == [] and "已被改动" in warnings[0]


def test_refer_receive_reply_in_the_panel(qtbot, app_ctx, estate, window, monkeypatch):
    w = window(new_case(app_ctx, estate).id)
    today = w.detail.today
    dept = department_id(app_ctx)
    monkeypatch.setattr(asks, "ask_referral", lambda *a, **k: {
        "department_id": dept, "reason": "请协助认定", "referred_on": today - timedelta(days=20),
        "letter_no": "函1号", "reply_due": today - timedelta(days=1)})
    with qtbot.waitSignal(w.referrals.changed, timeout=5000):
        w.referrals.refer_button.click()
    panel = w.referrals
    assert panel.tree.topLevelItemCount() == 1
    assert panel.tree.topLevelItem(0).text(0) == "区规划资源局"
    assert w.detail.overdue_referrals == 1
    assert panel.tree.topLevelItem(0).background(0).color() == WARNING_TINT  # flagged overdue
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    monkeypatch.setattr(asks, "ask_receipt", lambda *a, **k: {"received_on": today - timedelta(days=19)})
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.receipt_button.click()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    monkeypatch.setattr(asks, "ask_reply", lambda *a, **k: {"replied_on": today, "reply": "已认定为违法建筑",
                                                             "reply_letter_no": "回函2号"})
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.reply_button.click()
    [r] = w.detail.referrals
    assert (r.status, r.overdue, r.reply) == ("已回复", False, "已认定为违法建筑")
    assert [e.kind for e in w.detail.timeline].count("移交") == 3


def test_c11_penalty_offers_the_demerit_referral(qtbot, app_ctx, window):
    estate = make_estate(app_ctx, "真如小区", company="安居物业")
    case = new_case(app_ctx, estate, category_id=category_id(app_ctx, "C11"))
    cr.update_case(app_ctx, case.id, expected_version=case.version, penalty_decided_on=date(2025, 4, 1))
    w = window(case.id)
    assert not w.referrals.proposal_button.isHidden() and "区房管局" in w.referrals.proposal_label.text()
    assert ref.propose_demerit_referral(app_ctx, case.id) is not None


@pytest.mark.parametrize(("choice", "saved", "closed"), [
    (QMessageBox.StandardButton.Save, "改过的地点", True),
    (QMessageBox.StandardButton.Discard, "5号楼顶", True),
    (QMessageBox.StandardButton.Cancel, "5号楼顶", False),
])
def test_closing_with_unsaved_edits_asks(qtbot, app_ctx, estate, window, monkeypatch, choice, saved, closed):
    case_id = new_case(app_ctx, estate).id
    w = window(case_id)
    w.form.place.setText("改过的地点")
    w.form.place.textEdited.emit("改过的地点")
    assert w.dirty and w.windowTitle().endswith("*")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or choice)
    # Kept after closing: qtbot closes it once more at the end (the save's wait turns the event loop, which would
    # otherwise delete the window on close before qtbot gets to it).
    w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    w.close()
    assert asked and w.isVisible() is (not closed)
    assert cr.get_case(app_ctx, case_id).place == saved


def test_a_save_from_another_window_is_not_overwritten(qtbot, app_ctx, estate, window, monkeypatch):
    case = new_case(app_ctx, estate)
    w = window(case.id)
    cr.update_case(app_ctx, case.id, expected_version=case.version, place="另一个窗口")
    w.form.place.setText("这个窗口")
    w.form.place.textEdited.emit("这个窗口")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    assert w.save().wait() is False
    assert "重新载入" in asked[0]
    assert w.form.place.text() == "另一个窗口" and not w.dirty  # reloaded


def test_a_save_on_a_slow_server_leaves_the_window_running(qtbot, app_ctx, estate, window, monkeypatch):
    """The save blocks in the controller until a GUI timer, still firing meanwhile, lets it go."""
    case = new_case(app_ctx, estate)
    w = window(case.id)
    # At each tick while blocked: (save button enabled, window shows the edit).
    slow = SlowCall(monkeypatch, cr, "update_case",
                    lambda: (w.save_button.isEnabled(), w.form.place.text() == "慢服务器上的地点"))
    # Were the save to freeze the window, its edits would be unsaved at the end: never ask, just discard.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    w.form.place.setText("慢服务器上的地点")
    w.form.place.textEdited.emit("慢服务器上的地点")
    w.save_button.click()
    qtbot.waitUntil(lambda: not w.busy, timeout=20000)
    slow.stop()
    assert slow.blocked_while((False, True))  # three ticks while blocked; no second save meanwhile
    assert not w.dirty and w.form.place.text() == "慢服务器上的地点" and w.windowTitle().endswith(w.detail.number)
    assert w.save_button.isEnabled()
    assert cr.get_case(app_ctx, case.id).place == "慢服务器上的地点"


def test_a_referral_on_a_slow_server_leaves_the_window_running(qtbot, app_ctx, estate, window, monkeypatch):
    w = window(new_case(app_ctx, estate).id)
    dept = department_id(app_ctx)
    monkeypatch.setattr(asks, "ask_referral", lambda *a, **k: {
        "department_id": dept, "reason": "请协助认定", "referred_on": w.detail.today, "letter_no": "函9号",
        "reply_due": w.detail.today + timedelta(days=10)})
    slow = SlowCall(monkeypatch, ref, "refer_case", lambda: w.referrals.tree.topLevelItemCount())
    with qtbot.waitSignal(w.referrals.changed, timeout=20000):
        w.referrals.refer_button.click()
    slow.stop()
    assert slow.blocked_while(0)  # the window kept running, the list waiting for the saved referral
    assert w.referrals.tree.topLevelItem(0).text(2) == "函9号" and len(w.detail.referrals) == 1


def test_a_photo_added_on_a_slow_server_leaves_the_window_running(qtbot, app_ctx, estate, window, monkeypatch,
                                                                   tmp_path):
    photo = tmp_path / "慢.png"
    photo.write_bytes(tiny_png())
    w = window(new_case(app_ctx, estate).id)
    slow = SlowCall(monkeypatch, att, "store_attachment", lambda: w.evidence.list.count())
    with qtbot.waitSignal(data_events().changed, timeout=20000) as notice:
        w.evidence.add_files([photo])
    slow.stop()
    assert slow.blocked_while(0) and notice.args == [Change.CASES]
    qtbot.waitUntil(lambda: w.evidence.list.count() == 1)
    assert w.detail.attachments[0].filename == "慢.png"


def test_a_held_case_says_its_review_date_passed(shell_app, qtbot, app_ctx, estate, window, pin_clock):
    """Issue 22: the 挂账 header read "…回复。，2025-02-24 复查" (two marks) and never said the date had passed."""
    from controllers.cases import workflow as wf
    from controllers.core import clock

    with clock.pin(date(2025, 2, 10)):
        d = new_case(app_ctx, estate, found_date=date(2025, 2, 10))
        d = wf.transition(app_ctx, d.id, to="挂账", expected_version=d.version, reason="等待规划部门回复。",
                          review_date=date(2025, 2, 24))
    pin_clock(date(2026, 12, 6))
    w = window(d.id)
    text = w.summary.text()
    assert "等待规划部门回复；复核日期 2025-02-24，已过期 21 个月" in text and "。，" not in text
    w.grab().save("/tmp/s8-i22print/case_window_hold.png")


def test_every_tab_of_the_case_window_has_its_own_name(shell_app, qtbot, app_ctx, estate, window):
    """Two tabs of one name (two 督办) leave the user guessing which is which."""
    w = window(new_case(app_ctx, estate).id)
    names = [w.tabs.tabText(i).split("（")[0] for i in range(w.tabs.count())]
    assert len(names) == len(set(names)), names
    assert "督办单" in names[-1]
