"""Ctrl+Q quits through the unsaved-edit questions; an untouched 新建案件 closes without asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from controllers.core.context import AppContext
from tests.unit.case_fixtures import make_complaint, make_estate, new_case
from ui import case_detail
from ui.case_detail.new_dialog import NewCaseDialog
from ui.shell.main_window import MainWindow

Button = QMessageBox.StandardButton


class Answers:
    """Stands in for QMessageBox.question: records each question and gives the next prepared answer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: Button) -> None:
        self.asked: list[str] = []
        self.answers = list(answers)
        monkeypatch.setattr(QMessageBox, "question", self)

    def __call__(self, _parent, _title: str, text: str, *_args) -> Button:
        self.asked.append(text)
        # Out of answers: stay (an exception raised inside Qt's closeEvent would bring the process down).
        return self.answers.pop(0) if self.answers else Button.Cancel


@pytest.fixture
def estate(app_ctx: AppContext) -> int:
    return make_estate(app_ctx, "梅川小区", "长征镇")


def _new_case_dialog(qtbot, ctx: AppContext, **kwargs) -> NewCaseDialog:
    dialog = NewCaseDialog(ctx, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("how", ["patrol", "from_complaint", "category_chosen_and_back"])
def test_an_untouched_new_case_closes_without_asking(shell_app, qtbot, app_ctx: AppContext, estate: int,
                                                      monkeypatch, how: str) -> None:
    answers = Answers(monkeypatch)
    if how == "from_complaint":  # prefilled from the complaint: still nothing the user typed
        dialog = _new_case_dialog(qtbot, app_ctx, complaint_id=make_complaint(app_ctx, estate))
    else:
        dialog = _new_case_dialog(qtbot, app_ctx, source="巡查发现")
    if how == "category_chosen_and_back":  # a change undone is no edit
        before = dialog.form.category.currentIndex()
        dialog.form.category.setCurrentIndex(dialog.form.category.findText("C05 违法搭建"))
        assert dialog.dirty
        dialog.form.category.setCurrentIndex(before)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == []
    assert not dialog.isVisible() and dialog.result() == NewCaseDialog.DialogCode.Rejected


def test_a_new_case_with_typed_text_asks_and_cancel_keeps_it(shell_app, qtbot, app_ctx: AppContext, estate: int,
                                                            monkeypatch) -> None:
    answers = Answers(monkeypatch, Button.No, Button.Yes)
    dialog = _new_case_dialog(qtbot, app_ctx, source="巡查发现")
    dialog.form.estate.lineEdit().insert("梅川")  # typed (QTest types ASCII only): half a name is input too
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1 and "放弃" in answers.asked[0]
    assert dialog.isVisible() and dialog.form.estate.currentText() == "梅川"  # kept, with what was typed
    dialog.reject()
    assert not dialog.isVisible() and len(answers.asked) == 2


def _ctrl_q(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_q_quits_at_once_without_edits(main_window: MainWindow, qtbot, monkeypatch) -> None:
    answers = Answers(monkeypatch)
    assert main_window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    main_window.activateWindow()
    _ctrl_q(qtbot, main_window)
    assert not main_window.isVisible() and answers.asked == []


def test_ctrl_q_asks_about_a_case_windows_edits_and_cancel_keeps_the_app(main_window: MainWindow, qtbot,
                                                                         app_ctx: AppContext, estate: int,
                                                                         monkeypatch) -> None:
    case = new_case(app_ctx, estate)
    case_detail.open_case(app_ctx, case.id, main_window)
    window = case_detail.open_windows()[0]
    qtbot.waitExposed(window)
    window.form.place.setText("5号楼东侧")
    window.form.place.textEdited.emit("5号楼东侧")  # as typing does
    assert window.dirty
    answers = Answers(monkeypatch, Button.Cancel, Button.Discard)

    window.activateWindow()
    _ctrl_q(qtbot, window)  # from the case window: the shortcut is the application's
    assert len(answers.asked) == 1 and "未保存" in answers.asked[0]
    assert main_window.isVisible() and window.isVisible() and window.dirty

    _ctrl_q(qtbot, window)
    assert len(answers.asked) == 2
    assert not main_window.isVisible()
    window._set_dirty(False)  # the app would have quit here; the test closes the discarded window itself
    window.close()


def test_ctrl_q_over_a_modal_new_case_with_edits_asks_first(main_window: MainWindow, qtbot, app_ctx: AppContext,
                                                            estate: int, monkeypatch) -> None:
    answers = Answers(monkeypatch, Button.No, Button.Yes)
    dialog = NewCaseDialog(app_ctx, main_window, source="巡查发现")
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal, as exec() shows it
    # Keys reach the dialog once it is the focused window (as it is for a user typing in it).
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    dialog.form.place.setText("3号楼")
    _ctrl_q(qtbot, dialog)
    assert len(answers.asked) == 1 and dialog.isVisible() and main_window.isVisible()  # cancelled: all stays
    _ctrl_q(qtbot, dialog)
    assert not dialog.isVisible() and not main_window.isVisible()
