"""The collector held during a start: off while the app starts, back on (with the start's objects frozen) once the
start is over, for the GUI and for every command; never turned on where someone else turned it off."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import run
from controllers.core import start_gc


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    was = gc.isenabled()
    yield
    start_gc.resume()  # a test that failed midway must not leave the hold for the next one
    gc.unfreeze()
    (gc.enable if was else gc.disable)()


def test_a_held_start_collects_again_once_resumed_and_later_collections_skip_what_it_made() -> None:
    gc.unfreeze()
    start_gc.hold()
    assert not gc.isenabled()
    start_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resuming_without_a_hold_changes_nothing() -> None:
    gc.unfreeze()
    start_gc.resume()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    start_gc.hold()
    start_gc.resume()
    assert not gc.isenabled()


def test_every_command_but_the_gui_runs_with_the_collector_on(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    start_gc.hold()  # as main.py does before its imports
    assert run(["init", "--data-dir", str(tmp_path / "data")]) == 0
    assert gc.isenabled()


def test_a_refused_command_still_resumes_once_it_began(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    start_gc.hold()
    assert run(["export", "cases", "--data-dir", str(tmp_path / "data"), "-o", str(tmp_path / "x.txt")]) == 2
    assert gc.isenabled()
