"""Exports that are whole: every column a clerk needs, real dates, frozen header and filters, and no room number
beside a masked name (the place cut to the building as meeting mode does). Checked by loading the files with
openpyxl (LibreOffice is not installed on this machine)."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook
from sqlalchemy import select

from controllers.cases import ledgers
from controllers.cases.export import export_cases
from controllers.cases.listing import CaseFilter
from controllers.complaints import entry as cc
from controllers.complaints.listing import ComplaintFilter, export_complaints
from controllers.core.clock import utcnow
from models.cases import Case, CaseEvent, Referral
from models.reference import Category, Department, Estate, PropertyCompany
from models.trainings import Training, TrainingAttendee, TrainingKind
from tests.unit.complaint_fixtures import Ref, make_reference

ROOM = "502"


def build_ledgers(ctx) -> Ref:
    """The ledger data these tests export (tests/unit/test_every_ledger_export.py builds on it)."""
    ref = make_reference(ctx)
    with ctx.db.session() as s:
        company = PropertyCompany(name="上海梅岭物业管理有限公司", project_manager="王大明")
        s.add(company)
        s.flush()
        s.get(Estate, ref.meiling).property_company_id = company.id
        c11 = s.scalar(select(Category.id).where(Category.code == "C11"))
        case = s.get(Case, ref.case_id)
        case.place, case.party_name, case.party_phone = "梅岭小区12号楼502室", "李四", "13900001111"
        case.facts = "李四在12号楼502室楼顶违法搭建，电话13900001111"
        case.status, case.closed_on, case.result = "结案", date(2025, 3, 20), "已拆除"
        case.penalty_decided_on, case.penalty_doc_no = date(2025, 3, 15), "普城管罚〔2025〕1号"
        case.penalty_amount = 2000
        case.property_company_id, case.followup_done_on = company.id, date(2025, 6, 20)
        case.regulations = list(s.get(Category, case.category_id).regulations)
        s.add(CaseEvent(case_id=case.id, at=utcnow(), actor="王明", kind="回头看", note="2025-06-20 未反弹：已复查"))
        bureau = s.scalar(select(Department.id).where(Department.name == "区房管局"))
        planning = s.scalar(select(Department.id).where(Department.name == "区规划资源局"))
        s.add(Referral(case_id=case.id, department_id=planning, referred_on=date(2025, 3, 5), reason="请核实502室",
                       status="已回复", replied_on=date(2025, 3, 12), reply="无规划许可"))
        c11_case = Case(number="2025-长征-0002", year=2025, seq=2, category_id=c11, estate_id=ref.meiling,
                        street_id=ref.street_id, source="巡查发现", found_date=date(2025, 3, 2), facts="物业未劝阻",
                        status="结案", property_company_id=company.id, penalty_decided_on=date(2025, 3, 10))
        s.add(c11_case)
        s.flush()
        s.add(Referral(case_id=c11_case.id, department_id=bureau, referred_on=date(2025, 3, 11),
                       reason="请予以失信记分", reply_due=date(2025, 3, 18)))
        kind = s.scalar(select(TrainingKind.id).limit(1))
        t = Training(kind_id=kind, title="物业培训", starts_at=datetime(2025, 4, 1, 2, 0))
        s.add(t)
        s.flush()
        s.add(TrainingAttendee(training_id=t.id, name="赵六", property_company_id=company.id, attended=True))
    cid = cc.create_complaint(ctx, channel="12345热线", received_at=datetime(2025, 3, 3, 2, 0), work_order_no="GD1",
                              complainant_name="张三", complainant_phone="13812345678", estate_id=ref.meiling,
                              category_id=ref.c05, content="张三家12号楼502室楼上搭建", address="梅岭小区12号楼502室")
    cc.update_handling(ctx, cid, expected_version=cc.get_complaint(ctx, cid).version, status="已回复",
                       reply="已责令李四拆除", replied_on=date(2025, 3, 10), callback_on=date(2025, 3, 12),
                       satisfaction="满意")
    cc.link_to_case(ctx, cid, ref.case_id)
    return ref


def _read(path):
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[2], rows[3:]
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref and ws.auto_filter.ref.startswith("A3")
    return ws, header, [dict(zip(header, r, strict=True)) for r in body]


def test_case_export_is_whole_and_masks_to_the_building(app_ctx, pin_clock, tmp_path):
    pin_clock(date(2025, 7, 1))
    build_ledgers(app_ctx)
    export_cases(app_ctx, CaseFilter(), tmp_path / "c.xlsx")
    _ws, _header, rows = _read(tmp_path / "c.xlsx")
    row = next(r for r in rows if r["案件编号"] == "2025-长征-0001")
    assert row["地点"] == "梅岭小区12号楼" and row["当事人"] == "李*"
    assert row["结案日期"] == datetime(2025, 3, 20) and row["罚款金额（元）"] == 2000
    assert row["物业服务企业"] == "上海梅岭物业管理有限公司" and "《上海市拆除违法建筑若干规定》" in row["法律依据"]
    assert "区规划资源局" in row["移交情况"] and "无规划许可" in row["部门回复"] and "未反弹" in row["回头看结果"]
    flat = " ".join(str(v) for r in rows for v in r.values())
    assert ROOM not in flat and "李四" not in flat and "13900001111" not in flat
    export_cases(app_ctx, CaseFilter(), tmp_path / "full.xlsx", reveal_personal=True)
    full = next(r for r in _read(tmp_path / "full.xlsx")[2] if r["案件编号"] == "2025-长征-0001")
    assert full["地点"] == "梅岭小区12号楼502室" and full["当事人"] == "李四"


def test_complaint_export_has_reply_callback_group_and_no_room(app_ctx, pin_clock, tmp_path):
    pin_clock(date(2025, 7, 1))
    build_ledgers(app_ctx)
    export_complaints(app_ctx, ComplaintFilter(), tmp_path / "q.xlsx")
    _ws, _header, [row] = _read(tmp_path / "q.xlsx")
    assert row["地址"] == "梅岭小区12号楼" and row["投诉人"] == "张*"
    assert row["答复日期"] == datetime(2025, 3, 10) and row["满意度"] == "满意" and row["关联案件"] == "2025-长征-0001"
    assert "拆除" in row["答复内容"] and row["回访日期"] == datetime(2025, 3, 12)
    assert ROOM not in " ".join(str(v) for v in row.values())


def test_referral_and_company_ledgers(app_ctx, pin_clock, tmp_path):
    pin_clock(date(2025, 7, 1))
    build_ledgers(app_ctx)
    assert ledgers.export_referrals(app_ctx, tmp_path / "r.xlsx") == 2
    _ws, _h, rows = _read(tmp_path / "r.xlsx")
    done, waiting = rows
    assert (done["移交部门"], done["用时（天）"], done["状态"], done["是否逾期"]) == ("区规划资源局", 7, "已回复", None)
    assert "502" not in done["移交事由"]
    assert (waiting["移交部门"], waiting["是否逾期"], waiting["用时（天）"]) == ("区房管局", "是", 112)
    assert ledgers.export_company_ledger(app_ctx, tmp_path / "p.xlsx") == 1
    [company] = _read(tmp_path / "p.xlsx")[2]
    assert company["项目经理"] == "王**" and company["C11 案件数"] == 1 and company["其中已处罚"] == 1
    assert (company["失信记分移交"], company["参加培训场次"], company["参训人次"]) == (1, 1, 1)
    assert company["最近参训日期"] == datetime(2025, 4, 1)
