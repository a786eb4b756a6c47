"""Table models for the accounts list and the audit log (read-only rows from the controllers)."""

from __future__ import annotations

from typing import Any

from controllers.accounts.audit_log import AuditRow
from controllers.accounts.users import AccountRow
from ui.common.rows_model import RowsModel


class AccountsModel(RowsModel):
    """Accounts: username, name, role, estates, state, last sign-in."""

    def headers(self) -> list[str]:
        return [self.tr("Username"), self.tr("Name"), self.tr("Role"), self.tr("Estates"), self.tr("State"),
                self.tr("Last sign-in")]

    def value(self, row: AccountRow, column: int) -> Any:
        if column == 0:
            return row.username
        if column == 1:
            return row.display_name
        if column == 2:
            return row.role
        if column == 3:
            return "、".join(row.estate_names)
        if column == 4:
            if not row.active:
                return self.tr("Disabled")
            if row.locked_until is not None:
                return self.tr("Locked until %1").replace("%1", f"{row.locked_until:%H:%M}")
            return self.tr("Active")
        return f"{row.last_login_at:%Y-%m-%d %H:%M}" if row.last_login_at else ""


class AuditModel(RowsModel):
    """Audit entries, newest first: time, user, action, record kind, record UUID, detail."""

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Record"), self.tr("Record ID"),
                self.tr("Detail")]

    def value(self, row: AuditRow, column: int) -> Any:
        return (f"{row.at:%Y-%m-%d %H:%M:%S}", row.username, row.action_label, row.entity_label,
                row.entity_uuid, row.detail)[column]
