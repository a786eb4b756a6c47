"""The 巡查检查 page: a morning's patrol typed from the paper sheet with keystrokes only, findings made work in
one step from the patrol window, the list, its filters, the coverage view, export and checklists."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from controllers.cases import records as cr
from controllers.core.context import AppContext
from controllers.inspections import patrols
from models.cases import Case, Referral
from models.inspections import Patrol, PatrolCheck
from models.reference import Department
from tests.unit.case_fixtures import make_staff
from tests.unit.inspection_fixtures import graded_estate, morning_patrol
from ui.case_detail.window import CaseWindow
from ui.inspections.entry_form import PatrolEntryDialog
from ui.inspections.page import InspectionsPage
from ui.inspections.patrol_window import PatrolWindow

MORNING = date(2025, 3, 10)


class Keys:
    """Types into whatever has the focus, counting keystrokes. Chinese goes in as a pinyin IME commits it: the
    letters of the pinyin plus the space that commits them count, the text arrives as one commit."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)
        self.count += len(text)

    def chinese(self, text: str, pinyin: str) -> None:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(self.focus(), event)
        self.count += len(pinyin) + 1


def type_the_morning_sheet(qtbot, dialog: PatrolEntryDialog, route: list[int]) -> Keys:
    """The paper sheet of 4 March typed into the open entry form by keyboard only, saved with Ctrl+Enter; 王队员 and
    李队员 exist, `route` is 梅岭小区, 桃源小区, 金桥苑. Returns the keys pressed (for the count)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.started)
    keys = Keys(qtbot)
    keys.type("202503040830")  # the sheet's date and time; the kind stays 分级分类检查
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    assert keys.focus() is dialog.officers.edit
    for name, pinyin in (("王", "wang"), ("李", "li")):
        keys.chinese(name, pinyin)
        keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Tab)  # the departments' box is hidden unless 联合检查
    assert keys.focus() is dialog.estates.edit
    for name, pinyin in (("梅岭", "meiling"), ("桃源", "taoyuan"), ("金桥", "jinqiao")):
        keys.chinese(name, pinyin)
        keys.press(Qt.Key.Key_Return)
    assert dialog.estates.ids() == route
    keys.press(Qt.Key.Key_Tab)
    first = dialog.checklists[route[0]].table
    assert keys.focus() is first
    # 梅岭小区: 违法搭建 on the roof, a gas pipe (not ours, C99), 物业 and 居委 met.
    for code, place, note in (("c05", ("楼顶", "louding"), ("彩钢板房", "caigangbanfang")),
                              ("c99", ("南门", "nanmen"), ("燃气管道私接", "ranqiguandaosijie"))):
        keys.type(code)
        keys.press(Qt.Key.Key_F)
        keys.chinese(*place)
        keys.press(Qt.Key.Key_Tab)
        keys.chinese(*note)
        keys.press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: first.state() != first.State.EditingState)
    keys.press(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    keys.press(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    # 桃源小区: bicycles in the hall; 金桥苑: no rubbish chute (不适用), all else 正常.
    keys.press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    second = dialog.checklists[route[1]].table
    assert keys.focus() is second
    keys.type("c12")
    keys.press(Qt.Key.Key_F)
    keys.chinese("3号楼门厅", "sanhaoloumenting")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: second.state() != second.State.EditingState)
    keys.press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    keys.type("c07")
    keys.press(Qt.Key.Key_B)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result() == PatrolEntryDialog.DialogCode.Accepted)
    return keys


@pytest.fixture
def route(app_ctx: AppContext, pin_clock) -> list[int]:
    pin_clock(MORNING)
    return [graded_estate(app_ctx, "梅岭小区", "A"), graded_estate(app_ctx, "桃源小区", "B"),
            graded_estate(app_ctx, "金桥苑", "C")]


def test_morning_patrol_from_the_paper_sheet_by_keystrokes_only(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                                route: list[int]) -> None:
    wang, li = make_staff(app_ctx, "王队员"), make_staff(app_ctx, "李队员")
    page = InspectionsPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.patrol_stack.is_empty_shown()
    dialog = PatrolEntryDialog(app_ctx, page)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.started)
    keys = type_the_morning_sheet(qtbot, dialog, route)
    # The whole sheet in 144 keystrokes: 97 of them pinyin for the Chinese words, 47 to move, mark and save.
    assert keys.count == 144, keys.count
    assert dialog.saved is not None
    saved = patrols.get_patrol(app_ctx, dialog.saved.id)
    assert (saved.started_at, saved.kind, saved.officer_ids) == (datetime(2025, 3, 4, 8, 30), "分级分类检查",
                                                                 (wang, li))
    assert [v.estate_id for v in saved.visits] == route
    assert saved.visits[0].met == ("物业", "居委") and saved.visits[1].met == ()
    found = [(v.estate, c.category_code, c.place, c.note) for v in saved.visits for c in v.checks
             if c.result == "发现问题"]
    assert found == [("梅岭小区", "C05", "楼顶", "彩钢板房"), ("梅岭小区", "C99", "南门", "燃气管道私接"),
                     ("桃源小区", "C12", "3号楼门厅", None)]
    assert {c.category_code: c.result for c in saved.visits[2].checks}["C07"] == "不适用"
    assert all(len(v.checks) == len(saved.visits[0].checks) for v in saved.visits)  # every line stored
    qtbot.waitUntil(lambda: page.patrol_model.rowCount() == 1)  # the page refreshed on the change notice
    assert page.patrol_model.row_at(0).findings == 3


def test_a_refused_patrol_shows_the_reason_and_writes_nothing(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                              route: list[int]) -> None:
    dialog = PatrolEntryDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.estates.edit.setText("梅岭")
    dialog.estates.add_typed()
    operation = dialog.save()  # no officer chosen
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running)
    assert dialog.error.isVisible() and "队员" in dialog.error.text()
    with app_ctx.db.session() as s:
        assert s.scalar(select(Patrol.id)) is None
    dialog.estates.edit.setText("小区")  # two estates contain it: nothing is guessed
    dialog.estates.add_typed()
    assert dialog.estates.ids() == [route[0]] and dialog.estates.error.isVisible()


def _wait(qtbot, operation) -> None:
    assert operation is not None
    qtbot.waitUntil(lambda: not operation.running)


def test_findings_become_a_case_a_referral_and_fixed_on_the_spot(shell_app: QApplication, qtbot,
                                                                  app_ctx: AppContext, route: list[int]) -> None:
    patrol = morning_patrol(app_ctx, route)
    window = PatrolWindow(app_ctx, patrol.id)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 3
    assert all(window.model.row_at(i)[1].outcome is None for i in range(3))
    window.view.selectRow(0)  # C05 on the roof
    assert window.case_button.isDefault()
    _wait(qtbot, window.to_case())
    window.select(window.model.row_at(1)[1].id)  # C99: not ours
    assert window.referral_button.isDefault()
    with app_ctx.db.session() as s:
        department = s.scalar(select(Department.id).order_by(Department.id))
    _wait(qtbot, window.to_referral(department))
    window.view.selectRow(2)
    _wait(qtbot, window.to_fixed())
    became = [window.model.data(window.model.index(i, window.model.COL_BECAME)) for i in range(3)]
    with app_ctx.db.session() as s:
        lines = {c.category.code: c for c in s.scalars(select(PatrolCheck).where(PatrolCheck.result == "发现问题"))}
        case = s.get(Case, lines["C05"].case_id)
        referred = s.get(Case, lines["C99"].case_id)
        referral = s.get(Referral, lines["C99"].referral_id)
        assert (case.source, case.estate_id, case.place) == ("巡查发现", route[0], "5号楼顶")
        assert (referred.status, referral.department_id) == ("移交", department)
        assert lines["C12"].outcome == "当场劝阻整改" and lines["C12"].case_id is None
        numbers = (case.number, referred.number)
    assert became == [f"立案 · {numbers[0]}", f"移交 · {numbers[1]}", "当场劝阻整改"]
    assert not window.case_button.isEnabled()  # done once: no second case for the same finding
    window.view.selectRow(0)
    window.open_case()
    case_window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CaseWindow))
    qtbot.addWidget(case_window)
    assert f"巡查记录 #{patrol.id}" in case_window.summary.text()
    assert cr.get_case(app_ctx, case_window.case_id).number == numbers[0]


def test_the_page_lists_filters_covers_exports_and_prints(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                          route: list[int], tmp_path: Path) -> None:
    officer = morning_patrol(app_ctx, route).officer_ids[0]
    morning_patrol(app_ctx, route[:1], at=datetime(2025, 3, 7, 20, 0), kind="夜间巡查", officer=officer)
    page = InspectionsPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 728)
    page.show()
    assert page.patrol_model.rowCount() == 2
    assert page.count_label.text() == "共 2 次巡查"
    page.filters.kind.setCurrentIndex(page.filters.kind.findText("夜间巡查"))
    assert [r.kind for r in page.patrol_model.rows()] == ["夜间巡查"]
    page.filters.set_date(page.filters.first, date(2025, 3, 8))
    assert page.patrol_stack.is_empty_shown()
    page.filters.clear()
    assert page.patrol_model.rowCount() == 2
    page.tabs.setCurrentIndex(1)
    rows = {r.estate: r.counts for r in page.coverage_model.rows()}
    assert rows["梅岭小区"].done == 1 and rows["金桥苑"].done == 1  # the night round is no inspection
    assert page.totals_label.text().startswith("3 个小区")
    page.coverage_view.selectAll()
    out = tmp_path / "checklists.pdf"
    _wait(qtbot, page.print_to(page.chosen_estates(), str(out)))
    assert out.read_bytes().startswith(b"%PDF")
    page.tabs.setCurrentIndex(0)
    xlsx = tmp_path / "patrols.xlsx"
    _wait(qtbot, page.export_to(str(xlsx)))
    sheet = load_workbook(xlsx).active
    assert sum(1 for row in sheet.iter_rows(values_only=True) if row and row[2] in ("分级分类检查", "夜间巡查")) == 2


def test_the_dashboard_tile_and_the_estates_behind_open_the_inspections_page(
        shell_app: QApplication, qtbot, app_ctx: AppContext, route: list[int]) -> None:
    from ui.dashboard.page import DashboardPage

    morning_patrol(app_ctx, route[1:], at=datetime(2025, 1, 10, 9, 0))  # 梅岭小区 (A, monthly) never inspected
    dashboard = DashboardPage(app_ctx)
    qtbot.addWidget(dashboard)
    dashboard.resize(1366, 728)
    dashboard.show()
    assert dashboard.wait_until_ready()
    tile = dashboard.inspection_tile
    report = dashboard.snapshot.work.inspections
    assert tile.actual.text() == str(report.totals.done) and report.totals.overdue >= 2
    assert tile.overdue.text() == f"逾期 {report.totals.overdue} · 1 个小区"
    section = dashboard.snapshot.work.section("inspections")
    assert [i.id for i in section.items] == [route[0]]
    asked: list[tuple[str, object]] = []
    dashboard.listRequested.connect(lambda key, f: asked.append((key, f)))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    dashboard.open_item(section.items[0])
    assert asked[0] == ("inspections", report.period)
    page = InspectionsPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    page.apply_filter(asked[0][1])  # type: ignore[arg-type]
    assert page.tabs.currentIndex() == 1 and page.period.currentText() == "2025年第一季度"
    page.apply_filter(asked[1][1])  # type: ignore[arg-type]
    assert page.tabs.currentIndex() == 0 and page.patrol_model.rowCount() == 0  # 梅岭小区 has none
