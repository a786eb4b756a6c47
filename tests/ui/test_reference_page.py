"""基础数据 page: every list can be opened, edited through its dialog, validated and refused deletion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from controllers.core.context import AppContext
from controllers.reference import choices as rd
from controllers.reference import estates as est
from controllers.reference import legal, lists, people
from models.cases import Case
from models.complaints import Complaint
from tests.ui.slow_kit import SlowCall
from ui.common.events import Change, data_events
from ui.reference import table_models as tm
from ui.reference.page import KINDS, ReferenceDataPage
from ui.reference.panels import ListPanel


@pytest.fixture
def page(qtbot: Any, app_ctx: AppContext) -> ReferenceDataPage:
    widget = ReferenceDataPage(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    return widget


def run_dialog(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None], fill: Callable[[Any], None]) -> Any:
    """Replace the modal exec(): fill the dialog's widgets, press Save, report whether it closed."""
    seen: dict[str, Any] = {}

    def fake_exec(self: ListPanel, dialog: QDialog) -> bool:
        seen["dialog"] = dialog
        fill(dialog)
        dialog.ok_button.click()
        dialog.operation.wait()  # the save runs off the GUI thread; the window stays live meanwhile
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(ListPanel, "exec_dialog", fake_exec)
    action()
    return seen["dialog"]


def column_texts(panel: ListPanel, column: int) -> list[str]:
    return [panel.proxy.index(r, column).data() for r in range(panel.proxy.rowCount())]


def select(panel: ListPanel, record_id: int) -> None:
    panel.select_id(record_id)
    assert panel.selected_row().id == record_id


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a user; QTest can only synthesise ASCII keys, so Chinese goes in the way an input method puts it."""
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def _street_id(ctx: AppContext, name: str = "长征镇") -> int:
    return next(i for i, n in rd.street_choices(ctx) if n == name)


# ---- estates -----------------------------------------------------------------------------------------------------


def test_create_estate_with_population_contact_and_alias(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    panel = page.show_kind("estates")

    def fill(d: Any) -> None:
        type_into(qtbot, d.name, "梅岭小区")
        d.street.setCurrentIndex(d.street.findText("长征镇"))
        type_into(qtbot, d.households, "820")
        d.pilot.setChecked(True)
        d.pop_date.setDate(QDate(2024, 1, 1))
        d.pop_value.setValue(2100)
        qtbot.mouseClick(d.pop_add, Qt.MouseButton.LeftButton)
        d.contact_role.setCurrentText("楼组长")
        type_into(qtbot, d.contact_name, "张三")
        type_into(qtbot, d.contact_phone, "13812345678")
        qtbot.mouseClick(d.contact_add, Qt.MouseButton.LeftButton)
        type_into(qtbot, d.alias_edit, "梅岭新村")
        qtbot.mouseClick(d.alias_add, Qt.MouseButton.LeftButton)

    dialog = run_dialog(monkeypatch, panel.add_button.click, fill)
    assert dialog.result() == QDialog.DialogCode.Accepted
    row = panel.selected_row()
    assert row.name == "梅岭小区"
    assert column_texts(panel, tm.EstateTableModel.COL_POPULATION) == ["2100"]
    assert column_texts(panel, tm.EstateTableModel.COL_CONTACTS) == ["楼组长 张* 138****5678"]
    assert column_texts(panel, tm.EstateTableModel.COL_ALIASES) == ["梅岭新村"]
    detail = est.get_estate(app_ctx, row.id)
    assert detail.households == 820 and detail.pilot and detail.street_id == _street_id(app_ctx)
    assert detail.contacts[0].phone == "13812345678"
    assert est.population_on(app_ctx, row.id, on=date(2024, 6, 1)) == 2100


def test_estate_dialog_shows_real_phone_and_edits_keep_history(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    row = est.create_estate(app_ctx, name="梅岭小区", street_id=_street_id(app_ctx),
                            populations=[est.PopulationInput(date(2023, 1, 1), 2000)],
                            contacts=[est.ContactInput("居委书记", "李四", "13900001111")])
    page.refresh()  # what the main window does each time the page is shown
    panel = page.show_kind("estates")
    select(panel, row.id)
    seen: dict[str, Any] = {}

    def fill(d: Any) -> None:
        seen["phone"] = d.contact_model.index(0, tm.ContactTableModel.COL_PHONE).data()
        type_into(qtbot, d.committee, "梅岭居委会")

    run_dialog(monkeypatch, panel.edit_button.click, fill)
    assert seen["phone"] == "13900001111"
    assert column_texts(panel, tm.EstateTableModel.COL_COMMITTEE) == ["梅岭居委会"]
    assert est.get_estate(app_ctx, row.id).populations[0].population == 2000


def test_estate_validation_keeps_dialog_open_with_message(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    panel = page.show_kind("estates")

    def fill(d: Any) -> None:
        d.show()  # focus can only be checked on a visible dialog
        qtbot.waitExposed(d)
        d.street.setCurrentIndex(1)
        d.tabs.setCurrentIndex(2)

    dialog = run_dialog(monkeypatch, panel.add_button.click, fill)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.isVisible() and dialog.message.text() == "请填写小区名称。"
    assert dialog.tabs.currentIndex() == 0  # brought back to the tab holding the field
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.name)
    assert panel.model.rowCount() == 0 and est.list_estates(app_ctx) == []
    dialog.close()


def test_estate_population_error_shows_population_tab(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = page.show_kind("estates")

    def fill(d: Any) -> None:
        type_into(qtbot, d.name, "梅岭小区")
        d.street.setCurrentIndex(1)
        d.pop_value.setValue(0)
        d.add_population()

    dialog = run_dialog(monkeypatch, panel.add_button.click, fill)
    assert "常住人口应大于 0" in dialog.message.text()
    assert dialog.tabs.currentIndex() == 1


def test_estate_delete_refusal_shows_reason(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    row = est.create_estate(app_ctx, name="梅岭小区", street_id=_street_id(app_ctx))
    cat_id = rd.category_choices(app_ctx)[0][0]
    with app_ctx.db.session() as s:
        s.add(Case(number="2025-长征-0001", year=2025, street_id=_street_id(app_ctx), seq=1, category_id=cat_id,
                   estate_id=row.id, source="巡查发现", found_date=date(2025, 3, 1)))
        s.add(Complaint(channel="来电", received_at=datetime(2025, 3, 2, 9), estate_id=row.id))
    panel = page.show_kind("estates")
    panel.refresh()
    select(panel, row.id)
    errors: list[str] = []
    monkeypatch.setattr(ListPanel, "confirm", lambda self, text: True)
    monkeypatch.setattr(ListPanel, "show_error", lambda self, text: errors.append(text))
    panel.delete_button.click()
    qtbot.waitUntil(lambda: errors != [])
    assert errors == ["该小区仍有 1 件案件、1 件诉件引用，不能删除。"]
    assert panel.model.rowCount() == 1


def test_delete_asks_first_and_removes_on_yes(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    company = est.create_property_company(app_ctx, name="甲物业")
    panel = page.show_kind("property_companies")
    select(panel, company.id)
    asked: list[str] = []
    monkeypatch.setattr(ListPanel, "confirm", lambda self, text: asked.append(text) or False)
    panel.delete_button.click()
    assert len(asked) == 1 and "“甲物业”" in asked[0]
    assert panel.model.rowCount() == 1
    monkeypatch.setattr(ListPanel, "confirm", lambda self, text: True)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert est.list_property_companies(app_ctx) == []


def test_a_street_saved_on_a_slow_server_leaves_the_window_running(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    panel = page.show_kind("streets")
    seen: dict[str, Any] = {}

    def fill(d: Any) -> None:
        seen["dialog"] = d
        type_into(qtbot, d.name, "慢速镇")
        type_into(qtbot, d.short_name, "慢速")

    # At each tick while blocked: (Save enabled, dialog still open).
    slow = SlowCall(monkeypatch, lists, "create_street",
                    lambda: (seen["dialog"].ok_button.isEnabled(), seen["dialog"].result() == 0))
    with qtbot.waitSignal(data_events().changed, timeout=20000) as notice:
        dialog = run_dialog(monkeypatch, panel.add_button.click, fill)
    slow.stop()
    assert slow.blocked_while((False, True)) and notice.args == [Change.REFERENCE]
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved.name == "慢速镇"
    assert "慢速镇" in column_texts(panel, 0)


# ---- the other lists ---------------------------------------------------------------------------------------------


def test_edit_street_and_estates_list_follows(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch, app_ctx: AppContext
) -> None:
    est.create_estate(app_ctx, name="梅岭小区", street_id=_street_id(app_ctx))
    page.show_kind("estates")
    panel = page.show_kind("streets")
    select(panel, _street_id(app_ctx))
    run_dialog(monkeypatch, panel.edit_button.click, lambda d: type_into(qtbot, d.name, "长征新镇"))
    assert "长征新镇" in column_texts(panel, tm.StreetTableModel.COL_NAME)
    assert lists.get_street(app_ctx, _street_id(app_ctx, "长征新镇")).short_name == "长征"
    estates = page.show_kind("estates")
    assert column_texts(estates, tm.EstateTableModel.COL_STREET) == ["长征新镇"]


def test_street_duplicate_keeps_dialog_open(
    page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = page.show_kind("streets")

    def fill(d: Any) -> None:
        type_into(qtbot, d.name, "新区街道")
        type_into(qtbot, d.short_name, "长征")

    dialog = run_dialog(monkeypatch, panel.add_button.click, fill)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "简称“长征”已被其他街镇使用。"
    assert "c62828" in dialog.short_name.styleSheet()
    assert panel.model.rowCount() == 10


def test_create_property_company(page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                 app_ctx: AppContext) -> None:
    panel = page.show_kind("property_companies")

    def fill(d: Any) -> None:
        type_into(qtbot, d.name, "上海梅岭物业")
        type_into(qtbot, d.manager, "王经理")
        type_into(qtbot, d.phone, "021-62345678")

    run_dialog(monkeypatch, panel.add_button.click, fill)
    assert column_texts(panel, tm.PropertyCompanyTableModel.COL_NAME) == ["上海梅岭物业"]
    assert est.list_property_companies(app_ctx)[0].project_manager == "王经理"


def test_create_staff_and_bad_phone(page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                    app_ctx: AppContext) -> None:
    panel = page.show_kind("staff")

    def bad(d: Any) -> None:
        type_into(qtbot, d.name, "陈明")
        type_into(qtbot, d.phone, "电话")

    dialog = run_dialog(monkeypatch, panel.add_button.click, bad)
    assert "电话只能包含数字" in dialog.message.text()

    def good(d: Any) -> None:
        type_into(qtbot, d.name, "陈明")
        type_into(qtbot, d.badge, "31070001")
        d.street.setCurrentIndex(d.street.findText("桃浦镇"))

    run_dialog(monkeypatch, panel.add_button.click, good)
    assert column_texts(panel, tm.StaffTableModel.COL_STREET) == ["桃浦镇"]
    assert people.list_staff(app_ctx)[0].badge_no == "31070001"


def test_edit_category_ticks_regulations(page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                         app_ctx: AppContext) -> None:
    c03 = next(c for c in legal.list_categories(app_ctx) if c.code == "C03")
    reg1 = next(r for r in legal.list_regulations(app_ctx) if r.annex_no == 1)
    panel = page.show_kind("categories")
    select(panel, c03.id)

    def fill(d: Any) -> None:
        d.regulation_boxes[reg1.id].setChecked(True)
        d.days.setValue(20)
        d.day_kind.setCurrentIndex(1)

    run_dialog(monkeypatch, panel.edit_button.click, fill)
    saved = legal.get_category(app_ctx, c03.id)
    assert reg1.id in saved.regulation_ids and saved.deadline_days == 20 and not saved.working_days
    row = panel.model.row_of_id(c03.id)
    assert panel.model.index(row, tm.CategoryTableModel.COL_REGULATIONS).data().startswith(reg1.name)


def test_create_regulation(page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                           app_ctx: AppContext) -> None:
    panel = page.show_kind("regulations")

    def fill(d: Any) -> None:
        type_into(qtbot, d.annex, "12")
        type_into(qtbot, d.name, "《上海市某某规定》")

    run_dialog(monkeypatch, panel.add_button.click, fill)
    assert column_texts(panel, tm.RegulationTableModel.COL_NAME)[-1] == "《上海市某某规定》"
    assert legal.list_regulations(app_ctx)[-1].annex_no == 12


def test_edit_department(page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                         app_ctx: AppContext) -> None:
    dept_id = rd.department_choices(app_ctx)[1][0]
    panel = page.show_kind("departments")
    select(panel, dept_id)
    run_dialog(monkeypatch, panel.edit_button.click, lambda d: type_into(qtbot, d.contact, "62001234"))
    assert people.get_department(app_ctx, dept_id).contact == "62001234"
    assert "62001234" in column_texts(panel, tm.DepartmentTableModel.COL_CONTACT)


def test_calendar_by_year_and_new_day(page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                      app_ctx: AppContext) -> None:
    panel = page.show_kind("calendar")
    panel.year_combo.setCurrentIndex(panel.year_combo.findData(2024))
    assert panel.model.rowCount() == len(lists.list_calendar_days(app_ctx, year=2024)) > 0

    def fill(d: Any) -> None:
        d.day.setDate(QDate(2031, 10, 1))
        d.kind.setCurrentText("节假日")
        type_into(qtbot, d.name, "国庆节")

    run_dialog(monkeypatch, panel.add_button.click, fill)
    assert panel.year() == 2031
    assert column_texts(panel, tm.CalendarTableModel.COL_NAME) == ["国庆节"]
    assert column_texts(panel, tm.CalendarTableModel.COL_WEEKDAY) == ["周三"]

    def weekday_makeup(d: Any) -> None:
        d.day.setDate(QDate(2031, 10, 8))
        d.kind.setCurrentText("调休上班")

    dialog = run_dialog(monkeypatch, panel.add_button.click, weekday_makeup)
    assert "调休上班日应为周六或周日" in dialog.message.text()


def test_grades_and_training_kinds(page: ReferenceDataPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                   app_ctx: AppContext) -> None:
    grades = page.show_kind("estate_grades")
    run_dialog(monkeypatch, grades.add_button.click, lambda d: type_into(qtbot, d.name, "D级（观察）"))
    assert column_texts(grades, tm.NamedTableModel.COL_NAME)[-1] == "D级（观察）"
    kinds = page.show_kind("training_kinds")
    first = lists.list_training_kinds(app_ctx)[0]
    select(kinds, first.id)
    run_dialog(monkeypatch, kinds.edit_button.click, lambda d: type_into(qtbot, d.name, "物业企业专题培训"))
    assert lists.list_training_kinds(app_ctx)[0].name == "物业企业专题培训"
    dialog = run_dialog(monkeypatch, kinds.add_button.click, lambda d: type_into(qtbot, d.name, "物业企业专题培训"))
    assert dialog.message.text() == "已存在名为“物业企业专题培训”的培训类型。"


def test_filter_box_narrows_the_list(page: ReferenceDataPage, qtbot: Any) -> None:
    panel = page.show_kind("categories")
    assert panel.proxy.rowCount() == 14
    panel.filter_edit.insert("垃圾")
    assert sorted(column_texts(panel, tm.CategoryTableModel.COL_CODE)) == ["C07", "C08"]
    assert "2" in panel.count_label.text() and "14" in panel.count_label.text()


def test_every_table_model_passes_the_model_tester(page: ReferenceDataPage, qtmodeltester: Any,
                                                   app_ctx: AppContext) -> None:
    est.create_estate(app_ctx, name="梅岭小区", street_id=_street_id(app_ctx),
                      populations=[est.PopulationInput(date(2024, 1, 1), 100)],
                      contacts=[est.ContactInput("楼组长", "张三", "13812345678")], aliases=["梅岭"])
    est.create_property_company(app_ctx, name="甲物业")
    people.create_staff(app_ctx, name="陈明")
    for key, _cls in KINDS:
        panel = page.show_kind(key)
        panel.refresh()
        assert panel.model.rowCount() > 0, key
        qtmodeltester.check(panel.model)
    from ui.reference.estate_dialog import EstateDialog

    dialog = EstateDialog(app_ctx, est.list_estates(app_ctx)[0])
    qtmodeltester.check(dialog.population_model)
    qtmodeltester.check(dialog.contact_model)


def test_contact_table_edits_in_place(app_ctx: AppContext, qtbot: Any) -> None:
    model = tm.ContactTableModel()
    model.set_rows([est.ContactInput("楼组长", "张三", "13812345678")])
    index = model.index(0, tm.ContactTableModel.COL_PHONE)
    assert model.setData(index, "13900000000")
    assert model.rows()[0].phone == "13900000000"
    assert not model.setData(model.index(0, tm.ContactTableModel.COL_ROLE), "居委主任")
    masked = tm.ContactTableModel(masked=True)
    masked.set_rows(model.rows())
    assert masked.index(0, tm.ContactTableModel.COL_PHONE).data() == "139****0000"
