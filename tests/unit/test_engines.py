"""Both engines behave alike: search with the user's % and _, schema from migrations; PostgreSQL specifics."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from controllers.cases import records as case_records
from controllers.cases import workflow as case_workflow
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, DataDirError, ValidationError
from controllers.storage.opening import open_data_dir
from models import migrate, search
from models.cases import Case
from models.complaints import Complaint
from models.db import Database
from models.schema import metadata
from tests.unit.case_fixtures import make_estate, new_case


def _find(ctx: AppContext, query: str) -> list[str]:
    with ctx.db.session() as s:
        return sorted(s.scalars(select(Case.facts).where(search.matches("cases_fts", query))))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("%", ["整改完成率100%"]),  # the user's % and _ are characters to find, not wildcards
        ("_", ["编号A_3楼顶搭建"]),
        ("0%", ["整改完成率100%"]),
        ("A_3", ["编号A_3楼顶搭建"]),
        ("群", ["群租房"]),  # one and two characters find substrings on both engines
        ("租房", ["群租房"]),
        ("率1", ["整改完成率100%"]),  # two characters: the grams index alone on PostgreSQL
        ("ab", ["编号AB3"]),
        ("a_", ["编号A_3楼顶搭建"]),
        ("楼顶搭建", ["编号A_3楼顶搭建"]),  # three and more: the grams index, then the text on PostgreSQL
        ("1000", []),  # its pairs 10 and 00 both occur in 100%, the term does not
        ("a_3", ["编号A_3楼顶搭建"]),  # letters match either case
        ("楼 群", []),
    ],
)
def test_search_terms_match_literally_on_every_engine(app_ctx: AppContext, query: str, expected: list[str]) -> None:
    estate = make_estate(app_ctx)
    for facts in ("整改完成率100%", "编号A_3楼顶搭建", "群租房", "编号AB3"):
        new_case(app_ctx, estate, facts=facts, place=None)
    assert _find(app_ctx, query) == expected


def test_a_server_url_that_cannot_be_reached_is_a_clear_error(data_dir) -> None:
    with pytest.raises(DataDirError, match="无法打开数据库") as info:
        open_data_dir(data_dir, db_url="postgresql+psycopg://someone:secret@/nowhere?host=/nonexistent-socket-dir")
    assert "secret" not in info.value.message  # a password never reaches a message


@pytest.mark.postgresql
def test_postgresql_schema_from_migrations_matches_the_orm_and_goes_down_and_up(pg_url: str) -> None:
    db = Database.from_url(pg_url)
    try:
        assert migrate.current_revision(db.engine) == migrate.SCHEMA_HEAD
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={
                "compare_type": True,
                "include_object": lambda _o, name, type_, _r, _c: not search.is_search_table(name),
            })
            assert compare_metadata(ctx, metadata) == []
        migrate.downgrade(db.engine, "base")
        migrate.upgrade(db.engine)
        assert migrate.current_revision(db.engine) == migrate.SCHEMA_HEAD
    finally:
        db.dispose()


def _plan_and_rows(ctx: AppContext, column: Any, query: str) -> tuple[str, list[Any]]:
    """PostgreSQL's plan for a case search with scans discouraged (a tiny table would be scanned: ask what the
    indexes can do), and the values of `column` it finds."""
    stmt = select(column).where(search.matches("cases_fts", query))
    with ctx.db.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off; SET enable_indexscan = off"))
        sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(conn.execute(text("EXPLAIN " + sql)).scalars())
        return plan, list(conn.execute(stmt).scalars())


@pytest.mark.postgresql
def test_postgresql_search_of_one_or_two_characters_is_answered_by_the_grams_index_alone(app_ctx: AppContext) -> None:
    new_case(app_ctx, make_estate(app_ctx), facts="阳台群租", place=None, found_date=date(2025, 3, 5))
    new_case(app_ctx, make_estate(app_ctx, name="另一小区"), facts="租群", place=None, found_date=date(2025, 3, 5))
    for term, expected in (("群租", ["阳台群租"]), ("阳", ["阳台群租"]), ("群", ["租群", "阳台群租"])):
        plan, found = _plan_and_rows(app_ctx, Case.facts, term)
        assert "cases_fts_docs_grams" in plan, term
        assert "strpos" not in plan, term  # no row's text is read again: the index's answer is exact
        assert sorted(found) == expected, term


@pytest.mark.postgresql
def test_postgresql_search_of_four_characters_is_narrowed_by_the_grams_index_then_confirmed(
        app_ctx: AppContext) -> None:
    new_case(app_ctx, make_estate(app_ctx), facts="楼顶违法搭建", found_date=date(2025, 3, 5))
    new_case(app_ctx, make_estate(app_ctx, name="另一小区"), facts="违法行为，另有搭建", found_date=date(2025, 3, 5))
    plan, found = _plan_and_rows(app_ctx, Case.facts, "违法搭建")
    assert "cases_fts_docs_grams" in plan
    assert "strpos" in plan  # every pair of 违法搭建 occurs in both; only one holds the term
    assert found == ["楼顶违法搭建"]


@pytest.mark.postgresql
def test_postgresql_upgrade_to_grams_index_keeps_rows_searchable_and_goes_back(pg_url: str) -> None:
    db = Database.from_url(pg_url)
    try:
        migrate.downgrade(db.engine, "0008")
        with db.engine.begin() as conn:
            assert conn.scalar(text("SELECT count(*) FROM pg_indexes WHERE indexname = 'cases_fts_trgm'")) == 1
            conn.execute(text(
                "INSERT INTO complaints (uuid, channel, received_at, content, status, version, created_at, updated_at)"
                " VALUES ('00000000000000000000000000000009', '来电', '2025-01-01', '小区内群租严重', '待处理', 1,"
                " '2025-01-01', '2025-01-01')"))
        migrate.upgrade(db.engine)
        with db.engine.connect() as conn:
            names = set(conn.scalars(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%fts%'")))
            # The trigram indexes are gone; the grams index is on the side tables of schema 0018, beside the kept
            # counts per gram of 0019.
            assert names == {f"{t}_fts_{k}" for t in ("cases", "complaints")
                             for k in ("docs_grams", "docs_pkey", "gram_counts_gram")}
            found = conn.scalars(select(Complaint.content).where(search.matches("complaints_fts", "群租"))).all()
        assert found == ["小区内群租严重"]
        migrate.downgrade(db.engine, "0008")
        with db.engine.connect() as conn:
            names = set(conn.scalars(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%fts%'")))
        assert names == {f"{t}_fts_{k}" for t in ("cases", "complaints") for k in ("trgm", "pairs")}
        migrate.upgrade(db.engine)
    finally:
        db.dispose()


# Texts and an alphabet for queries built from their characters, plus some absent ones. Letters are ASCII or CJK:
# SQLite's index folds case with str.casefold and PostgreSQL with lower(), which differ only beyond those (ß, ﬁ).
SAMPLE_FACTS = ("群租房屋内隔断", "违法搭建阳光房", "楼顶搭建A3棚", "整改完成率100%", "编号a_b群租", "租群 搭群",
                "租群群租")  # holds every pair of 群租群 but not the term
QUERY_ALPHABET = sorted({ch for t in SAMPLE_FACTS for ch in t.lower() + t.upper()} | set("房屋xyz%_ 率违"))


@pytest.mark.postgresql
def test_postgresql_and_sqlite_find_the_same_records_for_any_query(app_ctx: AppContext,
                                                                     sqlite_app_ctx: AppContext) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tests.unit.bad_input_kit import PROPERTY

    for ctx in (app_ctx, sqlite_app_ctx):
        estate = make_estate(ctx)
        for facts in SAMPLE_FACTS:
            new_case(ctx, estate, facts=facts, place=None)

    # Pieces that occur in the texts, joined: queries whose characters and pairs mostly occur, with or without the
    # whole term (the case the PostgreSQL index cannot decide alone), beside arbitrary strings of the alphabet.
    pieces = st.sampled_from(sorted({t[i:i + n] for t in SAMPLE_FACTS for n in (1, 2) for i in range(len(t))}))
    queries = st.lists(pieces, min_size=1, max_size=3).map("".join) | st.text(QUERY_ALPHABET, min_size=1, max_size=6)

    @settings(PROPERTY, max_examples=200)  # a query is two small selects: cheap enough for many
    @given(query=queries)
    def same_on_both(query: str) -> None:
        assert _find(app_ctx, query) == _find(sqlite_app_ctx, query), query

    same_on_both()


@pytest.mark.postgresql
def test_postgresql_sessions_run_without_jit_compilation(app_ctx: AppContext) -> None:
    with app_ctx.db.session() as s:
        assert s.scalar(text("SHOW jit")) == "off"  # compiling cost 10-30 ms on every large count


def _prepared_on_server(ctx: AppContext) -> list[str]:
    """The statements the server holds prepared for the desk's (single, pooled) connection."""
    with ctx.db.session() as s:
        return list(s.scalars(text("SELECT statement FROM pg_prepared_statements")))


@pytest.mark.postgresql
def test_postgresql_keeps_the_statements_of_case_saves_prepared_and_no_others(app_ctx: AppContext) -> None:
    estate = make_estate(app_ctx)
    detail = new_case(app_ctx, estate)
    detail = case_records.update_case(app_ctx, detail.id, expected_version=detail.version, place="6号楼顶")
    case_workflow.transition(app_ctx, detail.id, to="核查", expected_version=detail.version)
    with app_ctx.db.session() as s:  # an ordinary read on the same pooled connection, after the saves
        s.scalar(select(Case.id).where(Case.place == "6号楼顶"))
    statements = _prepared_on_server(app_ctx)
    # The server parses and plans a save's statements once per connection, not on every save.
    assert any(st.startswith("INSERT INTO cases ") for st in statements)
    assert any(st.startswith("UPDATE cases SET place=") for st in statements)
    assert any(st.startswith("UPDATE cases SET status=") for st in statements)
    # Other sessions are planned for their values each time (a generic plan of a search can be far worse).
    assert not any("cases.place = " in st for st in statements)
    assert not any("pg_prepared_statements" in st for st in statements)


@pytest.mark.postgresql
def test_postgresql_saves_keep_working_after_a_refused_save_drops_the_prepared_statements(app_ctx: AppContext) -> None:
    estate = make_estate(app_ctx)
    first = new_case(app_ctx, estate)
    saved = case_records.update_case(app_ctx, first.id, expected_version=first.version, place="6号楼顶")
    # Each refusal rolls back, and psycopg then forgets (and deallocates) what it had prepared.
    with pytest.raises(ConflictError):
        case_records.update_case(app_ctx, first.id, expected_version=first.version, place="7号楼顶")
    with pytest.raises(ValidationError):
        case_records.update_case(app_ctx, first.id, expected_version=saved.version, facts="")
    again = case_records.update_case(app_ctx, first.id, expected_version=saved.version, place="7号楼顶")
    second = new_case(app_ctx, estate)
    assert again.place == "7号楼顶" and again.version == saved.version + 1
    assert second.number != first.number
    assert any(st.startswith("INSERT INTO cases ") for st in _prepared_on_server(app_ctx))


@pytest.mark.postgresql
def test_postgresql_demo_leaves_its_tables_vacuumed(app_ctx: AppContext) -> None:
    from controllers.demo.generator import generate_demo

    generate_demo(app_ctx, cases=50, complaints=80, trainings=2, seed=1)
    with app_ctx.db.session() as s:
        pages, visible = s.execute(text(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'complaints'")).one()
    assert pages > 0 and visible == pages  # counts read the covering indexes alone, with no visit to the table


def test_server_binaries_are_found_on_path_or_in_debians_folders(monkeypatch, tmp_path) -> None:
    from tests import pg_server

    monkeypatch.setattr(pg_server.shutil, "which", lambda _name: None)
    monkeypatch.setattr(pg_server.glob, "glob", lambda _pattern: [])
    assert pg_server.find_bin_dir() is None  # make test then says so in one line and skips the PostgreSQL run
    debian = tmp_path / "usr/lib/postgresql/15/bin"
    debian.mkdir(parents=True)
    for tool in ("pg_ctl", "initdb", "postgres"):
        (debian / tool).touch()
    monkeypatch.setattr(pg_server.glob, "glob", lambda _pattern: [str(debian)])
    assert pg_server.find_bin_dir() == debian
