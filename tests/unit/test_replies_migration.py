"""Schema 0013 (reply templates, typical cases, 12345 return marks) upgrades a 0010 database with data in it, the
new tables keep exchange tombstones, and it downgrades cleanly."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, select, text

from models import migrate
from models.cases import TypicalCase
from models.complaints import Complaint
from models.db import Database
from models.exchange import ExchangeTombstone
from models.reference import ReplyTemplate

NOW = "'2025-03-05 09:00:00'"


def _seed_0010(conn) -> None:
    conn.execute(text(f"INSERT INTO streets (id, uuid, name, short_name, kind, sort_order, created_at, updated_at)"
                      f" VALUES (1, '{'1' * 32}', '长征镇', '长征', '镇', 0, {NOW}, {NOW})"))
    conn.execute(text(f"INSERT INTO estates (id, uuid, name, street_id, pilot, created_at, updated_at)"
                      f" VALUES (1, '{'2' * 32}', '梅岭苑', 1, false, {NOW}, {NOW})"))
    conn.execute(text(f"INSERT INTO categories (id, uuid, code, name, deadline_days, working_days, referral_only,"
                      f" active, sort_order, created_at, updated_at)"
                      f" VALUES (1, '{'3' * 32}', 'C05', '违法搭建', 10, true, false, true, 0, {NOW}, {NOW})"))
    conn.execute(text(f"INSERT INTO cases (id, uuid, number, year, street_id, seq, category_id, estate_id, source,"
                      f" found_date, facts, status, version, created_at, updated_at) VALUES (7, '{'5' * 32}',"
                      f" '2025-长征-0001', 2025, 1, 1, 1, 1, '巡查发现', '2025-03-01', '楼顶搭建', '结案', 1, {NOW},"
                      f" {NOW})"))
    conn.execute(text(f"INSERT INTO complaints (id, uuid, work_order_no, channel, received_at, content, status,"
                      f" reply, case_id, version, created_at, updated_at) VALUES (3, '{'6' * 32}', 'GD1', '12345热线',"
                      f" {NOW}, '楼顶搭建', '已回复', '已处理', 7, 4, {NOW}, {NOW})"))


def test_upgrade_from_0010_keeps_complaints_and_adds_tables(tmp_path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0010")
    with db.engine.begin() as conn:
        _seed_0010(conn)
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.SCHEMA_HEAD
    with db.session() as s:
        c = s.get(Complaint, 3)
        assert (c.work_order_no, c.reply, c.version, c.return_sent_at, c.return_digest) == ("GD1", "已处理", 4, None,
                                                                                            None)
        s.add(ReplyTemplate(category_id=1, kind="办理结果", name="通用", body="您好，{小区}的问题已处理。"))
        s.add(TypicalCase(case_id=7, marked_on=date(2025, 4, 1), marked_by="王明", title="违法搭建典型案例"))
    with db.session() as s:
        s.delete(s.scalar(select(ReplyTemplate)))
        s.delete(s.scalar(select(TypicalCase)))
    with db.session() as s:  # deletions of the new tables travel like the others' (0010's triggers)
        assert sorted(s.scalars(select(ExchangeTombstone.entity))) == ["reply_templates", "typical_cases"]
    migrate.downgrade(db.engine, "0010")
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert "reply_templates" not in tables and "typical_cases" not in tables
        columns = {c["name"] for c in inspect(conn).get_columns("complaints")}
        assert "return_sent_at" not in columns and "return_digest" not in columns
        assert conn.execute(text("SELECT work_order_no, version FROM complaints")).all() == [("GD1", 4)]
    db.dispose()
