"""Training statistics on hand-made data: per quarter by kind, per company last date, companies without attendance."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from controllers.core.context import AppContext
from controllers.reference.estates import create_property_company
from controllers.trainings import stats as st
from controllers.trainings.common import AttendeeInput, kind_choices
from controllers.trainings.records import TrainingInput, create_training

NOW = datetime(2025, 7, 1, 0, 0)  # UTC; planned sessions after this are not counted


@pytest.fixture
def data(app_ctx: AppContext) -> dict[str, int]:
    kinds = dict((name, kid) for kid, name in kind_choices(app_ctx))
    a = create_property_company(app_ctx, name="甲物业").id
    b = create_property_company(app_ctx, name="乙物业").id
    create_property_company(app_ctx, name="丙物业")  # never attends

    def training(kind: str, when: datetime, people: list[tuple[int | None, bool]], actual: int | None = None) -> int:
        attendees = tuple(AttendeeInput(name=f"人{i}", property_company_id=c, attended=p)
                          for i, (c, p) in enumerate(people))
        return create_training(app_ctx, TrainingInput(kind_id=kinds[kind], title=f"{kind}{when:%m%d}",
                                                      starts_at=when, attendees=attendees, actual_count=actual)).id

    # Shanghai wall times. 2025-03-31 23:30 local is still Q1 although it is 15:30 UTC the same day.
    training("物业企业培训", datetime(2025, 1, 10, 9, 0), [(a, True), (a, True), (b, False)])
    training("物业企业培训", datetime(2025, 3, 31, 23, 30), [(b, True), (None, True)])
    training("社区守法小讲堂", datetime(2025, 4, 1, 0, 30), [], actual=25)  # Q2 in Shanghai, 03-31 in UTC
    training("以案释法", datetime(2024, 6, 15, 14, 0), [(a, True)])
    training("物业企业培训", datetime(2025, 8, 1, 9, 0), [(b, False)])  # planned: after NOW
    return {"a": a, "b": b, **{k: v for k, v in kinds.items()}}


def test_quarter_by_kind_counts_sessions_and_people_in_shanghai_quarters(app_ctx: AppContext, data) -> None:
    table = st.quarterly_by_kind(app_ctx, now=NOW)
    col = {name: i for i, name in enumerate(table.kinds)}
    by_label = {r.label: r for r in table.rows}
    assert [r.label for r in table.rows] == ["2025年第2季度", "2025年第1季度", "2024年第2季度"]
    q1 = by_label["2025年第1季度"]
    assert q1.sessions[col["物业企业培训"]] == 2
    assert q1.attendees[col["物业企业培训"]] == 4  # 2 + 2 present; the absent one does not count
    assert (q1.total_sessions, q1.total_attendees) == (2, 4)
    q2 = by_label["2025年第2季度"]
    assert q2.sessions[col["社区守法小讲堂"]] == 1 and q2.attendees[col["社区守法小讲堂"]] == 25
    assert q2.total_sessions == 1  # the August session is planned, not held
    assert by_label["2024年第2季度"].sessions[col["以案释法"]] == 1


def test_company_attendance_last_date_and_trainings(app_ctx: AppContext, data) -> None:
    rows = {r.company: r for r in st.company_attendance(app_ctx)}
    assert (rows["甲物业"].trainings, rows["甲物业"].people, rows["甲物业"].last_date) == (2, 3, date(2025, 1, 10))
    assert (rows["乙物业"].trainings, rows["乙物业"].people, rows["乙物业"].last_date) == (1, 1, date(2025, 3, 31))
    assert (rows["丙物业"].trainings, rows["丙物业"].last_date) == (0, None)
    listed = st.company_trainings(app_ctx, data["a"])
    assert [(t.day, t.kind, t.people) for t in listed] == [(date(2025, 1, 10), "物业企业培训", 2),
                                                           (date(2024, 6, 15), "以案释法", 1)]


def test_companies_without_attendance_in_12_months(app_ctx: AppContext, data) -> None:
    since, rows = st.companies_without_attendance(app_ctx, today=date(2026, 1, 15))
    assert since == date(2025, 1, 15)
    # 甲 last came 2025-01-10 (before the cutoff), 丙 never: never-attended first.
    assert [(r.company, r.last_date) for r in rows] == [("丙物业", None), ("甲物业", date(2025, 1, 10))]
    _since, rows = st.companies_without_attendance(app_ctx, today=date(2026, 1, 10))
    assert [r.company for r in rows] == ["丙物业"]  # 2025-01-10 is exactly 12 months back: still counts


def test_months_before_clamps_to_month_end() -> None:
    assert st.months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert st.months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert st.months_before(date(2025, 1, 15), 12) == date(2024, 1, 15)
