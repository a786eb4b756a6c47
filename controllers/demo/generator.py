"""Demo data: a realistic, reproducible district (estates, companies, cases, complaints, trainings, meetings,
patrols)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.demo import cases as demo_cases
from controllers.demo import complaints as demo_complaints
from controllers.demo import extras as demo_extras
from controllers.demo import patrols as demo_patrols
from controllers.demo import supervision as demo_supervision
from controllers.demo import text as T
from controllers.demo.base import DemoEnv, Progress, Ref, bulk_insert, deferred_checks, deferred_indexes
from controllers.demo.text import pick, ri
from models import search
from models.admin import CalendarDay, Setting
from models.base import Base
from models.cases import Case
from models.complaints import Complaint
from models.db import settle_bulk_load
from models.reference import (
    Category,
    Department,
    Estate,
    EstateContact,
    EstateGrade,
    EstatePopulation,
    PropertyCompany,
    Regulation,
    Staff,
    Street,
    category_regulations,
)
from models.trainings import TrainingKind

log = logging.getLogger(__name__)

PILOT_ESTATES = 15
STAFF_PER_STREET = 3
MAX_COUNT = 5_000_000
BIG_TABLES = ("cases", "case_events", "complaints")


def generate_demo(ctx: AppContext, *, cases: int, complaints: int, trainings: int, seed: int,
                  progress: Progress | None = None) -> dict[str, int]:
    """Fill an empty data directory with demo data; the same seed gives the same data. Returns row counts."""
    for label, value in (("案件数", cases), ("诉件数", complaints), ("培训宣传次数", trainings)):
        if value < 0:
            raise ValidationError(f"{label}不能为负数，请给出 0 或更大的整数。")
        if value > MAX_COUNT:
            raise ValidationError(f"{label}过大（最多 {MAX_COUNT}）。")
    engine = ctx.db.engine
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A big page cache keeps index inserts in memory; the rest is one transaction, so commit is paid once.
            conn.exec_driver_sql("PRAGMA cache_size=-262144")
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.commit()  # end the autobegun transaction so the work below is one explicit transaction
        try:
            with conn.begin():
                _refuse_existing(conn)
                env = _make_env(conn, seed, progress)
                ref = _load_reference(conn)
                with deferred_checks(conn, Base.metadata):
                    summary = _reference_side(conn, env, ref, cases)
                    with deferred_indexes(conn, BIG_TABLES):
                        case_info = demo_cases.make_cases(conn, env, ref, cases)
                        summary.update(case_info.summary)
                        summary.update(demo_complaints.make_complaints(conn, env, ref, case_info, complaints))
                        env.progress("重建索引", 0, 1)
                    summary.update(demo_extras.make_trainings(conn, env, ref, case_info, trainings))
                    summary.update(demo_extras.make_meetings(conn, env, ref, case_info))
                    summary.update(demo_patrols.make_patrols(conn, env, ref))
                    summary.update(demo_supervision.make_orders(conn, env))
                    env.progress("检查约束", 0, 1)
                if sqlite:
                    # Bulk inserts bypass the ORM hook that keeps the search index current.
                    env.progress("建立检索索引", 0, 1)
                    for index in search.INDEXES:
                        search.reindex(conn, index)
                conn.exec_driver_sql("ANALYZE")  # a bulk load leaves the planner blind to the new rows
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
            conn.commit()
    settle_bulk_load(engine)
    log.info("demo data generated: %s", summary)
    return summary


def _refuse_existing(conn: Connection) -> None:
    n_cases = conn.scalar(select(func.count()).select_from(Case)) or 0
    n_complaints = conn.scalar(select(func.count()).select_from(Complaint)) or 0
    if n_cases or n_complaints:
        raise ValidationError(
            f"该数据目录已有 {n_cases} 件案件、{n_complaints} 件诉件，演示数据不能与实际数据混在一起。"
            "请换一个空的数据目录（--data-dir）再生成演示数据。"
        )


def _make_env(conn: Connection, seed: int, progress: Progress | None) -> DemoEnv:
    holidays: set[date] = set()
    makeup: set[date] = set()
    for day, kind in conn.execute(select(CalendarDay.day, CalendarDay.kind)):
        (holidays if kind == "节假日" else makeup).add(day)
    return DemoEnv(seed, last_day(), holidays, makeup, progress)


def last_day() -> date:
    """The demo's last day ("today" to its generators): today in UTC, not in Shanghai. The generators stamp a day's
    events up to 23:59 UTC of its date (DemoEnv.ts): on Shanghai's date, made between its midnight and 08:00
    (16:00-24:00 UTC), that reached 32 hours ahead, and a demo station's exchange package was refused as dated in the
    future (more than a day ahead)."""
    return clock.utcnow().date()


def _load_reference(conn: Connection) -> Ref:
    ref = Ref()
    ref.streets = [(r.id, r.short_name) for r in conn.execute(select(Street.id, Street.short_name).order_by(Street.id))]
    ref.categories = [
        (r.id, r.code, r.deadline_days, bool(r.working_days))
        for r in conn.execute(
            select(Category.id, Category.code, Category.deadline_days, Category.working_days).order_by(Category.code)
        )
    ]
    all_cases = [r for (r,) in conn.execute(select(Regulation.id).where(Regulation.applies_to_all.is_(True)))]
    defaults: dict[int, list[int]] = {}
    links = select(category_regulations.c.category_id, category_regulations.c.regulation_id)
    for cat_id, reg_id in conn.execute(links):
        defaults.setdefault(cat_id, []).append(reg_id)
    for cat_id, code, _days, _w in ref.categories:
        regs = defaults.get(cat_id, [])
        # The enforcement power itself (annex 2) backs every case except a pure referral.
        ref.category_regs[cat_id] = sorted(set(regs) | (set(all_cases) if code != "C99" else set()))
    ref.departments = {r.name: r.id for r in conn.execute(select(Department.id, Department.name))}
    ref.grades = [r for (r,) in conn.execute(select(EstateGrade.id).order_by(EstateGrade.sort_order))]
    ref.training_kinds = [(r.id, r.name) for r in conn.execute(
        select(TrainingKind.id, TrainingKind.name).order_by(TrainingKind.sort_order))]
    days = conn.scalar(select(Setting.value).where(Setting.key == "followup_days"))
    ref.followup_days = int(days) if days and str(days).isdigit() else 90
    if not ref.streets or not ref.categories:
        raise ValidationError("基础数据缺失（没有街镇或执法事项类别），请先运行 init。")
    return ref


def _next_id(conn: Connection, model: type) -> int:
    return int(conn.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1  # type: ignore[attr-defined]


def _estate_names(env: DemoEnv, n: int, streets: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """n unique (street_id, short_name, estate name), spread over the streets, famous names first."""
    rng = env.rng
    used: set[str] = set()
    result: list[tuple[int, str, str]] = []
    famous = {short: list(names) for short, names in T.FAMOUS_ESTATES.items()}
    i = 0
    while len(result) < n:
        street_id, short = streets[i % len(streets)]
        i += 1
        names = famous.get(short, [])
        name = names.pop(0) if names else ""
        while not name or name in used:
            stem = "".join(rng.sample(T.ESTATE_STEMS, 2))
            name = stem + pick(rng, T.ESTATE_SUFFIXES)
            if name in used:
                name = f"{stem}{pick(rng, T.ESTATE_SUFFIXES)}{ri(rng, 2, 9)}期"
        used.add(name)
        result.append((street_id, short, name))
    return result


def _reference_side(conn: Connection, env: DemoEnv, ref: Ref, cases: int) -> dict[str, int]:
    """Property companies, estates with populations and contacts, station staff."""
    rng = env.rng
    now = env.now_str
    n_estates = max(30, min(1500, cases // 60))
    n_companies = max(40, min(200, n_estates // 8))

    company_rows: list[tuple[Any, ...]] = []
    cid = _next_id(conn, PropertyCompany)
    names: set[str] = set()
    while len(company_rows) < n_companies:
        name = "上海" + pick(rng, T.COMPANY_WORDS) + pick(rng, T.COMPANY_WORDS) + pick(rng, T.COMPANY_SUFFIXES)
        if name in names:
            continue
        names.add(name)
        company_rows.append((cid, env.uuid_hex(), now, now, name, T.person_name(rng), T.fake_phone(rng), None))
        ref.companies.append((cid, name))
        cid += 1
    bulk_insert(conn, PropertyCompany.__table__, ("id", "uuid", "created_at", "updated_at", "name",  # type: ignore[arg-type]
                "project_manager", "contact_phone", "notes"), company_rows, env=env, stage="物业服务企业")

    estate_rows, pop_rows, contact_rows = [], [], []
    eid = _next_id(conn, Estate)
    pid = _next_id(conn, EstatePopulation)
    ctid = _next_id(conn, EstateContact)
    pilots = set(rng.sample(range(n_estates), min(PILOT_ESTATES, n_estates)))
    pop_dates = [date(env.today.year - k, 12, 31) for k in (3, 2, 1)]
    pop_dates = [d for d in pop_dates if d < env.today]
    for k, (street_id, short, name) in enumerate(_estate_names(env, n_estates, ref.streets)):
        road = pick(rng, T.ROADS.get(short, ["真如路"]))
        address = f"{road}{ri(rng, 1, 1800)}弄"
        population = ri(rng, 800, 12000)
        households = int(population / rng.uniform(2.3, 2.9))
        committee = name.rstrip("苑城里") + "居民区居委会" if len(name) > 2 else name + "居委会"
        company = ref.companies[int(rng.random() * len(ref.companies))][0] if rng.random() < 0.93 else None
        estate_rows.append((eid, env.uuid_hex(), now, now, name, street_id, committee, address, households,
                            k in pilots, pick(rng, ref.grades) if ref.grades else None, company))
        ref.estates.append((eid, street_id, name, address, population))
        for as_of in pop_dates[-ri(rng, 1, 3):]:
            pop_rows.append((pid, env.uuid_hex(), now, now, eid, as_of.isoformat(), population, "居委会统计"))
            population = max(800, int(population * rng.uniform(0.97, 1.03)))
            pid += 1
        roles = ["居委书记", "居委主任", "业委会主任"] + (["物业项目经理"] if company else [])
        roles += ["楼组长"] * ri(rng, 1, 3) + ["居民代表"] * ri(rng, 0, 2)
        for role in roles:
            contact_rows.append((ctid, env.uuid_hex(), now, now, eid, role, T.person_name(rng), T.fake_phone(rng)))
            ctid += 1
        eid += 1
    base = ("id", "uuid", "created_at", "updated_at")
    bulk_insert(conn, Estate.__table__, (*base, "name", "street_id", "residents_committee",  # type: ignore[arg-type]
                "address", "households", "pilot", "grade_id", "property_company_id"),
                estate_rows, env=env, stage="住宅小区")
    bulk_insert(conn, EstatePopulation.__table__, (*base, "estate_id", "as_of", "population", "source"),  # type: ignore[arg-type]
                pop_rows)
    bulk_insert(conn, EstateContact.__table__, (*base, "estate_id", "role", "name", "phone"),  # type: ignore[arg-type]
                contact_rows)

    staff_rows = []
    sid = _next_id(conn, Staff)
    for street_id, _short in ref.streets:
        for j in range(STAFF_PER_STREET):
            name = T.person_name(rng)
            position = "中队长" if j == 0 else "执法队员"
            staff_rows.append((sid, env.uuid_hex(), now, now, name, f"PT-D{sid:04d}", position,
                               T.fake_phone(rng), street_id, True))
            ref.staff_by_street.setdefault(street_id, []).append((sid, name))
            sid += 1
    bulk_insert(conn, Staff.__table__, (*base, "name", "badge_no", "position", "phone", "street_id",  # type: ignore[arg-type]
                "active"), staff_rows, env=env, stage="工作人员")
    return {"property_companies": len(company_rows), "estates": len(estate_rows),
            "estate_populations": len(pop_rows), "estate_contacts": len(contact_rows), "staff": len(staff_rows)}

