"""Who may do what: the role → permission table, the signed-in user, and `require()` that every controller calls."""

from __future__ import annotations

import functools
import getpass
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from controllers.core import audit
from controllers.core.errors import UserError

if TYPE_CHECKING:
    from controllers.core.context import AppContext

ADMIN, STAFF, SUPERVISOR, REP = "管理员", "工作人员", "督导", "居委代表"
ROLES: tuple[str, ...] = (ADMIN, STAFF, SUPERVISOR, REP)

# What each permission lets a user do, as the end of a refusal: “督导账号……，不能修改案件。”
ACTIONS: dict[str, str] = {
    "view": "查看台账",
    "edit_cases": "修改案件",
    "edit_complaints": "修改诉件",
    "import_complaints": "导入诉件",
    "edit_trainings": "修改培训宣传记录",
    "edit_meetings": "修改会商记录",
    "edit_patrols": "修改巡查记录",
    "edit_reference": "修改基础数据",
    "edit_settings": "修改设置",
    "manage_accounts": "管理账号",
    "view_audit": "查看审计日志",
    "export": "导出数据",
    "print": "打印简报和表格",
    "typical_cases": "选定和编写典型案例",
    "view_personal": "查看完整的个人信息",
    "backup": "备份数据",
    "restore": "从备份恢复数据",
    "meeting_mode": "使用会商展示模式",
    "supervise": "下达或办结督办单",
    "answer_supervision": "答复督办单",
}
PERMISSIONS: tuple[str, ...] = tuple(ACTIONS)

_DAILY_WORK = frozenset({
    "view", "edit_cases", "edit_complaints", "import_complaints", "edit_trainings", "edit_meetings", "edit_patrols",
    "export", "print", "view_personal", "backup", "meeting_mode", "answer_supervision", "typical_cases",
})
# Reference data and settings change what every case counts against (deadlines, categories): administrator only,
# as the issue says. Staff handle complaints and call residents back, so they see names and phones (audited);
# supervisors read and print, but personal data stays masked for them; reps see only meeting mode. Supervision
# orders (issue 20): 督导 and 管理员 issue and close them, the people pressed (staff) answer them. Typical cases
# (issue 21): a de-identified write-up for 以案释法 changes no case, and the supervisor who prepares the 守法小讲堂
# picks and edits them as staff do.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    ADMIN: frozenset(PERMISSIONS),
    STAFF: _DAILY_WORK,
    SUPERVISOR: frozenset({"view", "export", "print", "meeting_mode", "supervise", "typical_cases"}),
    REP: frozenset({"meeting_mode"}),
}
# How a refusal describes what the role may do instead.
ROLE_SCOPE: dict[str, str] = {
    ADMIN: "可以使用全部功能",
    STAFF: "只能处理日常工作",
    SUPERVISOR: "只能查看、打印和督查督办",
    REP: "只能查看本小区的会商展示",
}


@dataclass(frozen=True)
class SignedInUser:
    """Who is acting: an account after sign-in, or the machine's own administrator for the CLI and tests."""

    username: str
    display_name: str
    role: str | None
    estate_ids: frozenset[int] = field(default_factory=frozenset)
    user_id: int | None = None
    local: bool = False

    @property
    def permissions(self) -> frozenset[str]:
        return ROLE_PERMISSIONS.get(self.role or "", frozenset())


def local_admin() -> SignedInUser:
    """The CLI (and tests) act as a local administrator: whoever runs it already holds the database file."""
    try:
        name = os.environ.get("STATION_LEDGER_USER") or getpass.getuser()
    except (KeyError, OSError):
        name = "本机用户"
    return SignedInUser(username=f"本机:{name}"[:40], display_name=name, role=ADMIN, local=True)


# Before anyone signs in to the GUI: allowed nothing at all.
NOBODY = SignedInUser(username="", display_name="", role=None)


class PermissionDenied(UserError):
    """The signed-in role may not do this; the message names the role and the action."""

    def __init__(self, message: str, *, permission: str) -> None:
        super().__init__(message)
        self.permission = permission


def denial_message(role: str | None, permission: str) -> str:
    action = ACTIONS.get(permission, permission)
    if not role:
        return f"请先登录，才能{action}。"
    return f"{role}账号{ROLE_SCOPE.get(role, '')}，不能{action}。"


# The street and district views (controllers.station.views) show other stations' records: whatever the role, nothing
# that changes the ledger's records is allowed there. Reference data, settings and accounts are not scoped by the view.
RECORD_EDITS = frozenset({"edit_cases", "edit_complaints", "import_complaints", "edit_trainings", "edit_meetings",
                          "edit_patrols", "typical_cases"})
READ_ONLY_VIEW_MESSAGES: dict[str, str] = {
    "street": "当前为全街镇视图（只读），请切换回本工作室视图后再修改。",
    "district": "当前为全区视图（只读），请切换回本工作室视图后再修改。",
}


def view_refusal(ctx: AppContext, permission: str) -> str | None:
    """The refusal when the current view is read only and `permission` edits records; None when the view allows it."""
    return READ_ONLY_VIEW_MESSAGES.get(ctx.view) if permission in RECORD_EDITS else None


def can(ctx: AppContext, permission: str) -> bool:
    """True when the role holds `permission` and the current view allows it (UI uses it to hide or disable controls)."""
    if permission not in ACTIONS:
        raise KeyError(permission)
    return permission in ctx.user.permissions and view_refusal(ctx, permission) is None


def require(ctx: AppContext, permission: str) -> None:
    """Raise PermissionDenied (and write a refusal to the audit log) unless the role and the view allow `permission`."""
    if can(ctx, permission):
        return
    by_view = view_refusal(ctx, permission) if permission in ctx.user.permissions else None
    if by_view is not None:
        audit.record(ctx, "denied", detail={"permission": permission, "reason": "view"})
        raise PermissionDenied(by_view, permission=permission)
    audit.record(ctx, "denied", detail={"permission": permission})
    raise PermissionDenied(denial_message(ctx.user.role, permission), permission=permission)


def require_any(ctx: AppContext, *permissions: str) -> None:
    """Pass when the role and view allow any of `permissions`; otherwise refuse as `require` does for the first."""
    if not any(can(ctx, p) for p in permissions):
        require(ctx, permissions[0])


P = ParamSpec("P")
R = TypeVar("R")


def requires(permission: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator for controller functions whose first argument is the AppContext: check before doing anything."""
    if permission not in ACTIONS:
        raise KeyError(permission)

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            ctx: Any = args[0] if args else kwargs.get("ctx")
            require(ctx, permission)
            return fn(*args, **kwargs)

        checked.__permission__ = permission  # type: ignore[attr-defined]
        return checked

    return decorate


def allowed_estate_ids(ctx: AppContext) -> frozenset[int] | None:
    """Estates the user may see in meeting mode: None = all; a 居委代表 only their own (maybe none)."""
    require(ctx, "meeting_mode")
    return ctx.user.estate_ids if ctx.user.role == REP else None


def require_estates(ctx: AppContext, estate_ids: Iterable[int]) -> None:
    """Refuse a 居委代表 any estate that is not theirs (meeting-mode calls pass the estates they would show)."""
    allowed = allowed_estate_ids(ctx)
    if allowed is None:
        return
    if any(e not in allowed for e in estate_ids):
        audit.record(ctx, "denied", detail={"permission": "meeting_mode", "reason": "estate"})
        raise PermissionDenied("居委代表账号只能查看本居委会所辖小区的会商内容。", permission="meeting_mode")
