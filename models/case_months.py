"""case_month_counts: the 工作台's case figures per month and category, kept by database triggers (issue 23).

Two sides of a case are counted, each in its own month:
- found side, in the month of found_date: found (every case), closable (status not 不予立案/移交: the closure
  rate's denominator), closed_of_found (status 结案);
- close side, in the month of closed_on, for a case with status 结案 and a closing day: closed, with_deadline
  (a deadline is set), on_time (closed_on <= deadline).
These are exactly the counts controllers.dashboard.figures takes from the cases over a period's days, so a period's
whole months are read here and only its partial months' days from the cases' indexes.

Why a month and a category, without the estate: at district scale (1,000,000 cases, 1,500 estates, 14 categories)
a (month, estate, category) cell holds two cases and would read no faster than the index; (month, category) holds
~3,000. So the kept counts serve the view covering every estate (a district office's, the bench's); a view narrowed
to some estates reads the cases, as its share of them is what it costs. Past periods rolled back to their end
(controllers.cases.as_of) read the cases too: these counts are the cases as they stand now.

found_date and closed_on are calendar days (DATE), so a month is the day's own month on both engines, unlike the
instants of complaints. Triggers rather than code in each write path, for the reasons of models.complaint_months:
exchange packages, migrate-to (its target is created by the migrations; this table has no UUID, so it is neither
copied nor carried in a package) and any Core statement write cases without the ORM. A restored database has its
counts rebuilt; `rebuild` is also the consistency check's repair.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, Date, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from models import kept_counts
from models.base import Base

TABLE = "case_month_counts"
KEY = ("month", "category_id")
FOUND_SIDE = ("found", "closable", "closed_of_found")
CLOSE_SIDE = ("closed", "with_deadline", "on_time")
COUNTS = (*FOUND_SIDE, *CLOSE_SIDE)
NOT_OURS_TO_CLOSE = ("不予立案", "移交")  # not in the closure rate's denominator (controllers.cases.stats)
CLOSED = "结案"


class CaseMonthCount(Base):
    """Cases of one category found in a month and closed in it (see the module docstring for the two sides)."""

    __tablename__ = TABLE

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the month's first day
    category_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    found: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    closable: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    closed_of_found: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    closed: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    with_deadline: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    on_time: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


def month_of(dialect: str, column: str) -> str:
    """SQL for the first day of a DATE column's month (on PostgreSQL through a timestamp without time zone: a bare
    date would be taken as a timestamptz in the session's zone)."""
    if dialect == "postgresql":
        return f"CAST(date_trunc('month', CAST({column} AS timestamp)) AS date)"
    return f"date({column}, 'start of month')"


_NOT_OURS = ", ".join(f"'{s}'" for s in NOT_OURS_TO_CLOSE)


def _conditions(row: str) -> dict[str, str]:
    """When a case `row` (a trigger's NEW/OLD, or a table) counts in each count of its side."""
    return {"closable": f"{row}.status NOT IN ({_NOT_OURS})", "closed_of_found": f"{row}.status = '{CLOSED}'",
            "with_deadline": f"{row}.deadline IS NOT NULL", "on_time": f"{row}.closed_on <= {row}.deadline"}


def _is_closing(row: str) -> str:
    return f"{row}.status = '{CLOSED}' AND {row}.closed_on IS NOT NULL"


def _side(dialect: str, row: str, sign: str, side: tuple[str, ...]) -> str:
    """month, category and every count of one case `row` on one side (its first count is 1: the case itself), the
    other side's counts 0; each times `sign`."""
    when = _conditions(row)
    day = f"{row}.found_date" if side == FOUND_SIDE else f"{row}.closed_on"
    counts = [("0" if c not in side else sign if c == side[0] else f"(CASE WHEN {when[c]} THEN {sign} ELSE 0 END)")
              for c in COUNTS]
    return ", ".join((month_of(dialect, day), f"{row}.category_id", *counts))


def _add(dialect: str, row: str, sign: str) -> list[str]:
    """The UPSERTs adding (sign 1) or taking away (-1) one case `row` (NEW or OLD): its found side always, its close
    side when it is closed."""
    return [kept_counts.upsert_sql(TABLE, KEY, COUNTS, f"VALUES ({_side(dialect, row, sign, FOUND_SIDE)})"),
            kept_counts.upsert_sql(TABLE, KEY, COUNTS, f"SELECT {_side(dialect, row, sign, CLOSE_SIDE)} "
                                                       f"WHERE {_is_closing(row)}")]


def _pg_function() -> str:
    old = ";\n        ".join(_add("postgresql", "OLD", "-1"))
    new = ";\n        ".join(_add("postgresql", "NEW", "1"))
    return f"""
CREATE OR REPLACE FUNCTION ledger_case_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {old};
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        {new};
    END IF;
    RETURN NULL;
END $$
"""


KEY_COLUMNS = "found_date, category_id, status, closed_on, deadline"
_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in KEY_COLUMNS.split(", "))


def _sqlite_triggers() -> dict[str, str]:
    def body(*parts: list[str]) -> str:
        return " ".join(f"{statement};" for part in parts for statement in part)

    old, new = _add("sqlite", "OLD", "-1"), _add("sqlite", "NEW", "1")
    return {
        "case_months_insert": f"AFTER INSERT ON cases BEGIN {body(new)} END",
        "case_months_delete": f"AFTER DELETE ON cases BEGIN {body(old)} END",
        "case_months_update": f"AFTER UPDATE OF {KEY_COLUMNS} ON cases WHEN {_CHANGED} BEGIN {body(old, new)} END",
    }


def create_triggers(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(_pg_function()))
        conn.execute(text(f"CREATE TRIGGER case_months AFTER INSERT OR DELETE OR UPDATE OF {KEY_COLUMNS} "
                          "ON cases FOR EACH ROW EXECUTE FUNCTION ledger_case_months()"))
        return
    for name, trigger in _sqlite_triggers().items():
        conn.execute(text(f"CREATE TRIGGER {name} {trigger}"))


def drop_triggers(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP TRIGGER IF EXISTS case_months ON cases"))
        conn.execute(text("DROP FUNCTION IF EXISTS ledger_case_months()"))
        return
    for name in _sqlite_triggers():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def counted_sql(dialect: str) -> str:
    """The counts as the cases themselves give them: (month, category_id, *COUNTS) rows, one per key."""
    when = _conditions("cases")

    def counts(side: tuple[str, ...]) -> str:
        return ", ".join(("0" if c not in side else "count(*)" if c == side[0] else
                          f"count(CASE WHEN {when[c]} THEN 1 END)") + f" AS {c}" for c in COUNTS)

    found = (f"SELECT {month_of(dialect, 'cases.found_date')} AS month, category_id, {counts(FOUND_SIDE)} "
             "FROM cases GROUP BY 1, 2")
    closing = (f"SELECT {month_of(dialect, 'cases.closed_on')}, category_id, {counts(CLOSE_SIDE)} FROM cases "
               f"WHERE {_is_closing('cases')} GROUP BY 1, 2")
    sums = ", ".join(f"sum({c}) AS {c}" for c in COUNTS)
    return f"SELECT month, category_id, {sums} FROM ({found} UNION ALL {closing}) AS sides GROUP BY month, category_id"


def rebuild(conn: Connection) -> None:
    """Recount the table from the cases (inside the caller's transaction: never half rebuilt)."""
    kept_counts.rebuild(conn, TABLE, (*KEY, *COUNTS), counted_sql(conn.dialect.name))


def drift(conn: Connection) -> list[tuple[object, ...]]:
    """The (month, category) keys whose kept counts differ from the cases' own (empty when right)."""
    return kept_counts.drift(conn, TABLE, KEY, COUNTS, counted_sql(conn.dialect.name))
