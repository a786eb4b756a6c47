"""Errors a user can cause, each carrying a Chinese message that says what to do."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused operation; `message` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """A field value is missing or invalid; `field` names the field when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UserError):
    """The record asked for does not exist (any more)."""


class InUseError(UserError):
    """A record cannot be deleted because others still refer to it."""


class ConflictError(UserError):
    """Someone else changed the record since it was opened."""


class DataDirError(UserError):
    """The data directory cannot be used (not writable, or holds a foreign file)."""
