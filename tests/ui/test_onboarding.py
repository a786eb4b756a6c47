"""A first start that leads somewhere: the 开始使用 guide clicked through on a fresh data dir, its skips and its
reopening from 设置, every empty page's next step, 新建案件 with no estates, and the demo data's mark."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWizard

from controllers.core.context import AppContext
from controllers.demo.mark import DEMO_MARK_KEY
from controllers.reference import people
from controllers.station import area as station
from controllers.station import settings as station_settings
from controllers.station import setup_guide
from models.admin import Setting
from tests.unit.case_fixtures import make_estate
from tests.unit.reference_sheet_kit import district_sheet
from ui.accounts import dialogs as account_dialogs
from ui.case_detail.new_dialog import NewCaseDialog
from ui.common import background
from ui.common.events import Change, notify
from ui.onboarding.guide import SetupGuide, offer_at_first_start, open_guide
from ui.reference.import_dialog import ReferenceImportDialog
from ui.shell.app import build_main_window
from ui.shell.main_window import MainWindow

SHOTS = Path("/tmp/i18-firststart")


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_step(qtbot, guide: SetupGuide) -> None:
    click(qtbot, guide.button(QWizard.WizardButton.NextButton))


def shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def guides(window: MainWindow) -> list[SetupGuide]:
    return [g for g in window.findChildren(SetupGuide) if g.isVisible()]


def test_the_guide_walks_a_fresh_station_through_every_step(main_window: MainWindow, qtbot, app_ctx: AppContext,
                                                            tmp_path: Path) -> None:
    guide = offer_at_first_start(app_ctx, main_window)
    assert guide is not None and guide.windowTitle() == "开始使用"
    qtbot.addWidget(guide)
    guide.name_step.name_edit.setText("长寿路城管社区工作室")
    shot(guide, "guide-1-name")
    next_step(qtbot, guide)
    assert guide.currentPage() is guide.area_step
    assert station_settings.get_station_name(app_ctx) == "长寿路城管社区工作室"
    assert "长寿路城管社区工作室" in main_window.station_label.text()  # the status bar follows at once

    combo = guide.area_step.panel.street_combo
    combo.setCurrentIndex(combo.findText("长征镇"))
    shot(guide, "guide-2-area")
    next_step(qtbot, guide)
    assert guide.currentPage() is guide.estates_step
    assert station.get_station_area(app_ctx).street == "长征镇"

    assert guide.estates_step.model.rowCount() == 0
    make_estate(app_ctx, "梅川小区")  # entered meanwhile (基础数据, an import): the list follows the notice
    notify(Change.REFERENCE)
    assert guide.estates_step.model.rowCount() == 1
    # 从 Excel 导入…: the district's own sheet through the 基础数据 import dialog, previewed, then imported; the
    # step's list follows.
    sheet = district_sheet(tmp_path / "长征镇小区.xlsx")
    imported: list[ReferenceImportDialog] = []

    def clerk(dialog: QDialog) -> bool:
        assert isinstance(dialog, ReferenceImportDialog)
        imported.append(dialog)
        dialog.ask_open_path = lambda: str(sheet)  # type: ignore[method-assign]
        dialog.choose_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.imported is not None, timeout=20000)
        return True

    guide.estates_step.exec_dialog = clerk  # type: ignore[method-assign]
    click(qtbot, guide.estates_step.import_button)
    assert len(imported) == 1 and imported[0].imported is not None
    assert not imported[0].imported.errors
    qtbot.waitUntil(lambda: guide.estates_step.model.rowCount() == 4)  # 梅川小区 and the sheet's three
    click(qtbot, guide.estates_step.reference_button)
    assert main_window.current_page_key() == "reference"
    shot(guide, "guide-3-estates")
    next_step(qtbot, guide)
    assert guide.currentPage() is guide.staff_step

    # Typed as a clerk types (Chinese arrives committed by the input method: QTest cannot type it), then Enter in
    # the position field: it adds the person and stays on the step.
    guide.staff_step.name_edit.insert("王强")
    guide.staff_step.position_edit.insert("队员")
    qtbot.keyClick(guide.staff_step.position_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guide.staff_step.model.rowCount() == 1)
    assert guide.currentPage() is guide.staff_step
    assert [(s.name, s.position) for s in people.list_staff(app_ctx)] == [("王强", "队员")]
    assert guide.staff_step.message.text() == "已添加 王强。"
    shot(guide, "guide-4-staff")
    # A second name typed but not added when 保存并继续 is pressed is added, not dropped.
    guide.staff_step.name_edit.insert("李娜")
    next_step(qtbot, guide)
    assert guide.currentPage() is guide.done_step
    assert sorted(s.name for s in people.list_staff(app_ctx)) == sorted(["王强", "李娜"])
    summary = guide.done_step.summary.text()  # the station's own estates: 梅川小区 and the sheet's two in 长征镇
    assert "长寿路城管社区工作室" in summary and "小区：3 个" in summary and "工作人员：2 名" in summary
    guide.back()  # back on the step the fields are empty: nobody is added twice
    assert guide.staff_step.name_edit.text() == ""
    next_step(qtbot, guide)
    assert len(people.list_staff(app_ctx)) == 2
    assert not guide.button(QWizard.WizardButton.CustomButton1).isVisible()
    shot(guide, "guide-5-done")
    click(qtbot, guide.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: background.running() == 0)
    assert setup_guide.setup_state(app_ctx).guide_done
    assert offer_at_first_start(app_ctx, main_window) is None  # never again by itself


def test_a_skipped_step_saves_nothing_and_a_refusal_keeps_the_step(main_window: MainWindow, qtbot,
                                                                   app_ctx: AppContext) -> None:
    guide = open_guide(app_ctx, main_window)
    qtbot.addWidget(guide)
    guide.name_step.name_edit.setText("   ")
    next_step(qtbot, guide)
    assert guide.currentPage() is guide.name_step
    assert guide.name_step.message.text() == "请填写工作室名称。"
    guide.name_step.name_edit.setText("不会保存的名称")
    click(qtbot, guide.button(QWizard.WizardButton.CustomButton1))
    assert guide.currentPage() is guide.area_step
    assert station_settings.get_station_name(app_ctx) == station_settings.DEFAULT_STATION_NAME
    for _step in range(3):  # area, estates, staff: each skippable
        click(qtbot, guide.button(QWizard.WizardButton.CustomButton1))
    assert guide.currentPage() is guide.done_step
    assert station.get_station_area(app_ctx).covers_everything
    # 以后再说 puts the guide aside: marked, so it does not open by itself at the next start
    click(qtbot, guide.button(QWizard.WizardButton.CancelButton))
    qtbot.waitUntil(lambda: background.running() == 0)
    assert not setup_guide.guide_due(app_ctx)


def test_the_guide_reopens_from_settings(main_window: MainWindow, qtbot, app_ctx: AppContext) -> None:
    setup_guide.mark_guide_done(app_ctx)
    page = main_window.select_page("settings")
    assert page.guide_button.text() == "开始使用向导"
    click(qtbot, page.guide_button)
    opened = guides(main_window)
    assert len(opened) == 1 and opened[0].currentPage() is opened[0].name_step
    opened[0].close()


def test_an_empty_case_book_points_to_reference_data_then_to_new_case(main_window: MainWindow, qtbot,
                                                                      app_ctx: AppContext) -> None:
    page = main_window.select_page("cases")
    assert page.stack.is_empty_shown()
    assert page.empty.headline.text() == "还没有案件，也还没有可登记案件的小区"
    shot(main_window, "empty-cases-no-estates")
    click(qtbot, page.empty.link("打开基础数据"))
    assert main_window.current_page_key() == "reference"

    make_estate(app_ctx)
    page = main_window.select_page("cases")
    assert page.empty.headline.text() == "还没有案件"
    assert [b.text() for b in page.empty.buttons] == ["新建案件"]


def test_an_empty_complaint_log_offers_the_12345_import_and_registering(main_window: MainWindow, qtbot,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    page = main_window.select_page("complaints")
    assert page.empty.headline.text() == "还没有诉件"
    assert [b.text() for b in page.empty.buttons] == ["导入12345工单", "登记诉件"]
    opened: list[str] = []
    monkeypatch.setattr(page, "import_work_orders", lambda: opened.append("import"))
    monkeypatch.setattr(page, "new_complaint", lambda: opened.append("new"))
    page.apply_filters()  # the links are rebuilt with the patched actions
    for button in page.empty.buttons:
        click(qtbot, button)
    assert opened == ["import", "new"]
    shot(main_window, "empty-complaints")


@pytest.mark.parametrize(("key", "headline", "link"), [
    ("trainings", "还没有培训宣传记录", "登记培训宣传…"),
    ("meetings", "还没有会商记录", "新建会商"),
])
def test_empty_trainings_and_meetings_say_what_to_do(main_window: MainWindow, key: str, headline: str,
                                                     link: str) -> None:
    page = main_window.select_page(key)
    assert page.list_stack.is_empty_shown()
    assert page.list_stack.empty.headline.text() == headline
    assert [b.text() for b in page.list_stack.empty.buttons] == [link]
    shot(main_window, f"empty-{key}")


def test_an_empty_dashboard_leads_to_getting_started(main_window: MainWindow, qtbot, app_ctx: AppContext) -> None:
    page = main_window.select_page("dashboard")
    prompt = page.setup_prompt
    assert prompt.isVisible() and prompt.headline.text() == "本工作室还没有数据"
    shot(main_window, "empty-dashboard")
    click(qtbot, prompt.link("开始使用"))
    assert len(guides(main_window)) == 1
    guides(main_window)[0].close()
    click(qtbot, prompt.link("打开基础数据"))
    assert main_window.current_page_key() == "reference"


def test_new_case_with_no_estates_is_not_a_dead_end(main_window: MainWindow, qtbot, app_ctx: AppContext,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # The dialog's close guard (what was typed is asked about) answers 是 here: nothing was typed.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog = NewCaseDialog(app_ctx, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.no_estates.isVisible()
    assert dialog.no_estates.headline.text() == "还没有小区"
    shot(dialog, "new-case-no-estates")
    click(qtbot, dialog.no_estates.link("打开基础数据"))
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert main_window.current_page_key() == "reference"

    make_estate(app_ctx)
    with_estates = NewCaseDialog(app_ctx, main_window)
    qtbot.addWidget(with_estates)
    assert not hasattr(with_estates, "no_estates")


def test_demo_data_is_marked_on_every_page(shell_app, qtbot, app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        s.add(Setting(key=DEMO_MARK_KEY, value="1"))
    window = build_main_window(app_ctx, persist=False)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "社区工作室台账 — 演示数据"
    assert window.demo_banner is not None and window.demo_banner.isVisible()
    assert window.demo_banner.text() == "演示数据 — 不是本工作室的真实台账"
    window.select_page("cases")
    assert window.demo_banner.isVisible()
    shot(window, "demo-banner")


def test_the_sign_in_windows_offer_the_demo(shell_app, qtbot, app_ctx: AppContext,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr(account_dialogs, "start_demo", lambda: started.append(True))
    first = account_dialogs.FirstStartDialog(app_ctx)
    qtbot.addWidget(first)
    demo = first.findChild(QPushButton, "tryDemo")
    assert demo is not None and demo.text() == "试用演示数据"
    click(qtbot, demo)
    assert started == [True] and first.result() != QDialog.DialogCode.Accepted
    locked = account_dialogs.LoginDialog(app_ctx, locked_user="admin")
    qtbot.addWidget(locked)
    assert locked.findChild(QPushButton, "tryDemo") is None  # a lock screen is not a way out to the demo
