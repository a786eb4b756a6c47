"""Schema 0011 (inspections and patrols) upgrades a 0010 database with data in it, on both engines, and goes back."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from models import migrate
from models.db import Database

NOW = "'2025-03-05 01:00:00'"


def _rows_at_0010(db: Database) -> None:
    """Seeded grades, an estate of grade A, a case with a photo, as a 0010 station has them."""
    with db.engine.begin() as conn:
        for i, name in enumerate(("A级（重点管理）", "B级（常规管理）", "自定义级")):
            if conn.execute(text("SELECT count(*) FROM estate_grades WHERE name = :n"), {"n": name}).scalar() == 0:
                conn.execute(text(f"INSERT INTO estate_grades (uuid, name, sort_order, created_at, updated_at)"
                                  f" VALUES (:u, :n, {i}, {NOW}, {NOW})"), {"u": f"{i + 1:x}" * 32, "n": name})
        if conn.execute(text("SELECT count(*) FROM streets WHERE name = '长征镇'")).scalar() == 0:
            conn.execute(text(f"INSERT INTO streets (uuid, name, short_name, kind, sort_order, created_at, updated_at)"
                              f" VALUES ('{'a' * 32}', '长征镇', '长征', '镇', 0, {NOW}, {NOW})"))
        if conn.execute(text("SELECT count(*) FROM categories WHERE code = 'C05'")).scalar() == 0:
            conn.execute(text(f"INSERT INTO categories (uuid, code, name, deadline_days, working_days, referral_only,"
                              f" active, sort_order, created_at, updated_at) VALUES ('{'b' * 32}', 'C05', '违法搭建',"
                              f" 15, true, false, true, 0, {NOW}, {NOW})"))
        conn.execute(text(f"INSERT INTO estates (uuid, name, street_id, pilot, grade_id, created_at, updated_at)"
                          f" SELECT '{'c' * 32}', '迁移小区', s.id, false, g.id, {NOW}, {NOW} FROM streets s,"
                          f" estate_grades g WHERE s.name = '长征镇' AND g.name = 'A级（重点管理）'"))
        conn.execute(text(
            f"INSERT INTO cases (uuid, number, year, street_id, seq, category_id, estate_id, source, found_date, facts,"
            f" status, version, created_at, updated_at) SELECT '{'d' * 32}', '2025-长征-0901', 2025, e.street_id, 901,"
            f" c.id, e.id, '巡查发现', '2025-03-01', '楼顶搭建', '登记', 1, {NOW}, {NOW} FROM estates e, categories c"
            f" WHERE e.name = '迁移小区' AND c.code = 'C05'"))
        conn.execute(text(
            f"INSERT INTO attachments (uuid, sha256, filename, size_bytes, kind, case_id, created_at, updated_at)"
            f" SELECT '{'e' * 32}', '{'0' * 64}', 'roof.jpg', 10, '证据', id, {NOW}, {NOW} FROM cases"
            f" WHERE number = '2025-长征-0901'"))


def _check_upgraded(db: Database) -> None:
    with db.engine.begin() as conn:
        months = dict(conn.execute(text("SELECT name, inspection_months FROM estate_grades")).all())
        assert months["A级（重点管理）"] == 1 and months["B级（常规管理）"] == 2 and months["自定义级"] is None
        assert conn.execute(text("SELECT filename FROM attachments WHERE case_id IS NOT NULL")).scalars().all() == [
            "roof.jpg"]
        # The rebuilt attachments table still records its deletions for exchange packages.
        conn.execute(text(f"DELETE FROM attachments WHERE uuid = {_uuid(conn, 'e')}"))
        assert conn.execute(text("SELECT count(*) FROM exchange_tombstones WHERE entity = 'attachments'")).scalar() == 1
        # A photo belongs to exactly one owner, now possibly a patrol's checklist line.
        # (the engine's own integrity error, which differs between engines)
        with pytest.raises(Exception), conn.begin_nested():  # noqa: B017
            conn.execute(text(f"INSERT INTO attachments (uuid, sha256, filename, size_bytes, kind, created_at,"
                              f" updated_at) VALUES ('{'f' * 32}', '{'0' * 64}', 'x.jpg', 1, '证据', {NOW}, {NOW})"))


def _uuid(conn: object, digit: str) -> str:
    # SQLite stores a Uuid as 32 hex characters, PostgreSQL as its uuid type: compare as the engine does.
    return f"'{digit * 32}'" if conn.dialect.name == "sqlite" else f"'{digit * 32}'::uuid"  # type: ignore[attr-defined]


def _check_downgraded(db: Database) -> None:
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert not tables & {"patrols", "patrol_visits", "patrol_checks", "estate_grade_changes"}
        assert "patrol_check_id" not in {c["name"] for c in inspect(conn).get_columns("attachments")}
        assert conn.execute(text("SELECT count(*) FROM estates WHERE name = '迁移小区'")).scalar() == 1


def test_upgrade_from_0010_keeps_data_sets_the_seeded_plan_and_goes_back(tmp_path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0010")
    _rows_at_0010(db)
    migrate.upgrade(db.engine)
    _check_upgraded(db)
    migrate.downgrade(db.engine, "0010")
    _check_downgraded(db)
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.SCHEMA_HEAD
    db.dispose()


@pytest.mark.postgresql
def test_postgresql_upgrade_from_0010_keeps_data_and_goes_back(pg_url: str) -> None:
    db = Database.from_url(pg_url)
    try:
        migrate.downgrade(db.engine, "0010")
        _rows_at_0010(db)
        migrate.upgrade(db.engine)
        _check_upgraded(db)
        migrate.downgrade(db.engine, "0010")
        _check_downgraded(db)
        migrate.upgrade(db.engine)
    finally:
        db.dispose()
