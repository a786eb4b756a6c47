"""The kept month counts (models.case_months, models.complaint_months) and the tombstones during a large import on
SQLite: what per-row triggers keep is rebuilt set-based once the rows are in.

Their triggers add to a count row for every case and complaint written: a fifth of the insert work of a full
package of a 100,000-case station (issue 23: complaints 15.2 s → 7.7 s, cases 7.7 s → 4.1 s without them, load 2).
For a package that large the triggers are set aside and the counts rebuilt from the tables afterwards, in the same
transaction: what the consistency check itself counts, so exact by construction, and a refused import rolls the
setting aside back with everything else. Other connections never see the tables without their triggers (SQLite
writes one transaction at a time, and the schema change is committed only with the triggers back). On PostgreSQL
the triggers stay: the server's readers would wait on the schema lock for the length of the import.

The untombstone triggers (models.tombstone_triggers: an inserted record takes its tombstone back) go the same way:
each ran a DELETE for every inserted row; at the end one DELETE per table removes every tombstone of a record that
exists, which is exactly what they would have left.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import Connection

from models import case_months, complaint_months
from models.tombstone_triggers import UntombstoneSetAside

# Cases and complaints in a package from which recounting the whole tables costs less than the triggers' work.
BULK_RECOUNT_ROWS = 20_000


class KeptByTriggers(Protocol):
    """What per-row triggers keep, and can be rebuilt from the tables (a module of kept counts, the tombstones)."""

    def drop_triggers(self, conn: Connection) -> None: ...

    def rebuild(self, conn: Connection) -> None: ...

    def create_triggers(self, conn: Connection) -> None: ...


def recounts(counts: Mapping[str, Any]) -> bool:
    """Whether a package with these row counts (its manifest's) is large enough to recount after."""
    rows = [counts.get(t) for t in ("cases", "complaints")]
    return sum(n for n in rows if isinstance(n, int)) >= BULK_RECOUNT_ROWS


@contextmanager
def triggers_set_aside(conn: Connection, large: bool) -> Iterator[None]:
    """Without the count and untombstone triggers for the duration, what they keep rebuilt and the triggers back at
    the end (SQLite, a large import); otherwise as it is."""
    if not large or conn.dialect.name != "sqlite":
        yield
        return
    kept_here: tuple[KeptByTriggers, ...] = (case_months, complaint_months, UntombstoneSetAside())
    for kept in kept_here:
        kept.drop_triggers(conn)
    yield  # an exception leaves them dropped in a transaction that is rolled back, the drop with it
    for kept in kept_here:
        kept.rebuild(conn)
        kept.create_triggers(conn)
