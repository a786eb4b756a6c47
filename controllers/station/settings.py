"""Station-wide settings kept with the data (station name, follow-up days) and the version facts for 设置."""

from __future__ import annotations

import importlib.metadata
import json
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.station import area as station
from controllers.storage import server_config
from models import migrate
from models.admin import Setting, setting_values

STATION_NAME_KEY = "station_name"
FOLLOWUP_DAYS_KEY = "followup_days"

DEFAULT_STATION_NAME = "城管社区工作室"
# Same as the seed (resources/seed/reference.json): a quarter after closing for the 回头看 visit.
DEFAULT_FOLLOWUP_DAYS = 90
STATION_NAME_MAX = 60
FOLLOWUP_DAYS_MIN = 1
FOLLOWUP_DAYS_MAX = 365


@dataclass(frozen=True)
class StationSettings:
    """The station-wide settings as the 设置 page shows them."""

    station_name: str
    followup_days: int


@dataclass(frozen=True)
class VersionInfo:
    """Program and database versions, shown in 设置 and useful in support calls."""

    app_version: str
    schema_version: str | None
    schema_head: str


def _read(ctx: AppContext, key: str) -> str | None:
    with ctx.db.session() as s:
        return setting_values(s, [key]).get(key)


def _put(s: Session, key: str, value: str) -> None:
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value


def _write(ctx: AppContext, key: str, value: str) -> None:
    with ctx.db.session() as s:
        _put(s, key, value)


def _days_or_default(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_FOLLOWUP_DAYS
    try:
        return validate_followup_days(raw)
    except ValidationError:
        # A value edited outside the app must not stop the app from starting; fall back to the default.
        return DEFAULT_FOLLOWUP_DAYS


def validate_station_name(name: str) -> str:
    """Return the trimmed name or raise ValidationError with what to fix."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise ValidationError("请填写工作室名称。", field=STATION_NAME_KEY)
    if len(cleaned) > STATION_NAME_MAX:
        raise ValidationError(
            f"工作室名称最多 {STATION_NAME_MAX} 个字，现在有 {len(cleaned)} 个字，请缩短。", field=STATION_NAME_KEY
        )
    return cleaned


def validate_followup_days(days: int | str) -> int:
    """Return the number of days or raise ValidationError when it is not a whole number in range."""
    try:
        value = int(str(days).strip())
    except ValueError:
        raise ValidationError("回访天数必须是整数。", field=FOLLOWUP_DAYS_KEY) from None
    if not FOLLOWUP_DAYS_MIN <= value <= FOLLOWUP_DAYS_MAX:
        raise ValidationError(
            f"回访天数应在 {FOLLOWUP_DAYS_MIN} 到 {FOLLOWUP_DAYS_MAX} 天之间。", field=FOLLOWUP_DAYS_KEY
        )
    return value


def get_station_name(ctx: AppContext) -> str:
    """The station this desk works for: on a shared server the desk's own (server.json), else the database's."""
    return ctx.db.station_scope or _read(ctx, STATION_NAME_KEY) or DEFAULT_STATION_NAME


@requires("edit_settings")
def set_station_name(ctx: AppContext, name: str) -> str:
    """Validate and store the station name; returns what was stored.

    On a shared server several stations share the database, so the name is the desk's (kept in server.json with
    the server address) and says which station's area the desk works in. Renaming takes the area along.
    """
    cleaned = validate_station_name(name)
    with ctx.db.session() as s:
        _store_name(ctx, s, cleaned)
    return cleaned


def _store_name(ctx: AppContext, s: Session, name: str) -> None:
    """The station name into the database, or on a shared server into this desk's server.json."""
    if ctx.db.is_sqlite:
        _put(s, STATION_NAME_KEY, name)
        return
    before, after = station.area_key(ctx.db.station_scope), station.area_key(name)
    old = s.get(Setting, before)
    if before != after and old is not None and s.get(Setting, after) is None:
        s.add(Setting(key=after, value=old.value))
    s.flush()  # a refused write fails here, before the desk's file names the new station
    server_config.save(ctx.data_dir, replace(server_config.load(ctx.data_dir), station_name=name))
    ctx.db.station_scope = name


def get_followup_days(ctx: AppContext) -> int:
    return _days_or_default(_read(ctx, FOLLOWUP_DAYS_KEY))


@requires("edit_settings")
def set_followup_days(ctx: AppContext, days: int | str) -> int:
    """Validate and store the follow-up interval in days; returns what was stored."""
    value = validate_followup_days(days)
    _write(ctx, FOLLOWUP_DAYS_KEY, str(value))
    return value


@requires("view")
def get_settings(ctx: AppContext) -> StationSettings:
    keys = (STATION_NAME_KEY, FOLLOWUP_DAYS_KEY)
    with ctx.db.session() as s:
        # Not dict(result): a Result has .keys(), so dict() would treat it as a mapping.
        rows = {k: v for k, v in s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))}
    return StationSettings(
        station_name=ctx.db.station_scope or rows.get(STATION_NAME_KEY) or DEFAULT_STATION_NAME,
        followup_days=_days_or_default(rows.get(FOLLOWUP_DAYS_KEY)),
    )


@requires("edit_settings")
def update_settings(ctx: AppContext, *, station_name: str, followup_days: int | str) -> StationSettings:
    """Validate both values first, then store them in one transaction, so a bad value stores nothing."""
    name = validate_station_name(station_name)
    days = validate_followup_days(followup_days)
    with ctx.db.session() as s:
        _put(s, FOLLOWUP_DAYS_KEY, str(days))
        _store_name(ctx, s, name)
    return StationSettings(station_name=name, followup_days=days)


def app_version() -> str:
    try:
        return importlib.metadata.version("station-ledger")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


@requires("view")
def version_info(ctx: AppContext) -> VersionInfo:
    return VersionInfo(
        app_version=app_version(),
        schema_version=migrate.current_revision(ctx.db.engine),
        schema_head=migrate.head_revision(ctx.db.engine),
    )


# --- 督办 candidates: a case with no timeline event for this many working days in its state looks like 慢作为 -------

STALE_DAYS_KEY = "supervision.stale_days"
DEFAULT_STALE_DAYS: dict[str, int] = {"登记": 3, "核查": 5, "立案": 10, "责令整改": 15, "复查": 5}
STALE_DAYS_MAX = 250


def _stale_days(raw: str | None) -> dict[str, int]:
    """The stored days per state, defaults filled in; a damaged setting falls back to the defaults."""
    out = dict(DEFAULT_STALE_DAYS)
    try:
        stored = json.loads(raw) if raw else {}
    except ValueError:
        stored = {}
    if isinstance(stored, dict):
        for state in out:
            value = stored.get(state)
            if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= STALE_DAYS_MAX:
                out[state] = value
    return out


@requires("view")
def get_stale_days(ctx: AppContext) -> dict[str, int]:
    return _stale_days(_read(ctx, STALE_DAYS_KEY))


@requires("edit_settings")
def set_stale_days(ctx: AppContext, days: dict[str, int | str]) -> dict[str, int]:
    """Validate every state's working days first, then store them together; a bad value stores nothing."""
    out = get_stale_days(ctx)
    for state, value in days.items():
        if state not in DEFAULT_STALE_DAYS:
            raise ValidationError(f"“{state}”不是可设置督办提示天数的案件状态。未做任何更改。", field="stale_days")
        try:
            number = int(str(value).strip())
        except ValueError:
            number = 0
        if not 1 <= number <= STALE_DAYS_MAX:
            raise ValidationError(f"“{state}”的天数应为 1 至 {STALE_DAYS_MAX} 个工作日。未做任何更改。",
                                  field="stale_days")
        out[state] = number
    _write(ctx, STALE_DAYS_KEY, json.dumps(out, ensure_ascii=False))
    return out
