"""local_date: the Shanghai day of a stored instant, the same as the app's own clock says, to the microsecond."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import DateTime, literal, select

from controllers.core.context import AppContext
from models.clock import to_local, to_utc
from models.complaints import Complaint
from models.sqlfuncs import local_date

# The last instants of 31 March (Shanghai) and the first of 1 April: SQLite rounds fractions to the millisecond.
EDGES = [
    (datetime(2026, 3, 31, 23, 59, 59, 999600), date(2026, 3, 31)),  # the last half-millisecond of the day
    (datetime(2026, 3, 31, 23, 59, 59, 999999), date(2026, 3, 31)),
    (datetime(2026, 3, 31, 23, 59, 59, 999400), date(2026, 3, 31)),
    (datetime(2026, 4, 1, 0, 0, 0), date(2026, 4, 1)),
    (datetime(2026, 4, 1, 0, 0, 0, 400), date(2026, 4, 1)),
    (datetime(2026, 12, 31, 23, 59, 59, 999700), date(2026, 12, 31)),  # and the year does not turn early
]


@pytest.mark.parametrize(("local", "day"), EDGES)
def test_a_stored_stamp_is_dated_by_its_local_day_to_the_last_microsecond(app_ctx: AppContext, local: datetime,
                                                                         day: date) -> None:
    with app_ctx.db.session() as s:
        s.add(Complaint(channel="来电", content="x", received_at=to_utc(local)))
    with app_ctx.db.session() as s:
        assert s.scalar(select(local_date(Complaint.received_at))) == day


# Any instant, and often one in the last millisecond of a local day, where rounding would show.
INSTANTS = st.one_of(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)),
    st.builds(lambda day, us: to_utc(datetime.combine(day, time(23, 59, 59, us))),
              st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(999_000, 999_999)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(INSTANTS)
def test_the_database_and_the_clock_agree_on_the_day_of_any_instant(app_ctx: AppContext, instant: datetime) -> None:
    with app_ctx.db.session() as s:
        assert s.scalar(select(local_date(literal(instant, DateTime())))) == to_local(instant).date()


def test_a_missing_stamp_has_no_day(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        assert s.scalar(select(local_date(literal(None, DateTime())))) is None

