"""A large package's import rebuilds the kept month counts instead of running their triggers per row (issue 23,
controllers.exchange.bulk_counts): the counts must be exactly the records' afterwards, the triggers back for the
next write, and a refused import must leave triggers and counts as they were. Both engines (on PostgreSQL the
triggers stay and must give the same result); the threshold is lowered so a small package counts as large."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.exchange import bulk_counts
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange.apply import Applier
from controllers.meetings import records as mt
from models import case_months, complaint_months
from models.case_months import CaseMonthCount
from models.cases import Case
from models.exchange import ExchangeTombstone
from models.meetings import Meeting
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


def _tombstones(ctx: AppContext) -> list[tuple[str, uuid.UUID]]:
    with ctx.db.session() as s:
        kept = s.scalars(select(ExchangeTombstone).order_by(ExchangeTombstone.entity, ExchangeTombstone.record_uuid))
        return [(t.entity, t.record_uuid) for t in kept]


def _deleted_here_long_ago(ctx: AppContext, entity: str, record: uuid.UUID) -> None:
    """A tombstone older than any record of the package: on first contact their record comes back."""
    with ctx.db.session() as s:
        s.add(ExchangeTombstone(entity=entity, record_uuid=record, deleted_at=datetime(2001, 1, 1),
                                record_updated_at=datetime(2001, 1, 1)))


def _station_with_a_meeting(ctx: AppContext, folder: Path) -> uuid.UUID:
    """Their package (folder/1.zip: a case, a complaint, a meeting); returns the meeting's UUID."""
    with other_station(folder / "b") as b:
        some_work(b)
        mt.create_meeting(b, kind="例会", held_on=date(2025, 3, 5), title="三月例会")
        exchange_export.export_package(b, folder / "1.zip")
        with b.db.session() as s:
            return s.scalars(select(Meeting.uuid)).one()


def test_a_large_import_bringing_back_a_record_deleted_here_leaves_no_tombstone(app_ctx: AppContext, tmp_path: Path,
                                                                                 large: None) -> None:
    """The untombstone triggers are set aside for a large import: their effect must still be there at the end, and
    they must be back for the next insert."""
    theirs = _station_with_a_meeting(app_ctx, tmp_path)
    _deleted_here_long_ago(app_ctx, "meetings", theirs)
    _deleted_here_long_ago(app_ctx, "meetings", uuid.UUID(int=42))  # a record that stays deleted keeps its own
    exchange_import.import_package(app_ctx, tmp_path / "1.zip")
    assert _tombstones(app_ctx) == [("meetings", uuid.UUID(int=42))]
    with app_ctx.db.session() as s:
        assert s.scalars(select(Meeting.uuid)).all() == [theirs]
        s.execute(delete(Meeting))
    assert _tombstones(app_ctx) == [("meetings", uuid.UUID(int=42)), ("meetings", theirs)]
    with app_ctx.db.engine.begin() as conn:  # the trigger is back: a plain insert takes the tombstone back
        conn.execute(insert(Meeting).values(uuid=theirs, kind="例会", held_on=date(2025, 3, 6),
                                                      title="另一会", created_at=datetime(2025, 3, 6),
                                                      updated_at=datetime(2025, 3, 6)))
    assert _tombstones(app_ctx) == [("meetings", uuid.UUID(int=42))]


def test_a_cancelled_large_import_leaves_tombstones_and_their_triggers_as_they_were(
        app_ctx: AppContext, tmp_path: Path, large: None, monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = _station_with_a_meeting(app_ctx, tmp_path)
    _deleted_here_long_ago(app_ctx, "meetings", theirs)
    real_apply = Applier.apply

    def cancelled_once_the_meeting_is_in(self: Applier, conn: Any, table: str, *args: Any, **kw: Any) -> Any:
        result = real_apply(self, conn, table, *args, **kw)
        if table == "meetings":
            assert result.inserted == 1  # in, its tombstone left for the end of the import
            raise exchange_import.ImportCancelled("已取消导入，未导入任何数据。")
        return result

    monkeypatch.setattr(Applier, "apply", cancelled_once_the_meeting_is_in)
    with pytest.raises(UserError):
        exchange_import.import_package(app_ctx, tmp_path / "1.zip")
    assert _tombstones(app_ctx) == [("meetings", theirs)]
    monkeypatch.setattr(Applier, "apply", real_apply)
    monkeypatch.setattr(bulk_counts, "BULK_RECOUNT_ROWS", 10**9)  # a small import: the triggers do the work
    exchange_import.import_package(app_ctx, tmp_path / "1.zip")
    assert _tombstones(app_ctx) == []
