"""The role matrix: every controller operation, called as every role, is allowed or refused with PermissionDenied."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import controllers
from controllers.accounts import audit_log
from controllers.accounts import users as accounts
from controllers.assessment import figures as assessment_figures
from controllers.assessment import notice as assessment_notice
from controllers.assessment import notice_pdf as assessment_notice_pdf
from controllers.assessment import sheet as assessment_sheet
from controllers.assessment import sheet_pdf as assessment_pdf
from controllers.backup import backups as backup
from controllers.backup import restore as backup_restore
from controllers.briefs import case_brief, signoff, typical_case_pdf, work_brief, work_brief_data
from controllers.cases import export as case_list_export
from controllers.cases import ledgers as case_ledgers
from controllers.cases import listing as case_list
from controllers.cases import records as case_records
from controllers.cases import referrals as case_referrals
from controllers.cases import stats as case_stats
from controllers.cases import typical as case_typical
from controllers.cases import workflow as case_workflow
from controllers.complaints import dissatisfied, per10k, reply_fill
from controllers.complaints import entry as complaints
from controllers.complaints import importer as complaint_import
from controllers.complaints import listing as complaint_list
from controllers.complaints import repeats as complaint_repeats
from controllers.complaints import returns as complaint_returns
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.periods import parse_period
from controllers.core.permissions import (
    ADMIN,
    NOBODY,
    REP,
    ROLE_PERMISSIONS,
    ROLES,
    STAFF,
    SUPERVISOR,
    PermissionDenied,
    SignedInUser,
    denial_message,
    require_estates,
)
from controllers.dashboard import goals as dashboard_goals
from controllers.dashboard import today as dashboard
from controllers.demo import sandbox
from controllers.documents import pdf_pages as briefs_common
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange import migrate_to
from controllers.holidays import day_entry as holiday_day
from controllers.holidays import year_entry as holiday_year
from controllers.inspections import checklist as inspection_checklist
from controllers.inspections import coverage as inspection_coverage
from controllers.inspections import export as patrols_export
from controllers.inspections import figures as inspection_figures
from controllers.inspections import findings as patrol_findings
from controllers.inspections import grades as inspection_grades
from controllers.inspections import listing as patrol_list
from controllers.inspections import names as patrol_names
from controllers.inspections import patrols
from controllers.inspections.recent import recent_patrols
from controllers.meetings import actions as meetings_actions
from controllers.meetings import export as meetings_export
from controllers.meetings import links as meetings_links
from controllers.meetings import meeting_mode
from controllers.meetings import minutes as meeting_minutes
from controllers.meetings import records as meetings
from controllers.orders import notice_pdf as order_notice
from controllers.orders import records as orders
from controllers.reference import calendar_year, reply_templates
from controllers.reference import choices as reference_data
from controllers.reference import estates as reference_estates
from controllers.reference import legal as reference_legal
from controllers.reference import lists as reference_lists
from controllers.reference import people as reference_people
from controllers.reference import sheet_import as reference_sheet_import
from controllers.reference import sheet_template as reference_sheet_template
from controllers.reference.calendar_year import parse_year_text
from controllers.station import area as station
from controllers.station import reveal, settings, setup_guide, views
from controllers.storage import attachments, recount, server_config
from controllers.storage import overview as data_info
from controllers.supervision import candidates as supervision_candidates
from controllers.supervision import warnings as supervision_warnings
from controllers.trainings import attendees as attendee_import
from controllers.trainings import common as trainings_common
from controllers.trainings import export as trainings_export
from controllers.trainings import records as trainings
from controllers.trainings import signin_sheet
from controllers.trainings import stats as training_stats
from models.admin import AuditEntry
from tests.unit.case_fixtures import category_id, make_estate

BIG = 10**7  # an id that does not exist: allowed roles get NotFoundError, refused roles PermissionDenied first
TODAY = date(2025, 3, 4)
Q1 = parse_period("2025Q1")
Op = Callable[[AppContext, Path], Any]

# (name, operation, permission). The name is the controller function's module.name: a test below checks that
# every function carrying a permission check appears here.
OPS: list[tuple[str, Op, str]] = [
    # cases
    ("cases.records.create_case", lambda c, t: case_records.create_case(
        c, category_id=category_id(c), estate_id=make_estate(c, f"小区{t.name}"), source="巡查发现",
        found_date=TODAY, facts="楼顶违法搭建"), "edit_cases"),
    ("cases.records.update_case", lambda c, t: case_records.update_case(c, BIG, expected_version=1), "edit_cases"),
    ("cases.records.get_case", lambda c, t: case_records.get_case(c, BIG), "view"),
    ("cases.records.draft_from_complaint", lambda c, t: case_records.draft_from_complaint(c, BIG), "edit_cases"),
    ("cases.workflow.transition", lambda c, t: case_workflow.transition(c, BIG, to="核查", expected_version=1),
     "edit_cases"),
    ("cases.workflow.record_followup", lambda c, t: case_workflow.record_followup(
        c, BIG, found_again=False, note="", on=TODAY), "edit_cases"),
    ("cases.referrals.refer_case", lambda c, t: case_referrals.refer_case(
        c, BIG, department_id=1, reason="移交", referred_on=TODAY), "edit_cases"),
    ("cases.referrals.record_receipt", lambda c, t: case_referrals.record_receipt(c, BIG, received_on=TODAY),
     "edit_cases"),
    ("cases.referrals.record_reply", lambda c, t: case_referrals.record_reply(c, BIG, replied_on=TODAY, reply="好"),
     "edit_cases"),
    ("cases.referrals.list_referrals", lambda c, t: case_referrals.list_referrals(c, case_id=BIG), "view"),
    ("cases.referrals.list_overdue_referrals", lambda c, t: case_referrals.list_overdue_referrals(c), "view"),
    ("cases.referrals.property_company_record", lambda c, t: case_referrals.property_company_record(c, BIG), "view"),
    ("cases.listing.count_cases", lambda c, t: case_list.count_cases(c, case_list.CaseFilter()), "view"),
    ("cases.listing.fetch_window", lambda c, t: case_list.fetch_window(c, case_list.CaseFilter()), "view"),
    ("cases.listing.iter_rows", lambda c, t: list(case_list.iter_rows(c, case_list.CaseFilter())), "view"),
    ("cases.listing.position_of", lambda c, t: case_list.position_of(c, case_list.CaseFilter(), BIG), "view"),
    ("cases.export.export_cases", lambda c, t: case_list_export.export_cases(
        c, case_list.CaseFilter(), t / "cases.xlsx"), "export"),
    ("storage.attachments.store_attachment", lambda c, t: attachments.store_attachment(
        c, source_path=t / "none.jpg", owner="case", owner_id=BIG, kind="整改前"), "edit_cases"),
    ("storage.attachments.set_attachment_kind",
     lambda c, t: attachments.set_attachment_kind(c, BIG, kind="整改后"), "view"),
    ("storage.attachments.remove_attachment", lambda c, t: attachments.remove_attachment(c, BIG), "view"),
    ("storage.attachments.list_attachments", lambda c, t: attachments.list_attachments(c, owner="case", owner_id=BIG),
     "view"),
    ("storage.attachments.get_attachment", lambda c, t: attachments.get_attachment(c, BIG), "view"),
    ("storage.attachments.open_attachment_path", lambda c, t: attachments.open_attachment_path(c, BIG), "view"),
    # complaints
    ("complaints.entry.create_complaint", lambda c, t: complaints.create_complaint(c, channel="来电", content="噪声"),
     "edit_complaints"),
    ("complaints.entry.update_handling", lambda c, t: complaints.update_handling(
        c, BIG, expected_version=1, status="办理中"), "edit_complaints"),
    ("complaints.entry.link_to_case", lambda c, t: complaints.link_to_case(c, BIG, None), "edit_complaints"),
    ("complaints.entry.link_group_to_case", lambda c, t: complaints.link_group_to_case(c, BIG, BIG), "edit_complaints"),
    ("complaints.entry.get_complaint", lambda c, t: complaints.get_complaint(c, BIG), "view"),
    ("complaints.entry.get_complaint(reveal)", lambda c, t: complaints.get_complaint(
        c, _complaint(c), reveal_personal=True), "view_personal"),
    ("complaints.listing.count_complaints", lambda c, t: complaint_list.count_complaints(
        c, complaint_list.ComplaintFilter()), "view"),
    ("complaints.listing.fetch_window", lambda c, t: complaint_list.fetch_window(c, complaint_list.ComplaintFilter()),
     "view"),
    ("complaints.listing.fetch_window(reveal)", lambda c, t: complaint_list.fetch_window(
        c, complaint_list.ComplaintFilter(), reveal_personal=True), "view_personal"),
    ("complaints.listing.iter_rows", lambda c, t: list(complaint_list.iter_rows(c, complaint_list.ComplaintFilter())),
     "view"),
    ("complaints.listing.export_complaints", lambda c, t: complaint_list.export_complaints(
        c, complaint_list.ComplaintFilter(), t / "c.xlsx"), "export"),
    ("complaints.listing.export_complaints(reveal)", lambda c, t: complaint_list.export_complaints(
        c, complaint_list.ComplaintFilter(), t / "c.xlsx", reveal_personal=True), "view_personal"),
    ("complaints.repeats.set_window_days", lambda c, t: complaint_repeats.set_window_days(c, 30), "edit_settings"),
    ("complaints.repeats.group_of", lambda c, t: complaint_repeats.group_of(c, BIG), "view"),
    # import
    ("complaints.importer.inspect_file", lambda c, t: complaint_import.inspect_file(c, t / "none.xlsx"),
     "import_complaints"),
    ("complaints.importer.run_import", lambda c, t: complaint_import.run_import(c, t / "none.xlsx"),
     "import_complaints"),
    ("complaints.importer.remember_mapping", lambda c, t: complaint_import.remember_mapping(c, _preview(), {}),
     "import_complaints"),
    ("complaints.importer.resolve_unmatched", lambda c, t: complaint_import.resolve_unmatched(c, "某路 1 号", BIG),
     "import_complaints"),
    # trainings
    ("trainings.records.create_training", lambda c, t: trainings.create_training(c, _training()), "edit_trainings"),
    ("trainings.records.update_training",
     lambda c, t: trainings.update_training(c, BIG, _training()), "edit_trainings"),
    ("trainings.records.delete_training", lambda c, t: trainings.delete_training(c, BIG), "edit_trainings"),
    ("trainings.records.set_attendance", lambda c, t: trainings.set_attendance(c, BIG, attended={}), "edit_trainings"),
    ("trainings.records.add_attendees", lambda c, t: trainings.add_attendees(c, BIG, []), "edit_trainings"),
    ("trainings.records.get_training", lambda c, t: trainings.get_training(c, BIG), "view"),
    ("trainings.records.list_trainings", lambda c, t: trainings.list_trainings(c), "view"),
    ("trainings.attendees.read_attendees_file", lambda c, t: attendee_import.read_attendees_file(c, t / "none.xlsx"),
     "edit_trainings"),
    ("trainings.attendees.import_attendees", lambda c, t: attendee_import.import_attendees(
        c, BIG, attendee_import.parse_pasted("张三\t物业", [])), "edit_trainings"),
    ("trainings.export.export_trainings", lambda c, t: trainings_export.export_trainings(c, t / "t.xlsx"),
     "export"),
    ("trainings.signin_sheet.write_signin_sheet",
     lambda c, t: signin_sheet.write_signin_sheet(c, BIG, t / "s.pdf"), "print"),
    ("trainings.stats.quarterly_by_kind", lambda c, t: training_stats.quarterly_by_kind(c), "view"),
    ("trainings.stats.company_attendance", lambda c, t: training_stats.company_attendance(c), "view"),
    ("trainings.stats.company_trainings", lambda c, t: training_stats.company_trainings(c, BIG), "view"),
    ("trainings.stats.companies_without_attendance", lambda c, t: training_stats.companies_without_attendance(c),
     "view"),
    # statistics and briefs
    ("cases.stats.case_stats", lambda c, t: case_stats.case_stats(c, Q1), "view"),
    ("complaints.per10k.per10k", lambda c, t: per10k.per10k(c, Q1), "view"),
    ("complaints.per10k.per10k_by_estate", lambda c, t: per10k.per10k_by_estate(c, Q1), "view"),
    ("briefs.work_brief_data.gather", lambda c, t: work_brief_data.gather(c, Q1), "view"),
    ("documents.pdf_pages.set_brief_font_path",
     lambda c, t: briefs_common.set_brief_font_path(c, None), "edit_settings"),
    ("briefs.signoff.get_signoff", lambda c, t: signoff.get_signoff(c), "view"),
    ("briefs.signoff.set_signoff", lambda c, t: signoff.set_signoff(c, signoff.Signoff()), "edit_settings"),
    ("briefs.work_brief.write_work_brief", lambda c, t: work_brief.write_work_brief(c, Q1, None, t / "w.pdf"), "print"),
    ("briefs.case_brief.write_case_brief", lambda c, t: case_brief.write_case_brief(c, BIG, t / "c.pdf"), "print"),
    # dashboard and meeting mode
    ("dashboard.today.today_work", lambda c, t: dashboard.today_work(c, today=TODAY), "view"),
    ("dashboard.goals.figures", lambda c, t: dashboard_goals.figures(c, today=TODAY), "view"),
    ("dashboard.goals.goal_tiles", lambda c, t: dashboard_goals.goal_tiles(c, today=TODAY), "view"),
    ("dashboard.goals.chart_data", lambda c, t: dashboard_goals.chart_data(c, today=TODAY), "view"),
    ("meetings.meeting_mode.scope_choices", lambda c, t: meeting_mode.scope_choices(c), "meeting_mode"),
    ("meetings.meeting_mode.meeting_view", lambda c, t: meeting_mode.meeting_view(
        c, meeting_mode.ScopeChoice("estate", "无", ()), today=TODAY), "meeting_mode"),
    ("meetings.meeting_mode.raise_matter", lambda c, t: meeting_mode.raise_matter(
        c, estate_id=BIG, category_id=None, description=""), "meeting_mode"),
    # meetings
    ("meetings.records.create_meeting",
     lambda c, t: meetings.create_meeting(c, kind="例会", held_on=TODAY, title="例会"), "edit_meetings"),
    ("meetings.records.update_meeting", lambda c, t: meetings.update_meeting(
        c, BIG, kind="例会", held_on=TODAY, title="例会"), "edit_meetings"),
    ("meetings.records.delete_meeting", lambda c, t: meetings.delete_meeting(c, BIG), "edit_meetings"),
    ("meetings.records.link_case", lambda c, t: meetings.link_case(c, BIG, number="2025-长征-0001"), "edit_meetings"),
    ("meetings.records.link_complaint_group", lambda c, t: meetings.link_complaint_group(c, BIG, complaint_id=BIG),
     "edit_meetings"),
    ("meetings.records.unlink_complaint_group", lambda c, t: meetings.unlink_complaint_group(c, BIG, complaint_id=BIG),
     "edit_meetings"),
    ("meetings.records.meeting_detail", lambda c, t: meetings.meeting_detail(c, BIG), "view"),
    ("meetings.records.list_meetings", lambda c, t: meetings.list_meetings(c), "view"),
    ("meetings.actions.add_action", lambda c, t: meetings_actions.add_action(c, BIG, description="跟进"),
     "edit_meetings"),
    ("meetings.actions.update_action", lambda c, t: meetings_actions.update_action(c, BIG, description="跟进"),
     "edit_meetings"),
    ("meetings.actions.mark_action_done", lambda c, t: meetings_actions.mark_action_done(c, BIG), "edit_meetings"),
    ("meetings.actions.delete_action", lambda c, t: meetings_actions.delete_action(c, BIG), "edit_meetings"),
    ("meetings.actions.open_actions", lambda c, t: meetings_actions.open_actions(c), "view"),
    ("meetings.export.export_meetings", lambda c, t: meetings_export.export_meetings(c, t / "m.xlsx"), "export"),
    ("meetings.links.repeat_groups", lambda c, t: meetings_links.repeat_groups(c), "view"),
    ("meetings.minutes.write_minutes", lambda c, t: meeting_minutes.write_minutes(c, BIG, t / "m.pdf"), "print"),
    # inspections and patrols: a 居委代表 reads coverage (counts, grades) only, never patrols or officers' notes
    ("inspections.coverage.coverage", lambda c, t: inspection_coverage.coverage(c, Q1, today=TODAY), "meeting_mode"),
    ("inspections.recent.recent_patrols", lambda c, t: recent_patrols(c, (), today=TODAY), "meeting_mode"),
    ("inspections.patrols.record_patrol", lambda c, t: patrols.record_patrol(c, patrols.PatrolInput(
        datetime(2025, 3, 4, 9, 0), "日常巡查", (), ())), "edit_patrols"),
    ("inspections.patrols.update_patrol", lambda c, t: patrols.update_patrol(c, BIG, patrols.PatrolInput(
        datetime(2025, 3, 4, 9, 0), "日常巡查", (), ())), "edit_patrols"),
    ("inspections.patrols.delete_patrol", lambda c, t: patrols.delete_patrol(c, BIG), "edit_patrols"),
    ("inspections.patrols.get_patrol", lambda c, t: patrols.get_patrol(c, BIG), "view"),
    ("inspections.listing.list_patrols", lambda c, t: patrol_list.list_patrols(c), "view"),
    ("inspections.export.export_patrols", lambda c, t: patrols_export.export_patrols(c, t / "p.xlsx"), "export"),
    ("inspections.findings.finding_to_case", lambda c, t: patrol_findings.finding_to_case(c, BIG), "edit_cases"),
    ("inspections.findings.finding_to_referral", lambda c, t: patrol_findings.finding_to_referral(
        c, BIG, department_id=None), "edit_cases"),
    ("inspections.findings.fixed_on_spot", lambda c, t: patrol_findings.fixed_on_spot(c, BIG), "edit_patrols"),
    ("inspections.findings.proposed_outcome", lambda c, t: patrol_findings.proposed_outcome(c, BIG), "view"),
    ("inspections.findings.patrol_of_case", lambda c, t: patrol_findings.patrol_of_case(c, BIG), "view"),
    ("inspections.checklist.write_checklists", lambda c, t: inspection_checklist.write_checklists(
        c, [BIG], t / "k.pdf"), "print"),
    ("inspections.figures.inspection_figures", lambda c, t: inspection_figures.inspection_figures(
        c, Q1, today=TODAY), "view"),
    ("inspections.names.resolve", lambda c, t: patrol_names.resolve(c, officers=["无此人"], estates=[]), "view"),
    ("inspections.grades.grade_plans", lambda c, t: inspection_grades.grade_plans(c), "view"),
    ("inspections.grades.set_grade_plan", lambda c, t: inspection_grades.set_grade_plan(
        c, BIG, inspection_months=1, inspection_working_days=True), "edit_reference"),
    ("inspections.grades.change_estate_grade", lambda c, t: inspection_grades.change_estate_grade(
        c, BIG, grade_id=None, effective_from=TODAY), "edit_reference"),
    ("inspections.grades.update_estate_regraded", lambda c, t: inspection_grades.update_estate_regraded(
        c, BIG, new_grade_id=None, effective_from=TODAY, name="某小区", street_id=BIG), "edit_reference"),
    # reference data
    ("reference.estates.create_estate", lambda c, t: reference_estates.create_estate(
        c, name=f"新建小区{t.name}", street_id=None), "edit_reference"),
    ("reference.estates.update_estate", lambda c, t: reference_estates.update_estate(
        c, BIG, name="某小区", street_id=None), "edit_reference"),
    ("reference.estates.delete_estate", lambda c, t: reference_estates.delete_estate(c, BIG), "edit_reference"),
    ("reference.sheet_import.run_import", lambda c, t: reference_sheet_import.run_import(c, t / "none.xlsx"),
     "edit_reference"),
    ("reference.sheet_template.write_template", lambda c, t: reference_sheet_template.write_template(
        c, t / "模板.xlsx"), "view"),
    ("reference.estates.get_estate", lambda c, t: reference_estates.get_estate(c, BIG), "view"),
    ("reference.estates.create_property_company", lambda c, t: reference_estates.create_property_company(
        c, name=f"物业{t.name}"), "edit_reference"),
    ("reference.estates.update_property_company", lambda c, t: reference_estates.update_property_company(
        c, BIG, name="物业"), "edit_reference"),
    ("reference.estates.delete_property_company", lambda c, t: reference_estates.delete_property_company(c, BIG),
     "edit_reference"),
    ("reference.legal.create_regulation", lambda c, t: reference_legal.create_regulation(c, name=f"《条例{t.name}》"),
     "edit_reference"),
    ("reference.legal.update_regulation", lambda c, t: reference_legal.update_regulation(c, BIG, name="《条例》"),
     "edit_reference"),
    ("reference.legal.delete_regulation", lambda c, t: reference_legal.delete_regulation(c, BIG), "edit_reference"),
    ("reference.legal.create_category", lambda c, t: reference_legal.create_category(
        c, code=f"X{len(t.name) % 90 + 10}", name=f"类别{t.name}"), "edit_reference"),
    ("reference.legal.update_category", lambda c, t: reference_legal.update_category(
        c, BIG, code="C77", name="类别", deadline_days=15, working_days=True, referral_only=False, active=True,
        regulation_ids=()), "edit_reference"),
    ("reference.legal.delete_category", lambda c, t: reference_legal.delete_category(c, BIG), "edit_reference"),
    ("reference.lists.create_street", lambda c, t: reference_lists.create_street(
        c, name=f"新街道{t.name}", short_name="新街"), "edit_reference"),
    ("reference.lists.update_street", lambda c, t: reference_lists.update_street(
        c, BIG, name="某街道", short_name="某", kind="街道"), "edit_reference"),
    ("reference.lists.delete_street", lambda c, t: reference_lists.delete_street(c, BIG), "edit_reference"),
    ("reference.lists.create_estate_grade", lambda c, t: reference_lists.create_estate_grade(c, name=f"级{t.name}"),
     "edit_reference"),
    ("reference.lists.update_estate_grade", lambda c, t: reference_lists.update_estate_grade(c, BIG, name="级"),
     "edit_reference"),
    ("reference.lists.delete_estate_grade", lambda c, t: reference_lists.delete_estate_grade(c, BIG),
     "edit_reference"),
    ("reference.lists.create_training_kind", lambda c, t: reference_lists.create_training_kind(
        c, name=f"类型{t.name}"), "edit_reference"),
    ("reference.lists.update_training_kind", lambda c, t: reference_lists.update_training_kind(c, BIG, name="类型"),
     "edit_reference"),
    ("reference.lists.delete_training_kind", lambda c, t: reference_lists.delete_training_kind(c, BIG),
     "edit_reference"),
    ("holidays.day_entry.create_calendar_day", lambda c, t: holiday_day.create_calendar_day(
        c, day=date(2031, 1, 1), kind="节假日", name="元旦"), "edit_reference"),
    ("holidays.day_entry.update_calendar_day", lambda c, t: holiday_day.update_calendar_day(
        c, BIG, day=date(2031, 1, 2), kind="节假日"), "edit_reference"),
    ("holidays.day_entry.delete_calendar_day", lambda c, t: holiday_day.delete_calendar_day(c, BIG),
     "edit_reference"),
    ("reference.calendar_year.calendar_coverage", lambda c, t: calendar_year.calendar_coverage(c), "view"),
    ("holidays.year_entry.preview_calendar_year", lambda c, t: holiday_year.preview_calendar_year(
        c, parse_year_text(2031, "2031-01-01 元旦 休")), "edit_reference"),
    ("holidays.year_entry.enter_calendar_year", lambda c, t: holiday_year.enter_calendar_year(
        c, parse_year_text(2031, "2031-01-01 元旦 休")), "edit_reference"),
    ("reference.people.create_staff", lambda c, t: reference_people.create_staff(c, name="新队员"), "edit_reference"),
    ("reference.people.update_staff", lambda c, t: reference_people.update_staff(c, BIG, name="队员"),
     "edit_reference"),
    ("reference.people.delete_staff", lambda c, t: reference_people.delete_staff(c, BIG), "edit_reference"),
    ("reference.people.create_department", lambda c, t: reference_people.create_department(
        c, name=f"新部门{t.name}"), "edit_reference"),
    ("reference.people.update_department", lambda c, t: reference_people.update_department(c, BIG, name="部门"),
     "edit_reference"),
    ("reference.people.delete_department", lambda c, t: reference_people.delete_department(c, BIG),
     "edit_reference"),
    # settings, backup
    ("station.settings.set_station_name",
     lambda c, t: settings.set_station_name(c, "长征镇社区工作室"), "edit_settings"),
    ("station.settings.set_followup_days", lambda c, t: settings.set_followup_days(c, 30), "edit_settings"),
    ("station.settings.update_settings", lambda c, t: settings.update_settings(
        c, station_name="长征镇社区工作室", followup_days=30), "edit_settings"),
    ("station.area.set_station_area", lambda c, t: station.set_station_area(c, street=None), "edit_settings"),
    ("station.views.set_view", lambda c, t: views.set_view(c, "station"), "view"),
    ("station.reveal.reveal_phone", lambda c, t: reveal.reveal_phone(c, "complaint", _complaint(c)), "view_personal"),
    ("station.reveal.reveal_phone(case)", lambda c, t: reveal.reveal_phone(c, "case", BIG), "view_personal"),
    ("accounts.users.set_idle_minutes", lambda c, t: accounts.set_idle_minutes(c, 10), "edit_settings"),
    ("backup.backups.set_second_dir", lambda c, t: backup.set_second_dir(c, None), "edit_settings"),
    ("storage.recount.recount", lambda c, t: recount.recount(c), "edit_settings"),
    ("backup.backups.make_backup(manual)", lambda c, t: backup.make_backup(c, reason="manual", target_dir=t), "backup"),
    ("backup.restore.restore_backup", lambda c, t: backup_restore.restore_backup(c, t / "none.zip"), "restore"),
    # accounts and audit
    ("accounts.users.list_accounts", lambda c, t: accounts.list_accounts(c), "manage_accounts"),
    ("accounts.users.create_account", lambda c, t: accounts.create_account(
        c, username=f"u{len(t.name)}{t.name[-6:]}", display_name="新同事", password="secret-123", role=STAFF),
     "manage_accounts"),
    ("accounts.users.update_account", lambda c, t: accounts.update_account(
        c, BIG, display_name="x", role=STAFF, active=True), "manage_accounts"),
    ("accounts.users.reset_password", lambda c, t: accounts.reset_password(c, BIG, password="another-123"),
     "manage_accounts"),
    ("accounts.users.unlock_account", lambda c, t: accounts.unlock_account(c, BIG), "manage_accounts"),
    ("accounts.audit_log.count_entries", lambda c, t: audit_log.count_entries(c), "view_audit"),
    ("accounts.audit_log.list_entries", lambda c, t: audit_log.list_entries(c), "view_audit"),
    ("accounts.audit_log.usernames", lambda c, t: audit_log.usernames(c), "view_audit"),
    ("accounts.audit_log.export_entries", lambda c, t: audit_log.export_entries(c, t / "audit.xlsx"), "view_audit"),
    # exchange between stations and moving to a server
    ("exchange.export.export_package", lambda c, t: exchange_export.export_package(c, t / "x.zip"), "export"),
    ("exchange.export.export_package(personal)", lambda c, t: exchange_export.export_package(
        c, t / "p.zip", with_personal_data=True), "view_personal"),
    ("exchange.importer.import_package", lambda c, t: exchange_import.import_package(c, t / "none.zip"), "edit_cases"),
    ("exchange.importer.list_conflicts", lambda c, t: exchange_import.list_conflicts(c), "view"),
    ("exchange.importer.resolve_conflict", lambda c, t: exchange_import.resolve_conflict(c, BIG, take_theirs=True),
     "edit_cases"),
    ("exchange.migrate_to.migrate_to", lambda c, t: migrate_to.migrate_to(c, "nonsense://"), "edit_settings"),
    # reads of reference data, pickers and look-ups (issue 16: these returned records to any role, signed in or not)
    ("reference.estates.population_on", lambda c, t: reference_estates.population_on(c, BIG, on=TODAY), "view"),
    ("reference.estates.list_estates", lambda c, t: reference_estates.list_estates(c), "view"),
    ("reference.estates.list_property_companies", lambda c, t: reference_estates.list_property_companies(c), "view"),
    ("reference.estates.get_property_company", lambda c, t: reference_estates.get_property_company(c, BIG), "view"),
    ("reference.legal.list_regulations", lambda c, t: reference_legal.list_regulations(c), "view"),
    ("reference.legal.get_regulation", lambda c, t: reference_legal.get_regulation(c, BIG), "view"),
    ("reference.legal.list_categories", lambda c, t: reference_legal.list_categories(c), "view"),
    ("reference.legal.get_category", lambda c, t: reference_legal.get_category(c, BIG), "view"),
    ("reference.lists.list_streets", lambda c, t: reference_lists.list_streets(c), "view"),
    ("reference.lists.get_street", lambda c, t: reference_lists.get_street(c, BIG), "view"),
    ("reference.lists.list_estate_grades", lambda c, t: reference_lists.list_estate_grades(c), "view"),
    ("reference.lists.list_training_kinds", lambda c, t: reference_lists.list_training_kinds(c), "view"),
    ("reference.lists.calendar_years", lambda c, t: reference_lists.calendar_years(c), "view"),
    ("reference.lists.list_calendar_days", lambda c, t: reference_lists.list_calendar_days(c, year=2025), "view"),
    ("reference.people.list_staff", lambda c, t: reference_people.list_staff(c), "view"),
    ("reference.people.get_staff", lambda c, t: reference_people.get_staff(c, BIG), "view"),
    ("reference.people.list_departments", lambda c, t: reference_people.list_departments(c), "view"),
    ("reference.people.get_department", lambda c, t: reference_people.get_department(c, BIG), "view"),
    ("reference.choices.street_choices", lambda c, t: reference_data.street_choices(c), "view"),
    ("reference.choices.estate_choices", lambda c, t: reference_data.estate_choices(c), "view"),
    ("reference.choices.staff_choices", lambda c, t: reference_data.staff_choices(c), "view"),
    ("reference.choices.department_choices", lambda c, t: reference_data.department_choices(c), "view"),
    # view or meeting_mode (a 居委代表 picks a category in meeting mode); every role holds meeting_mode
    ("reference.choices.category_choices", lambda c, t: reference_data.category_choices(c), "meeting_mode"),
    ("trainings.common.kind_choices", lambda c, t: trainings_common.kind_choices(c), "view"),
    ("trainings.common.property_company_choices", lambda c, t: trainings_common.property_company_choices(c),
     "view"),
    ("trainings.records.find_case", lambda c, t: trainings.find_case(c, "2025-长征-9999"), "view"),
    ("meetings.links.find_case", lambda c, t: meetings_links.find_case(c, "2025-长征-9999"), "view"),
    ("meetings.links.case_number_suggestions", lambda c, t: meetings_links.case_number_suggestions(c, "2025"),
     "view"),
    ("meetings.links.find_complaint_group", lambda c, t: meetings_links.find_complaint_group(c, complaint_id=BIG),
     "view"),
    ("complaints.entry.find_case", lambda c, t: complaints.find_case(c, "2025-长征-9999"), "view"),
    ("complaints.entry.group_first", lambda c, t: complaints.group_first(c, BIG), "view"),
    ("complaints.entry.estate_names", lambda c, t: complaints.estate_names(c), "view"),
    ("complaints.entry.resolve_estate", lambda c, t: complaints.resolve_estate(c, "某小区"), "view"),
    ("complaints.entry.default_reply_due",
     lambda c, t: complaints.default_reply_due(c, channel="来电", received_on=TODAY),
     "view"),
    ("cases.records.form_choices", lambda c, t: case_records.form_choices(c), "view"),
    ("cases.records.propose_for_category", lambda c, t: case_records.propose_for_category(c, BIG, start=TODAY),
     "view"),
    ("cases.referrals.default_reply_due", lambda c, t: case_referrals.default_reply_due(c, start=TODAY), "view"),
    ("cases.referrals.propose_demerit_referral", lambda c, t: case_referrals.propose_demerit_referral(c, BIG),
     "view"),
    ("briefs.case_brief.case_id_by_number", lambda c, t: case_brief.case_id_by_number(c, "2025-长征-9999"), "view"),
    ("complaints.importer.suggest_alias", lambda c, t: complaint_import.suggest_alias(c, "梅岭北路100弄"),
     "import_complaints"),
    ("storage.overview.data_info", lambda c, t: data_info.data_info(c), "view"),
    ("storage.overview.reference_info", lambda c, t: data_info.reference_info(c), "view"),
    ("dashboard.goals.targets", lambda c, t: dashboard_goals.targets(c), "view"),
    ("station.settings.get_settings", lambda c, t: settings.get_settings(c), "view"),
    ("station.settings.version_info", lambda c, t: settings.version_info(c), "view"),
    ("station.area.get_station_area", lambda c, t: station.get_station_area(c), "view"),
    ("station.setup_guide.setup_state", lambda c, t: setup_guide.setup_state(c), "view"),
    ("station.setup_guide.has_estates", lambda c, t: setup_guide.has_estates(c), "view"),
    ("station.setup_guide.guide_due", lambda c, t: setup_guide.guide_due(c), "view"),
    ("station.setup_guide.mark_guide_done", lambda c, t: setup_guide.mark_guide_done(c), "edit_settings"),
    ("demo.sandbox.fill_demo", lambda c, t: sandbox.fill_demo(c), "edit_reference"),
    ("briefs.work_brief.issued_numbers", lambda c, t: work_brief.issued_numbers(c, 2025), "view"),
    # reply templates (issue 21)
    ("reference.reply_templates.list_templates", lambda c, t: reply_templates.list_templates(c), "view"),
    ("reference.reply_templates.create_template", lambda c, t: reply_templates.create_template(
        c, category_id=category_id(c), kind="受理告知", name=f"模板{len(t.name)}{t.name[-8:]}", body="您好"),
     "edit_reference"),
    ("reference.reply_templates.update_template", lambda c, t: reply_templates.update_template(
        c, BIG, category_id=category_id(c), kind="受理告知", name="模板", body="您好"), "edit_reference"),
    ("reference.reply_templates.delete_template", lambda c, t: reply_templates.delete_template(c, BIG),
     "edit_reference"),
    ("complaints.reply_fill.templates_for_complaint", lambda c, t: reply_fill.templates_for_complaint(c, BIG), "view"),
    ("complaints.reply_fill.templates_for_case", lambda c, t: reply_fill.templates_for_case(c, BIG), "view"),
    ("complaints.dissatisfied.dissatisfied_offer", lambda c, t: dissatisfied.dissatisfied_offer(c, BIG), "view"),
    ("complaints.dissatisfied.count_dissatisfied", lambda c, t: dissatisfied.count_dissatisfied(c, Q1), "view"),
    ("complaints.returns.return_layout", lambda c, t: complaint_returns.return_layout(c), "view"),
    ("complaints.returns.set_return_layout", lambda c, t: complaint_returns.set_return_layout(c, {}), "export"),
    ("complaints.returns.mark_sent", lambda c, t: complaint_returns.mark_sent(c, Q1), "export"),
    ("complaints.returns.return_rows", lambda c, t: complaint_returns.return_rows(c, Q1), "view"),
    ("complaints.returns.export_returns", lambda c, t: complaint_returns.export_returns(c, Q1, t / "r.xlsx"),
     "export"),
    ("cases.ledgers.export_referrals", lambda c, t: case_ledgers.export_referrals(c, t / "r.xlsx"), "export"),
    ("cases.ledgers.export_referrals(reveal)", lambda c, t: case_ledgers.export_referrals(
        c, t / "r.xlsx", reveal_personal=True), "view_personal"),
    ("cases.ledgers.export_company_ledger", lambda c, t: case_ledgers.export_company_ledger(c, t / "p.xlsx"),
     "export"),
    ("cases.export.export_cases(reveal)", lambda c, t: case_list_export.export_cases(
        c, case_list.CaseFilter(), t / "cases.xlsx", reveal_personal=True), "view_personal"),
    ("cases.typical.mark_typical", lambda c, t: case_typical.mark_typical(c, BIG), "typical_cases"),
    ("cases.typical.update_typical", lambda c, t: case_typical.update_typical(c, BIG, title="案例"), "typical_cases"),
    ("cases.typical.unmark_typical", lambda c, t: case_typical.unmark_typical(c, BIG), "typical_cases"),
    ("cases.typical.get_typical", lambda c, t: case_typical.get_typical(c, BIG), "view"),
    ("cases.typical.list_typical", lambda c, t: case_typical.list_typical(c), "view"),
    ("briefs.typical_case_pdf.write_typical_pdf", lambda c, t: typical_case_pdf.write_typical_pdf(
        c, BIG, t / "t.pdf"), "print"),
    ("briefs.typical_case_pdf.typical_text", lambda c, t: typical_case_pdf.typical_text(c, BIG), "view"),
    # supervision orders (issue 20): 督导/管理员 issue and close, the staff pressed answer
    ("orders.records.issue_order", lambda c, t: orders.issue_order(
        c, orders.OrderInput("案件", BIG, "慢作为", "无进展")), "supervise"),
    ("orders.records.answer_order", lambda c, t: orders.answer_order(c, BIG, answer="已办理"), "answer_supervision"),
    ("orders.records.close_order", lambda c, t: orders.close_order(c, BIG), "supervise"),
    ("orders.records.get_order", lambda c, t: orders.get_order(c, BIG), "view"),
    ("orders.records.list_orders", lambda c, t: orders.list_orders(c), "view"),
    ("orders.records.orders_for", lambda c, t: orders.orders_for(c, "案件", BIG), "view"),
    ("orders.notice_pdf.write_order_notice", lambda c, t: order_notice.write_order_notice(c, BIG, t / "o.pdf"),
     "print"),
    ("supervision.candidates.candidates", lambda c, t: supervision_candidates.candidates(c, today=TODAY), "view"),
    ("orders.records.orders_on_case", lambda c, t: orders.orders_on_case(c, BIG), "view"),
    ("supervision.warnings.early_warnings", lambda c, t: supervision_warnings.early_warnings(c, today=TODAY), "view"),
    ("supervision.warnings.send_to_clinic", lambda c, t: supervision_warnings.send_to_clinic(c, "诉件:1:1",
                                                                                             today=TODAY),
     "edit_meetings"),
    # 年度考核 (issue 20): everyone with the view right, never a 居委代表 (officers' figures are in it)
    ("assessment.figures.assessment", lambda c, t: assessment_figures.assessment(c, 2024, today=TODAY), "view"),
    ("assessment.sheet.export_assessment", lambda c, t: assessment_sheet.export_assessment(c, 2024, None, t / "a.xlsx"),
     "export"),
    ("assessment.sheet_pdf.write_assessment_sheet",
     lambda c, t: assessment_pdf.write_assessment_sheet(c, 2024, None, t / "a.pdf"), "print"),
    ("assessment.notice.notice", lambda c, t: assessment_notice.notice(c, parse_period("2024"), today=TODAY), "view"),
    ("assessment.notice_pdf.write_notice",
     lambda c, t: assessment_notice_pdf.write_notice(c, parse_period("2024"), None, t / "n.pdf"), "print"),
    ("dashboard.goals.set_year_targets", lambda c, t: dashboard_goals.set_year_targets(
        c, 2025, {"closure_percent": 85}), "edit_settings"),
    ("station.settings.get_stale_days", lambda c, t: settings.get_stale_days(c), "view"),
    ("station.settings.set_stale_days", lambda c, t: settings.set_stale_days(c, {"立案": 10}), "edit_settings"),
    ("storage.server_config.save_server_settings", lambda c, t: server_config.save_server_settings(
        c, url="nonsense://", attachments_dir=None), "edit_settings"),
]


def _complaint(ctx: AppContext) -> int:
    from models.complaints import Complaint

    with ctx.db.session() as s:
        return s.scalar(select(Complaint.id).limit(1))


def _preview() -> complaint_import.ImportPreview:
    return complaint_import.ImportPreview(path="x.xlsx", file_name="x.xlsx", header_row=1, columns=(), mapping={},
                                          detected={}, remembered=False, layout_key="import_mapping.test",
                                          total_rows=0, sample=())


def _training() -> trainings.TrainingInput:
    return trainings.TrainingInput(kind_id=None, title="物业培训", starts_at=datetime(2025, 3, 4, 9, 0))


def as_role(ctx: AppContext, role: str, estates: frozenset[int] = frozenset()) -> AppContext:
    ctx.sign_in(SignedInUser(username=f"user-{role}", display_name=role, role=role, estate_ids=estates, user_id=BIG))
    return ctx


@pytest.fixture
def seeded(app_ctx: AppContext) -> AppContext:
    """One complaint with a name and phone to unmask."""
    complaints.create_complaint(app_ctx, channel="来电", content="楼道堆物", complainant_name="欧阳娜娜",
                                complainant_phone="13912345678")
    return app_ctx


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_is_allowed_or_refused_by_role(seeded: AppContext, tmp_path: Path, role: str) -> None:
    ctx = as_role(seeded, role)
    wrong: list[str] = []
    for name, op, permission in OPS:
        allowed = permission in ROLE_PERMISSIONS[role]
        try:
            op(ctx, tmp_path)
            outcome = "ok"
        except PermissionDenied as exc:
            outcome = "denied"
            if exc.message != denial_message(role, exc.permission):
                wrong.append(f"{name}: message {exc.message}")
        except UserError:
            outcome = "ok"  # got past the check; refused for another reason (no such record, bad input)
        if (outcome == "ok") != allowed:
            wrong.append(f"{name}: {permission} {'should be allowed' if allowed else 'should be refused'}")
    assert wrong == []


def test_every_checked_controller_function_is_in_the_matrix() -> None:
    listed = {name.split("(")[0] for name, _op, _perm in OPS}
    checked = set()
    for name, module in _controller_modules():
        for attr, value in vars(module).items():
            if getattr(value, "__permission__", None) and getattr(value, "__module__", "") == module.__name__:
                checked.add(f"{name}.{attr}")
    assert checked - listed == set()


def test_refusal_names_role_and_action(app_ctx: AppContext) -> None:
    ctx = as_role(app_ctx, SUPERVISOR)
    with pytest.raises(PermissionDenied) as err:
        case_records.update_case(ctx, 1, expected_version=1)
    assert err.value.message == "督导账号只能查看、打印和督查督办，不能修改案件。"
    with app_ctx.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "denied")).one()
    assert entry.username == "user-督导" and "edit_cases" in (entry.detail or "")


def test_matrix_matches_the_issue() -> None:
    assert ROLE_PERMISSIONS[ADMIN] >= ROLE_PERMISSIONS[STAFF] >= ROLE_PERMISSIONS[SUPERVISOR] - {"supervise"}
    # Issue 20: 督导/管理员 issue and close 督办单, the staff pressed answer them; a 居委代表 does neither.
    assert {r for r in ROLES if "supervise" in ROLE_PERMISSIONS[r]} == {ADMIN, SUPERVISOR}
    assert {r for r in ROLES if "answer_supervision" in ROLE_PERMISSIONS[r]} == {ADMIN, STAFF}
    assert "manage_accounts" not in ROLE_PERMISSIONS[STAFF] and "edit_reference" not in ROLE_PERMISSIONS[STAFF]
    assert not {p for p in ROLE_PERMISSIONS[SUPERVISOR] if p.startswith("edit_")}
    assert "view_personal" not in ROLE_PERMISSIONS[SUPERVISOR]
    assert ROLE_PERMISSIONS[REP] == {"meeting_mode"}


def test_rep_limited_to_own_estates_in_meeting_mode(app_ctx: AppContext) -> None:
    mine, other = make_estate(app_ctx, "甲小区"), make_estate(app_ctx, "乙小区")
    ctx = as_role(app_ctx, REP, frozenset({mine}))
    require_estates(ctx, [mine])
    with pytest.raises(PermissionDenied):
        require_estates(ctx, [mine, other])
    assert {c.estate_ids for c in meeting_mode.scope_choices(ctx) if c.kind == "estate"} == {(mine,)}
    with pytest.raises(PermissionDenied):
        meeting_mode.meeting_view(ctx, meeting_mode.ScopeChoice("estate", "乙小区", (other,)), today=TODAY)
    assert meeting_mode.meeting_view(ctx, meeting_mode.ScopeChoice("estate", "甲小区", (mine,)), today=TODAY)
    # A rep notes a matter for their own estate (it lands as 居委转交) but not for another one.
    assert meeting_mode.raise_matter(ctx, estate_id=mine, category_id=None, description="楼道堆物")
    with pytest.raises(PermissionDenied):
        meeting_mode.raise_matter(ctx, estate_id=other, category_id=None, description="楼道堆物")
    as_role(app_ctx, STAFF)
    require_estates(app_ctx, [mine, other])


def test_supervisor_sees_personal_data_masked(app_ctx: AppContext) -> None:
    cid = complaints.create_complaint(app_ctx, channel="来电", content="噪声", complainant_name="欧阳娜娜",
                                      complainant_phone="13912345678")
    case = case_records.create_case(app_ctx, category_id=category_id(app_ctx), estate_id=make_estate(app_ctx),
                                    source="巡查发现", found_date=TODAY, facts="搭建", party_name="李四",
                                    party_phone="13700001111")
    ctx = as_role(app_ctx, SUPERVISOR)
    assert complaints.get_complaint(ctx, cid).complainant_phone == "139****5678"
    detail = case_records.get_case(ctx, case.id)
    assert (detail.party_name, detail.party_phone) == ("李*", "137****1111")


# ---- every public controller function that takes the AppContext is under the matrix ------------------------------

# Calls that are a permission check (permissions.require*, meeting mode's estate check, an audited unmasking).
CHECKS = frozenset({"require", "require_any", "require_estates", "allowed_estate_ids", "unmask"})
# Public functions taking a ctx that must stay open to every role (or to no one signed in yet), and why. Anything
# else that reads or writes records must carry a check: a new function missing from both fails the test below.
OPEN: dict[str, str] = {
    "accounts.users.has_users": "the sign-in window asks it before anyone has signed in",
    "accounts.users.create_first_admin": "first start only: refuses once any account exists",
    "accounts.users.login": "signing in is how a role is obtained",
    "accounts.users.logout": "signing out",
    "accounts.users.record_lock": "the idle lock records itself for whoever is signed in",
    "accounts.users.change_own_password": "one's own account, checked by the current password",
    "accounts.users.get_idle_minutes": "the idle lock applies to every role, 居委代表 included",
    "storage.attachments.stored_path": "path arithmetic from a checked hash, for checked callers",
    "storage.attachments.copy_into_store": "stores bytes for checked callers (store_attachment, package import)",
    "storage.attachments.discard_unused": "deletes only files no record uses, after checked deletions committed",
    "core.audit.bind": "writes the audit log", "core.audit.record": "writes the audit log",
    "core.audit.exported": "writes the audit log",
    "backup.backups.server_mode":
        "the automatic backup at start and exit runs whoever is signed in; no records returned",
    "backup.backups.current_fingerprint": "see backup.server_mode",
    "backup.backups.last_backup": "see backup.server_mode",
    "backup.backups.second_dir": "see backup.server_mode",
    "backup.backups.write_setting": "the backup's bookkeeping settings, for checked callers (backups, restore)",
    "backup.backups.backup_due_today": "see backup.server_mode",
    "cases.view.build_detail": "a case's detail for its checked callers (get_case, saves, transitions)",
    "documents.pdf_pages.get_brief_font_path": "page set-up for briefs written by checked callers",
    "documents.pdf_pages.brief_fonts": "page set-up for briefs written by checked callers",
    "documents.pdf_pages.brief_faces": "page set-up for briefs written by checked callers",
    "documents.pdf_pages.station_setting": "the station's name for a brief's masthead",
    "meetings.minutes.render_minutes": "renders a detail its checked caller (write_minutes) read and masked",
    "orders.notice_pdf.render_notice": "renders an order its checked caller (write_order_notice) loaded",
    "assessment.sheet_pdf.render_sheet": "renders an assessment its checked caller (write_assessment_sheet) gathered",
    "assessment.notice_pdf.render_notice": "renders a notice its checked caller (write_notice) gathered",
    "assessment.a4_sheet.render_a4": "lays out what its checked callers (write_assessment_sheet, write_notice) built",
    "dashboard.today.pressed_staff_id": "which staff member the signed-in account is, inside today_work's check",
    "briefs.work_brief.masthead_title": "the station's masthead for write_work_brief",
    "cases.export.filter_description": "a filter in words (reference names) for an export's subtitle",
    "cases.export.filter_from_names": "the CLI's filter words to ids; returns no records",
    "complaints.listing.describe_filter": "a filter in words (reference names) for an export's subtitle",
    "complaints.listing.filter_from_names": "the CLI's filter words to ids; returns no records",
    "complaints.repeats.get_window_days": "one setting (the repeat window), used when complaints are saved",
    "station.settings.get_station_name": "the station's name is on every screen, meeting mode included",
    "inspections.listing.iter_patrol_rows": "the rows of export_patrols, read under its check",
    "station.settings.get_followup_days": "one setting, read by case_workflow.transition under its check",
    "exchange.safety_backup.backup_before_import": "the safety backup inside exchange_import.import_package's check",
    "exchange.package.remove_new_files": "takes a refused package's files out again, inside import_package's check",
    "demo.mark.is_demo": "the window reads the demo mark before anyone signs in (a demo needs no account)",
    "demo.generator.generate_demo": "the CLI's demo command (the local administrator) fills an empty data directory",
    "core.permissions.view_refusal": "the check itself", "core.permissions.can": "the check itself",
    "core.permissions.require": "the check itself", "core.privacy.may_unmask": "asks the matrix whether to mask",
    "reference.checks.write": "the write session of checked reference edits",
    "storage.server_config.attachments_root": "where the data lives, for checked callers",
    "storage.server_config.current_database": "the title bar names the data directory or server for every role",
    "station.views.current_view": "the view switcher (本工作室/全街镇/全区) shows it to every role",
    "station.views.can_edit": "whether the view allows edits; no records",
    "station.views.view_estate_ids": "the view's scope, for checked callers",
    "station.views.scoped_estate_ids": "the view's estates within a report scope, for checked callers",
    "station.views.view_estate_filter": "the view's scope, for checked callers",
    "station.views.where_in_view": "the view's scope, for checked callers",
    "station.views.require_visible": "refuses records outside the view, for checked callers",
    "station.views.view_phrase": "the view in words for a checked export's subtitle",
}


def _calls(node: ast.AST) -> set[str]:
    return {c.func.id if isinstance(c.func, ast.Name) else c.func.attr for c in ast.walk(node)
            if isinstance(c, ast.Call) and isinstance(c.func, (ast.Name, ast.Attribute))}


def _controller_modules() -> list[tuple[str, Any]]:
    """Every module of the controllers' domain packages, named by its path below controllers (cases.workflow)."""
    return [(info.name.removeprefix("controllers."), importlib.import_module(info.name))
            for info in pkgutil.walk_packages(controllers.__path__, "controllers.") if not info.ispkg]


def _controller_functions() -> dict[str, tuple[Any, ast.FunctionDef]]:
    """Every function defined at the top of a controllers module, by module.name, with its syntax tree."""
    found: dict[str, tuple[Any, ast.FunctionDef]] = {}
    for name, module in _controller_modules():
        for node in ast.parse(inspect.getsource(module)).body:
            if isinstance(node, ast.FunctionDef):
                found[f"{name}.{node.name}"] = (module, node)
    return found


def _checked_functions() -> set[str]:
    """Functions that check: decorated with `requires`, calling a check, or calling (directly or through a helper of
    their own module) a function that checks."""
    found = _controller_functions()
    checked = {name for name, (module, node) in found.items()
               if getattr(getattr(module, node.name, None), "__permission__", None) or _calls(node) & CHECKS}
    while True:
        more = set()
        for name, (module, node) in found.items():
            if name in checked:
                continue
            for called in _calls(node):
                target = getattr(module, called, None)
                target_name = f"{getattr(target, '__module__', '')}.{called}".removeprefix("controllers.")
                if getattr(target, "__permission__", None) or target_name in checked:
                    more.add(name)
        if not more:
            return checked
        checked |= more


def _public_ctx_functions() -> set[str]:
    return {name for name, (_module, node) in _controller_functions().items()
            if not node.name.startswith("_") and node.args.args and node.args.args[0].arg == "ctx"}


def test_every_public_controller_function_is_checked_or_justified() -> None:
    """A controller that returns records with no permission check is found here (issue 16: list_estates,
    list_staff, list_property_companies and find_complaint_group answered anyone)."""
    public, checked = _public_ctx_functions(), _checked_functions()
    assert sorted(public - checked - set(OPEN)) == []
    assert sorted(set(OPEN) - public) == []  # no stale entries
    assert sorted(set(OPEN) & checked) == []  # an open function that now checks leaves the list


def test_every_function_checking_in_its_body_is_in_the_matrix() -> None:
    listed = {name.split("(")[0] for name, _op, _perm in OPS}
    direct = {name for name, (_module, node) in _controller_functions().items()
              if not node.name.startswith("_") and _calls(node) & CHECKS}
    checks_themselves = {name for name in direct if name.startswith("core.permissions.")} | {"core.privacy.unmask"}
    assert sorted(direct - listed - checks_themselves) == []


@pytest.mark.parametrize("name", ["reference.estates.list_estates", "reference.estates.list_property_companies",
                                  "reference.people.list_staff", "meetings.links.find_complaint_group"])
def test_named_in_the_issue_refuse_a_rep_and_nobody(app_ctx: AppContext, tmp_path: Path, name: str) -> None:
    op = next(op for n, op, _p in OPS if n == name)
    for user in (SignedInUser(username="rep", display_name="rep", role=REP), NOBODY):
        app_ctx.sign_in(user)
        with pytest.raises(PermissionDenied):
            op(app_ctx, tmp_path)
