"""Patrols, their estates, checklist lines and what the findings became travel in packages and migrate-to."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from uuid import UUID

from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange import migrate_to as mt
from controllers.inspections import findings, grades, patrols
from controllers.storage import attachments
from models.cases import Attachment
from models.db import Database
from models.inspections import EstateGradeChange, Patrol, PatrolCheck
from tests.unit.exchange_kit import count, other_station
from tests.unit.inspection_fixtures import codes, grade_id, graded_estate, morning_patrol


def _work(ctx: AppContext, folder: Path) -> tuple[patrols.PatrolDetail, str]:
    estates = [graded_estate(ctx, "梅川小区", "A"), graded_estate(ctx, "长风小区", "B")]
    d = morning_patrol(ctx, estates)
    roof = next(c for c in d.findings if c.category_code == "C05")
    photo = folder / "roof.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"2" * 300)
    attachments.store_attachment(ctx, source_path=photo, owner="finding", owner_id=roof.id, kind="整改前")
    findings.finding_to_case(ctx, roof.id)
    grades.change_estate_grade(ctx, estates[1], grade_id=grade_id(ctx, "C"), effective_from=date(2025, 3, 1))
    with ctx.db.session() as s:
        return d, str(s.get(Patrol, d.id).uuid)


def _patrol_there(ctx: AppContext, uuid: str) -> tuple[str, list[str], list[tuple[str, str | None, str | None]]]:
    with ctx.db.session() as s:
        p = s.scalar(select(Patrol).where(Patrol.uuid == UUID(uuid)))
        lines = [(c.category.code, c.outcome, c.case.number if c.case else None) for v in p.visits for c in v.checks
                 if c.result == "发现问题"]
        return p.kind, [o.name for o in p.officers], sorted(lines)


def test_a_patrol_and_its_findings_travel_in_a_package_and_its_deletion_follows(app_ctx: AppContext,
                                                                                tmp_path: Path) -> None:
    d, uuid = _work(app_ctx, tmp_path)
    pkg = tmp_path / "a.zip"
    summary = exchange_export.export_package(app_ctx, pkg)
    assert summary.counts["patrols"] == 1 and summary.counts["patrol_checks"] == 4
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, pkg)
        kind, officers, lines = _patrol_there(b, uuid)
        assert (kind, officers) == ("分级分类检查", ["王队员"])
        assert [(code, outcome) for code, outcome, _n in lines] == [("C05", "立案"), ("C12", None), ("C99", None)]
        assert lines[0][2] is not None and lines[0][2].endswith("-0001")
        assert count(b, EstateGradeChange) == 1
        with b.db.session() as s:  # the finding's photo and the case's copy of it, one stored file
            owners = s.execute(select(Attachment.patrol_check_id.is_not(None), Attachment.sha256)).all()
        assert len(owners) == 2 and len({sha for _o, sha in owners}) == 1
        assert attachments.stored_path(b, owners[0][1]).exists()
        # Deleted here (a second round typed by mistake): the deletion reaches the other station.
        extra = morning_patrol(app_ctx, [d.visits[1].estate_id], officer=d.officer_ids[0])
        exchange_import.import_package(b, exchange_export.export_package(app_ctx, tmp_path / "b.zip").path)
        assert count(b, Patrol) == 2
        patrols.delete_patrol(app_ctx, extra.id)
        exchange_import.import_package(b, exchange_export.export_package(app_ctx, tmp_path / "c.zip").path)
        assert count(b, Patrol) == 1 and count(b, PatrolCheck) == 4


def test_migrate_to_copies_patrols_with_their_links(app_ctx: AppContext, tmp_path: Path) -> None:
    _d, uuid = _work(app_ctx, tmp_path)
    url = f"sqlite:///{tmp_path / 'target.db'}"
    result = mt.migrate_to(app_ctx, url)
    assert result.ok
    by_table = {c.table: c for c in result.checks}
    for table in ("patrols", "patrol_visits", "patrol_checks", "estate_grade_changes"):
        assert by_table[table].source == by_table[table].target > 0
        assert by_table[table].source_hash == by_table[table].target_hash
    target = Database.from_url(url)
    with target.session() as s:
        p = s.scalar(select(Patrol))
        assert str(p.uuid) == uuid and [o.name for o in p.officers] == ["王队员"]
    target.dispose()


def test_a_package_without_personal_data_masks_names_and_phones_in_officers_notes(app_ctx: AppContext,
                                                                                  tmp_path: Path) -> None:
    import zipfile

    from tests.unit.case_fixtures import make_complaint

    estate = graded_estate(app_ctx, "梅川小区", "A")
    make_complaint(app_ctx, estate)  # the ledger knows 张三丰 as a complainant
    officer = morning_patrol(app_ctx, [estate]).officer_ids[0]
    patrols.record_patrol(app_ctx, patrols.PatrolInput(
        datetime(2025, 3, 5, 9, 0), "日常巡查", (officer,), (patrols.VisitInput(estate, checks=(patrols.CheckInput(
            codes(app_ctx)["C06"], "发现问题", place="张三丰家门口", note="张三丰 13812345678 堆物"),)),),
        notes="约谈张三丰，电话13812345678"))
    pkg = tmp_path / "p.zip"
    exchange_export.export_package(app_ctx, pkg)
    with zipfile.ZipFile(pkg) as z:
        text = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert "13812345678" not in text and "张三丰" not in text
    assert "138****5678" in text
