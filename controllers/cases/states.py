"""The case states as a pure state machine: which moves exist from each state, what each needs, why one is refused.

No database here: the read side of a case (controllers.cases.view) offers these moves, the workflow
(controllers.cases.workflow) carries them out.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a move needs from the user, beyond an optional note.
REASON, REVIEW_DATE, DEADLINE, DEPARTMENT = "reason", "review_date", "deadline", "department"
RESUME = "<resume>"  # placeholder target: the state the case left when it went on hold or was handed over


@dataclass(frozen=True)
class Transition:
    """One allowed move: target state, the button's label, what it needs, and the event kind it writes."""

    to: str
    label: str
    needs: frozenset[str] = frozenset()
    kind: str = "状态变更"


_HOLD = Transition("挂账", "挂账", frozenset({REASON, REVIEW_DATE}))
_REFER = Transition("移交", "移交", frozenset({DEPARTMENT}))
_MACHINE: dict[str, tuple[Transition, ...]] = {
    "登记": (Transition("核查", "开始核查"), _HOLD, _REFER),
    "核查": (Transition("立案", "立案"), Transition("不予立案", "不予立案", frozenset({REASON})), _HOLD, _REFER),
    "立案": (Transition("责令整改", "责令整改", frozenset({DEADLINE})), _HOLD, _REFER),
    "责令整改": (Transition("复查", "复查"), _HOLD, _REFER),
    "复查": (
        Transition("结案", "结案"),
        Transition("责令整改", "未整改，重新责令整改", frozenset({DEADLINE})),
        _HOLD,
        _REFER,
    ),
    "结案": (
        Transition("复查", "重新打开（回到复查）", frozenset({REASON}), "重新打开"),
        Transition("立案", "重新打开（回到立案）", frozenset({REASON}), "重新打开"),
    ),
    "不予立案": (Transition("核查", "重新打开（回到核查）", frozenset({REASON}), "重新打开"),),
    "挂账": (Transition(RESUME, "恢复办理"),),
    "移交": (Transition(RESUME, "收回办理"), Transition("结案", "移交办结", frozenset({REASON}))),
}

# What the refusal message suggests doing first, by current state.
_NEXT_STEP = {
    "登记": "请先核查", "核查": "请先作出立案或不予立案决定", "立案": "请先责令整改", "责令整改": "请先复查",
    "复查": "请先结案或重新责令整改", "结案": "如需继续办理，请先重新打开", "不予立案": "如需继续办理，请先重新打开",
    "挂账": "请先恢复办理", "移交": "请先收回办理",
}
_VERB = {
    "登记": "退回登记", "核查": "进入核查", "立案": "立案", "不予立案": "作不予立案处理", "责令整改": "责令整改",
    "复查": "复查", "结案": "结案", "挂账": "挂账", "移交": "移交",
}


def allowed_transitions(status: str, *, resumes_to: str | None = None) -> list[Transition]:
    """The moves offered from `status`; from 挂账/移交 the resume move targets `resumes_to` (the state left)."""
    moves = []
    for t in _MACHINE.get(status, ()):
        if t.to == RESUME:
            if resumes_to is None:
                continue  # unknown origin (data from elsewhere): only the other moves are offered
            t = Transition(resumes_to, t.label, t.needs, t.kind)
        moves.append(t)
    return moves


def refusal_message(current: str, to: str) -> str:
    """Why a move is refused, and what to do first: “登记”状态的案件不能直接结案，请先核查。"""
    if current == to:
        return f"案件已是“{current}”状态。"
    return f"“{current}”状态的案件不能直接{_VERB.get(to, to)}，{_NEXT_STEP.get(current, '请按流程办理')}。"
