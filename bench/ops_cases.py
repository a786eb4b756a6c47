"""Case book timings: the page opened with its first rows, a combined filter, and 2- and 4-character searches."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bench import BenchEnv, operation, timer

SEARCH_TERMS = ("群租", "搭建", "违法搭建")
_app: Any = None


def _application() -> Any:
    """The dressed QApplication (font, translators, theme), created once for the process, offscreen."""
    global _app
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if _app is None:
        from ui.shell.app import create_application

        _app = create_application()
    return _app


@operation("casebook_open_ms")
def casebook_open(env: BenchEnv) -> float:
    """From constructing the page to its first rows in the model: choices, the count and the first window."""
    app = _application()
    ctx = env.context()
    from ui.cases.page import CaseBookPage

    with timer() as t:
        page = CaseBookPage(ctx, None)
        page.resize(1366, 768)
        page.show()
        while page.model.loaded_rows() == 0 and page.model.total() > 0:
            app.processEvents()
    page.close()
    page.deleteLater()
    app.processEvents()
    return t.ms


def _first_window(env: BenchEnv, f: Any) -> None:
    from controllers.cases.listing import count_cases, fetch_window

    ctx = env.context()
    count_cases(ctx, f)
    fetch_window(ctx, f, offset=0, limit=100)


@operation("case_filter_ms")
def case_filter(env: BenchEnv) -> float:
    """Two statuses + a street + a found-date range + overdue: the count and the first window."""
    from controllers.cases.listing import CaseFilter
    from controllers.core import clock
    from controllers.reference.choices import street_choices

    street_id = street_choices(env.context())[0][0]
    f = CaseFilter(statuses=("责令整改", "复查"), street_ids=(street_id,), overdue=True,
                   found_from=clock.today() - timedelta(days=365), found_to=clock.today())
    with timer() as t:
        _first_window(env, f)
    return t.ms


@operation("case_search_ms")
def case_search(env: BenchEnv) -> float:
    """The slowest of 群租, 搭建 (2 characters) and 违法搭建 (4): the count and the first window."""
    from controllers.cases.listing import CaseFilter

    slowest = 0.0
    for term in SEARCH_TERMS:
        with timer() as t:
            _first_window(env, CaseFilter(query=term))
        slowest = max(slowest, t.ms)
    return slowest
