"""Issue 20's "Done when", as a user does it on the real main window: a district supervisor (督导) opens 考核 for last
year, prints the assessment sheet, issues two 督办单 from the candidate list, and the officers (承办人) pressed see
them in their 工作台 today lists; the assessment's figures are the dashboard's for the same period."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from controllers.core.context import AppContext
from controllers.core.permissions import STAFF, SUPERVISOR, SignedInUser
from controllers.dashboard.goals import goal_tiles
from controllers.demo.generator import generate_demo
from controllers.orders.records import list_orders
from models.admin import User
from ui.dashboard.page import DashboardPage
from ui.shell.app import build_main_window
from ui.shell.main_window import MainWindow
from ui.shell.pages import PAGE_KEYS
from ui.supervision.order_dialog import IssueOrderDialog
from ui.supervision.page import SupervisionPage

TODAY = date(2026, 3, 15)


def _click_page(qtbot: Any, window: MainWindow, key: str) -> Any:
    nav = window.navigation
    rect = nav.visualRect(nav.model().index(PAGE_KEYS.index(key), 0))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return window.pages[key]


def _account(ctx: AppContext, username: str, role: str, staff_id: int | None = None) -> SignedInUser:
    with ctx.db.session() as s:
        user = User(username=username, display_name=username, password_hash="x", role=role, staff_id=staff_id)
        s.add(user)
        s.flush()
        return SignedInUser(username=username, display_name=username, role=role, user_id=user.id)


def test_a_supervisor_assesses_last_year_presses_two_officers_and_they_see_it(
        shell_app: QApplication, qtbot: Any, app_ctx: AppContext, pin_clock: Any, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    pin_clock(TODAY)
    generate_demo(app_ctx, cases=600, complaints=1500, trainings=2, seed=11)
    app_ctx.sign_in(_account(app_ctx, "督导员", SUPERVISOR))
    window = build_main_window(app_ctx, persist=False)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    window.switch_view("district")  # a district supervisor looks at every street

    # 考核 for last year, opened from the sidebar: the page starts on last year.
    page = _click_page(qtbot, window, "supervision")
    assert isinstance(page, SupervisionPage) and page.wait_until_ready()
    page.tabs.setCurrentWidget(page.assessment)
    tab = page.assessment
    assert tab.year.value() == 2025 and tab.result is not None
    assert tab.result.total.tiles == goal_tiles(app_ctx, year=2025).plan_goals

    # Prints the assessment sheet.
    monkeypatch.setattr(type(tab), "get_save_path", lambda self, suggested, _f: str(tmp_path / suggested))
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    page.wait_until_ready()
    sheet = subprocess.run(["pdftotext", str(tmp_path / "年度考核_2025.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "年度考核情况表" in sheet and str(int(tab.result.total.tile("cases").actual or 0)) in sheet

    # Issues two 督办单 from the candidate list, to two different officers.
    page.tabs.setCurrentIndex(0)
    rows = page.candidate_model.rows()
    picked: list[int] = []
    for i, c in enumerate(rows):
        if c.subject == "案件" and c.addressee and c.addressee not in {rows[j].addressee for j in picked}:
            picked.append(i)
        if len(picked) == 2:
            break
    assert len(picked) == 2
    wanted = [(rows[i].subject_id, rows[i].addressee) for i in picked]

    def accept(self: SupervisionPage, dialog: QDialog) -> bool:
        assert isinstance(dialog, IssueOrderDialog)
        dialog.ok_button.click()
        assert dialog.operation is not None
        dialog.operation.wait()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(SupervisionPage, "exec_dialog", accept)
    before = {o.id for o in list_orders(app_ctx)}
    for case_id, _officer in wanted:
        line = next(i for i, c in enumerate(page.candidate_model.rows())
                    if c.subject == "案件" and c.subject_id == case_id)
        page.candidate_view.selectRow(line)
        qtbot.mouseClick(page.issue_button, Qt.MouseButton.LeftButton)
        page.wait_until_ready()
    issued = [o for o in list_orders(app_ctx) if o.id not in before]
    assert sorted((o.case_id, o.addressee) for o in issued) == sorted(wanted)
    assert all(o.status == "待办理" and o.staff_id is not None for o in issued)

    # Each officer signs in and finds their order in the today list of the 工作台 (and not the other's).
    for order in issued:
        app_ctx.sign_in(_account(app_ctx, f"officer{order.id}", STAFF, order.staff_id))
        window.user_changed()
        dashboard = _click_page(qtbot, window, "dashboard")
        assert isinstance(dashboard, DashboardPage) and dashboard.wait_until_ready()
        shown = [dashboard.work_model.row_object(r) for r in range(dashboard.work_model.rowCount())]
        orders = {getattr(x, "id", None) for x in shown if getattr(x, "kind", "") == "order"}
        assert order.id in orders and not ({o.id for o in issued} - {order.id}) & orders

    # The figures are the dashboard's: this year to date on the 考核 tab equals the 工作台's tiles.
    app_ctx.sign_in(_account(app_ctx, "督导员2", SUPERVISOR))
    window.user_changed()
    dashboard = _click_page(qtbot, window, "dashboard")
    assert dashboard.wait_until_ready()
    page = _click_page(qtbot, window, "supervision")
    page.assessment.year.setValue(2026)
    page.wait_until_ready()
    assert dashboard.snapshot is not None and page.assessment.result is not None
    assert page.assessment.result.total.tiles == dashboard.snapshot.figures.goals.plan_goals
    window.grab().save(str(Path("/tmp/s8-i20r") / "done_when_assessment.png"))
