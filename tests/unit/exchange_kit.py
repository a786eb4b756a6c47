"""Helpers for the exchange and migrate-to tests: a second station, a few records, reading them back by UUID."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from controllers.cases import records as case_records
from controllers.complaints import entry as complaints
from controllers.core.context import AppContext
from controllers.core.paths import DataDir
from controllers.storage.opening import open_data_dir
from models.cases import Case
from models.complaints import Complaint
from tests.unit.case_fixtures import category_id, make_estate


@contextmanager
def other_station(root: Path) -> Iterator[AppContext]:
    """A second station's data directory (its own database, seeded on its own, so reference UUIDs differ)."""
    ctx = open_data_dir(DataDir(root))
    try:
        yield ctx
    finally:
        ctx.close()


def some_work(ctx: AppContext) -> dict[str, Any]:
    """A case and a complaint with a complainant's name and phone; returns their UUIDs."""
    estate = make_estate(ctx, "梅川小区")
    case_id = case_records.create_case(ctx, category_id=category_id(ctx), estate_id=estate, source="巡查发现",
                                       found_date=date(2025, 3, 4), facts="楼顶违法搭建阳光房").id
    complaint_id = complaints.create_complaint(ctx, channel="来电", content="楼道堆物影响通行",
                                               complainant_name="欧阳娜娜", complainant_phone="13912345678",
                                               estate_id=estate)
    with ctx.db.session() as s:
        return {"case": s.get(Case, case_id).uuid, "complaint": s.get(Complaint, complaint_id).uuid}


def complaint(ctx: AppContext, uuid: Any) -> Complaint | None:
    with ctx.db.session() as s:
        return s.scalar(select(Complaint).where(Complaint.uuid == uuid))


def set_content(ctx: AppContext, uuid: Any, text: str) -> None:
    with ctx.db.session() as s:
        s.scalar(select(Complaint).where(Complaint.uuid == uuid)).content = text


def count(ctx: AppContext, model: Any) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def deleted_there_changed_here(a: AppContext, b: AppContext, folder: Path, title: str) -> Path:
    """A's meeting reached B; B renamed it to `title` while A deleted it. Returns A's package (not imported yet)."""
    from controllers.exchange import export as exchange_export
    from controllers.exchange import importer as exchange_import
    from controllers.meetings import records as mt

    meeting = mt.create_meeting(a, kind="例会", held_on=date(2025, 3, 5), title="三月例会")
    exchange_export.export_package(a, folder / "1.zip")
    exchange_import.import_package(b, folder / "1.zip")
    theirs = mt.list_meetings(b)[0]
    mt.update_meeting(b, theirs.id, kind="例会", held_on=date(2025, 3, 5), title=title)
    mt.delete_meeting(a, meeting.id)
    exchange_export.export_package(a, folder / "2.zip")
    return folder / "2.zip"
