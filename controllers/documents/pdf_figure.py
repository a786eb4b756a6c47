"""A captioned figure that fits the room left on a page: drawn full size when it fits, shrunk (down to MIN_SCALE)
when the page has most of the room it needs, and moved to the next page only when it has much less.

A plain KeepTogether moved a chart that missed the page by a few lines to the next page, and the brief's first
page ended in a large blank gap."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Paragraph

MIN_SCALE = 0.7  # a chart smaller than this reads badly: it goes to the next page instead


class FittedFigure(Flowable):
    """The caption above the drawing, centred; the drawing scaled to the height available when that is enough."""

    def __init__(self, caption: Paragraph, drawing: Drawing) -> None:
        super().__init__()
        self.caption = caption
        self.drawing = drawing
        self.scale = 1.0
        self._caption_height = 0.0
        self._width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _w, self._caption_height = self.caption.wrap(availWidth, availHeight)
        room = availHeight - self._caption_height
        full = float(self.drawing.height)
        self.scale = 1.0 if room >= full or room < MIN_SCALE * full else room / full
        self._width = availWidth
        return availWidth, self._caption_height + full * self.scale

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # caption and drawing stay together: too little room moves both to the next page

    def draw(self) -> None:
        height = float(self.drawing.height) * self.scale
        self.caption.drawOn(self.canv, 0, height)
        self.canv.saveState()
        self.canv.translate((self._width - float(self.drawing.width) * self.scale) / 2, 0)
        self.canv.scale(self.scale, self.scale)
        self.drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()
