"""Reading a PDF's lines the way a reader sees them, and the Chinese line-breaking faults among them (issue 22).

`pdftotext -layout` keeps each printed line on one text line; cells of a table row stand side by side there, so a
line is cut into segments at runs of two or more spaces, and each segment is one printed line of one paragraph or
cell. Plain `pdftotext` (reading order) gives a cell's or paragraph's lines one after the other, which is where a
split unit or header word shows: "件/万" at the end of one line and "人" at the start of the next.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

CLOSING = "，。、；：？！）》」』】〉”’％"
OPENING = "（《「『【〈“‘"
UNIT = r"(?:件/万人|万人|个百分点|个工作日|工作日|人次|件|人|天|个|组|场|次|项|%|％|年|月|日)"
# Table header words that must never be cut inside ("不含重复万人" / "比", "违规处置生活垃" / "圾").
HEADER_WORDS = ("不含重复万人比", "违规处置生活垃圾", "不含重复", "常住人口", "逾期工作日", "本期重复", "关联案件",
                "处理状态", "去年同期", "发现日期", "复核日期", "整改期限", "挂账原因", "案件编号", "按期结案率",
                "按期回复", "未结案件", "移交件数", "发现问题", "逾期未检", "完成率", "万人比")


def _pdftotext(path: Path, *args: str) -> list[str]:
    assert shutil.which("pdftotext"), "pdftotext missing: install poppler-utils"
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")


def segments(path: Path) -> list[str]:
    """Every printed line of every paragraph and cell, from the layout text."""
    return [seg for page in _pdftotext(path, "-layout") for line in page.splitlines()
            for seg in re.split(r"\s{2,}", line.strip()) if seg]


def line_pairs(path: Path) -> list[tuple[str, str]]:
    """Consecutive lines in reading order, within a page (a page's foot and the next page's head are no pair)."""
    pairs: list[tuple[str, str]] = []
    for page in _pdftotext(path):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        pairs += list(itertools.pairwise(lines))
    return pairs


def faults(path: Path) -> list[str]:
    """Every line that breaks a rule, named with the rule (empty when the PDF is set by Chinese rules)."""
    found: list[str] = []
    for seg in segments(path):
        if seg[0] in CLOSING:
            found.append(f"starts with {seg[0]}: {seg!r}")
        if seg[-1] in OPENING:
            found.append(f"ends with {seg[-1]}: {seg!r}")
    for a, b in line_pairs(path):
        # A number ending a paragraph's line (a lone number or a date is a table cell of its own).
        if len(a) > 4 and re.search(r"(?<![\d-])\d+(?:\.\d+)?\s?$", a) and re.match(UNIT, b):
            found.append(f"unit split from its number: {a[-12:]!r} / {b[:12]!r}")
        if re.search(r"件/万?$", a):
            found.append(f"unit split: {a[-12:]!r} / {b[:12]!r}")
        if re.search(r"[%％]$", a) and re.match(r"（[\d/]", b):
            found.append(f"percentage split from its bracket: {a[-12:]!r} / {b[:12]!r}")
        # Body text may break inside a word (Chinese has no spaces); a header cell's lines are short.
        for word in HEADER_WORDS:
            short = max(len(a), len(b)) <= len(word) + 2
            if short and any(a.endswith(word[:k]) and b.startswith(word[k:]) for k in range(1, len(word))):
                found.append(f"word {word} split: {a[-12:]!r} / {b[:12]!r}")
    return found
