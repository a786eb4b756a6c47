"""Chinese substring search finds terms of any length, stays in step with edits, and survives migration."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from models import migrate, search
from models.cases import Case, format_case_number
from models.complaints import Complaint
from models.db import Database
from models.reference import Category, Estate, Street

FACTS = [
    "梅岭苑3号楼502室住户违法搭建阳台，面积约6平方米。",
    "住户将房屋分隔出租，存在群租现象，居住人数12人。",
    "楼道内堆放建筑垃圾，影响通行。",
    "底层KTV噪音扰民，WiFi设备装在楼梯口。",
]


@pytest.fixture
def case_ids(app_ctx):
    with app_ctx.db.session() as s:
        street = s.scalar(select(Street).where(Street.short_name == "长征"))
        estate = Estate(name="梅岭苑", street=street)
        s.add(estate)
        cat = s.scalar(select(Category).where(Category.code == "C05"))
        cases = [
            Case(number=format_case_number(2025, "长征", i + 1), year=2025, street=street, seq=i + 1,
                 category=cat, estate=estate, source="巡查发现", found_date=date(2025, 3, 1), facts=f)
            for i, f in enumerate(FACTS)
        ]
        s.add_all(cases)
        s.flush()
        return [c.id for c in cases]


def _find(app_ctx, query, model=Case, index="cases_fts"):
    with app_ctx.db.session() as s:
        return sorted(s.scalars(select(model.id).where(search.matches(index, query))))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("违", [0]),  # one character
        ("群租", [1]),  # two characters: FTS5 trigram alone finds nothing here
        ("搭建", [0]),
        ("建筑垃圾", [2]),
        ("违法搭建阳", [0]),
        ("存在群租现象", [1]),  # six characters
        ("住户", [0, 1]),
        ("楼 垃圾", [2]),  # every term must occur
        ("0002", [1]),  # the case number is searchable
        ("垃圾搭建", []),  # both words occur, but not as one substring
    ],
)
def test_substrings_of_any_length(app_ctx, case_ids, query, expected):
    assert _find(app_ctx, query) == [case_ids[i] for i in expected]


@pytest.mark.parametrize("drives", [True, False], ids=["index-drives", "sort-walk"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [("wifi", [3]), ("WIFI", [3]), ("ktv噪音", [3]), ("KTV噪音扰民", [3]), ("违法搭建", [0]), ("住户", [0, 1]),
     ("垃圾搭建", [])],
)
def test_both_plans_ignore_case_and_find_the_same(app_ctx, case_ids, query, expected, drives):
    """The condition that drives the plan (FTS5 hits / the grams index) and the one that only tests the rows a walk
    of the sort's index passes (on PostgreSQL a substring test, on the raw text when the term has no cased letters)
    select the same records, letters in any case."""
    with app_ctx.db.session() as s:
        found = sorted(s.scalars(select(Case.id).where(search.matches("cases_fts", query, drives=drives))))
    assert found == [case_ids[i] for i in expected]


def test_empty_query_means_no_search():
    assert search.matches("cases_fts", "  ") is None


def test_index_follows_edits_and_deletes(app_ctx, case_ids):
    with app_ctx.db.session() as s:
        s.get(Case, case_ids[2]).facts = "占用消防通道停放电动自行车"
    assert _find(app_ctx, "垃圾") == []
    assert _find(app_ctx, "消防") == [case_ids[2]]
    with app_ctx.db.session() as s:
        s.delete(s.get(Case, case_ids[2]))
    assert _find(app_ctx, "消防") == []


def test_complaints_are_searchable_by_content_address_and_phone(app_ctx):
    with app_ctx.db.session() as s:
        c = Complaint(channel="来电", received_at=datetime(2025, 3, 5, 9, 5), content="楼上装修噪音扰民",
                      address="曹杨一村12号", complainant_phone="13800138000")
        s.add(c)
        s.flush()
        cid = c.id
    for q in ("噪音", "曹杨一村", "138001", "音"):
        assert _find(app_ctx, q, Complaint, "complaints_fts") == [cid], q


def test_upgrade_from_previous_schema_indexes_existing_rows(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(db.engine, "0001")
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO complaints (uuid, channel, received_at, content, status, version, created_at, updated_at)"
            " VALUES ('00000000000000000000000000000001', '来电', '2025-01-01', '小区内群租严重', '待处理', 1,"
            " '2025-01-01', '2025-01-01')"
        )
    migrate.upgrade(db.engine)
    with db.engine.connect() as conn:
        found = conn.execute(select(Complaint.content).where(search.matches("complaints_fts", "群租"))).scalars().all()
    assert found == ["小区内群租严重"]
    db.dispose()
