"""Which incoming values are only stand-ins for ours: a blank or masked copy of what we hold, never a change.

A station that received a record without personal data holds it blanked (names, phones) or masked (free text with
phone numbers and names in it, masked in packages without personal data). When it sends the record back, even with
personal data, those values are what it made of ours, not edits: taken as changes they would wipe out every name
and phone at home (issue 16: 576 → 0 complaints with a phone after one round trip). The rule is per field and
generic: an incoming value that is blank where ours is not, or equals a masked form of ours, leaves ours as it is.
"A masked form" is judged by shape, not by re-running the other station's masking: it knew other names than we do,
so any copy of ours with characters hidden behind stars counts (is_starred_copy).
A person who really blanked a field at the other station loses that one edit; nobody loses a name they had.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from controllers.core.privacy import mask_free_text, mask_name, mask_phone
from controllers.exchange.schema import TableSpec

_FIELD_MASKS: tuple[Callable[[str], str], ...] = (mask_name, mask_phone, mask_free_text)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_starred_copy(theirs: str, ours: str) -> bool:
    """Whether `theirs` is `ours` with some characters hidden behind runs of '*' (each run standing for one or more
    characters): what any masking of ours looks like, whichever names or numbers the masking station knew. Checked
    greedily piece by piece (leftmost placement is optimal when the only wildcard is a run of stars), so a crafted
    text with many stars costs linear finds, never a regular expression's backtracking."""
    if "*" not in theirs or theirs == ours:
        return False
    pieces = re.split(r"\*+", theirs)
    first, last, middle = pieces[0], pieces[-1], pieces[1:-1]
    if not ours.startswith(first) or not ours.endswith(last) or len(ours) < len(first) + len(last) + 1:
        return False
    at, end = len(first) + 1, len(ours) - len(last) - 1  # each run of stars hides at least one character
    for piece in middle:
        found = ours.find(piece, at, end)
        if found < 0:
            return False
        at = found + len(piece) + 1
    return at <= end + 1


def _masked_forms(ts: TableSpec, column: str, ours: str, local: Mapping[Any, Any]) -> set[str]:
    """What masking may have made of our value: a personal field by any of the field masks; free text with its
    phone numbers masked, and also the record's own personal names (a complainant named in the complaint)."""
    forms = {mask_free_text(ours)}
    names = [local[c] for c in ts.personal if isinstance(local.get(c), str)]
    if names:
        forms.add(mask_free_text(ours, names))
    if column in ts.personal:
        forms.update(mask(ours) for mask in _FIELD_MASKS)
    forms.discard(ours)  # nothing to mask in it: an equal value is simply the same
    return forms


def stand_ins(ts: TableSpec, values: Mapping[str, Any], local: Mapping[Any, Any]) -> set[str]:
    """The columns of `values` whose incoming value only stands in for ours (blanked or masked): never written."""
    out = set()
    for column, theirs in values.items():
        ours = local.get(column)
        if theirs == ours or column not in ts.fields:
            continue
        if _blank(ours):
            if _blank(theirs):
                out.add(column)  # NULL for '' (or the reverse) is no change
            continue
        blanked = column in ts.personal and _blank(theirs)
        masked = isinstance(theirs, str) and isinstance(ours, str) and (
            theirs in _masked_forms(ts, column, ours, local) or is_starred_copy(theirs, ours))
        if blanked or masked:
            out.add(column)
    return out
