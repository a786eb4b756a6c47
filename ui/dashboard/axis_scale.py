"""Round numbers for a chart's value axis: 0, 20,000, 40,000, 60,000, not 0, 14,801, 29,602, 44,402, 59,203.

QtCharts puts a fixed number of ticks evenly over whatever range it is given, so an axis ending at 1.1 times the
largest bar reads in fractions of it. A person reads a bar against the grid line below it; that line should say a
number one would write down. Pure arithmetic (no Qt), so it is tested without a window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Steps tried within each power of ten, smallest first. 2.5 only from 10 up, where it still gives whole numbers
# (25, 250): a count axis must never say 2.5 cases, and a rate's labels keep one digit per power of ten.
_STEPS = (1.0, 2.0, 2.5, 5.0)
_TICKS = 4  # at most this many intervals above zero: enough grid lines to read a bar, few enough to stay legible
# The finest step an axis takes: six decimals are more than any rate on the dashboard shows, and a value far smaller
# (5e-324, the least float above zero) made the step underflow to zero (math domain error, seen in CI).
_FINEST = 1e-6


@dataclass(frozen=True)
class Scale:
    upper: float  # the axis runs from 0 to here
    step: float  # the distance between grid lines
    decimals: int  # digits after the point the labels need to show every step exactly

    @property
    def ticks(self) -> int:
        """Grid lines including 0 and the top (QValueAxis.setTickCount)."""
        return round(self.upper / self.step) + 1


def nice_scale(top: float, room: float = 1.1, *, whole: bool = False) -> Scale:
    """The smallest round axis from 0 that holds `top * room` in at most four steps. `whole`: the values are counts,
    so no step is below 1 and none is fractional."""
    target = top * room if top > 0 else (4.0 if whole else 1.0)
    raw = max(target / _TICKS, _FINEST)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next((s * power for s in _STEPS if s * power >= raw * (1 - 1e-12)
                 and (s != 2.5 or power >= 10)), 10 * power)
    if whole:
        step = max(1.0, float(math.ceil(step)))
    intervals = max(1, math.ceil(target / step - 1e-9))
    decimals = 0 if step >= 1 else -math.floor(math.log10(step) + 1e-12)  # 0.05 → 2 (no 2.5 below ten)
    return Scale(upper=round(intervals * step, decimals + 1), step=step, decimals=decimals)  # 3 x 0.2 is 0.600…01

