"""Printing an assessment-family A4 document (考核情况表, 工作通报): the 简报 fonts at 12 pt, the station's masthead,
written atomically, so both sheets share one way to reach paper."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from controllers.briefs.work_brief import masthead_title
from controllers.core.context import AppContext
from controllers.documents.pdf_pages import BriefResult, Text, brief_fonts, build_a4, write_atomically
from controllers.station.settings import get_station_name

# (text, station name, masthead title) -> the document's flowables
StoryOf = Callable[[Text, str, str], list[Any]]


def render_a4(ctx: AppContext, path: str | os.PathLike[str], story_of: StoryOf, *, doc_title: str,
              keyword: str) -> BriefResult:
    fonts = brief_fonts(ctx)
    t = Text(fonts, base=12)
    station = get_station_name(ctx)
    content = story_of(t, station, masthead_title(ctx))
    counter = {"pages": 0}

    def build(tmp: str) -> None:
        build_a4(tmp, content, fonts, counter, title=doc_title, station=station, subject=doc_title,
                 keywords=[keyword])

    write_atomically(path, build)
    return BriefResult(path=Path(path), pages=counter["pages"], title=doc_title, number=None)
