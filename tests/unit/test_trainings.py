"""Training records: validation in Chinese, attendees kept in order, head count follows marks, filters, examples."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.reference.choices import department_choices, estate_choices
from controllers.trainings import records as tr
from controllers.trainings.common import AttendeeInput, kind_choices


def _kind(ctx: AppContext, name: str) -> int:
    return next(k for k, n in kind_choices(ctx) if n == name)


def _input(ctx: AppContext, **kw: object) -> tr.TrainingInput:
    base = tr.TrainingInput(kind_id=_kind(ctx, "社区守法小讲堂"), title="垃圾分类小讲堂",
                            starts_at=datetime(2025, 3, 5, 9, 0), ends_at=datetime(2025, 3, 5, 11, 0))
    return replace(base, **kw)  # type: ignore[arg-type]


def test_create_stores_local_time_and_attendees_in_order(app_ctx: AppContext) -> None:
    people = (AttendeeInput("张三", "甲单位", phone="138 1234 5678"), AttendeeInput("李四"))
    d = tr.create_training(app_ctx, _input(app_ctx, attendees=people, planned_count=30))
    again = tr.get_training(app_ctx, d.id)
    assert again.starts_at == datetime(2025, 3, 5, 9, 0)  # what was typed comes back, not UTC
    assert [a.name for a in again.attendees] == ["张三", "李四"]
    assert again.planned_count == 30 and again.actual_count is None


def test_validation_messages_name_the_field(app_ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="请填写标题") as e:
        tr.create_training(app_ctx, _input(app_ctx, title="  "))
    assert e.value.field == "title"
    with pytest.raises(ValidationError, match="结束时间不能早于开始时间"):
        tr.create_training(app_ctx, _input(app_ctx, ends_at=datetime(2025, 3, 5, 8, 0)))
    with pytest.raises(ValidationError, match="第 2 行：请填写姓名") as e:
        tr.create_training(app_ctx, _input(app_ctx, attendees=(AttendeeInput("张三"), AttendeeInput(""))))
    assert e.value.field == "attendees[1].name"
    with pytest.raises(ValidationError, match="以案释法"):
        tr.create_training(app_ctx, _input(app_ctx, case_ids=(1,)))
    assert tr.list_trainings(app_ctx) == []


def test_head_count_follows_attendance_marks(app_ctx: AppContext) -> None:
    d = tr.create_training(app_ctx, _input(app_ctx, attendees=(AttendeeInput("张三"), AttendeeInput("李四")),
                                           actual_count=None))
    ids = [a.id for a in d.attendees]
    d = tr.set_attendance(app_ctx, d.id, attended={ids[0]: True})
    assert d.actual_count == 1 and [a.attended for a in d.attendees] == [True, False]
    d = tr.set_attendance(app_ctx, d.id, attended={ids[1]: True})
    assert d.actual_count == 2
    # No list: the typed head count is kept.
    plain = tr.create_training(app_ctx, _input(app_ctx, actual_count=45))
    assert plain.actual_count == 45


def test_update_keeps_attendee_ids_and_removes_dropped(app_ctx: AppContext) -> None:
    d = tr.create_training(app_ctx, _input(app_ctx, attendees=(AttendeeInput("张三"), AttendeeInput("李四"))))
    zhang = d.attendees[0]
    kept = (AttendeeInput("王五"), AttendeeInput("张三", "新单位", id=zhang.id))
    d = tr.update_training(app_ctx, d.id, _input(app_ctx, attendees=kept))
    assert [(a.name, a.position) for a in d.attendees] == [("王五", 0), ("张三", 1)]
    assert d.attendees[1].id == zhang.id and d.attendees[1].organisation == "新单位"


def test_filters_and_search(app_ctx: AppContext) -> None:
    estate = estate_choices(app_ctx)
    dept = department_choices(app_ctx)[0][0]
    a = tr.create_training(app_ctx, _input(app_ctx, title="春季培训", starts_at=datetime(2025, 3, 1, 0, 30),
                                           department_ids=(dept,), attendees=(AttendeeInput("赵六"),)))
    b = tr.create_training(app_ctx, _input(app_ctx, kind_id=_kind(app_ctx, "物业企业培训"), title="夏季培训",
                                           starts_at=datetime(2025, 6, 1, 9, 0), ends_at=None,
                                           estate_ids=(estate[0][0],) if estate else ()))
    ids = lambda f: [r.id for r in tr.list_trainings(app_ctx, f)]  # noqa: E731
    assert ids(tr.TrainingFilter()) == [b.id, a.id]
    assert ids(tr.TrainingFilter(kind_id=_kind(app_ctx, "物业企业培训"))) == [b.id]
    # 00:30 Shanghai on 03-01 is still 02-28 in UTC: the date filter works in local days.
    assert ids(tr.TrainingFilter(date_from=date(2025, 3, 1), date_to=date(2025, 3, 1))) == [a.id]
    assert ids(tr.TrainingFilter(department_id=dept)) == [a.id]
    assert ids(tr.TrainingFilter(text="赵六")) == [a.id]  # attendee names are searched too
    assert ids(tr.TrainingFilter(text="100%")) == []
    if estate:
        assert ids(tr.TrainingFilter(estate_id=estate[0][0])) == [b.id]


def test_unknown_training_and_case(app_ctx: AppContext) -> None:
    with pytest.raises(NotFoundError, match="找不到编号为 999"):
        tr.get_training(app_ctx, 999)
    with pytest.raises(NotFoundError, match="找不到案件编号"):
        tr.find_case(app_ctx, "2025-长征-9999")


def test_delete(app_ctx: AppContext) -> None:
    d = tr.create_training(app_ctx, _input(app_ctx, attendees=(AttendeeInput("张三"),)))
    tr.delete_training(app_ctx, d.id)
    assert tr.list_trainings(app_ctx) == []


def test_example_cases_carry_no_personal_data() -> None:
    from dataclasses import fields

    from controllers.trainings.common import ExampleCase

    assert [f.name for f in fields(ExampleCase)] == ["id", "number", "category", "estate", "facts"]
