"""What a 督办单 can press on (a case, a complaint, a referral, a meeting action item): its label, the case whose
timeline shows the order, and who is pressed by default.

Labels carry no personal data: a case number, a work-order number, a department, an action item's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from controllers.cases.common import add_event
from controllers.core.errors import NotFoundError, ValidationError
from models.cases import Case, Referral
from models.complaints import Complaint
from models.meetings import MeetingAction
from models.reference import Department, Staff

COLUMNS = {"案件": "case_id", "诉件": "complaint_id", "移交": "referral_id", "会商事项": "action_id"}
ACTION_LABEL_MAX = 60


@dataclass(frozen=True)
class Addressee:
    """Who is pressed: a staff member, a department, or a name typed in (as printed on the notice)."""

    name: str
    staff_id: int | None = None
    department_id: int | None = None


@dataclass(frozen=True)
class Subject:
    """The item an order presses on."""

    kind: str
    column: str
    label: str
    case_id: int | None  # the case whose timeline records the order's steps
    default: Addressee | None  # the item's own responsible party, if it names one

    @staticmethod
    def column_for(kind: str) -> str:
        return COLUMNS[kind]

    def addressee_for(self, s: Session, *, staff_id: int | None, department_id: int | None,
                      typed: str) -> Addressee:
        """The one named (staff, department or typed name, in that order), else the item's own party."""
        if staff_id is not None:
            staff = s.get(Staff, staff_id)
            if staff is None:
                raise NotFoundError("找不到所选的承办人，可能已被删除。请重新选择。")
            return Addressee(staff.name, staff_id=staff.id)
        if department_id is not None:
            dept = s.get(Department, department_id)
            if dept is None:
                raise NotFoundError("找不到所选的部门，可能已被删除。请重新选择。")
            return Addressee(dept.name, department_id=dept.id)
        if typed:
            return Addressee(typed)
        if self.default is None:
            raise ValidationError("该事项没有承办人或责任部门，请指定督办对象。未做任何更改。", field="addressee")
        return self.default


def _case(s: Session, case_id: int) -> Subject:
    case = s.get(Case, case_id)
    if case is None:
        raise NotFoundError("找不到该案件。请刷新列表。")
    officer = s.get(Staff, case.officer_id) if case.officer_id is not None else None
    return Subject("案件", "case_id", f"案件 {case.number}", case.id,
                   Addressee(officer.name, staff_id=officer.id) if officer is not None else None)


def _complaint(s: Session, complaint_id: int) -> Subject:
    c = s.get(Complaint, complaint_id)
    if c is None:
        raise NotFoundError("找不到该诉件。请刷新列表。")
    label = f"诉件 {c.work_order_no}" if c.work_order_no else f"诉件 #{c.id}"
    return Subject("诉件", "complaint_id", label, c.case_id, None)


def _referral(s: Session, referral_id: int) -> Subject:
    r = s.get(Referral, referral_id)
    if r is None:
        raise NotFoundError("找不到该移交记录。请刷新列表。")
    dept = s.get(Department, r.department_id)
    name = dept.name if dept is not None else "接收部门"
    of = ""
    if r.case_id is not None:
        case = s.get(Case, r.case_id)
        of = f"案件 {case.number} " if case is not None else ""
    elif r.complaint_id is not None:
        of = f"诉件 #{r.complaint_id} "
    return Subject("移交", "referral_id", f"{of}移交{name}（{r.referred_on.isoformat()}）", r.case_id,
                   Addressee(name, department_id=r.department_id))


def _action(s: Session, action_id: int) -> Subject:
    a = s.get(MeetingAction, action_id)
    if a is None:
        raise NotFoundError("找不到该会商事项，可能已被删除。请刷新列表。")
    text = " ".join(a.description.split())
    text = text if len(text) <= ACTION_LABEL_MAX else text[: ACTION_LABEL_MAX - 1] + "…"
    return Subject("会商事项", "action_id", f"会商事项：{text}", None, Addressee(a.owner) if a.owner else None)


LOADERS = {"案件": _case, "诉件": _complaint, "移交": _referral, "会商事项": _action}


def load_subject(s: Session, kind: str, subject_id: int) -> Subject:
    return LOADERS[kind](s, subject_id)


def add_case_note(s: Session, case_id: int | None, *, actor: str, note: str) -> None:
    """A 督办 step on the case's timeline, when there is a case (kind 备注: the timeline's vocabulary stays)."""
    if case_id is not None:
        add_event(s, case_id, actor=actor, kind="备注", note=note)
