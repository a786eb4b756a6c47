"""Where a report looks (统计范围): the station, the district, a street, a committee or one estate, as estate sets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from controllers.core.errors import ValidationError
from controllers.station import area as station
from models.reference import Estate, EstateAlias, Street

SCOPE_KINDS = {"station": "本工作室", "district": "全区", "street": "街镇", "committee": "居委会", "estate": "小区"}
SCOPE_HELP = "范围可写为 station（本工作室）、district、street:街镇名、committee:居委会名 或 estate:小区名。"


@dataclass(frozen=True)
class Scope:
    """Where the figure is taken: the whole district, a street, a residents' committee or one estate."""

    kind: str = "district"
    name: str = ""

    @property
    def label(self) -> str:
        if self.kind in ("district", "station"):
            return SCOPE_KINDS[self.kind]
        return f"{SCOPE_KINDS[self.kind]}：{self.name}"


def parse_scope(text: str | None) -> Scope:
    """station | district | street:长征镇 | committee:NAME | estate:NAME (Chinese colon accepted)."""
    raw = (text or "district").strip().replace("：", ":")
    kind, _, name = raw.partition(":")
    kind, name = kind.strip().lower(), name.strip()
    if kind in ("district", "station") and not name:
        return Scope(kind)
    if kind not in SCOPE_KINDS or kind in ("district", "station") or not name:
        raise ValidationError(f"无法识别范围“{raw}”。" + SCOPE_HELP, field="scope")
    return Scope(kind, name)


def _estates_statement(s: Session, scope: Scope) -> Select[int, str, str, str | None]:
    stmt = select(Estate.id, Estate.name, Street.name, Estate.residents_committee).join(Street)
    if scope.kind == "station":
        ids = station.station_estate_ids(s)
        if ids is not None:
            stmt = stmt.where(Estate.id.in_(ids))
    elif scope.kind == "street":
        stmt = stmt.where((Street.name == scope.name) | (Street.short_name == scope.name))
    elif scope.kind == "committee":
        stmt = stmt.where(Estate.residents_committee == scope.name)
    elif scope.kind == "estate":
        alias = select(EstateAlias.estate_id).where(EstateAlias.alias == scope.name)
        stmt = stmt.where((Estate.name == scope.name) | Estate.id.in_(alias))
    return stmt


def scope_estates(s: Session, scope: Scope) -> list[tuple[int, str, str, str]]:
    """(id, name, street, committee) of the estates in scope; ValidationError if the scope names nothing."""
    stmt = _estates_statement(s, scope).order_by(Estate.name)
    rows = [(int(i), str(n), str(st), str(c or "")) for i, n, st, c in s.execute(stmt)]
    if not rows and scope.kind not in ("district", "station"):
        raise ValidationError(f"找不到{SCOPE_KINDS[scope.kind]}“{scope.name}”，请检查名称。", field="scope")
    return rows


def scope_estate_ids(s: Session, scope: Scope) -> list[int] | None:
    """The estate ids of the scope for an `estate_id IN (...)` condition; None when it covers every estate."""
    if scope.kind == "district":
        return None
    if scope.kind == "station":
        return station.station_estate_ids(s)
    return [row[0] for row in scope_estates(s, scope)]
