"""Demo cases: every category and workflow status, numbered per year and street, with a consistent timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from controllers.demo import text as T
from controllers.demo.base import BulkWriter, DemoEnv, Ref, bulk_insert
from controllers.demo.text import pick, ri
from models.cases import Case, CaseEvent, Referral, case_regulations, format_case_number
from models.enums import CASE_SOURCES, CASE_STATUSES

CATEGORY_WEIGHTS = {"C01": 10, "C02": 4, "C03": 8, "C04": 3, "C05": 10, "C06": 14, "C07": 12, "C08": 6, "C09": 5,
                    "C10": 8, "C11": 5, "C12": 9, "C13": 6, "C99": 4}
# Open statuses last days or weeks while the demo spans two years, so they are ~3 % of all cases: at 27 % the
# latest month (where their found dates fall) held eight months' worth of cases, and a brief for the current
# quarter showed found +255 % and closure 12 %. Now the latest month holds about one month's worth.
STATUS_WEIGHTS = {"登记": 0.3, "核查": 0.4, "立案": 0.4, "不予立案": 6, "责令整改": 1.2, "复查": 0.3, "结案": 79,
                  "挂账": 4, "移交": 5}
# How long ago a case in that status was found (days): fresh cases are early in the loop, old ones closed.
# Open rectification cases were found up to 45 days ago: those past their 1-15 working day deadline are the
# overdue list (about 1 % of all cases).
STATUS_AGE = {"登记": (0, 6), "核查": (0, 15), "立案": (1, 30), "不予立案": (3, 729), "责令整改": (1, 45),
              "复查": (3, 25), "结案": (8, 729), "挂账": (40, 729), "移交": (3, 729)}
PATHS = {
    "登记": [], "核查": ["核查"], "立案": ["核查", "立案"], "不予立案": ["核查", "不予立案"],
    "责令整改": ["核查", "立案", "责令整改"], "复查": ["核查", "立案", "责令整改", "复查"],
    "结案": ["核查", "立案", "责令整改", "复查", "结案"], "挂账": ["核查", "立案", "责令整改", "挂账"],
    "移交": ["核查", "移交"],
}
GAP = {"核查": (0, 2), "立案": (1, 5), "不予立案": (1, 5), "责令整改": (0, 3), "结案": (0, 1), "挂账": (5, 30),
       "移交": (1, 4)}
# The plan expects the 复查 on (or just before) the rectification deadline and the case closed at it; about one
# review in seven slips past the deadline, so the on-time rate (case_stats) reads high but not perfect.
LATE_REVIEW_SHARE = 0.14
SOURCE_WEIGHTS = (40, 20, 20, 10, 5, 5)
REFER_TO = {"C05": "区规划资源局", "C07": "区绿化市容局", "C09": "区绿化市容局", "C11": "区房管局",
            "C13": "区消防救援支队"}
C99_DEPTS = ["区体育局", "区公安分局", "区房管局", "区消防救援支队", "各街道（镇）"]
NO_CASE = ["经核查，当事人已自行整改到位，不予立案。", "经核查，违法事实不成立，不予立案。",
           "情节轻微并及时改正，依法不予立案。"]
RESULTS = ["当事人已按期整改到位，复查合格。", "违法建筑已自行拆除，复查合格。", "已恢复原状，复查合格。",
           "已依法作出行政处罚并整改到位。"]
EVENT_NOTES = {"核查": "现场核查，情况属实。", "立案": "经审批立案调查。", "复查": "到期复查。",
               "结案": "整改到位，结案。"}

FLUSH_EVERY = 10_000
# Chance that a case at a spot closed before is a recurrence of it: about 5% of all cases end up linked.
RECURRENCE_SHARE = 0.07
CASE_COLS = ("id", "uuid", "created_at", "updated_at", "number", "year", "street_id", "seq", "category_id",
             "estate_id", "place", "source", "found_date", "facts", "party_name", "party_phone", "officer_id",
             "status", "deadline", "measures", "result", "hold_reason", "hold_review_date", "closed_on",
             "followup_due", "followup_done_on", "recurrence_of_id", "version")
EVENT_COLS = ("id", "uuid", "created_at", "updated_at", "case_id", "at", "actor", "kind", "from_status",
              "to_status", "changes", "note")
REFERRAL_COLS = ("id", "uuid", "created_at", "updated_at", "case_id", "department_id", "referred_on", "reason",
                 "reply_due", "status", "replied_on", "reply")


@dataclass
class CaseInfo:
    """What later generators need to link to cases, in id order (case id = first_id + index)."""

    first_id: int = 1
    estate: list[int] = field(default_factory=list)
    category: list[int] = field(default_factory=list)
    found: list[int] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)  # ids of open cases past their deadline
    summary: dict[str, int] = field(default_factory=dict)


def _draws(env: DemoEnv, ref: Ref, n: int) -> tuple[list[Any], list[str]]:
    cats = ref.categories
    weights = [CATEGORY_WEIGHTS.get(code, 3) for _id, code, _d, _w in cats]
    categories = env.weighted(cats, weights, n)
    statuses = env.weighted(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()), n)
    # The first rows cover every category and every status, so even a tiny demo shows them all.
    for i in range(min(n, len(cats))):
        categories[i] = cats[i]
    for i, status in enumerate(CASE_STATUSES[: min(n, len(CASE_STATUSES))]):
        statuses[i] = status
    return categories, statuses


def make_cases(conn: Connection, env: DemoEnv, ref: Ref, n: int) -> CaseInfo:
    """Insert n cases with their events, legal basis and referrals."""
    rng = env.rng
    info = CaseInfo(first_id=int(conn.scalar(select(func.coalesce(func.max(Case.id), 0))) or 0) + 1)
    if n == 0:
        info.summary = {"cases": 0, "case_events": 0, "case_regulations": 0, "referrals": 0}
        return info
    categories, statuses = _draws(env, ref, n)
    est_weights = [e[4] for e in ref.estates]  # bigger estates see more cases
    estates = env.weighted(range(len(ref.estates)), est_weights, n)
    sources = env.weighted(CASE_SOURCES, SOURCE_WEIGHTS, n)
    drafts = []
    for i in range(n):
        cat = categories[i]
        status = statuses[i]
        if cat[1] == "C99" and status not in ("登记", "核查"):
            status = "移交"  # not an enforcement matter: it can only be referred out
        lo, hi = STATUS_AGE[status]
        found = env.today_idx - ri(rng, lo, hi)
        drafts.append((found, rng.random(), cat, status, estates[i], sources[i]))
    drafts.sort(key=lambda d: (d[0], d[1]))  # ids and sequence numbers follow the date found

    seq: dict[tuple[int, int], int] = {}
    last_closed: dict[tuple[int, int], tuple[int, int]] = {}
    # Written in step, cases first, so every event's case row is already there for the foreign key.
    case_rows = BulkWriter(conn, Case.__table__, CASE_COLS, env=env, stage="写入案件", total=n,  # type: ignore[arg-type]
                           auto_flush=False)
    event_rows = BulkWriter(conn, CaseEvent.__table__, EVENT_COLS, auto_flush=False)  # type: ignore[arg-type]
    reg_rows = BulkWriter(conn, case_regulations, ("case_id", "regulation_id"), auto_flush=False)
    referral_rows: list[tuple[Any, ...]] = []
    event_id = int(conn.scalar(select(func.coalesce(func.max(CaseEvent.id), 0))) or 0) + 1
    referral_id = int(conn.scalar(select(func.coalesce(func.max(Referral.id), 0))) or 0) + 1
    today = env.today_idx
    short_of = dict(ref.streets)
    for k, (found, _tie, cat, status, est_idx, source) in enumerate(drafts):
        case_id = info.first_id + k
        cat_id, code, days, working = cat
        estate_id, street_id, estate_name, _addr, _pop = ref.estates[est_idx]
        short = short_of[street_id]
        year = env.year[found]
        key = (year, street_id)
        seq[key] = seq.get(key, 0) + 1
        officers = ref.staff_by_street[street_id]
        officer_id, officer = officers[int(rng.random() * len(officers))]
        leader = officers[0][1]
        public = code in ("C06", "C07", "C08", "C10", "C12") and rng.random() < 0.5
        place = f"{ri(rng, 1, 40)}号楼楼道" if public else T.room_place(rng)
        facts = T.fill(T.CASE_FACTS.get(code, T.CASE_FACTS["C99"]), rng, code, estate=estate_name, place=place,
                       date=env.cn_date[found])
        party = party_phone = None
        if code == "C11":
            party = "该小区物业服务企业"
        elif not public and code != "C99":
            party = pick(rng, T.SURNAMES) + "某"
            party_phone = T.fake_phone(rng)

        # Timeline: created, then each transition of the status path, never in the future.
        minute = env.work_minute()
        created = env.ts(found, minute)
        event_rows.add((event_id, env.uuid_hex(), created, created, case_id, created, officer, "创建", None, "登记",
                           None, f"登记来源：{source}"))
        event_id += 1
        day = prev_day = found
        prev = "登记"
        deadline = hold_reason = hold_review = closed = followup_due = followup_done = None
        measures = result = None
        referral_dept = None
        late = rng.random() < LATE_REVIEW_SHARE
        for step in PATHS[status]:
            if step == "复查" and deadline is not None:
                day = deadline + ri(rng, 1, 10) if late else max(day, deadline - ri(rng, 0, 2))
            else:
                lo, hi = GAP[step]
                day += ri(rng, lo, hi)
                if step == "结案" and deadline is not None and not late:
                    day = min(day, max(deadline, prev_day))  # closed at the review, by the deadline
            day = min(day, today)
            # Same day as the previous event: later that day, so the timeline sorts in the order things happened.
            minute = minute + ri(rng, 5, 60) if day == prev_day else env.work_minute()
            prev_day = day
            note = EVENT_NOTES.get(step, "")
            kind = "状态变更"
            changes = None
            if step == "责令整改":
                deadline = env.add_days(day, days, working)
                measures = f"送达责令限期整改通知书，限期至{env.day_str[deadline]}。"
                note = measures
                changes = f'{{"deadline": [null, "{env.day_str[deadline]}"]}}'
            elif step == "不予立案":
                result = pick(rng, NO_CASE)
                note = result
            elif step == "结案":
                result = pick(rng, RESULTS)
                closed = day
                note = result
            elif step == "挂账":
                hold_reason = pick(rng, T.HOLD_REASONS)
                hold_review = min(day + ri(rng, 30, 90), env.last_idx)
                note = f"挂账：{hold_reason}"
            elif step == "移交":
                kind = "移交"
                dept = pick(rng, C99_DEPTS) if code == "C99" else REFER_TO.get(code, "各街道（镇）")
                referral_dept = (dept, day)
                note = f"移交{dept}处理。"
            actor = leader if step in ("立案", "结案", "挂账") else officer
            at = env.ts(day, minute)
            event_rows.add((event_id, env.uuid_hex(), at, at, case_id, at, actor, kind, prev, step, changes, note))
            event_id += 1
            prev = step
        updated = env.ts(day, minute)

        if closed is not None:
            followup_due = min(closed + ref.followup_days, env.last_idx)
            if followup_due <= today and rng.random() < 0.8:
                followup_done = min(followup_due + ri(rng, -5, 10), today)
                at = env.ts(followup_done, env.work_minute())
                event_rows.add((event_id, env.uuid_hex(), at, at, case_id, at, officer, "回头看", None, None,
                                   None, "回头看：未发现违法行为反弹。"))
                event_id += 1
        elif deadline is not None and deadline < today and status in ("责令整改", "复查"):
            info.overdue.append(case_id)

        recurrence = None
        prior = last_closed.get((estate_id, cat_id))
        if prior is not None and prior[0] < found and rng.random() < RECURRENCE_SHARE:
            recurrence = prior[1]
            facts += "（该点位此前已结案，回头看发现复发。）"
        if closed is not None:
            last_closed[(estate_id, cat_id)] = (closed, case_id)

        if referral_dept is None and code == "C11" and closed is not None and rng.random() < 0.4:
            referral_dept = ("区房管局", closed)  # demerits for the property company after the penalty
        if referral_dept is not None:
            dept, on = referral_dept
            due = env.add_days(on, 10, True)
            r_status, replied, reply = "待回复", None, None
            if today - on > 15 and rng.random() < 0.85:
                r_status = "已回复" if rng.random() < 0.95 else "已退回"
                replied = env.day_str[min(on + ri(rng, 3, 20), today)]
                reply = "已接收并按职责处理。" if r_status == "已回复" else "不属于本部门职责，退回。"
            reason = note if code != "C11" else "物业未履职处罚后失信记分"
            referral_rows.append((referral_id, env.uuid_hex(), env.ts(on, 120), env.ts(on, 120), case_id,
                                  ref.departments[dept], env.day_str[on], reason, env.day_str[due], r_status,
                                  replied, reply))
            referral_id += 1

        for reg in ref.category_regs.get(cat_id, ()):
            reg_rows.add((case_id, reg))
        ds = env.day_str
        case_rows.add((
            case_id, env.uuid_hex(), created, updated, format_case_number(year, short, seq[key]), year, street_id,
            seq[key], cat_id, estate_id, place, source, ds[found], facts, party, party_phone, officer_id, status,
            ds[deadline] if deadline is not None else None, measures, result, hold_reason,
            ds[hold_review] if hold_review is not None else None, ds[closed] if closed is not None else None,
            ds[followup_due] if followup_due is not None else None,
            ds[followup_done] if followup_done is not None else None, recurrence, 1,
        ))
        info.estate.append(estate_id)
        info.category.append(cat_id)
        info.found.append(found)
        info.status.append(status)
        if (k + 1) % FLUSH_EVERY == 0 or k + 1 == n:
            for writer in (case_rows, event_rows, reg_rows):
                writer.flush()

    bulk_insert(conn, Referral.__table__, REFERRAL_COLS, referral_rows)  # type: ignore[arg-type]
    info.summary = {"cases": n, "case_events": event_rows.count, "case_regulations": reg_rows.count,
                    "referrals": len(referral_rows)}
    return info

