"""Masking of personal data (names, phone numbers) for list views and shared screens."""

from __future__ import annotations


def mask_name(name: str | None) -> str:
    """Keep the first character, replace the rest with * (张三 -> 张*, 欧阳娜娜 -> 欧***)."""
    if not name:
        return ""
    name = name.strip()
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
