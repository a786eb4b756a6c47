"""不满意 is not the end: what to propose after an unhappy callback, and how many there were in a period.

A 不满意 callback proposes reopening the linked case (through the case workflow's own 重新打开 move, with the work
order as the reason) or opening a case when there is none; a second 不满意 in the same repeat group proposes a
研讨会诊 (the existing group-to-clinic path). The proposal is only an offer: the UI asks, the user decides.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.periods import Period
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from models.cases import Case
from models.complaints import Complaint
from models.enums import DISSATISFIED

__all__ = ["DISSATISFIED", "DissatisfiedOffer", "count_dissatisfied", "count_dissatisfied_in", "dissatisfied_offer"]

# A closed case reopens to where its workflow's 重新打开 move leads (controllers.cases.states): 结案 -> 复查,
# 不予立案 -> 核查. Open cases need no reopening: the clerk goes on with them.
REOPEN_TO = {"结案": "复查", "不予立案": "核查"}
CLINIC_AFTER = 2  # the second 不满意 in a repeat group asks for a 研讨会诊


@dataclass(frozen=True)
class DissatisfiedOffer:
    """What the handling dialog offers after a 不满意 callback is saved."""

    complaint_id: int
    label: str  # the work order number, or 诉件#id
    case_id: int | None
    case_number: str | None
    case_status: str | None
    case_version: int | None
    reopen_to: str | None  # the status the linked case reopens to; None when it is still open or there is none
    dissatisfied_in_group: int

    @property
    def open_case(self) -> bool:
        return self.case_id is None

    @property
    def propose_clinic(self) -> bool:
        return self.dissatisfied_in_group >= CLINIC_AFTER

    @property
    def reopen_reason(self) -> str:
        return f"回访不满意（{self.label}），重新打开继续办理"


def group_dissatisfied(s: Session, complaint: Complaint) -> int:
    """How many complaints of the complaint's repeat group (itself included) had a 不满意 callback."""
    first = complaint.repeat_of_id or complaint.id
    return int(s.scalar(select(func.count()).select_from(Complaint).where(
        or_(Complaint.id == first, Complaint.repeat_of_id == first), Complaint.satisfaction == DISSATISFIED)) or 0)


@requires("view")
def dissatisfied_offer(ctx: AppContext, complaint_id: int) -> DissatisfiedOffer | None:
    """The offer for a complaint whose callback was 不满意; None for any other complaint."""
    with ctx.db.session() as s:
        c = rc.fetch(s, Complaint, complaint_id, "诉件")
        if c.satisfaction != DISSATISFIED:
            return None
        case: Case | None = c.case
        return DissatisfiedOffer(
            complaint_id=c.id, label=c.work_order_no or f"诉件#{c.id}", case_id=case.id if case else None,
            case_number=case.number if case else None, case_status=case.status if case else None,
            case_version=case.version if case else None, reopen_to=REOPEN_TO.get(case.status) if case else None,
            dissatisfied_in_group=group_dissatisfied(s, c))


def count_dissatisfied_in(s: Session, period: Period, estate_ids: Collection[int] | None = None) -> int:
    """不满意 callbacks made within the period (by callback date), in the given estates when not None: the figure
    the dashboard tile, the work brief and the return file show."""
    stmt = select(func.count()).select_from(Complaint).where(
        Complaint.satisfaction == DISSATISFIED, Complaint.callback_on >= period.start,
        Complaint.callback_on <= period.end)
    if estate_ids is not None:
        stmt = stmt.where(Complaint.estate_id.in_(estate_ids))
    return int(s.scalar(stmt) or 0)


@requires("view")
def count_dissatisfied(ctx: AppContext, period: Period) -> int:
    with ctx.db.session() as s:
        return count_dissatisfied_in(s, period)
