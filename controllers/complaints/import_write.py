"""Writes parsed 12345 rows into the complaint log inside the caller's transaction, fast (Core bulk insert).

Core inserts bypass the ORM's search-index hook, so the inserted ids are reindexed here, and repeat
detection (controllers.complaints.repeats) runs on them in the same transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from controllers.complaints import import_rows as R
from controllers.complaints.repeats import detect_repeats
from controllers.core.clock import to_utc, utcnow
from controllers.core.workdays import WorkCalendar, load_calendar
from controllers.station import area as station
from models import search
from models.admin import AuditEntry
from models.complaints import Complaint
from models.normalize import normalize_address
from models.reference import Category, Estate, EstateAlias, Street

# The file's times are Shanghai local time; instants are stored naive UTC.
_T: Table = Complaint.__table__  # type: ignore[assignment]


def reply_due(cal: WorkCalendar, received_local: datetime, due: R.Due | None) -> date | None:
    """办理时限 as a date: as written, or counted from the day received (working days unless it says 天)."""
    if due is None:
        return None
    if due.on is not None:
        return due.on
    assert due.days is not None
    return cal.deadline(received_local.date(), due.days, working_days=due.working)


def street_of(street_ids: Mapping[str, int], text: str | None) -> int | None:
    """A street by full name, short name, or a name that contains/is contained in the cell."""
    if not text:
        return None
    t = R.match_text(text)
    if t in street_ids:
        return street_ids[t]
    hits = {sid for name, sid in street_ids.items() if len(name) >= 2 and (name in t or t in name)}
    return next(iter(hits)) if len(hits) == 1 else None


class Writer:
    """Turns parsed rows into inserts, updates and counts; one instance per import."""

    def __init__(self, session: Session, actor: str) -> None:
        self.s = session
        self.actor = actor
        streets = session.execute(select(Street.id, Street.name, Street.short_name)).all()
        estates = [(i, n, sid) for i, n, sid in session.execute(select(Estate.id, Estate.name, Estate.street_id))]
        self.estate_names = {i: n for i, n, _sid in estates}
        # On a shared server the file may name other stations' estates: those rows are theirs to import.
        area = station.station_estate_ids(session)
        self.area = None if area is None else set(area)
        self.estates = R.EstateMatcher(
            estates,
            [(e, a) for e, a in session.execute(select(EstateAlias.estate_id, EstateAlias.alias))],
            [n for _i, n, _sh in streets],
        )
        self.street_of_estate = dict(self.estates.street_of)
        self.categories = R.CategoryMatcher(
            [(i, c, n) for i, c, n in session.execute(select(Category.id, Category.code, Category.name))])
        self.street_ids: dict[str, int] = {}
        for i, n, short in streets:
            self.street_ids[R.match_text(n)] = i
            self.street_ids.setdefault(R.match_text(short), i)
        self.calendar = load_calendar(session)

    def _foreign_estate(self, estate_id: int | None) -> str | None:
        """The name of an estate outside the station's area, else None (a row without an estate belongs to nobody
        yet: it goes in, and whoever resolves its address assigns it)."""
        if estate_id is None or self.area is None or estate_id in self.area:
            return None
        return self.estate_names.get(estate_id, "")

    def _existing(self, numbers: Sequence[str]) -> dict[str, tuple[int, str, str | None, int | None, str | None]]:
        found = {}
        for start in range(0, len(numbers), 500):
            part = numbers[start : start + 500]
            for cid, no, status, reply, estate_id, address in self.s.execute(
                select(_T.c.id, _T.c.work_order_no, _T.c.status, _T.c.reply, _T.c.estate_id, _T.c.address)
                .where(_T.c.work_order_no.in_(part))
            ):
                found[no] = (cid, status, reply, estate_id, address)
        return found

    def _new_row(self, p: R.ParsedRow, now: datetime, unmatched: dict[str, None]) -> dict[str, Any]:
        assert p.received_at is not None
        street_id = street_of(self.street_ids, p.street)
        estate_id = self.estates.match(p.address, street_id) if p.address else self.estates.match(p.content, street_id)
        if estate_id is None:
            if p.address:
                unmatched[p.address] = None
        elif street_id is None:
            street_id = self.street_of_estate.get(estate_id)
        return {
            "uuid": uuid.uuid4(), "created_at": now, "updated_at": now, "version": 1,
            "work_order_no": p.work_order_no, "channel": p.channel, "received_at": to_utc(p.received_at),
            "complainant_name": p.complainant_name, "complainant_phone": p.complainant_phone,
            "street_id": street_id, "estate_id": estate_id, "address": p.address,
            "address_key": normalize_address(p.address),  # Core insert: the model's validator does not run
            "category_id": self.categories.match(p.category, p.content), "content": p.content or "",
            "reply_due": reply_due(self.calendar, p.received_at, p.due), "status": p.status, "reply": p.reply,
        }

    def write(self, parsed: Sequence[R.ParsedRow], *, report: Callable[[int], None], stop: Callable[[], bool],
              chunk: int, cancelled: type[Exception]) -> dict[str, Any]:
        errors = [(p.row, p.reason) for p in parsed if p.errors]
        duplicates = 0
        first: dict[str, R.ParsedRow] = {}
        for p in parsed:
            if p.errors:
                continue
            assert p.work_order_no is not None
            if p.work_order_no in first:
                duplicates += 1  # the same work order exported twice: the first row counts
            else:
                first[p.work_order_no] = p
        existing = self._existing(list(first))
        now = utcnow()
        unmatched: dict[str, None] = {}
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for no, p in first.items():
            old = existing.get(no)
            if old is None:
                row = self._new_row(p, now, unmatched)
                foreign = self._foreign_estate(row["estate_id"])
                if foreign is None:
                    inserts.append(row)
                else:
                    errors.append((p.row, f"小区“{foreign}”不属于本工作室的范围，未导入：请由所属工作室导入。"))
                continue
            cid, status, reply, estate_id, address = old
            foreign = self._foreign_estate(estate_id)
            if foreign is not None:
                errors.append((p.row, f"该工单已登记在小区“{foreign}”，不属于本工作室的范围，"
                                      "未更新：请由所属工作室处理。"))
                continue
            if estate_id is None and address:
                unmatched[address] = None
            # A status only moves forward: a station's own progress is never undone by an older export.
            new_status = p.status if R.status_rank(p.status) > R.status_rank(status) else status
            new_reply = p.reply if p.reply and p.reply != reply else reply
            if (new_status, new_reply) == (status, reply):
                duplicates += 1
            else:
                updates.append({"b_id": cid, "b_status": new_status, "b_reply": new_reply})
        inserted_ids: list[int] = []
        stmt = insert(_T).returning(_T.c.id, sort_by_parameter_order=True)
        for start in range(0, len(inserts), chunk):
            if stop():
                raise cancelled()
            inserted_ids += [r[0] for r in self.s.execute(stmt, inserts[start : start + chunk])]
            report(start + len(inserts[start : start + chunk]))
        if updates:
            if stop():
                raise cancelled()
            self.s.execute(
                update(_T).where(_T.c.id == bindparam("b_id")).values(
                    status=bindparam("b_status"), reply=bindparam("b_reply"), version=_T.c.version + 1,
                    updated_at=now),
                updates,
            )
        report(len(parsed))
        touched = inserted_ids + [u["b_id"] for u in updates]
        search.reindex(self.s.connection(), "complaints_fts", inserted_ids)
        repeats = detect_repeats(self.s, touched) if touched else 0
        self.s.add(AuditEntry(username=self.actor, action="导入12345工单", entity="complaints", detail=json.dumps(
            {"imported": len(inserted_ids), "updated": len(updates), "duplicates": duplicates,
             "errors": len(errors)}, ensure_ascii=False)))
        return {
            "imported": len(inserted_ids), "updated": len(updates), "duplicates": duplicates,
            "errors": sorted(errors), "unmatched_estates": tuple(unmatched), "repeats_found": repeats,
            "complaint_ids": tuple(touched),
        }
