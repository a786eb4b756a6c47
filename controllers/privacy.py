"""Masking of personal data (names, phone numbers) for list views and shared screens; unmasking is by role, audited."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from controllers import audit
from controllers.permissions import can, require

if TYPE_CHECKING:
    from controllers.app import AppContext


def may_unmask(ctx: AppContext) -> bool:
    """管理员 and 工作人员 may see names and phones in full (they call residents back); 督导 and 居委代表 never."""
    return can(ctx, "view_personal")


def unmask(ctx: AppContext, *, entity: str, entity_uuid: str | UUID | None = None, count: int | None = None) -> None:
    """Refuse unless the role may see personal data; otherwise write the unmasking to the audit log (no values)."""
    require(ctx, "view_personal")
    audit.record(ctx, "unmask", entity=entity, entity_uuid=entity_uuid,
                 detail={"rows": count} if count is not None else None)


# A party (or, rarely, a complainant) can be an organisation: a property company, a shop. Its name is not personal
# data, and a brief that names 上海某某物业管理有限公司 tells a supervisor more than 上**********.
ORGANISATION_SUFFIXES = ("公司", "企业", "集团", "中心", "商店", "超市", "酒店", "饭店", "餐厅", "商行", "门店", "分店",
                         "工作室", "合作社", "事务所", "委员会", "学校", "医院", "幼儿园")


def is_organisation(name: str) -> bool:
    """A name of four or more characters ending like an organisation's (no person's name does)."""
    name = name.strip()
    return len(name) >= 4 and name.endswith(ORGANISATION_SUFFIXES)


def mask_name(name: str | None) -> str:
    """Keep the first character, replace the rest with * (张三 -> 张*, 欧阳娜娜 -> 欧***); an organisation's name
    is shown as it is."""
    if not name:
        return ""
    name = name.strip()
    if is_organisation(name):
        return name
    return name[:1] + "*" * (len(name) - 1)


def mask_phone(phone: str | None) -> str:
    """Keep the first 3 and last 4 digits (13812345678 -> 138****5678); short numbers keep only the last 2."""
    if not phone:
        return ""
    phone = phone.strip()
    if len(phone) >= 8:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    # Too short to keep 7 characters and still hide anything: show only the tail.
    return "*" * max(len(phone) - 2, 1) + phone[-2:] if len(phone) > 2 else "*" * len(phone)


# A mobile number (11 digits from 1) or a landline with its area code (021-12345678), not inside longer digit runs
# (work-order and case numbers stay as they are).
_PHONE_IN_TEXT = re.compile(r"(?<![\d-])(1\d{10}|0\d{2,3}-\d{7,8})(?!\d)")


def mask_free_text(text: str | None, names: Iterable[str | None] = ()) -> str:
    """Free text with every phone number in it masked the way lists mask them (138****5678), and every occurrence of
    the given personal names (the record's complainant, parties) masked like the name fields (张*)."""
    masked = _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(1)), text or "")
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        if len(name) >= 2 and not is_organisation(name):
            masked = masked.replace(name, mask_name(name))
    return masked
