"""会商 controllers: meetings with departments, discussed cases and complaint groups, action items, open actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.meetings import actions as ma
from controllers.meetings import links as ml
from controllers.meetings import records as mt
from controllers.reference import choices as rd
from controllers.reference import estates as est
from models.cases import Case
from models.complaints import Complaint
from models.meetings import MeetingAction

TODAY = date(2025, 6, 10)


@dataclass(frozen=True)
class Items:
    """Ids of what the tests link: two cases, a repeat group of three and a lone complaint."""

    case_numbers: tuple[str, str]
    root: int
    repeats: tuple[int, int]
    lone: int


def seed_items(ctx: AppContext) -> Items:
    """Two cases and four complaints (a group: root + 2 repeats, one lone), with complainants' personal data."""
    street_id = next(i for i, n in rd.street_choices(ctx) if n == "长征镇")
    estate = est.create_estate(ctx, name="梅岭小区", street_id=street_id)
    cat_id = rd.category_choices(ctx)[2][0]
    with ctx.db.session() as s:
        for seq in (1, 2):
            s.add(Case(number=f"2025-长征-000{seq}", year=2025, street_id=street_id, seq=seq, category_id=cat_id,
                       estate_id=estate.id, source="巡查发现", found_date=date(2025, 3, seq), status="立案"))
        root = Complaint(channel="12345热线", work_order_no="WO-0001", received_at=datetime(2025, 3, 2, 9),
                         estate_id=estate.id, category_id=cat_id, complainant_name="张三丰",
                         complainant_phone="13912345678", address="梅岭小区12号302室",
                         content="楼下群租，人员进出频繁，噪音扰民，希望尽快处理。" * 3)
        s.add(root)
        s.flush()
        reps = [Complaint(channel="12345热线", work_order_no=f"WO-000{k}", received_at=datetime(2025, 3, 2 + k, 9),
                          estate_id=estate.id, category_id=cat_id, complainant_name="张三丰",
                          complainant_phone="13912345678", content="再次投诉群租", repeat_of_id=root.id)
                for k in (2, 3)]
        lone = Complaint(channel="来电", received_at=datetime(2025, 4, 1, 9), estate_id=estate.id,
                         complainant_name="李四", content="垃圾乱堆")
        s.add_all([*reps, lone])
        s.flush()
        return Items(("2025-长征-0001", "2025-长征-0002"), root.id, (reps[0].id, reps[1].id), lone.id)


def dept_ids(ctx: AppContext, n: int = 2) -> list[int]:
    return [i for i, _n in rd.department_choices(ctx)[:n]]


def make(ctx: AppContext, **kw: object) -> mt.MeetingDetail:
    args: dict[str, object] = {"kind": "例会", "held_on": date(2025, 6, 1), "title": "2025年6月例会", "today": TODAY}
    args.update(kw)
    return mt.create_meeting(ctx, **args)  # type: ignore[arg-type]


def test_create_with_departments_cases_complaint_group_and_actions(app_ctx: AppContext) -> None:
    items = seed_items(app_ctx)
    depts = dept_ids(app_ctx, 3)
    detail = make(app_ctx, kind="研讨会诊", title="  群租案件会诊 ", venue="工作室会议室", department_ids=depts,
                  people_present="工作室全体", decisions="联合执法", case_numbers=[items.case_numbers[1]],
                  work_order_nos=["WO-0003"],
                  actions=[ma.ActionInput("上门核查", "城管社区工作室", date(2025, 6, 5)),
                           ma.ActionInput("发整改通知", None, None)])
    assert detail.title == "群租案件会诊" and detail.kind == "研讨会诊" and detail.venue == "工作室会议室"
    assert [i for i, _n in detail.departments] == depts
    assert [(c.number, c.status, c.estate) for c in detail.cases] == [("2025-长征-0002", "立案", "梅岭小区")]
    assert detail.cases[0].category.startswith("C03")
    # Linking one work order of a repeat group links the whole group, the first complaint first.
    assert [c.id for c in detail.complaints] == [items.root, *items.repeats]
    assert [c.work_order_no for c in detail.complaints] == ["WO-0001", "WO-0002", "WO-0003"]
    assert len(detail.complaint_groups) == 1
    assert [(a.description, a.owner, a.position) for a in detail.actions] == [
        ("上门核查", "城管社区工作室", 0), ("发整改通知", None, 1)]
    assert detail.actions[0].overdue  # due 6-05, today 6-10, not done


def test_complaints_in_detail_carry_no_personal_data(app_ctx: AppContext) -> None:
    items = seed_items(app_ctx)
    detail = make(app_ctx, complaint_ids=[items.lone, items.root])
    text = repr(detail)
    for secret in ("张三丰", "13912345678", "李四", "302室"):
        assert secret not in text
    first = detail.complaints[0]
    assert first.received_on == date(2025, 3, 2) and first.estate == "梅岭小区"
    assert len(first.summary) == ml.SUMMARY_CHARS and first.summary.endswith("…")
    assert [len(g) for g in detail.complaint_groups] == [3, 1]


def test_unknown_case_number_and_work_order_are_refused_and_nothing_saved(app_ctx: AppContext) -> None:
    seed_items(app_ctx)
    with pytest.raises(ValidationError) as err:
        make(app_ctx, case_numbers=["2025-长征-0001", "2025-长征-9999"])
    assert err.value.field == "cases" and "2025-长征-9999" in err.value.message
    with pytest.raises(ValidationError) as err:
        make(app_ctx, work_order_nos=["NOPE"])
    assert err.value.field == "complaints" and "NOPE" in err.value.message
    assert mt.list_meetings(app_ctx) == []


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": "  "}, "title"), ({"held_on": None}, "held_on"), ({"kind": "茶话会"}, "kind"),
    ({"title": "长" * 201}, "title"),
    ({"actions": [ma.ActionInput("ok"), ma.ActionInput("  ")]}, "actions"),
])
def test_validation_messages_name_the_field(app_ctx: AppContext, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        make(app_ctx, **changes)
    assert err.value.field == field
    assert err.value.message.endswith("。")


def test_update_replaces_links_and_keeps_actions_by_id(app_ctx: AppContext) -> None:
    items = seed_items(app_ctx)
    first = make(app_ctx, department_ids=dept_ids(app_ctx, 2), case_numbers=list(items.case_numbers),
                 complaint_ids=[items.lone], actions=[ma.ActionInput("甲"), ma.ActionInput("乙")])
    a, b = first.actions
    updated = mt.update_meeting(
        app_ctx, first.id, kind="联合会商", held_on=date(2025, 6, 2), title="联合会商",
        department_ids=dept_ids(app_ctx, 1), case_numbers=[items.case_numbers[0]], work_order_nos=["WO-0001"],
        actions=[ma.ActionInput("乙改", "房管局", date(2025, 7, 1), True, id=b.id), ma.ActionInput("丙")], today=TODAY)
    assert (updated.kind, updated.held_on, updated.title) == ("联合会商", date(2025, 6, 2), "联合会商")
    assert len(updated.departments) == 1
    assert [c.number for c in updated.cases] == ["2025-长征-0001"]
    assert {c.id for c in updated.complaints} == {items.root, *items.repeats}
    kept, new = updated.actions
    assert kept.id == b.id and (kept.description, kept.done, kept.done_on, kept.position) == ("乙改", True, TODAY, 0)
    assert new.description == "丙" and new.id not in (a.id, b.id)
    with app_ctx.db.session() as s:
        assert s.get(MeetingAction, a.id) is None


def test_delete_meeting_removes_its_actions_but_not_cases_or_complaints(app_ctx: AppContext) -> None:
    items = seed_items(app_ctx)
    detail = make(app_ctx, case_numbers=[items.case_numbers[0]], complaint_ids=[items.root],
                  actions=[ma.ActionInput("甲")])
    mt.delete_meeting(app_ctx, detail.id)
    assert mt.list_meetings(app_ctx) == [] and ma.open_actions(app_ctx, today=TODAY) == []
    assert ml.find_case(app_ctx, items.case_numbers[0]).number == items.case_numbers[0]
    assert len(ml.find_complaint_group(app_ctx, complaint_id=items.root)) == 3
    with pytest.raises(NotFoundError):
        mt.delete_meeting(app_ctx, detail.id)
    with pytest.raises(NotFoundError):
        mt.meeting_detail(app_ctx, detail.id)


def test_open_actions_ordered_by_due_with_overdue_flag(app_ctx: AppContext) -> None:
    m1 = make(app_ctx, title="一", actions=[ma.ActionInput("无期限"), ma.ActionInput("下周", due=date(2025, 6, 17))])
    m2 = make(app_ctx, title="二", held_on=date(2025, 5, 1),
              actions=[ma.ActionInput("逾期", due=date(2025, 6, 1)), ma.ActionInput("今天到期", due=TODAY),
                       ma.ActionInput("已完成", due=date(2025, 5, 1), done=True)])
    rows = ma.open_actions(app_ctx, today=TODAY)
    assert [r.description for r in rows] == ["逾期", "今天到期", "下周", "无期限"]
    assert [r.overdue for r in rows] == [True, False, False, False]
    assert rows[0].meeting_title == "二" and rows[0].meeting_id == m2.id and rows[-1].meeting_id == m1.id
    listed = {r.title: r for r in mt.list_meetings(app_ctx, today=TODAY)}
    assert (listed["二"].open_actions, listed["二"].overdue_actions) == (2, 1)
    assert (listed["一"].open_actions, listed["一"].overdue_actions) == (2, 0)


def test_mark_done_sets_today_and_drops_from_open(app_ctx: AppContext) -> None:
    detail = make(app_ctx, actions=[ma.ActionInput("甲", due=date(2025, 6, 1))])
    row = ma.mark_action_done(app_ctx, detail.actions[0].id, today=TODAY)
    assert (row.done, row.done_on, row.overdue) == (True, TODAY, False)
    assert ma.open_actions(app_ctx, today=TODAY) == []
    again = ma.mark_action_done(app_ctx, row.id, today=date(2025, 7, 1))
    assert again.done_on == TODAY  # ticking twice keeps the first date
    reopened = ma.update_action(app_ctx, row.id, description="甲", done=False, today=TODAY)
    assert (reopened.done, reopened.done_on) == (False, None)


def test_add_update_delete_single_action(app_ctx: AppContext) -> None:
    detail = make(app_ctx, actions=[ma.ActionInput("甲")])
    added = ma.add_action(app_ctx, detail.id, description=" 乙 ", owner=" 房管局 ", due=date(2025, 6, 20),
                          today=TODAY)
    assert (added.description, added.owner, added.position) == ("乙", "房管局", 1)
    changed = ma.update_action(app_ctx, added.id, description="乙二", owner="", due=None, today=TODAY)
    assert (changed.description, changed.owner, changed.due) == ("乙二", None, None)
    with pytest.raises(ValidationError):
        ma.add_action(app_ctx, detail.id, description="")
    ma.delete_action(app_ctx, added.id)
    assert [a.description for a in mt.meeting_detail(app_ctx, detail.id).actions] == ["甲"]
    with pytest.raises(NotFoundError):
        ma.mark_action_done(app_ctx, added.id)


def test_link_and_unlink_on_a_saved_meeting(app_ctx: AppContext) -> None:
    items = seed_items(app_ctx)
    detail = make(app_ctx)
    detail = mt.link_case(app_ctx, detail.id, number=items.case_numbers[0])
    detail = mt.link_case(app_ctx, detail.id, number=items.case_numbers[0])  # twice is harmless
    assert [c.number for c in detail.cases] == [items.case_numbers[0]]
    with pytest.raises(ValidationError):
        mt.link_case(app_ctx, detail.id, number="2025-长征-0404")
    detail = mt.link_complaint_group(app_ctx, detail.id, complaint_id=items.repeats[1])
    assert {c.id for c in detail.complaints} == {items.root, *items.repeats}
    detail = mt.link_complaint_group(app_ctx, detail.id, work_order_no="WO-0002")
    assert len(detail.complaints) == 3
    detail = mt.unlink_complaint_group(app_ctx, detail.id, complaint_id=items.repeats[0])
    assert detail.complaints == ()


def test_list_filters_by_kind_dates_and_text(app_ctx: AppContext) -> None:
    make(app_ctx, kind="例会", held_on=date(2025, 3, 1), title="三月例会", decisions="加强巡查")
    make(app_ctx, kind="研讨会诊", held_on=date(2025, 5, 1), title="群租会诊", decisions="联合执法")
    make(app_ctx, kind="例会", held_on=date(2025, 6, 1), title="六月例会")
    titles = lambda **kw: [r.title for r in mt.list_meetings(app_ctx, mt.MeetingFilter(**kw))]  # noqa: E731
    assert titles() == ["六月例会", "群租会诊", "三月例会"]
    assert titles(kind="例会") == ["六月例会", "三月例会"]
    assert titles(date_from=date(2025, 4, 1), date_to=date(2025, 5, 31)) == ["群租会诊"]
    assert titles(text="执法") == ["群租会诊"]
    assert titles(text="巡查") == ["三月例会"]


def test_lookups_for_the_dialog(app_ctx: AppContext) -> None:
    items = seed_items(app_ctx)
    assert ml.case_number_suggestions(app_ctx, "0002") == ["2025-长征-0002"]
    assert ml.case_number_suggestions(app_ctx, "长征-") == ["2025-长征-0002", "2025-长征-0001"]
    assert ml.case_number_suggestions(app_ctx, "%") == []
    with pytest.raises(ValidationError) as err:
        ml.find_case(app_ctx, "2024-长征-0001")
    assert "2024-长征-0001" in err.value.message
    group = ml.find_complaint_group(app_ctx, work_order_no=" WO-0002 ")
    assert [c.id for c in group] == [items.root, *items.repeats]
    groups = ml.repeat_groups(app_ctx)
    assert [(g.root_id, g.size, g.work_order_no) for g in groups] == [(items.root, 3, "WO-0001")]


def test_summary_blanks_room_and_phone_numbers() -> None:
    assert ml.summarize("反映34号楼902室群租，电话13912345678") == "反映34号楼***室群租，电话***********"


def test_export_meetings_to_excel_and_cli(app_ctx: AppContext, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    from cli import run
    from controllers.meetings.export import export_meetings

    items = seed_items(app_ctx)
    make(app_ctx, kind="研讨会诊", title="会诊", case_numbers=[items.case_numbers[0]], complaint_ids=[items.root],
         actions=[ma.ActionInput("甲", "房管局", date(2025, 6, 5)), ma.ActionInput("乙", done=True)])
    make(app_ctx, title="例会")
    out = tmp_path / "m.xlsx"
    assert export_meetings(app_ctx, out, mt.MeetingFilter(kind="研讨会诊"), today=TODAY) == 1
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][0].startswith("筛选条件：类型：研讨会诊")
    record = dict(zip(rows[2], rows[3], strict=True))
    assert record["所议案件"] == items.case_numbers[0]
    assert record["所议诉件（工单号）"] == "WO-0001、WO-0002、WO-0003"
    assert record["待办事项"].startswith("1. 甲（房管局，期限 2025-06-05，已逾期）\n2. 乙（已完成 ")
    assert (record["未完成"], record["已逾期"]) == (1, 1)
    assert "张三丰" not in repr(rows)

    data_dir = str(app_ctx.data_dir.root)
    assert run(["export", "meetings", "-o", str(tmp_path / "all.xlsx"), "--data-dir", data_dir]) == 0
    assert "已导出 2 次会商" in capsys.readouterr().out
    assert run(["export", "meetings", "-o", str(tmp_path / "all.csv"), "--data-dir", data_dir]) == 2
