"""Internals shared by the case controllers: loading a case, version checks, timeline events."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session, joinedload

from controllers.core.clock import utcnow
from controllers.core.errors import ConflictError, NotFoundError
from models.cases import Case, CaseEvent

# Where a case is still being worked on; side states (挂账, 移交) start from these.
OPEN_STATUSES = ("登记", "核查", "立案", "责令整改", "复查")

CONFLICT_MESSAGE = (
    "该案件已被他人修改并保存（可能在另一个窗口或另一台电脑）。为避免覆盖对方的修改，本次未保存。请重新载入后再修改。"
)


def fetch_case(s: Session, case_id: int) -> Case:
    # The rows every case window names, in the same query (on a server each lazy load is another round trip).
    options = [joinedload(Case.category), joinedload(Case.estate), joinedload(Case.street), joinedload(Case.officer)]
    if s.get_bind().dialect.name != "sqlite":
        # Its legal basis too (a handful of rows, so the join repeats the case's row a handful of times). Not on
        # SQLite: it materializes that nested join by scanning every case's regulations (250 ms at 100k cases), and a
        # separate query there costs no round trip.
        options.append(joinedload(Case.regulations))
    case = s.get(Case, case_id, options=options)
    if case is None:
        raise NotFoundError("找不到该案件，可能已被删除。请刷新列表。")
    return case


def check_version(case: Case, expected_version: int | None) -> None:
    """Refuse to write over a save made since the caller loaded the case."""
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(CONFLICT_MESSAGE)


def add_event(
    s: Session,
    case_id: int,
    *,
    actor: str,
    kind: str,
    note: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    changes: dict[str, Any] | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case_id,
        at=utcnow(),
        actor=actor,
        kind=kind,
        note=note,
        from_status=from_status,
        to_status=to_status,
        changes=json.dumps(changes, ensure_ascii=False) if changes else None,
    )
    s.add(event)
    return event

