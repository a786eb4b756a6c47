"""Normalised forms of complainants' phones and addresses, so that repeats match however they were typed.

Pure functions in models/ so the schema (Complaint.address_key) and its migration can use them;
controllers.core.normalize re-exports them for the controllers.
"""

from __future__ import annotations

import re
import unicodedata

# Separators people and 12345 exports put inside phone numbers.
_PHONE_SEPARATORS = re.compile(r"[\s\-－—–()（）.·]+")
# Characters a trailing address may end with that do not change where it is.
_TRAILING_PUNCT = "，,。.、；;：:！!？?·…~～ \t"
_WHITESPACE = re.compile(r"\s+")


def halfwidth(value: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms (１３８ -> 138, （ -> ()."""
    # NFKC folds full-width forms (and the ideographic space) to ASCII; Chinese characters are unchanged.
    return unicodedata.normalize("NFKC", value)


def normalize_phone(value: str | None) -> str | None:
    """Digits only, without the +86 / 0086 country prefix; None when nothing is left.

    "+86 138-1234-5678", "１３８ １２３４ ５６７８" and "(021) 6222-1234" become "13812345678" and "02162221234".
    An extension (转 / ext) stays appended as digits: it is part of the number a resident gave.
    """
    if not value:
        return None
    if value.isascii() and value.isdigit() and not value.startswith(("86", "0086")):
        return value  # already plain digits (how phones are stored): repeat detection checks thousands at a time
    s = halfwidth(value).strip()
    s = _PHONE_SEPARATORS.sub("", s)
    s = s.replace("转", "").lower().replace("ext", "")
    if s.startswith("+86"):
        s = s[3:]
    elif s.startswith("0086"):
        s = s[4:]
    elif s.startswith("86") and len(s) == 13 and s[2] == "1":
        s = s[2:]  # 86 then an 11-digit mobile
    s = s.lstrip("+")
    return s or None


def normalize_address(value: str | None) -> str | None:
    """Half-width, no whitespace, no trailing punctuation, case-folded; None when empty.

    Chinese addresses carry no meaningful spaces ("长征镇 梅岭北路 100弄" = "长征镇梅岭北路100弄").
    """
    if not value:
        return None
    s = halfwidth(value)
    s = _WHITESPACE.sub("", s).rstrip(_TRAILING_PUNCT).casefold()
    return s or None
