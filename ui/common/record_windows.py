"""Opening one area's record window from another area's window, when the two cannot import each other.

The patrol window opens the cases its findings became (it imports the case window); the case window opens the
patrol it came from through here, so ui/ keeps no import circle. Each record window registers its opener when its
module is imported; the shell imports every page, so in the app every kind is there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from controllers.core.context import AppContext

Opener = Callable[[AppContext, int, QWidget | None], object]

_openers: dict[str, Opener] = {}


def register(kind: str, opener: Opener) -> None:
    """`kind` ("patrol") is opened by `opener(ctx, record id, parent)` from now on."""
    _openers[kind] = opener


def can_open(kind: str) -> bool:
    return kind in _openers


def open_record(kind: str, ctx: AppContext, record_id: int, parent: QWidget | None = None) -> bool:
    """Show the record in its window; False when no window for `kind` was registered."""
    opener = _openers.get(kind)
    if opener is None:
        return False
    opener(ctx, record_id, parent)
    return True
