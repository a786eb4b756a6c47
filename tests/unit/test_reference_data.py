"""Reference-data controllers: create/update/delete per kind, validation, duplicates, refusals, masking."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.errors import InUseError, NotFoundError, ValidationError
from controllers.core.privacy import mask_name, mask_phone
from controllers.holidays import day_entry
from controllers.reference import choices as rd
from controllers.reference import estates as est
from controllers.reference import legal, lists, people
from models.admin import User
from models.cases import Case, Referral
from models.complaints import Complaint
from models.reference import Estate, EstateContact
from models.trainings import Training, TrainingAttendee


def _street_id(ctx: AppContext, name: str = "长征镇") -> int:
    return next(i for i, n in rd.street_choices(ctx) if n == name)


def _estate(ctx: AppContext, name: str = "梅岭小区", **kw: object) -> est.EstateRow:
    return est.create_estate(ctx, name=name, street_id=kw.pop("street_id", _street_id(ctx)), **kw)  # type: ignore[arg-type]


def _add_case(ctx: AppContext, estate_id: int, *, seq: int = 1, officer_id: int | None = None,
              category_code: str = "C03") -> None:
    with ctx.db.session() as s:
        e = s.get(Estate, estate_id)
        assert e is not None
        cat_id = next(i for i, label in rd.category_choices(ctx) if label.startswith(category_code))
        s.add(Case(number=f"2025-长征-{seq:04d}", year=2025, street_id=e.street_id, seq=seq, category_id=cat_id,
                   estate_id=estate_id, source="巡查发现", found_date=date(2025, 3, 1), officer_id=officer_id))


def _add_complaint(ctx: AppContext, estate_id: int) -> None:
    with ctx.db.session() as s:
        s.add(Complaint(channel="12345热线", received_at=datetime(2025, 3, 2, 9), estate_id=estate_id, content="群租"))


# ---- masking ---------------------------------------------------------------------------------------------------


def test_masking_keeps_first_character_and_phone_ends() -> None:
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    # an organisation is not a person: its name stays readable
    assert mask_name("上海某某物业管理有限公司") == "上海某某物业管理有限公司"
    assert mask_name(" 该小区物业服务企业 ") == "该小区物业服务企业"
    assert mask_name("王小店") == "王**" and mask_name("李中心") == "李**"  # three characters: a person's name
    assert mask_name("") == ""
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("021-62345678") == "021*****5678"
    assert mask_phone(None) == ""
    assert "1234" not in mask_phone("1234")


# ---- streets ---------------------------------------------------------------------------------------------------


def test_street_create_update_delete(app_ctx: AppContext) -> None:
    row = lists.create_street(app_ctx, name="新区街道", short_name="新区", kind="街道")
    assert row.name == "新区街道" and row.estate_count == 0
    assert lists.list_streets(app_ctx)[-1].id == row.id
    updated = lists.update_street(app_ctx, row.id, name="新区镇", short_name="新", kind="镇")
    assert (updated.name, updated.short_name, updated.kind) == ("新区镇", "新", "镇")
    lists.delete_street(app_ctx, row.id)
    with pytest.raises(NotFoundError):
        lists.get_street(app_ctx, row.id)


def test_street_validation_messages(app_ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="请填写街镇名称") as exc:
        lists.create_street(app_ctx, name="  ", short_name="x")
    assert exc.value.field == "name"
    with pytest.raises(ValidationError, match="已存在名为“长征镇”的街镇") as exc:
        lists.create_street(app_ctx, name="长征镇", short_name="新")
    with pytest.raises(ValidationError, match="简称“长征”已被其他街镇使用") as exc:
        lists.create_street(app_ctx, name="新街道", short_name="长征")
    assert exc.value.field == "short_name"
    with pytest.raises(ValidationError, match="不能包含“-”"):
        lists.create_street(app_ctx, name="新街道", short_name="新-区")
    with pytest.raises(ValidationError, match="类型应为"):
        lists.create_street(app_ctx, name="新街道", short_name="新", kind="区")


def test_street_delete_refused_while_estates_and_staff_use_it(app_ctx: AppContext) -> None:
    sid = _street_id(app_ctx)
    _estate(app_ctx, "甲小区")
    _estate(app_ctx, "乙小区")
    people.create_staff(app_ctx, name="王五", street_id=sid)
    with pytest.raises(InUseError) as exc:
        lists.delete_street(app_ctx, sid)
    assert exc.value.message == "该街镇仍有 2 个小区、1 名工作人员引用，不能删除。"


def test_editing_writes_updated_at(app_ctx: AppContext) -> None:
    from models.reference import Street

    row = lists.create_street(app_ctx, name="新区街道", short_name="新区")
    with app_ctx.db.session() as s:
        before = s.get(Street, row.id).updated_at  # type: ignore[union-attr]
    lists.update_street(app_ctx, row.id, name="新区街道", short_name="新区", kind="街道")
    with app_ctx.db.session() as s:
        assert s.get(Street, row.id).updated_at > before  # type: ignore[union-attr]


# ---- estates ---------------------------------------------------------------------------------------------------


def test_estate_with_children_round_trips(app_ctx: AppContext) -> None:
    grade_id = lists.list_estate_grades(app_ctx)[0].id
    company = est.create_property_company(app_ctx, name="上海某某物业", project_manager="李四",
                                          contact_phone="62345678")
    row = _estate(
        app_ctx, residents_committee="梅岭居委会", households=800, pilot=True, grade_id=grade_id,
        property_company_id=company.id, aliases=["梅岭新村", " 梅岭 "],
        populations=[est.PopulationInput(date(2023, 1, 1), 2000, "七普"), est.PopulationInput(date(2024, 6, 1), 2100)],
        contacts=[est.ContactInput("居委书记", "张三", "13812345678")],
    )
    assert row.pilot and row.population == 2100 and row.property_company_name == "上海某某物业"
    assert row.aliases == ("梅岭", "梅岭新村")
    assert row.contact_summary == "居委书记 张* 138****5678"
    detail = est.get_estate(app_ctx, row.id)
    assert detail.contacts[0].phone == "13812345678"  # the edit dialog sees the real value
    assert [p.population for p in detail.populations] == [2000, 2100]

    contact_id = detail.contacts[0].id
    est.update_estate(
        app_ctx, row.id, name="梅岭小区", street_id=detail.street_id, households=810,
        aliases=["梅岭新村"], populations=[est.PopulationInput(date(2023, 1, 1), 2050, "七普")],
        contacts=[est.ContactInput("居委主任", "张三", "13812345678", id=contact_id),
                  est.ContactInput("楼组长", "赵六", None)],
    )
    detail = est.get_estate(app_ctx, row.id)
    assert detail.households == 810 and detail.aliases == ("梅岭新村",)
    assert detail.populations == (est.PopulationInput(date(2023, 1, 1), 2050, "七普"),)
    assert detail.contacts[0].id == contact_id and detail.contacts[0].role == "居委主任"
    assert len(detail.contacts) == 2


def test_population_in_force_is_latest_on_or_before_the_date(app_ctx: AppContext) -> None:
    row = _estate(app_ctx, populations=[est.PopulationInput(date(2023, 1, 1), 2000),
                                        est.PopulationInput(date(2024, 6, 1), 2100)])
    assert est.population_on(app_ctx, row.id, on=date(2022, 12, 31)) is None
    assert est.population_on(app_ctx, row.id, on=date(2023, 1, 1)) == 2000
    assert est.population_on(app_ctx, row.id, on=date(2024, 5, 31)) == 2000
    assert est.population_on(app_ctx, row.id, on=date(2024, 6, 1)) == 2100
    assert est.list_estates(app_ctx, today=date(2023, 7, 1))[0].population == 2000


def test_estate_validation(app_ctx: AppContext) -> None:
    _estate(app_ctx, "梅岭小区", aliases=["梅岭"])
    with pytest.raises(ValidationError, match="长征镇已存在名为“梅岭小区”的小区") as exc:
        _estate(app_ctx, "梅岭小区")
    assert exc.value.field == "name"
    # The same name in another street is a different estate.
    _estate(app_ctx, "梅岭小区", street_id=_street_id(app_ctx, "桃浦镇"))
    with pytest.raises(ValidationError, match="请选择所属街镇"):
        est.create_estate(app_ctx, name="新小区", street_id=None)
    with pytest.raises(ValidationError, match="常住人口应大于 0") as exc:
        _estate(app_ctx, "新小区", populations=[est.PopulationInput(date(2024, 1, 1), 0)])
    assert exc.value.field == "populations"
    with pytest.raises(ValidationError, match="出现了两次"):
        _estate(app_ctx, "新小区", populations=[est.PopulationInput(date(2024, 1, 1), 5),
                                              est.PopulationInput(date(2024, 1, 1), 6)])
    with pytest.raises(ValidationError, match="别名“梅岭”已被小区“梅岭小区”使用"):
        _estate(app_ctx, "新小区", aliases=["梅岭"])
    with pytest.raises(ValidationError, match="联系人第 1 行的角色应为"):
        _estate(app_ctx, "新小区", contacts=[est.ContactInput("保安", "张三")])
    with pytest.raises(ValidationError, match="户数应在 0 到 100000 之间"):
        _estate(app_ctx, "新小区", households=-1)
    with pytest.raises(ValidationError, match="电话只能包含数字"):
        _estate(app_ctx, "新小区", contacts=[est.ContactInput("楼组长", "张三", "abc")])
    assert [e.name for e in est.list_estates(app_ctx)].count("新小区") == 0


def test_estate_delete_refused_while_cases_and_complaints_refer(app_ctx: AppContext) -> None:
    row = _estate(app_ctx, contacts=[est.ContactInput("楼组长", "张三")])
    for seq in range(1, 13):
        _add_case(app_ctx, row.id, seq=seq)
    for _ in range(3):
        _add_complaint(app_ctx, row.id)
    with pytest.raises(InUseError) as exc:
        est.delete_estate(app_ctx, row.id)
    assert exc.value.message == "该小区仍有 12 件案件、3 件诉件引用，不能删除。"


def test_estate_delete_takes_its_own_history(app_ctx: AppContext) -> None:
    row = _estate(app_ctx, contacts=[est.ContactInput("楼组长", "张三")],
                  populations=[est.PopulationInput(date(2024, 1, 1), 100)])
    est.delete_estate(app_ctx, row.id)
    assert est.list_estates(app_ctx) == []
    with app_ctx.db.session() as s:
        assert s.scalars(select(EstateContact)).all() == []


def test_estate_delete_refused_for_training_and_account(app_ctx: AppContext) -> None:
    row = _estate(app_ctx)
    kind_id = lists.list_training_kinds(app_ctx)[0].id
    with app_ctx.db.session() as s:
        e = s.get(Estate, row.id)
        s.add(Training(kind_id=kind_id, title="讲堂", starts_at=datetime(2025, 1, 1, 9), estates=[e]))
        s.add(User(username="u", display_name="居委", password_hash="x", role="居委代表", estates=[e]))
    with pytest.raises(InUseError, match="1 次培训宣传、1 个登录账号"):
        est.delete_estate(app_ctx, row.id)


# ---- property companies ----------------------------------------------------------------------------------------


def test_property_company_crud_and_refusal(app_ctx: AppContext) -> None:
    c = est.create_property_company(app_ctx, name="甲物业", project_manager="李四")
    with pytest.raises(ValidationError, match="已存在名为“甲物业”的物业企业"):
        est.create_property_company(app_ctx, name=" 甲物业 ")
    c = est.update_property_company(app_ctx, c.id, name="甲物业公司", contact_phone="021-1234 5678")
    assert est.get_property_company(app_ctx, c.id).contact_phone == "021-1234 5678"
    row = _estate(app_ctx, property_company_id=c.id)
    with app_ctx.db.session() as s:
        kind_id = lists.list_training_kinds(app_ctx)[0].id
        t = Training(kind_id=kind_id, title="物业培训", starts_at=datetime(2025, 1, 1, 9))
        t.attendees = [TrainingAttendee(name="某人", property_company_id=c.id)]
        s.add(t)
    with pytest.raises(InUseError, match="该物业企业仍有 1 个小区、1 人次培训记录引用"):
        est.delete_property_company(app_ctx, c.id)
    est.delete_estate(app_ctx, row.id)
    assert est.list_property_companies(app_ctx)[0].estate_count == 0


# ---- staff and departments -------------------------------------------------------------------------------------


def test_staff_crud_validation_and_refusal(app_ctx: AppContext) -> None:
    p = people.create_staff(app_ctx, name="王五", badge_no="31001", position="队员", phone="13900001111")
    with pytest.raises(ValidationError, match="执法证号“31001”已登记给其他工作人员") as exc:
        people.create_staff(app_ctx, name="赵六", badge_no="31001")
    assert exc.value.field == "badge_no"
    with pytest.raises(ValidationError, match="请填写姓名"):
        people.create_staff(app_ctx, name="")
    p = people.update_staff(app_ctx, p.id, name="王五", badge_no="31001", street_id=_street_id(app_ctx), active=False)
    assert p.street_name == "长征镇" and not p.active
    assert rd.staff_choices(app_ctx) == []
    assert rd.staff_choices(app_ctx, include_inactive=True) == [(p.id, "王五（31001）")]
    row = _estate(app_ctx)
    _add_case(app_ctx, row.id, officer_id=p.id)
    with pytest.raises(InUseError, match="该工作人员仍有 1 件案件引用，不能删除。如已离岗，可将其设为停用。"):
        people.delete_staff(app_ctx, p.id)
    q = people.create_staff(app_ctx, name="临时")
    people.delete_staff(app_ctx, q.id)
    assert [s.name for s in people.list_staff(app_ctx)] == ["王五"]


def test_department_crud_and_refusal(app_ctx: AppContext) -> None:
    assert rd.department_choices(app_ctx)[0][1] == "区城管执法局"
    d = people.create_department(app_ctx, name="区民防办", duty="人防")
    with pytest.raises(ValidationError, match="已存在名为“区房管局”的部门"):
        people.update_department(app_ctx, d.id, name="区房管局")
    d = people.update_department(app_ctx, d.id, name="区民防办", contact="62000000")
    assert people.get_department(app_ctx, d.id).contact == "62000000"
    row = _estate(app_ctx)
    _add_case(app_ctx, row.id)
    with app_ctx.db.session() as s:
        case_id = s.scalar(select(Case.id))
        s.add(Referral(case_id=case_id, department_id=d.id, referred_on=date(2025, 3, 3)))
    with pytest.raises(InUseError, match="该部门仍有 1 条移交记录引用"):
        people.delete_department(app_ctx, d.id)


# ---- categories and regulations --------------------------------------------------------------------------------


def test_category_crud_with_regulations(app_ctx: AppContext) -> None:
    regs = legal.list_regulations(app_ctx)
    assert [r.annex_no for r in regs] == list(range(1, 12))
    c = legal.create_category(app_ctx, code="c20", name="高空抛物", deadline_days=10, working_days=False,
                              regulation_ids=[regs[3].id, regs[2].id])
    assert c.code == "C20" and c.regulation_names == (regs[2].name, regs[3].name)
    assert c.deadline_text == "10 日"
    c = legal.update_category(app_ctx, c.id, code="C20", name="高空抛物", deadline_days=5, working_days=True,
                              referral_only=False, active=False, regulation_ids=[regs[0].id])
    assert c.deadline_text == "5 个工作日" and c.regulation_ids == (regs[0].id,)
    assert all(not label.startswith("C20") for _i, label in rd.category_choices(app_ctx))
    legal.delete_category(app_ctx, c.id)
    with pytest.raises(NotFoundError):
        legal.get_category(app_ctx, c.id)


def test_category_validation_and_refusal(app_ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="代码“C01”已被其他执法类别使用"):
        legal.create_category(app_ctx, code="C01", name="新类别")
    with pytest.raises(ValidationError, match="已存在名为“群租”的执法类别"):
        legal.create_category(app_ctx, code="C30", name="群租")
    with pytest.raises(ValidationError, match="整改期限天数应在 0 到 365 之间") as exc:
        legal.create_category(app_ctx, code="C30", name="新类别", deadline_days=400)
    assert exc.value.field == "deadline_days"
    row = _estate(app_ctx)
    _add_case(app_ctx, row.id, category_code="C03")
    c03 = next(c for c in legal.list_categories(app_ctx) if c.code == "C03")
    with pytest.raises(InUseError, match="该执法类别仍有 1 件案件引用，不能删除。如不再使用，可将其设为停用。"):
        legal.delete_category(app_ctx, c03.id)


def test_regulation_crud_and_refusal(app_ctx: AppContext) -> None:
    r = legal.create_regulation(app_ctx, name="《某某条例》", annex_no=12, articles="第五条")
    with pytest.raises(ValidationError, match="附件序号 12 已被其他法规使用"):
        legal.create_regulation(app_ctx, name="《另一条例》", annex_no=12)
    with pytest.raises(ValidationError, match="请填写法规名称"):
        legal.update_regulation(app_ctx, r.id, name="")
    r = legal.update_regulation(app_ctx, r.id, name="《某某条例》", annex_no=None, applies_to_all=True)
    assert legal.list_regulations(app_ctx)[-1] == r
    legal.delete_regulation(app_ctx, r.id)
    reg4 = next(x for x in legal.list_regulations(app_ctx) if x.annex_no == 4)
    with pytest.raises(InUseError, match=r"该法规仍有 \d+ 个执法类别引用"):
        legal.delete_regulation(app_ctx, reg4.id)


# ---- calendar and simple lists ---------------------------------------------------------------------------------


def test_calendar_by_year_and_validation(app_ctx: AppContext) -> None:
    seeded = lists.list_calendar_days(app_ctx, year=2024)
    assert seeded and all(d.day.year == 2024 for d in seeded)
    d = day_entry.create_calendar_day(app_ctx, day=date(2030, 10, 1), kind="节假日", name="国庆节")
    assert 2030 in lists.calendar_years(app_ctx)
    assert [x.name for x in lists.list_calendar_days(app_ctx, year=2030)] == ["国庆节"]
    with pytest.raises(ValidationError, match="2030年10月1日已在日历中"):
        day_entry.create_calendar_day(app_ctx, day=date(2030, 10, 1), kind="节假日")
    with pytest.raises(ValidationError, match="调休上班日应为周六或周日"):
        day_entry.create_calendar_day(app_ctx, day=date(2030, 10, 8), kind="调休上班")  # a Tuesday
    day_entry.update_calendar_day(app_ctx, d.id, day=date(2030, 10, 12), kind="调休上班", name="国庆调休")
    assert lists.list_calendar_days(app_ctx, year=2030)[0].kind == "调休上班"
    day_entry.delete_calendar_day(app_ctx, d.id)
    assert lists.list_calendar_days(app_ctx, year=2030) == []


def test_grades_and_training_kinds(app_ctx: AppContext) -> None:
    g = lists.create_estate_grade(app_ctx, name="D级")
    with pytest.raises(ValidationError, match="已存在名为“D级”的分级分类"):
        lists.create_estate_grade(app_ctx, name="D级")
    row = _estate(app_ctx, grade_id=g.id)
    assert next(x for x in lists.list_estate_grades(app_ctx) if x.id == g.id).use_count == 1
    with pytest.raises(InUseError, match="该分级分类仍有 1 个小区引用"):
        lists.delete_estate_grade(app_ctx, g.id)
    est.delete_estate(app_ctx, row.id)
    lists.update_estate_grade(app_ctx, g.id, name="D级（观察）")
    lists.delete_estate_grade(app_ctx, g.id)

    k = lists.create_training_kind(app_ctx, name="入户宣传")
    with app_ctx.db.session() as s:
        s.add(Training(kind_id=k.id, title="入户", starts_at=datetime(2025, 1, 1, 9)))
    with pytest.raises(InUseError, match="该培训类型仍有 1 次培训宣传引用"):
        lists.delete_training_kind(app_ctx, k.id)
    assert lists.update_training_kind(app_ctx, k.id, name="入户普法").name == "入户普法"


def test_estate_choices_disambiguate_same_names(app_ctx: AppContext) -> None:
    a = _estate(app_ctx, "梅岭小区")
    b = _estate(app_ctx, "梅岭小区", street_id=_street_id(app_ctx, "桃浦镇"))
    c = _estate(app_ctx, "曹杨一村")
    labels = dict(rd.estate_choices(app_ctx))
    assert labels[a.id] == "梅岭小区（长征镇）" and labels[b.id] == "梅岭小区（桃浦镇）"
    assert labels[c.id] == "曹杨一村"
    assert rd.estate_choices(app_ctx, street_id=_street_id(app_ctx, "桃浦镇")) == [(b.id, "梅岭小区")]
    assert len(rd.category_choices(app_ctx)) == 14 and len(rd.street_choices(app_ctx)) == 10
