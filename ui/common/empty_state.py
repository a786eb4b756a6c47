"""What an empty page shows instead of a blank table: what is missing, and buttons that lead to the next step.

Every list page uses the same widget through `EmptyStack`: the list when it has rows, else this note, so a
first start never ends at an empty grid with nothing to click.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

# One next step: the button's text and what clicking it does.
Link = tuple[str, Callable[[], None]]
# What an empty list says: headline, explanation and its next steps.
State = tuple[str, str, Sequence[Link]]


class EmptyState(QWidget):
    """A headline, a line of explanation and up to a few link buttons, centred on the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.headline = QLabel(self)
        self.headline.setObjectName("emptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = QLabel(self)
        self.detail.setObjectName("emptyDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.buttons: list[QPushButton] = []
        self.button_row = QHBoxLayout()
        self.button_row.addStretch(1)
        self.button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addSpacing(12)
        layout.addLayout(self.button_row)
        layout.addStretch(2)

    def show_state(self, headline: str, detail: str = "", links: Sequence[Link] = ()) -> None:
        """Replace the text and the buttons (the right next step changes as the station fills its data)."""
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        for button in self.buttons:
            self.button_row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for index, (text, action) in enumerate(links):
            button = QPushButton(text, self)
            button.setObjectName(f"emptyLink{index}")
            button.clicked.connect(lambda _checked=False, act=action: act())
            self.button_row.insertWidget(1 + index, button)
            self.buttons.append(button)

    def link(self, text: str) -> QPushButton:
        """The link button with this text (tests click it)."""
        return next(b for b in self.buttons if b.text() == text)


class EmptyStack(QStackedWidget):
    """The page's list, or the empty state when the list has no rows."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.empty = EmptyState(self)
        self.addWidget(content)
        self.addWidget(self.empty)

    def show_for(self, count: int, *, filtered: bool, state: Callable[[], State],
                 clear: Callable[[], None] | None = None) -> None:
        """The list when it has rows; else the page's next steps, or, when a filter hides every row, a way back."""
        if count:
            self.setCurrentWidget(self.content)
            return
        if filtered:
            # Literal contexts: lupdate reads translate() calls, not the tr() of another object.
            self.empty.show_state(QCoreApplication.translate("EmptyState", "Nothing matches the filters"), "",
                                  [(QCoreApplication.translate("EmptyState", "Clear the filters"), clear)]
                                  if clear else [])
        else:
            self.empty.show_state(*state())
        self.setCurrentWidget(self.empty)

    def is_empty_shown(self) -> bool:
        return self.currentWidget() is self.empty
