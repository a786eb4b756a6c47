"""督查督办 page: a supervisor issues a 督办单 from the candidate list through the dialog, the officer pressed sees it
on the 工作台 today list and answers it, the supervisor closes it and prints the notice; the page reads and saves
off the GUI thread and hides what the role may not do."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from controllers.core.context import AppContext
from controllers.core.permissions import REP, STAFF, SUPERVISOR, SignedInUser
from controllers.dashboard.goals import goal_tiles
from controllers.dashboard.today import today_work
from controllers.demo.generator import generate_demo
from controllers.orders.records import list_orders
from models.admin import User
from tests.unit.case_fixtures import make_estate, make_staff, new_case
from ui.accounts.guard import guard_page
from ui.case_detail.window import CaseWindow
from ui.common import background
from ui.supervision.order_dialog import IssueOrderDialog
from ui.supervision.page import SupervisionPage

FOUND = date(2025, 3, 5)
TODAY = date(2025, 4, 30)
SHOTS = Path("/tmp/i20-supervision")


def _sign_in(ctx: AppContext, role: str, *, staff_id: int | None = None) -> None:
    user_id = None
    if staff_id is not None:  # a staff account linked to the person pressed
        with ctx.db.session() as s:
            user = User(username="wang", display_name="王明", password_hash="x", role=role, staff_id=staff_id)
            s.add(user)
            s.flush()
            user_id = user.id
    ctx.sign_in(SignedInUser(username=f"u-{role}", display_name=f"{role}甲", role=role, user_id=user_id))


def _page(ctx: AppContext, qtbot: Any) -> SupervisionPage:
    page = SupervisionPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 640)
    page.show()
    _settle(page)
    return page


def _settle(page: SupervisionPage) -> None:
    """Wait for the page's reads and saves, and the re-reads a save's change notice starts (the notice is queued
    behind the save's end: events are processed before each look)."""
    background.wait_all()  # every worker thread has ended: their results and notices are queued here now
    QApplication.processEvents()
    while page.busy():
        next(op for op in [*page.operations, *page.assessment.operations] if op.running).wait()
        background.wait_all()
        QApplication.processEvents()


@pytest.fixture
def stale_case(app_ctx: AppContext, pin_clock: Any) -> tuple[int, int]:
    pin_clock(FOUND)
    officer = make_staff(app_ctx, "王明")
    case = new_case(app_ctx, make_estate(app_ctx), officer_id=officer)
    pin_clock(TODAY)
    return case.id, officer


def test_issue_from_candidates_answer_close_and_print(shell_app: QApplication, qtbot: Any, app_ctx: AppContext,
                                                     stale_case: tuple[int, int], monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    case_id, officer = stale_case
    _sign_in(app_ctx, SUPERVISOR)
    page = _page(app_ctx, qtbot)
    rows = page.candidate_model.rows()
    line = next(i for i, c in enumerate(rows) if c.subject == "案件" and c.subject_id == case_id)
    assert rows[line].rule == "stale_case" and page.rule_filter.count() == 1 + 8
    assert not page.issue_button.isEnabled()
    page.candidate_view.selectRow(line)
    assert page.issue_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    page.grab().save(str(SHOTS / "candidates.png"))

    def fill(self: SupervisionPage, dialog: QDialog) -> bool:
        assert isinstance(dialog, IssueOrderDialog)
        assert dialog.reason.currentData() == "慢作为" and "无进展" in dialog.reason_text.toPlainText()
        dialog.days.setValue(3)
        dialog.grab().save(str(SHOTS / "issue_dialog.png"))
        dialog.ok_button.click()
        assert dialog.operation is not None
        dialog.operation.wait()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(SupervisionPage, "exec_dialog", fill)
    page.issue_selected()
    _settle(page)
    [order] = list_orders(app_ctx)
    assert (order.case_id, order.staff_id, order.addressee, order.working_days) == (case_id, officer, "王明", 3)
    assert order.number_text in page.status.text()
    assert all(c.subject_id != case_id for c in page.candidate_model.rows() if c.subject == "案件")
    assert [r.id for r in page.order_model.rows()] == [order.id]

    # The case window shows the order on its own tab (and the issue note on its timeline).
    window = CaseWindow(app_ctx, case_id)
    qtbot.addWidget(window)
    assert [r.id for r in window.orders.rows()] == [order.id]
    assert window.tabs.tabText(window.tabs.indexOf(window.orders_view)) == "督办单（1 件未办结）"
    assert any(order.number_text in window.timeline.topLevelItem(i).text(3)
               for i in range(window.timeline.topLevelItemCount()))

    # The officer pressed sees it on the today list and answers it on the page.
    _sign_in(app_ctx, STAFF, staff_id=officer)
    section = today_work(app_ctx).section("orders")
    assert [(i.kind, i.id) for i in section.items] == [("order", order.id)] and section.total == 1
    page.show_order(order.id)
    assert page.answer_button.isEnabled() and not page.close_order_button.isEnabled()
    monkeypatch.setattr(SupervisionPage, "ask_text", lambda self, title, label: "已约谈业主，限期拆除")
    page.answer_selected()
    _settle(page)
    assert list_orders(app_ctx)[0].status == "已答复"

    # The supervisor closes it and prints the notice.
    _sign_in(app_ctx, SUPERVISOR)
    page.show_order(order.id)
    assert page.close_order_button.isEnabled()
    page.grab().save(str(SHOTS / "orders.png"))
    page.close_selected()
    _settle(page)
    assert list_orders(app_ctx)[0].status == "已办结"
    assert page.order_model.rowCount() == 0  # the open list no longer shows it
    page.order_filter.setCurrentIndex(1)
    _settle(page)
    page.show_order(order.id)
    monkeypatch.setattr(SupervisionPage, "get_save_path", lambda self, suggested: str(tmp_path / "notice"))
    page.print_selected()
    _settle(page)
    assert (tmp_path / "notice.pdf").read_bytes().startswith(b"%PDF")
    assert "notice.pdf" in page.status.text()


def test_a_refused_order_stays_in_the_dialog_and_writes_nothing(shell_app: QApplication, qtbot: Any,
                                                                  app_ctx: AppContext,
                                                                  stale_case: tuple[int, int]) -> None:
    case_id, _officer = stale_case
    dialog = IssueOrderDialog(app_ctx, subject="案件", subject_id=case_id, label="案件", why="")
    qtbot.addWidget(dialog)
    dialog.ok_button.click()
    assert dialog.operation is not None
    dialog.operation.wait()
    assert dialog.saved is None and "请填写督办事由说明" in dialog.error.text()
    assert list_orders(app_ctx) == []


def test_roles_see_only_the_buttons_they_may_use(shell_app: QApplication, qtbot: Any, app_ctx: AppContext,
                                                 stale_case: tuple[int, int]) -> None:
    _sign_in(app_ctx, STAFF)
    page = _page(app_ctx, qtbot)
    hidden = guard_page(app_ctx, "supervision", page)
    assert page.issue_button in hidden and page.close_order_button in hidden and page.answer_button not in hidden
    _sign_in(app_ctx, SUPERVISOR)
    page = _page(app_ctx, qtbot)
    hidden = guard_page(app_ctx, "supervision", page)
    assert page.answer_button in hidden and page.issue_button not in hidden and page.print_button not in hidden
    _sign_in(app_ctx, REP)
    from ui.accounts.guard import may_open

    assert not may_open(app_ctx, "supervision")


def test_assessment_tab_shows_the_dashboards_figures_and_writes_both_files(
        shell_app: QApplication, qtbot: Any, app_ctx: AppContext, pin_clock: Any, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    pin_clock(date(2026, 3, 15))
    generate_demo(app_ctx, cases=300, complaints=600, trainings=2, seed=7)
    _sign_in(app_ctx, SUPERVISOR)
    page = _page(app_ctx, qtbot)
    page.tabs.setCurrentWidget(page.assessment)
    tab = page.assessment
    assert tab.year.value() == 2025 and tab.result is not None
    total = tab.streets.rows()[0]
    assert total.tiles == goal_tiles(app_ctx, year=2025).plan_goals
    cases = tab.streets.data(tab.streets.index(0, 4))
    assert cases.startswith(str(int(total.tile("cases").actual or 0)))
    tab.part.setCurrentIndex(3)
    assert tab.officers.rowCount() > 0
    page.grab().save(str(SHOTS / "assessment_officers.png"))
    tab.part.setCurrentIndex(0)
    page.grab().save(str(SHOTS / "assessment_streets.png"))
    monkeypatch.setattr(type(tab), "get_save_path", lambda self, suggested, _f: str(tmp_path / suggested))
    tab.export_sheet()
    tab.print_sheet()
    _settle(page)
    assert (tmp_path / "年度考核_2025.xlsx").stat().st_size > 0
    assert (tmp_path / "年度考核_2025.pdf").read_bytes().startswith(b"%PDF")
    # 通报 for the regular meeting: the fourth quarter of the year shown, by its own button.
    tab.notice_period.setCurrentIndex(tab.notice_period.findText("第 4 季度"))
    qtbot.mouseClick(tab.notice_button, Qt.MouseButton.LeftButton)
    _settle(page)
    notice = tmp_path / "工作通报_2025年第四季度.pdf"
    text = subprocess.run(["pdftotext", str(notice), "-"], capture_output=True, text=True, check=True).stdout
    assert "2025年第四季度工作通报" in text and "工作通报" in tab.status.text()
    hidden = guard_page(app_ctx, "supervision", page)
    assert tab.export_button not in hidden and tab.print_button not in hidden and tab.notice_button not in hidden


def test_warnings_tab_sends_a_flag_to_a_case_clinic_and_the_dashboard_lists_it(
        shell_app: QApplication, qtbot: Any, app_ctx: AppContext, pin_clock: Any) -> None:
    from controllers.meetings import records as meetings
    from controllers.supervision.warnings import early_warnings
    from tests.unit.case_fixtures import category_id
    from tests.unit.test_supervision_warnings import TODAY, _complaints
    from ui.dashboard.worker import compute

    pin_clock(TODAY)
    cat = category_id(app_ctx, "C05")
    estate = make_estate(app_ctx, "甲小区")
    _complaints(app_ctx, estate, cat, 6, TODAY)
    page = _page(app_ctx, qtbot)
    page.show_warnings()
    assert [r.label for r in page.warning_model.rows()] == [w.label for w in early_warnings(app_ctx).estates]
    assert page.warning_model.rowCount() == 1 and not page.clinic_button.isEnabled()
    page.warning_view.selectRow(0)
    page.grab().save(str(SHOTS / "warnings.png"))
    page.send_selected_to_clinic()
    _settle(page)
    [meeting] = meetings.list_meetings(app_ctx, meetings.MeetingFilter())
    assert meeting.kind == "研讨会诊" and "甲小区" in page.status.text()
    section = compute(app_ctx).work.section("warnings")
    assert section.total == 1 and section.items[0].kind == "warning" and "甲小区" in section.items[0].label


def test_wait_until_ready_shows_the_demos_orders_candidates_and_warnings(
        shell_app: QApplication, qtbot: Any, app_ctx: AppContext, pin_clock: Any) -> None:
    """What the screenshot command waits for: every list read and shown (the demo's 督办单 and 苗头 included)."""
    pin_clock(date(2026, 3, 15))
    generate_demo(app_ctx, cases=300, complaints=600, trainings=2, seed=7)
    page = SupervisionPage(app_ctx)
    qtbot.addWidget(page)
    assert page.busy()  # the reads run in the background
    assert page.wait_until_ready() and not page.busy()
    assert page.candidate_model.rowCount() > 0 and page.order_model.rowCount() > 0
    assert page.warning_model.rowCount() > 0 and page.assessment.result is not None
