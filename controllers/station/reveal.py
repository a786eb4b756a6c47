"""显示号码: a role that may see personal data reads one record's full phone number to call the person back.

Lists and the handling dialog show 188****3809. A clerk who must ring a complainant (or a case's party) back asks
for the full number of that one record; each such reveal is one audit entry (who, which record, when), never the
number itself. The number is returned to the caller only: it is not logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from controllers.core import audit
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, UserError, ValidationError
from controllers.core.permissions import requires
from controllers.station.views import require_visible
from models.cases import Case
from models.complaints import Complaint


@dataclass(frozen=True)
class PhoneField:
    """Where a kind of record keeps the phone number a clerk may call."""

    load: Callable[[Session, int], Case | Complaint | None]
    column: str
    entity: str  # the audit log's record kind (the table name)
    noun: str  # how a message names the record


PHONE_FIELDS: dict[str, PhoneField] = {
    "complaint": PhoneField(lambda s, i: s.get(Complaint, i), "complainant_phone", "complaints", "诉件"),
    "case": PhoneField(lambda s, i: s.get(Case, i), "party_phone", "cases", "案件"),
}


@requires("view_personal")
def reveal_phone(ctx: AppContext, kind: str, record_id: int) -> str:
    """The full phone number of one complaint's complainant or one case's party; writes one audit entry.

    Refused in Chinese for roles without 查看完整的个人信息 (督导, 居委代表), for a record outside the current
    view, and when the record has no number (nothing is audited then: nothing was shown).
    """
    spec = PHONE_FIELDS.get(kind)
    if spec is None:
        raise ValidationError("只能显示诉件投诉人或案件当事人的电话号码。", field="kind")
    with ctx.db.session() as s:
        record = spec.load(s, record_id)
        if record is None:
            raise NotFoundError(f"找不到该{spec.noun}，可能已被删除。请刷新列表。")
        require_visible(ctx, s, record.estate_id, noun=spec.noun)
        phone = (getattr(record, spec.column) or "").strip()
        if not phone:
            raise UserError(f"该{spec.noun}没有登记电话号码。")
        # In the same transaction as the read: a reveal that could not be recorded shows nothing.
        audit.record(ctx, "reveal_phone", entity=spec.entity, entity_uuid=record.uuid, session=s)
    return phone
