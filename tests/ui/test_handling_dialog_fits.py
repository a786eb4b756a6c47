"""The handling dialog at its default size on a 1366x768 screen: a three-member repeat group shows every entry
without scrolling, and the reply box keeps its four lines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from controllers.complaints import entry as cc
from controllers.core.context import AppContext
from tests.unit.complaint_fixtures import make_reference
from ui.complaints.handling_dialog import HandlingDialog

SHOTS = Path("/tmp/s8-polish")
SCREEN = (1366, 768 - 40)  # less a task bar


def test_a_three_member_group_and_the_reply_box_fit(shell_app: QApplication, qtbot, app_ctx: AppContext) -> None:
    ref = make_reference(app_ctx)
    content = "楼上群租，夜间噪声扰民，多次反映未果，要求尽快处理并答复。" * 3  # each entry wraps over lines
    ids = [cc.create_complaint(app_ctx, received_at=datetime(2025, 3, day, 1, 0), channel="来电",
                               complainant_name="张三", complainant_phone="13812345678", estate_id=ref.meiling,
                               category_id=ref.c03, content=content) for day in (3, 5, 7)]
    dialog = HandlingDialog(app_ctx, ids[-1])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "handling_dialog.png"))
    assert dialog.width() <= SCREEN[0] and dialog.height() <= SCREEN[1]
    assert dialog.group_list.text().count("\n") == 2  # three entries
    assert dialog.group_area.verticalScrollBar().maximum() == 0  # all of them in sight, none cut off
    assert dialog.reply.height() >= 4 * dialog.reply.fontMetrics().lineSpacing()
