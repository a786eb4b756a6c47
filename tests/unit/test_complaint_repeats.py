"""Repeat complaints: phone or address plus category within the window, groups chained to the first."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from controllers.complaints import repeats as complaint_repeats
from controllers.complaints.repeats import detect_repeats, get_window_days, group_of, set_window_days
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.normalize import normalize_address, normalize_phone
from models.complaints import Complaint
from models.reference import Category

# 09:00 in Shanghai, stored as UTC.
DAY0 = datetime(2025, 3, 3, 1, 0)


def _cat(ctx: AppContext, code: str) -> int:
    with ctx.db.session() as s:
        return int(s.scalar(select(Category.id).where(Category.code == code)))


def _add(ctx: AppContext, *, day: int, cat: int, phone: str | None = None, address: str | None = None,
         detect: bool = True) -> int:
    """Insert a complaint `day` days after DAY0 and run detection on it, as entry does."""
    with ctx.db.session() as s:
        c = Complaint(channel="来电", received_at=DAY0 + timedelta(days=day), complainant_phone=phone,
                      address=address, category_id=cat, content="噪音")
        s.add(c)
        s.flush()
        if detect:
            detect_repeats(s, [c.id])
        return c.id


def _links(ctx: AppContext) -> dict[int, int | None]:
    with ctx.db.session() as s:
        return dict(s.execute(select(Complaint.id, Complaint.repeat_of_id)).all())


def test_phone_forms_normalise_to_the_same_digits() -> None:
    forms = ["13812345678", "+86 138-1234-5678", "１３８ １２３４ ５６７８", "0086 13812345678", "8613812345678",
             "138　1234　5678"]
    assert {normalize_phone(f) for f in forms} == {"13812345678"}
    assert normalize_phone("(021) 6222-1234") == "02162221234"
    assert normalize_phone("  ") is None and normalize_phone(None) is None


def test_address_forms_normalise_to_the_same_text() -> None:
    forms = ["梅岭北路100弄3号", "梅岭北路 100弄 3号。", "梅岭北路１００弄３号", "梅岭北路100弄3号，"]
    assert {normalize_address(f) for f in forms} == {"梅岭北路100弄3号"}
    assert normalize_address(" 。") is None


def test_window_edge_day_30_is_a_repeat_day_31_is_not(app_ctx: AppContext) -> None:
    cat = _cat(app_ctx, "C03")
    first = _add(app_ctx, day=0, cat=cat, phone="13812345678")
    on_edge = _add(app_ctx, day=30, cat=cat, phone="138 1234 5678")
    other = _add(app_ctx, day=0, cat=cat, phone="13900000000")
    past_edge = _add(app_ctx, day=31, cat=cat, phone="13900000000")
    links = _links(app_ctx)
    assert links[on_edge] == first
    assert links[past_edge] is None and links[other] is None


def test_same_address_without_phone_is_a_repeat(app_ctx: AppContext) -> None:
    cat = _cat(app_ctx, "C05")
    first = _add(app_ctx, day=0, cat=cat, address="梅岭北路100弄3号")
    again = _add(app_ctx, day=5, cat=cat, phone="13800000001", address="梅岭北路 １００弄3号。")
    assert _links(app_ctx)[again] == first


def test_different_category_is_not_a_repeat(app_ctx: AppContext) -> None:
    first = _add(app_ctx, day=0, cat=_cat(app_ctx, "C03"), phone="13812345678", address="梅岭北路100弄3号")
    other = _add(app_ctx, day=1, cat=_cat(app_ctx, "C05"), phone="13812345678", address="梅岭北路100弄3号")
    links = _links(app_ctx)
    assert links[first] is None and links[other] is None


def test_groups_chain_to_the_first_complaint(app_ctx: AppContext) -> None:
    cat = _cat(app_ctx, "C07")
    a = _add(app_ctx, day=0, cat=cat, phone="13812345678")
    b = _add(app_ctx, day=25, cat=cat, phone="13812345678", address="真如路1号")
    c = _add(app_ctx, day=50, cat=cat, address="真如路1号")  # 50 days after a, 25 after b: chained through b
    links = _links(app_ctx)
    assert links[b] == a and links[c] == a
    assert [m.id for m in group_of(app_ctx, c)] == [a, b, c]


def test_an_older_complaint_becomes_the_groups_first(app_ctx: AppContext) -> None:
    """An import can bring in a complaint older than a group: the group re-points to it, nothing lost."""
    cat = _cat(app_ctx, "C03")
    b = _add(app_ctx, day=10, cat=cat, phone="13812345678")
    c = _add(app_ctx, day=20, cat=cat, phone="13812345678")
    a = _add(app_ctx, day=0, cat=cat, phone="13812345678")
    links = _links(app_ctx)
    assert links == {a: None, b: a, c: a}


def test_batch_detection_returns_the_number_of_repeats(app_ctx: AppContext) -> None:
    cat = _cat(app_ctx, "C03")
    ids = [_add(app_ctx, day=d, cat=cat, phone="13812345678", detect=False) for d in (0, 3, 6)]
    ids.append(_add(app_ctx, day=1, cat=cat, phone="13700000000", detect=False))
    with app_ctx.db.session() as s:
        assert detect_repeats(s, ids) == 2
        assert detect_repeats(s, ids) == 2  # running again changes nothing
    assert _links(app_ctx)[ids[2]] == ids[0]
    with app_ctx.db.session() as s:
        assert detect_repeats(s, []) == 0


def test_anonymous_complaint_without_address_is_never_a_repeat(app_ctx: AppContext) -> None:
    cat = _cat(app_ctx, "C03")
    _add(app_ctx, day=0, cat=cat)
    second = _add(app_ctx, day=1, cat=cat)
    assert _links(app_ctx)[second] is None


def test_window_is_a_setting(app_ctx: AppContext) -> None:
    assert get_window_days(app_ctx) == 30
    assert set_window_days(app_ctx, "10") == 10
    cat = _cat(app_ctx, "C03")
    _add(app_ctx, day=0, cat=cat, phone="13812345678")
    late = _add(app_ctx, day=11, cat=cat, phone="13812345678")
    assert _links(app_ctx)[late] is None
    with pytest.raises(ValidationError, match="1 到 365"):
        set_window_days(app_ctx, 0)
    with pytest.raises(ValidationError, match="整数"):
        set_window_days(app_ctx, "三十")


# ---------------------------------------------------------------- the rule, checked against a reference (issue 16)

Row = tuple[int, datetime, int, str | None, str | None]  # id, received (UTC), category, phone, address key


def _expected_links(rows: list[Row], window: int) -> dict[int, int | None]:
    """The grouping rule written the obvious way: every pair of complaints is compared (fine for a handful).

    Two complaints are linked when they share a category and a phone or an address, and their Shanghai
    calendar dates are at most `window` days apart; a group is a connected set, pointing at its earliest member."""
    group = {r[0]: {r[0]} for r in rows}
    for a in rows:
        for b in rows:
            shared = (a[3] is not None and a[3] == b[3]) or (a[4] is not None and a[4] == b[4])
            days = abs(((a[1] + timedelta(hours=8)).date() - (b[1] + timedelta(hours=8)).date()).days)
            if a[0] != b[0] and a[2] == b[2] and shared and days <= window and group[a[0]] is not group[b[0]]:
                merged = group[a[0]] | group[b[0]]
                for member in merged:
                    group[member] = merged
    when = {r[0]: (r[1], r[0]) for r in rows}
    out: dict[int, int | None] = {}
    for cid, members in group.items():
        first = min(members, key=lambda m: when[m])
        out[cid] = None if first == cid else first
    return out


_complaint = st.tuples(
    st.integers(0, 90),  # day
    st.sampled_from([0, 10, 15, 16, 23]),  # UTC hour: 16:00 UTC is already the next day in Shanghai
    st.integers(0, 1),  # category
    st.sampled_from([None, "13800000001", "13800000002"]),
    st.sampled_from([None, "梅川路1号", "梅川路2号"]),
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), complaints=st.lists(_complaint, min_size=1, max_size=12), window=st.integers(1, 40))
def test_groups_match_the_rule_whatever_the_order_of_entry(app_ctx: AppContext, data: st.DataObject,
                                                           complaints: list[tuple[int, int, int, str | None,
                                                                                  str | None]],
                                                           window: int) -> None:
    """Entered one by one, imported in batches or all at once: the groups are exactly the rule's groups."""
    cats = [_cat(app_ctx, "C03"), _cat(app_ctx, "C05")]
    set_window_days(app_ctx, window)
    with app_ctx.db.session() as s:
        s.execute(delete(Complaint))
        made = [Complaint(channel="来电", received_at=datetime(2025, 3, 1) + timedelta(days=d, hours=h),
                          category_id=cats[c], complainant_phone=phone, address=address, content="噪音")
                for d, h, c, phone, address in complaints]
        s.add_all(made)
        s.flush()
        rows = [(m.id, m.received_at, m.category_id, m.complainant_phone, m.address_key) for m in made]
    ids = [r[0] for r in rows]
    batches = data.draw(st.lists(st.integers(1, len(ids)), max_size=len(ids)))  # cut points into entry batches
    cuts = sorted({0, *batches, len(ids)})
    for start, end in pairwise(cuts):
        with app_ctx.db.session() as s:
            detect_repeats(s, ids[start:end])
    assert _links(app_ctx) == _expected_links(rows, window)


def test_one_shared_phone_costs_linear_work(app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hotline number on 2,000 complaints in one window: one join per complaint, not one per pair (which took
    86 s for 8,000 rows while holding the write lock)."""
    joins = 0
    real_union = complaint_repeats._Groups.union

    def counting(self: complaint_repeats._Groups, a: int, b: int) -> None:
        nonlocal joins
        joins += 1
        real_union(self, a, b)

    monkeypatch.setattr(complaint_repeats._Groups, "union", counting)
    cat = _cat(app_ctx, "C03")
    n = 2000
    with app_ctx.db.session() as s:
        s.execute(insert(Complaint), [
            {"channel": "12345热线", "received_at": DAY0 + timedelta(minutes=i), "category_id": cat,
             "complainant_phone": "62345678", "content": "噪音", "uuid": uuid.uuid4()} for i in range(n)])
        ids = list(s.scalars(select(Complaint.id)))
        assert detect_repeats(s, ids) == n - 1
    assert joins <= 3 * n
