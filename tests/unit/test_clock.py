"""One clock: "now", Shanghai's "today" and UTC <-> Shanghai come from controllers.core.clock, so on a desk whose
clock runs on UTC the dashboard, a new case, the overdue filter and a work brief all date things the same day."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from controllers.briefs.work_brief import write_work_brief
from controllers.cases import listing as case_list
from controllers.cases import records as case_records
from controllers.cases.listing import CaseFilter
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.periods import parse_period
from controllers.dashboard import goals as dashboard_goals
from controllers.dashboard import today as dashboard
from controllers.storage.log_setup import LOG_FILENAME, configure_logging
from tests.unit.bad_input_kit import PROPERTY
from tests.unit.case_list_data import add_case, reference_ids

# 23:30 UTC on New Year's Eve is 07:30 on New Year's Day in Shanghai: the day, the month and the year all differ
# between the machine's calendar and the station's.
LATE_UTC = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
SHANGHAI_DAY = date(2026, 1, 1)
MACHINE_DAY = date(2025, 12, 31)

# Stored instants the app can meet: naive UTC, to the microsecond, well inside datetime's range.
instants = st.datetimes(min_value=datetime(1992, 1, 1), max_value=datetime(2199, 12, 31))


@pytest.fixture
def machine_on_utc() -> Iterator[None]:
    """The process time zone set to UTC (as a desk set up by a new user may be), restored afterwards."""
    tzset = getattr(time, "tzset", None)  # POSIX only; elsewhere the machine's zone stays as it is
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    if tzset:
        tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        if tzset:
            tzset()


def brief_text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(path).pages))


def test_late_evening_utc_is_tomorrow_in_shanghai_everywhere(app_ctx: AppContext, machine_on_utc: None,
                                                            pin_clock, tmp_path: Path) -> None:
    pin_clock(LATE_UTC)
    if hasattr(time, "tzset"):  # the scenario is real: the machine's own calendar still says New Year's Eve
        assert datetime.fromtimestamp(clock.now().timestamp()).date() == MACHINE_DAY
    ref = reference_ids(app_ctx)
    # Due on the machine's today: overdue by Shanghai's calendar, not yet by the machine's.
    late = add_case(app_ctx, ref, status="责令整改", found=date(2025, 12, 1), deadline=MACHINE_DAY, facts="违法搭建")

    assert clock.today() == SHANGHAI_DAY
    work = dashboard.today_work(app_ctx)
    assert work.on == SHANGHAI_DAY
    assert [(i.id, i.overdue) for i in work.section("overdue").items] == [(late, True)]
    assert dashboard_goals.figures(app_ctx).goals.current.end == SHANGHAI_DAY  # the dashboard's "至" date
    assert case_records.new_case_values()["found_date"] == SHANGHAI_DAY
    rows = case_list.fetch_window(app_ctx, CaseFilter(overdue=True))
    assert [r.id for r in rows] == [late] and case_list.count_cases(app_ctx, CaseFilter(overdue=True)) == 1

    out = tmp_path / "brief.pdf"
    write_work_brief(app_ctx, parse_period("2026"), None, out)  # the running year: as of Shanghai's today
    text = brief_text(out)
    assert "截至2026年1月1日，" in text  # the overdue section's "as of" line
    assert text.count("2026年1月1日") == 2  # and the cover's date of issue
    assert "截至2025" not in text and "2025年12月31日" not in text
    # A year that is over stands at its last day: due on 12-31, the case was not yet overdue then.
    write_work_brief(app_ctx, parse_period("2025"), None, out)
    assert "三、逾期与挂账案件本期无" in brief_text(out) and "2026年1月1日" in brief_text(out)


def test_pin_reads_an_instant_or_a_shanghai_day_and_restores_the_clock() -> None:
    with clock.pin(LATE_UTC) as at:
        assert at == LATE_UTC and clock.today() == SHANGHAI_DAY
        assert clock.local_now().replace(microsecond=0, second=0) == datetime(2026, 1, 1, 7, 30)
        assert clock.shanghai_now().utcoffset() == timedelta(hours=8)
        with clock.pin(date(2025, 3, 20)):
            assert clock.today() == date(2025, 3, 20)
            assert clock.utcnow().date() == date(2025, 3, 20)  # noon in Shanghai is 04:00 UTC the same day
        assert clock.today() == SHANGHAI_DAY
        first = clock.utcnow()
        assert clock.utcnow() >= first  # a pinned clock still ticks, so stamps stay in order
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(minutes=1)


def test_pin_refuses_a_naive_instant() -> None:
    with pytest.raises(ValueError), clock.pin(datetime(2025, 1, 1, 12, 0)):
        pass


@PROPERTY
@given(instant=instants)
def test_stored_instants_round_trip_through_shanghai_time(instant: datetime) -> None:
    local = clock.to_local(instant)
    assert local - instant == timedelta(hours=8)
    assert clock.to_utc(local) == instant
    aware = instant.replace(tzinfo=UTC)
    assert clock.to_local(aware) == local  # an aware instant reads the same as its naive-UTC form
    assert clock.to_utc(aware.astimezone(timezone(timedelta(hours=-5)))) == instant
    assert clock.to_local(None) is None and clock.to_utc(None) is None


@PROPERTY
@given(instant=instants)
def test_today_is_the_shanghai_date_of_now_and_day_start_bounds_it(instant: datetime) -> None:
    with clock.pin(instant.replace(tzinfo=UTC)):
        today = clock.today()
        assert today == (instant + timedelta(hours=8)).date()
        # The stored instant of "now" lies in [00:00, 24:00) Shanghai of today: what date filters rely on.
        assert clock.day_start(today) <= clock.utcnow() < clock.day_start(today + timedelta(days=1))
        assert clock.to_local(clock.day_start(today)) == datetime(today.year, today.month, today.day)


def test_log_lines_carry_shanghai_time_on_a_desk_set_to_utc(machine_on_utc: None, pin_clock, data_dir) -> None:
    """At 23:30 UTC the log says 07:30 of the next day, as the audit log and every record do."""
    pin_clock(LATE_UTC)
    handler = configure_logging(data_dir)
    assert handler is not None
    try:
        logging.getLogger("station.test").info("a line to date")
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    [line] = (data_dir.logs / LOG_FILENAME).read_text(encoding="utf-8").splitlines()
    assert line.startswith("2026-01-01 07:30:") and line.endswith("INFO station.test: a line to date")
