"""Issue 21's "Done when", as users do it on the real windows: a clerk answers a day's 12345 work orders with
templates and sends the return file from 诉件台账 (rows marked sent); a supervisor marks a closed case as typical
and prints its 案例警示 PDF; the exports open with every column and no room number beside a masked name."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from controllers.cases.export import EXPORT_COLUMNS
from controllers.complaints import entry as cc
from controllers.complaints import returns as rf
from controllers.complaints.listing import ComplaintFilter
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from controllers.core.permissions import STAFF, SUPERVISOR, SignedInUser
from models.cases import Case
from tests.unit.complaint_fixtures import make_reference
from ui.case_detail.window import CaseWindow
from ui.common import background
from ui.complaints import handling_dialog
from ui.complaints.return_dialog import ReturnFileDialog
from ui.shell.app import build_main_window

SHOTS = Path("/tmp/s8-i21r")
DAY = date(2025, 3, 10)
ROOM = re.compile(r"\d+\s*(?:室|号房)|单元\s*\d{2,4}|(?:号楼|幢|栋|座)\s*\d{3,4}|(?<![\d-])\d{1,3}-\d{1,2}-\d{3,4}")
PEOPLE = ("张三", "李四", "13812345678", "13900001111")


def _sign_in(ctx: AppContext, role: str, name: str) -> None:
    ctx.sign_in(SignedInUser(username=f"u-{role}", display_name=name, role=role, user_id=1))


def _work_orders(ctx: AppContext, ref) -> list[int]:
    """The day's work orders as the 12345 import leaves them (待处理, the resident's name, phone and flat), about
    one case that has its 整改期限, so the 办理结果 template fills every field."""
    with ctx.db.session() as s:
        case = s.get(Case, ref.case_id)
        assert case is not None
        case.status, case.deadline = "责令整改", date(2025, 3, 20)
    places = ("梅岭小区12号楼502室", "梅岭小区12幢3单元502", "梅岭小区3-2-601")
    ids = [cc.create_complaint(ctx, channel="12345热线", received_at=datetime(2025, 3, 9, 1 + i, 0),
                                work_order_no=f"GD2025030900{i + 1}", complainant_name="张三",
                                complainant_phone="13812345678", estate_id=ref.meiling, category_id=ref.c05,
                                content=f"反映{place}楼顶违法搭建", address=place)
           for i, place in enumerate(places)]
    for cid in ids:
        cc.link_to_case(ctx, cid, ref.case_id)
    return ids


def _png(pdf: Path, stem: str) -> Path:
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(SHOTS / stem)], check=True)
    return next(SHOTS.glob(f"{stem}*.png"))


def test_clerk_answers_with_templates_and_sends_the_return_file(shell_app: QApplication, qtbot, app_ctx: AppContext,
                                                                pin_clock, monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    pin_clock(DAY)
    ref = make_reference(app_ctx)
    ids = _work_orders(app_ctx, ref)
    _sign_in(app_ctx, STAFF, "小王")
    window = build_main_window(app_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.select_page("complaints")
    page.apply_filter(ComplaintFilter(received_from=date(2025, 3, 9), received_to=date(2025, 3, 9)))
    assert page.model.total() == 3

    answered: list[str] = []

    def answer(dialog: handling_dialog.HandlingDialog) -> int:
        """What the clerk does in the dialog: 已回复, the 办理结果 template, one word of their own, 保存."""
        dialog.status.setCurrentText("已回复")  # the reply date becomes today by itself
        dialog.templates.select_kind("办理结果")
        qtbot.mouseClick(dialog.templates.insert_button, Qt.MouseButton.LeftButton)
        dialog.reply.moveCursor(dialog.reply.textCursor().MoveOperation.End)
        dialog.reply.insertPlainText("感谢您的监督。")
        answered.append(dialog.reply.toPlainText())
        if len(answered) == 1:
            dialog.show()
            dialog.grab().save(str(SHOTS / "handling_dialog.png"))
        dialog.save()
        qtbot.waitUntil(lambda: dialog.changed and background.running() == 0, timeout=10_000)
        return 1

    monkeypatch.setattr(handling_dialog.HandlingDialog, "exec", answer)
    for row in range(3):  # each line of the list, opened with Enter as the clerk does
        page.view.setCurrentIndex(page.model.index(row, 0))
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert len(answered) == 3
    for text in answered:
        assert "梅岭小区" in text and "2025-长征-0001" in text and "2025年3月20日" in text and "待填写" not in text
        assert not any(p in text for p in PEOPLE)
    for cid in ids:
        detail = cc.get_complaint(app_ctx, cid)
        assert detail.status == "已回复" and detail.replied_on == DAY and detail.reply.endswith("感谢您的监督。")

    opened: list[ReturnFileDialog] = []
    monkeypatch.setattr(ReturnFileDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    [dialog] = opened
    target = tmp_path / "12345回传.xlsx"
    monkeypatch.setattr(dialog, "ask_path", lambda: str(target))
    monkeypatch.setattr("ui.complaints.return_dialog.QMessageBox.information", lambda *a: None)
    dialog.show()
    dialog.grab().save(str(SHOTS / "return_dialog.png"))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=10_000)
    assert dialog.result_ is not None and dialog.result_.rows == 3
    assert [r.state for r in rf.return_rows(app_ctx, parse_period("2025-03"))] == [rf.SENT] * 3
    ws = load_workbook(target).active
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref.startswith("A3")
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[2]) == [header for _label, header in rf.return_layout(app_ctx)]  # the platform's names
    assert sorted(r[0] for r in rows[3:]) == [f"GD2025030900{i}" for i in (1, 2, 3)]
    cells = [str(v) for r in rows[3:] for v in r if v is not None]
    assert not any(ROOM.search(c) or any(p in c for p in PEOPLE) for c in cells)

    # Sent once: the next export with 只导出未发送 finds nothing until a reply changes.
    monkeypatch.setattr(ReturnFileDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    again = opened[-1]
    assert again.only_unsent.isChecked()
    monkeypatch.setattr(again, "ask_path", lambda: str(tmp_path / "again.xlsx"))
    again.export()
    qtbot.waitUntil(lambda: again.result_ is not None, timeout=10_000)
    assert again.result_ is not None and again.result_.rows == 0


def test_supervisor_prints_a_typical_case_and_exports_without_rooms(shell_app: QApplication, qtbot,
                                                                    app_ctx: AppContext, pin_clock,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    pin_clock(date(2025, 4, 1))
    ref = make_reference(app_ctx)
    with app_ctx.db.session() as s:
        case = s.get(Case, ref.case_id)
        assert case is not None
        case.status, case.closed_on, case.result = "结案", date(2025, 3, 20), "当事人已自行拆除"
        case.party_name, case.party_phone, case.place = "李四", "13900001111", "梅岭小区12号楼502室"
        case.facts = "李四在梅岭小区12号楼502室楼顶搭建阳光房约20平方米，电话13900001111"
    _sign_in(app_ctx, SUPERVISOR, "陈督导")
    window = CaseWindow(app_ctx, ref.case_id)
    qtbot.addWidget(window)
    panel = window.typical
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert window.tabs.tabText(window.tabs.indexOf(window.replies)) == "回复模板"  # not overwritten by 督办
    assert window.tabs.tabText(window.tabs.indexOf(window.orders_view)).startswith("督办单（") and len(set(titles)) == 8
    window.tabs.setCurrentWidget(panel)
    window.resize(1100, 760)
    window.show()
    assert panel.mark_button.isEnabled()  # a 督导 picks typical cases for the 守法小讲堂
    qtbot.mouseClick(panel.mark_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail is not None and background.running() == 0, timeout=10_000)
    draft = " ".join(panel.values().values())
    assert not any(p in draft for p in PEOPLE) and "502" not in draft
    panel.fields["lesson"].setPlainText("搭建前请先向规划资源部门咨询，违法建筑终将拆除。")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: background.running() == 0 and panel.error.isHidden(), timeout=10_000)
    window.grab().save(str(SHOTS / "case_window_typical.png"))
    pdf = tmp_path / "案例警示.pdf"
    monkeypatch.setattr(panel, "ask_pdf_path", lambda: str(pdf))
    monkeypatch.setattr("ui.case_detail.typical_panel.QMessageBox.information", lambda *a: None)
    qtbot.mouseClick(panel.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pdf.exists() and background.running() == 0, timeout=20_000)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "案例警示" in text and "违法建筑终将拆除" in text
    assert not any(p in text for p in PEOPLE) and "502" not in text
    if shutil.which("pdftoppm"):
        _png(pdf, "typical_case")

    # The supervisor's case book export: every column, the party masked, the place cut to the building.
    main = build_main_window(app_ctx)
    qtbot.addWidget(main)
    main.show()
    book = main.select_page("cases")
    assert book.export_button.menu() is None  # no personal-data choice for a 督导
    target = tmp_path / "案件台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with qtbot.waitSignal(book.exported, timeout=30_000):
        qtbot.mouseClick(book.export_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert list(rows[2]) == [c.header for c in EXPORT_COLUMNS]
    record = dict(zip(rows[2], rows[3], strict=True))
    assert record["当事人"] == "李*" and record["地点"] == "梅岭小区12号楼"
    assert record["结案日期"] == datetime(2025, 3, 20)
    cells = [str(v) for r in rows[3:] for v in r if v is not None]
    assert not any(ROOM.search(c) or any(p in c for p in PEOPLE) for c in cells)
