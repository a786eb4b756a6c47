"""Demo 督办单: a few orders on the open cases whose deadline came first, in every state (待办理 — one past its
deadline —, 已答复, 已办结), each step also a 备注 on the case's timeline as controllers.orders writes it, so the
督查督办 page and the officers' 工作台 show something real. The case's officer is pressed, as from a candidate.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from controllers.demo.base import DemoEnv, bulk_insert
from controllers.demo.cases import EVENT_COLS
from controllers.station.settings import DEFAULT_STATION_NAME, STATION_NAME_KEY
from models.admin import Setting
from models.cases import Case, CaseEvent
from models.reference import Staff
from models.supervision import SupervisionOrder, order_number

OPEN_WITH_DEADLINE = ("登记", "核查", "立案", "责令整改", "复查")  # controllers.cases.listing.DEADLINE_STATUSES
ISSUER = "区城管执法局督导组"
WORKING_DAYS = 5
# (state, days ago issued, days to the answer, days to the closing): two of each state, every state in the first
# three (a small demo may have fewer open cases than orders planned).
PLAN = (("待办理", 20, None, None), ("已答复", 15, 4, None), ("已办结", 40, 6, 10), ("待办理", 2, None, None),
        ("已答复", 9, 3, None), ("已办结", 30, 5, 8))
REASONS = (("不作为", "整改期限已过仍未整改到位，请抓紧督促当事人整改并报告进展"),
           ("慢作为", "案件长时间无进展，请说明原因并限期推进"))
ANSWER = "已再次上门督促，当事人承诺限期整改，已约定复查时间"
CLOSE_NOTE = "经复查已整改到位"
COLS = ("id", "uuid", "created_at", "updated_at", "station_name", "year", "number", "subject", "case_id",
        "subject_label", "reason", "reason_text", "staff_id", "addressee", "issued_on", "issued_by", "working_days",
        "deadline", "status", "answer", "answered_on", "answered_by", "closed_on", "closed_by", "close_note")


def _cases(conn: Connection, env: DemoEnv) -> list[tuple[int, str, int, str, bool]]:
    """(id, number, officer id, officer, past its deadline) of the open cases with an officer whose deadline came
    first (the ones a supervisor presses), as many as PLAN has orders."""
    rows = conn.execute(
        select(Case.id, Case.number, Case.officer_id, Staff.name, Case.deadline)
        .join(Staff, Staff.id == Case.officer_id)
        .where(Case.status.in_(OPEN_WITH_DEADLINE), Case.deadline.is_not(None))
        .order_by(Case.deadline, Case.id).limit(len(PLAN)))
    return [(int(i), str(n), int(o or 0), str(name), d is not None and d < env.today)  # both non-NULL (the query)
            for i, n, o, name, d in rows]


def make_orders(conn: Connection, env: DemoEnv) -> dict[str, int]:
    """Insert up to len(PLAN) orders with their timeline notes; numbers continue the year's (the demo is empty)."""
    targets = _cases(conn, env)
    station = conn.scalar(select(Setting.value).where(Setting.key == STATION_NAME_KEY)) or DEFAULT_STATION_NAME
    order_id = int(conn.scalar(select(func.coalesce(func.max(SupervisionOrder.id), 0))) or 0) + 1
    event_id = int(conn.scalar(select(func.coalesce(func.max(CaseEvent.id), 0))) or 0) + 1
    numbers: dict[int, int] = {}
    orders: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    ds = env.day_str
    # Issued oldest first, so the numbers run in the order of issue.
    for (state, ago, answer_after, close_after), (case_id, case_no, staff_id, officer, late) in sorted(
            zip(PLAN, targets, strict=False), key=lambda p: -p[0][1]):
        issued = env.today_idx - ago
        year = env.year[issued]
        numbers[year] = numbers.get(year, 0) + 1
        number = order_number(year, numbers[year])
        reason, text = REASONS[0 if late else 1]
        deadline = env.add_days(issued, WORKING_DAYS, True)
        answered = None if answer_after is None else min(issued + answer_after, env.today_idx)
        closed = None if close_after is None else min(issued + close_after, env.today_idx)
        stamp = env.ts(issued, 90)
        orders.append((order_id, env.uuid_hex(), stamp, stamp, station, year, numbers[year], "案件", case_id,
                       f"案件 {case_no}", reason, text, staff_id, officer, ds[issued], ISSUER, WORKING_DAYS,
                       ds[deadline], state, ANSWER if answered is not None else None,
                       ds[answered] if answered is not None else None, officer if answered is not None else None,
                       ds[closed] if closed is not None else None, ISSUER if closed is not None else None,
                       CLOSE_NOTE if closed is not None else None))
        order_id += 1
        steps = [(issued, ISSUER, f"{number} 督办（{reason}）：{text}；督办对象：{officer}；"
                                  f"限 {WORKING_DAYS} 个工作日内（{ds[deadline]}前）办理")]
        if answered is not None:
            steps.append((answered, officer, f"{number} 答复督办：{ANSWER}"))
        if closed is not None:
            steps.append((closed, ISSUER, f"{number} 督办办结：{CLOSE_NOTE}"))
        for day, actor, note in steps:
            at = env.ts(day, 120)
            events.append((event_id, env.uuid_hex(), at, at, case_id, at, actor, "备注", None, None, None, note))
            event_id += 1
    bulk_insert(conn, SupervisionOrder.__table__, COLS, orders)  # type: ignore[arg-type]
    bulk_insert(conn, CaseEvent.__table__, EVENT_COLS, events)  # type: ignore[arg-type]
    return {"supervision_orders": len(orders)}
