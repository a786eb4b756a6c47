"""The case book's export offers full names and phones to roles that may see personal data (default masked), and
never to a 督导: the file holds what the choice said, and the full export is in the audit log."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.permissions import ADMIN, STAFF, SUPERVISOR, SignedInUser
from models.admin import AuditEntry
from models.cases import Case
from tests.unit.case_list_data import add_case, reference_ids
from ui.cases.page import CaseBookPage

PARTY, PHONE, PLACE = "王大锤", "13912345678", "5号楼1203室"


@pytest.fixture
def case_id(app_ctx: AppContext, pin_clock) -> int:
    pin_clock(date(2025, 9, 30))
    cid = add_case(app_ctx, reference_ids(app_ctx), status="结案", found=date(2025, 9, 1), place=PLACE,
                   facts=f"{PARTY}在{PLACE}阳台违法搭建")
    with app_ctx.db.session() as s:
        case = s.get(Case, cid)
        assert case is not None
        case.party_name, case.party_phone = PARTY, PHONE
    return cid


def _page(qtbot, ctx: AppContext, role: str) -> CaseBookPage:
    ctx.sign_in(SignedInUser(username=f"u-{role}", display_name="小李", role=role, user_id=1))
    page = CaseBookPage(ctx, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _export(qtbot, page: CaseBookPage, monkeypatch, target, trigger) -> list[tuple]:
    titles: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, default, *a: titles.append(f"{title}|{default}") or (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with qtbot.waitSignal(page.exported, timeout=30_000):
        trigger()
    page.last_dialog = titles[0]  # type: ignore[attr-defined]
    return list(load_workbook(target).active.iter_rows(values_only=True))


def _cells(rows: list[tuple]) -> str:
    return " ".join(str(v) for row in rows[3:] for v in row if v is not None)


def _full_exports(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return len(s.scalars(select(AuditEntry).where(AuditEntry.action == "unmask",
                                                      AuditEntry.entity == "cases")).all())


@pytest.mark.parametrize("role", [ADMIN, STAFF])
def test_a_role_with_personal_data_chooses_and_masked_comes_first(shell_app, qtbot, app_ctx, case_id, role,
                                                                  monkeypatch, tmp_path) -> None:
    page = _page(qtbot, app_ctx, role)
    menu = page.export_button.menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["导出（姓名、电话遮蔽）…", "导出（含完整姓名和电话）…"]

    masked = _cells(_export(qtbot, page, monkeypatch, tmp_path / "a.xlsx", page.export_masked_action.trigger))
    assert PARTY not in masked and PHONE not in masked and "1203" not in masked
    assert "王**" in masked and "5号楼" in masked
    assert _full_exports(app_ctx) == 0

    full = _cells(_export(qtbot, page, monkeypatch, tmp_path / "b.xlsx", page.export_personal_action.trigger))
    assert PARTY in full and PHONE in full and PLACE in full
    assert "含个人信息" in page.last_dialog  # type: ignore[attr-defined]  # the file name warns
    assert _full_exports(app_ctx) == 1


def test_a_supervisor_never_sees_the_choice(shell_app, qtbot, app_ctx, case_id, monkeypatch, tmp_path) -> None:
    page = _page(qtbot, app_ctx, SUPERVISOR)
    assert page.export_button.menu() is None
    assert not hasattr(page, "export_personal_action")
    rows = _export(qtbot, page, monkeypatch, tmp_path / "c.xlsx",
                   lambda: qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton))
    cells = _cells(rows)
    assert len(rows) == 4 and PARTY not in cells and PHONE not in cells and "1203" not in cells
    assert "含个人信息" not in page.last_dialog  # type: ignore[attr-defined]
