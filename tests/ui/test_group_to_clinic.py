"""Sending a complaint repeat group from the handling dialog to a 研讨会诊 case clinic (new or open)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from controllers.complaints import entry as cc
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.meetings import records as cm
from tests.unit.complaint_fixtures import make_reference
from ui.common.events import Change, data_events
from ui.complaints.handling_dialog import HandlingDialog


def _group(ctx: AppContext) -> tuple[int, int]:
    ref = make_reference(ctx)
    args: dict[str, object] = dict(channel="来电", complainant_name="张三", complainant_phone="13812345678",
                                   estate_id=ref.meiling, category_id=ref.c03, content="楼上群租")
    first = cc.create_complaint(ctx, received_at=datetime(2025, 3, 3, 1, 0), **args)  # type: ignore[arg-type]
    second = cc.create_complaint(ctx, received_at=datetime(2025, 3, 5, 1, 0), **args)  # type: ignore[arg-type]
    assert cc.get_complaint(ctx, second).group_size == 2
    return first, second


def test_group_goes_to_a_new_clinic_then_to_the_open_one(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _group(app_ctx)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"warning: {a[2]}"))
    events: list[str] = []
    data_events().changed.connect(events.append)
    dialog = HandlingDialog(app_ctx, second)
    qtbot.addWidget(dialog)
    assert not dialog.group_clinic_button.isHidden()

    dialog.group_clinic_button.click()  # no open clinic yet: created without asking
    qtbot.waitUntil(lambda: len(shown) == 1)
    [row] = cm.list_meetings(app_ctx, cm.MeetingFilter(kind="研讨会诊"))
    detail = cm.meeting_detail(app_ctx, row.id)
    assert detail.held_on == clock.today() and "2" in detail.title
    assert sorted(c.id for c in detail.complaints) == sorted([first, second])
    assert len(shown) == 1 and Change.MEETINGS in events

    # An open clinic exists now: the user picks it, nothing new is created.
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: (a[3][1], True))
    dialog.group_clinic_button.click()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert [m.id for m in cm.list_meetings(app_ctx, cm.MeetingFilter(kind="研讨会诊"))] == [row.id]
    assert len(shown) == 2

    # ...or asks for a new one.
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: (a[3][0], True))
    dialog.group_clinic_button.click()
    qtbot.waitUntil(lambda: len(shown) == 3)
    meetings = cm.list_meetings(app_ctx, cm.MeetingFilter(kind="研讨会诊"))
    assert len(meetings) == 2
    assert all(m.complaint_count == 2 for m in meetings)
    data_events().changed.disconnect(events.append)
