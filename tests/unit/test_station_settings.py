"""Station-wide settings: defaults from the seed, validation with Chinese messages, nothing stored on bad input."""

from __future__ import annotations

import pytest

from controllers.core.errors import ValidationError
from controllers.station import settings


def test_defaults_come_from_the_seed(app_ctx) -> None:
    assert settings.get_settings(app_ctx) == settings.StationSettings(station_name="城管社区工作室", followup_days=90)


def test_values_are_stored_trimmed(app_ctx) -> None:
    assert settings.set_station_name(app_ctx, "  长风新村街道   城管工作室 ") == "长风新村街道 城管工作室"
    assert settings.set_followup_days(app_ctx, "30") == 30
    assert settings.get_settings(app_ctx) == settings.StationSettings("长风新村街道 城管工作室", 30)


@pytest.mark.parametrize(
    "name, message", [("", "请填写工作室名称"), ("  ", "请填写工作室名称"), ("站" * 61, "最多 60 个字")]
)
def test_bad_station_name_is_refused(app_ctx, name, message) -> None:
    with pytest.raises(ValidationError) as err:
        settings.set_station_name(app_ctx, name)
    assert message in err.value.message and err.value.field == "station_name"
    assert settings.get_station_name(app_ctx) == "城管社区工作室"


def test_sixty_characters_is_allowed(app_ctx) -> None:
    assert settings.set_station_name(app_ctx, "站" * 60) == "站" * 60


@pytest.mark.parametrize("days", [0, 366, -5, "abc", "1.5"])
def test_bad_followup_days_are_refused(app_ctx, days) -> None:
    with pytest.raises(ValidationError) as err:
        settings.set_followup_days(app_ctx, days)
    assert err.value.field == "followup_days"
    assert settings.get_followup_days(app_ctx) == 90


def test_update_stores_nothing_when_one_value_is_bad(app_ctx) -> None:
    with pytest.raises(ValidationError):
        settings.update_settings(app_ctx, station_name="新名称", followup_days=0)
    assert settings.get_station_name(app_ctx) == "城管社区工作室"


def test_version_info_names_the_schema_head(app_ctx) -> None:
    info = settings.version_info(app_ctx)
    assert info.schema_version == info.schema_head
    assert info.app_version
