"""Repeat complaints: phone or address plus category within the window, groups chained to the first."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from controllers.app import AppContext
from controllers.complaint_repeats import detect_repeats, get_window_days, group_of, set_window_days
from controllers.errors import ValidationError
from controllers.normalize import normalize_address, normalize_phone
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
