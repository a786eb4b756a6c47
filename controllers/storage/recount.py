"""The consistency check of the counts the database keeps ahead of time (models.complaint_months, models.case_months,
and on PostgreSQL the search's counts per gram, models.search): compare them with the records and rebuild them, in one
transaction.

Triggers keep them right after every write, so a difference means a database changed outside the program (an edited
file, triggers dropped by hand); a restore recounts on its own. `data recount` on the command line runs this.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from controllers.core.context import AppContext
from controllers.core.permissions import requires
from models import case_months, complaint_months, search

# Every table of kept counts, each with its drift (the keys that differ) and its rebuild.
KEPT = (complaint_months, case_months)


@dataclass(frozen=True)
class Recount:
    """How many kept counts differed from the records and were corrected: (month, estate) rows of the complaints',
    (month, category) rows of the cases', and the search's grams (PostgreSQL only)."""

    complaints: int
    cases: int
    search_grams: int = 0

    @property
    def wrong(self) -> int:
        return self.complaints + self.cases + self.search_grams


def rebuild_all(conn: Connection) -> None:
    """Recount every kept table from its records inside the caller's transaction (a restore's copy)."""
    for kept in KEPT:
        kept.rebuild(conn)
    search.rebuild_gram_counts(conn)


@requires("edit_settings")
def recount(ctx: AppContext) -> Recount:
    """Rebuild the kept counts from the records (readers on other desks see the old or the new, never half)."""
    with ctx.db.engine.begin() as conn:
        grams = sum(len(search.gram_count_drift(conn, index)) for index in search.INDEXES)
        wrong = Recount(len(complaint_months.drift(conn)), len(case_months.drift(conn)), grams)
        rebuild_all(conn)
    return wrong
