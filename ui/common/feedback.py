"""One way to colour a result line (保存成功 / an error) with qt-material's .success / .danger classes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def tint(label: QLabel, *, error: bool, neutral: bool = False) -> None:
    """Set the label's class and re-polish it so the theme's colour follows at once."""
    label.setProperty("class", "danger" if error else ("" if neutral else "success"))
    label.style().unpolish(label)
    label.style().polish(label)


def say(label: QLabel, text: str, *, error: bool) -> None:
    """Show `text` in `label`, red for an error, green for a success."""
    tint(label, error=error)
    label.setText(text)


def fill(text: str, *args: object) -> str:
    """Put values into a translated text's %1, %2... (PySide's tr() returns a plain str without .arg)."""
    for i in range(len(args), 0, -1):  # from the highest so %1 does not eat the start of %10
        text = text.replace(f"%{i}", str(args[i - 1]))
    return text
