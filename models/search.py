"""Chinese substring search of any length, backed by an FTS5 index of character pairs.

FTS5's trigram tokenizer finds nothing for one- or two-character terms (群租, 搭建), which are the
commonest Chinese searches. So each document is indexed as the sequence of its character pairs
(bigrams); see match_expression for how a query of any length maps onto them. Characters are spelled
in hex inside alphanumeric tokens so FTS5's ascii tokenizer never splits or folds them.

On PostgreSQL the same functions use pg_trgm instead: a GIN trigram index on the same text expression,
searched with ILIKE '%term%'. Trigrams only narrow terms of three or more characters, so a second trigram
index covers the text with every character written three times (群租 -> 群群群租租租): a two-character term,
tripled, is six characters long and the index narrows it (a tripled term occurs in the tripled text exactly
where the term occurs in the text); the ILIKE over the real text still decides. A one-character term is a
plain ILIKE scan: a common character matches most records, and a scan reads them fastest. Both engines find
exactly the same records for any query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, Select, Text, and_, bindparam, column, event, literal_column, select, table, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import roles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement

# One index per searchable table: index table name -> (base table, SQL expression of the searched text).
INDEXES: dict[str, tuple[str, str]] = {
    "cases_fts": (
        "cases",
        "number || ' ' || facts || ' ' || coalesce(place, '') || ' ' || coalesce(party_name, '')"
        " || ' ' || coalesce(notes, '')",
    ),
    "complaints_fts": (
        "complaints",
        "coalesce(work_order_no, '') || ' ' || content || ' ' || coalesce(address, '')"
        " || ' ' || coalesce(complainant_name, '') || ' ' || coalesce(complainant_phone, '')",
    ),
}

# Cache of character pair -> token; a district's text uses a few tens of thousands of distinct pairs.
_TOKENS: dict[str, str] = {}


def _pair_token(pair: str) -> str:
    a, b = pair[0], pair[1]
    token = f"g{ord(a):x}x" if b.isspace() else f"g{ord(a):x}x{ord(b):x}"
    _TOKENS[pair] = token
    return token


def document_tokens(value: str) -> str:
    """One token per non-space character: the pair it starts, or the character alone before a space or the end."""
    s = value.casefold() + " "
    get = _TOKENS.get
    return " ".join([get(s[i : i + 2]) or _pair_token(s[i : i + 2]) for i in range(len(s) - 1) if not s[i].isspace()])


def match_expression(query: str) -> str | None:
    """FTS5 MATCH text for a user's query: every whitespace-separated term must occur. None if empty.

    A term of n >= 2 characters is the phrase of its n-1 pair tokens, which matches exactly where the
    term occurs as a substring; a single character is the prefix of every token it starts.
    """
    parts = []
    for term in query.casefold().split():
        if len(term) == 1:
            parts.append(f'"g{ord(term):x}x" *')
        else:
            tokens = " ".join(f"g{ord(a):x}x{ord(b):x}" for a, b in pairwise(term))
            parts.append(f'"{tokens}"')
    return " AND ".join(parts) or None


def _pg_index_name(index: str) -> str:
    return f"{index}_trgm"  # starts with the index name, so is_search_table() keeps it out of autogenerate


def _pg_pairs_index_name(index: str) -> str:
    return f"{index}_pairs"


def _tripled(expr: str) -> str:
    """SQL for the text with every character written three times (lower-cased: LIKE on it is then exact)."""
    return f"regexp_replace(lower({expr}), '(.)', '\\1\\1\\1', 'g')"


def create_indexes(conn: Connection) -> None:
    """Create the FTS5 tables, or on PostgreSQL pg_trgm and the GIN trigram indexes (idempotent)."""
    if conn.dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        for index, (base, expr) in INDEXES.items():
            conn.execute(text(
                f"CREATE INDEX IF NOT EXISTS {_pg_index_name(index)} ON {base} USING gin (({expr}) gin_trgm_ops)"
            ))
            conn.execute(text(
                f"CREATE INDEX IF NOT EXISTS {_pg_pairs_index_name(index)} ON {base} "
                f"USING gin (({_tripled(expr)}) gin_trgm_ops)"
            ))
        return
    for name in INDEXES:
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(g, tokenize='ascii')"))


def drop_indexes(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        for index in INDEXES:
            conn.execute(text(f"DROP INDEX IF EXISTS {_pg_index_name(index)}"))
            conn.execute(text(f"DROP INDEX IF EXISTS {_pg_pairs_index_name(index)}"))
        return
    for name in INDEXES:
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))


def _rows(pairs: Iterable[tuple[int, str]]) -> list[dict[str, object]]:
    return [{"r": rowid, "g": document_tokens(doc)} for rowid, doc in pairs]


def reindex(conn: Connection, index: str, ids: Sequence[int] | None = None, *, chunk: int = 5000) -> None:
    """(Re)build the index rows of the given records, or of the whole table when ids is None.

    A no-op on PostgreSQL, whose trigram indexes the server keeps current itself.
    """
    if conn.dialect.name != "sqlite":
        return
    base, expr = INDEXES[index]
    if ids is None:
        conn.execute(text(f"DELETE FROM {index}"))
        select_sql = f"SELECT id, {expr} FROM {base} WHERE id > :after ORDER BY id LIMIT {chunk}"
        after = 0
        while True:
            batch = conn.execute(text(select_sql), {"after": after}).all()
            if not batch:
                break
            conn.execute(text(f"INSERT INTO {index}(rowid, g) VALUES (:r, :g)"), _rows(batch))
            after = batch[-1][0]
        return
    for start in range(0, len(ids), chunk):
        part = list(ids[start : start + chunk])
        conn.execute(text(f"DELETE FROM {index} WHERE rowid IN ({','.join(str(int(i)) for i in part)})"))
        batch = conn.execute(
            text(f"SELECT id, {expr} FROM {base} WHERE id IN ({','.join(str(int(i)) for i in part)})")
        ).all()
        if batch:
            conn.execute(text(f"INSERT INTO {index}(rowid, g) VALUES (:r, :g)"), _rows(batch))


def like_pattern(term: str) -> str:
    """ILIKE pattern finding `term` anywhere: the user's % and _ match themselves (escape character /)."""
    return "%" + term.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def _pg_select(index: str, query: str) -> Select[tuple[int]]:
    base, expr = INDEXES[index]
    # Exactly the indexed expression, so the planner can use the trigram index for terms of 3+ characters.
    searched = literal_column(f"({expr})", Text)
    tripled = literal_column(f"({_tripled(expr)})", Text)
    conds: list[ColumnElement[bool]] = []
    for term in query.casefold().split():
        conds.append(searched.ilike(bindparam(None, like_pattern(term), Text, unique=True), escape="/"))
        if len(term) == 2:
            # Lets the planner narrow by the tripled-text index; the ILIKE above still decides.
            pattern = like_pattern("".join(ch * 3 for ch in term.lower()))
            conds.append(tripled.like(bindparam(None, pattern, Text, unique=True), escape="/"))
    # correlate(None): the outer query also reads `base`; this subquery must keep its own FROM.
    return select(table(base, column("id")).c.id).where(and_(*conds)).correlate(None)


def _sqlite_select(index: str, expr: str) -> Select[tuple[int]]:
    fts = table(index, column("rowid"))
    return select(fts.c.rowid).where(text(f"{index} MATCH :match").bindparams(match=expr)).correlate(None)


class _SearchHits(roles.InElementRole, ColumnElement[Any]):
    """The subquery of matching ids, written for whichever engine compiles it (FTS5 MATCH or pg_trgm ILIKE).

    The statement is built before anyone knows the engine (controllers build filters without a connection),
    so the choice is made at compile time.
    """

    inherit_cache = False  # holds plain Python state; never cache a compiled form across queries

    def __init__(self, index: str, query: str, match: str) -> None:
        self.index = index
        self.query = query
        self.fts_match = match


@compiles(_SearchHits)
def _compile_hits(element: _SearchHits, compiler: SQLCompiler, **kw: Any) -> str:
    if compiler.dialect.name == "postgresql":
        stmt = _pg_select(element.index, element.query)
    else:
        stmt = _sqlite_select(element.index, element.fts_match)
    return compiler.process(stmt.scalar_subquery(), **kw)


def matching_ids(index: str, query: str) -> Any:
    """A subquery of the record ids matching the query, for `Model.id.in_(...)`; None for an empty query."""
    expr = match_expression(query)
    if expr is None:
        return None
    return _SearchHits(index, query, expr)


def is_search_table(name: str | None) -> bool:
    """True for an FTS5 index table or one of its shadow tables (cases_fts, cases_fts_data...), or a PG index."""
    return name is not None and any(name == idx or name.startswith(idx + "_") for idx in INDEXES)


_INDEX_OF_TABLE = {base: index for index, (base, _expr) in INDEXES.items()}


def _after_flush(session: Session, _context: object) -> None:
    """Keep the indexes in step with every ORM write, in the same transaction, so no path can forget it."""
    touched: dict[str, set[int]] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        index = _INDEX_OF_TABLE.get(getattr(obj, "__tablename__", ""))
        if index is not None and getattr(obj, "id", None) is not None:
            touched.setdefault(index, set()).add(obj.id)
    if not touched:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    for index, ids in touched.items():
        reindex(conn, index, sorted(ids))


event.listen(Session, "after_flush", _after_flush)
