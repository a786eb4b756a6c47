"""A large package's import rebuilds the kept month counts instead of running their triggers per row (issue 23,
controllers.exchange.bulk_counts): the counts must be exactly the records' afterwards, the triggers back for the
next write, and a refused import must leave triggers and counts as they were. Both engines (on PostgreSQL the
triggers stay and must give the same result); the threshold is lowered so a small package counts as large."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.exchange import bulk_counts
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from models import case_months, complaint_months
from models.case_months import CaseMonthCount
from models.cases import Case
from tests.unit.case_fixtures import category_id, new_case
from tests.unit.exchange_kit import other_station, some_work
from tests.unit.kept_counts_kit import drift


def _found(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return sum(r.found for r in s.scalars(select(CaseMonthCount)))


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_counts, "BULK_RECOUNT_ROWS", 1)


def test_a_large_import_leaves_counts_exact_and_triggers_working(app_ctx: AppContext, tmp_path: Path,
                                                                  large: None) -> None:
    here = new_case(app_ctx, found_date=date(2024, 3, 9))  # counted here before the package arrives
    with other_station(tmp_path / "b") as b:
        some_work(b)
        exchange_export.export_package(b, tmp_path / "1.zip")
    exchange_import.import_package(app_ctx, tmp_path / "1.zip")
    assert drift(app_ctx.db, case_months) == [] and drift(app_ctx.db, complaint_months) == []
    assert _found(app_ctx) == 2
    new_case(app_ctx, here.estate_id, found_date=date(2024, 6, 1))  # the triggers are back: the next write is counted
    assert _found(app_ctx) == 3 and drift(app_ctx.db, case_months) == []


def test_a_cancelled_large_import_leaves_triggers_and_counts_as_they_were(app_ctx: AppContext, tmp_path: Path,
                                                                           large: None) -> None:
    here = new_case(app_ctx, found_date=date(2024, 3, 9))
    with other_station(tmp_path / "b") as b:
        some_work(b)
        exchange_export.export_package(b, tmp_path / "1.zip")
    stop = threading.Event()

    def cancel_after_first(read: int, _total: int) -> None:
        if read:
            stop.set()

    with pytest.raises(UserError):
        exchange_import.import_package(app_ctx, tmp_path / "1.zip", progress=cancel_after_first, cancel=stop)
    assert _found(app_ctx) == 1
    with app_ctx.db.session() as s:
        case = s.scalars(select(Case)).one()
        case.category_id = category_id(app_ctx, "C01")
    new_case(app_ctx, here.estate_id, found_date=date(2024, 7, 1))
    assert _found(app_ctx) == 2 and drift(app_ctx.db, case_months) == [] and drift(app_ctx.db, complaint_months) == []
