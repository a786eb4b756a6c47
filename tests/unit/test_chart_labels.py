"""The value-label placement of the PDF charts: kept labels never overlap, never leave the plot, sit by their point."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from controllers.documents.chart_labels import Box, Wish, place_labels

PLOT = Box(0, 0, 400, 100)
GAP = 3.0
CASES = settings(max_examples=300, deadline=None, derandomize=True, database=None)


def _distance(box: Box, x: float, y: float) -> float:
    """How far the point is from the box (0 inside)."""
    dx = max(box.x0 - x, 0, x - box.x1)
    dy = max(box.y0 - y, 0, y - box.y1)
    return max(dx, dy)


def _lines(series: list[list[int]]) -> list[list[tuple[float, float]]]:
    n = len(series[0])
    step = PLOT.x1 / n
    return [[((i + 0.5) * step, float(v)) for i, v in enumerate(values)] for values in series]


values = st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=12)


@CASES
@given(st.lists(values, min_size=1, max_size=3).map(lambda xs: [x[:min(map(len, xs))] for x in xs]),
       st.sampled_from(["above", "below", "right", "left"]), st.integers(min_value=1, max_value=30))
def test_kept_labels_never_overlap_and_stay_in_the_plot_beside_their_point(series, prefer, width) -> None:
    lines = _lines(series)
    wishes = [Wish(x, y, float(width), 5.6, prefer=prefer) for line in lines for x, y in line]
    boxes = place_labels(wishes, PLOT, lines, gap=GAP)
    assert len(boxes) == len(wishes)
    kept = [(b, w) for b, w in zip(boxes, wishes, strict=True) if b is not None]
    for i, (a, _w) in enumerate(kept):
        for b, _v in kept[i + 1:]:
            assert not a.overlaps(b), (a, b)
    for box, w in kept:
        assert box.inside(PLOT)
        assert abs(box.x1 - box.x0 - w.width) < 1e-9 and abs(box.y1 - box.y0 - w.height) < 1e-9
        assert _distance(box, w.x, w.y) <= GAP + 1e-9  # beside its own point, not somewhere free
        for line in lines:
            for p, q in itertools.pairwise(line):
                assert not box.crosses(p, q)


def test_the_july_pair_gets_two_separate_labels_on_their_own_sides() -> None:
    """127 and 123 in one month (图 2's collision): the higher labels above, the lower below, both kept."""
    lines = [[(50.0, 60.0), (150.0, 127 / 2)], [(50.0, 58.0), (150.0, 123 / 2)]]
    wishes = [Wish(150, 127 / 2, 12, 5.6, prefer="above"), Wish(150, 123 / 2, 12, 5.6, prefer="below")]
    high, low = place_labels(wishes, PLOT, lines, gap=GAP)
    assert high is not None and low is not None
    assert high.y0 >= 127 / 2 + GAP and low.y1 <= 123 / 2 - GAP
    assert not high.overlaps(low)


def test_a_label_with_no_free_place_is_dropped() -> None:
    """Three labels at one point: above, then below; right and left would touch those two, so the third drops."""
    crowded = Box(0, 0, 30, 12)
    boxes = place_labels([Wish(15, 6, 10, 5, prefer="above")] * 3, crowded, gap=1, marker=0)
    assert boxes == [Box(10, 7, 20, 12), Box(10, 0, 20, 5), None]


def test_a_line_through_the_preferred_place_sends_the_label_to_the_other_side() -> None:
    line = [(0.0, 60.0), (100.0, 60.0)]  # horizontal, just above the point
    (box,) = place_labels([Wish(50, 55, 10, 5, prefer="above")], PLOT, [line, [(50.0, 55.0)]], gap=GAP)
    assert box is not None and box.y1 <= 55 - GAP


def test_segment_crossing() -> None:
    box = Box(0, 0, 10, 10)
    assert box.crosses((-5, 5), (15, 5))
    assert box.crosses((5, 5), (6, 6))
    assert not box.crosses((-5, 11), (15, 11))
    assert not box.crosses((-5, -5), (-1, 20))
    assert not box.crosses((10, -5), (10, 15))  # along an edge: touching, not through
