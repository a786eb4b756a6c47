"""Repeat complaints (重复投诉): link complaints that share a phone or address and a category within a window.

Rule (issue 4): complaint B repeats an earlier complaint A when both have the same category and the same
normalised phone OR the same normalised address, and B was received at most `window` days after A
(days counted between local calendar dates, so day 30 is in and day 31 is out with the default 30).
Repeats chain: A, B 25 days later, C 25 days after B form one group. A group points at its earliest
complaint: every other member's repeat_of_id is the first complaint's id, the first has none.
Nothing is ever dropped or merged: each complaint stays a row of its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from controllers.core.clock import to_local
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.normalize import normalize_phone
from controllers.core.permissions import requires
from controllers.core.privacy import may_unmask, text_masker
from models.admin import Setting
from models.complaints import Complaint

WINDOW_KEY = "repeat_window_days"
DEFAULT_WINDOW_DAYS = 30
WINDOW_MIN = 1
WINDOW_MAX = 365
# Instants are stored naive UTC; days are counted on Shanghai calendar dates (clock.to_local).
# Values per IN (...) list: well under SQLite's bound-parameter limit.
CHUNK = 500


@dataclass(frozen=True)
class _Row:
    id: int
    received_at: datetime
    category_id: int | None
    phone: str | None
    address: str | None  # the normalised key (Complaint.address_key), not the address as typed
    repeat_of_id: int | None

    @property
    def day(self) -> date:
        return to_local(self.received_at).date()

    def match_keys(self) -> list[tuple[str, int, str]]:
        if self.category_id is None:
            return []
        out = []
        if self.phone:
            out.append(("p", self.category_id, self.phone))
        if self.address:
            out.append(("a", self.category_id, self.address))
        return out


def validate_window(days: int | str) -> int:
    """The window in whole days, or ValidationError saying the allowed range."""
    try:
        value = int(str(days).strip())
    except ValueError:
        raise ValidationError("重复投诉判定天数必须是整数。", field=WINDOW_KEY) from None
    if not WINDOW_MIN <= value <= WINDOW_MAX:
        raise ValidationError(f"重复投诉判定天数应在 {WINDOW_MIN} 到 {WINDOW_MAX} 天之间。", field=WINDOW_KEY)
    return value


def window_days(session: Session) -> int:
    """The station's repeat window in days (settings key repeat_window_days, default 30)."""
    row = session.get(Setting, WINDOW_KEY)
    if row is None:
        return DEFAULT_WINDOW_DAYS
    try:
        return validate_window(row.value)
    except ValidationError:
        # A value edited outside the app must not break entry or import; fall back to the default.
        return DEFAULT_WINDOW_DAYS


def get_window_days(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return window_days(s)


@requires("edit_settings")
def set_window_days(ctx: AppContext, days: int | str) -> int:
    """Validate and store the repeat window; applies to complaints entered or imported from now on."""
    value = validate_window(days)
    with ctx.db.session() as s:
        row = s.get(Setting, WINDOW_KEY)
        if row is None:
            s.add(Setting(key=WINDOW_KEY, value=str(value)))
        else:
            row.value = str(value)
    return value


def _load(session: Session, where: Iterable[ColumnElement[bool]]) -> list[_Row]:
    # Phones are normalised again for complaints written directly (idempotent, and a no-op for plain digits); the
    # candidate lookup compares stored phones, which entry, import and the demo store normalised. Addresses are
    # compared by their stored key (Complaint.address_key = normalize_address(address)).
    stmt = select(
        Complaint.id, Complaint.received_at, Complaint.category_id, Complaint.complainant_phone,
        Complaint.address_key, Complaint.repeat_of_id,
    ).where(*where)
    return [_Row(r[0], r[1], r[2], normalize_phone(r[3]), r[4], r[5]) for r in session.execute(stmt)]


def _load_chunked(session: Session, column: Any, values: Iterable[Any],
                  where: Sequence[ColumnElement[bool]] = ()) -> list[_Row]:
    """Rows whose `column` is one of `values`, CHUNK values per query."""
    distinct = sorted(set(values))
    out: list[_Row] = []
    for start in range(0, len(distinct), CHUNK):
        out += _load(session, [column.in_(distinct[start:start + CHUNK]), *where])
    return out


def _candidates(session: Session, keyed: Sequence[_Row], window: int) -> list[_Row]:
    """Complaints sharing a phone or an address key with the given ones, received within the window around them.

    Only the keys are looked up (by the phone and address_key indexes), not the whole window: an import of a
    year's work orders would otherwise read and normalise most of the log. The category is matched in Python
    (the buckets of detect_repeats): with it in the SQL, SQLite would pick the far less selective category index.
    """
    # A margin of a day each side: the window is counted in local dates, the column holds UTC instants.
    lo = min(g.received_at for g in keyed) - timedelta(days=window + 1)
    hi = max(g.received_at for g in keyed) + timedelta(days=window + 1)
    when = [Complaint.received_at.between(lo, hi)]
    phones = [g.phone for g in keyed if g.phone]
    addresses = [g.address for g in keyed if g.address]
    return (_load_chunked(session, Complaint.complainant_phone, phones, when)
            + _load_chunked(session, Complaint.address_key, addresses, when))


class _Groups:
    """Union-find over complaint ids."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _link_within_window(groups: _Groups, members: list[_Row], given_ids: set[int], window: int) -> None:
    """Join each given member with every member of the bucket received within `window` days of it.

    In time order, the members within the window of one complaint are a contiguous run, so joining that run is
    the same as joining its neighbours pairwise. Marking which neighbour pairs some run covers (a difference
    array over the runs' ends) keeps this O(n log n) however many complaints share one key: a hotline number or
    a building manager's phone used to cost one comparison per pair.
    """
    members.sort(key=lambda m: (m.received_at, m.id))
    days = [m.day.toordinal() for m in members]
    covered = [0] * (len(members) + 1)  # +1 at the first pair of a run, -1 after its last
    for i, m in enumerate(members):
        if m.id not in given_ids:
            continue
        first = bisect_left(days, days[i] - window)
        last = bisect_right(days, days[i] + window) - 1
        if first < last:
            covered[first] += 1
            covered[last] -= 1
    depth = 0
    for i in range(len(members) - 1):
        depth += covered[i]
        if depth > 0:
            groups.union(members[i].id, members[i + 1].id)


def detect_repeats(session: Session, complaint_ids: Sequence[int]) -> int:
    """Link the given complaints into repeat groups inside the caller's transaction.

    Returns how many of the given complaints are repeats of an earlier one (members of a group other
    than its first). Existing groups they touch are kept and, when a given complaint is older than a
    group's first, re-pointed at it so every group still points at its earliest complaint.
    """
    ids = sorted(set(int(i) for i in complaint_ids))
    if not ids:
        return 0
    session.flush()
    window = window_days(session)
    given = _load_chunked(session, Complaint.id, ids)
    keyed = [g for g in given if g.match_keys()]
    groups = _Groups()
    rows: dict[int, _Row] = {g.id: g for g in given}
    if keyed:
        for r in _candidates(session, keyed, window):
            rows.setdefault(r.id, r)
        buckets: dict[tuple[str, int, str], list[_Row]] = defaultdict(list)
        for r in rows.values():
            for k in r.match_keys():
                buckets[k].append(r)
        given_ids = set(ids)
        for members in buckets.values():
            if len(members) >= 2 and any(m.id in given_ids for m in members):
                _link_within_window(groups, members, given_ids, window)
    # Join the existing groups of everything linked to a given complaint, so groups only ever grow.
    linked = {x for x in groups.parent} | set(ids)
    roots = {rows[x].repeat_of_id or x for x in linked if x in rows}
    known = [rows[x] for x in roots if x in rows]  # mostly the given complaints themselves: no need to read again
    more = _load_chunked(session, Complaint.id, [x for x in roots if x not in rows])
    for r in known + more + _load_chunked(session, Complaint.repeat_of_id, roots):
        rows.setdefault(r.id, r)
        groups.union(r.id, r.repeat_of_id or r.id)

    components: dict[int, list[_Row]] = defaultdict(list)
    for x in groups.parent:
        if x in rows:
            components[groups.find(x)].append(rows[x])
    new_first: dict[int, int | None] = {}
    for comp in components.values():
        if len(comp) < 2:
            continue
        first = min(comp, key=lambda m: (m.received_at, m.id))
        for m in comp:
            want = None if m.id == first.id else first.id
            if m.repeat_of_id != want:
                new_first[m.id] = want
    _write(session, new_first)
    return sum(1 for g in given if new_first.get(g.id, g.repeat_of_id) is not None)


def _write(session: Session, new_first: dict[int, int | None]) -> None:
    by_target: dict[int | None, list[int]] = defaultdict(list)
    for cid, target in new_first.items():
        by_target[target].append(cid)
    # The root first (clearing its own link) so no moment has a cycle; then members by target.
    for target in sorted(by_target, key=lambda t: (t is not None, t or 0)):
        cids = by_target[target]
        for start in range(0, len(cids), 500):
            session.execute(
                update(Complaint).where(Complaint.id.in_(cids[start:start + 500])).values(repeat_of_id=target),
                execution_options={"synchronize_session": "fetch"},
            )


def group_sizes(session: Session, first_ids: Iterable[int]) -> dict[int, int]:
    """Size of each group (first complaint + its repeats) for the given first-complaint ids."""
    firsts = list(set(first_ids))
    if not firsts:
        return {}
    counts = dict(
        session.execute(
            select(Complaint.repeat_of_id, func.count()).where(Complaint.repeat_of_id.in_(firsts))
            .group_by(Complaint.repeat_of_id)
        ).all()
    )
    return {f: 1 + int(counts.get(f, 0)) for f in firsts}


@dataclass(frozen=True)
class GroupMember:
    """One complaint of a repeat group, as the group view lists it (no personal data)."""

    id: int
    received_at: datetime  # Shanghai local time
    channel: str
    status: str
    content: str
    case_id: int | None


@requires("view")
def group_of(ctx: AppContext, complaint_id: int) -> list[GroupMember]:
    """Every complaint in the repeat group of the given one, earliest first (just itself if it has none)."""
    with ctx.db.session() as s:
        first = s.scalar(select(Complaint.repeat_of_id).where(Complaint.id == complaint_id)) or complaint_id
        rows = s.execute(
            select(Complaint.id, Complaint.received_at, Complaint.channel, Complaint.status, Complaint.content,
                   Complaint.case_id, Complaint.complainant_name)
            .where(or_(Complaint.id == first, Complaint.repeat_of_id == first))
            .order_by(Complaint.received_at, Complaint.id)
        ).all()
    full = may_unmask(ctx)  # names and phones typed into the content are masked for roles without personal data
    return [GroupMember(r[0], to_local(r[1]), r[2], r[3], text_masker(full, (r[6],))(r[4]) or "", r[5])
            for r in rows]
