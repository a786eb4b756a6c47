"""Masking of personal data (names, phone numbers) for list views and shared screens; unmasking is by role, audited."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from itertools import compress
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core import audit
from controllers.core.permissions import can, require
from models.cases import Case
from models.complaints import Complaint
from models.reference import (
    Category,
    Department,
    Estate,
    EstateAlias,
    EstateContact,
    PropertyCompany,
    Street,
)
from models.trainings import TrainingAttendee

if TYPE_CHECKING:
    from controllers.core.context import AppContext


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


# Digits and separators as people type them in Chinese text: full-width １３８－１２３４ reads as 138-1234. Each
# character maps to one character, so a match found in the folded text has the same span in the original.
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "－": "-", "　": " ", "＋": "+", "（": "(",
                       "）": ")", "ｘ": "x", "Ｘ": "X"})
_SEP = r"[ \-]?"
# Phone and ID numbers in free text, never inside a longer run of digits or letters (work-order numbers such as
# GD2025030400001, case numbers 2025-长征-0001, amounts and addresses' numbers stay as they are):
# an ID-card number (18 characters, a real birth date in it); a mobile (138 1234 5678, 138-1234-5678, +86 138…);
# a landline with its area code (021-12345678, (021)12345678); a Shanghai landline without one (6123 4567).
_NUMBER_IN_TEXT = re.compile(
    r"(?=[0-9+(])(?<![0-9A-Za-z])(?<![0-9A-Za-z][-_/])(?:"  # the first test skips text quickly
    r"(?P<id>[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])"
    r"|(?:(?:\+|00)86" + _SEP + r")?(?P<mobile>1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4})"
    r"|(?P<landline>\(?0\d{2,3}\)?" + _SEP + r"\d{3,4}" + _SEP + r"\d{4})"
    r"|(?P<local>[2-9]\d{3}" + _SEP + r"\d{4})"
    r")(?![0-9A-Za-z])"
)


_ANY_DIGIT = re.compile(r"[0-9\uff10-\uff19]")  # a digit, half- or full-width (those _FOLD turns into digits)


def _looks_like_date(digits: str) -> bool:
    """20250304 in a note is a date, not a landline."""
    if not re.fullmatch(r"(?:19|20)\d{6}", digits):
        return False
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False
    return True


def _mask_number(match: re.Match[str], *, blank: bool) -> str:
    kind = match.lastgroup or ""
    digits = re.sub(r"[^0-9Xx]", "", match.group(kind))
    if kind == "local" and _looks_like_date(digits):
        return match.group(0)
    prefix = match.group(0)[: match.start(kind) - match.start()]  # +86 stays: it says nothing about the person
    if blank:
        return prefix + "*" * len(digits)
    if kind == "landline":  # 021-12345678 -> 021*****5678, as mask_phone shows the 联系电话 column
        typed = re.sub(r"[\s()]", "", match.group(kind))
        return prefix + digits[:3] + "*" * (len(typed) - 7) + digits[-4:]
    if len(digits) >= 11:  # mobile, ID number: 138****5678 like the phone columns
        return prefix + digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return prefix + "*" * (len(digits) - 4) + digits[-4:]


def mask_numbers_in_text(text: str, *, blank: bool = False) -> str:
    """Every phone and ID-card number in free text masked (138****5678, ****4567; all stars when `blank`, for what
    residents' reps read); other numbers untouched."""
    if not _ANY_DIGIT.search(text):
        return text  # every number masked has digits: most text has none, and is passed without folding or a scan
    folded = text.translate(_FOLD)
    out, last = [], 0
    for m in _NUMBER_IN_TEXT.finditer(folded):
        out += [text[last:m.start()], _mask_number(m, blank=blank)]
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def mask_free_text(text: str | None, names: Iterable[str | None] | PersonalNames = (), *,
                   blank_numbers: bool = False) -> str:
    """Free text with every phone and ID-card number in it masked the way lists mask them (138****5678), and every
    occurrence of the given personal names (the record's complainant, parties, contacts) masked like the name
    fields (张*). Organisations' names stay (see is_organisation)."""
    masked = mask_numbers_in_text(text or "", blank=blank_numbers)
    people = names if isinstance(names, PersonalNames) else PersonalNames(names)
    return people.mask_in(masked) if people else masked


class PersonalNames:
    """A set of people's names to mask in free text, looked up by substring (a Chinese name is 2-4 characters):
    the cost grows with the text and the number of distinct name lengths, not with how many names there are, so a
    package can mask every name the ledger knows."""

    def __init__(self, names: Iterable[str | None], protected: Iterable[str | None] = ()) -> None:
        cleaned = {n.strip() for n in names if n and n.strip()}
        self.names = frozenset(n for n in cleaned if len(n) >= 2 and not is_organisation(n))
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)  # the longest name at a place wins
        self.starts = frozenset(n[:2] for n in self.names)
        # The characters a name begins with: a text holding none of them names nobody, and saying so needs no pairs
        # (most of a package's free text, issue 23: five in six texts of the 100k station skip the pairs this way).
        self.first_chars = frozenset(n[0] for n in self.names)
        self._seconds: dict[str, set[str]] = {}  # each first character's second characters
        for start in self.starts:
            self._seconds.setdefault(start[0], set()).add(start[1])
        # Words that are not people although a person's name is inside them: a resident called 李子 must not turn
        # 李子园小区 into 李*园小区 (that changes what the text says, and a masked copy coming back in an exchange
        # package must not be mistaken for an edit). Indexed by each name they contain, so a hit costs a few looks.
        self._covering: dict[str, list[str]] = {}
        for term in {t.strip() for t in protected if t and t.strip()}:
            for n in self.lengths:
                for i in range(len(term) - n + 1):
                    if term[i:i + n] in self.names:
                        self._covering.setdefault(term[i:i + n], []).append(term)

    def __bool__(self) -> bool:
        return bool(self.names)

    def mask_in(self, text: str) -> str:
        # Most text names nobody, and is passed without a scan (issue 23): most holds no name's first character (a set
        # test over its characters that builds nothing), the rest mostly no name's first two (_may_name). Otherwise
        # the character pairs are made by map in C, and only the places where a name may start are visited (a loop
        # over every character was a tenth of a full package's export).
        if self.first_chars.isdisjoint(text) or not self._may_name(text):
            return text
        pairs = list(map(str.__add__, text, text[1:]))
        out, last = [], 0
        for i in compress(range(len(pairs)), map(self.starts.__contains__, pairs)):
            if i < last:
                continue  # inside a name masked already
            hit = next((n for n in self.lengths
                        if text[i:i + n] in self.names and not self._inside_protected(text, i, n)), 0)
            if hit:
                out += [text[last:i], mask_name(text[i:i + hit])]
                last = i + hit
        out.append(text[last:])
        return "".join(out)

    def _may_name(self, text: str) -> bool:
        """Whether a name's first two characters stand anywhere in the text: each first character present is found
        by str.find and its next character looked up (a third of the cost of making every pair of a long text)."""
        for first in self.first_chars.intersection(text):
            seconds, at = self._seconds[first], text.find(first)
            while at >= 0:
                if text[at + 1:at + 2] in seconds:
                    return True
                at = text.find(first, at + 1)
        return False

    def _inside_protected(self, text: str, at: int, length: int) -> bool:
        """Whether the name at text[at:at+length] is part of a protected word (an estate's name, say) there."""
        name = text[at:at + length]
        for term in self._covering.get(name, ()):
            offset = term.find(name)
            while offset >= 0:
                if at - offset >= 0 and text.startswith(term, at - offset):
                    return True
                offset = term.find(name, offset + 1)
        return False


def known_names(session: Session) -> PersonalNames:
    """Every personal name the ledger holds (complainants, parties, estate contacts, trainees), for free text whose
    record does not say whom it names (meetings' notes, packages)."""
    columns = (Complaint.complainant_name, Case.party_name, EstateContact.name, TrainingAttendee.name)
    places = (Estate.name, Estate.residents_committee, EstateAlias.alias, Street.name, PropertyCompany.name,
              Department.name, Category.name)
    return PersonalNames((name for column in columns for name in session.scalars(select(column).distinct())),
                         protected=(term for column in places for term in session.scalars(select(column).distinct())))


TextMasker = Callable[[str | None], str | None]


def text_masker(full: bool, names: Iterable[str | None] | PersonalNames = ()) -> TextMasker:
    """A function for the free-text fields of one record: as they are when `full` (a role that may see personal
    data, or an audited reveal), otherwise through mask_free_text with the record's personal names. None stays
    None so a blank field reads as blank."""
    if full:
        return lambda text: text
    people = names if isinstance(names, PersonalNames) else PersonalNames(names)
    return lambda text: None if text is None else mask_free_text(text, people)


def export_text(session: Session, full: bool) -> Callable[[str | None], str]:
    """Free text as an export writes it: as typed when `full`, else with every personal name the ledger knows (a
    party's facts may name a neighbour who complained, a trainee, a contact) and every phone and ID number masked,
    and room numbers blanked (beside a masked name, 502室 still points to a household). None becomes ""."""
    if full:
        return lambda text: text or ""
    masked = text_masker(False, known_names(session))
    return lambda text: blank_rooms(masked(text) or "")


# Columns of each table that people type freely and that may hold a name or phone number: packages without
# personal data mask them (with the row's own personal names, from exchange_schema.PERSONAL) before blanking those.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "complaints": ("content", "reply", "callback_note"),
    "cases": ("facts", "measures", "result", "notes", "hold_reason"),
    "case_events": ("note", "changes"),
    "referrals": ("reason", "reply"),
    "trainings": ("notes",),
    "meetings": ("title", "people_present", "decisions"),
    "meeting_actions": ("description", "owner"),
    "estates": ("notes",),
    "estate_contacts": ("note",),
    "property_companies": ("notes",),
    "attachments": ("caption",),
    "typical_cases": ("title", "place", "facts", "handling", "outcome", "lesson"),
    "supervision_orders": ("reason_text", "answer", "close_note"),  # a 督办 reason may quote the resident
    "patrols": ("notes",),
    "patrol_checks": ("place", "note"),
}
# The personal names in a row of these tables, to mask wherever the row's free text repeats them.
ROW_NAMES: dict[str, tuple[str, ...]] = {
    "complaints": ("complainant_name",), "cases": ("party_name",), "estate_contacts": ("name",),
}


def mask_record_text(table: str, fields: dict[str, Any], names: PersonalNames | None = None) -> None:
    """Mask, in place, the free-text fields of one row of `table` (a package row's fields, say), with the given
    names (known_names) or else the row's own."""
    if names is None:  # built only when needed: an export masks a million rows with one set of known names
        names = PersonalNames(v for v in (fields.get(col) for col in ROW_NAMES.get(table, ())) if isinstance(v, str))
    for col in FREE_TEXT.get(table, ()):
        if isinstance(fields.get(col), str):
            fields[col] = mask_free_text(fields[col], names)


# -- places: a room number beside an estate points to a household ------------------------------------------------

# A building/number prefix ("12号楼", "长寿路100弄3号", "5幢", "7栋"): what may be shown of a place.
# 号 followed by 院 or 弄 (金沙江路1号院) names a compound or a lane, not the building.
_BUILDING = re.compile(r"^.*?\d+\s*(?:号楼|幢|栋|座|号(?![院弄]))")
# Anything that names a flat: a room or unit, or a 3-4 digit number after the building (3号楼502).
_ROOMISH = re.compile(r"室|号房|户|单元|(?:号楼|幢|栋|座|号|楼)\s*\d{2,4}|\d{3,4}\s*$")
_PLACE_PHONE = re.compile(r"1\d{10}|\d{3,4}-?\d{7,8}")
# A room number in free text, its digits blanked and the words kept so the sentence still reads: 502室, 3号房;
# a flat after its unit or building without 室 (3单元502, 5号楼1203, 7栋101, 100弄3号502); the 3-2-601 shorthand
# (building-unit-flat). Each pattern's groups are (kept, blanked, kept); a 1-2 digit number after a building is a
# floor or a unit (5号楼12层), kept.
_ROOM_IN_TEXT = re.compile(
    r"()(\d+)(\s*(?:室|号房))"
    r"|(单元\s*)(\d{2,4})((?![\d号幢栋座]))"
    r"|((?:号楼|幢|栋|座|号)\s*)(\d{3,4})((?![\d号幢栋座单年月日]))"
    r"|((?<![\d-])\d{1,3}-\d{1,2}-)(\d{3,4})((?![\d-]))"
)


def place_without_room(place: str | None) -> str:
    """The place cut down to the building: 3号楼502室 -> 3号楼; 楼道 places stay; a bare room goes entirely.

    Meeting mode shows places this way, and so does every export or write-up whose names are masked: a room number
    next to an estate's name points to one household as surely as a name does."""
    text = _PLACE_PHONE.sub("", (place or "").strip())
    if not text or not _ROOMISH.search(text):
        return text
    m = _BUILDING.match(text)
    building = m.group(0) if m else ""
    return "" if _ROOMISH.search(building) else building


def blank_rooms(text: str) -> str:
    """Room numbers in free text blanked (12号楼502室 -> 12号楼***室, 12幢3单元502 -> 12幢3单元***, 3-2-601 ->
    3-2-***), for text shared outside the station."""
    def blank(m: re.Match[str]) -> str:
        before, room, after = (g for g in m.groups() if g is not None)
        return before + "*" * len(room) + after
    return _ROOM_IN_TEXT.sub(blank, text)


# -- de-identified write-ups (典型案例, 以案释法): what goes to the 公众号 or a 守法小讲堂 names nobody --------------

# A flat or a room, with or without its building: 12号楼502室, 3幢1单元201, 502室, 5号房, 3-2-601.
_FLAT = re.compile(r"(?:\d+\s*(?:号楼|幢|栋|座|号)\s*)?(?:\d+\s*单元\s*)?\d+\s*(?:室|号房)"
                   r"|\d+\s*(?:号楼|幢|栋|座|号(?![院弄]))\s*(?:\d+\s*单元\s*)?\d{2,4}"
                   r"|(?<![\d-])\d{1,3}-\d{1,2}-\d{3,4}(?![\d-])")
PERSON_WORD, RESIDENT_WORD, PLACE_WORD, FLAT_WORD, NUMBER_WORD = "当事人", "某某", "某小区", "某室", "××××"
# Public text is stricter than a list's masking: any run of seven or more digits may hide a phone or an ID number
# (a list leaves GD2025030400001 alone; a write-up for residents has no business carrying it either).
_LONG_DIGITS = re.compile(r"\d{7,}")


def _numbers_in(text: str) -> list[tuple[int, int]]:
    """Spans of phone/ID numbers and long digit runs in text (dates such as 20250304 excepted)."""
    folded = text.translate(_FOLD)
    spans = [m.span() for m in _NUMBER_IN_TEXT.finditer(folded)
             if not (m.lastgroup == "local" and _looks_like_date(re.sub(r"\D", "", m.group(0))))]
    spans += [m.span() for m in _LONG_DIGITS.finditer(folded) if not _looks_like_date(m.group(0))]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _replace_all(text: str, words: Iterable[str | None], by: str, *, keep_organisations: bool) -> str:
    for word in sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True):
        if not (keep_organisations and is_organisation(word)):
            text = text.replace(word, by)
    return text


def deidentify(text: str | None, *, people: Iterable[str | None] = (), residents: Iterable[str | None] = (),
               places: Iterable[str | None] = ()) -> str:
    """Text for the public: the parties' names -> 当事人, residents' (complainants') -> 某某, the given places (the
    estate) -> 某小区, flats and rooms -> 某室, phone and ID numbers -> ××××. Used for a typical case's draft, which
    the user then edits."""
    out = _replace_all(text or "", places, PLACE_WORD, keep_organisations=False)
    out = _replace_all(out, people, PERSON_WORD, keep_organisations=True)
    out = _replace_all(out, residents, RESIDENT_WORD, keep_organisations=True)
    out = _FLAT.sub(FLAT_WORD, out)
    pieces, last = [], 0
    for start, end in _numbers_in(out):
        pieces += [out[last:start], NUMBER_WORD]
        last = end
    pieces.append(out[last:])
    return "".join(pieces)


def identifying_parts(text: str, *, people: Iterable[str | None] = ()) -> list[str]:
    """What in a text would identify someone (a phone or ID number, a room, one of the names): [] when none.
    Saving a typical case's write-up is refused while anything is listed."""
    found = [m.group(0) for m in _FLAT.finditer(text)]
    found += [text[start:end] for start, end in _numbers_in(text)]
    found += [n for n in {p.strip() for p in people if p and p.strip()} if len(n) >= 2 and n in text
              and not is_organisation(n)]
    return found
