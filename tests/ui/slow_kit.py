"""A controller call that blocks until a GUI timer, still firing meanwhile, lets it go: the proof that a save runs
off the GUI thread. Were the call on the GUI thread, no timer could fire while it waits, and it would time out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer


class SlowCall:
    """`module.name` replaced by a call that waits; at each timer tick while it waits, `probe()` is noted in
    `seen`, and after `ticks` of them the call is let go. `stop()` the timer once the save has ended."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str, probe: Callable[[], Any],
                 ticks: int = 3) -> None:
        self.entered, self.release = threading.Event(), threading.Event()
        self.seen: list[Any] = []
        self._probe, self._ticks = probe, ticks
        real = getattr(module, name)

        def slow(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            if not self.release.wait(timeout=10):  # on the GUI thread this waits in vain: no timer fires meanwhile
                raise TimeoutError("the window froze: the GUI timer never ran while the save was blocked")
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, slow)
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if self.entered.is_set() and not self.release.is_set():
            self.seen.append(self._probe())
            if len(self.seen) == self._ticks:
                self.release.set()

    def stop(self) -> None:
        self.timer.stop()

    def blocked_while(self, expected: Any) -> bool:
        """True when the call was let go by the timer and every tick meanwhile saw `expected`."""
        return self.release.is_set() and self.seen == [expected] * self._ticks
