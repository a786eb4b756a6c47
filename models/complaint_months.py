"""complaint_month_counts: complaints per local (Asia/Shanghai) month and estate, kept by database triggers.

Why a month and an estate, not a day, estate and category: at district scale (1,500 estates, 14 categories, 2,000,000
complaints over two years) a (day, estate, category) cell holds one complaint on average, so such a table is as long
as the complaints' own index and reads no faster; (month, estate) holds ~55 complaints per row. The dashboard's
spans, its monthly chart and 投诉万人比 read whole months here and only the partial months at a period's edges
from the complaints' index (controllers.complaints.month_counts).

Triggers rather than code in each write path: the 12345 import, exchange packages, migrate-to (whose target is
created by the migrations, so its copy of the complaints fills the counts as it goes; this table has no UUID and is
never copied itself) and any Core statement all write complaints without the ORM. `estate_id` 0 stands for "no
estate" (ids start at 1), so the key has no NULL and an UPSERT finds its row on both engines.

The month of a stamp: on SQLite the stored text's first 19 characters (the fraction dropped: SQLite rounds
'15:59:59.9999995' up to the next second, and so a stamp in the last half-millisecond of a month into the next
month), moved by +8 hours; the range queries compare the same text with the month's first instant, so both agree.
A restored database has its counts rebuilt (a backup file can be crafted; its rows are not trusted), and `rebuild`
is the consistency check's repair.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, Date, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from models import kept_counts
from models.base import Base

TABLE = "complaint_month_counts"
NO_ESTATE = 0
KEY = ("month", "estate_id")
COUNTS = ("complaints", "repeats")


class ComplaintMonthCount(Base):
    """Complaints received in one local month attributed to one estate (0: none), and how many of them repeat one."""

    __tablename__ = TABLE

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the month's first day
    estate_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    complaints: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    repeats: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


def month_of(dialect: str, column: str) -> str:
    """SQL for the local month's first day of a received_at column (see the module docstring for the 19)."""
    if dialect == "postgresql":
        return f"CAST(date_trunc('month', {column} + interval '8 hours') AS date)"
    return f"date(substr({column}, 1, 19), '+8 hours', 'start of month')"


def _add(dialect: str, row: str, sign: str) -> str:
    """An UPSERT adding (sign 1) or taking away (-1) one complaint `row` (NEW or OLD) to its month and estate."""
    repeat = f"(CASE WHEN {row}.repeat_of_id IS NULL THEN 0 ELSE {sign} END)"
    return kept_counts.upsert_sql(TABLE, KEY, COUNTS, f"VALUES ({month_of(dialect, f'{row}.received_at')}, "
                                  f"coalesce({row}.estate_id, {NO_ESTATE}), {sign}, {repeat})")


_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ledger_complaint_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_add('postgresql', 'OLD', '-1')};
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        {_add('postgresql', 'NEW', '1')};
    END IF;
    RETURN NULL;
END $$
"""
KEY_COLUMNS = "received_at, estate_id, repeat_of_id"
_CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in KEY_COLUMNS.split(", "))
_SQLITE_TRIGGERS = {
    "complaint_months_insert": f"AFTER INSERT ON complaints BEGIN {_add('sqlite', 'NEW', '1')}; END",
    "complaint_months_delete": f"AFTER DELETE ON complaints BEGIN {_add('sqlite', 'OLD', '-1')}; END",
    "complaint_months_update": (f"AFTER UPDATE OF {KEY_COLUMNS} ON complaints WHEN {_CHANGED} BEGIN "
                                f"{_add('sqlite', 'OLD', '-1')}; {_add('sqlite', 'NEW', '1')}; END"),
}


def create_triggers(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(_PG_FUNCTION))
        conn.execute(text(f"CREATE TRIGGER complaint_months AFTER INSERT OR DELETE OR UPDATE OF {KEY_COLUMNS} "
                          "ON complaints FOR EACH ROW EXECUTE FUNCTION ledger_complaint_months()"))
        return
    for name, body in _SQLITE_TRIGGERS.items():
        conn.execute(text(f"CREATE TRIGGER {name} {body}"))


def drop_triggers(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP TRIGGER IF EXISTS complaint_months ON complaints"))
        conn.execute(text("DROP FUNCTION IF EXISTS ledger_complaint_months()"))
        return
    for name in _SQLITE_TRIGGERS:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def counted_sql(dialect: str) -> str:
    """The counts as the complaints themselves give them: (month, estate_id, complaints, repeats) rows."""
    return (f"SELECT {month_of(dialect, 'received_at')} AS month, coalesce(estate_id, {NO_ESTATE}) AS estate_id, "
            f"count(*) AS complaints, count(repeat_of_id) AS repeats FROM complaints GROUP BY 1, 2")


def rebuild(conn: Connection) -> None:
    """Recount the table from the complaints (inside the caller's transaction: never half rebuilt)."""
    kept_counts.rebuild(conn, TABLE, (*KEY, *COUNTS), counted_sql(conn.dialect.name))


def drift(conn: Connection) -> list[tuple[object, ...]]:
    """The (month, estate) keys whose kept counts differ from the complaints' own (empty when right); rows left
    at zero by deletions count as absent."""
    return kept_counts.drift(conn, TABLE, KEY, COUNTS, counted_sql(conn.dialect.name))
