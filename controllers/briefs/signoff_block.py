"""The sign-off laid out at the end of a formal brief: 签发人/审核 right-aligned under the text, then the 版记 block
(报/送/发 between thin rules), kept on one page."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, Spacer

from controllers.briefs.signoff import LABELS, Signoff, clean
from controllers.documents.cjk_lines import CjkParagraph
from controllers.documents.pdf_fonts import cjk_style
from controllers.documents.pdf_pages import Text


def signoff_flowables(t: Text, signoff: Signoff, *, formal: bool = False) -> list[Any]:
    """签发人/审核 right under the text, then the 版记 block of 报/送/发 between rules, kept on one page.

    A formal brief always carries the 签发人 and 审核 lines: a name 设置 does not hold is left as a ruled blank to
    sign by hand, as an office's paper form has it. A preview prints only what is set."""
    s = clean(signoff)
    if s.empty and not formal:
        return []
    out: list[Any] = [Spacer(1, 6 * mm)]
    # A Paragraph folds runs of spaces (even 　): non-breaking spaces in the Latin font keep the gap.
    gap = f'<font name="{t.fonts.latin}">{"&nbsp;" * 6}</font>'
    blank = f'<font name="{t.fonts.latin}"><u>{"&nbsp;" * 24}</u></font>'

    def line(n: str) -> str:
        name = getattr(s, n)
        return t.markup(f"{LABELS[n]}：{name}") if name else t.markup(f"{LABELS[n]}：") + blank

    names = gap.join(line(n) for n in ("signer", "reviewer") if formal or getattr(s, n))
    if names:
        right = cjk_style("signoff", font=t.fonts.cjk, size=t.styles["body"].fontSize,
                          leading=t.styles["body"].leading, alignment=TA_RIGHT)
        out.append(CjkParagraph(names, right))
    lines = [(LABELS[n], getattr(s, n)) for n in ("report_to", "send_to", "issue_to") if getattr(s, n)]
    if lines:
        block: list[Any] = [Spacer(1, 8 * mm), HRFlowable(width="100%", thickness=0.75, spaceAfter=3)]
        for label, value in lines:
            block += [t.p(f"{label}：{value}", "record"), HRFlowable(width="100%", thickness=0.5, spaceAfter=3)]
        out.append(KeepTogether(block))
    return [KeepTogether(out[:2]), *out[2:]] if names else out
