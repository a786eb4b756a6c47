"""Meeting mode shows the estates' recent patrols: dates, kinds, the categories found and what they became; never
an officer's name, a note or a place typed by staff."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from controllers.core.context import AppContext
from controllers.core.permissions import REP, PermissionDenied
from controllers.inspections.recent import recent_patrols
from tests.ui.test_meeting_mode import every_text
from tests.unit.inspection_fixtures import morning_patrol
from tests.unit.test_dashboard import TODAY, Built, build
from tests.unit.test_permissions import as_role
from ui.dashboard.page import DashboardPage
from ui.meeting_mode import picker as picker_module
from ui.meeting_mode.window import MeetingModeWindow, PatrolModel

SHOTS = Path("/tmp/s8-i19r")


@pytest.fixture
def built(app_ctx: AppContext, pin_clock) -> Built:
    pin_clock(TODAY)
    built = build(app_ctx)
    # 甲, 乙 and 丙 of 甲居委会 on one round in February; 乙 again (a night round, all clear) in March.
    estates = [built.estates[n] for n in ("甲小区", "乙小区", "丙小区")]
    first = morning_patrol(app_ctx, estates, at=datetime(2026, 2, 10, 9, 30))
    morning_patrol(app_ctx, [built.estates["丙小区"]], at=datetime(2026, 3, 12, 21, 0), kind="夜间巡查",
                   officer=first.officer_ids[0])
    return built


def _meeting_window(qtbot, ctx: AppContext, monkeypatch, committee: str) -> MeetingModeWindow:
    """Through the 工作台's button, as a clerk starts it for the room."""
    choice = next(c for c in picker_module.scope_choices(ctx) if c.name == committee)
    monkeypatch.setattr(picker_module, "pick_scope", lambda ctx, parent=None: choice)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.meeting_button, Qt.MouseButton.LeftButton)
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MeetingModeWindow))
    qtbot.addWidget(window)
    return window


def test_meeting_mode_lists_recent_patrols_without_names(shell_app, qtbot, qtmodeltester, app_ctx: AppContext,
                                                        built: Built, monkeypatch) -> None:
    window = _meeting_window(qtbot, app_ctx, monkeypatch, "甲居委会")
    window.showNormal()
    window.resize(1366, 768)
    qtmodeltester.check(window.patrol_model)
    model = window.patrol_model
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [r[:3] for r in rows] == [["2026-03-12", "夜间巡查", "丙小区"], ["2026-02-10", "分级分类检查", "丙小区"],
                                     ["2026-02-10", "分级分类检查", "乙小区"], ["2026-02-10", "分级分类检查", "甲小区"]]
    jia = rows[3][PatrolModel.COL_FINDINGS]
    assert "C05" in jia and "C99" in jia and "C01" not in jia  # the categories found, not the ones found normal
    assert "C12" in rows[2][PatrolModel.COL_FINDINGS]
    assert rows[1][PatrolModel.COL_FINDINGS] == "未发现问题"
    assert "C05 违法搭建：待处理" in rows[0][PatrolModel.COL_FINDINGS]
    text = every_text(window)
    # The officer, the notes and places typed on the sheet stay off the shared screen.
    assert [s for s in ("王队员", "彩钢板", "燃气管道", "5号楼顶", "补录纸质巡查单") if s in text] == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "meeting_mode_patrols.png"))


def test_one_estate_hides_the_estate_column_and_a_rep_only_reads_their_own(shell_app, qtbot, app_ctx: AppContext,
                                                                          built: Built, monkeypatch) -> None:
    window = _meeting_window(qtbot, app_ctx, monkeypatch, "丙小区")
    assert window.patrol_table.isColumnHidden(PatrolModel.COL_ESTATE)
    assert window.patrol_model.rowCount() == 2
    rep = as_role(app_ctx, REP, frozenset({built.estates["丙小区"]}))
    mine = recent_patrols(rep, (built.estates["丙小区"],), today=TODAY)
    assert [v.kind for v in mine] == ["夜间巡查", "分级分类检查"]
    with pytest.raises(PermissionDenied):
        recent_patrols(rep, (built.estates["甲小区"],), today=TODAY)
