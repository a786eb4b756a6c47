"""Meeting mode on the shared screen: no name, phone or room number anywhere; the quick form; leaving by a key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QDialog, QLabel, QLineEdit, QPlainTextEdit, QWidget

from controllers.complaints.listing import ComplaintFilter, count_complaints
from controllers.core.context import AppContext
from controllers.meetings.meeting_mode import scope_choices
from tests.unit.test_dashboard import COMPLAINANTS, PARTY, TODAY, Built, build
from ui.meeting_mode import picker as picker_module
from ui.meeting_mode import start_meeting_mode
from ui.meeting_mode.window import MeetingModeWindow


@pytest.fixture
def built(app_ctx: AppContext, pin_clock) -> Built:
    pin_clock(TODAY)
    return build(app_ctx)


def _model_text(model: QAbstractItemModel) -> list[str]:
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(r, c), role)
                if value is not None:
                    out.append(str(value))
    for c in range(model.columnCount()):
        out.append(str(model.headerData(c, Qt.Orientation.Horizontal)))
    return out


def every_text(window: QWidget) -> str:
    """What anyone in the room could read: labels, buttons, fields, every cell and tooltip, window titles."""
    parts = [window.windowTitle(), window.toolTip()]
    for w in window.findChildren(QWidget):
        parts += [w.windowTitle(), w.toolTip()]
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            parts.append(w.text())
        if isinstance(w, QPlainTextEdit):
            parts.append(w.toPlainText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            parts += _model_text(w.model())
    return "\n".join(parts)


def _choice(ctx: AppContext):
    return next(c for c in scope_choices(ctx) if c.kind == "committee" and c.name == "甲居委会")


def test_no_personal_data_on_screen(shell_app, qtbot, qtmodeltester, app_ctx: AppContext, built: Built,
                                    monkeypatch) -> None:
    monkeypatch.setattr(picker_module, "pick_scope", lambda ctx, parent=None: _choice(ctx))
    window = start_meeting_mode(app_ctx, full_screen=False)
    assert isinstance(window, MeetingModeWindow)
    qtbot.addWidget(window)
    qtmodeltester.check(window.case_model)
    qtmodeltester.check(window.training_model)
    text = every_text(window)
    assert "2026-" in text and "3号楼" in text and "甲居委会" in text  # the figures are there...
    secrets = [PARTY[0], PARTY[1], "502室", "502", *[x for pair in COMPLAINANTS for x in pair]]
    assert [s for s in secrets if s in text] == []  # ...and nobody's name, phone or room
    assert window.case_model.rowCount() == 7


def test_quick_form_records_a_committee_matter(shell_app, qtbot, app_ctx: AppContext, built: Built,
                                               monkeypatch) -> None:
    from ui.meeting_mode import quick_form

    window = MeetingModeWindow(app_ctx, _choice(app_ctx))
    qtbot.addWidget(window)
    before = count_complaints(app_ctx, ComplaintFilter(channels=("居委转交",)))

    def fill_and_accept(form: QDialog) -> int:
        form.description.setPlainText("3号楼楼道堆物")
        form.place.setText("3号楼101室")
        form.accept()  # records off the GUI thread; the form closes once the matter is in
        qtbot.waitUntil(lambda: form.result() == QDialog.DialogCode.Accepted)
        return int(form.result())

    monkeypatch.setattr(quick_form.QuickMatterForm, "exec", fill_and_accept)
    window.note_matter()
    assert count_complaints(app_ctx, ComplaintFilter(channels=("居委转交",))) == before + 1
    assert "101" not in every_text(window)


def test_escape_leaves(shell_app, qtbot, app_ctx: AppContext, built: Built) -> None:
    window = MeetingModeWindow(app_ctx, _choice(app_ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert not window.isVisible()
