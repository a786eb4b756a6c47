"""The 工作台's reminder to enter next year's holidays before working-day deadlines run into it uncounted.

From 1 December (the State Council publishes the coming year's arrangement in the autumn) while next year is not
covered, and at any time when this year itself is not: only to a role that may enter them (基础数据 rights).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from controllers.core.workdays import covered_years

REMIND_FROM_MONTH = 12


def reminder_text(s: Session, on: date, *, may_enter: bool) -> str:
    """The reminder's Chinese text, or empty when none is due (or the user, not `may_enter`, cannot act on it)."""
    if not may_enter:
        return ""
    covered = covered_years(s)
    if on.year not in covered and on.year > min(covered, default=on.year):
        return (f"尚未录入{on.year}年的节假日和调休上班日期：工作日期限按估算计算（未含该年节假日）。"
                "请到 基础数据 › 节假日 录入全年节假日。")
    if on.month >= REMIND_FROM_MONTH and on.year + 1 not in covered:
        return (f"请录入{on.year + 1}年的节假日和调休上班日期（国务院办公厅通知发布后）："
                f"未录入前，算到{on.year + 1}年的工作日期限只是估算。")
    return ""
