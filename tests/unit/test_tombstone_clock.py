"""A deletion's stamp (written by the database's trigger, models.tombstone_triggers) and the app's stamps come from
one clock, so exchange compares like with like: a deletion is never older than the last edit made here before it,
and never newer than the app's "now" just after it. SQLite's 'now' and the app's clock both read this machine's
system clock (SQLite to the millisecond, rounded up); PostgreSQL's clock_timestamp() reads the server's, which for
the test server is this machine too."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.meetings import actions as ma
from controllers.meetings import records as mt
from models.exchange import ExchangeTombstone
from models.meetings import Meeting

MILLISECOND = timedelta(milliseconds=1)


def test_a_deletion_is_stamped_by_the_clock_that_stamps_the_edits(app_ctx: AppContext) -> None:
    meeting = mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 3, 5), title="三月例会",
                                actions=[ma.ActionInput("清理楼道堆物")])
    with app_ctx.db.session() as s:
        edited = s.scalars(select(Meeting.updated_at).where(Meeting.id == meeting.id)).one()
    before = clock.utcnow()
    mt.delete_meeting(app_ctx, meeting.id)
    after = clock.utcnow()
    with app_ctx.db.session() as s:
        rows = s.execute(select(ExchangeTombstone.entity, ExchangeTombstone.deleted_at))
        stamps = {entity: at for entity, at in rows}
    assert sorted(stamps) == ["meeting_actions", "meetings"]  # the cascaded item too
    for stamp in stamps.values():
        assert edited <= stamp and before - MILLISECOND <= stamp <= after + MILLISECOND
