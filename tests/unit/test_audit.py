"""The audit log: an entry for each audited action, before/after of key fields, and never any personal data."""

from __future__ import annotations

import json
import logging
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from controllers.accounts import audit_log
from controllers.accounts import users as accounts
from controllers.backup import backups as backup
from controllers.backup import restore as backup_restore
from controllers.cases import export as case_list_export
from controllers.cases import listing as case_list
from controllers.cases import records as case_records
from controllers.complaints import entry as complaints
from controllers.complaints import listing as complaint_list
from controllers.core import audit, clock
from controllers.core.context import AppContext
from controllers.core.permissions import SUPERVISOR, PermissionDenied, SignedInUser
from controllers.storage.log_setup import configure_logging
from controllers.trainings import records as trainings
from controllers.trainings import signin_sheet
from controllers.trainings.common import AttendeeInput, kind_choices
from models.admin import AuditEntry
from models.reference import Street
from tests.unit.case_fixtures import category_id, make_estate

NAME, PHONE, PARTY, PARTY_ID = "欧阳娜娜", "13912345678", "慕容复", "310101199001011234"


def entries(ctx: AppContext, action: str) -> list[AuditEntry]:
    with ctx.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def run_everything(ctx: AppContext, tmp: Path) -> None:
    """Sign in, change, export, print, unmask and restore, with known personal data in every record."""
    accounts.create_first_admin(ctx, username="admin", display_name="王站长", password="station-2025",
                                password_again="station-2025")
    with pytest.raises(accounts.LoginError):
        accounts.login(ctx, username="admin", password="wrong-pass")
    accounts.login(ctx, username="admin", password="station-2025")
    cid = complaints.create_complaint(ctx, channel="来电", content=f"{NAME}反映楼道堆物，电话{PHONE}",
                                      complainant_name=NAME, complainant_phone=PHONE)
    case = case_records.create_case(ctx, category_id=category_id(ctx), estate_id=make_estate(ctx), source="巡查发现",
                                    found_date=date(2025, 3, 4), facts=f"{PARTY}搭建", party_name=PARTY,
                                    party_id_no=PARTY_ID, party_phone=PHONE)
    case_records.update_case(ctx, case.id, expected_version=case.version, deadline=date(2025, 4, 1),
                             party_phone="13800000000")
    complaints.get_complaint(ctx, cid, reveal_personal=True)
    case_list_export.export_cases(ctx, case_list.CaseFilter(), tmp / "cases.xlsx")
    complaint_list.export_complaints(ctx, complaint_list.ComplaintFilter(), tmp / "full.xlsx", reveal_personal=True)
    t = trainings.create_training(ctx, trainings.TrainingInput(
        kind_id=kind_choices(ctx)[0][0], title="物业培训", starts_at=trainings.datetime(2025, 3, 4, 9, 0),
        attendees=(AttendeeInput(name=NAME, organisation="物业", phone=PHONE),)))
    signin_sheet.write_signin_sheet(ctx, t.id, tmp / "sheet.pdf")
    info = backup.make_backup(ctx, reason="manual")
    backup_restore.restore_backup(ctx, info.path)


@pytest.mark.sqlite_file  # makes a backup and restores it: SQLite files only
def test_each_audited_action_is_written(app_ctx: AppContext, tmp_path: Path) -> None:
    run_everything(app_ctx, tmp_path)
    assert [e.username for e in entries(app_ctx, "login_failed")] == ["admin"]
    assert len(entries(app_ctx, "login")) == 2
    assert {json.loads(e.detail or "{}")["personal"] for e in entries(app_ctx, "export")} == {False, True}
    assert entries(app_ctx, "print")[0].entity == "trainings"
    unmask = entries(app_ctx, "unmask")
    assert len(unmask) == 2 and unmask[0].entity == "complaints" and unmask[0].entity_uuid
    assert entries(app_ctx, "restore")[0].username == "admin"
    case_updates = [e for e in entries(app_ctx, "update") if e.entity == "cases"]
    detail = json.loads(case_updates[-1].detail or "{}")
    assert detail["after"]["deadline"] == "2025-04-01" and "party_phone" in detail["fields"]
    assert "party_phone" not in detail["after"] and "party_phone" not in detail.get("before", {})
    assert all(e.username == "admin" for e in case_updates)


@pytest.mark.sqlite_file  # makes a backup and restores it: SQLite files only
def test_no_personal_data_in_audit_log_or_log_file(app_ctx: AppContext, tmp_path: Path) -> None:
    handler = configure_logging(app_ctx.data_dir, verbose=True)
    try:
        run_everything(app_ctx, tmp_path)
        with app_ctx.db.session() as s:
            rows = s.execute(select(AuditEntry.username, AuditEntry.entity, AuditEntry.detail)).all()
        text = "\n".join(" ".join(str(v) for v in row) for row in rows)
        exported = tmp_path / "audit.xlsx"
        audit_log.export_entries(app_ctx, exported)
        cells = " ".join(str(c) for row in load_workbook(exported).active.iter_rows(values_only=True) for c in row)
    finally:
        if handler is not None:
            handler.flush()
            logging.getLogger().removeHandler(handler)
            handler.close()
    log_text = "".join(p.read_text(encoding="utf-8") for p in app_ctx.data_dir.logs.glob("*.log*"))
    assert len(rows) > 10 and log_text
    for secret in (NAME, PHONE, PARTY, PARTY_ID, "13800000000", "station-2025", "wrong-pass", "楼道堆物"):
        assert secret not in text
        assert secret not in cells
        assert secret not in log_text


@pytest.mark.sqlite_file  # makes a backup and restores it: SQLite files only
def test_audit_viewer_filters_and_is_admin_only(app_ctx: AppContext, tmp_path: Path) -> None:
    run_everything(app_ctx, tmp_path)
    today = clock.today()
    logins = audit_log.list_entries(app_ctx, audit_log.AuditFilter(action="login", start=today - timedelta(days=1)))
    assert [r.action_label for r in logins] == ["登录", "登录"]
    assert audit_log.count_entries(app_ctx, audit_log.AuditFilter(username="admin")) > 5
    assert "admin" in audit_log.usernames(app_ctx)
    app_ctx.sign_in(SignedInUser(username="sup", display_name="督导", role=SUPERVISOR))
    with pytest.raises(PermissionDenied, match="督导账号只能查看、打印和督查督办，不能查看审计日志"):
        audit_log.list_entries(app_ctx)


def test_change_and_its_entry_commit_or_roll_back_together(app_ctx: AppContext) -> None:
    before = len(entries(app_ctx, "create"))
    with pytest.raises(RuntimeError), app_ctx.db.session() as s:
        s.add(Street(name="新街道", short_name="新", kind="街道"))
        s.flush()  # the hook writes the entry here, inside the transaction
        raise RuntimeError("the action failed after the flush")
    assert len(entries(app_ctx, "create")) == before
    with app_ctx.db.session() as s:
        s.add(Street(name="新街道", short_name="新", kind="街道"))
    created = entries(app_ctx, "create")[-1]
    assert created.entity == "streets" and json.loads(created.detail or "{}")["after"]["name"] == "新街道"


def test_every_field_a_change_can_name_has_a_chinese_label() -> None:
    from controllers.accounts.audit_labels import FIELD_LABELS
    from models.schema import Base  # every table registered

    names = {c.name for t in Base.metadata.tables.values() if t.name not in audit.SKIPPED_TABLES for c in t.columns}
    names |= {r.key for m in Base.registry.mappers for r in m.relationships if r.secondary is not None}
    missing = sorted(names - audit.BOOKKEEPING - set(FIELD_LABELS))
    assert missing == [], f"add Chinese labels for {missing} to controllers/accounts/audit_labels.py FIELD_LABELS"


def test_viewer_and_export_show_chinese_field_labels(app_ctx: AppContext, tmp_path: Path) -> None:
    from controllers.cases import workflow as case_workflow
    from controllers.core.permissions import STAFF
    from controllers.station import settings

    case = case_records.create_case(app_ctx, category_id=category_id(app_ctx), estate_id=make_estate(app_ctx),
                                    source="巡查发现", found_date=date(2025, 3, 4), facts="楼顶搭建")
    case_records.update_case(app_ctx, case.id, expected_version=case.version, deadline=date(2025, 4, 1))
    case_workflow.transition(app_ctx, case.id, to="核查", expected_version=case.version + 1)
    settings.set_followup_days(app_ctx, 60)
    app_ctx.sign_in(SignedInUser(username="li", display_name="李敏", role=STAFF))
    with pytest.raises(PermissionDenied):
        settings.set_followup_days(app_ctx, 30)
    app_ctx.sign_in(SignedInUser(username="admin", display_name="王站长", role="管理员"))

    shown = {(r.action, r.entity): r.detail for r in reversed(audit_log.list_entries(app_ctx))}
    texts = [r.detail for r in audit_log.list_entries(app_ctx, audit_log.AuditFilter(entity="cases"))]
    assert any("状态：登记 → 核查" in t for t in texts) and any("办理期限：" in t and "2025-04-01" in t for t in texts)
    assert "设置项：回头看天数" in shown[("update", "settings")]
    assert shown[("denied", "")] == "所需权限：修改设置"
    exported = tmp_path / "audit.xlsx"
    audit_log.export_entries(app_ctx, exported)
    details = [row[5] for row in load_workbook(exported).active.iter_rows(min_row=4, values_only=True) if row[5]]
    assert any("状态：登记 → 核查" in d for d in details)
    english = re.compile(r"[A-Za-z_]{3,}")
    assert [d for d in details if english.search(d)] == []
