"""Chinese line breaking for every PDF paragraph: 标点禁则 and numbers kept with their units.

ReportLab's wordWrap='CJK' breaks between any two characters and only hangs one closing mark in the margin, so
briefs printed lines ending on "（" ("93.1%（" / "285/306）"), units split across lines ("件/万" / "人") and table
headers split inside a word ("违规处置生活垃" / "圾"). `CjkParagraph` breaks lines by these rules instead:

- no line starts with a closing mark (，。、；：？！）》」』】”’％ …) and none ends with an opening one (（《「『【“‘);
- a number stays with its unit ("0.8 件/万人", "15 个工作日"), a percentage with its bracket ("93.1%（285/306）"),
  a date with its parts ("2026年9月30日"), a run of Latin letters or digits ("2026-02-04") stays whole;
- a space never starts a line (it stays, invisible, at the end of the one before);
- `HeaderParagraph` (table headers) breaks only between words: at a space, after "/" or before "（"; the table
  shrinks its font so each word fits (see `fit_size`).
When no allowed break fits (one unbreakable run longer than the line) the line breaks where it overflows, so a
paragraph always comes out. `break_points` is the rule set on plain text, tested without ReportLab.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

# Marks that cannot start a line (closing brackets and quotes, stops, percent, ellipsis/dash continuations).
CANNOT_START = "，。、；：？！）》」』】〉〕］｝”’％‰℃·…—～,.;:?!)]}%"
# Marks that cannot end a line (opening brackets and quotes).
CANNOT_END = "（《「『【〈〔［｛“‘([{"

# Units a number keeps (longest first, so "件/万人" wins over "件").
UNITS = ("件/万人", "个百分点", "个工作日", "工作日", "万人", "人次", "万元", "小时", "平方米", "公里", "个月", "号楼",
         "场", "层", "室", "栋", "幢", "台", "辆", "张", "份",
         "件", "人", "天", "个", "组", "期", "页", "次", "户", "处", "条", "项", "元", "分", "岁", "周", "家",
         "名", "起", "宗", "米", "万", "年", "月", "日", "号", "%", "％")
_NUMBER = r"[-+]?\d[\d,]*(?:\.\d+)?"
_UNIT = "|".join(re.escape(u) for u in UNITS)
KEEP_TOGETHER = re.compile(
    "|".join((
        r"\d{4}年\d{1,2}月(?:\d{1,2}日)?",  # a date in words
        r"\d{1,2}月\d{1,2}日",
        r"件/万人",  # a unit on its own too: a header "万人比（件/万人）" must not break after its "/"
        rf"{_NUMBER}(?:[%％]|\s?(?:{_UNIT}))(?:（[\d/.,%％+\-]+）)?",  # number + unit, % + its bracket
        r"[!-~]+",  # a run of Latin letters, digits and ASCII marks: an ISO date, a case number, 285/306
        r"(?:——)+|(?:……)+",  # the two-em dash and the ellipsis are one mark each
    ))
)
# Where a table header may break: after a space or "/", before an opening bracket.
_HEADER_BREAK_AFTER = " /　"
_HEADER_BREAK_BEFORE = "（("


def break_points(text: str, *, words_only: bool = False) -> list[bool]:
    """For each index i in 0..len(text), whether a new line may start at i (0 and len(text) always may)."""
    n = len(text)
    ok = [True] * (n + 1)
    for i in range(1, n):
        before, here = text[i - 1], text[i]
        forbidden = here in CANNOT_START or before in CANNOT_END or here.isspace()
        between_words = before in _HEADER_BREAK_AFTER or here in _HEADER_BREAK_BEFORE
        ok[i] = not forbidden and (between_words or not words_only)
    for match in KEEP_TOGETHER.finditer(text):
        for i in range(match.start() + 1, match.end()):
            ok[i] = False
    return ok


def header_words(text: str) -> list[str]:
    """A header cut where `HeaderParagraph` may break it: the pieces that must each fit on one line."""
    ok = break_points(text, words_only=True)
    cuts = [i for i in range(len(text) + 1) if ok[i]]
    return [text[a:b].strip() for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def fit_size(text: str, width: float, measure: Callable[[str, float], float], size: float, *,
             smallest: float = 6.0) -> float:
    """The font size (at most `size`) at which every word of a header fits `width` on one line.

    `measure(text, size)` gives the printed width (PdfFonts.width: Latin runs are in the Latin font).
    """
    widest = max((measure(w, size) for w in header_words(text)), default=0.0)
    if widest <= width or widest == 0:
        return size
    return max(smallest, size * width / widest * 0.98)


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):  # a percentage width (images): as ReportLab measures it
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


class CjkParagraph(Paragraph):
    """A Paragraph whose CJK wrap follows `break_points` (use with a wordWrap='CJK' style, see cjk_style)."""

    words_only = False

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if getattr(self, "_splitpara", 0) and hasattr(self, "blPara"):
            return self.blPara  # the first half of a split paragraph keeps the lines it was split with
        if self.bulletText or self.style.endDots:
            return super().breakLinesCJK(maxWidths)
        widths: Sequence[float] = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        self.height = 0
        glyphs: list[Any] = []
        for frag in self.frags:
            text = frag.text if not isinstance(frag.text, bytes) else frag.text.decode("utf8")
            glyphs.extend(cjkU(ch, frag, "utf8") for ch in text) if text else glyphs.append(cjkU("", frag, "utf8"))
        # An empty glyph (a <br/> or an image) counts as one neutral character for the rules.
        ok = break_points("".join(str(u) or "\ufffc" for u in glyphs), words_only=self.words_only)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        bounds = auto not in ("", "off")
        lines: list[Any] = []
        start = i = 0
        used = 0.0

        def close(end: int, width: float, forced: bool) -> None:
            nonlocal start, used
            line_max = widths[min(len(lines), len(widths) - 1)]
            lines.append(makeCJKParaLine(glyphs[start:end], line_max, width, line_max - width, forced, bounds))
            start, used = end, 0.0

        while i < len(glyphs):
            u = glyphs[i]
            line_max = widths[min(len(lines), len(widths) - 1)]
            w = _width(u, line_max)
            if hasattr(u.frag, "lineBreak"):
                close(i + 1, used + w, True)
                i += 1
                continue
            if used + w > line_max + 1e-8 and i > start:
                end = next((k for k in range(i, start, -1) if ok[k]), None)
                if end is None:  # one unbreakable run longer than the line: hang a closing mark, else cut here
                    end = i + 1 if str(u) in CANNOT_START else i
                close(end, sum(_width(g, line_max) for g in glyphs[start:end]), False)
                i = end
                continue
            used += w
            i += 1
        if start < len(glyphs):
            close(len(glyphs), used, False)
        return ParaLines(kind=1, lines=lines)


class HeaderParagraph(CjkParagraph):
    """A table header: breaks only between words (pair it with `fit_size` so every word fits its column)."""

    words_only = True
