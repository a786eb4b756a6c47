"""Demo patrols: two years of inspections by grade (some estates behind), daily rounds, night patrols, campaigns
and joint inspections, with checklists and findings, and the 巡查发现 cases and referrals they produced.

Every 巡查发现 case of the last two years is the finding of a patrol on its found day in its estate (so a case shows
the patrol it came from, and a referred one its referral); other findings were fixed on the spot, a few wait.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from controllers.demo.base import DemoEnv, Ref, bulk_insert
from controllers.demo.text import pick, ri
from models.cases import Case, Referral
from models.inspections import Patrol, PatrolCheck, PatrolVisit, patrol_departments, patrol_officers
from models.reference import Estate, EstateGrade

BASE = ("id", "uuid", "created_at", "updated_at")
SPAN_DAYS = 730
BEHIND_SHARE = 0.15  # estates whose inspections lag: more than half their cycles missed
ROUTE_MAX = 5  # estates a patrol covers at most
FINDING_NOTES = ("现场发现，已拍照取证", "已告知物业和居委会", "当事人不在现场，已留告知书", "现场劝阻，当事人表示整改")


@dataclass
class _Patrol:
    id: int
    day: int
    kind: str
    street: int
    estates: list[int] = field(default_factory=list)


def _next_id(conn: Connection, model: type) -> int:
    return int(conn.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1  # type: ignore[attr-defined]


class _Builder:
    """Patrols by (street, day, kind): a visit joins the day's patrol of its street, or opens one."""

    def __init__(self, conn: Connection) -> None:
        self.next_id = _next_id(conn, Patrol)
        self.by_key: dict[tuple[int, int, str], list[_Patrol]] = defaultdict(list)
        self.all: list[_Patrol] = []

    def visit(self, street: int, day: int, kind: str, estate: int) -> tuple[int, int]:
        """(patrol id, the estate's position) of the visit, a new patrol when the route is full."""
        for p in self.by_key[(street, day, kind)]:
            if estate in p.estates:
                return p.id, p.estates.index(estate)
        open_ = [p for p in self.by_key[(street, day, kind)] if len(p.estates) < ROUTE_MAX]
        if not open_:
            p = _Patrol(self.next_id, day, kind, street)
            self.next_id += 1
            self.by_key[(street, day, kind)].append(p)
            self.all.append(p)
            open_ = [p]
        open_[0].estates.append(estate)
        return open_[0].id, len(open_[0].estates) - 1


def _inspection_visits(conn: Connection, env: DemoEnv, ref: Ref, b: _Builder, first: int) -> None:
    """One 分级分类检查 per grade cycle (calendar-aligned, as controllers.inspections.plan counts them)."""
    rng = env.rng
    months = {g: m for g, m in conn.execute(select(EstateGrade.id, EstateGrade.inspection_months))}
    grade = {e: g for e, g in conn.execute(select(Estate.id, Estate.grade_id))}
    ids = [e[0] for e in ref.estates]
    behind = set(rng.sample(ids, int(len(ids) * BEHIND_SHARE)))
    for eid, street, _name, _addr, _pop in ref.estates:
        m = months.get(grade.get(eid) or 0)
        if not m:
            continue
        cover = 0.4 if eid in behind else 0.95
        # Cycle boundaries: month starts whose index since January 2000 is a multiple of m.
        starts = [i for i in range(first, env.today_idx) if env.days[i].day == 1
                  and ((env.days[i].year - 2000) * 12 + env.days[i].month - 1) % m == 0]
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else env.today_idx
            working = [d for d in range(start, end) if env.cum_working[d] != (env.cum_working[d - 1] if d else 0)]
            if working and rng.random() < cover:
                b.visit(street, pick(rng, working), "分级分类检查", eid)


def _round_visits(env: DemoEnv, ref: Ref, b: _Builder, first: int) -> None:
    """Daily rounds on about one working day in four per street; night patrols, campaigns, joint inspections."""
    rng = env.rng
    by_street: dict[int, list[int]] = defaultdict(list)
    for eid, street, *_rest in ref.estates:
        by_street[street].append(eid)
    kinds = (("日常巡查", 0.25), ("夜间巡查", 0.03), ("专项整治", 0.02), ("联合检查", 0.015))
    for day in env.working:
        if not first <= day < env.today_idx:
            continue
        for street, estates in by_street.items():
            for kind, p in kinds:
                if rng.random() < p:
                    for eid in rng.sample(estates, min(len(estates), ri(rng, 1, 4))):
                        b.visit(street, day, kind, eid)


def make_patrols(conn: Connection, env: DemoEnv, ref: Ref) -> dict[str, int]:
    """Insert the patrols of the last two years; returns row counts."""
    rng = env.rng
    first = max(0, env.today_idx - SPAN_DAYS)
    b = _Builder(conn)
    _inspection_visits(conn, env, ref, b, first)
    _round_visits(env, ref, b, first)
    street_of = {e[0]: e[1] for e in ref.estates}
    # The 巡查发现 cases of the span, each the finding of a patrol on its day (a daily round unless one was there).
    first_day = env.days[first]
    found_cases = conn.execute(select(Case.id, Case.estate_id, Case.category_id, Case.found_date, Case.place)
                               .where(Case.source == "巡查发现", Case.found_date >= first_day,
                                      Case.found_date < env.today).order_by(Case.id)).all()
    referral_of = {c: r for c, r in conn.execute(select(Referral.case_id, func.min(Referral.id))
                                                 .where(Referral.case_id.is_not(None)).group_by(Referral.case_id))}
    case_lines: dict[tuple[int, int], list[tuple[int, int, str | None]]] = defaultdict(list)
    for cid, estate, category, found, place in found_cases:
        day = (found - env.base).days
        there = [k for k in ("分级分类检查", "日常巡查") if any(estate in p.estates for p in
                                                          b.by_key.get((street_of[estate], day, k), ()))]
        # One line per category and estate on a patrol: a second case of the same kind that day was another round.
        for kind in [*there, "日常巡查", "专项整治", "夜间巡查", "联合检查"]:
            pid, _pos = b.visit(street_of[estate], day, kind, estate)
            if all(c[0] != category for c in case_lines[(pid, estate)]):
                case_lines[(pid, estate)].append((category, cid, place))
                break

    checklist = [(cid, code) for cid, code, _d, _w in ref.categories if code != "C99"]
    visit_rows: list[tuple[Any, ...]] = []
    line_rows: list[tuple[Any, ...]] = []
    patrol_rows: list[tuple[Any, ...]] = []
    officer_rows: list[tuple[int, int]] = []
    dept_rows: list[tuple[int, int]] = []
    vid, lid = _next_id(conn, PatrolVisit), _next_id(conn, PatrolCheck)
    dept_ids = list(ref.departments.values())
    counts = {"立案": 0, "移交": 0, "当场劝阻整改": 0}
    for p in sorted(b.all, key=lambda p: p.id):
        minute = 720 + ri(rng, 0, 90) if p.kind == "夜间巡查" else 60 + ri(rng, 0, 240)  # 20:00 / 09:00 Shanghai
        at = env.ts(p.day, minute)
        patrol_rows.append((p.id, env.uuid_hex(), at, at, at, p.kind, None))
        staff = ref.staff_by_street.get(p.street) or [s for v in ref.staff_by_street.values() for s in v]
        for sid, _n in rng.sample(staff, min(len(staff), ri(rng, 1, 2))):
            officer_rows.append((p.id, sid))
        if p.kind == "联合检查" and dept_ids:
            dept_rows.extend((p.id, d) for d in rng.sample(dept_ids, min(len(dept_ids), ri(rng, 1, 2))))
        for pos, estate in enumerate(p.estates):
            full = p.kind == "分级分类检查"
            visit_rows.append((vid, env.uuid_hex(), at, at, p.id, estate, pos, full and rng.random() < 0.8,
                               rng.random() < (0.6 if full else 0.2), full and rng.random() < 0.2))
            lines: dict[int, tuple[str, str | None, str | None, str | None, int | None, int | None]] = {}
            for category, cid, place in case_lines.get((p.id, estate), ()):
                ref_id = referral_of.get(cid)
                outcome = "移交" if ref_id else "立案"
                counts[outcome] += 1
                lines[category] = ("发现问题", place, pick(rng, FINDING_NOTES), outcome, cid, ref_id)
            if full:
                for cat, code in checklist:
                    if cat not in lines:
                        lines[cat] = ("不适用", None, None, None, None, None) if code == "C13" and \
                            rng.random() < 0.1 else ("正常", None, None, None, None, None)
            if rng.random() < (0.04 if full else 0.12):
                cat = pick(rng, checklist)[0]
                if cat not in lines or lines[cat][0] == "正常":
                    done = p.day < env.today_idx - 3 or rng.random() < 0.5  # a few recent ones still wait
                    counts["当场劝阻整改"] += done
                    lines[cat] = ("发现问题", None, pick(rng, FINDING_NOTES), "当场劝阻整改" if done else None,
                                  None, None)
            for cat, line in lines.items():
                line_rows.append((lid, env.uuid_hex(), at, at, vid, cat, *line))
                lid += 1
            vid += 1
    bulk_insert(conn, Patrol.__table__, (*BASE, "started_at", "kind", "notes"), patrol_rows,  # type: ignore[arg-type]
                env=env, stage="巡查记录", total=len(patrol_rows))
    bulk_insert(conn, patrol_officers, ("patrol_id", "staff_id"), officer_rows)
    bulk_insert(conn, patrol_departments, ("patrol_id", "department_id"), dept_rows)
    bulk_insert(conn, PatrolVisit.__table__, (*BASE, "patrol_id", "estate_id", "position",  # type: ignore[arg-type]
                "met_property", "met_committee", "met_owners_committee"), visit_rows)
    bulk_insert(conn, PatrolCheck.__table__, (*BASE, "visit_id", "category_id", "result", "place",  # type: ignore[arg-type]
                "note", "outcome", "case_id", "referral_id"), line_rows, env=env, stage="巡查检查项目",
                total=len(line_rows))
    return {"patrols": len(patrol_rows), "patrol_visits": len(visit_rows), "patrol_checks": len(line_rows),
            "patrol_findings_cases": counts["立案"], "patrol_findings_referrals": counts["移交"],
            "patrol_findings_fixed": counts["当场劝阻整改"]}
