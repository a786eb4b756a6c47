"""Another program holding SQLite's write lock past the busy timeout: every controller call that meets it refuses with
the one Chinese DATABASE_BUSY message (a UserError, which every screen and command shows), writes nothing, and the
desk goes on working once the other program lets go. The same engine hook (storage.opening) turns the other failure
that depends on the engine, a NUL character PostgreSQL cannot take, into a Chinese refusal."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from controllers.complaints import entry as complaints
from controllers.core.errors import DATABASE_BUSY, UserError
from controllers.core.paths import DataDir
from controllers.station import settings
from controllers.storage.opening import open_data_dir
from models import db as model_db
from models.complaints import Complaint
from tests.unit.bad_input_kit import assert_chinese_message


@contextmanager
def _other_program_writing(data_dir: DataDir) -> Iterator[None]:
    holder = sqlite3.connect(data_dir.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # what another program's long write transaction looks like to us
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_write_while_another_program_holds_the_lock_is_refused_in_chinese(data_dir: DataDir,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_db, "BUSY_TIMEOUT_MS", 50)  # the test need not wait the real 10 s
    ctx = open_data_dir(data_dir)
    try:
        with _other_program_writing(data_dir):
            with pytest.raises(UserError) as refused:
                complaints.create_complaint(ctx, channel="来电", content="楼道堆物")
            assert refused.value.message == DATABASE_BUSY
            assert_chinese_message(refused.value)
            with pytest.raises(UserError, match="另一个程序"):
                settings.set_followup_days(ctx, 30)
        # The other program is gone: the same desk writes again, and nothing of the refused writes is there.
        complaints.create_complaint(ctx, channel="来电", content="楼道堆物")
        with ctx.db.session() as s:
            assert s.scalar(select(func.count()).select_from(Complaint)) == 1
    finally:
        ctx.close()


@pytest.mark.parametrize("typed", ["2025-长征-0001\x00", "\x00"])
def test_a_nul_character_in_a_lookup_is_refused_in_chinese_on_every_engine(app_ctx, typed: str) -> None:
    """PostgreSQL cannot take a NUL in any text parameter (a paste from a binary file); SQLite can. Either way the
    user reads a Chinese refusal, never a crash that depends on the engine."""
    from controllers.meetings import links

    with pytest.raises(UserError) as refused:
        links.find_case(app_ctx, typed)
    assert_chinese_message(refused.value, [typed])
