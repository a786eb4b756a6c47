"""One estate's checklist in the patrol form: the categories with 正常 / 发现问题 / 不适用, a place and a note.

Keys (no mouse needed): type a category's code (c05) to jump to it; Z marks 正常, F 发现问题 (and opens its place,
Tab to the note, Enter done), B 不适用 (pinyin initials).
Who was met: Alt+W 物业, Alt+J 居委, Alt+Y 业委会 (the focus stays in the list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from controllers.inspections.patrols import MET_ROLES, CheckInput
from controllers.reference.choices import Choice
from ui.common.column_width import fit_column
from ui.common.tints import WARNING_TINT, TintDelegate

NORMAL, FOUND, NOT_APPLICABLE = "正常", "发现问题", "不适用"
RESULT_KEYS = {"Z": NORMAL, "F": FOUND, "B": NOT_APPLICABLE}
MET_KEYS = dict(zip(MET_ROLES, ("W", "J", "Y"), strict=True))
FOUND_COLOR = QColor(211, 47, 47)
QUIET_COLOR = QColor(117, 117, 117)
COL_CATEGORY, COL_RESULT, COL_PLACE, COL_NOTE = range(4)


class ChecklistTable(QTableWidget):
    """The categories as rows; only the place and note cells are editable (F2, or marking a finding)."""

    def __init__(self, categories: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(len(categories), 4, parent)
        self.setHorizontalHeaderLabels([self.tr("Category"), self.tr("Result"), self.tr("Place"), self.tr("Note")])
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the checklist; inside an open cell it goes place -> note
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_CATEGORY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_RESULT, QHeaderView.ResizeMode.Interactive)
        fit_column(self, COL_RESULT, 96)
        header.setSectionResizeMode(COL_PLACE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        fit_column(self, COL_PLACE, 150)
        self.category_ids: list[int] = []
        self._code = ""  # the category code being typed
        for row, (category_id, label) in enumerate(categories):
            self.category_ids.append(category_id)
            for col, text in ((COL_CATEGORY, label), (COL_RESULT, NORMAL), (COL_PLACE, ""), (COL_NOTE, "")):
                item = QTableWidgetItem(text)
                if col in (COL_CATEGORY, COL_RESULT):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, col, item)
        self.setItemDelegate(TintDelegate(self))
        self.setCurrentCell(0, COL_CATEGORY)

    def result(self, row: int) -> str:
        return self.item(row, COL_RESULT).text()

    def mark(self, row: int, result: str) -> None:
        item = self.item(row, COL_RESULT)
        item.setText(result)
        font = QFont(item.font())
        font.setBold(result == FOUND)
        item.setFont(font)
        color = FOUND_COLOR if result == FOUND else QUIET_COLOR if result == NOT_APPLICABLE else None
        item.setForeground(QBrush(color) if color is not None else QBrush())
        # The whole line of a finding in the house's warning tint (the theme hides text colours in tables).
        for col in range(self.columnCount()):
            self.item(row, col).setBackground(QBrush(WARNING_TINT) if result == FOUND else QBrush())

    def row_of(self, category_id: int) -> int:
        return self.category_ids.index(category_id) if category_id in self.category_ids else -1

    def set_line(self, line: CheckInput) -> None:
        row = self.row_of(line.category_id)
        if row >= 0:
            self.mark(row, line.result)
            self.item(row, COL_PLACE).setText(line.place or "")
            self.item(row, COL_NOTE).setText(line.note or "")

    def lines(self) -> tuple[CheckInput, ...]:
        return tuple(CheckInput(cid, self.result(row), self.item(row, COL_PLACE).text(),
                                self.item(row, COL_NOTE).text()) for row, cid in enumerate(self.category_ids))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text().upper()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        row = self.currentRow()
        if plain and text in RESULT_KEYS and row >= 0 and self.state() != QAbstractItemView.State.EditingState:
            self._code = ""
            result = RESULT_KEYS[text]
            self.mark(row, result)
            if result == FOUND:
                self.setCurrentCell(row, COL_PLACE)
                self.editItem(self.item(row, COL_PLACE))
            elif row + 1 < self.rowCount():
                self.setCurrentCell(row + 1, COL_CATEGORY)
            return
        if plain and self.state() != QAbstractItemView.State.EditingState and self.jump(text):
            return
        super().keyPressEvent(event)

    def jump(self, text: str) -> bool:
        """C starts a category code, each digit narrows it (C, 0, 5 -> C05): the row found becomes current."""
        if text == "C":
            self._code = "C"
        elif text.isdigit() and self._code:
            self._code += text
        else:
            return False
        labels = [self.item(row, COL_CATEGORY).text().upper() for row in range(self.rowCount())]
        found = next((row for row, label in enumerate(labels) if label.startswith(self._code)), -1)
        if found >= 0:
            self.setCurrentCell(found, COL_CATEGORY)
        return True


class EstateChecklist(QWidget):
    """Who was met at one estate (by role) and its checklist."""

    def __init__(self, estate_id: int, estate: str, categories: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.estate_id = estate_id
        self.title = QLabel(estate)
        self.title.setStyleSheet("font-weight: bold;")
        self.met = {role: QCheckBox(f"{role}（Alt+{key}）") for role, key in MET_KEYS.items()}
        for role, key in MET_KEYS.items():
            # A shortcut, not a mnemonic: the box toggles and the focus stays in the checklist.
            QShortcut(QKeySequence(f"Alt+{key}"), self, activated=self.met[role].toggle,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table = ChecklistTable(categories)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Met:")))
        for box in self.met.values():
            top.addWidget(box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

    def met_roles(self) -> tuple[str, ...]:
        return tuple(role for role, box in self.met.items() if box.isChecked())
