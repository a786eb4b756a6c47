"""Hide what a role cannot use. Only a courtesy: the controllers refuse the operation whatever the UI shows."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QWidget

from controllers.core.context import AppContext
from controllers.core.permissions import can

# Sidebar page → what the role needs to see it at all. A 居委代表 only has the dashboard (meeting mode lives there).
PAGE_PERMISSION = {
    "dashboard": "meeting_mode", "cases": "view", "complaints": "view", "trainings": "view", "meetings": "view",
    "stats": "view", "reference": "view", "settings": "view", "supervision": "view",
}
# Which permission a page's editing buttons stand for.
EDIT_PERMISSION = {
    "cases": "edit_cases", "complaints": "edit_complaints", "trainings": "edit_trainings",
    "meetings": "edit_meetings", "reference": "edit_reference", "settings": "edit_settings",
}
# Buttons are found by their attribute names on the page and its child widgets: the pages keep the
# editing controls as attributes named like these (new_button, delete_button, contact_add...).
_EDIT_NAME = re.compile(r"(^|_)(new|add|delete|remove|save|edit|link|done|paste|import|all_present|group_case|"
                        r"choose|clear_second|restore)(_|$)")
_SPECIAL = {"import_button": "import_complaints", "export_button": "export", "print_button": "print",
            "backup_button": "backup", "restore_button": "restore", "choose_button": "edit_settings",
            "clear_button": None, "issue_button": "supervise", "close_order_button": "supervise",
            "answer_button": "answer_supervision", "clinic_button": "edit_meetings",
            "notice_button": "print"}


def may_open(ctx: AppContext, page_key: str) -> bool:
    return can(ctx, PAGE_PERMISSION.get(page_key, "view"))


def guard_page(ctx: AppContext, page_key: str, page: QWidget) -> list[QAbstractButton]:
    """Hide the editing, export and print buttons the role may not use; returns the hidden buttons."""
    edit = EDIT_PERMISSION.get(page_key)
    hidden: list[QAbstractButton] = []
    for owner in (page, *page.findChildren(QWidget)):
        for name, value in list(vars(owner).items()):
            if not isinstance(value, QAbstractButton):
                continue
            permission = _SPECIAL.get(name, "") if name in _SPECIAL else (edit if _EDIT_NAME.search(name) else None)
            if page_key == "settings" and name == "clear_button":
                permission = "edit_settings"  # the second backup folder's 清除
            if permission and not can(ctx, permission):
                value.setVisible(False)
                value.setEnabled(False)
                hidden.append(value)
    return hidden
