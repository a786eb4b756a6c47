"""Where a chart's value labels go: a pure function, boxes in and boxes out, shared by every PDF chart.

The rule, as a reader can check it on the page:
1. Labels are placed in the order given (the charts give this period's series first, then last year's), so when
   two collide the earlier series keeps its label.
2. Each label tries, in turn: its preferred side (a line chart asks above the point for the higher series at that
   position and below for the lower one; a bar chart asks right of the bar's end), the opposite side, then the
   remaining two – always `gap` points from the point.
3. A place is taken only if the label stays wholly inside the plot and touches no label already kept, no point
   marker and no line of any series (its own included).
4. A label with no free place is dropped; the value is still drawn as its point on the line.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in drawing units (y grows upwards, as in ReportLab)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1

    def crosses(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the segment a-b passes through the box's interior (Liang–Barsky clipping)."""
        (ax, ay), (bx, by) = a, b
        dx, dy = bx - ax, by - ay
        lo, hi = 0.0, 1.0
        for p, q in ((-dx, ax - self.x0), (dx, self.x1 - ax), (-dy, ay - self.y0), (dy, self.y1 - ay)):
            if p == 0:
                if q <= 0:  # parallel to this edge and outside (or on) it
                    return False
                continue
            t = q / p
            if p < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
            if lo >= hi:
                return False
        return True


@dataclass(frozen=True)
class Wish:
    """A label that would like to sit beside its point: its size and the side it prefers."""

    x: float
    y: float
    width: float
    height: float
    prefer: str = "above"  # one of SIDES


SIDES = ("above", "below", "right", "left")
OPPOSITE = {"above": "below", "below": "above", "right": "left", "left": "right"}


def _box(w: Wish, side: str, gap: float) -> Box:
    half_w, half_h = w.width / 2, w.height / 2
    if side == "above":
        return Box(w.x - half_w, w.y + gap, w.x + half_w, w.y + gap + w.height)
    if side == "below":
        return Box(w.x - half_w, w.y - gap - w.height, w.x + half_w, w.y - gap)
    if side == "right":
        return Box(w.x + gap, w.y - half_h, w.x + gap + w.width, w.y + half_h)
    return Box(w.x - gap - w.width, w.y - half_h, w.x - gap, w.y + half_h)


def place_labels(wishes: Sequence[Wish], plot: Box, lines: Sequence[Sequence[tuple[float, float]]] = (), *,
                 gap: float = 3.0, marker: float = 2.0) -> list[Box | None]:
    """One box per wish (None = dropped), following the module's rule; no two boxes overlap."""
    segments = [(a, b) for line in lines for a, b in itertools.pairwise(line)]
    markers = [Box(x - marker, y - marker, x + marker, y + marker) for line in lines for x, y in line]
    kept: list[Box] = []
    out: list[Box | None] = []
    for w in wishes:
        order = [w.prefer, OPPOSITE[w.prefer]] + [s for s in SIDES if s not in (w.prefer, OPPOSITE[w.prefer])]
        chosen = None
        for side in order:
            box = _box(w, side, gap)
            if (box.inside(plot) and not any(box.overlaps(k) for k in kept)
                    and not any(box.overlaps(m) for m in markers)
                    and not any(box.crosses(a, b) for a, b in segments)):
                chosen = box
                break
        out.append(chosen)
        if chosen is not None:
            kept.append(chosen)
    return out
