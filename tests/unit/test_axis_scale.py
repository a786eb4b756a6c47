"""The dashboard's value axes end at round numbers and put their grid lines on round numbers, whatever the data:
a bar is read against the line below it, and 14,801 is not a number anyone reads a chart by."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from ui.dashboard.axis_scale import nice_scale

ROUND = (1.0, 2.0, 2.5, 5.0)


def _is_round(step: float) -> bool:
    mantissa = step / 10.0 ** math.floor(math.log10(step))
    return any(math.isclose(mantissa, r, rel_tol=1e-9) for r in ROUND)


tops = st.one_of(st.floats(min_value=0.0, max_value=1e9, allow_nan=False), st.integers(0, 3_000_000).map(float))


@given(top=tops, room=st.floats(min_value=1.0, max_value=1.5), whole=st.booleans())
@example(top=5e-324, room=1.0, whole=False)  # the least float above zero: the step underflowed to 0 (seen in CI)
@example(top=1e-300, room=1.1, whole=True)
def test_axis_holds_the_largest_value_with_its_room_on_a_round_grid(top: float, room: float, whole: bool) -> None:
    scale = nice_scale(top, room, whole=whole)
    assert scale.upper >= top * room * (1 - 1e-12)  # the tallest bar and its label fit
    assert 2 <= scale.ticks <= 5  # at most four steps above zero
    assert _is_round(scale.step)
    assert math.isclose(scale.upper, (scale.ticks - 1) * scale.step, rel_tol=1e-9)
    if top > 0:  # no wasted step: one step less would not hold it
        assert (scale.ticks - 2) * scale.step < top * room * (1 + 1e-9)
    if whole:  # counts: every grid line a whole number
        assert scale.step >= 1 and scale.step == int(scale.step)
    # The label format prints every grid line exactly.
    for i in range(scale.ticks):
        value = i * scale.step
        assert math.isclose(float(f"{value:.{scale.decimals}f}"), value, rel_tol=1e-9, abs_tol=1e-12)


def test_the_district_chart_reads_in_tens_of_thousands() -> None:
    # The 1,000,000-case demo's busiest month had 53,821 cases: the axis ran to 59,203 in steps of 14,801.
    scale = nice_scale(53_821, whole=True)
    assert (scale.upper, scale.step, scale.decimals) == (60_000, 20_000, 0)


def test_an_empty_count_axis_still_counts_in_whole_cases() -> None:
    scale = nice_scale(0, whole=True)
    assert scale.step == 1 and scale.decimals == 0 and scale.upper >= 1


def test_small_rates_keep_the_digits_they_need() -> None:
    scale = nice_scale(0.42)  # per 10,000 residents in a quiet estate
    assert (scale.upper, scale.step, scale.decimals) == (0.6, 0.2, 1)
    assert (nice_scale(0.09).step, nice_scale(0.09).decimals) == (0.05, 2)
