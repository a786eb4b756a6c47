"""Accounts: the first administrator, sign-in with Argon2 hashes and lockout, account management, the idle-lock time."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from controllers.core import audit
from controllers.core.clock import to_local, utcnow
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, UserError, ValidationError
from controllers.core.permissions import ADMIN, NOBODY, REP, ROLES, SignedInUser, require, requires
from models.admin import Setting, User
from models.reference import Estate

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
IDLE_KEY = "idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 15

_hasher = PasswordHasher()


class LoginError(UserError):
    """Wrong name or password, or a locked or disabled account; `locked_until` is local time when locked."""

    def __init__(self, message: str, *, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


@dataclass(frozen=True)
class AccountRow:
    """One account as the administrator's page lists it (never the hash)."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None  # local time, None when not locked
    last_login_at: datetime | None  # local time
    estate_ids: tuple[int, ...]
    estate_names: tuple[str, ...]


def _row(u: User, now: datetime) -> AccountRow:
    locked = u.locked_until if u.locked_until and u.locked_until > now else None
    estates = sorted(u.estates, key=lambda e: e.name)
    return AccountRow(id=u.id, username=u.username, display_name=u.display_name, role=u.role, active=bool(u.active),
                      locked_until=to_local(locked), last_login_at=to_local(u.last_login_at),
                      estate_ids=tuple(e.id for e in estates), estate_names=tuple(e.name for e in estates))


def _signed_in(u: User) -> SignedInUser:
    return SignedInUser(username=u.username, display_name=u.display_name, role=u.role,
                        estate_ids=frozenset(e.id for e in u.estates), user_id=u.id)


# ---- validation ---------------------------------------------------------------------------------

def validate_username(text: str | None) -> str:
    name = (text or "").strip()
    if not name:
        raise ValidationError("请填写用户名。", field="username")
    if len(name) > 40 or any(ch.isspace() for ch in name):
        raise ValidationError("用户名不能含空格，最长 40 个字符。", field="username")
    return name


def validate_display_name(text: str | None) -> str:
    name = (text or "").strip()
    if not name:
        raise ValidationError("请填写姓名（显示名）。", field="display_name")
    if len(name) > 60:
        raise ValidationError("姓名最长 60 个字符。", field="display_name")
    return name


def validate_password(password: str | None, again: str | None = None) -> str:
    pw = password or ""
    if len(pw) < MIN_PASSWORD:
        raise ValidationError(f"密码至少需要 {MIN_PASSWORD} 个字符。", field="password")
    if len(pw) > 200:
        raise ValidationError("密码最长 200 个字符。", field="password")
    if again is not None and again != pw:
        raise ValidationError("两次输入的密码不一致，请重新输入。", field="password_again")
    return pw


def _role(role: str | None) -> str:
    if role not in ROLES:
        raise ValidationError(f"角色应为 {'、'.join(ROLES)} 之一。", field="role")
    return role


def _estates(s: Session, role: str, estate_ids: Iterable[int]) -> list[Estate]:
    ids = sorted(set(estate_ids))
    if role != REP:
        return []  # only a rep's view is limited by estate
    if not ids:
        raise ValidationError("居委代表账号至少要选择一个小区。", field="estates")
    estates = list(s.scalars(select(Estate).where(Estate.id.in_(ids))))
    if len(estates) != len(ids):
        raise ValidationError("所选小区已不存在，请重新选择。", field="estates")
    return estates


def _username_free(s: Session, username: str) -> None:
    if s.scalar(select(User.id).where(func.lower(User.username) == username.lower())) is not None:
        raise ValidationError(f"用户名“{username}”已被使用，请换一个。", field="username")


# ---- first start and sign-in -------------------------------------------------------------------

def has_users(ctx: AppContext) -> bool:
    """False on the first start: the GUI then asks for the administrator account instead of a login."""
    with ctx.db.session() as s:
        return s.scalar(select(func.count(User.id))) != 0


def create_first_admin(ctx: AppContext, *, username: str, display_name: str, password: str,
                       password_again: str) -> SignedInUser:
    """Create the first administrator (only while there are no accounts) and sign them in."""
    name, shown = validate_username(username), validate_display_name(display_name)
    pw = validate_password(password, password_again)
    with ctx.db.session() as s:
        if s.scalar(select(func.count(User.id))):
            raise UserError("已经有账号了，请用已有的管理员账号登录。")
        user = User(username=name, display_name=shown, password_hash=_hasher.hash(pw), role=ADMIN, active=True,
                    failed_attempts=0, last_login_at=utcnow())
        s.add(user)
        s.flush()
        signed = _signed_in(user)
        audit.record(ctx, "account_create", entity="users", entity_uuid=user.uuid, username=name,
                     detail={"role": ADMIN, "first_start": True}, session=s)
        audit.record(ctx, "login", entity="users", entity_uuid=user.uuid, username=name, session=s)
    ctx.sign_in(signed)
    return signed


def login(ctx: AppContext, *, username: str, password: str, now: datetime | None = None) -> SignedInUser:
    """Check the password; five failures lock the account for 15 minutes. Signs the user in to `ctx`."""
    now = now or utcnow()
    name = (username or "").strip()
    failure: LoginError | None = None
    with ctx.db.session() as s:
        user = s.scalar(select(User).where(func.lower(User.username) == name.lower())) if name else None
        if user is None:
            failure = LoginError("用户名或密码不正确。")
        elif not user.active:
            failure = LoginError("该账号已停用，请联系管理员。")
        elif user.locked_until is not None and user.locked_until > now:
            until = to_local(user.locked_until)
            failure = LoginError(f"该账号因连续 {MAX_FAILURES} 次密码错误已锁定，请在 {until:%H:%M} 后再试，"
                                 "或请管理员解锁。", locked_until=until)
        elif not _verify(user, password):
            user.failed_attempts = (user.failed_attempts or 0) + 1
            if user.failed_attempts >= MAX_FAILURES:
                user.failed_attempts = 0
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                until = to_local(user.locked_until)
                failure = LoginError(f"密码连续错误 {MAX_FAILURES} 次，账号已锁定 {LOCK_MINUTES} 分钟，"
                                     f"请在 {until:%H:%M} 后再试，或请管理员解锁。", locked_until=until)
                audit.record(ctx, "lock", entity="users", entity_uuid=user.uuid, username=user.username, session=s)
            else:
                left = MAX_FAILURES - user.failed_attempts
                failure = LoginError(f"用户名或密码不正确。再错 {left} 次账号将锁定 {LOCK_MINUTES} 分钟。")
        if failure is not None:
            # The typed name only (it may not exist); never the password.
            audit.record(ctx, "login_failed", username=name[:40], session=s)
        else:
            assert user is not None
            user.failed_attempts = 0
            user.locked_until = None
            user.last_login_at = now
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            signed = _signed_in(user)
            audit.record(ctx, "login", entity="users", entity_uuid=user.uuid, username=user.username, session=s)
    if failure is not None:
        raise failure
    ctx.sign_in(signed)
    return signed


def _verify(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def logout(ctx: AppContext) -> None:
    """Sign out; the GUI shows the login dialog again."""
    if ctx.user.role:
        audit.record(ctx, "logout")
    ctx.sign_in(NOBODY)


def record_lock(ctx: AppContext) -> None:
    """The idle timer locked the window (the user stays signed in underneath until they unlock or switch)."""
    audit.record(ctx, "lock", detail={"idle": True})


# ---- administration ---------------------------------------------------------------------------

@requires("manage_accounts")
def list_accounts(ctx: AppContext, *, now: datetime | None = None) -> list[AccountRow]:
    with ctx.db.session() as s:
        return [_row(u, now or utcnow()) for u in s.scalars(select(User).order_by(User.username))]


def _fetch(s: Session, user_id: int) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise NotFoundError("该账号已不存在，请刷新列表。")
    return user


@requires("manage_accounts")
def create_account(ctx: AppContext, *, username: str, display_name: str, password: str, role: str,
                   estate_ids: Iterable[int] = ()) -> AccountRow:
    name, shown, pw, role = (validate_username(username), validate_display_name(display_name),
                             validate_password(password), _role(role))
    with ctx.db.session() as s:
        _username_free(s, name)
        user = User(username=name, display_name=shown, password_hash=_hasher.hash(pw), role=role, active=True,
                    failed_attempts=0, estates=_estates(s, role, estate_ids))
        s.add(user)
        s.flush()
        audit.record(ctx, "account_create", entity="users", entity_uuid=user.uuid,
                     detail={"account": name, "role": role}, session=s)
        return _row(user, utcnow())


def _keeps_an_admin(s: Session, user: User, *, role: str, active: bool) -> None:
    if user.role == ADMIN and user.active and not (role == ADMIN and active):
        others = s.scalar(select(func.count(User.id)).where(User.role == ADMIN, User.active.is_(True),
                                                            User.id != user.id))
        if not others:
            raise UserError("这是唯一的管理员账号，不能停用或改为其他角色。请先为另一个账号设置管理员角色。")


@requires("manage_accounts")
def update_account(ctx: AppContext, user_id: int, *, display_name: str, role: str, active: bool,
                   estate_ids: Iterable[int] = ()) -> AccountRow:
    shown, role = validate_display_name(display_name), _role(role)
    with ctx.db.session() as s:
        user = _fetch(s, user_id)
        _keeps_an_admin(s, user, role=role, active=active)
        before = {"role": user.role, "active": bool(user.active)}
        user.display_name, user.role, user.active = shown, role, active
        user.estates = _estates(s, role, estate_ids)
        audit.record(ctx, "account_update", entity="users", entity_uuid=user.uuid,
                     detail={"account": user.username, "before": before, "after": {"role": role, "active": active}},
                     session=s)
        return _row(user, utcnow())


@requires("manage_accounts")
def reset_password(ctx: AppContext, user_id: int, *, password: str, password_again: str | None = None) -> AccountRow:
    """Set a new password for someone who forgot theirs; also lifts a lockout."""
    pw = validate_password(password, password_again)
    with ctx.db.session() as s:
        user = _fetch(s, user_id)
        user.password_hash = _hasher.hash(pw)
        user.failed_attempts, user.locked_until = 0, None
        audit.record(ctx, "password_reset", entity="users", entity_uuid=user.uuid,
                     detail={"account": user.username}, session=s)
        return _row(user, utcnow())


@requires("manage_accounts")
def unlock_account(ctx: AppContext, user_id: int) -> AccountRow:
    with ctx.db.session() as s:
        user = _fetch(s, user_id)
        user.failed_attempts, user.locked_until = 0, None
        audit.record(ctx, "account_unlock", entity="users", entity_uuid=user.uuid,
                     detail={"account": user.username}, session=s)
        return _row(user, utcnow())


def change_own_password(ctx: AppContext, *, old_password: str, new_password: str, new_again: str) -> None:
    """Any signed-in account may change its own password, knowing the current one."""
    if ctx.user.user_id is None:
        raise UserError("本机命令行没有账号密码可改。")
    pw = validate_password(new_password, new_again)
    with ctx.db.session() as s:
        user = _fetch(s, ctx.user.user_id)
        if not _verify(user, old_password):
            raise ValidationError("当前密码不正确。", field="old_password")
        user.password_hash = _hasher.hash(pw)
        audit.record(ctx, "password_change", entity="users", entity_uuid=user.uuid, session=s)


# ---- idle lock ---------------------------------------------------------------------------------

def get_idle_minutes(ctx: AppContext) -> int:
    """Minutes without keyboard or mouse before the window locks; 0 = never."""
    with ctx.db.session() as s:
        value = s.get(Setting, IDLE_KEY)
    try:
        return max(0, int(value.value)) if value is not None else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def set_idle_minutes(ctx: AppContext, minutes: int | str) -> int:
    require(ctx, "edit_settings")
    try:
        value = int(str(minutes).strip())
    except ValueError:
        raise ValidationError("自动锁定时间应为整数分钟（0 表示不自动锁定）。", field="idle_lock_minutes") from None
    if not 0 <= value <= 480:
        raise ValidationError("自动锁定时间应在 0 到 480 分钟之间（0 表示不自动锁定）。", field="idle_lock_minutes")
    with ctx.db.session() as s:
        row = s.get(Setting, IDLE_KEY)
        if row is None:
            s.add(Setting(key=IDLE_KEY, value=str(value)))
        else:
            row.value = str(value)
    return value
