"""The 设置 sections' shared layout: one row of widgets side by side."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def side_by_side(*widgets: QWidget) -> QHBoxLayout:
    """The widgets side by side, in order (a folder field and its buttons, a section's action buttons)."""
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    return layout
