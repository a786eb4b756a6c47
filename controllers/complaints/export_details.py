"""The complaint log's export columns beyond the list: reply and callback, the repeat group, places cut to the
building when personal data is masked (a room number beside an estate points to a household)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from controllers.core.batches import with_extras
from controllers.core.privacy import blank_rooms, export_text, place_without_room
from controllers.documents.xlsx_writer import Column
from models.complaints import Complaint

DETAIL_COLUMNS = (
    Column("答复内容", 40), Column("答复日期", 12, "date"), Column("回访日期", 12, "date"), Column("满意度", 10),
    Column("回访记录", 30), Column("重复组首件", 16),
)
_first = aliased(Complaint)


def details_in(s: Session, ids: Sequence[int], *, shown: Callable[[str | None], str]) -> dict[int, tuple[Any, ...]]:
    rows = s.execute(select(Complaint.id, Complaint.reply, Complaint.replied_on,
                            Complaint.callback_on, Complaint.satisfaction, Complaint.callback_note,
                            _first.work_order_no, _first.received_at, Complaint.repeat_of_id)
                     .outerjoin(_first, Complaint.repeat_of_id == _first.id).where(Complaint.id.in_(ids)))
    out = {}
    for cid, reply, replied, called, satisfied, note, first_no, first_at, first_id in rows:
        group = (first_no or (f"{first_at:%Y-%m-%d} 受理" if first_at else f"诉件#{first_id}")) if first_id else ""
        out[cid] = (shown(reply), replied, called, satisfied, shown(note), group)
    return out


def with_details(s: Session, rows: Iterable[Any], *, reveal_personal: bool) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    shown = export_text(s, reveal_personal)
    return with_extras(rows, lambda ids: details_in(s, ids, shown=shown),
                       ("",) * len(DETAIL_COLUMNS))


def shown_address(address: str | None, content: str, *, reveal_personal: bool) -> tuple[str, str]:
    """Address and content as the export writes them: cut to the building and rooms blanked when masked."""
    if reveal_personal:
        return address or "", content
    return place_without_room(address), blank_rooms(content)
