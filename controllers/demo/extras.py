"""Demo trainings (every kind, with attendees) and meetings (例会, 研讨会诊...) with action items."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from controllers.demo import text as T
from controllers.demo.base import DemoEnv, Ref, bulk_insert
from controllers.demo.cases import CaseInfo
from controllers.demo.text import pick, ri
from models.complaints import Complaint
from models.meetings import Meeting, MeetingAction, meeting_cases, meeting_complaints, meeting_departments
from models.trainings import Training, TrainingAttendee, training_cases, training_departments, training_estates

BASE = ("id", "uuid", "created_at", "updated_at")
ORGANISERS = ["城管社区工作室", "区城管执法局", "街道城运中心"]
COMPANY_ROLES = ["项目经理", "物业管理员", "秩序维护员", "保洁主管"]


def _next_id(conn: Connection, model: type) -> int:
    return int(conn.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1  # type: ignore[attr-defined]


def make_trainings(conn: Connection, env: DemoEnv, ref: Ref, cases: CaseInfo, n: int) -> dict[str, int]:
    """Insert n trainings over the last two years (a few planned in the coming month)."""
    rng = env.rng
    tid = _next_id(conn, Training)
    aid = _next_id(conn, TrainingAttendee)
    closed = [cases.first_id + k for k, s in enumerate(cases.status) if s == "结案"]
    dept_ids = list(ref.departments.values())
    rows: list[tuple[Any, ...]] = []
    attendees: list[tuple[Any, ...]] = []
    t_depts: list[tuple[int, int]] = []
    t_estates: list[tuple[int, int]] = []
    t_cases: list[tuple[int, int]] = []
    for i in range(n):
        kind_id, kind = ref.training_kinds[i % len(ref.training_kinds)] if i < len(ref.training_kinds) \
            else pick(rng, ref.training_kinds)
        future = rng.random() < 0.05
        day = env.today_idx + ri(rng, 1, 30) if future else env.today_idx - ri(rng, 0, 729)
        start = pick(rng, (60, 90, 120, 300, 330, 360))  # 09:00-14:00 Shanghai, stored in UTC
        starts, ends = env.ts(day, start), env.ts(day, start + pick(rng, (60, 90, 120)))
        # A planned training was entered before its day: stamped in the future, an exchange package refuses it.
        made = env.ts(env.today_idx - 1, start) if future else starts
        estate_ids = rng.sample([e[0] for e in ref.estates], min(len(ref.estates), ri(rng, 1, 3)))
        people: list[tuple[str, str | None, str | None, int | None]] = []
        if kind != "公众号小视频":
            for _ in range(ri(rng, 5, 40)):
                if kind == "物业企业培训" or rng.random() < 0.2:
                    company = pick(rng, ref.companies)
                    people.append((T.person_name(rng), company[1], pick(rng, COMPANY_ROLES), company[0]))
                else:
                    people.append((T.person_name(rng), None, pick(rng, T.ATTENDEE_ROLES), None))
        attended_count = 0
        for pos, (name, org, role, company_ref) in enumerate(people):
            attended = (not future) and rng.random() < 0.85
            attended_count += attended
            attendees.append((aid, env.uuid_hex(), made, made, tid, pos, name, org, role, T.fake_phone(rng),
                              company_ref, True, attended))
            aid += 1
        rows.append((tid, env.uuid_hex(), made, made, kind_id, pick(rng, T.TRAINING_TITLES.get(kind, ["普法宣传"])),
                     starts, ends, pick(rng, T.VENUES), pick(rng, ORGANISERS), "、".join(sorted({p[2] or "" for p in
                     people})) or "社区居民", len(people) or None, None if future or not people else attended_count))
        for dept in rng.sample(dept_ids, min(len(dept_ids), ri(rng, 1, 2))):
            t_depts.append((tid, dept))
        t_estates.extend((tid, e) for e in estate_ids)
        if kind in ("以案释法", "案例警示") and closed:
            t_cases.extend((tid, c) for c in rng.sample(closed, min(len(closed), ri(rng, 1, 2))))
        tid += 1
    bulk_insert(conn, Training.__table__, (*BASE, "kind_id", "title", "starts_at", "ends_at", "venue",  # type: ignore[arg-type]
                "organiser", "audience", "planned_count", "actual_count"), rows, env=env, stage="培训宣传", total=n)
    bulk_insert(conn, TrainingAttendee.__table__, (*BASE, "training_id", "position", "name",  # type: ignore[arg-type]
                "organisation", "role", "phone", "property_company_id", "invited", "attended"), attendees)
    bulk_insert(conn, training_departments, ("training_id", "department_id"), t_depts)
    bulk_insert(conn, training_estates, ("training_id", "estate_id"), t_estates)
    bulk_insert(conn, training_cases, ("training_id", "case_id"), t_cases)
    return {"trainings": n, "training_attendees": len(attendees)}


def make_meetings(conn: Connection, env: DemoEnv, ref: Ref, cases: CaseInfo) -> dict[str, int]:
    """Monthly 例会 for a year, case clinics on overdue cases and repeat complaints, joint consultations."""
    rng = env.rng
    mid = _next_id(conn, Meeting)
    act_id = _next_id(conn, MeetingAction)
    repeated = [r for (r,) in conn.execute(
        select(Complaint.repeat_of_id).where(Complaint.repeat_of_id.is_not(None)).distinct().limit(200))]
    knotty = cases.overdue[:200] + [cases.first_id + k for k, s in enumerate(cases.status) if s == "挂账"][:200]
    dept_ids = list(ref.departments.values())
    kinds = ["例会"] * 12 + ["研讨会诊"] * 6 + ["联合会商"] * 4 + ["其他"] * 2
    rows: list[tuple[Any, ...]] = []
    actions: list[tuple[Any, ...]] = []
    m_depts: list[tuple[int, int]] = []
    m_cases: list[tuple[int, int]] = []
    m_complaints: list[tuple[int, int | None]] = []
    for i, kind in enumerate(kinds):
        day = env.today_idx - (i * 30 + ri(rng, 0, 20) if kind == "例会" else ri(rng, 5, 700))
        month = f"{env.days[day].year}年{env.days[day].month}月"
        estate = pick(rng, ref.estates)[2]
        title = T.MEETING_TITLES[kind].format(month=month, estate=estate)
        at = env.ts(day, 120)
        decisions = "会议通报了近期案件办理和诉件处置情况，明确了下一步整治重点和责任分工。"
        rows.append((mid, env.uuid_hex(), at, at, kind, env.day_str[day], title, "社区工作室会议室",
                     "工作室全体人员、相关部门代表、居委会代表、物业项目经理", decisions))
        m_depts.extend((mid, d) for d in rng.sample(dept_ids, min(len(dept_ids), ri(rng, 2, 4))))
        if kind == "研讨会诊":
            m_cases.extend((mid, c) for c in rng.sample(knotty, min(len(knotty), 3)))
            m_complaints.extend((mid, c) for c in rng.sample(repeated, min(len(repeated), 3)))
        for pos in range(ri(rng, 2, 4)):
            due = min(day + ri(rng, 7, 30), env.last_idx)
            done = due < env.today_idx and rng.random() < 0.8
            owner = pick(rng, list(ref.departments)) if rng.random() < 0.5 else "城管社区工作室"
            actions.append((act_id, env.uuid_hex(), at, at, mid, pos,
                            pick(rng, T.MEETING_ACTIONS).format(days=pick(rng, (7, 10, 15))), owner,
                            env.day_str[due], done, env.day_str[min(due, env.today_idx)] if done else None))
            act_id += 1
        mid += 1
    bulk_insert(conn, Meeting.__table__, (*BASE, "kind", "held_on", "title", "venue", "people_present",  # type: ignore[arg-type]
                "decisions"), rows, env=env, stage="会商")
    bulk_insert(conn, MeetingAction.__table__, (*BASE, "meeting_id", "position", "description", "owner",  # type: ignore[arg-type]
                "due", "done", "done_on"), actions)
    bulk_insert(conn, meeting_departments, ("meeting_id", "department_id"), m_depts)
    bulk_insert(conn, meeting_cases, ("meeting_id", "case_id"), m_cases)
    bulk_insert(conn, meeting_complaints, ("meeting_id", "complaint_id"), m_complaints)
    return {"meetings": len(rows), "meeting_actions": len(actions)}
