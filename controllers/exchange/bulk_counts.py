"""The kept month counts (models.case_months, models.complaint_months) during a large import on SQLite.

Their triggers add to a count row for every case and complaint written: a fifth of the insert work of a full
package of a 100,000-case station (issue 23: complaints 15.2 s → 7.7 s, cases 7.7 s → 4.1 s without them, load 2).
For a package that large the triggers are set aside and the counts rebuilt from the tables afterwards, in the same
transaction: what the consistency check itself counts, so exact by construction, and a refused import rolls the
setting aside back with everything else. Other connections never see the tables without their triggers (SQLite
writes one transaction at a time, and the schema change is committed only with the triggers back). On PostgreSQL
the triggers stay: the server's readers would wait on the schema lock for the length of the import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

from models import case_months, complaint_months

# Cases and complaints in a package from which recounting the whole tables costs less than the triggers' work.
BULK_RECOUNT_ROWS = 20_000
_KEPT = (case_months, complaint_months)


def recounts(counts: Mapping[str, Any]) -> bool:
    """Whether a package with these row counts (its manifest's) is large enough to recount after."""
    rows = [counts.get(t) for t in ("cases", "complaints")]
    return sum(n for n in rows if isinstance(n, int)) >= BULK_RECOUNT_ROWS


@contextmanager
def counts_rebuilt_after(conn: Connection, large: bool) -> Iterator[None]:
    """Without the count triggers for the duration, the counts rebuilt and the triggers back at the end (SQLite,
    a large import); otherwise as it is."""
    if not large or conn.dialect.name != "sqlite":
        yield
        return
    for kept in _KEPT:
        kept.drop_triggers(conn)
    yield  # an exception leaves them dropped in a transaction that is rolled back, the drop with it
    for kept in _KEPT:
        kept.rebuild(conn)
        kept.create_triggers(conn)
