"""The district-scale plans of a search (the count read from the FTS index alone, the first page found by walking the
sort's index: on PostgreSQL with the substring test alone) list exactly what the straightforward statement lists, on
generated ledgers, on both engines."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from controllers.cases.listing import CaseFilter, count_cases
from controllers.cases.listing import fetch_window as case_window
from controllers.complaints.listing import ComplaintFilter, count_complaints
from controllers.complaints.listing import fetch_window as complaint_window
from models import search
from models.cases import Case, format_case_number
from models.complaints import Complaint
from models.reference import Category, Estate, Street

WORDS = ("群租", "搭建", "违法", "楼道", "垃圾", "噪音")
QUERIES = ("群租", "违法搭建", "楼", "群租 垃圾", "不存在的词")


def _text(rng: random.Random) -> str:
    return "，".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))


@pytest.fixture(params=[1, 2, 3])
def ledger(request, app_ctx):
    """A generated ledger: cases and complaints with texts of a few words (so some terms are dense, some rare)."""
    rng = random.Random(request.param)
    with app_ctx.db.session() as s:
        street = s.scalar(select(Street).where(Street.short_name == "长征"))
        estate = Estate(name="梅岭苑", street=street)
        s.add(estate)
        cat = s.scalar(select(Category).where(Category.code == "C05"))
        start = date(2024, 1, 1)
        cases = [Case(number=format_case_number(2025, "长征", i + 1), year=2025, street=street, seq=i + 1,
                      category=cat, estate=estate, source="巡查发现",
                      found_date=start + timedelta(days=rng.randint(0, 700)), facts=_text(rng))
                 for i in range(rng.randint(60, 160))]
        complaints = [Complaint(channel="来电", content=_text(rng),
                                received_at=datetime(2024, 1, 1) + timedelta(minutes=rng.randint(0, 10**6)))
                      for _ in range(rng.randint(60, 160))]
        s.add_all([*cases, *complaints])
        s.flush()
        case_rows = [(c.id, c.found_date, f"{c.number} {c.facts}") for c in cases]
        complaint_rows = [(c.id, c.received_at, c.content) for c in complaints]
    return case_rows, complaint_rows


def _expected(rows: list[tuple[int, object, str]], query: str) -> list[int]:
    """The straightforward answer: every term a substring of the text, newest first (ties: highest id first)."""
    hits = [r for r in rows if all(term in r[2] for term in query.split())]
    return [r[0] for r in sorted(hits, key=lambda r: (r[1], r[0]), reverse=True)]


@pytest.mark.parametrize("seek_cost", [0, 10, 10**9], ids=["never-walk", "measured", "always-walk"])
def test_search_pages_and_counts_match_the_plain_query(app_ctx, ledger, monkeypatch, seek_cost):
    monkeypatch.setattr(search, "_SEEK_COST", seek_cost)
    monkeypatch.setattr(search, "_PG_SEEK_COST", seek_cost)
    case_rows, complaint_rows = ledger
    for query in QUERIES:
        want = _expected(case_rows, query)
        assert count_cases(app_ctx, CaseFilter(query=query)) == len(want), query
        for offset, limit in ((0, 10), (0, 500), (7, 5), (len(want) - 3, 10)):
            got = [r.id for r in case_window(app_ctx, CaseFilter(query=query), offset=offset, limit=limit)]
            assert got == want[max(0, offset):max(0, offset) + limit], (query, offset, limit)
        want = _expected(complaint_rows, query)
        assert count_complaints(app_ctx, ComplaintFilter(query=query)) == len(want), query
        for offset, limit in ((0, 10), (0, 500), (7, 5)):
            got = [r.id for r in complaint_window(app_ctx, ComplaintFilter(query=query), offset=offset, limit=limit)]
            assert got == want[offset:offset + limit], (query, offset, limit)


def test_the_index_count_follows_deletes(app_ctx, ledger):
    case_rows, _complaints = ledger
    want = _expected(case_rows, "群租")
    with app_ctx.db.session() as s:
        for cid in want[:3]:
            s.delete(s.get(Case, cid))
    assert count_cases(app_ctx, CaseFilter(query="群租")) == len(want) - min(3, len(want))


def test_a_dense_term_walks_the_sort_index_and_a_rare_one_does_not(app_ctx, ledger):
    del ledger  # the generated rows are in the database; only the plan is asked
    with app_ctx.db.session() as s:
        dense = search.walk_sort_index(s, "cases_fts", "楼", wanted=10)
        rare = search.walk_sort_index(s, "cases_fts", "不存在的词", wanted=10)
        empty = search.walk_sort_index(s, "cases_fts", "  ", wanted=10)
    # Both engines: on SQLite the hits are counted in the FTS5 index, on PostgreSQL estimated from the newest rows.
    assert (dense, rare, empty) == (True, False, False)
