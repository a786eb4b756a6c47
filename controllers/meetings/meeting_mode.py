"""Meeting mode (会商模式) for residents' committee reps on a shared screen: one estate or committee, no personal data.

Everything returned here is safe to show to a room: case numbers, categories, places cut down to the building
(12号楼502室 -> 12号楼), statuses, counts, 投诉万人比 and trainings. Never a complainant's or party's name,
phone, ID number, address with a room, nor free text typed by staff (facts, content) that may hold them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from controllers.cases.listing import DEADLINE_STATUSES
from controllers.complaints import entry as complaint_records
from controllers.complaints.per10k import Per10kReport, Scope, per10k
from controllers.core import clock
from controllers.core.clock import to_local
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.periods import Period, day_range, same_period_last_year
from controllers.core.permissions import allowed_estate_ids, require_estates, requires
from controllers.core.privacy import place_without_room
from models.cases import Case
from models.complaints import Complaint
from models.reference import Category, Estate
from models.trainings import Training, TrainingKind, training_estates

CHANNEL = "居委转交"
FINISHED = ("结案", "不予立案")
MAX_CASES = 60
MAX_TRAININGS = 10
TRAINING_DAYS = 365
DESCRIPTION_MAX = 500

@dataclass(frozen=True)
class ScopeChoice:
    """An entry of the picker shown before meeting mode starts."""

    kind: str  # "estate" | "committee"
    name: str
    estate_ids: tuple[int, ...]


@dataclass(frozen=True)
class MeetingCase:
    """An open case as the room sees it."""

    number: str
    category: str
    estate: str
    place: str
    status: str
    found_date: date
    deadline: date | None
    overdue: bool


@dataclass(frozen=True)
class CountLine:
    """A label and how many (complaints by category, cases by status)."""

    label: str
    count: int


@dataclass(frozen=True)
class MeetingTraining:
    """A recent training or outreach event."""

    title: str
    day: date
    kind: str
    head_count: int | None


@dataclass(frozen=True)
class MeetingView:
    """Everything meeting mode shows for one estate or committee."""

    scope_label: str
    estates: tuple[tuple[int, str], ...]
    on: date
    open_cases: tuple[MeetingCase, ...]
    open_case_total: int
    cases_by_status: tuple[CountLine, ...]
    closed_this_year: int
    complaints_this_year: int
    complaints_last_year: int
    complaints_open: int
    complaints_by_category: tuple[CountLine, ...]
    per10k: Per10kReport | None
    trainings: tuple[MeetingTraining, ...]


@requires("meeting_mode")
def scope_choices(ctx: AppContext) -> list[ScopeChoice]:
    """Residents' committees first (a rep usually speaks for a committee), then single estates, by name.

    A 居委代表 is offered only their own estates (and the committees made of them).
    """
    allowed = allowed_estate_ids(ctx)
    with ctx.db.session() as s:
        rows = s.execute(select(Estate.id, Estate.name, Estate.residents_committee).order_by(Estate.name)).all()
    if allowed is not None:
        rows = [r for r in rows if int(r[0]) in allowed]
    committees: dict[str, list[int]] = {}
    for eid, _name, committee in rows:
        if committee:
            committees.setdefault(committee, []).append(int(eid))
    out = [ScopeChoice("committee", c, tuple(ids)) for c, ids in sorted(committees.items())]
    out += [ScopeChoice("estate", str(name), (int(eid),)) for eid, name, _c in rows]
    return out


def _local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return day_range(start, end).instant_bounds()


@requires("meeting_mode")
def meeting_view(ctx: AppContext, choice: ScopeChoice, *, today: date | None = None) -> MeetingView:
    """The figures for the chosen estate or committee, year to date against the same days last year."""
    if not choice.estate_ids:
        raise ValidationError("请选择一个小区或居委会。", field="scope")
    require_estates(ctx, choice.estate_ids)
    on = today or clock.today()
    ids = choice.estate_ids
    ytd = day_range(date(on.year, 1, 1), on)
    last = same_period_last_year(ytd)
    with ctx.db.session() as s:
        estates = tuple((int(i), str(n)) for i, n in s.execute(
            select(Estate.id, Estate.name).where(Estate.id.in_(ids)).order_by(Estate.name)))
        if not estates:
            raise ValidationError("该小区或居委会已不存在，请重新选择。", field="scope")
        open_where = (Case.estate_id.in_(ids), Case.status.not_in(FINISHED))
        open_total = int(s.scalar(select(func.count()).select_from(Case).where(*open_where)) or 0)
        rows = s.execute(
            select(Case.number, Category.name, Estate.name, Case.place, Case.status, Case.found_date, Case.deadline)
            .join(Category, Category.id == Case.category_id).join(Estate, Estate.id == Case.estate_id)
            .where(*open_where).order_by(Case.found_date.desc(), Case.id.desc()).limit(MAX_CASES))
        cases = tuple(
            MeetingCase(number, category, estate, place_without_room(place), status, found, deadline,
                        status in DEADLINE_STATUSES and deadline is not None and deadline < on)
            for number, category, estate, place, status, found, deadline in rows)
        by_status = tuple(CountLine(st, int(n)) for st, n in s.execute(
            select(Case.status, func.count()).where(*open_where).group_by(Case.status).order_by(func.count().desc())))
        closed = int(s.scalar(select(func.count()).select_from(Case).where(
            Case.estate_id.in_(ids), Case.status == "结案", Case.closed_on >= ytd.start, Case.closed_on <= on)) or 0)

        def received(start: date, end: date) -> tuple[ColumnElement[bool], ...]:
            lo, hi = _local_bounds(start, end)
            return (Complaint.estate_id.in_(ids), Complaint.received_at >= lo, Complaint.received_at < hi)

        this_year = int(s.scalar(select(func.count()).where(*received(ytd.start, ytd.end))) or 0)
        last_year = int(s.scalar(select(func.count()).where(*received(last.start, last.end))) or 0)
        open_complaints = int(s.scalar(select(func.count()).where(
            Complaint.estate_id.in_(ids), Complaint.status != complaint_records.REPLIED)) or 0)
        by_category = tuple(CountLine(name or "未分类", int(n)) for name, n in s.execute(
            select(Category.name, func.count()).select_from(Complaint)
            .outerjoin(Category, Category.id == Complaint.category_id).where(*received(ytd.start, ytd.end))
            .group_by(Category.name).order_by(func.count().desc(), Category.name)))
        since = datetime.combine(on - timedelta(days=TRAINING_DAYS), datetime.min.time())
        # Trainings held for the scope's estates or their street's (a street-wide session concerns them too).
        streets = select(Estate.street_id).where(Estate.id.in_(ids))
        nearby = select(Estate.id).where(Estate.street_id.in_(streets))
        linked = select(training_estates.c.training_id).where(training_estates.c.estate_id.in_(nearby))
        anywhere = select(training_estates.c.training_id)
        trainings = tuple(
            MeetingTraining(title, to_local(starts).date(), kind, count)
            for title, starts, kind, count in s.execute(
                select(Training.title, Training.starts_at, TrainingKind.name, Training.actual_count)
                .join(TrainingKind, TrainingKind.id == Training.kind_id)
                .where(Training.starts_at >= since, Training.starts_at <= datetime.combine(on, datetime.max.time()),
                       or_(Training.id.in_(linked), Training.id.not_in(anywhere)))
                .order_by(Training.starts_at.desc()).limit(MAX_TRAININGS)))
    report = _per10k(ctx, choice, ytd)
    return MeetingView(
        scope_label=("居委会：" if choice.kind == "committee" else "小区：") + choice.name, estates=estates, on=on,
        open_cases=cases, open_case_total=open_total, cases_by_status=by_status, closed_this_year=closed,
        complaints_this_year=this_year, complaints_last_year=last_year, complaints_open=open_complaints,
        complaints_by_category=by_category, per10k=report, trainings=trainings,
    )


def _per10k(ctx: AppContext, choice: ScopeChoice, ytd: Period) -> Per10kReport | None:
    try:
        # Unchecked on purpose: meeting_view has checked meeting mode and the rep's estates (a rep has no 'view').
        return per10k.__wrapped__(ctx, ytd, Scope(choice.kind, choice.name))  # type: ignore[attr-defined]
    except ValidationError:  # renamed meanwhile: the rest of the view still helps the meeting
        return None


@requires("meeting_mode")
def raise_matter(ctx: AppContext, *, estate_id: int, category_id: int | None, description: str,
                 place: str | None = None) -> int:
    """A matter raised in the meeting goes to the complaint log as 居委转交 for staff to complete; returns its id.

    No complainant name or phone is taken; the place keeps only the building.
    """
    text = (description or "").strip()
    if not text:
        raise ValidationError("请简要写下要反映的事项。", field="description")
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(f"事项说明不能超过 {DESCRIPTION_MAX} 个字。", field="description")
    require_estates(ctx, [estate_id])
    # Unchecked on purpose: a rep may note a matter for their own estate without the right to edit complaints.
    return complaint_records.create_complaint.__wrapped__(  # type: ignore[attr-defined]
        ctx, channel=CHANNEL, estate_id=estate_id, category_id=category_id, content=text,
        address=place_without_room(place) or None,
    )
