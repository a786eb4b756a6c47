"""The patrol form's pick lists (officers, route, departments) take Enter while the completer's list is open.

On a desktop the completer's popup opens as soon as a few characters are typed and takes the key presses; Enter
there must add the pick (or say why not) at once, not only on a second Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.inspections.pick_list import PickList

CHOICES = [(1, "王超（PT-D0005）"), (2, "王芳（PT-D0009）"), (3, "李根娜（PT-D0001）")]


def _typed_with_popup_open(qtbot, text: str) -> PickList:
    picks = PickList(CHOICES, "输入姓名")
    qtbot.addWidget(picks)
    picks.show()
    picks.edit.setFocus()
    picks.edit.setText(text)  # QTest types only ASCII
    completer = picks.edit.completer()
    completer.setCompletionPrefix(text)
    completer.complete()  # what typing does on a desktop; offscreen it may not open by itself
    qtbot.waitUntil(completer.popup().isVisible)
    QTest.keyClick(completer.popup(), Qt.Key.Key_Return)
    return picks


def test_enter_in_the_open_completer_adds_the_only_match(qtbot) -> None:
    picks = _typed_with_popup_open(qtbot, "王超")
    assert picks.ids() == [1]
    assert picks.edit.text() == ""


def test_enter_in_the_open_completer_says_when_the_name_is_ambiguous(qtbot) -> None:
    picks = _typed_with_popup_open(qtbot, "PT-D000")  # in every name, at the start of none
    assert picks.ids() == []
    assert not picks.error.isHidden() and "PT-D000" in picks.error.text()


def test_choosing_a_line_of_the_completer_and_enter_adds_that_one(qtbot) -> None:
    picks = PickList(CHOICES, "输入姓名")
    qtbot.addWidget(picks)
    picks.show()
    picks.edit.setFocus()
    picks.edit.setText("王")
    completer = picks.edit.completer()
    completer.setCompletionPrefix("王")
    completer.complete()
    qtbot.waitUntil(completer.popup().isVisible)
    QTest.keyClick(completer.popup(), Qt.Key.Key_Down)
    QTest.keyClick(completer.popup(), Qt.Key.Key_Down)
    highlighted = completer.popup().currentIndex().data()
    assert highlighted == "王芳（PT-D0009）"
    QTest.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert picks.ids() == [2]
