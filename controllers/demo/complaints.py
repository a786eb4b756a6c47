"""Demo complaints: all channels, unique 12345 work-order numbers, about 15% repeats linked to the first one; most
replies are written from the category's reply template (回复模板), as a clerk answering with them would."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from controllers.demo import text as T
from controllers.demo.base import BulkWriter, DemoEnv, Ref
from controllers.demo.cases import CATEGORY_WEIGHTS, CaseInfo
from controllers.demo.text import pick, ri
from controllers.reference.reply_templates import fill
from models.cases import Case, Referral
from models.complaints import Complaint
from models.enums import COMPLAINT_CHANNELS, REPLY_KINDS
from models.normalize import normalize_address
from models.reference import Category, Department, ReplyTemplate

REPEAT_SHARE = 0.15
CASE_LINK_SHARE = 0.2
ANONYMOUS_SHARE = 0.03
SURGE_ESTATES = 3  # controllers.supervision.warnings.WIDESPREAD_ESTATES: together a 普遍性难点
SURGE_DAYS = 25  # inside the warnings' 30-day window
SURGE_MIN = 8
CHANNEL_WEIGHTS = {"12345热线": 55, "来电": 10, "来访": 8, "信件": 2, "网络": 10, "居委转交": 10, "社区工作室": 5}
# (cumulative share, value): one rng.random() per draw instead of a rng.choices call per row.
OLD = ((0.85, "已回复"), (0.97, "已办结"), (1.0, "处理中"))
RECENT = ((0.5, "已回复"), (0.85, "处理中"), (0.9, "待处理"), (1.0, "已办结"))
FRESH = ((0.6, "待处理"), (1.0, "处理中"))
SATISFIED = ((0.7, "满意"), (0.9, "基本满意"), (1.0, "不满意"))
SATISFIED_REPEAT = ((0.4, "满意"), (0.7, "基本满意"), (1.0, "不满意"))
RESULT = REPLY_KINDS[1]  # 办理结果
# The kind of reply a linked case's state calls for (a refused case is explained, a referred one announced).
KIND_BY_CASE_STATUS = {"不予立案": REPLY_KINDS[2], "移交": REPLY_KINDS[3]}
TEMPLATE_SHARE = 0.7  # replies written from a template; the rest typed freely
COLS = ("id", "uuid", "created_at", "updated_at", "work_order_no", "channel", "received_at", "complainant_name",
        "complainant_phone", "street_id", "estate_id", "address", "address_key", "category_id", "content", "reply_due",
        "status", "reply", "replied_on", "callback_on", "satisfaction", "callback_note", "repeat_of_id", "case_id",
        "version")


def after_original(orig_minute: int, orig_tie: float, minute: int, tie: float) -> tuple[int, float]:
    """A same-day repeat's (minute, tie): never before the complaint it repeats, and never past the day's last minute
    (23:59 UTC; a minute of 1440 was written as a stamp at hour 24, which no reader can parse). When both fall on that
    last minute, the tie orders the repeat after its original."""
    minute = min(max(minute, orig_minute + 1), 1439)
    return (minute, tie) if minute > orig_minute else (minute, orig_tie + 1.0)


def make_complaints(conn: Connection, env: DemoEnv, ref: Ref, cases: CaseInfo, n: int) -> dict[str, int]:
    """Insert n complaints over the last two years."""
    rng = env.rng
    if n == 0:
        return {"complaints": 0, "repeat_complaints": 0}
    first_id = int(conn.scalar(select(func.coalesce(func.max(Complaint.id), 0))) or 0) + 1
    n_repeat = int(n * REPEAT_SHARE) if n >= 2 else 0
    n_orig = n - n_repeat
    estate_pick = env.weighted(range(len(ref.estates)), [e[4] for e in ref.estates], n_orig)
    cat_ids = [c[0] for c in ref.categories]
    code_of = {c[0]: c[1] for c in ref.categories}
    cat_pick = env.weighted(cat_ids, [CATEGORY_WEIGHTS.get(c[1], 3) for c in ref.categories], n_orig)
    channels = env.weighted(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()), n)
    estate_of = {e[0]: e for e in ref.estates}
    n_cases = len(cases.estate)
    templates = _templates(conn)
    case_facts = {i: (number, deadline, status) for i, number, deadline, status in conn.execute(
        select(Case.id, Case.number, Case.deadline, Case.status).where(Case.id >= cases.first_id))}
    referred_to = dict(conn.execute(select(Referral.case_id, Department.name).join(Department)
                                    .where(Referral.case_id >= cases.first_id)).all())

    # Draft: (day, minute, tie, estate_id, category_id, phone, name, place, case_id, original draft index or -1)
    drafts: list[list[Any]] = []
    for i in range(n_orig):
        case_id = None
        if n_cases and rng.random() < CASE_LINK_SHARE:
            k = int(rng.random() * n_cases)  # this complaint is what brought the case in
            estate_id, category_id = cases.estate[k], cases.category[k]
            day = max(cases.found[k] - ri(rng, 0, 3), 0)
            case_id = cases.first_id + k
        else:
            estate_id, category_id = ref.estates[estate_pick[i]][0], cat_pick[i]
            day = env.today_idx - ri(rng, 0, 729)
        # A few complain anonymously (no name or phone): their repeats are found by address and category.
        anonymous = rng.random() < ANONYMOUS_SHARE
        drafts.append([day, ri(rng, 0, 1439), rng.random(), estate_id, category_id,
                       None if anonymous else T.fake_phone(rng), None if anonymous else T.person_name(rng),
                       T.room_place(rng), case_id, -1])
    _surge(drafts, env, ref, cat_ids, code_of)
    for _ in range(n_repeat):
        j = int(rng.random() * n_orig)
        orig = drafts[j]
        day = min(orig[0] + ri(rng, 1, 29), env.today_idx)
        minute, tie = ri(rng, 0, 1439), rng.random()
        if day == orig[0]:
            minute, tie = after_original(orig[1], orig[2], minute, tie)
        drafts.append([day, minute, tie, orig[3], orig[4], orig[5], orig[6], orig[7], orig[8], j])
    order = sorted(range(n), key=lambda i: (drafts[i][0], drafts[i][1], drafts[i][2]))
    new_id = [0] * n
    for pos, i in enumerate(order):
        new_id[i] = first_id + pos

    rows = BulkWriter(conn, Complaint.__table__, COLS, env=env, stage="写入诉件", total=n)  # type: ignore[arg-type]
    per_day: dict[int, int] = {}
    today = env.today_idx
    ds = env.day_str
    for pos, i in enumerate(order):
        day, minute, _tie, estate_id, category_id, phone, name, place, case_id, orig = drafts[i]
        channel = channels[pos]
        e = estate_of[estate_id]
        code = code_of[category_id]
        work_order = None
        if channel == "12345热线":
            per_day[day] = per_day.get(day, 0) + 1
            work_order = f"{ds[day][2:].replace('-', '')}{per_day[day]:05d}"
        received = f"{ds[day]} {minute // 60:02d}:{minute % 60:02d}:00.000000"
        content = T.fill(T.COMPLAINT_TEXT.get(code, T.COMPLAINT_TEXT["C99"]), rng, code, estate=e[2], place=place)
        if orig >= 0:
            content = "再次" + content
        age = today - day
        status = _weighted(rng.random(), OLD if age > 15 else RECENT if age >= 3 else FRESH)
        reply = replied_on = callback_on = satisfaction = note = None
        if status in ("已回复", "已办结"):
            r = min(day + ri(rng, 1, 7), today)
            replied_on = ds[r]
            number, deadline, case_status = case_facts.get(case_id, (None, None, None)) if case_id else \
                (None, None, None)
            template = templates.get((category_id, KIND_BY_CASE_STATUS.get(case_status or "", RESULT)))
            if template and rng.random() < TEMPLATE_SHARE:
                reply = _from_template(template, estate=e[2], day=env.cn_date[r], case_number=number,
                                       deadline=deadline, department=referred_to.get(case_id, ""))
            else:
                reply = pick(rng, T.REPLIES)
            if status == "已回复" or rng.random() < 0.3:
                c = min(r + ri(rng, 1, 5), today)
                callback_on = ds[c]
                satisfaction = _weighted(rng.random(), SATISFIED_REPEAT if orig >= 0 else SATISFIED)
                note = T.CALLBACK_NOTES[satisfaction]
        address = f"{e[3]}{place}"
        rows.add((
            first_id + pos, env.uuid_hex(), received, received, work_order, channel, received,
            name, phone, e[1], estate_id, address, normalize_address(address),
            category_id, content, ds[env.add_days(day, 5, True)], status, reply, replied_on, callback_on,
            satisfaction, note, new_id[orig] if orig >= 0 else None, case_id, 1,
        ))
    assert set(CHANNEL_WEIGHTS) == set(COMPLAINT_CHANNELS)
    rows.flush()
    return {"complaints": n, "repeat_complaints": n_repeat}


def _surge(drafts: list[list[Any]], env: DemoEnv, ref: Ref, cat_ids: list[int], code_of: dict[int, str]) -> None:
    """A 苗头 to see (controllers.supervision.warnings): the most common category rises at once in SURGE_ESTATES
    estates over the last SURGE_DAYS days (three times an estate's usual month of every category, at least
    SURGE_MIN), an estate flag each and a 普遍性难点 together. Drafts not linked to a case are moved there, picked
    by position rather than by the seeded RNG, so every other draw of the demo stays as it was."""
    if len(ref.estates) < SURGE_ESTATES or not cat_ids:
        return
    category = max(cat_ids, key=lambda c: (CATEGORY_WEIGHTS.get(code_of[c], 3), -c))
    usual = len(drafts) * SURGE_DAYS // (2 * 365 * len(ref.estates))
    size = max(SURGE_MIN, 3 * usual)
    free = [d for d in drafts if d[8] is None]
    if len(free) < size * SURGE_ESTATES * 2:
        return  # too small a demo to spare them
    step = len(free) // (size * SURGE_ESTATES)
    moved = free[::step][: size * SURGE_ESTATES]
    for k, draft in enumerate(moved):
        draft[0] = env.today_idx - k % SURGE_DAYS
        draft[3] = ref.estates[k // size][0]
        draft[4] = category


def _templates(conn: Connection) -> dict[tuple[int, str], tuple[str, str]]:
    """Each category's first active template per kind: (text, category name)."""
    found: dict[tuple[int, str], tuple[str, str]] = {}
    stmt = (select(ReplyTemplate.category_id, ReplyTemplate.kind, ReplyTemplate.body, Category.name).join(Category)
            .where(ReplyTemplate.active.is_(True)).order_by(ReplyTemplate.id))
    for category_id, kind, body, name in conn.execute(stmt):
        found.setdefault((category_id, kind), (body, name))
    return found


def _from_template(template: tuple[str, str], *, estate: str, day: str, case_number: str | None,
                   deadline: Any, department: str) -> str:
    """The template filled as the handling dialog fills it; a clause whose value the record lacks is left out
    (a clerk would delete the （待填写） it leaves)."""
    body, category = template
    if not case_number:
        body = body.replace("（案件编号：{案件编号}）", "")
    if deadline is None:
        body = body.replace("，整改期限至{整改期限}", "")
    values = {"小区": estate, "类别": category, "日期": day, "案件编号": case_number or "", "承办部门": department,
              "整改期限": f"{deadline.year}年{deadline.month}月{deadline.day}日" if deadline else ""}
    return fill(body, values)


def _weighted(x: float, table: tuple[tuple[float, str], ...]) -> str:
    for bound, value in table:
        if x < bound:
            return value
    return table[-1][1]
