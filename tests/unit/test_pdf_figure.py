"""A brief's figure that misses the page by a little is shrunk onto it (no blank foot of page before a figure on
the next one); one that would have to shrink too far goes to the next page whole, caption with it."""

from __future__ import annotations

from io import BytesIO

import pytest
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from controllers.documents.pdf_figure import MIN_SCALE, FittedFigure

FIGURE_HEIGHT = 300.0


def _pages(room_share: float) -> tuple[int, float]:
    """Pages of a document whose first page leaves `room_share` of the figure's height (plus its caption)."""
    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4)
    drawing = Drawing(400, FIGURE_HEIGHT)
    drawing.add(Rect(0, 0, 400, FIGURE_HEIGHT))
    caption = Paragraph("Figure 1", getSampleStyleSheet()["Normal"])
    figure = FittedFigure(caption, drawing)
    caption_height = caption.wrap(doc.width, doc.height)[1]
    filler = doc.height - caption_height - FIGURE_HEIGHT * room_share - 12  # the spacer's own leading
    pages: list[int] = []
    doc.build([Spacer(1, filler), figure], onFirstPage=lambda c, d: pages.append(1),
              onLaterPages=lambda c, d: pages.append(1))
    return len(pages), figure.scale


@pytest.mark.parametrize(("room", "pages", "shrunk"), [(1.2, 1, False), (0.85, 1, True), (0.5, 2, False)])
def test_a_figure_shrinks_to_the_page_or_moves_whole(room: float, pages: int, shrunk: bool) -> None:
    n, scale = _pages(room)
    assert n == pages
    assert (scale < 1.0) == shrunk and scale >= MIN_SCALE
