"""Alembic migrations build exactly the ORM's schema, and the app upgrades a database at start."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from controllers.storage.opening import open_data_dir
from models import migrate
from models.db import Database
from models.schema import metadata
from models.search import is_search_table


def _orm_tables_only(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and is_search_table(name))


def test_upgrade_empty_database_to_head_matches_orm(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _orm_tables_only})
        diff = compare_metadata(ctx, metadata)
    assert diff == [], f"ORM and migrations disagree: {diff}"
    db.dispose()


def test_schema_head_constant_is_alembics_head(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    assert migrate.head_revision(db.engine) == migrate.SCHEMA_HEAD
    db.dispose()


def test_downgrade_to_base_and_back(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine)
    migrate.downgrade(db.engine, "base")
    with db.engine.connect() as conn:
        tables = set(conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"  # SQLite's own stats
        ).scalars())
    assert tables <= {"alembic_version"}
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)
    db.dispose()


def test_open_data_dir_upgrades_and_keeps_data(data_dir):
    ctx = open_data_dir(data_dir)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO property_companies (uuid, name, created_at, updated_at) "
            "VALUES ('0123456789abcdef0123456789abcdef', '测试物业', '2025-01-01', '2025-01-01')"
        )
    ctx.close()
    ctx = open_data_dir(data_dir)  # a second start runs upgrade and seeding again: nothing lost
    with ctx.db.engine.connect() as conn:
        names = list(conn.exec_driver_sql("SELECT name FROM property_companies").scalars())
    assert names == ["测试物业"]
    ctx.close()


@pytest.mark.sqlite_file
def test_database_uses_wal_and_foreign_keys(app_ctx):
    with app_ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    raw = sqlite3.connect(app_ctx.data_dir.database)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()


def _seed_0001_rows(conn):
    """A street, estate, category, case with its timeline and a referral, written in the first schema."""
    now = "'2025-03-05 09:00:00'"
    conn.exec_driver_sql(
        f"INSERT INTO streets (id, uuid, name, short_name, kind, sort_order, created_at, updated_at)"
        f" VALUES (1, '{'1' * 32}', '长征镇', '长征', '镇', 0, {now}, {now})"
    )
    conn.exec_driver_sql(
        f"INSERT INTO estates (id, uuid, name, street_id, pilot, created_at, updated_at)"
        f" VALUES (1, '{'2' * 32}', '梅岭苑', 1, 0, {now}, {now})"
    )
    conn.exec_driver_sql(
        f"INSERT INTO categories (id, uuid, code, name, deadline_days, working_days, referral_only, active,"
        f" sort_order, created_at, updated_at)"
        f" VALUES (1, '{'3' * 32}', 'C11', '物业未履职', 10, 1, 0, 1, 0, {now}, {now})"
    )
    conn.exec_driver_sql(
        f"INSERT INTO departments (id, uuid, name, sort_order, created_at, updated_at)"
        f" VALUES (1, '{'4' * 32}', '区房管局', 0, {now}, {now})"
    )
    conn.exec_driver_sql(
        f"INSERT INTO cases (id, uuid, number, year, street_id, seq, category_id, estate_id, source, found_date,"
        f" facts, status, version, created_at, updated_at) VALUES (7, '{'5' * 32}', '2025-长征-0001', 2025, 1, 1,"
        f" 1, 1, '巡查发现', '2025-03-01', '物业未及时劝阻群租', '立案', 1, {now}, {now})"
    )
    for i, kind in enumerate(("创建", "状态变更")):
        conn.exec_driver_sql(
            f"INSERT INTO case_events (uuid, case_id, at, actor, kind, created_at, updated_at)"
            f" VALUES ('{str(6 + i) * 32}', 7, {now}, '王明', '{kind}', {now}, {now})"
        )
    conn.exec_driver_sql(
        f"INSERT INTO referrals (uuid, case_id, department_id, referred_on, status, created_at, updated_at)"
        f" VALUES ('{'8' * 32}', 7, 1, '2025-03-06', '待回复', {now}, {now})"
    )


def test_upgrade_from_first_schema_keeps_cases_timelines_and_referrals(tmp_path):
    from sqlalchemy import select

    from models import search
    from models.cases import Case, Referral

    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0001")
    with db.engine.begin() as conn:
        _seed_0001_rows(conn)
    migrate.upgrade(db.engine)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM case_events WHERE case_id = 7").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
        found = conn.execute(select(Case.id).where(search.matches("cases_fts", "群租"))).all()
        assert found == [(7,)]
    with db.session() as s:
        case = s.get(Case, 7)
        assert case.penalty_amount is None and case.number == "2025-长征-0001"
        ref = s.scalar(select(Referral))
        ref.letter_no = "普城管移〔2025〕3号"
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.session() as s:
        s.get(Case, 7).penalty_amount = -5
    db.dispose()


def test_upgrade_to_supervision_keeps_data_and_takes_orders(tmp_path):
    """0012 (督办单) on a database at 0010 with a case, its timeline and a referral: all kept, and an order on the
    referral can be written with the constraints of the new table in force."""
    from datetime import date

    from sqlalchemy.exc import IntegrityError

    from models.supervision import SupervisionOrder

    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0010")
    with db.engine.begin() as conn:
        _seed_0001_rows(conn)
    migrate.upgrade(db.engine, "0012")
    assert migrate.current_revision(db.engine) == "0012"
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM case_events WHERE case_id = 7").scalar() == 2
        referral_id = conn.exec_driver_sql("SELECT id FROM referrals").scalar()
    fields = dict(station_name="长征镇社区工作室", year=2025, number=1, subject="移交", subject_label="移交区房管局",
                  reason="慢作为", reason_text="逾期未回函", addressee="区房管局", department_id=1,
                  issued_on=date(2025, 4, 1), issued_by="督导甲", working_days=5, deadline=date(2025, 4, 8),
                  status="待办理")
    with db.session() as s:
        s.add(SupervisionOrder(referral_id=referral_id, **fields))
    with pytest.raises(IntegrityError), db.session() as s:  # the same number twice in a year
        s.add(SupervisionOrder(case_id=7, **fields))
    migrate.downgrade(db.engine, "0010")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 1
    db.dispose()


def test_upgrade_to_month_counts_counts_the_complaints_already_there(tmp_path):
    """0015 on a database at 0014 holding complaints (one in the last microsecond of a local month, a repeat):
    the new table counts them by local month, the triggers count the next ones, and going down keeps them."""
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0014")
    stamps = ["2025-02-28 15:59:59.999999", "2025-02-28 16:00:00.000000", "2025-03-10 02:00:00.000000"]
    with db.engine.begin() as conn:
        for n, at in enumerate(stamps, start=1):
            conn.exec_driver_sql(
                "INSERT INTO complaints (id, uuid, created_at, updated_at, version, channel, received_at, content, "
                "status, repeat_of_id) VALUES (?, ?, ?, ?, 1, '来电', ?, 'x', '待处理', ?)",
                (n, f"{n:032x}", at, at, at, 1 if n == 3 else None))
    migrate.upgrade(db.engine)
    query = "SELECT month, estate_id, complaints, repeats FROM complaint_month_counts ORDER BY month"
    with db.engine.begin() as conn:
        assert conn.exec_driver_sql(query).fetchall() == [("2025-02-01", 0, 1, 0), ("2025-03-01", 0, 2, 1)]
        conn.exec_driver_sql("UPDATE complaints SET received_at = '2025-04-01 00:00:00.000000' WHERE id = 1")
        assert conn.exec_driver_sql(query).fetchall() == [("2025-02-01", 0, 0, 0), ("2025-03-01", 0, 2, 1),
                                                           ("2025-04-01", 0, 1, 0)]
    migrate.downgrade(db.engine, "0014")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM complaints").scalar() == 3
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name LIKE 'complaint_month%'"
                                    ).scalar() == 0
    db.dispose()


def _table_sql(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all())


def _lists_built_per_row(conn) -> dict[str, int]:
    """Tables whose INSERT builds a temporary b-tree (an IN list of a CHECK) for each row, and how many."""
    out = {}
    for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                        "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'"):
        plan = conn.exec_driver_sql(f'EXPLAIN INSERT INTO "{name}" DEFAULT VALUES').all()
        if built := sum(1 for step in plan if step[1] == "OpenEphemeral"):
            out[name] = built
    return out


def test_vocabulary_checks_become_comparisons_and_come_back(tmp_path):
    """0020 on a database at 0019 with rows in it: no INSERT builds a list per row any more, for the migrating
    engine and for a connection opened before, the rows still meet every rule, values outside a vocabulary are still
    refused; going down gives back exactly the text of before."""
    from sqlalchemy.exc import IntegrityError

    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0019")
    before = _table_sql(db.engine)
    insert = ("INSERT INTO complaints (uuid, created_at, updated_at, version, channel, received_at, content, status, "
              "satisfaction) VALUES (?, '2025-01-01', '2025-01-01', 1, ?, '2025-01-01', 'x', ?, ?)")
    with db.engine.begin() as conn:
        assert _lists_built_per_row(conn)["case_events"] == 3  # what 0020 is for
        conn.exec_driver_sql(insert, ("a" * 32, "来电", "已回复", "满意"))
    other = sqlite3.connect(tmp_path / "x.db")  # another program with the file open and its schema read
    assert other.execute("EXPLAIN INSERT INTO case_events DEFAULT VALUES").fetchall()
    migrate.upgrade(db.engine)
    with db.engine.begin() as conn:
        assert _lists_built_per_row(conn) == {}
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"  # CHECKs included
        conn.exec_driver_sql(insert, ("b" * 32, "12345热线", "待处理", None))
        for bad in (("c" * 32, "微信", "待处理", None), ("c" * 32, "来电", "已完成", None),
                    ("c" * 32, "来电", "待处理", "一般")):
            with pytest.raises(IntegrityError), conn.begin_nested():
                conn.exec_driver_sql(insert, bad)
    try:  # it reads the new text at its next statement (the schema version went up)
        assert other.execute("SELECT count(*) FROM complaints").fetchone() == (2,)
        plan = other.execute("EXPLAIN INSERT INTO case_events (kind) VALUES (NULL)").fetchall()  # not one cached
        assert not any(step[1] == "OpenEphemeral" for step in plan)
    finally:
        other.close()
    migrate.downgrade(db.engine, "0019")
    assert _table_sql(db.engine) == before
    db.dispose()
