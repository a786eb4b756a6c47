"""The search index of records an import inserts is made from the values in hand, not read back (issue 23): the text
made from the values must be exactly the one the index's SQL makes from the stored row, the faster tokeniser must give
exactly the tokens of the plain loop it replaced, and an import must leave the index in step on every record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from models import search
from tests.unit.exchange_kit import other_station, some_work


def _plain_tokens(value: str) -> str:
    """The tokeniser as it was before issue 23 (a loop over the characters): the reference."""
    s = value.casefold() + " "
    out = []
    for i in range(len(s) - 1):
        a, b = s[i], s[i + 1]
        if not a.isspace():
            out.append(f"g{ord(a):x}x" if b.isspace() else f"g{ord(a):x}x{ord(b):x}")
    return " ".join(out)


# Any text, the awkward characters given a better chance: spaces of every kind, letters whose case folds to two
# (ß, ﬁ), CJK, astral characters, controls.
_AWKWARD = st.sampled_from(" \t\n\u3000\u00a0\u2028ßẞﬁİΣς违法搭建群租🏠\x00\x1fA")
TEXTS = st.text(st.one_of(st.characters(codec="utf-8"), _AWKWARD), max_size=60)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_tokens_are_exactly_those_of_the_plain_loop(value: str) -> None:
    assert search.document_tokens(value) == _plain_tokens(value)


def _sql_text(conn: Any, index: str, values: dict[str, Any]) -> str | None:
    """The index's own SQL expression evaluated on these values as a stored row would hold them."""
    _base, expr = search.INDEXES[index]
    names = [name for name, _nullable in search._FIELDS[index][1]]
    row = ", ".join(f":{n} AS {n}" for n in names)
    return conn.execute(text(f"SELECT {expr} FROM (SELECT {row})"), values).scalar()


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_text_from_values_is_the_one_sql_makes_from_the_row(data: st.DataObject) -> None:
    """On SQLite, the only engine whose index is kept from Python (PostgreSQL's triggers make their own text)."""
    with create_engine("sqlite://").connect() as conn:
        for index, (_base, fields) in search._FIELDS.items():
            values = {name: data.draw(st.none() | TEXTS if nullable else TEXTS) for name, nullable in fields}
            assert search.document_text(index, values) == _sql_text(conn, index, values)


def test_values_that_are_not_plain_text_are_read_back() -> None:
    fields = dict.fromkeys(("number", "facts", "place", "party_name", "notes"), "甲")
    assert search.document_text("cases_fts", fields) == "甲 甲 甲 甲 甲"
    assert search.document_text("cases_fts", {**fields, "facts": None}) is None  # not null in the table
    assert search.document_text("cases_fts", {**fields, "number": 7}) is None
    assert search.document_text("cases_fts", {k: v for k, v in fields.items() if k != "notes"}) is None


def test_an_import_leaves_every_record_in_the_index_as_its_text(app_ctx: AppContext, tmp_path: Path) -> None:
    some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "a.zip", with_personal_data=True)
    exchange_export.export_package(app_ctx, tmp_path / "b.zip")
    for package in ("a.zip", "b.zip"):  # with names, then without (the personal fields blank in the text)
        with other_station(tmp_path / f"into-{package}") as b:
            exchange_import.import_package(b, tmp_path / package)
            with b.db.engine.connect() as conn:
                assert [search.drift(conn, index) for index in search.INDEXES] == [[], []]
            with b.db.session() as s:
                assert search.index_hits(s, "cases_fts", "阳光房") == 1
                assert search.index_hits(s, "complaints_fts", "欧阳") == (1 if package == "a.zip" else 0)


def test_an_entry_already_in_the_index_under_a_new_records_id_is_replaced(app_ctx: AppContext, tmp_path: Path) -> None:
    """New records past every entry skip the replacing; one that is not (a stale entry under its id) is replaced."""
    some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "a.zip")
    with other_station(tmp_path / "b") as b:
        if b.db.engine.dialect.name == "sqlite":  # PostgreSQL's side tables are kept by triggers, not from here
            with b.db.engine.begin() as conn:
                next_id = int(conn.execute(text("SELECT coalesce(max(id), 0) + 1 FROM cases")).scalar_one())
                conn.execute(text("INSERT INTO cases_fts(rowid, g) VALUES (:r, :g)"),
                             {"r": next_id, "g": search.document_tokens("旧的残留")})
        exchange_import.import_package(b, tmp_path / "a.zip")
        with b.db.engine.connect() as conn:
            assert [search.drift(conn, index) for index in search.INDEXES] == [[], []]
        with b.db.session() as s:
            assert search.index_hits(s, "cases_fts", "残留") == 0
