"""显示号码 in the handling dialog and the case window: shown to roles with personal data only, a click shows the
full number (one audit entry), 复制 puts it on the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.permissions import ADMIN, STAFF, SUPERVISOR, SignedInUser
from models.admin import AuditEntry
from tests.unit.case_fixtures import make_complaint, make_estate, new_case
from ui.case_detail.window import CaseWindow
from ui.common.phone_reveal import PhoneRevealButton, RevealedPhoneDialog
from ui.complaints.handling_dialog import HandlingDialog

PHONE = "13812345678"  # make_complaint's complainant
PARTY = "13987654321"


def _sign_in(ctx: AppContext, role: str) -> None:
    ctx.sign_in(SignedInUser(username=f"u-{role}", display_name="小王", role=role, user_id=1))


def _reveals(ctx: AppContext) -> list[tuple[str | None, str | None]]:
    with ctx.db.session() as s:
        return [(e.entity, e.username) for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "reveal_phone").order_by(AuditEntry.id))]


def _texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def _click_and_read(qtbot, button: PhoneRevealButton) -> RevealedPhoneDialog:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.dialog is not None and button.dialog.isVisible(), timeout=10_000)
    assert button.dialog is not None
    return button.dialog


@pytest.fixture
def complaint(app_ctx: AppContext) -> int:
    return make_complaint(app_ctx, make_estate(app_ctx))


@pytest.mark.parametrize("role", [ADMIN, STAFF])
def test_handling_dialog_reveals_and_copies_the_number(shell_app, qtbot, app_ctx: AppContext, complaint: int,
                                                       role: str) -> None:
    _sign_in(app_ctx, role)
    dialog = HandlingDialog(app_ctx, complaint)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.reveal_button
    assert button.isVisible() and button.text() == "显示号码"
    assert PHONE not in _texts(dialog) and "138****5678" in _texts(dialog)  # masked until asked for
    shown = _click_and_read(qtbot, button)
    assert shown.number.text() == PHONE
    assert shown.number.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    QApplication.clipboard().clear()
    qtbot.mouseClick(shown.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == PHONE
    assert shown.copy_button.text() == "已复制"
    assert _reveals(app_ctx) == [("complaints", f"u-{role}")]  # one entry for one reveal


def test_handling_dialog_has_no_button_for_a_supervisor(shell_app, qtbot, app_ctx: AppContext,
                                                        complaint: int) -> None:
    _sign_in(app_ctx, SUPERVISOR)
    dialog = HandlingDialog(app_ctx, complaint)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.reveal_button.isVisible()
    assert "138****5678" in _texts(dialog)
    assert _reveals(app_ctx) == []


def _case_window(qtbot, ctx: AppContext, case_id: int) -> CaseWindow:
    window = CaseWindow(ctx, case_id)
    qtbot.addWidget(window)
    window.show()
    return window


def test_case_window_reveals_the_partys_number(shell_app, qtbot, app_ctx: AppContext) -> None:
    case = new_case(app_ctx, make_estate(app_ctx), party_phone=PARTY, party_name="李四")
    _sign_in(app_ctx, STAFF)
    window = _case_window(qtbot, app_ctx, case.id)
    button = window.form.reveal_phone
    assert button.isVisible()
    shown = _click_and_read(qtbot, button)
    assert shown.number.text() == PARTY
    qtbot.mouseClick(shown.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == PARTY
    assert _reveals(app_ctx) == [("cases", "u-工作人员")]
    assert not window.dirty  # revealing is not an edit


def test_case_window_hides_the_button_for_a_supervisor_and_without_a_number(shell_app, qtbot,
                                                                            app_ctx: AppContext) -> None:
    estate = make_estate(app_ctx)
    with_phone = new_case(app_ctx, estate, party_phone=PARTY).id
    without = new_case(app_ctx, estate).id
    _sign_in(app_ctx, SUPERVISOR)
    window = _case_window(qtbot, app_ctx, with_phone)
    assert not window.form.reveal_phone.isVisible()
    assert window.form.party_phone.text() == "139****4321"
    _sign_in(app_ctx, STAFF)
    assert not _case_window(qtbot, app_ctx, without).form.reveal_phone.isVisible()
