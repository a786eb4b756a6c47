"""The station's own area (本工作室的范围): its street and the estates it looks after, kept in settings.

A station alone on its desk usually holds only its own estates, so an unset area means "every estate in the
database". On a shared street server the same database holds several stations' estates: each station names its
street and, if it does not cover the whole street, its estates.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from models.admin import Setting
from models.db import STATION_SCOPE
from models.reference import Estate, Street

log = logging.getLogger(__name__)

STATION_AREA_KEY = "station_area"


@dataclass(frozen=True)
class StationArea:
    """The station's street (None = not set) and the estates it chose (empty = all of the street's)."""

    street: str | None = None
    estate_ids: tuple[int, ...] = ()

    @property
    def covers_everything(self) -> bool:
        return self.street is None and not self.estate_ids


def _parse(raw: str | None) -> StationArea:
    if not raw:
        return StationArea()
    try:
        data = json.loads(raw)
        street = data.get("street") or None
        estate_ids = tuple(sorted({int(i) for i in data.get("estate_ids") or ()}))
    except (ValueError, TypeError, AttributeError):
        # A value edited outside the app must not stop the app; the station then sees every estate.
        log.warning("ignoring an unreadable station area setting")
        return StationArea()
    return StationArea(street=str(street) if street else None, estate_ids=estate_ids)


# Session.info keys: the area and its estates are read once per unit of work. Saving a record checks the area and
# then shows the record in the desk's view; on a server each read is a round trip.
_AREA = "station_area"
_AREA_ESTATES = "station_area_estate_ids"


def area_key(scope: str | None) -> str:
    """The setting holding a station's area: on a shared server each named station has its own."""
    return STATION_AREA_KEY if scope is None else f"{STATION_AREA_KEY}@{scope}"


def area_in_session(s: Session) -> StationArea:
    area = s.info.get(_AREA)
    if area is None:
        row = s.get(Setting, area_key(s.info.get(STATION_SCOPE)))
        area = s.info[_AREA] = _parse(None if row is None else row.value)
    return area


@requires("view")
def get_station_area(ctx: AppContext) -> StationArea:
    with ctx.db.session() as s:
        return area_in_session(s)


def _street_id(s: Session, name: str) -> int | None:
    stmt = select(Street.id).where((Street.name == name) | (Street.short_name == name))
    return s.scalars(stmt).first()


def station_estate_ids(s: Session) -> list[int] | None:
    """The station's estate ids for an `estate_id IN (...)` condition; None when the station covers everything."""
    if _AREA_ESTATES not in s.info:
        s.info[_AREA_ESTATES] = _station_estate_ids(s)
    ids = s.info[_AREA_ESTATES]
    return None if ids is None else list(ids)


def _station_estate_ids(s: Session) -> list[int] | None:
    area = area_in_session(s)
    if area.estate_ids:
        return list(area.estate_ids)
    if area.street is None:
        return None
    street_id = _street_id(s, area.street)
    if street_id is None:
        # The street was renamed or deleted since: fall back to everything rather than to an empty station.
        log.warning("station street no longer exists; the station area covers every estate")
        return None
    return street_estate_ids(s, street_id)


def street_estate_ids(s: Session, street_id: int) -> list[int]:
    """Every estate of a street (the station's area when it names only a street, and the street-wide view)."""
    return list(s.scalars(select(Estate.id).where(Estate.street_id == street_id).order_by(Estate.id)))


def station_street_id(s: Session) -> int | None:
    """The station's street id (for the street-wide view), or None when no street is set."""
    area = area_in_session(s)
    return None if area.street is None else _street_id(s, area.street)


@requires("edit_settings")
def set_station_area(
    ctx: AppContext, *, street: str | None, estate_ids: list[int] | tuple[int, ...] = ()
) -> StationArea:
    """Validate and store the station's street and estates in one transaction; returns what was stored."""
    name = (street or "").strip() or None
    ids = sorted({int(i) for i in estate_ids})
    with ctx.db.session() as s:
        street_id = None
        if name is not None:
            street_id = _street_id(s, name)
            if street_id is None:
                raise ValidationError(f"找不到街镇“{name}”，请在基础数据中核对名称。", field="street")
            name = s.get(Street, street_id).name  # type: ignore[union-attr]
        if ids:
            found = dict(s.execute(select(Estate.id, Estate.street_id).where(Estate.id.in_(ids))).all())
            missing = [i for i in ids if i not in found]
            if missing:
                raise ValidationError(f"有 {len(missing)} 个小区已不存在，请刷新后重新选择。", field="estate_ids")
            if street_id is not None and any(st != street_id for st in found.values()):
                raise ValidationError(f"所选小区须属于{name}。", field="estate_ids")
        area = StationArea(street=name, estate_ids=tuple(ids))
        value = json.dumps({"street": area.street, "estate_ids": list(area.estate_ids)}, ensure_ascii=False)
        key = area_key(s.info.get(STATION_SCOPE))
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value
        s.info[_AREA] = area
        s.info.pop(_AREA_ESTATES, None)
    return area
