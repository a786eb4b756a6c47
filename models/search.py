"""Chinese substring search of any length: FTS5 of character pairs on SQLite, a GIN index of grams on PostgreSQL.

FTS5's trigram tokenizer finds nothing for one- or two-character terms (群租, 搭建), which are the
commonest Chinese searches. So each document is indexed as the sequence of its character pairs
(bigrams); see match_expression for how a query of any length maps onto them. Characters are spelled
in hex inside alphanumeric tokens so FTS5's ascii tokenizer never splits or folds them.

On PostgreSQL a GIN index holds the set of characters and character pairs of the same (lower-cased) text,
computed by the SQL function ledger_grams (schema 0009). A term's own characters and pairs must all be in the
record's set: for a term of one or two characters that test is exact, and the index answers it alone (GIN
decides array containment without rechecking rows); a longer term is then confirmed by a substring test on the
text of the few candidates. Since schema 0018 that index is on a narrow side table per searchable table
(`{index}_docs`: the record's id and its lower-cased text, kept by triggers on every write whatever the path), not on
the base table: a count or a seek must read each hit's row (heap), and twenty to forty texts share a page where a case
or complaint fills a tenth of one (counts 1.5-2.2x faster at 100,000 cases). Since schema 0019 a search of one term
of one or two characters counts its records in kept counts per gram instead (see _pg_gram_counts_sql): PostgreSQL
(15.18 measured) reads the table page of every hit even to count a GIN match of all-visible pages. Both engines find
exactly the same records for any query. (Schemas 0002-0008 used pg_trgm trigram indexes, which cannot narrow a term
of one or two characters and made every search recheck each candidate's text: 5x slower than SQLite at 100,000 cases.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from operator import add
from typing import Any

from sqlalchemy import Connection, Select, bindparam, column, event, select, table, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import ARRAY, Boolean, Text

# One index per searchable table: index name -> (base table, the searched columns; True marks a nullable one,
# read as '' so one empty field never blanks the whole text).
_FIELDS: dict[str, tuple[str, tuple[tuple[str, bool], ...]]] = {
    "cases_fts": ("cases", (("number", False), ("facts", False), ("place", True), ("party_name", True),
                            ("notes", True))),
    "complaints_fts": ("complaints", (("work_order_no", True), ("content", False), ("address", True),
                                      ("complainant_name", True), ("complainant_phone", True))),
}


def _text_sql(index: str, prefix: str = "") -> str:
    """SQL of the searched text: the columns joined by spaces (each column prefixed, e.g. with its table)."""
    _base, fields = _FIELDS[index]
    return " || ' ' || ".join(f"coalesce({prefix}{name}, '')" if nullable else f"{prefix}{name}"
                              for name, nullable in fields)


# index name -> (base table, SQL expression of the searched text)
INDEXES: dict[str, tuple[str, str]] = {index: (base, _text_sql(index)) for index, (base, _f) in _FIELDS.items()}

class _PairTokens(dict[str, str]):
    """Character pair -> its token, made on first sight ('' for a pair that starts with a space: no token); a
    district's text uses a few tens of thousands of distinct pairs."""

    def __missing__(self, pair: str) -> str:
        a, b = pair[0], pair[1]
        token = "" if a.isspace() else f"g{ord(a):x}x" if b.isspace() else f"g{ord(a):x}x{ord(b):x}"
        self[pair] = token
        return token


_TOKENS = _PairTokens()


def document_tokens(value: str) -> str:
    """One token per non-space character: the pair it starts, or the character alone before a space or the end.

    Pairs made, looked up and joined in C (map, filter): a full package of a 100,000-station tokenises a million
    texts, and a Python loop over their characters was most of its search reindex (issue 23)."""
    s = value.casefold()
    return " ".join(filter(None, map(_TOKENS.__getitem__, map(add, s, s[1:] + " "))))


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


PG_GRAMS_FUNCTION = "ledger_grams"

# The distinct characters and character pairs of a text. IMMUTABLE, so it may define an index; only pg_catalog
# functions inside, so it reads the same whatever the search_path (pg_dump restores indexes with an empty one).
_PG_GRAMS_SQL = f"""
CREATE OR REPLACE FUNCTION {PG_GRAMS_FUNCTION}(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(DISTINCT g), '{{}}') FROM (
     SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
     UNION ALL SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i) AS grams $$
"""


def _pg_grams_index_name(index: str) -> str:
    return f"{index}_grams"  # starts with the index name, so is_search_table() keeps it out of autogenerate


def _pg_grams_sql(text_sql: str) -> str:
    return f"{PG_GRAMS_FUNCTION}(lower({text_sql}))"


def create_indexes(conn: Connection) -> None:
    """Create the FTS5 tables, or on PostgreSQL the grams function and its GIN indexes (idempotent)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(_PG_GRAMS_SQL))
        for index, (base, expr) in INDEXES.items():
            name = _pg_grams_index_name(index)
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {base} USING gin (({_pg_grams_sql(expr)}))"))
            # No statistics on the grams: the planner then guesses a term matches few records and always reads the
            # index. With statistics it knows 群租 matches 8% of cases, walks the date index for the first page
            # instead and computes the grams of every row it passes (~40 us each: 60 ms against 8 ms), because it
            # prices the function like an operator.
            conn.execute(text(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 0"))
        return
    for name in INDEXES:
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(g, tokenize='ascii')"))


def docs_table(index: str) -> str:
    """PostgreSQL's side table of the index (schema 0018): starts with the index name, so is_search_table() keeps it
    out of autogenerate."""
    return f"{index}_docs"


def _pg_docs_sql(index: str) -> list[str]:
    """The side table, filled from the records, its grams index and the triggers that keep it (one function per
    table: a trigger function cannot be told a column list)."""
    base, expr = INDEXES[index]
    docs, fn = docs_table(index), f"ledger_{docs_table(index)}"
    new_text = "lower(" + _text_sql(index, "NEW.") + ")"
    _base, fields = _FIELDS[index]
    columns = ", ".join(("id", *(name for name, _nullable in fields)))
    return [
        f"CREATE TABLE {docs} (id integer PRIMARY KEY, doc text NOT NULL)",
        f"INSERT INTO {docs} (id, doc) SELECT id, lower({expr}) FROM {base}",
        f"CREATE INDEX {docs}_grams ON {docs} USING gin (({PG_GRAMS_FUNCTION}(doc)))",
        # No statistics on the grams, as for the base-table index before (see create_indexes).
        f"ALTER INDEX {docs}_grams ALTER COLUMN 1 SET STATISTICS 0",
        f"""CREATE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE {docs};
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
        DELETE FROM {docs} WHERE id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        -- An unchanged text is not written again: a GIN entry update costs more than the comparison.
        INSERT INTO {docs} (id, doc) VALUES (NEW.id, {new_text})
        ON CONFLICT (id) DO UPDATE SET doc = excluded.doc WHERE {docs}.doc IS DISTINCT FROM excluded.doc;
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER {docs} AFTER INSERT OR DELETE OR UPDATE OF {columns} ON {base} "
        f"FOR EACH ROW EXECUTE FUNCTION {fn}()",
        f"CREATE TRIGGER {docs}_truncate AFTER TRUNCATE ON {base} FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        f"ANALYZE {docs}",
    ]


def create_pg_docs(conn: Connection) -> None:
    """Schema 0018 on PostgreSQL: the side tables replace the grams indexes on the base tables."""
    for index in INDEXES:
        for sql in _pg_docs_sql(index):
            conn.execute(text(sql))
        conn.execute(text(f"DROP INDEX IF EXISTS {_pg_grams_index_name(index)}"))


def drop_pg_docs(conn: Connection) -> None:
    """The downgrade of 0018: the grams indexes on the base tables again, no side tables."""
    create_indexes(conn)
    for index, (base, _expr) in INDEXES.items():
        docs = docs_table(index)
        conn.execute(text(f"DROP TRIGGER IF EXISTS {docs} ON {base}"))
        conn.execute(text(f"DROP TRIGGER IF EXISTS {docs}_truncate ON {base}"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS ledger_{docs}()"))
        conn.execute(text(f"DROP TABLE IF EXISTS {docs}"))


def gram_counts_table(index: str) -> str:
    """PostgreSQL's kept counts of the index's records per gram (schema 0019): starts with the index name, so
    is_search_table() keeps it out of autogenerate."""
    return f"{index}_gram_counts"


def _pg_gram_counts_sql(index: str) -> list[str]:
    """The table of how many records hold each gram (character or pair), filled from the side table, and the
    statement triggers that keep it: rows of (gram, change) added in the writer's transaction, summed when read.

    Added, never updated in place: a counter row per gram would be locked by every writer until it commits, so a long
    import would hold up every desk's save of a case or complaint. A change sums the grams of the new texts less those
    of the old ones (an UPDATE only where the text differs), so a statement of 2,000 imported records adds one row per
    distinct gram, not one per record and gram. rebuild_gram_counts folds them back to one row per gram."""
    base, _expr = INDEXES[index]
    counts, fn = gram_counts_table(index), f"ledger_{gram_counts_table(index)}"

    def grams(alias: str) -> str:
        return f"{PG_GRAMS_FUNCTION}(lower({_text_sql(index, alias + '.')}))"

    def changes(sides: str) -> str:
        return (f"INSERT INTO {counts} (gram, n) SELECT g, sum(s) FROM ({sides}) AS d GROUP BY g HAVING sum(s) <> 0")

    added = f"SELECT unnest({grams('n')}) AS g, 1 AS s FROM new_rows AS n"
    removed = f"SELECT unnest({grams('o')}) AS g, -1 AS s FROM old_rows AS o"
    same = f"{_text_sql(index, 'o.')} IS NOT DISTINCT FROM {_text_sql(index, 'n.')}"
    return [
        f"CREATE TABLE {counts} (gram text NOT NULL, n integer NOT NULL)",
        f"CREATE INDEX {counts}_gram ON {counts} (gram) INCLUDE (n)",
        f"""CREATE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- PL/pgSQL plans a statement when it first runs it: each operation names only its own transition tables.
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE {counts};
    ELSIF TG_OP = 'INSERT' THEN
        {changes(added)};
    ELSIF TG_OP = 'DELETE' THEN
        {changes(removed)};
    ELSE
        {changes(f"{added} WHERE NOT EXISTS (SELECT FROM old_rows AS o WHERE o.id = n.id AND {same}) UNION ALL "
                 f"{removed} WHERE NOT EXISTS (SELECT FROM new_rows AS n WHERE n.id = o.id AND {same})")};
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER {counts}_insert AFTER INSERT ON {base} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        f"CREATE TRIGGER {counts}_update AFTER UPDATE ON {base} "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        f"CREATE TRIGGER {counts}_delete AFTER DELETE ON {base} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        f"CREATE TRIGGER {counts}_truncate AFTER TRUNCATE ON {base} FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
    ]


def rebuild_gram_counts(conn: Connection) -> None:
    """Count every gram again from the side tables, one row per gram (PostgreSQL; nothing on SQLite). Readers on
    other connections see the old rows or the new, never half: the caller's transaction holds both."""
    if conn.dialect.name != "postgresql":
        return
    for index in INDEXES:
        counts = gram_counts_table(index)
        conn.execute(text(f"DELETE FROM {counts}"))
        conn.execute(text(f"INSERT INTO {counts} (gram, n) SELECT g, count(*) FROM {docs_table(index)}, "
                          f"unnest({PG_GRAMS_FUNCTION}(doc)) AS g GROUP BY g"))


def create_pg_gram_counts(conn: Connection) -> None:
    """Schema 0019 on PostgreSQL: the kept counts per gram, filled, and their triggers."""
    for index in INDEXES:
        for sql in _pg_gram_counts_sql(index):
            conn.execute(text(sql))
    rebuild_gram_counts(conn)
    for index in INDEXES:
        conn.execute(text(f"ANALYZE {gram_counts_table(index)}"))


def drop_pg_gram_counts(conn: Connection) -> None:
    """The downgrade of 0019."""
    for index, (base, _expr) in INDEXES.items():
        counts = gram_counts_table(index)
        for event_name in ("insert", "update", "delete", "truncate"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {counts}_{event_name} ON {base}"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS ledger_{counts}()"))
        conn.execute(text(f"DROP TABLE IF EXISTS {counts}"))


def gram_count_drift(conn: Connection, index: str) -> dict[str, tuple[int, int]]:
    """Grams whose kept count differs from the side table's records: gram -> (kept, counted). Empty when right, and
    on SQLite, which keeps none. Reads every record: for tests and checks."""
    if conn.dialect.name != "postgresql":
        return {}
    kept = {str(g): int(n) for g, n in conn.execute(text(
        f"SELECT gram, sum(n) FROM {gram_counts_table(index)} GROUP BY gram HAVING sum(n) <> 0"))}
    counted = {str(g): int(n) for g, n in conn.execute(text(
        f"SELECT g, count(*) FROM {docs_table(index)}, unnest({PG_GRAMS_FUNCTION}(doc)) AS g GROUP BY g"))}
    return {g: (kept.get(g, 0), counted.get(g, 0)) for g in kept.keys() | counted.keys()
            if kept.get(g, 0) != counted.get(g, 0)}


def drift(conn: Connection, index: str) -> list[int]:
    """Ids of the records whose entry in the index differs from their text (missing, stale or left over), on either
    engine: empty when the index is right. Reads every record: for tests and checks, not for a screen."""
    base, expr = INDEXES[index]
    if conn.dialect.name == "postgresql":
        # A side row without its record compares NULL text, a record without its row a NULL doc: both differ.
        return [int(i) for i in conn.execute(text(
            f"SELECT coalesce(b.id, d.id) AS id FROM {base} AS b FULL JOIN {docs_table(index)} AS d ON d.id = b.id "
            f"WHERE d.doc IS DISTINCT FROM lower({_text_sql(index, 'b.')}) ORDER BY 1")).scalars()]
    kept = {int(r[0]): str(r[1]) for r in conn.execute(text(f"SELECT rowid, g FROM {index}"))}
    wanted = {int(r[0]): document_tokens(r[1]) for r in conn.execute(text(f"SELECT id, {expr} FROM {base}"))}
    return sorted(i for i in kept.keys() | wanted.keys() if kept.get(i) != wanted.get(i))


def drop_indexes(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        for index in INDEXES:
            conn.execute(text(f"DROP INDEX IF EXISTS {_pg_grams_index_name(index)}"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS {PG_GRAMS_FUNCTION}(text)"))
        return
    for name in INDEXES:
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))


def create_pg_trigram_indexes(conn: Connection) -> None:
    """Schemas 0002-0008 on PostgreSQL: pg_trgm GIN indexes on the text and on the text with every character
    written three times. For migration 0002 and the downgrade of 0009 only; nothing searches with them now."""
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
    conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    for index, (base, expr) in INDEXES.items():
        tripled = f"regexp_replace(lower({expr}), '(.)', '\\1\\1\\1', 'g')"
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {index}_trgm ON {base} USING gin (({expr}) gin_trgm_ops)"))
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {index}_pairs ON {base} USING gin (({tripled}) gin_trgm_ops)"))


def drop_pg_trigram_indexes(conn: Connection) -> None:
    for index in INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {index}_trgm"))
        conn.execute(text(f"DROP INDEX IF EXISTS {index}_pairs"))


def document_text(index: str, values: Mapping[str, Any]) -> str | None:
    """The searched text of a record from the values just written to its columns, exactly as the index's SQL
    expression makes it from the stored row (see INDEXES); None when a value is not plain text or is missing (the
    caller then reads the row back: reindex)."""
    parts = []
    for name, nullable in _FIELDS[index][1]:
        value = values.get(name)
        if type(value) is str:
            parts.append(value)
        elif value is None and nullable and name in values:
            parts.append("")
        else:
            return None
    return " ".join(parts)


def index_texts(conn: Connection, index: str, docs: Sequence[tuple[int, str]]) -> None:
    """Put these records' texts (id, text) in the index, replacing what it held for them (SQLite only).

    Through the driver with plain tuples: SQLAlchemy's executemany prepares a mapping per row."""
    if not docs:
        return
    # Records new past every entry of the index (an import's inserts) have nothing to replace: looking up thousands
    # of absent rowids was a third of an import's reindex. The largest entry is read from the end of the index.
    top = conn.exec_driver_sql(f"SELECT rowid FROM {index} ORDER BY rowid DESC LIMIT 1").scalar()
    if top is not None and min(int(i) for i, _d in docs) <= int(top):
        conn.exec_driver_sql(f"DELETE FROM {index} WHERE rowid IN ({','.join(str(int(i)) for i, _d in docs)})")
    _insert_texts(conn, index, docs)


def _insert_texts(conn: Connection, index: str, docs: Sequence[tuple[int, str]]) -> None:
    conn.exec_driver_sql(f"INSERT INTO {index}(rowid, g) VALUES (?, ?)",
                         [(int(i), document_tokens(doc)) for i, doc in docs])


def reindex(conn: Connection, index: str, ids: Sequence[int] | None = None, *, chunk: int = 5000) -> None:
    """(Re)build the index rows of the given records, or of the whole table when ids is None.

    A no-op on PostgreSQL, whose side tables (schema 0018) triggers keep current.
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
            _insert_texts(conn, index, batch)  # the index was emptied above
            after = batch[-1][0]
        return
    for start in range(0, len(ids), chunk):
        part = list(ids[start : start + chunk])
        batch = conn.execute(
            text(f"SELECT id, {expr} FROM {base} WHERE id IN ({','.join(str(int(i)) for i in part)})")
        ).all()
        found = {i for i, _doc in batch}
        gone = [i for i in part if i not in found]  # deleted records leave the index
        if gone:
            conn.exec_driver_sql(f"DELETE FROM {index} WHERE rowid IN ({','.join(str(int(i)) for i in gone)})")
        index_texts(conn, index, batch)


def _uncased(term: str) -> bool:
    """True for a term without cased letters (Chinese, digits): lower() leaves it as it is on both sides."""
    return term.lower() == term == term.upper()


def _pg_contains(text_sql: str, term: str, param: str) -> str:
    """SQL: the term occurs in the text, ignoring case as the grams do. A term without cased letters (Chinese, digits)
    is looked for in the text as it is: lowering the whole text of each candidate cost a fifth of a search's count
    (9,500 cases hold 违法搭建 at 100,000), and lower() changes only cased letters, so the answer is the same."""
    if _uncased(term):
        return f"strpos({text_sql}, {param}) > 0"
    return f"strpos(lower({text_sql}), lower({param})) > 0"


def _pg_term_grams(term: str) -> list[str]:
    """The grams a record's set must hold for an uncased term: its character pairs, or the character alone. A pair
    in the set means both its characters are there too, so the term's single characters add nothing but work: 违, 法,
    搭 and 建 are each in a third to a half of the records, and intersecting their posting lists took two thirds of
    the index's time for 违法搭建."""
    return [term] if len(term) == 1 else [a + b for a, b in pairwise(term)]


def _pg_doc_terms(query: str, bind: Any) -> str:
    """SQL: every term of the query in the side table's lower-cased `doc` (bind(value) gives a value's placeholder).
    The grams index answers a term of one or two characters alone; a longer term's pairs may all occur without the
    term itself (10 and 00 in 100% for 1000), so its candidates are confirmed on their text. The grams of an uncased
    term are sent as a constant array (_pg_term_grams); a cased one is lowered by the server, as its text was."""
    conds = []
    for term in query.split():
        if _uncased(term):
            conds.append(f"{PG_GRAMS_FUNCTION}(doc) @> CAST({bind(_pg_term_grams(term))} AS text[])")
        else:
            conds.append(f"{PG_GRAMS_FUNCTION}(doc) @> {PG_GRAMS_FUNCTION}(lower({bind(term)}))")
        if len(term.lower()) > 2:  # len of the lower case: a letter whose lower case is two characters lengthens it
            conds.append(f"strpos(doc, lower({bind(term)})) > 0")
    return " AND ".join(conds)


def _pg_condition(index: str, query: str, compiler: SQLCompiler, *, drives: bool = True, **kw: Any) -> str:
    """The terms as a condition on the base table's row: its id among the side table's hits (schema 0018), or with
    `drives=False` (see walk_sort_index) only the substring test on the row's own text, which finds exactly the same
    records, so the planner has no index of hits to start from and walks the sort's index, testing each row it
    passes."""
    base, _expr = INDEXES[index]

    def bind(value: object) -> str:
        # Typed, so a statement printed with its values (literal_binds) can write a term's grams as an array.
        kind = ARRAY(Text()) if isinstance(value, list) else None
        return str(compiler.process(bindparam(None, value, unique=True, type_=kind), **kw))

    if drives:
        return f"({base}.id IN (SELECT id FROM {docs_table(index)} WHERE {_pg_doc_terms(query, bind)}))"
    record_text = _text_sql(index, base + '.')
    return "(" + " AND ".join(_pg_contains(record_text, term, bind(term)) for term in query.split()) + ")"


def _sqlite_select(index: str, expr: str) -> Select[tuple[int]]:
    fts = table(index, column("rowid"))
    return select(fts.c.rowid).where(text(f"{index} MATCH :match").bindparams(match=expr)).correlate(None)


def index_hits(session: Session, index: str, query: str) -> int | None:
    """How many records match the query, counted in the index alone: on SQLite in FTS5 (no base-table row is read:
    ~1 ms for 80,000 hits, where counting them through the base table seeks every hit's row), on PostgreSQL in the
    narrow side table. None for an empty query. Exact: the index holds one entry per record, kept in step by
    _after_flush and reindex (SQLite) or by triggers (PostgreSQL)."""
    expr = match_expression(query)
    if expr is None:
        return None
    if session.get_bind().dialect.name == "postgresql":
        values: dict[str, object] = {}

        def bind(value: object) -> str:
            values[name := f"p{len(values)}"] = value
            return f":{name}"

        terms = query.split()
        if len(terms) == 1 and _uncased(terms[0]) and len(terms[0]) <= 2:
            # Exactly the records the grams index finds for the term: their count is kept per gram (schema 0019).
            count = f"SELECT coalesce(sum(n), 0) FROM {gram_counts_table(index)} WHERE gram = {bind(terms[0])}"
        else:
            count = f"SELECT count(*) FROM {docs_table(index)} WHERE {_pg_doc_terms(query, bind)}"
        return int(session.execute(text(count), values).scalar_one())
    return int(session.execute(text(f"SELECT count(*) FROM {index} WHERE {index} MATCH :m"), {"m": expr}).scalar_one())


# Seeking and sorting a hit costs about ten times as much as passing an entry of the sort column's index on SQLite;
# on PostgreSQL a hit read through the GIN bitmap (its heap page visited, then sorted) about twice as much as a row
# passed on an index walk with a substring test (100,000 cases: 9,500 hits of 违法搭建 in 16-34 ms against the
# first 100 of them in 1.4 ms by walking the found-date index).
_SEEK_COST = 10
_PG_SEEK_COST = 2
# PostgreSQL has no count of hits held apart from the rows: the share of hits is measured on the newest records.
_PG_SAMPLE = 500


def _pg_hits_estimate(session: Session, index: str, query: str) -> tuple[int, int]:
    """(About how many records match, the highest id), in one statement: the share of matches among the newest
    _PG_SAMPLE texts of the side table (read along its primary key: a few of its dense pages, where counting the hits
    visits the page of every one)."""
    base, _expr = INDEXES[index]
    terms = {f"t{i}": term for i, term in enumerate(query.split())}
    tests = " AND ".join(f"strpos(doc, lower(:{name})) > 0" for name in terms)
    sample = f"SELECT doc FROM {docs_table(index)} ORDER BY id DESC LIMIT {_PG_SAMPLE}"
    matched, sampled, rows = session.execute(text(
        f"SELECT count(*) FILTER (WHERE {tests}), count(*), (SELECT coalesce(max(id), 0) FROM {base}) "
        f"FROM ({sample}) AS newest"), terms).one()
    return (round(int(matched) * int(rows) / int(sampled)) if sampled else 0), int(rows)


def walk_sort_index(session: Session, index: str, query: str, *, wanted: int) -> bool:
    """True when the first `wanted` rows of a search are found sooner by walking the sort column's index and
    testing each entry against the hits (about wanted × rows / hits entries) than by seeking every hit and sorting
    them all: a common term (群租 in 8 % of a district's million cases) on a first page. A rare term keeps the
    seek-and-sort plan, which reads only its few hits. On SQLite the hits are counted in the FTS5 index; on
    PostgreSQL, whose planner is told nothing about the grams (see create_indexes), they are estimated."""
    if match_expression(query) is None:
        return False
    if session.get_bind().dialect.name == "postgresql":
        (hits, rows), seek_cost = _pg_hits_estimate(session, index, query), _PG_SEEK_COST
    else:
        base, _expr = INDEXES[index]
        rows = int(session.execute(text(f"SELECT coalesce(max(id), 0) FROM {base}")).scalar_one())
        hits, seek_cost = index_hits(session, index, query) or 0, _SEEK_COST
    return bool(hits) and wanted * rows < seek_cost * hits * hits


class _SearchMatch(ColumnElement[bool]):
    """Whether the record matches the query, written for whichever engine compiles it: on SQLite the record's id among
    the FTS5 MATCH hits, on PostgreSQL conditions on the record's own text that the grams index answers.

    The statement is built before anyone knows the engine (controllers build filters without a connection),
    so the choice is made at compile time.
    """

    type = Boolean()
    inherit_cache = False  # holds plain Python state; never cache a compiled form across queries

    def self_group(self, against: Any = None) -> ColumnElement[bool]:
        # A whole predicate already (SQLite: `id IN (...)`, PostgreSQL: parenthesised). Without this SQLAlchemy writes
        # a Boolean element as `(...) = 1` on SQLite, which hides the IN from the planner: every row of the sort's
        # index was tested against the hits even for a term with none (30 ms at 200,000 complaints).
        return self

    def __init__(self, index: str, query: str, match: str, *, drives: bool = True) -> None:
        self.index = index
        self.query = query
        self.fts_match = match
        self.drives = drives


@compiles(_SearchMatch)
def _compile_match(element: _SearchMatch, compiler: SQLCompiler, **kw: Any) -> str:
    if compiler.dialect.name == "postgresql":
        return _pg_condition(element.index, element.query, compiler, drives=element.drives, **kw)
    base, _expr = INDEXES[element.index]
    ids = table(base, column("id")).c.id
    condition = compiler.process(ids.in_(_sqlite_select(element.index, element.fts_match).scalar_subquery()), **kw)
    # A unary + keeps SQLite from driving the loop by the hits (seek each, sort all): it walks the order's index.
    return condition if element.drives else "+" + condition


def matches(index: str, query: str, *, drives: bool = True) -> ColumnElement[bool] | None:
    """A condition "this record (of the index's base table) matches the query", for `.where(...)`; None for an
    empty query. The query must select from the base table itself, not an alias of it. `drives=False` (see
    walk_sort_index): the hits only filter the rows an ordered index walk passes."""
    expr = match_expression(query)
    if expr is None:
        return None
    return _SearchMatch(index, query, expr, drives=drives)


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
