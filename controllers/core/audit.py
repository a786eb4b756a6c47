"""The audit log: who did what to which record, when; written automatically for every ORM change, never personal data.

Entries are append-only: the app offers no edit or delete path. Every ORM write is recorded in the same transaction
(a session hook, so no controller can forget it) with before/after values of key fields only; free text and
personal fields are named as changed, never quoted. Logins, exports, prints, unmasking and restores are recorded
by their controllers through `record()`. Reading the log is controllers.accounts.audit_log.
"""

from __future__ import annotations

import json
import logging
import weakref
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Engine, event, insert, inspect
from sqlalchemy.orm import Session

from controllers.core.clock import utcnow
from models.admin import AuditEntry

if TYPE_CHECKING:
    from controllers.core.context import AppContext

log = logging.getLogger(__name__)

# Values of these columns are shown before/after; every other changed column is only named. None of them can
# hold a person's name, phone or ID number (free text like facts or content might, so it is never quoted).
KEY_FIELDS = frozenset({
    "number", "status", "category_id", "estate_id", "street_id", "deadline", "found_date", "source", "officer_id",
    "closed_on", "followup_due", "followup_done_on", "property_company_id", "channel", "work_order_no",
    "received_at", "reply_due", "replied_on", "satisfaction", "repeat_of_id", "case_id", "complaint_id",
    "department_id", "referred_on", "received_on", "kind", "held_on", "due", "role", "active", "username", "code",
    "deadline_days", "training_id", "meeting_id", "kind_id", "starts_at", "planned_count", "actual_count",
    "attended", "year", "annex_no", "sort_order", "penalty_decided_on", "penalty_amount",
})
# Tables whose `name` is a place, organisation or list entry, not a person: their names may be quoted.
NAMED_THINGS = frozenset({
    "streets", "estates", "property_companies", "categories", "regulations", "departments", "estate_grades",
    "training_kinds",
})
# Never audited by the hook: the log itself, the case timeline (the case's own history), accounts (accounts.py
# writes explicit entries, not each failed-attempt counter) and the backup bookkeeping keys.
SKIPPED_TABLES = frozenset({"audit_log", "case_events", "users", "user_estates"})
SKIPPED_SETTING_PREFIXES = ("backup.", "import_mapping.")
# Detail keys a caller must never pass (a guard against quoting personal data by mistake).
PERSONAL_KEYS = frozenset({"name", "phone", "complainant_name", "complainant_phone", "party_name", "party_phone",
                           "party_id_no", "password", "password_hash"})
BOOKKEEPING = frozenset({"id", "uuid", "created_at", "updated_at", "version"})

_contexts: weakref.WeakKeyDictionary[Engine, Any] = weakref.WeakKeyDictionary()


def bind(ctx: AppContext) -> None:
    """Let the flush hook find who is acting for sessions on this context's engine."""
    _contexts[ctx.db.engine] = weakref.ref(ctx)


def _username_for(session: Session) -> str | None:
    bind_ = session.get_bind()
    engine = bind_ if isinstance(bind_, Engine) else getattr(bind_, "engine", None)
    ref = _contexts.get(engine) if engine is not None else None
    ctx = ref() if ref is not None else None
    return ctx.user.username if ctx is not None else None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _quotable(table: str, column: str) -> bool:
    return column in KEY_FIELDS or (column == "name" and table in NAMED_THINGS)


def _row_for(obj: Any, action: str, username: str | None, at: datetime) -> dict[str, Any] | None:
    table = getattr(obj, "__tablename__", None)
    if table is None or table in SKIPPED_TABLES:
        return None
    state = inspect(obj)
    detail: dict[str, Any] = {}
    if table == "settings":
        if str(obj.key).startswith(SKIPPED_SETTING_PREFIXES):
            return None
        detail["key"] = obj.key
    changed: list[str] = []
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in BOOKKEEPING:
            continue
        hist = state.attrs[key].history
        if action == "update" and not hist.has_changes():
            continue
        if action == "update":
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
        else:
            old, new = (getattr(obj, key, None), None) if action == "delete" else (None, getattr(obj, key, None))
        if old is None and new is None:
            continue
        changed.append(key)
        if _quotable(table, key):
            if action != "create":
                before[key] = _plain(old)
            if action != "delete":
                after[key] = _plain(new)
    if action == "update":
        changed += [r.key for r in state.mapper.relationships
                    if r.secondary is not None and state.attrs[r.key].history.has_changes()]
        if not changed:
            return None
    detail["fields"] = changed
    if before:
        detail["before"] = before
    if after:
        detail["after"] = after
    uuid_value = getattr(obj, "uuid", None)
    return {"at": at, "username": username, "action": action, "entity": table,
            "entity_uuid": str(uuid_value) if uuid_value is not None else None,
            "detail": json.dumps(detail, ensure_ascii=False)}


def _after_flush(session: Session, _context: object) -> None:
    """Record every ORM insert, update and delete in the same transaction (rolled back together with it)."""
    if not (session.new or session.dirty or session.deleted):
        return
    username = _username_for(session)
    at = utcnow()
    rows = []
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            if action == "update" and not session.is_modified(obj, include_collections=True):
                continue
            row = _row_for(obj, action, username, at)
            if row is not None:
                rows.append(row)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


event.listen(Session, "after_flush", _after_flush)


def _clean(detail: dict[str, Any] | None) -> str | None:
    if not detail:
        return None
    bad = PERSONAL_KEYS.intersection(detail)
    if bad:  # a programming error, but the log must stay clean even then
        log.error("audit detail with personal keys dropped: %s", sorted(bad))
    return json.dumps({k: _plain(v) for k, v in detail.items() if k not in PERSONAL_KEYS}, ensure_ascii=False)


def record(ctx: AppContext, action: str, *, entity: str | None = None, entity_uuid: str | UUID | None = None,
           detail: dict[str, Any] | None = None, username: str | None = None, session: Session | None = None) -> None:
    """Append one entry (own transaction unless `session` is given); `detail` must never hold personal data."""
    values = {"at": utcnow(), "username": (username if username is not None else ctx.user.username)[:40] or None,
              "action": action, "entity": entity, "entity_uuid": str(entity_uuid) if entity_uuid else None,
              "detail": _clean(detail)}
    if session is not None:
        session.execute(insert(AuditEntry), [values])
        return
    with ctx.db.session() as s:
        s.execute(insert(AuditEntry), [values])


def exported(ctx: AppContext, entity: str, rows: int, *, personal: bool = False, action: str = "export") -> None:
    """An export or print happened: what kind of records, how many, whether personal data was in it (never which)."""
    record(ctx, action, entity=entity, detail={"rows": rows, "personal": personal})
