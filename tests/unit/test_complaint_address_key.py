"""Complaint.address_key (the normalised address repeat detection looks up) is filled by migration 0006 and kept
in step by every write path: entry and edits (ORM), the 12345 import and the demo generator (Core inserts)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from controllers.complaints import importer as ci
from controllers.complaints.entry import create_complaint
from controllers.complaints.repeats import detect_repeats
from controllers.core.context import AppContext
from controllers.demo.generator import generate_demo
from models import migrate
from models.complaints import Complaint
from models.db import Database
from models.normalize import normalize_address
from models.reference import Category

# A copy of ../shared/samples/ kept in the repo: CI runs on a clean clone without the shared folder.
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "12345_workorders_sample.xlsx"
DAY0 = datetime(2025, 3, 3, 1, 0)  # 09:00 in Shanghai


def _keys(ctx: AppContext) -> list[tuple[str | None, str | None]]:
    with ctx.db.session() as s:
        return [(a, k) for a, k in s.execute(select(Complaint.address, Complaint.address_key))]


def _in_step(pairs: list[tuple[str | None, str | None]]) -> bool:
    return all(k == normalize_address(a) for a, k in pairs)


def test_entry_and_edits_keep_the_key_in_step(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        cat = s.scalar(select(Category.id).where(Category.code == "C03"))
    cid = create_complaint(app_ctx, channel="来电", received_at=DAY0, address="梅岭北路 １００弄3号。",
                           category_id=cat, content="噪音")
    assert _keys(app_ctx) == [("梅岭北路 １００弄3号。", "梅岭北路100弄3号")]
    with app_ctx.db.session() as s:
        s.get(Complaint, cid).address = "真如路 8号，"
    assert _keys(app_ctx) == [("真如路 8号，", "真如路8号")]
    with app_ctx.db.session() as s:
        s.get(Complaint, cid).address = None
    assert _keys(app_ctx) == [(None, None)]


def test_a_corrected_address_finds_its_repeats_under_the_new_address(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        cat = s.scalar(select(Category.id).where(Category.code == "C05"))
    first = create_complaint(app_ctx, channel="来电", received_at=DAY0, address="真如路8号", category_id=cat,
                             content="违法搭建")
    typo = create_complaint(app_ctx, channel="来访", received_at=DAY0 + timedelta(days=2), address="真如路9号",
                            category_id=cat, content="违法搭建")
    with app_ctx.db.session() as s:
        s.get(Complaint, typo).address = "真如路 8 号"
        detect_repeats(s, [typo])
    with app_ctx.db.session() as s:
        assert s.get(Complaint, typo).repeat_of_id == first


def test_the_import_writes_the_key(app_ctx: AppContext) -> None:
    ci.run_import(app_ctx, SAMPLE)
    imported = _keys(app_ctx)
    assert any(a for a, _k in imported) and _in_step(imported)


def test_the_demo_writes_the_key(app_ctx: AppContext) -> None:
    generate_demo(app_ctx, cases=20, complaints=60, trainings=2, seed=5)
    demo = _keys(app_ctx)
    assert len(demo) == 60 and _in_step(demo)


def test_detection_in_chunks_of_more_given_complaints_than_one_query_takes(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        cat = s.scalar(select(Category.id).where(Category.code == "C03"))
        firsts = [Complaint(channel="来电", received_at=DAY0, complainant_phone=f"1380000{i:04d}", category_id=cat,
                            content="噪音") for i in range(600)]
        again = [Complaint(channel="来电", received_at=DAY0 + timedelta(days=3), address=f"梅岭北路{i}号",
                           complainant_phone=f"1380000{i:04d}", category_id=cat, content="噪音") for i in range(600)]
        s.add_all(firsts + again)
        s.flush()
        assert detect_repeats(s, [c.id for c in again]) == 600
        expected = {c.id: f.id for f, c in zip(firsts, again, strict=True)}
    with app_ctx.db.session() as s:
        stmt = select(Complaint.id, Complaint.repeat_of_id).where(Complaint.address.is_not(None))
        links = dict(s.execute(stmt).all())
    assert links == expected


def _seed_0005(conn) -> None:
    now = "'2025-03-05 09:00:00'"
    conn.exec_driver_sql(
        f"INSERT INTO categories (id, uuid, code, name, deadline_days, working_days, referral_only, active,"
        f" sort_order, created_at, updated_at)"
        f" VALUES (1, '{'3' * 32}', 'C05', '违法搭建', 10, 1, 0, 1, 0, {now}, {now})"
    )
    rows = [(f"{i:032x}", "2025-03-03 01:00:00.000000", f"真如路 {i}号。") for i in range(1, 5003)]
    rows.append((f"{9999:032x}", "2025-03-03 02:00:00.000000", None))
    conn.exec_driver_sql(
        "INSERT INTO complaints (uuid, channel, received_at, address, category_id, content, status, version,"
        f" created_at, updated_at) VALUES (?, '来电', ?, ?, 1, '违法搭建', '待处理', 1, {now}, {now})", rows
    )


def test_upgrade_from_0005_fills_the_key_and_repeats_are_still_found(tmp_path: Path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0005")
    with db.engine.begin() as conn:
        _seed_0005(conn)
    migrate.upgrade(db.engine)
    with db.session() as s:
        keys = dict(s.execute(select(Complaint.address, Complaint.address_key)).all())
        assert len(keys) == 5003  # more than one chunk of the fill
        assert keys["真如路 1号。"] == "真如路1号" and keys["真如路 5002号。"] == "真如路5002号" and keys[None] is None
        first = s.scalar(select(Complaint.id).where(Complaint.address == "真如路 7号。"))
        again = Complaint(channel="来访", received_at=datetime(2025, 3, 20, 1), address="真如路７号",
                          category_id=1, content="违法搭建")
        s.add(again)
        s.flush()
        assert detect_repeats(s, [again.id]) == 1
        assert s.scalar(select(Complaint.repeat_of_id).where(Complaint.id == again.id)) == first
    db.dispose()
