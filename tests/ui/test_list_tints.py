"""Every list that marks a row or a cell (overdue, not met, refused, changed) shows it under the real theme, whose
stylesheet paints every cell's text in its own colour: the mark is the house's warning tint (ui.common.tints),
checked on the pixels each screen's own view draws, next to an unmarked line drawn plain. And no list colours its
text instead (a colour nobody would see)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStackedWidget, QTabWidget, QWidget

from controllers.core.context import AppContext
from controllers.dashboard.goals import GoalTile
from controllers.dashboard.today import TodayWork, WorkItem, WorkSection
from controllers.meetings.meeting_mode import ScopeChoice
from controllers.reference.sheet_import import RowOutcome
from controllers.storage import attachments as att
from controllers.supervision.warnings import Widespread
from tests.unit.case_fixtures import make_estate, new_case
from tests.unit.test_attachments import tiny_png
from ui.case_detail.window import CaseWindow
from ui.common import background
from ui.dashboard.page import DashboardPage
from ui.inspections.page import InspectionsPage
from ui.meeting_mode.window import MeetingModeWindow
from ui.meetings.page import MeetingsPage
from ui.reference.import_dialog import ReferenceImportDialog
from ui.supervision.models import TILE_KEYS, UnitGoals
from ui.supervision.page import SupervisionPage

SHOTS = Path("/tmp/s8-polish")
UI = Path(__file__).resolve().parents[2] / "ui"
DAY = date(2025, 3, 10)


@dataclass
class Shown:
    """A screen showing one marked and one plain line: the view, the column whose cells are marked, each line's
    text in its `key` column (how the test finds the line, whatever the view's sorting)."""

    widget: QWidget
    view: QAbstractItemView
    column: int
    marked: str
    plain: str
    fill: Callable[[], object]  # puts the two lines in, once the screen's own first load is in
    key: int = 0


def _order(number: str, overdue: bool) -> SimpleNamespace:
    return SimpleNamespace(number_text=number, subject_label="2025-长征-0001", reason="慢作为",
                           reason_text="逾期未整改", addressee="张三", deadline=date(2025, 3, 1), deadline_note="",
                           status="办理中", answer="", overdue=overdue, history=())


def _supervision_orders(ctx: AppContext) -> Shown:
    page = SupervisionPage(ctx)
    rows = [_order("督办〔2025〕1号", True), _order("督办〔2025〕2号", False)]
    return Shown(page, page.order_view, page.order_model.COL_DEADLINE, "督办〔2025〕1号", "督办〔2025〕2号",
                 lambda: page.order_model.set_rows(rows))


def _supervision_warnings(ctx: AppContext) -> Shown:
    page = SupervisionPage(ctx)
    widespread = Widespread(1, "乱张贴", ("梅川小区", "桃源小区"), (), "三个小区同时上升")
    single = SimpleNamespace(label="梅川小区 · 乱张贴 · 诉件上升", recent=4, why="近4周 4 件", warnings=())
    return Shown(page, page.warning_view, 0, widespread.label, single.label,
                 lambda: page.warning_model.set_rows([widespread, single]))


def _unit(name: str, closure: float) -> UnitGoals:
    tiles = tuple(GoalTile(key, closure if key == "closure" else 1.0, None, 90.0 if key == "closure" else None,
                           "%", False) for key in TILE_KEYS)
    return UnitGoals(name, "", tiles)


def _assessment_goals(ctx: AppContext) -> Shown:
    page = SupervisionPage(ctx)
    view = page.assessment.stack.widget(0)
    assert isinstance(view, QAbstractItemView)
    return Shown(page, view, 2 + TILE_KEYS.index("closure"), "长征镇", "真如镇",
                 lambda: page.assessment.streets.set_rows([_unit("长征镇", 50.0), _unit("真如镇", 95.0)]))


def _meetings(ctx: AppContext) -> Shown:
    page = MeetingsPage(ctx)
    rows = [SimpleNamespace(held_on=date(2025, 3, d), kind="例会", title=title, departments="城管", case_count=1,
                            complaint_count=0, open_actions=2, overdue_actions=late)
            for d, title, late in ((3, "三月例会", 1), (4, "专题会", 0))]
    return Shown(page, page.view, page.model.COL_OPEN, "三月例会", "专题会", lambda: page.model.set_rows(rows),
                 page.model.COL_TITLE)


def _meeting_actions(ctx: AppContext) -> Shown:
    page = MeetingsPage(ctx)
    rows = [SimpleNamespace(due=date(2025, 3, 1), overdue=late, description=what, owner="李四",
                            meeting_held_on=date(2025, 2, 20), meeting_title="二月例会")
            for what, late in (("清理楼道堆物", True), ("补装围挡", False))]
    return Shown(page, page.action_view, page.action_model.COL_DESCRIPTION, "清理楼道堆物", "补装围挡",
                 lambda: page.action_model.set_rows(rows), page.action_model.COL_DESCRIPTION)


def _coverage(ctx: AppContext) -> Shown:
    page = InspectionsPage(ctx)
    rows = [SimpleNamespace(estate=name, street="长征镇", grade="A", due_note="",
                            counts=SimpleNamespace(due=3, done=3 - late, overdue=late))
            for name, late in (("梅川小区", 2), ("桃源小区", 0))]
    return Shown(page, page.coverage_view, page.coverage_model.COL_ESTATE, "梅川小区", "桃源小区",
                 lambda: page.coverage_model.set_rows(rows))


def _work_list(ctx: AppContext) -> Shown:
    page = DashboardPage(ctx)
    late = WorkItem("case", 1, "2025-长征-0001 违法搭建", date(2025, 3, 1), True)
    soon = WorkItem("case", 2, "2025-长征-0002 乱张贴", date(2025, 3, 12), False)
    work = TodayWork(DAY, (WorkSection("overdue", 1, 1, (late,)), WorkSection("due_soon", 1, 0, (soon,))))
    return Shown(page, page.work_view, page.work_model.COL_DUE, "2025-03-01", "2025-03-12",
                 lambda: page.work_model.set_work(work), page.work_model.COL_DUE)


def _meeting_mode(ctx: AppContext) -> Shown:
    window = MeetingModeWindow(ctx, ScopeChoice("estate", "梅川小区", (make_estate(ctx),)))
    rows = [SimpleNamespace(number=number, category="C05 违法搭建", estate="梅川小区", place="5号楼", status="整改中",
                            deadline=date(2025, 3, 1), overdue=late)
            for number, late in (("2025-长征-0001", True), ("2025-长征-0002", False))]
    return Shown(window, window.case_table, 0, "2025-长征-0001", "2025-长征-0002",
                 lambda: window.case_model.set_rows(rows))


def _reference_import(ctx: AppContext) -> Shown:
    dialog = ReferenceImportDialog(ctx)
    rows = [RowOutcome("小区", 2, "estates", "梅川小区", "error", "缺少街镇"),
            RowOutcome("小区", 3, "estates", "桃源小区", "new")]
    return Shown(dialog, dialog.view, dialog.model.COL_NAME, "梅川小区", "桃源小区",
                 lambda: dialog.model.set_rows(rows), dialog.model.COL_NAME)


def _case_orders(ctx: AppContext) -> Shown:
    window = CaseWindow(ctx, new_case(ctx).id)
    rows = [_order("督办〔2025〕1号", True), _order("督办〔2025〕2号", False)]
    return Shown(window, window.orders_view, window.orders.COL_DEADLINE, "督办〔2025〕1号", "督办〔2025〕2号",
                 lambda: window.orders.set_rows(rows))


def _referral(department: str, overdue: bool) -> SimpleNamespace:
    return SimpleNamespace(id=1, department_name=department, referred_on=date(2025, 2, 1), letter_no="转〔2025〕1号",
                           reason="", reply_due=date(2025, 3, 1), reply_due_note="", status="待回复",
                           received_on=None, reply=None, overdue=overdue)


def _case_referrals(ctx: AppContext) -> Shown:
    case = new_case(ctx)
    window = CaseWindow(ctx, case.id)
    referrals = (_referral("房管办", True), _referral("绿化市容所", False))
    return Shown(window, window.referrals.tree, 0, "房管办", "绿化市容所",
                 lambda: window.referrals.show_referrals(case.id, referrals, DAY))


def _case_evidence(ctx: AppContext, tmp_path: Path) -> Shown:
    case = new_case(ctx)
    photo = tmp_path / "roof.png"
    photo.write_bytes(tiny_png((10, 200, 10)))
    kept = att.store_attachment(ctx, source_path=photo, owner="case", owner_id=case.id, kind="照片")
    photo.write_bytes(tiny_png((200, 10, 10)))
    gone = att.store_attachment(ctx, source_path=photo, owner="case", owner_id=case.id, kind="照片")
    att.stored_path(ctx, gone.sha256).unlink()  # the stored copy went missing
    window = CaseWindow(ctx, case.id)
    marked = window.evidence.tr("Changed or missing!") + f" {gone.filename}"
    return Shown(window, window.evidence.list, 0, marked, f"{kept.kind} {kept.filename}",
                 lambda: window.evidence.show_attachments(case.id, (gone, kept)))


SCREENS: dict[str, Callable[..., Shown]] = {
    "supervision_orders": _supervision_orders, "supervision_warnings": _supervision_warnings,
    "assessment_goals": _assessment_goals, "meetings": _meetings, "meeting_actions": _meeting_actions,
    "inspection_coverage": _coverage, "dashboard_work_list": _work_list, "meeting_mode_cases": _meeting_mode,
    "reference_import": _reference_import, "case_orders": _case_orders, "case_referrals": _case_referrals,
    "case_evidence": _case_evidence,
}


def _reddish(image: QImage, view: QAbstractItemView, index: QModelIndex) -> bool:
    """The drawn colour a few pixels inside the cell's right edge, away from its text: red well above the rest."""
    rect = view.visualRect(index)
    corner = view.viewport().mapTo(view.window(), rect.topRight())
    c = QColor(image.pixel(corner.x() - 3, corner.y() + 3))
    return c.red() - max(c.green(), c.blue()) > 25


def _bring_forward(view: QWidget) -> None:
    """Show the tab or stacked page the view is on, and the pages that one is on."""
    child = view
    while (parent := child.parentWidget()) is not None:
        if isinstance(parent, QStackedWidget):
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child = parent


def _cell(view: QAbstractItemView, shown: Shown, text: str) -> QModelIndex:
    """The marked column's cell of the line whose key column shows `text`."""
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, shown.key).data(Qt.ItemDataRole.DisplayRole) == text:
            return model.index(row, shown.column)
    raise AssertionError(f"{text} is not shown")


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_marked_line_is_tinted_under_the_theme(shell_app: QApplication, qtbot, app_ctx: AppContext, pin_clock,
                                                 tmp_path: Path, screen: str) -> None:
    pin_clock(DAY)
    make = SCREENS[screen]
    qtbot.waitUntil(lambda: background.running() == 0)
    shown = make(app_ctx, tmp_path) if screen == "case_evidence" else make(app_ctx)
    qtbot.addWidget(shown.widget)
    shown.widget.resize(1366, 700)
    shown.widget.show()
    _bring_forward(shown.view)
    qtbot.waitUntil(lambda: background.running() == 0)  # the screen's own loads are in before the rows
    shown.fill()
    _bring_forward(shown.view)  # over an empty list's next steps
    shown.view.clearSelection()  # the selection's own colour would cover the tint
    image = shown.widget.window().grab().toImage()
    SHOTS.mkdir(parents=True, exist_ok=True)
    image.save(str(SHOTS / f"tint_{screen}.png"))
    marked, plain = (_cell(shown.view, shown, t) for t in (shown.marked, shown.plain))
    assert _reddish(image, shown.view, marked), "the marked line does not stand out"
    assert not _reddish(image, shown.view, plain), "an unmarked line is tinted too"


TEXT_COLOUR = re.compile(r"ForegroundRole|setForeground\(|def foreground\(|color:\s*none")
# The patrol checklist colours its result text and also tints the whole line (tints.WARNING_TINT); that is all.
ALLOWED = {"inspections/checklist_table.py", "common/tints.py"}  # tints.py: its docstring names them


def test_no_list_colours_its_text_instead_of_a_tint() -> None:
    offenders = sorted(str(p.relative_to(UI)) for p in UI.rglob("*.py")
                       if TEXT_COLOUR.search(p.read_text(encoding="utf-8")) and str(p.relative_to(UI)) not in ALLOWED)
    assert offenders == []


def test_every_screen_of_the_app_that_tints_is_in_the_pixel_test() -> None:
    """A new list that tints rows joins SCREENS: every module that calls paint_tints is one of theirs."""
    painting = sorted(str(p.relative_to(UI)) for p in UI.rglob("*.py")
                      if "paint_tints(" in p.read_text(encoding="utf-8") and p.name != "tints.py")
    covered = ["case_detail/evidence.py", "case_detail/referrals.py", "case_detail/window.py", "dashboard/page.py",
               "inspections/page.py", "meeting_mode/window.py", "meetings/page.py", "reference/import_dialog.py",
               "supervision/assessment_tab.py", "supervision/page.py"]
    assert painting == covered
