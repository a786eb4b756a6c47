"""Where "has this station been set up" lives (a station setting) and the demo folder's guards."""

from __future__ import annotations

from pathlib import Path

import pytest

from controllers.core.context import AppContext
from controllers.core.errors import DataDirError, ValidationError
from controllers.core.paths import DataDir
from controllers.demo import mark, sandbox
from controllers.reference import people
from controllers.station import setup_guide
from tests.unit.case_fixtures import make_estate, new_case


def test_a_fresh_database_is_due_for_the_guide_until_it_is_marked(app_ctx: AppContext) -> None:
    assert setup_guide.guide_due(app_ctx)
    assert setup_guide.setup_state(app_ctx) == setup_guide.SetupState(guide_done=False, estates=0, staff=0, cases=0)
    setup_guide.mark_guide_done(app_ctx)
    assert not setup_guide.guide_due(app_ctx)
    assert setup_guide.setup_state(app_ctx).guide_done


def test_a_database_with_cases_is_never_pushed_into_the_guide(app_ctx: AppContext) -> None:
    new_case(app_ctx)  # an upgraded or restored ledger: no mark, but long in use
    assert not setup_guide.guide_due(app_ctx)


def test_the_counts_follow_what_the_station_enters(app_ctx: AppContext) -> None:
    assert not setup_guide.has_estates(app_ctx)
    make_estate(app_ctx)
    people.create_staff(app_ctx, name="王强")
    state = setup_guide.setup_state(app_ctx)
    assert (state.estates, state.staff) == (1, 1)
    assert setup_guide.has_estates(app_ctx)


def test_the_demo_folder_is_apart_from_the_real_one(tmp_path: Path) -> None:
    real = DataDir(tmp_path / "real")
    for overlapping in (real.root, real.root / "演示数据", tmp_path):
        with pytest.raises(DataDirError):
            sandbox.check_apart(DataDir(overlapping), real)
    sandbox.check_apart(DataDir(tmp_path / "station-ledger-演示数据"), real)
    assert sandbox.demo_data_dir().root.name == "station-ledger-演示数据"


def test_demo_data_is_never_written_into_a_ledger_with_records(app_ctx: AppContext) -> None:
    new_case(app_ctx)
    with pytest.raises(ValidationError, match="不是演示数据"):
        sandbox.fill_demo(app_ctx)
    assert not mark.is_demo(app_ctx)
