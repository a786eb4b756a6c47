"""录入全年节假日 in 基础数据 and the 工作台 reminder (issue 18.7), clicked through as an administrator would."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from controllers.cases import workflow as wf
from controllers.core.context import AppContext
from controllers.core.workdays import ESTIMATE_NOTE, seeded_years
from controllers.reference import lists
from models.cases import CaseEvent
from tests.unit.case_fixtures import make_estate, new_case
from ui.common import background
from ui.dashboard.page import DashboardPage
from ui.reference.page import ReferenceDataPage
from ui.reference.year_dialog import YearEntryDialog

NEXT = max(seeded_years()) + 1
SHOTS = Path(os.environ.get("CALENDAR_SHOTS", "/tmp/i18-calendar"))


def _shoot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def paste(edit: Any, text: str) -> None:
    """What Ctrl+V does: the text through the clipboard (key clicks cannot type Chinese)."""
    QApplication.clipboard().setText(text)
    edit.setFocus()
    edit.paste()


def _dialog(qtbot: Any, app_ctx: AppContext) -> tuple[ReferenceDataPage, YearEntryDialog]:
    page = ReferenceDataPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    panel = page.show_kind("calendar")
    dialog = panel.enter_year()
    qtbot.addWidget(dialog)
    return page, dialog


def test_paste_a_year_preview_then_save(shell_app, qtbot: Any, app_ctx: AppContext, pin_clock) -> None:
    pin_clock(date(NEXT - 1, 12, 28))
    case = new_case(app_ctx, make_estate(app_ctx), found_date=date(NEXT - 1, 12, 25))
    for step in ("核查", "立案", "责令整改"):
        case = wf.transition(app_ctx, case.id, to=step, expected_version=case.version, reason="原因说明")
    page, dialog = _dialog(qtbot, app_ctx)
    assert dialog.year.value() == NEXT  # this year is covered: the dialog offers the first year that is not
    paste(dialog.one_list, f"{NEXT}-01-01 元旦 休\n{NEXT}-01-04 元旦 休\n{NEXT}-01-02 元旦 休")
    assert not dialog.save_button.isEnabled()  # nothing previewed yet
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.model.rowCount() == 2
    assert "节假日 2 天" in dialog.findings.toPlainText()
    assert "本来就是休息日" in dialog.findings.toPlainText()  # 2 January is a Saturday: dropped with a warning
    assert "整改期限" in dialog.findings.toPlainText()  # the deadline it will move
    assert dialog.save_button.isEnabled()
    _shoot(dialog, "year_dialog_preview.png")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None and background.running() == 0, timeout=10_000)
    assert [d.day for d in lists.list_calendar_days(app_ctx, year=NEXT)] == [date(NEXT, 1, 1), date(NEXT, 1, 4)]
    panel = page.panel("calendar")
    qtbot.waitUntil(lambda: panel.year() == NEXT and panel.model.rowCount() == 2, timeout=5_000)
    with app_ctx.db.session() as s:
        notes = [e.note for e in s.query(CaseEvent).filter(CaseEvent.case_id == case.id)]
    assert any(n and f"{NEXT}年节假日录入" in n for n in notes)


def test_a_bad_line_keeps_save_off(shell_app, qtbot: Any, app_ctx: AppContext) -> None:
    _page, dialog = _dialog(qtbot, app_ctx)
    dialog.year.setValue(NEXT)
    dialog.tabs.setCurrentIndex(1)  # two lists
    paste(dialog.holiday_list, "1月1日")
    paste(dialog.makeup_list, "1月5日")  # a weekday
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert "调休上班日期第1行：" in dialog.findings.toPlainText()  # the line of that list, as the user sees it
    assert "调休上班日应为周六或周日" in dialog.findings.toPlainText()
    assert not dialog.save_button.isEnabled()
    _shoot(dialog, "year_dialog_refused.png")
    qtbot.keyClicks(dialog.makeup_list, "9")  # an edit after the preview needs another preview
    assert dialog.preview is None


def _dashboard(qtbot: Any, ctx: AppContext) -> DashboardPage:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 728)
    page.show()
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    return page


def test_the_dashboard_reminds_in_december_not_in_june(shell_app, qtbot: Any, app_ctx: AppContext,
                                                       pin_clock) -> None:
    pin_clock(date(NEXT - 1, 6, 15))
    june = _dashboard(qtbot, app_ctx)
    assert june.calendar_banner.isHidden()

    pin_clock(date(NEXT - 1, 12, 3))
    page = _dashboard(qtbot, app_ctx)
    assert not page.calendar_banner.isHidden()
    assert f"请录入{NEXT}年的节假日" in page.calendar_text.text()
    _shoot(page, "dashboard_reminder.png")


def test_an_estimated_due_date_is_marked_in_the_today_list(shell_app, qtbot: Any, app_ctx: AppContext,
                                                           pin_clock) -> None:
    pin_clock(date(NEXT - 1, 12, 29))
    case = new_case(app_ctx, make_estate(app_ctx), found_date=date(NEXT - 1, 12, 28))
    for step in ("核查", "立案", "责令整改"):
        case = wf.transition(app_ctx, case.id, to=step, expected_version=case.version, reason="原因说明")
    pin_clock(case.deadline)  # due today: in the due-soon section
    page = _dashboard(qtbot, app_ctx)
    model = page.work_model
    cells = [(model.data(model.index(r, 1)), model.data(model.index(r, 1), Qt.ItemDataRole.ToolTipRole))
             for r in range(model.rowCount())]
    assert (f"≈{case.deadline.isoformat()}", f"≈{case.deadline.isoformat()}（{ESTIMATE_NOTE}）") in cells


def test_the_reminder_leads_to_the_calendar_panel(main_window: Any, qtbot: Any, app_ctx: AppContext,
                                                   pin_clock) -> None:
    pin_clock(date(NEXT - 1, 12, 3))
    dashboard = main_window.select_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.ready and not dashboard.calendar_banner.isHidden(), timeout=10_000)
    qtbot.mouseClick(dashboard.calendar_button, Qt.MouseButton.LeftButton)
    reference = main_window.select_page("reference")
    assert reference.current_key() == "calendar"
    assert reference.isVisible() and reference.panel("calendar").year_button.isVisible()
