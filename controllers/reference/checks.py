"""Shared checks for the reference-data controllers: field validation, duplicates, references, DB errors."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from controllers.core.clock import utcnow
from controllers.core.context import AppContext
from controllers.core.errors import InUseError, NotFoundError, UserError, ValidationError

log = logging.getLogger(__name__)

T = TypeVar("T")

# Phone numbers come as mobiles, landlines with area code and extension, or hotline numbers.
_PHONE_RE = re.compile(r"^[0-9+\-() ]{3,30}$")


def text(value: str | None, *, field: str, label: str, max_len: int, required: bool = False) -> str | None:
    """Strip a text field; None when empty; refuse missing required values and overlong ones."""
    # NUL is never meant (a paste from a binary file) and PostgreSQL cannot store it in a text column.
    cleaned = (value or "").replace("\x00", "").strip()
    if not cleaned:
        if required:
            raise ValidationError(f"请填写{label}。", field=field)
        return None
    if len(cleaned) > max_len:
        raise ValidationError(f"{label}不能超过 {max_len} 个字（现在 {len(cleaned)} 个）。", field=field)
    return cleaned


def required_text(value: str | None, *, field: str, label: str, max_len: int) -> str:
    """Like text(), for a field that must be filled in."""
    cleaned = text(value, field=field, label=label, max_len=max_len, required=True)
    assert cleaned is not None
    return cleaned


def number(
    value: int | None, *, field: str, label: str, minimum: int, maximum: int, required: bool = False
) -> int | None:
    """Check an integer field lies in range; None allowed unless required. A whole float or Decimal (5.0) counts as
    its integer; text, a fraction, NaN or infinity is refused in Chinese rather than compared (a TypeError)."""
    if value is None:
        if required:
            raise ValidationError(f"请填写{label}。", field=field)
        return None
    whole = _whole(value)
    if whole is None:
        raise ValidationError(f"{label}应为整数。", field=field)
    if not minimum <= whole <= maximum:
        raise ValidationError(f"{label}应在 {minimum} 到 {maximum} 之间。", field=field)
    return whole


def _whole(value: object) -> int | None:
    """An int, or a float or Decimal with no fraction, as an int; None for text, True/False, 1.5, NaN, infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        whole = int(value)
    except (ValueError, OverflowError):  # NaN, infinity
        return None
    return whole if whole == value else None


def phone(value: str | None, *, field: str, label: str = "电话") -> str | None:
    """A phone number: digits, spaces, +, - and brackets only."""
    cleaned = text(value, field=field, label=label, max_len=30)
    if cleaned is not None and not _PHONE_RE.match(cleaned):
        raise ValidationError(f"{label}只能包含数字、空格、“-”、“+”和括号。", field=field)
    return cleaned


def one_of(value: str | None, choices: Sequence[str], *, field: str, label: str) -> str:
    """A value from a closed vocabulary."""
    if value is None or value not in choices:
        raise ValidationError(f"{label}应为：{'、'.join(choices)}。", field=field)
    return value


def fmt_day(day: date) -> str:
    """A date as users read it: 2024年10月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


def ensure_unique(
    s: Session, column: Any, value: Any, *, exclude_id: int | None, message: str, field: str, extra: Any = None
) -> None:
    """Refuse a value another row already holds (checked before writing, so the message is precise)."""
    if value is None:
        return
    model = column.class_
    stmt = select(model.id).where(column == value)
    if extra is not None:
        stmt = stmt.where(extra)
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    if s.scalar(stmt.limit(1)) is not None:
        raise ValidationError(message, field=field)


def fetch(s: Session, model: type[T], record_id: int, noun: str) -> T:
    """Load a row by id or raise NotFoundError naming what is missing."""
    obj = s.get(model, record_id)
    if obj is None:
        raise NotFoundError(f"找不到该{noun}，可能已被删除。请刷新列表。")
    return obj


def count(s: Session, stmt: Any) -> int:
    """Rows of a select(...) statement, counted in the database."""
    return int(s.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def refuse_if_used(noun: str, references: Sequence[tuple[int, str]], *, hint: str = "") -> None:
    """Raise InUseError listing every non-zero reference: “该小区仍有 12 件案件、3 件诉件引用，不能删除。”"""
    parts = [f"{n} {unit}" for n, unit in references if n]
    if parts:
        raise InUseError(f"该{noun}仍有 {'、'.join(parts)}引用，不能删除。{hint}")


def touch(obj: Any) -> None:
    """Write updated_at even when only child rows changed (onupdate fires only for the row's own columns)."""
    obj.updated_at = utcnow()


@contextmanager
def write(ctx: AppContext, noun: str) -> Iterator[Session]:
    """One session for one user action; a constraint the checks missed becomes a Chinese message, not a crash."""
    try:
        with ctx.db.session() as s:
            yield s
    except IntegrityError as exc:
        log.warning("integrity error saving %s: %s", noun, exc.orig.__class__.__name__)
        raise UserError(f"无法保存该{noun}：与已有数据冲突（可能重名或仍被引用）。请检查后重试。") from exc
