"""苗头 (early warnings, issue 20 point 5): an estate whose complaints or cases in one category rose clearly, and a
category rising in several estates at once (普遍性难点). The rule is counts and ratios, said in words on every flag:

- The window: the last RECENT_DAYS days up to today. The estate's own baseline: the same category's count in the
  BASELINE_WINDOWS windows of the same length just before it, averaged (its last months), and the same window a year
  earlier (last year).
- An estate is flagged for a category (complaints received, or cases found, counted apart) when the window holds at
  least MIN_COUNT and at least RISE × the larger of the two baselines (a baseline under 1 counts as 1).
- A category is 普遍性难点 when WIDESPREAD_ESTATES or more estates are flagged for it at once.
Only the desk's view (controllers.station.views); complaints without an estate or a category stay out.
Labels name estates and categories, never a person.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, ScalarSelect, func, select, true
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.clock import day_start
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError
from controllers.core.permissions import requires
from controllers.meetings.records import MeetingDetail, create_meeting
from controllers.station.scopes import Scope
from controllers.station.views import scoped_estate_ids
from models.cases import Case
from models.complaints import Complaint
from models.reference import Category, Estate
from models.sqlfuncs import IndexedBy

RECENT_DAYS = 30
BASELINE_WINDOWS = 3  # the three windows before (about the last three months)
MIN_COUNT = 5
RISE = 2.0
WIDESPREAD_ESTATES = 3
SOURCES = ("诉件", "案件")

Key = tuple[int, int]  # (estate id, category id)
# From schema 0017 on: (estate, category, day), so one pair's window is one short range.
PAIR_INDEXES = {"诉件": "ix_complaints_estate_category_received", "案件": "ix_cases_estate_category_found"}


@dataclass(frozen=True)
class EstateWarning:
    """One estate and category whose complaints (or cases) rose clearly; `why` says by how much against what."""

    source: str  # 诉件 | 案件
    estate_id: int
    estate: str
    category_id: int
    category: str
    recent: int
    before: float  # average per window over the windows before
    last_year: int
    start: date  # the window
    end: date
    why: str

    @property
    def key(self) -> str:
        """What names the flag for sending it to a clinic (stable across refreshes)."""
        return f"{self.source}:{self.estate_id}:{self.category_id}"

    @property
    def label(self) -> str:
        return f"{self.estate} · {self.category} · {self.source}上升"


@dataclass(frozen=True)
class Widespread:
    """A category rising in several estates at once: a 普遍性难点 for a case clinic."""

    category_id: int
    category: str
    estates: tuple[str, ...]
    warnings: tuple[EstateWarning, ...]
    why: str

    @property
    def key(self) -> str:
        return f"普遍:{self.category_id}"

    @property
    def label(self) -> str:
        return f"普遍性难点：{self.category}（{len(self.estates)} 个小区）"


@dataclass(frozen=True)
class Warnings:
    start: date
    end: date
    estates: tuple[EstateWarning, ...]
    widespread: tuple[Widespread, ...]


def _window(source: str, estate: ColumnElement[int], category: ColumnElement[int], first: date,
            last: date) -> ScalarSelect[int]:
    """How many complaints received (or cases found) from `first` to `last`, both days included, in one estate and
    category: one short range of the (estate, category, day) index, read from the index alone."""
    if source == "诉件":
        C = IndexedBy.of(Complaint.__table__, PAIR_INDEXES[source])
        where = [C.c.estate_id == estate, C.c.category_id == category,
                 C.c.received_at >= day_start(first), C.c.received_at < day_start(last + timedelta(days=1))]
    else:
        C = IndexedBy.of(Case.__table__, PAIR_INDEXES[source])
        where = [C.c.estate_id == estate, C.c.category_id == category, C.c.found_date >= first,
                 C.c.found_date <= last]
    return select(func.count()).select_from(C).where(*where).scalar_subquery()


def _pair_counts(s: Session, source: str, start: date, today: date,
                 ids: Collection[int] | None) -> list[tuple[int, int, int, int, int]]:
    """(estate, category, in the window, in the windows before, in the same window last year) of the pairs that
    can be flagged, in (estate, category) order: every pair the rule flags is among them (the caller applies it).

    Counted per pair, not grouped: a GROUP BY over the window sorts every row of it (83,000 complaints of the last
    30 days at 2,000,000, and 247,000 for the 90 days before), while each of the estate × category pairs (21,000 at
    district scale) seeks one short range of the pair index. Each later count is read only for the pairs still in
    the running, which is what made the old form slow: it read the baselines' whole date ranges for every estate
    with a pair at MIN_COUNT. Complaints without an estate or a category belong to no pair."""
    before_start = start - timedelta(days=RECENT_DAYS * BASELINE_WINDOWS)
    E, K = Estate.__table__, Category.__table__
    # In (estate, category) order, the order of the pair index: consecutive seeks land on the pages just read.
    pairs = (select(E.c.id.label("estate"), K.c.id.label("category"),
                    _window(source, E.c.id, K.c.id, start, today).label("recent"))
             .select_from(E).join(K, true()).order_by(E.c.id, K.c.id))
    if ids is not None:
        pairs = pairs.where(E.c.id.in_(ids))
    # MATERIALIZED: each count once, not once for the condition and again for the column (both engines know it).
    p = pairs.cte("pairs").prefix_with("MATERIALIZED")
    # A pair under MIN_COUNT in the window is never flagged; nor is one whose windows before average more than
    # recent / RISE (recent >= RISE * before / BASELINE_WINDOWS is part of the rule), so last year is counted for
    # the pairs that pass both (about a tenth of them at district scale).
    rising = (select(p.c.estate, p.c.category, p.c.recent,
                     _window(source, p.c.estate, p.c.category, before_start, start - timedelta(days=1)).label("before"))
              .where(p.c.recent >= MIN_COUNT).cte("rising").prefix_with("MATERIALIZED"))
    stmt = (select(rising.c.estate, rising.c.category, rising.c.recent, rising.c.before,
                   _window(source, rising.c.estate, rising.c.category, _year_before(start), _year_before(today)))
            .where(rising.c.before * RISE <= rising.c.recent * BASELINE_WINDOWS))
    # Core rows: a district's window holds thousands of pairs, and ORM rows cost more than the query.
    rows = [(int(e), int(c), int(n), int(b), int(y)) for e, c, n, b, y in s.connection().execute(stmt)]
    return sorted(rows)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def find_warnings(s: Session, *, today: date, ids: Collection[int] | None,
                  sources: Sequence[str] = SOURCES) -> Warnings:
    """Every flag of the desk's view as of `today` (a session given: for the bench, the CLI and the page); `sources`
    narrows it to complaints or cases (the 工作台 counts the two on two threads and `combine`s them)."""
    start = today - timedelta(days=RECENT_DAYS - 1)
    names = dict(s.execute(select(Estate.id, Estate.name)).all())
    categories = dict(s.execute(select(Category.id, Category.name)).all())
    found: list[EstateWarning] = []
    for source in (one for one in SOURCES if one in sources):
        for estate_id, category_id, n, before, ly in _pair_counts(s, source, start, today, ids):
            avg = before / BASELINE_WINDOWS
            base = max(avg, float(ly), 1.0)
            if n >= MIN_COUNT and n >= RISE * base:
                estate, category = names.get(estate_id, ""), categories.get(category_id, "")
                why = (f"近 {RECENT_DAYS} 天{source} {n} 件；此前 {BASELINE_WINDOWS * RECENT_DAYS} 天平均每 "
                       f"{RECENT_DAYS} 天 {avg:.1f} 件，去年同期 {ly} 件；为两者较高者的 {n / base:.1f} 倍"
                       f"（预警线：至少 {MIN_COUNT} 件且达 {RISE:g} 倍）")
                found.append(EstateWarning(source, estate_id, estate, category_id, category, n, round(avg, 1), ly,
                                           start, today, why))
    return _ordered(found, start, today)


def combine(parts: Sequence[Warnings]) -> Warnings:
    """The flags of parts found apart (one source each, same day) as find_warnings finds them together."""
    return _ordered([w for part in parts for w in part.estates], parts[0].start, parts[0].end)


def _ordered(found: list[EstateWarning], start: date, today: date) -> Warnings:
    """The flags most risen first, and the categories rising in several estates at once."""
    found.sort(key=lambda w: (-(w.recent / max(w.before, w.last_year, 1.0)), w.estate, w.category, w.source))
    by_category: dict[int, list[EstateWarning]] = {}
    for w in found:
        by_category.setdefault(w.category_id, []).append(w)
    widespread = []
    for cat, flags in by_category.items():
        estates = tuple(sorted({w.estate for w in flags}))
        if len(estates) >= WIDESPREAD_ESTATES:
            widespread.append(Widespread(cat, flags[0].category, estates, tuple(flags),
                                         f"{len(estates)} 个小区同时上升：{'、'.join(estates)}（普遍性难点，"
                                         f"至少 {WIDESPREAD_ESTATES} 个小区即提示）"))
    widespread.sort(key=lambda w: (-len(w.estates), w.category))
    return Warnings(start, today, tuple(found), tuple(widespread))


@requires("view")
def early_warnings(ctx: AppContext, *, scope: Scope | None = None, today: date | None = None,
                   sources: Sequence[str] = SOURCES) -> Warnings:
    """The flags of the desk's view (narrowed to a scope when given) as of today."""
    with ctx.db.session() as s:
        return find_warnings(s, today=today or clock.today(), ids=scoped_estate_ids(ctx, s, scope), sources=sources)


CLINIC = "研讨会诊"
CLINIC_ITEMS_MAX = 50  # the most recent complaints and cases a clinic is given for one flag


def _items(s: Session, flags: tuple[EstateWarning, ...]) -> tuple[list[int], list[str]]:
    """The complaints and case numbers behind the flags (their window, estate and category), newest first."""
    complaint_ids: list[int] = []
    case_numbers: list[str] = []
    for w in flags:
        if w.source == "诉件":
            complaint_ids += s.scalars(
                select(Complaint.id).where(Complaint.estate_id == w.estate_id, Complaint.category_id == w.category_id,
                                           Complaint.received_at >= day_start(w.start),
                                           Complaint.received_at < day_start(w.end + timedelta(days=1)))
                .order_by(Complaint.received_at.desc()).limit(CLINIC_ITEMS_MAX))
        else:
            case_numbers += s.scalars(
                select(Case.number).where(Case.estate_id == w.estate_id, Case.category_id == w.category_id,
                                          Case.found_date >= w.start, Case.found_date <= w.end)
                .order_by(Case.found_date.desc()).limit(CLINIC_ITEMS_MAX))
    return complaint_ids[:CLINIC_ITEMS_MAX], case_numbers[:CLINIC_ITEMS_MAX]


@requires("edit_meetings")
def send_to_clinic(ctx: AppContext, key: str, *, today: date | None = None) -> MeetingDetail:
    """A new 研讨会诊 meeting today on one flag (an estate's, or a 普遍性难点's), with the complaints and cases behind
    it, as a repeat group is sent (controllers.meetings); NotFoundError when the flag is gone meanwhile."""
    on = today or clock.today()
    found = early_warnings(ctx, today=on)
    flags: tuple[EstateWarning, ...]
    spread = next((w for w in found.widespread if w.key == key), None)
    if spread is not None:
        flags, title = spread.warnings, f"普遍性难点研讨会诊：{spread.category}（{len(spread.estates)} 个小区）"
    else:
        one = next((w for w in found.estates if w.key == key), None)
        if one is None:
            raise NotFoundError("该苗头预警已不存在（数据已变化），请刷新列表。")
        flags, title = (one,), f"苗头研讨会诊：{one.estate}{one.category}{one.source}上升"
    with ctx.db.session() as s:
        complaint_ids, case_numbers = _items(s, flags)
    return create_meeting(ctx, kind=CLINIC, held_on=on, title=title[:100], complaint_ids=complaint_ids,
                          case_numbers=case_numbers, decisions=None, today=on)
