"""设置 「督查督办与考核目标」: an administrator saves the stale days per state and a year's targets (off the GUI
thread); the candidate list and the dashboard then use them; a role without 修改设置 cannot press Save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from controllers.core.context import AppContext
from controllers.core.permissions import SUPERVISOR, SignedInUser
from controllers.dashboard.goals import goal_tiles, targets
from controllers.station.settings import get_stale_days
from ui.settings.supervision_panel import SupervisionPanel

SHOTS = Path("/tmp/i20-supervision")


def test_saving_days_and_a_years_targets(shell_app: QApplication, qtbot: Any, app_ctx: AppContext) -> None:
    panel = SupervisionPanel(app_ctx)
    qtbot.addWidget(panel)
    panel.resize(820, 420)
    panel.show()
    assert panel.stale["登记"].value() == 3
    panel.stale["登记"].setValue(7)
    assert panel.save_days().wait()
    assert get_stale_days(app_ctx)["登记"] == 7 and "已保存" in panel.message.text()
    panel.year.setValue(2025)
    panel.targets["closure_percent"].setValue(80)
    assert panel.save_targets().wait()
    assert targets(app_ctx, 2025)["closure_percent"] == 80.0 and targets(app_ctx, 2024)["closure_percent"] == 90.0
    assert goal_tiles(app_ctx, year=2025).tile("closure").target == 80.0
    panel.year.setValue(2024)
    assert panel.targets["closure_percent"].value() == 90.0
    SHOTS.mkdir(exist_ok=True)
    panel.grab().save(str(SHOTS / "settings_panel.png"))


def test_a_supervisor_sees_the_values_but_cannot_save(shell_app: QApplication, qtbot: Any,
                                                      app_ctx: AppContext) -> None:
    app_ctx.sign_in(SignedInUser(username="s", display_name="督导甲", role=SUPERVISOR, user_id=1))
    panel = SupervisionPanel(app_ctx)
    qtbot.addWidget(panel)
    assert not panel.save_days_button.isEnabled() and not panel.save_targets_button.isEnabled()
    assert not panel.stale["立案"].isEnabled() and panel.stale["立案"].value() == 10
