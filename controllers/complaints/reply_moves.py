"""Open complaints' reply deadlines recomputed when the holiday calendar changes (a year entered or changed).

Only a deadline the old calendar computed from the channel's working days (entry.reply_days) moves; one a 12345 work
order or a person set otherwise stays. Answered complaints (已办结, 已回复) are not touched. Complaints keep no
timeline: the caller reports the moves (the year entry's result lists them).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.complaints.entry import reply_days
from controllers.core.clock import to_local
from controllers.core.deadline_moves import DeadlineMove
from controllers.core.workdays import WorkCalendar
from models.complaints import Complaint

OPEN = ("待处理", "处理中")


def move_reply_deadlines(s: Session, old: WorkCalendar, new: WorkCalendar, *, write: bool) -> list[DeadlineMove]:
    """Recompute open complaints' reply deadlines from `old` to `new`; write=False only reports them (preview)."""
    found = []
    days_by_channel: dict[str, int] = {}
    for c in s.scalars(select(Complaint).where(Complaint.status.in_(OPEN), Complaint.reply_due.is_not(None))):
        due = c.reply_due
        if due is None:
            continue
        days = days_by_channel.setdefault(c.channel, reply_days(s, c.channel))
        start = to_local(c.received_at).date()
        if old.add_working_days(start, days) != due:
            continue
        after = new.add_working_days(start, days)
        if after == due:
            continue
        found.append(DeadlineMove("诉件答复期限", c.work_order_no or f"诉件#{c.id}", None, due, after))
        if write:
            c.reply_due = after
    return found
