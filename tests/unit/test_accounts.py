"""Accounts: first administrator, Argon2 sign-in, lockout after five failures for 15 minutes, admin reset."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from controllers.accounts import users as accounts
from controllers.accounts.users import LoginError
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.core.permissions import ADMIN, NOBODY, REP, STAFF
from models.admin import User
from tests.unit.case_fixtures import make_estate

NOW = datetime(2025, 3, 4, 1, 0)  # UTC = 09:00 in Shanghai


def first_admin(ctx: AppContext) -> None:
    accounts.create_first_admin(ctx, username="admin", display_name="王站长", password="station-2025",
                                password_again="station-2025")


def test_first_start_creates_admin_once_and_signs_in(app_ctx: AppContext) -> None:
    assert not accounts.has_users(app_ctx)
    with pytest.raises(ValidationError, match="至少需要 8 个字符"):
        accounts.create_first_admin(app_ctx, username="admin", display_name="王", password="short",
                                    password_again="short")
    with pytest.raises(ValidationError, match="不一致"):
        accounts.create_first_admin(app_ctx, username="admin", display_name="王", password="station-2025",
                                    password_again="station-2026")
    first_admin(app_ctx)
    assert accounts.has_users(app_ctx) and app_ctx.user.role == ADMIN and app_ctx.actor == "王站长"
    with pytest.raises(UserError, match="已经有账号"):
        first_admin(app_ctx)
    with app_ctx.db.session() as s:
        stored = s.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2id$") and "station-2025" not in stored


def test_login_wrong_password_then_right(app_ctx: AppContext) -> None:
    first_admin(app_ctx)
    accounts.logout(app_ctx)
    assert app_ctx.user == NOBODY
    with pytest.raises(LoginError, match="再错 4 次"):
        accounts.login(app_ctx, username="admin", password="nope-nope", now=NOW)
    with pytest.raises(LoginError, match="用户名或密码不正确"):
        accounts.login(app_ctx, username="nobody", password="station-2025", now=NOW)
    user = accounts.login(app_ctx, username="ADMIN", password="station-2025", now=NOW)
    assert user.role == ADMIN and app_ctx.user == user


def test_five_failures_lock_for_15_minutes_then_unlock(app_ctx: AppContext) -> None:
    first_admin(app_ctx)
    for _ in range(4):
        with pytest.raises(LoginError):
            accounts.login(app_ctx, username="admin", password="wrong-pass", now=NOW)
    with pytest.raises(LoginError, match="已锁定 15 分钟，请在 09:15 后再试") as err:
        accounts.login(app_ctx, username="admin", password="wrong-pass", now=NOW)
    assert err.value.locked_until == datetime(2025, 3, 4, 9, 15)
    # Even the right password is refused while locked.
    with pytest.raises(LoginError, match="09:15"):
        accounts.login(app_ctx, username="admin", password="station-2025", now=NOW + timedelta(minutes=14))
    assert accounts.login(app_ctx, username="admin", password="station-2025",
                          now=NOW + timedelta(minutes=15, seconds=1)).role == ADMIN


def test_admin_creates_accounts_resets_and_unlocks(app_ctx: AppContext) -> None:
    first_admin(app_ctx)
    estate = make_estate(app_ctx)
    staff = accounts.create_account(app_ctx, username="li", display_name="李敏", password="li-secret-1", role=STAFF)
    with pytest.raises(ValidationError, match="已被使用"):
        accounts.create_account(app_ctx, username="LI", display_name="x", password="li-secret-1", role=STAFF)
    with pytest.raises(ValidationError, match="至少要选择一个小区"):
        accounts.create_account(app_ctx, username="rep", display_name="居委", password="rep-secret", role=REP)
    rep = accounts.create_account(app_ctx, username="rep", display_name="居委", password="rep-secret", role=REP,
                                  estate_ids=[estate])
    assert rep.estate_ids == (estate,)
    for _ in range(5):
        with pytest.raises(LoginError):
            accounts.login(app_ctx, username="li", password="forgotten", now=NOW)
    first_admin_ctx = app_ctx
    accounts.login(first_admin_ctx, username="admin", password="station-2025", now=NOW)
    listed = {a.username: a for a in accounts.list_accounts(app_ctx, now=NOW)}
    assert listed["li"].locked_until is not None
    accounts.reset_password(app_ctx, staff.id, password="li-new-pass")
    assert accounts.login(app_ctx, username="li", password="li-new-pass", now=NOW).role == STAFF
    signed_rep = accounts.login(app_ctx, username="rep", password="rep-secret", now=NOW)
    assert signed_rep.estate_ids == {estate}


def test_last_admin_cannot_be_demoted_or_disabled(app_ctx: AppContext) -> None:
    first_admin(app_ctx)
    admin_id = app_ctx.user.user_id
    assert admin_id is not None
    with pytest.raises(UserError, match="唯一的管理员"):
        accounts.update_account(app_ctx, admin_id, display_name="王站长", role=STAFF, active=True)
    with pytest.raises(UserError, match="唯一的管理员"):
        accounts.update_account(app_ctx, admin_id, display_name="王站长", role=ADMIN, active=False)


def test_disabled_account_cannot_sign_in(app_ctx: AppContext) -> None:
    first_admin(app_ctx)
    staff = accounts.create_account(app_ctx, username="li", display_name="李敏", password="li-secret-1", role=STAFF)
    accounts.update_account(app_ctx, staff.id, display_name="李敏", role=STAFF, active=False)
    with pytest.raises(LoginError, match="已停用"):
        accounts.login(app_ctx, username="li", password="li-secret-1")


def test_change_own_password(app_ctx: AppContext) -> None:
    first_admin(app_ctx)
    with pytest.raises(ValidationError, match="当前密码不正确"):
        accounts.change_own_password(app_ctx, old_password="x", new_password="new-pass-1", new_again="new-pass-1")
    accounts.change_own_password(app_ctx, old_password="station-2025", new_password="new-pass-1",
                                 new_again="new-pass-1")
    assert accounts.login(app_ctx, username="admin", password="new-pass-1").role == ADMIN


def test_idle_minutes_setting(app_ctx: AppContext) -> None:
    assert accounts.get_idle_minutes(app_ctx) == 15
    assert accounts.set_idle_minutes(app_ctx, "5") == 5
    assert accounts.get_idle_minutes(app_ctx) == 5
    with pytest.raises(ValidationError, match="0 到 480"):
        accounts.set_idle_minutes(app_ctx, 1000)
