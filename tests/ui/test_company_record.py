"""基础数据: the property company dialog shows the company's 履职记录 (C11 cases, referrals), read-only."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QAbstractItemView

from controllers.cases import records as case_records
from controllers.cases import referrals as case_referrals
from controllers.core.context import AppContext
from controllers.reference import estates as est
from tests.unit.case_fixtures import category_id, department_id, make_estate
from ui.reference.dialogs import PropertyCompanyDialog


def _texts(table: Any, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_company_dialog_shows_c11_case_and_referral(qtbot: Any, app_ctx: AppContext) -> None:
    estate_id = make_estate(app_ctx, company="上海梅岭物业")
    company = next(c for c in est.list_property_companies(app_ctx) if c.name == "上海梅岭物业")
    case = case_records.create_case(
        app_ctx, category_id=category_id(app_ctx, "C11"), estate_id=estate_id, source="巡查发现",
        found_date=date(2025, 3, 4), facts="物业未履行管理义务", property_company_id=company.id)
    case_referrals.refer_case(app_ctx, case.id, department_id=department_id(app_ctx, "区房管局"),
                              reason="建议失信记分", referred_on=date(2025, 4, 1))

    dialog = PropertyCompanyDialog(app_ctx, company)
    qtbot.addWidget(dialog)
    view = dialog.record_view
    assert view is not None
    assert _texts(view.cases, 0) == [case.number]
    assert _texts(view.referrals, 0) == [case.number]
    assert _texts(view.referrals, 1) == ["区房管局"]
    assert view.trainings.rowCount() == 0
    assert view.cases.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_new_company_dialog_has_no_record(qtbot: Any, app_ctx: AppContext) -> None:
    dialog = PropertyCompanyDialog(app_ctx)
    qtbot.addWidget(dialog)
    assert dialog.record_view is None
