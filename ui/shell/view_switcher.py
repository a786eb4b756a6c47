"""The sidebar's foot: which records this desk shows (本工作室 / 全街镇 / 全区) and a 只读 badge for the last two."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from controllers.station.views import ViewState

# A badge that reads as a warning in the light and the dark theme alike.
BADGE_QSS = ("QLabel#readOnlyBadge { color: white; background: #c62828; border-radius: 4px;"
             " padding: 3px 8px; font-weight: bold; }")


class ViewSwitcher(QWidget):
    """A combo box of the three views; emits `viewChosen(key)` when the user picks one (the window switches)."""

    viewChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewSwitcher")
        self.title = QLabel(self.tr("Records shown"), self)
        self.title.setObjectName("viewTitle")
        self.combo = QComboBox(self)
        self.combo.setObjectName("viewCombo")
        self.combo.addItem(self.tr("Own station"), "station")
        self.combo.addItem(self.tr("Whole street (read-only)"), "street")
        self.combo.addItem(self.tr("District (read-only)"), "district")
        self.combo.setToolTip(self.tr("The street and district views show other stations' records and cannot "
                                      "change anything; switch back to the own station to edit."))
        self.badge = QLabel(self.tr("Read-only"), self)
        self.badge.setObjectName("readOnlyBadge")
        self.badge.setStyleSheet(BADGE_QSS)
        self.badge.setToolTip(self.tr("Editing is switched off in this view."))
        self.badge.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 12)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.combo)
        layout.addWidget(self.badge)
        self.combo.activated.connect(self._on_activated)

    def show_view(self, state: ViewState) -> None:
        """Show the view the context is in (after a switch, or putting the combo back after a refusal)."""
        index = self.combo.findData(state.key)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self.badge.setVisible(state.read_only)

    def current_key(self) -> str:
        return str(self.combo.currentData())

    def _on_activated(self, index: int) -> None:
        self.viewChosen.emit(str(self.combo.itemData(index)))
