"""Reference data from the plan is seeded exactly, once, and edits survive re-seeding."""

from __future__ import annotations

from sqlalchemy import event, func, select

from controllers.storage.opening import open_data_dir
from models.admin import CalendarDay, Setting
from models.reference import Category, Department, Regulation, Street
from models.seed import seed_reference_data
from models.trainings import TrainingKind
from tests.pg_server import database_url

PLAN_CATEGORIES = {
    "C01": "装修人未申报登记",
    "C02": "擅自改变物业使用性质",
    "C03": "群租",
    "C04": "损坏房屋主体和承重结构",
    "C05": "违法搭建",
    "C06": "占用物业共用部分",
    "C07": "违规处置生活垃圾",
    "C08": "违规处置建筑垃圾",
    "C09": "占绿毁绿",
    "C10": "张贴散发小广告",
    "C11": "物业未履职",
    "C12": "电动自行车违规停放",
    "C13": "违规充电",
    "C99": "其他（非城管执法事项线索，移交）",
}
PLAN_STREETS = {
    "长寿路街道", "曹杨新村街道", "长风新村街道", "宜川路街道", "甘泉路街道",
    "石泉路街道", "万里街道", "真如镇街道", "长征镇", "桃浦镇",
}


def test_categories_match_the_plan_with_their_legal_basis(app_ctx):
    with app_ctx.db.session() as s:
        cats = {c.code: c for c in s.scalars(select(Category))}
        assert {code: c.name for code, c in cats.items()} == PLAN_CATEGORIES
        assert [r.annex_no for r in cats["C03"].regulations] == [6, 7]
        assert [r.annex_no for r in cats["C08"].regulations] == [3, 11]
        assert cats["C99"].regulations == [] and cats["C99"].referral_only


def test_regulations_departments_streets(app_ctx):
    with app_ctx.db.session() as s:
        regs = list(s.scalars(select(Regulation).order_by(Regulation.annex_no)))
        assert [r.annex_no for r in regs] == list(range(1, 12))
        assert regs[0].name == "《住宅室内装饰装修管理办法》"
        assert regs[10].name == "《上海市建筑垃圾处理管理规定》"
        assert [r.annex_no for r in regs if r.applies_to_all] == [2]
        deps = list(s.scalars(select(Department)))
        assert len(deps) == 9
        assert all(d.duty for d in deps)
        assert {"区房管局", "区公安分局", "各街道（镇）"} <= {d.name for d in deps}
        streets = list(s.scalars(select(Street)))
        assert {st.name for st in streets} == PLAN_STREETS
        assert {st.short_name for st in streets if st.kind == "镇"} == {"长征", "桃浦"}


def test_calendar_has_holidays_and_make_up_days(app_ctx):
    from datetime import date

    with app_ctx.db.session() as s:
        by_day = {d.day: d for d in s.scalars(select(CalendarDay))}
    assert by_day[date(2025, 10, 1)].kind == "节假日"
    assert by_day[date(2025, 9, 28)].kind == "调休上班"  # a Sunday worked before National Day
    assert by_day[date(2024, 2, 12)].kind == "节假日"
    assert by_day[date(2026, 2, 14)].kind == "调休上班"


def test_seeding_twice_adds_nothing(app_ctx):
    def counts():
        with app_ctx.db.session() as s:
            return [
                s.scalar(select(func.count()).select_from(m))
                for m in (Category, Regulation, Department, Street, TrainingKind, CalendarDay, Setting)
            ]

    before = counts()
    with app_ctx.db.session() as s:
        assert seed_reference_data(s) == []
    assert counts() == before


def test_user_edits_and_deletions_survive_restart(app_ctx, data_dir):
    with app_ctx.db.session() as s:
        c10 = s.scalar(select(Category).where(Category.code == "C10"))
        c10.deadline_days = 2
        s.delete(s.scalar(select(TrainingKind).where(TrainingKind.name == "公众号小视频")))
    app_ctx.close()
    ctx = open_data_dir(data_dir, db_url=database_url(app_ctx))  # the same database, on either engine
    with ctx.db.session() as s:
        assert s.scalar(select(Category.deadline_days).where(Category.code == "C10")) == 2
        assert s.scalar(select(TrainingKind).where(TrainingKind.name == "公众号小视频")) is None
    ctx.close()


def test_a_start_on_a_seeded_database_checks_every_set_in_one_statement(app_ctx):
    """Seeding runs at every start, before the window shows: on a street server each statement is a round trip."""
    statements: list[str] = []
    event.listen(app_ctx.db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with app_ctx.db.session() as s:
        assert seed_reference_data(s) == []
    assert len([sql for sql in statements if "settings" in sql]) == 1
    assert not [sql for sql in statements if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
