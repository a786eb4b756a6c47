"""Every ledger export, opened as a spreadsheet would (openpyxl; LibreOffice is not installed here): header frozen,
filters on over every column and row, dates as real dates, and with masking on (every export's default) no room
number anywhere, nor a name or phone in full. The room rule itself is checked on generated places in the forms
Shanghai addresses take (5号楼1203室, 12幢3单元502, 3-2-601, 甲区7栋101室)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import insert, select

from controllers.cases import ledgers
from controllers.cases.export import export_cases
from controllers.cases.listing import CaseFilter
from controllers.cases.typical import mark_typical
from controllers.complaints import entry as cc
from controllers.complaints.listing import ComplaintFilter, export_complaints
from controllers.complaints.returns import export_returns
from controllers.core.periods import parse_period
from controllers.core.privacy import FLAT_WORD, blank_rooms, deidentify, place_without_room
from controllers.inspections.export import export_patrols
from controllers.meetings.export import export_meetings
from controllers.orders.records import OrderInput, issue_order
from controllers.trainings.export import export_trainings
from models.cases import Case
from models.complaints import Complaint
from models.inspections import Patrol, PatrolVisit
from models.meetings import Meeting, MeetingAction, meeting_complaints
from models.trainings import Training, training_cases
from tests.unit.bad_input_kit import PROPERTY
from tests.unit.test_whole_exports import build_ledgers

# What the test itself takes for a room number (independent of the rule in controllers.core.privacy).
ROOM = re.compile(r"\d+\s*(?:室|号房)|单元\s*\d{2,4}|(?:号楼|幢|栋|座|号)\s*\d{3,4}(?![\d年月日])"
                  r"|(?<![\d-])\d{1,3}-\d{1,2}-\d{3,4}(?![\d-])")
FULL = ("李四", "张三", "王五", "赵六", "13900001111", "13812345678", "13700002222")
DATE_HEADER = re.compile(r"(?:日期|时间|期限)$")
TEXT_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?$")
ON = date(2025, 7, 1)


def _more(ctx, ref) -> None:
    """Beside build_ledgers' data: rooms in every form in free text, a repeat complaint that was 不满意, a typical
    case a training used, a meeting with a 督办 on its action, a patrol note."""
    with ctx.db.session() as s:
        case = Case(number="2025-长征-0003", year=2025, seq=3, category_id=ref.c05, estate_id=ref.meiling,
                    street_id=ref.street_id, source="巡查发现", found_date=date(2025, 4, 2), status="登记",
                    place="甲区7栋101室", party_name="王五", party_phone="13700002222",
                    facts="王五在3-2-601群租，5号楼1203也有人反映，电话13700002222")
        s.add(case)
        t = s.query(Training).one()
        t.venue, t.audience = "梅岭小区5号楼1203室", "物业项目经理"
        t.notes = "赵六说12幢3单元502有人群租"
        s.execute(insert(training_cases).values(training_id=t.id, case_id=ref.case_id))
        s.add(Patrol(started_at=datetime(2025, 4, 3, 1, 0), kind="日常巡查", notes="李四在5号楼1203继续搭建",
                     visits=[PatrolVisit(estate_id=ref.meiling)]))
    gd1 = _complaint_id(ctx, "GD1")
    repeat = cc.create_complaint(ctx, channel="12345热线", received_at=datetime(2025, 3, 5, 2, 0), work_order_no="GD2",
                                 complainant_name="张三", complainant_phone="13812345678", estate_id=ref.meiling,
                                 category_id=ref.c05, content="张三又反映3-2-601群租", address="梅岭小区3-2-601")
    with ctx.db.session() as s:
        s.get(Complaint, repeat).repeat_of_id = gd1  # the repeat rule's own link, set as its check would
    cc.update_handling(ctx, repeat, expected_version=cc.get_complaint(ctx, repeat).version, status="已回复",
                       reply="已告知张三，12幢3单元502已整改", replied_on=date(2025, 3, 20),
                       callback_on=date(2025, 3, 25), satisfaction="不满意")
    mark_typical(ctx, ref.case_id)
    with ctx.db.session() as s:
        m = Meeting(kind="研讨会诊", held_on=date(2025, 3, 28), title="李四违建研讨", venue="梅岭小区12号楼502室",
                    people_present="王明、房管局", decisions="李四在12幢3单元502的搭建限期拆除",
                    actions=[MeetingAction(position=0, description="回访3-2-601的王五", owner="房管局",
                                           due=date(2025, 4, 10))])
        s.add(m)
        s.flush()
        s.execute(insert(meeting_complaints), [{"meeting_id": m.id, "complaint_id": c} for c in (gd1, repeat)])
        action_id = m.actions[0].id
    issue_order(ctx, OrderInput("会商事项", action_id, "慢作为", "逾期未回访"), today=date(2025, 4, 15))


def _complaint_id(ctx, work_order_no: str) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(select(Complaint.id).where(Complaint.work_order_no == work_order_no)))


@pytest.fixture
def ledger_ctx(app_ctx, pin_clock):
    pin_clock(ON)
    _more(app_ctx, build_ledgers(app_ctx))
    return app_ctx


EXPORTS = {
    "cases": lambda ctx, p: export_cases(ctx, CaseFilter(), p),
    "complaints": lambda ctx, p: export_complaints(ctx, ComplaintFilter(), p),
    "referrals": lambda ctx, p: ledgers.export_referrals(ctx, p),
    "companies": lambda ctx, p: ledgers.export_company_ledger(ctx, p),
    "trainings": lambda ctx, p: export_trainings(ctx, p),
    "meetings": lambda ctx, p: export_meetings(ctx, p, today=ON),
    "patrols": lambda ctx, p: export_patrols(ctx, p),
    "12345 return file": lambda ctx, p: export_returns(ctx, parse_period("2025-03"), p),
}


def _sheets(path) -> dict[str, tuple[tuple, list[tuple]]]:
    """Each sheet's header and body, after checking what a spreadsheet opens it with."""
    out = {}
    for ws in load_workbook(path).worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header, body = rows[2], rows[3:]
        assert ws.freeze_panes == "A4", ws.title  # title, subtitle and header stay in view
        assert ws.auto_filter.ref == f"A3:{get_column_letter(len(header))}{3 + len(body)}", ws.title
        out[ws.title] = (header, body)
    return out


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_every_ledger_opens_whole_with_dates_and_no_room_or_name(ledger_ctx, tmp_path, kind) -> None:
    path = tmp_path / f"{kind}.xlsx"
    EXPORTS[kind](ledger_ctx, path)
    sheets = _sheets(path)
    body_rows = 0
    for title, (header, body) in sheets.items():
        body_rows += len(body)
        for row in body:
            for name, value in zip(header, row, strict=True):
                if value is None or value == "":
                    continue
                if DATE_HEADER.search(str(name)):
                    assert isinstance(value, datetime), (title, name, value)  # a real date, not text
                if isinstance(value, str):
                    assert not TEXT_DATE.match(value), (title, name, value)
                    assert not ROOM.search(value), (title, name, value)
                    assert not any(full in value for full in FULL), (title, name, value)
    assert body_rows > 0  # the data reached every export


def _by_header(path, sheet: str | None = None) -> list[dict]:
    ws = load_workbook(path)[sheet] if sheet else load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[2], r, strict=True)) for r in rows[3:]]


def test_trainings_export_carries_the_typical_cases_and_who_came(ledger_ctx, tmp_path) -> None:
    export_trainings(ledger_ctx, tmp_path / "t.xlsx")
    (row,) = _by_header(tmp_path / "t.xlsx")
    assert row["典型案例数"] == 1 and "2025-长征-0001" in row["使用案例"] and "典型案例" in row["使用案例"]
    assert row["参加的物业服务企业"] == "上海梅岭物业管理有限公司" and row["对象"] == "物业项目经理"
    assert row["地点"] == "梅岭小区5号楼" and row["备注"].startswith("赵*说12幢3单元***")


def test_meetings_export_carries_groups_orders_and_one_row_per_action(ledger_ctx, tmp_path) -> None:
    export_meetings(ledger_ctx, tmp_path / "m.xlsx", today=ON)
    (meeting,) = _by_header(tmp_path / "m.xlsx", "会商")
    assert meeting["所议重复诉件组"].startswith("GD1、GD2（2件")
    assert meeting["督办"].startswith("督办〔2025〕") and meeting["地点"] == "梅岭小区12号楼"
    (action,) = _by_header(tmp_path / "m.xlsx", "待办事项")
    assert action["事项"] == "回访3-2-***的王*" and action["期限"] == datetime(2025, 4, 10)
    assert action["状态"] == "已逾期" and action["督办单"] == meeting["督办"].split("（")[0]
    assert action["督办状态"] == "待办理" and isinstance(action["督办期限"], datetime)


# -- the room rule on generated places ---------------------------------------------------------------------

_prefix = st.sampled_from(["", "梅岭小区", "甲区", "乙区", "长寿路{n}弄", "金沙江路{n}号院"])
_n = st.integers(1, 99)  # at most two digits, so no prefix or building number equals a room number
_room = st.integers(101, 2999).map(str)
_word = st.sampled_from(["号楼", "幢", "栋", "座", "号"])


@st.composite
def places(draw) -> tuple[str, str, str]:
    """(place, the building part a masked place may show, the room number): 5号楼1203室, 12幢3单元502, 3-2-601,
    甲区7栋101室, 长寿路88弄3号502 and the like."""
    prefix = draw(_prefix).replace("{n}", str(draw(_n)))
    room = draw(_room)
    form = draw(st.sampled_from(["building-room", "building-unit-room", "dashes"]))
    if form == "dashes":
        return f"{prefix}{draw(_n)}-{draw(st.integers(1, 9))}-{room}", "", room
    building = f"{draw(_n)}{draw(_word)}"
    unit = f"{draw(st.integers(1, 9))}单元" if form == "building-unit-room" else ""
    suffix = draw(st.sampled_from(["室", "", "号房"]))
    return f"{prefix}{building}{unit}{room}{suffix}", f"{prefix}{building}", room


@settings(PROPERTY, max_examples=400)
@given(places())
def test_a_masked_place_never_keeps_the_room(case: tuple[str, str, str]) -> None:
    place, building, room = case
    cut = place_without_room(place)
    assert room not in cut and cut in ("", building)
    sentence = blank_rooms(f"李*反映{place}楼上漏水")
    assert not re.search(rf"(?<!\d){room}(?!\d)", sentence), sentence
    assert sentence.startswith("李*反映") and sentence.endswith("楼上漏水")
    public = deidentify(f"李四反映{place}楼上漏水", people=["李四"])  # a 典型案例's draft
    assert room not in public and FLAT_WORD in public, public
