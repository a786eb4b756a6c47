"""Action items decided in meetings: add, edit, mark done, delete, and the open ones across all meetings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import PersonalNames, known_names, mask_free_text, may_unmask
from models.meetings import Meeting, MeetingAction

MAX_OWNER = 60


@dataclass(frozen=True)
class ActionInput:
    """An action item as the meeting dialog's grid holds it; id None = a new item."""

    description: str
    owner: str | None = None
    due: date | None = None
    done: bool = False
    id: int | None = None


@dataclass(frozen=True)
class ActionRow:
    """An action item with its meeting, and whether it is overdue (open and past its due date)."""

    id: int
    meeting_id: int
    meeting_title: str
    meeting_held_on: date
    position: int
    description: str
    owner: str | None
    due: date | None
    done: bool
    done_on: date | None
    overdue: bool


def _today(today: date | None) -> date:
    return today or clock.today()


def _clean(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def validate_action(item: ActionInput, *, number: int | None = None) -> tuple[str, str | None]:
    """(description, owner) cleaned; ValidationError names the row when the grid holds several."""
    where = f"第 {number} 条待办事项" if number is not None else "待办事项"
    description = (item.description or "").strip()
    if not description:
        raise ValidationError(f"{where}未填写内容，请填写要做的事，或删除这一条。", field="actions")
    owner = _clean(item.owner)
    if owner and len(owner) > MAX_OWNER:
        raise ValidationError(f"{where}的责任人/部门过长（最多 {MAX_OWNER} 个字）。", field="actions")
    return description, owner


def _apply_done(action: MeetingAction, done: bool, today: date) -> None:
    # done_on records when the mark was set; unticking clears it, re-ticking keeps an earlier date.
    if done and not action.done:
        action.done_on = today
    elif not done:
        action.done_on = None
    action.done = done


def apply_actions(session: Session, meeting: Meeting, items: Sequence[ActionInput], *, today: date) -> None:
    """Make the meeting's actions match the grid: update by id, add new ones, delete the missing ones."""
    existing = {a.id: a for a in meeting.actions}
    kept: list[MeetingAction] = []
    for pos, item in enumerate(items):
        description, owner = validate_action(item, number=pos + 1)
        known = existing.get(item.id) if item.id is not None else None
        action = known if known is not None else MeetingAction(done=False)
        action.position, action.description, action.owner, action.due = pos, description, owner, item.due
        _apply_done(action, item.done, today)
        kept.append(action)
    meeting.actions = kept  # delete-orphan cascade removes the rows left out


def action_rows(session: Session, *, where: Sequence[object] = (), today: date,
                order_by: Sequence[object] = ()) -> list[ActionRow]:
    stmt = (select(MeetingAction, Meeting.title, Meeting.held_on).join(Meeting, MeetingAction.meeting_id == Meeting.id)
            .where(*where).order_by(*order_by, MeetingAction.meeting_id, MeetingAction.position))  # type: ignore[arg-type]
    return [_row(a, title, held_on, today) for a, title, held_on in session.execute(stmt)]


def _row(a: MeetingAction, title: str, held_on: date, today: date) -> ActionRow:
    overdue = not a.done and a.due is not None and a.due < today
    return ActionRow(a.id, a.meeting_id, title, held_on, a.position, a.description, a.owner, a.due, a.done,
                     a.done_on, overdue)


def _get(session: Session, action_id: int) -> MeetingAction:
    action = session.get(MeetingAction, action_id)
    if action is None:
        raise NotFoundError("该待办事项已不存在（可能已被删除），请刷新后重试。")
    return action


def _one(session: Session, action_id: int, today: date) -> ActionRow:
    return action_rows(session, where=[MeetingAction.id == action_id], today=today)[0]


@requires("view")
def open_actions(ctx: AppContext, *, today: date | None = None) -> list[ActionRow]:
    """Action items not done, across all meetings: earliest due first, items without a due date last."""
    with ctx.db.session() as s:
        rows = action_rows(s, where=[MeetingAction.done.is_(False)], today=_today(today),
                           order_by=[MeetingAction.due.is_(None), MeetingAction.due, Meeting.held_on])
        if may_unmask(ctx) or not rows:
            return rows
        names = known_names(s)
    return [masked_action(a, names) for a in rows]


def masked_action(a: ActionRow, names: PersonalNames) -> ActionRow:
    """The item with phone numbers (and the given names) typed into its text masked, for roles without personal
    data."""
    return replace(a, meeting_title=mask_free_text(a.meeting_title, names),
                   description=mask_free_text(a.description, names),
                   owner=None if a.owner is None else mask_free_text(a.owner, names))


def meeting_actions(session: Session, meeting_id: int, *, today: date) -> list[ActionRow]:
    return action_rows(session, where=[MeetingAction.meeting_id == meeting_id], today=today)


@requires("edit_meetings")
def add_action(ctx: AppContext, meeting_id: int, *, description: str, owner: str | None = None,
               due: date | None = None, today: date | None = None) -> ActionRow:
    """Append an action item to a meeting."""
    description, owner = validate_action(ActionInput(description, owner, due))
    with ctx.db.session() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError("该会商记录已不存在，请刷新后重试。")
        last = s.scalar(select(func.max(MeetingAction.position)).where(MeetingAction.meeting_id == meeting_id))
        position = 0 if last is None else last + 1
        action = MeetingAction(meeting=meeting, position=position, description=description, owner=owner, due=due,
                               done=False)
        s.add(action)
        s.flush()
        return _one(s, action.id, _today(today))


@requires("edit_meetings")
def update_action(ctx: AppContext, action_id: int, *, description: str, owner: str | None = None,
                  due: date | None = None, done: bool = False, today: date | None = None) -> ActionRow:
    """Change an action item's text, owner, due date or done mark."""
    description, owner = validate_action(ActionInput(description, owner, due, done))
    with ctx.db.session() as s:
        action = _get(s, action_id)
        action.description, action.owner, action.due = description, owner, due
        _apply_done(action, done, _today(today))
        s.flush()
        return _one(s, action_id, _today(today))


@requires("edit_meetings")
def mark_action_done(ctx: AppContext, action_id: int, *, today: date | None = None) -> ActionRow:
    """Tick an action item off; done_on = today (an item already done keeps its date)."""
    with ctx.db.session() as s:
        action = _get(s, action_id)
        _apply_done(action, True, _today(today))
        s.flush()
        return _one(s, action_id, _today(today))


@requires("edit_meetings")
def delete_action(ctx: AppContext, action_id: int) -> None:
    """Remove an action item."""
    with ctx.db.session() as s:
        s.delete(_get(s, action_id))
