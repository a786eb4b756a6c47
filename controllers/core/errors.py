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


NUL_IN_TEXT = "输入的内容含有无法保存的不可见控制字符（多见于从其他文件粘贴的内容），请删除后重试。未做任何更改。"
DATABASE_BUSY = ("数据正被另一个程序使用（例如另一个台账窗口、正在运行的导入或其他打开了数据库文件的程序），"
                 "等了 10 秒仍未轮到，操作未完成，数据没有改动。请稍后再试，或先关闭那个程序。")


def user_error_for(exc: BaseException) -> UserError | None:
    """The Chinese UserError for a failure that is the user's situation, not a bug; None for anything else.

    SQLite answers "database is locked" when another program kept its write lock past our busy timeout (10 s):
    the user can do something about that (wait, close the other program), so it must not read as a crash.
    PostgreSQL refuses any text holding a NUL character (a paste from a binary file), in a lookup as in a save;
    SQLite takes it. Either way the input is the user's: a Chinese refusal, not a crash that depends on the engine.
    """
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 20:
        text = str(current).lower()
        busy = "database is locked" in text or "database is busy" in text
        if type(current).__name__ == "OperationalError" and busy:
            return UserError(DATABASE_BUSY)
        if type(current).__name__ == "DataError" and "nul (0x00)" in text:
            return ValidationError(NUL_IN_TEXT)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
        seen += 1
    return None
