"""A keyboard-quick multi-pick: type a few characters, Enter adds the match to the list below; Delete removes.

Used for a patrol's officers, joint departments and the estates of its route (kept in the order added)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from controllers.reference.choices import Choice
from ui.common.rows_model import ID_ROLE


def best_match(choices: list[Choice], text: str) -> Choice | None:
    """The choice named exactly so, else the only one containing the text, else the first that starts with it."""
    wanted = text.strip()
    if not wanted:
        return None
    exact = [c for c in choices if c[1] == wanted]
    if exact:
        return exact[0]
    containing = [c for c in choices if wanted.lower() in c[1].lower()]
    if len(containing) == 1:
        return containing[0]
    starting = [c for c in containing if c[1].lower().startswith(wanted.lower())]
    return starting[0] if starting else None


class PickList(QWidget):
    """`edit` (type to find, Enter adds) over `chosen` (the picks in order); `changed` after every add or removal."""

    changed = Signal()

    def __init__(self, choices: list[Choice], placeholder: str, *, rows: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        completer = QCompleter([label for _i, label in choices], self.edit)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit.setCompleter(completer)
        self.edit.installEventFilter(self)
        # While the completer's list is open it takes the key presses and hands Return straight to the box's own
        # key handler, past the event filter: on a real desktop the first Enter was lost (the name only went in on a
        # second Enter, and an ambiguous one said nothing). Enter in the open list is handled here too.
        self.popup = completer.popup()
        self.popup.installEventFilter(self)
        self.chosen = QListWidget()
        self.chosen.setFixedHeight(8 + rows * self.chosen.fontMetrics().height() * 3 // 2)
        self.chosen.installEventFilter(self)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #d32f2f;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.edit)

    def ids(self) -> list[int]:
        return [int(self.chosen.item(i).data(ID_ROLE)) for i in range(self.chosen.count())]

    def add(self, choice: Choice) -> bool:
        """Add a pick (once); False when it was there already."""
        if choice[0] in self.ids():
            return False
        item = QListWidgetItem(choice[1])
        item.setData(ID_ROLE, choice[0])
        self.chosen.addItem(item)
        if self.chosen.currentRow() < 0:
            self.chosen.setCurrentItem(item)  # the first pick is shown; later ones wait their turn on the route
        self.changed.emit()
        return True

    def set_ids(self, ids: list[int] | tuple[int, ...], labels: dict[int, str] | None = None) -> None:
        """Show these picks (an existing record); an id no longer offered keeps the label the record gives."""
        known = dict(self.choices) | (labels or {})
        for i in ids:
            self.add((i, known.get(i, str(i))))

    def add_typed(self) -> None:
        text = self.edit.text()
        if not text.strip():
            return
        match = best_match(self.choices, text)
        if match is None:
            self.error.setText(self.tr("No single match for “%1”: type more of the name.").replace("%1", text))
            self.error.show()
            return
        self.error.hide()
        self.add(match)
        self.edit.clear()

    def remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if watched is self.chosen and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_current()
                return True
            if watched is self.popup and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                highlighted = self.popup.currentIndex()
                self.popup.hide()
                if highlighted.isValid():
                    self.edit.setText(str(highlighted.data()))  # the line chosen with the arrows, by its full label
                self.add_typed()
                return True
            if watched is self.edit and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.add_typed()  # eaten: a QLineEdit lets Return through to the dialog, whose default button saves
                return True
            if watched is self.edit and event.key() == Qt.Key.Key_Backspace and not self.edit.text():
                self.chosen.setCurrentRow(self.chosen.count() - 1)  # Backspace in an empty box drops the last pick
                self.remove_current()
                return True
        return super().eventFilter(watched, event)
