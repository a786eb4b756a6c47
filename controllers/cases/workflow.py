"""The case workflow as a state machine (data, not widget logic): which moves exist and what each needs.

Main loop: 登记 → 核查 → 立案 | 不予立案; 立案 → 责令整改 → 复查 → 结案, and 复查 → 责令整改 again when the
violation was not rectified (with a new deadline). Decisions taken here:

- 挂账 (on hold) from any open state (登记, 核查, 立案, 责令整改, 复查) needs a reason and a review date after
  the day it is put on hold; 恢复办理 returns only to the state it left (read from the timeline).
- 移交 (handed over) from any open state needs a department and the matter; it creates a Referral. From 移交
  the station can 收回办理 (back to the state it left) or close the case (移交办结, with a note on the outcome).
  A referral for assistance that does not hand the case over is controllers.cases.referrals.refer_case.
- 不予立案 is final but can be re-opened to 核查 with a reason; 结案 can be re-opened with a reason to 复查
  (the rectification did not hold) or 立案 (start again). Re-opening clears closed_on and the follow-up.
- 责令整改 sets the deadline: the caller's, or the category's proposal counted from the day of the order.
- 结案 sets closed_on and followup_due = closed_on + the station's follow-up days (settings, default 90).
- A 回头看 (follow-up) is recorded once per closing; a violation found again opens a NEW case linked through
  recurrence_of_id, in the same transaction.
Every move writes one timeline event (状态变更, or 重新打开) with actor, from, to and the note.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm.exc import StaleDataError

from controllers.cases.common import CONFLICT_MESSAGE, OPEN_STATUSES, add_event, check_version, fetch_case
from controllers.cases.hold_review import reason_clause
from controllers.cases.records import get_case, insert_case, proposal_in, retry_numbering
from controllers.cases.referrals import add_referral
from controllers.cases.states import REASON, allowed_transitions, refusal_message
from controllers.cases.view import CaseDetail, build_detail, left_from
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, ValidationError
from controllers.core.permissions import requires
from controllers.station.settings import get_followup_days


def _need_text(value: str | None, message: str, field: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(message, field=field)
    if len(cleaned) > 2000:
        raise ValidationError("说明不能超过 2000 个字。", field=field)
    return cleaned


@requires("edit_cases")
def transition(
    ctx: AppContext,
    case_id: int,
    *,
    to: str,
    expected_version: int,
    note: str | None = None,
    reason: str | None = None,
    review_date: date | None = None,
    deadline: date | None = None,
    department_id: int | None = None,
    letter_no: str | None = None,
    reply_due: date | None = None,
    on: date | None = None,
) -> CaseDetail:
    """Move a case to `to` if the machine allows it from its current state; one transaction, one event."""
    day = on or clock.today()
    followup_days = get_followup_days(ctx) if to == "结案" else 0
    note = (note or "").strip() or None
    try:
        with ctx.db.session(reuse_plans=True) as s:
            case = fetch_case(s, case_id)
            check_version(case, expected_version)
            current = case.status
            move = next((t for t in allowed_transitions(current, resumes_to=left_from(s, case)) if t.to == to), None)
            if move is None:
                raise ValidationError(refusal_message(current, to), field="status")
            parts: list[str] = []
            # A deadline the move sets is recorded as a change too, so the case can be read as it stood before it
            # (controllers.cases.as_of rolls the deadline back from these).
            changes: dict[str, list[str | None]] = {}
            if REASON in move.needs:
                reason = _need_text(reason, "请填写原因或说明。", "reason")
                parts.append(f"原因：{reason_clause(reason)}")  # "…回复。" would read "。；" in the note
            if current == "挂账":
                case.hold_reason = None
                case.hold_review_date = None
            if to == "挂账":
                if review_date is None or review_date <= day:
                    raise ValidationError("请填写挂账后的复核日期（应晚于今天）。", field="review_date")
                case.hold_reason = reason
                case.hold_review_date = review_date
                parts.append(f"复核日期定为 {review_date.isoformat()}")  # 复核: 复查 is a workflow state
            elif to == "移交":
                add_referral(s, case, actor=ctx.actor, department_id=department_id, reason=reason or note,
                             referred_on=day, letter_no=letter_no, reply_due=reply_due)
            elif to == "责令整改":
                if deadline is None:
                    deadline = proposal_in(s, case.category_id, day).deadline
                if deadline < day:
                    raise ValidationError("整改期限不能早于今天。", field="deadline")
                if case.deadline != deadline:
                    changes["deadline"] = [case.deadline.isoformat() if case.deadline else None, deadline.isoformat()]
                case.deadline = deadline
                parts.append(f"整改期限定为 {deadline.isoformat()}")
            elif to == "结案":
                case.closed_on = day
                case.followup_due = day + timedelta(days=followup_days)
                case.followup_done_on = None
                parts.append(f"回头看 {case.followup_due.isoformat()} 前")
            if current == "结案":
                case.closed_on = None
                case.followup_due = None
                case.followup_done_on = None
            if note:
                parts.insert(0, note)
            case.status = to
            add_event(s, case.id, actor=ctx.actor, kind=move.kind, from_status=current, to_status=to,
                      note="；".join(parts) or None, changes=changes or None)
            s.flush()
            return build_detail(ctx, s, case)
    except StaleDataError as exc:
        raise ConflictError(CONFLICT_MESSAGE) from exc


@requires("edit_cases")
def record_followup(
    ctx: AppContext, case_id: int, *, found_again: bool, note: str, on: date, expected_version: int | None = None
) -> CaseDetail | None:
    """Record the 回头看 visit; when the violation is back, open a new linked case and return it (else None)."""
    note = _need_text(note, "请填写回头看的情况。", "note")
    if on > clock.today():
        raise ValidationError("回头看日期不能晚于今天。", field="on")

    def save() -> int | None:
        with ctx.db.session(reuse_plans=True) as s:
            case = fetch_case(s, case_id)
            check_version(case, expected_version)
            if case.status != "结案" or case.closed_on is None:
                raise ValidationError("只有已结案的案件才需要回头看。", field="status")
            if case.followup_done_on is not None:
                raise ValidationError(f"该案件已于 {case.followup_done_on.isoformat()} 做过回头看。")
            if on < case.closed_on:
                raise ValidationError("回头看日期不能早于结案日期。", field="on")
            case.followup_done_on = on
            verdict = "发现违法行为再次出现" if found_again else "未发现违法行为反弹"
            new_id = None
            if found_again:
                new = insert_case(
                    s, actor=ctx.actor, recurrence_of_id=case.id, note=f"回头看发现反弹，原案件 {case.number}",
                    fields=dict(
                        category_id=case.category_id, estate_id=case.estate_id, source="巡查发现", found_date=on,
                        facts=f"回头看发现违法行为再次出现（原案件 {case.number}）：{note}", place=case.place,
                        party_name=case.party_name, party_id_no=case.party_id_no, party_phone=case.party_phone,
                        officer_id=case.officer_id, property_company_id=case.property_company_id,
                        regulation_ids=[r.id for r in case.regulations],
                    ),
                )
                new_id = new.case.id
                verdict += f"，已新立案件 {new.case.number}"
            add_event(s, case.id, actor=ctx.actor, kind="回头看", note=f"{on.isoformat()} {verdict}：{note}")
            return new_id

    try:
        new_id = retry_numbering(save)
    except StaleDataError as exc:
        raise ConflictError(CONFLICT_MESSAGE) from exc
    if new_id is None:
        return None
    return get_case(ctx, new_id)


__all__ = ["OPEN_STATUSES", "record_followup", "transition"]
