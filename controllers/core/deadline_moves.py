"""A deadline moved by a calendar change: what the recomputations in cases and complaints report back.

Kept in core so that the case and complaint packages (one floor) and the year entry above them share one shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DeadlineMove:
    """One stored working-day date recomputed on the new calendar."""

    what: str  # 整改期限 / 移交回复期限 / 诉件答复期限
    record: str  # how the user finds it: the case or work-order number
    case_id: int | None  # the case whose timeline records the move, if any
    before: date
    after: date
