"""A case as it stood at the end of a day D (Asia/Shanghai): its state, rectification deadline, closing day and hold,
rolled back from its timeline (case_events), for every figure of a period that is over (issue 22).

Rules (one place, used by the case statistics, the work brief, the dashboard's past years and the 年度考核):
- The day a period's figures stand at (`standing_day`): its last day when that is before today, else today (a
  running period is "as of now"). On today the current rows are the answer and nothing is rolled back.
- "At D" = every event stamped before the next local midnight (case_events.at is naive UTC).
- A case found after D did not exist then: it is left out of everything. One found by D but entered later (a
  backlog typed in afterwards) counts as the state it was entered in, before its first move after D.
- A case whose row was last saved before the end of D (updated_at) stood then as now; only the others are rolled
  back (every save of a case, a move or an edit, bumps updated_at).
- Status then = the from_status of its first status move (状态变更 / 重新打开) after D, else its status now.
- Deadline then = the before-value of its first deadline change after D (a 修改 event's or a 责令整改 move's
  changes {"deadline": [before, after]}), else its deadline now. Events written before the 责令整改 move recorded
  its change (no changes JSON) cannot be rolled back and are passed over.
- Closed on then = closed_on now when no status moved after D; for a case closed then and re-opened since, the
  local day of its last 结案 event before the end of D; otherwise none.
- On hold then = status then 挂账; its reason and review date: the current ones when the hold is the same, else
  those written on the 挂账 event (`holds_then`, for the few rows a list prints).
The changed cases are rolled back once per session and day into a temporary table (window functions over their
events after D, one statement); `cases_at(s, day)` is then an entity that stands in for Case in any select of that
session, so each figure stays one query.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    case,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.schema import CreateTable

from controllers.core.clock import day_start
from controllers.core.periods import Period
from models.cases import Case, CaseEvent
from models.sqlfuncs import json_date, local_date

# The fields a period's figures read that change over a case's life; everything else (estate, category, found
# date, officer, recurrence) is read as it is now.
ROLLED_BACK = ("status", "deadline", "closed_on", "hold_reason", "hold_review_date")
# What the period figures and lists read of a case: only these pass through the union (a case's long texts would
# be copied row by row for nothing).
READ = frozenset({"id", "number", "street_id", "category_id", "estate_id", "place", "source", "found_date",
                  "party_name", "officer_id", "recurrence_of_id", "created_at", "updated_at", *ROLLED_BACK})
DEADLINE_CHANGE = '%"deadline":%'  # a changes JSON naming the deadline (a value in it has its quotes escaped)
# The hold's date is 复核日期 (复查 is a state of the workflow); notes written before said 复查日期, and still parse.
_REVIEW = re.compile(r"复[核查]日期(?:定为)?\s*(\d{4}-\d{2}-\d{2})")
_REASON = re.compile(r"(?:原因|挂账)：(.*?)(?:；复[核查]日期.*)?$", re.S)


def standing_day(period: Period, today: date) -> date:
    """The day a period's figures stand at: its last day once it is over, today while it runs."""
    return min(period.end, today)


def rolled_back_day(period: Period, today: date) -> date | None:
    """The day to roll cases back to for this period, or None when the current rows are the answer."""
    day = standing_day(period, today)
    return day if day < today else None


def _first_after(hi: Any, changed: Any, *conditions: Any, value: Any, name: str) -> Any:
    """Per changed case, `value` of its first event after `hi` among those matching `conditions` (one window pass
    over the events of those cases only)."""
    ranked = (select(CaseEvent.case_id, value.label(name),
                     func.row_number().over(partition_by=CaseEvent.case_id,
                                            order_by=(CaseEvent.at, CaseEvent.id)).label("n"))
              .where(CaseEvent.case_id.in_(changed), CaseEvent.at >= hi, *conditions).subquery())
    return select(ranked.c.case_id, ranked.c[name]).where(ranked.c.n == 1).subquery()


def _stood_table(day: date) -> Table:
    # A temporary table per day and session: on PostgreSQL it goes with the transaction, on SQLite with the
    # connection, and it is rebuilt on every call, so it never outlives the data it was read from.
    return Table(f"case_then_{day:%Y%m%d}", MetaData(), Column("id", Integer, primary_key=True),
                 Column("status", String(10)), Column("deadline", Date), Column("closed_on", Date),
                 Column("hold_reason", Text), Column("hold_review_date", Date),
                 prefixes=["TEMPORARY"], postgresql_on_commit="DROP")


def _fill(s: Session, day: date) -> Table:
    """Write the cases that changed after `day` into a temporary table with their fields as they stood then.

    A case whose row was last written before the end of the day (updated_at: every save of a case bumps it) stood
    then as it stands now, so only the rest are rolled back: a few thousand at most, read through their timelines
    by the case_id index, once per statement that needs them, not once per figure."""
    hi = day_start(day + timedelta(days=1))
    table = _stood_table(day)
    s.execute(text(f"DROP TABLE IF EXISTS {table.name}"))
    s.execute(CreateTable(table))
    changed = select(Case.id).where(Case.found_date <= day, Case.updated_at >= hi).scalar_subquery()
    moved = _first_after(hi, changed, CaseEvent.from_status.is_not(None), value=CaseEvent.from_status,
                         name="status_then")
    redated = _first_after(hi, changed, CaseEvent.changes.like(DEADLINE_CHANGE),
                           value=json_date(CaseEvent.changes, literal("deadline", literal_execute=True),
                                           literal(0, literal_execute=True)), name="deadline_then")
    last_closing = (select(func.max(CaseEvent.at)).where(CaseEvent.case_id == Case.id, CaseEvent.to_status == "结案",
                                                         CaseEvent.at < hi).scalar_subquery())
    unmoved = moved.c.case_id.is_(None)
    held = and_(unmoved, Case.status == "挂账")  # the same hold since D: its words are the current ones
    rows = (select(Case.id, case((unmoved, Case.status), else_=moved.c.status_then),
                   case((redated.c.case_id.is_(None), Case.deadline), else_=redated.c.deadline_then),
                   case((unmoved, Case.closed_on), (moved.c.status_then == "结案", local_date(last_closing)),
                        else_=None),
                   case((held, Case.hold_reason), else_=None), case((held, Case.hold_review_date), else_=None))
            .select_from(Case).outerjoin(moved, moved.c.case_id == Case.id)
            .outerjoin(redated, redated.c.case_id == Case.id)
            .where(Case.id.in_(changed)))
    s.execute(table.insert().from_select([c.key for c in table.columns], rows))
    return table


def cases_at(s: Session, day: date | None) -> Any:
    """An entity standing in for Case in the selects of this session: the cases recorded by the end of `day` with
    the fields of ROLLED_BACK as they were then. None = Case itself (the current rows)."""
    if day is None:
        return Case
    memo = s.info.setdefault("cases_at", {})  # one roll-back per session and day, shared by all its figures
    if day not in memo:
        memo[day] = _entity(_fill(s, day), day)
    return memo[day]


def _entity(then: Table, day: date) -> Any:
    """The unchanged cases as they are UNION ALL the changed ones with their values then: each arm keeps its own
    indexes (the database pushes a figure's conditions into both arms), so a count by status and deadline still
    reads a range of the status index instead of every case."""
    taken = {c.key: c for c in then.columns if c.key != "id"}  # a hold no longer current is null: see holds_then
    columns = [c for c in Case.__table__.columns if c.key in READ]
    unchanged = select(*columns).where(Case.found_date <= day, Case.id.not_in(select(then.c.id)))
    changed = (select(*[taken[c.key].label(c.key) if c.key in taken else c for c in columns])
               .select_from(Case).join(then, then.c.id == Case.id).where(Case.found_date <= day))
    return aliased(Case, union_all(unchanged, changed).subquery("case_at"), adapt_on_names=True)


def holds_then(s: Session, case_ids: Collection[int], day: date | None) -> dict[int, tuple[str | None, date | None]]:
    """Case id -> (hold reason, review date) of the hold each was under at the end of `day`, read from its 挂账
    event (the case's own fields keep only the current hold). For the rows a list prints, not for counting."""
    if day is None or not case_ids:
        return {}
    hi = day_start(day + timedelta(days=1))
    out: dict[int, tuple[str | None, date | None]] = {}
    for case_id, note, changes in s.execute(
            select(CaseEvent.case_id, CaseEvent.note, CaseEvent.changes)
            .where(CaseEvent.case_id.in_(list(case_ids)), CaseEvent.to_status == "挂账", CaseEvent.at < hi)
            .order_by(CaseEvent.at, CaseEvent.id)):
        out[int(case_id)] = _hold_words(note, changes)  # the latest before the end of D wins
    return out


def _hold_words(note: str | None, changes: str | None) -> tuple[str | None, date | None]:
    """The reason and review date a 挂账 event recorded: its changes when it has them, else its note (the
    workflow writes "原因：…；复核日期定为 YYYY-MM-DD", older notes "…复查日期 YYYY-MM-DD" or "挂账：…")."""
    try:
        recorded = json.loads(changes) if changes else {}
    except ValueError:
        recorded = {}
    reason = review = None
    if isinstance(recorded, dict):
        reason = _after(recorded.get("hold_reason"))
        review = _after(recorded.get("hold_review_date"))
    text = note or ""
    if reason is None:
        found = _REASON.search(text)
        reason = found.group(1).strip() if found else (text.strip() or None)
    if review is None:
        dated = _REVIEW.search(text)
        review = dated.group(1) if dated else None
    try:
        review_day = date.fromisoformat(review) if review else None
    except ValueError:
        review_day = None
    return reason, review_day


def _after(pair: Any) -> str | None:
    return str(pair[1]) if isinstance(pair, list) and len(pair) == 2 and pair[1] is not None else None

