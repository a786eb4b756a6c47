"""苗头 counted per (estate, category) pair over schema 0017's pair indexes flags exactly what the rule flags when
every complaint and case is read plainly: the same pairs, figures, order and words, at the window's edges (local
midnight is 16:00 UTC the day before), with complaints lacking an estate or a category, and within a scope. Both
engines (`--engine=postgresql`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from controllers.core.clock import to_local, to_utc
from controllers.core.context import AppContext
from controllers.supervision.warnings import (
    BASELINE_WINDOWS,
    MIN_COUNT,
    RECENT_DAYS,
    RISE,
    SOURCES,
    combine,
    find_warnings,
)
from models.cases import Case, format_case_number
from models.complaints import Complaint
from models.reference import Category, Estate, Street

TODAY = date(2028, 2, 29)  # last year's window ends on 28 February (2027 has no 29th)
START = TODAY - timedelta(days=RECENT_DAYS - 1)
BEFORE = START - timedelta(days=RECENT_DAYS * BASELINE_WINDOWS)
LAST_YEAR = (START.replace(year=TODAY.year - 1), date(2027, 2, 28))

# Days in the window, in the baseline, around last year's window, and just outside each edge.
offsets = st.one_of(st.integers(-1, 30), st.integers(28, 121), st.integers(362, 396))
day = offsets.map(lambda n: TODAY - timedelta(days=n))
moment = st.sampled_from([time(0, 0), time(0, 0, 0, 1), time(9, 30), time(23, 59, 59, 999999)])
pair = st.tuples(st.none() | st.integers(0, 3), st.none() | st.integers(0, 1))
complaints = st.lists(st.tuples(pair, day, moment, st.integers(1, 4)), max_size=30)
cases = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 1), day, st.integers(1, 4)), max_size=20)


def _ledger(ctx: AppContext) -> tuple[list[int], list[int], Street]:
    with ctx.db.session() as s:
        s.execute(delete(Complaint))
        s.execute(delete(Case))
        street = s.scalars(select(Street).order_by(Street.id).limit(1)).one()
        estates = list(s.scalars(select(Estate).order_by(Estate.id)))
        while len(estates) < 4:
            estates.append(Estate(name=f"苗头小区{len(estates)}", street=street))
            s.add(estates[-1])
        s.flush()
        cats = list(s.scalars(select(Category.id).order_by(Category.id).limit(2)))
        return [e.id for e in estates[:4]], cats, street


def _plain(ctx: AppContext, ids: set[int] | None) -> list[tuple[str, int, int, int, float, int]]:
    """The rule applied to every complaint and case read plainly (local days), ordered as the page lists them."""
    with ctx.db.session() as s:
        days: dict[str, list[tuple[int, int, date]]] = {
            "诉件": [(e, c, to_local(at).date()) for e, c, at in
                   s.execute(select(Complaint.estate_id, Complaint.category_id, Complaint.received_at))
                   if e is not None and c is not None],
            "案件": [(e, c, d) for e, c, d in s.execute(select(Case.estate_id, Case.category_id, Case.found_date))]}
        names = {int(i): n for i, n in s.execute(select(Estate.id, Estate.name))}
        categories = {int(i): n for i, n in s.execute(select(Category.id, Category.name))}
    flags = []
    for source, rows in days.items():
        for key in {(e, c) for e, c, _d in rows if ids is None or e in ids}:
            mine = [d for e, c, d in rows if (e, c) == key]
            n = sum(1 for d in mine if START <= d <= TODAY)
            avg = sum(1 for d in mine if BEFORE <= d < START) / BASELINE_WINDOWS
            ly = sum(1 for d in mine if LAST_YEAR[0] <= d <= LAST_YEAR[1])
            if n >= MIN_COUNT and n >= RISE * max(avg, ly, 1.0):
                flags.append((source, key[0], key[1], n, round(avg, 1), ly))
    flags.sort(key=lambda f: (-(f[3] / max(f[4], f[5], 1.0)), names[f[1]], categories[f[2]], f[0]))
    return flags


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(complaint_rows=complaints, case_rows=cases, scoped=st.booleans())
@example(complaint_rows=[((0, 0), TODAY, time(0, 0), 5), ((0, 0), START, time(0, 0), 1),
                         ((0, 0), START - timedelta(days=1), time(23, 59, 59, 999999), 3),
                         ((None, 0), TODAY, time(9, 30), 4), ((1, None), TODAY, time(9, 30), 4)],
         case_rows=[(2, 1, TODAY, 4), (2, 1, START, 2), (2, 1, LAST_YEAR[0], 3), (3, 1, TODAY, 4)], scoped=False)
# Exactly at the line: 6 in the window, 9 in the 90 days before (an average of 3) and 3 last year.
@example(complaint_rows=[], case_rows=[(0, 0, TODAY, 3), (0, 0, START, 3), (0, 0, BEFORE, 4),
                                       (0, 0, START - timedelta(days=1), 4), (0, 0, START - timedelta(days=50), 1),
                                       (0, 0, LAST_YEAR[1], 3)], scoped=True)
def test_flags_are_the_rule_applied_to_every_row_read_plainly(app_ctx, pin_clock, complaint_rows, case_rows, scoped):
    pin_clock(TODAY)
    estates, cats, street = _ledger(app_ctx)
    with app_ctx.db.session() as s:
        for (e, c), on, at, times in complaint_rows:
            received = to_utc(datetime.combine(on, at))
            for _ in range(times):
                s.add(Complaint(channel="来电", content="生成的诉件", received_at=received, status="待处理",
                                estate_id=None if e is None else estates[e],
                                category_id=None if c is None else cats[c]))
        for i, (e, c, found, times) in enumerate(case_rows, start=1):
            for j in range(times):
                seq = i * 10 + j
                s.add(Case(number=format_case_number(2026, street.short_name, seq), year=2026, street=street, seq=seq,
                           category_id=cats[c], estate_id=estates[e], source="巡查发现", found_date=found,
                           facts="生成的案件"))
    ids = set(estates[:2]) if scoped else None
    with app_ctx.db.session() as s:
        got = find_warnings(s, today=TODAY, ids=ids)
        # The 工作台 finds the two sources on two threads: put together they are the same flags, order and groups.
        assert combine([find_warnings(s, today=TODAY, ids=ids, sources=(one,)) for one in SOURCES]) == got
    want = _plain(app_ctx, ids)
    assert [(w.source, w.estate_id, w.category_id, w.recent, w.before, w.last_year) for w in got.estates] == want
    for w in got.estates:
        assert w.why.startswith(f"近 {RECENT_DAYS} 天{w.source} {w.recent} 件；此前 {RECENT_DAYS * BASELINE_WINDOWS} "
                                f"天平均每 {RECENT_DAYS} 天 {w.before:.1f} 件，去年同期 {w.last_year} 件；")
        assert (w.start, w.end) == (START, TODAY)
