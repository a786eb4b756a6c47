"""Engine and session factory; SQLite gets WAL, foreign keys and a busy timeout, other backends nothing special."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy import types as sqltypes
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
STATION_SCOPE = "station_scope"  # Session.info key (see Database.station_scope)
REUSE_PLANS = "reuse_plans"  # Session.info key (see Database.session)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable under WAL against application crashes; only power loss can drop the last commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class _UncastInteger(sqltypes.Integer):
    """An INTEGER parameter sent to PostgreSQL without SQLAlchemy's ::INTEGER cast.

    psycopg then types each int by its value (smallint, integer, bigint or numeric), so an id beyond 32 bits
    (a typed or pasted number) simply matches no row, as on SQLite, instead of failing "integer out of range";
    PostgreSQL widens a smaller type wherever a bigger one is expected (function arguments, int4 columns), and
    the btree indexes serve the cross-type comparisons. Column types in the schema stay INTEGER.
    """

    render_bind_cast = False


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for a database URL, configuring SQLite connections on connect."""
    # hide_parameters: an error message must never quote a row, which may hold names and phones.
    kwargs.setdefault("hide_parameters", True)
    if not url.startswith("sqlite"):
        # A server connection may have been dropped (server restart, idle timeout): test it before use.
        kwargs.setdefault("pool_pre_ping", True)
    if make_url(url).get_driver_name() == "psycopg":
        # psycopg prepares a statement on the server after 5 runs, and PostgreSQL may then plan it without
        # looking at the values: the repeat-complaint lookup of a 10k-row import went from ~15 s to ~140 s.
        # JIT compilation (on by default since PostgreSQL 12) costs 10-30 ms whenever a plan's estimated cost passes
        # jit_above_cost, which counts and aggregates over 100,000 rows do; the desk's queries are short and each is
        # planned afresh, so compiling never pays back: switched off for the app's own sessions.
        kwargs["connect_args"] = {"prepare_threshold": None, "options": "-c jit=off",
                                  **kwargs.get("connect_args", {})}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    elif engine.dialect.name == "postgresql":
        engine.dialect.colspecs = {**engine.dialect.colspecs, sqltypes.Integer: _UncastInteger}
    return engine


def _reuse_plans_if_asked(session: Session, _transaction: Any, connection: Any) -> None:
    """A session opened with reuse_plans: psycopg prepares each statement it runs on the server.

    A desk's save runs the same twenty-odd short statements every time (a case by id, inserts, the numbering
    lookup). Unprepared, the server parses and plans each one afresh; that was about half of the server's time per
    save. Prepared, the server keeps them for the connection and, after five runs of one statement, settles on its
    generic plan when that is no dearer. Only sessions that ask: a generic plan of a search or an import lookup, whose
    best plan depends on the values, can be far worse (see make_engine).
    """
    if session.info.get(REUSE_PLANS):
        connection.connection.driver_connection.prepare_threshold = 0


def _stop_reusing_plans(dbapi_connection: Any, _record: Any) -> None:
    """A pooled connection goes back to the engine's default (nothing prepared) for whichever session is next."""
    if dbapi_connection is not None:
        dbapi_connection.prepare_threshold = None


def settle_bulk_load(engine: Engine) -> None:
    """After a bulk load into PostgreSQL: VACUUM (ANALYZE), so the planner knows the rows and the new rows are
    marked all-visible. Until autovacuum comes by, every count an index could answer alone reads the table too
    (投诉万人比 of all estates took 300 ms instead of 33 at 200,000 complaints). Nothing to do on SQLite."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM (ANALYZE)")


class Database:
    """An engine plus its session factory: what controllers are given at start-up."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        if engine.dialect.driver == "psycopg":
            event.listen(self._factory, "after_begin", _reuse_plans_if_asked)
            event.listen(engine, "checkin", _stop_reusing_plans)
        # On a shared server: the station this desk works for. Its own settings (the station's area) are kept
        # under keys of that name; sessions carry it in Session.info[STATION_SCOPE]. None: one station only.
        self.station_scope: str | None = None

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(make_engine(url))

    @property
    def is_sqlite(self) -> bool:
        """True for the desk's own SQLite file (backups, integrity checks and file checks apply only there)."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, *, reuse_plans: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error, always close.

        reuse_plans: the session is one of the desk's frequent, short saves, whose statements a server may keep
        prepared (see _reuse_plans_if_asked). Nothing changes on SQLite.
        """
        session = self._factory()
        if reuse_plans:
            session.info[REUSE_PLANS] = True
        if self.station_scope is not None:
            session.info[STATION_SCOPE] = self.station_scope
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
