"""The consistency check of the counts the database keeps ahead of time (models.complaint_months): compare them with
the records and rebuild them, in one transaction.

Triggers keep them right after every write, so a difference means a database changed outside the program (an edited
file, triggers dropped by hand); a restore recounts on its own. `data recount` on the command line runs this.
"""

from __future__ import annotations

from dataclasses import dataclass

from controllers.core.context import AppContext
from controllers.core.permissions import requires
from models import complaint_months


@dataclass(frozen=True)
class Recount:
    """How many kept (month, estate) counts differed from the complaints and were corrected."""

    wrong: int


@requires("edit_settings")
def recount(ctx: AppContext) -> Recount:
    """Rebuild the kept counts from the records (readers on other desks see the old or the new, never half)."""
    with ctx.db.engine.begin() as conn:
        wrong = len(complaint_months.drift(conn))
        complaint_months.rebuild(conn)
    return Recount(wrong)
